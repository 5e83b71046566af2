import type { Db } from '../db/sql';
import { submissionTarget, type SubmissionTarget } from '../stores/catalogue.store';

export type { SubmissionTarget } from '../stores/catalogue.store';

/**
 * The procedure and agency of a submission, read in one statement and kept for a short time
 * (the catalogue changes rarely; a dossier keeps its own copy of the fees). Each process
 * forgets what it holds when it changes a procedure itself; another process's change is seen
 * within `ttlMs`.
 */
export class SubmissionCatalogue {
  private readonly cache = new Map<string, { at: number; target: SubmissionTarget }>();

  constructor(private readonly ttlMs = 30_000, private readonly maxEntries = 10_000) {}

  async get(db: Db, procedureCode: string, agencyCode: string, nowMs = Date.now()): Promise<SubmissionTarget> {
    const key = `${procedureCode}\u0000${agencyCode}`;
    const hit = this.cache.get(key);
    if (hit && nowMs - hit.at < this.ttlMs) return hit.target;
    const target = await submissionTarget(db, procedureCode, agencyCode);
    if (this.cache.size >= this.maxEntries) this.cache.clear();
    this.cache.set(key, { at: nowMs, target });
    return target;
  }

  /** Forget everything (after this process changed the catalogue). */
  clear(): void {
    this.cache.clear();
  }
}
