import type { EntityManager } from '@mikro-orm/postgresql';
import type { ComponentSpecData, FeeData, SubmissionChannel } from '../domain/catalogue';

/** What a submission needs to know of its procedure and agency. */
export interface SubmissionTarget {
  procedure: { id: string; code: string; name: string; sectorCode: string; channels: SubmissionChannel[]; components: ComponentSpecData[]; fees: FeeData[] } | null;
  agency: { id: string; code: string } | null;
  /** Does the agency carry out the procedure? */
  implementsIt: boolean;
}

/**
 * The procedure and agency of a submission, read in one statement and kept for a short time
 * (the catalogue changes rarely; a dossier keeps its own copy of the fees). Each process
 * forgets what it holds when it changes a procedure itself; another process's change is seen
 * within `ttlMs`.
 */
export class SubmissionCatalogue {
  private readonly cache = new Map<string, { at: number; target: SubmissionTarget }>();

  constructor(private readonly ttlMs = 30_000, private readonly maxEntries = 10_000) {}

  async get(em: EntityManager, procedureCode: string, agencyCode: string, nowMs = Date.now()): Promise<SubmissionTarget> {
    const key = `${procedureCode}\u0000${agencyCode}`;
    const hit = this.cache.get(key);
    if (hit && nowMs - hit.at < this.ttlMs) return hit.target;
    const rows = await em.getConnection().execute<
      { p_id: string | null; p_code: string | null; p_name: string | null; sector_code: string | null; channels: SubmissionChannel[] | null; components: ComponentSpecData[] | null; fees: FeeData[] | null; a_id: string | null; a_code: string | null; implements_it: boolean }[]
    >(
      `select p.id as p_id, p.code as p_code, p.name as p_name, s.code as sector_code, p.channels, p.components, p.fees,
              a.id as a_id, a.code as a_code,
              exists (select 1 from procedure_agency pa where pa.procedure_id = p.id and pa.agency_id = a.id) as implements_it
         from (select 1) one
         left join procedure p on p.code = ?
         left join sector s on s.id = p.sector_id
         left join agency a on a.code = ?`,
      [procedureCode, agencyCode],
    );
    const r = rows[0];
    const target: SubmissionTarget = {
      procedure: r.p_id ? { id: r.p_id, code: r.p_code!, name: r.p_name!, sectorCode: r.sector_code!, channels: r.channels!, components: r.components!, fees: r.fees! } : null,
      agency: r.a_id ? { id: r.a_id, code: r.a_code! } : null,
      implementsIt: !!r.implements_it,
    };
    if (this.cache.size >= this.maxEntries) this.cache.clear();
    this.cache.set(key, { at: nowMs, target });
    return target;
  }

  /** Forget everything (after this process changed the catalogue). */
  clear(): void {
    this.cache.clear();
  }
}
