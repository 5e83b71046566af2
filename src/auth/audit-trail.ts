import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { Db } from '../db/sql';
import { appendAuditEntries, type AuditEntry } from '../stores/audit.store';
import { vnDate } from '../domain/vn-time';
import type { AuditContent } from '../domain/audit-chain';
import type { Viewer } from './viewer';

/**
 * The audit trail's writer (issue 16): requests hand it entries and go on; it writes them in
 * batches (every AUDIT_FLUSH_MS or AUDIT_BATCH entries) off the request path. Writing never
 * blocks or fails a request: a batch that cannot be written is tried again a few times, then
 * counted (dvc_audit_write_failures_total) and logged; a full queue drops and counts too.
 */
export class AuditTrail {
  private queue: AuditEntry[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private attempts = 0;
  /** Entries written, and entries lost (failed batches, full queue): for metrics and tests. */
  written = 0;
  lost = 0;
  onLost: (n: number) => void = () => {};

  constructor(
    private readonly deps: { forkEm(): EntityManager; log: Logger },
    private readonly opts: { flushMs: number; batch: number; maxQueue: number; enabled: boolean },
  ) {}

  /** Queues one entry (its day is the Vietnam date of `at`). */
  record(e: Omit<AuditEntry, 'day'>): void {
    if (!this.opts.enabled) return;
    if (this.queue.length >= this.opts.maxQueue) {
      this.lose(1, 'the audit queue is full');
      return;
    }
    this.queue.push({ ...e, day: vnDate(e.at) });
    if (this.queue.length >= this.opts.batch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.opts.flushMs);
  }

  private lose(n: number, why: string, err?: unknown): void {
    this.lost += n;
    this.onLost(n);
    this.deps.log.error({ err, entries: n }, `audit entries lost: ${why}`);
  }

  /** Writes what is queued now (and waits for a write in progress). Never throws. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.writing) await this.writing;
    if (this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.opts.batch);
    this.writing = (async () => {
      try {
        await appendAuditEntries(new Db(this.deps.forkEm()), batch);
        this.written += batch.length;
        this.attempts = 0;
      } catch (e) {
        if (++this.attempts < 3) {
          this.queue.unshift(...batch);
          this.deps.log.warn({ err: e, entries: batch.length, attempt: this.attempts }, 'audit batch not written; trying again');
        } else {
          this.attempts = 0;
          this.lose(batch.length, 'the audit batch could not be written', e);
        }
      } finally {
        this.writing = null;
      }
    })();
    await this.writing;
    if (this.queue.length) this.timer ??= setTimeout(() => void this.flush(), this.opts.flushMs);
  }

  /** Writes everything queued (shutdown, tests). */
  async drain(): Promise<void> {
    for (let i = 0; i < 100 && (this.queue.length || this.writing); i++) await this.flush();
  }
}

/** Who did it, as the trail records it. */
export function actorOf(viewer: Viewer): Pick<AuditContent, 'subject' | 'roles' | 'serviceAccountId'> {
  return { subject: viewer.subject, roles: [...viewer.roles], serviceAccountId: viewer.serviceAccount?.id ?? null };
}

/** A read of personal data within one request, before the request's facts (IP, id) are known. */
export interface AuditRead {
  kind: 'READ' | 'DOWNLOAD';
  operation: string;
  dossierId?: string | null;
  dossierCode?: string | null;
  documentId?: string | null;
  target?: string | null;
}

/**
 * One request's reads of personal data, each once (a list of 50 dossiers' applicants is 50
 * entries, the same dossier asked twice is one). Handed to the trail when the request ends.
 */
export class RequestAudit {
  readonly reads = new Map<string, AuditRead>();

  read(r: AuditRead): void {
    const key = `${r.operation}|${r.dossierId ?? ''}|${r.documentId ?? ''}|${r.target ?? ''}`;
    if (!this.reads.has(key)) this.reads.set(key, r);
  }

  dossierRead(operation: string, d: { id: string; code: string }): void {
    this.read({ kind: 'READ', operation, dossierId: d.id, dossierCode: d.code });
  }
}
