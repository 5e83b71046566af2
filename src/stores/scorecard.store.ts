import { sql, type Db, type Sql } from '../db/sql';
import type { PublishedProcedureFields } from '../domain/scorecard';

/**
 * The facts behind a scorecard (src/domain/scorecard.ts formulas; src/queries/scorecard.queries.ts
 * adds them up), the agency look-ups of the scorecard fields and the agency tree the scorecard
 * feed marks dirty. The dossier facts are one pass over the narrow dossier_fact rows (kept by
 * triggers, migration 0007) — bench scorecard: province p50 ~126 ms over 1M dossiers; keep the
 * statements' shape.
 */

/** The agency and its descendants as the CTE `scope(id)`; null = every agency. */
function scopeCte(agencyCode: string | null): Sql {
  return sql`with recursive scope(id) as (
      select id from agency where (${agencyCode}::text is null or code = ${agencyCode})
      union select a.id from agency a join scope s on a.parent_id = s.id where ${agencyCode}::text is not null)`;
}

/** The period and scope of a scorecard's facts: [start, end) instants, judged as of `asOf`. */
export interface FactsPeriod {
  /** null: the whole province. */
  agencyCode: string | null;
  start: Date;
  end: Date;
  asOf: Date;
}

/** Per-procedure sums of the dossiers received in the period (strings or numbers: bigint counts). */
export type DossierFactGroup = Record<string, string | number | null> & { procedure_id: string };

/**
 * Dossier facts of the period per procedure: one pass over the dossier_fact rows of the period,
 * grouped by procedure so PostgreSQL can aggregate in parallel; only "late" of an unfinished
 * dossier depends on asOf. For one agency (and those below it) the agency's receipt-time index,
 * not the province's range. The caller adds the groups up with each procedure's facts.
 */
export function dossierFactsQuery(p: FactsPeriod): Sql {
  const scoped = p.agencyCode ? sql`and f.agency_id in (select id from scope)` : sql.empty;
  return sql`${scopeCte(p.agencyCode)}
     select
       f.procedure_id,
       count(*) as received,
       count(*) filter (where f.completed_at is not null and not (f.many_supplements or f.received_late or f.completed_at > f.due_at)) as finished_on_time,
       count(*) filter (where f.completed_at is null and not (f.many_supplements or f.received_late or coalesce(f.paused_at, ${p.asOf}::timestamptz) > f.due_at)) as unfinished_within_time,
       count(*) filter (where f.received_late) as received_late,
       count(*) filter (where f.online) as online,
       count(*) filter (where f.has_result) as with_result,
       count(*) filter (where f.electronic_result) as electronic_result,
       coalesce(sum(f.components_count), 0) as components_submitted,
       coalesce(sum(f.components_reused), 0) as components_reused,
       coalesce(sum(f.components_certified), 0) as components_certified,
       count(*) filter (where f.result_in_store) as results_in_store,
       count(*) filter (where f.citizen) as citizen,
       count(*) filter (where f.citizen and f.population_checked) as citizen_checked,
       count(*) filter (where f.population_checked) as population_checked,
       count(*) filter (where f.has_fees) as with_fees,
       count(*) filter (where f.has_fees and f.paid_online) as paid_online,
       count(*) filter (where f.unhappy) as unsatisfied
     from dossier_fact f
     where f.received_at >= ${p.start} and f.received_at < ${p.end} ${scoped}
     group by f.procedure_id`;
}

export function dossierFactGroups(db: Db, p: FactsPeriod): Promise<DossierFactGroup[]> {
  return db.all<DossierFactGroup>(dossierFactsQuery(p));
}

/**
 * Dossiers of the period (and scope) with a national-portal message not yet delivered: driven
 * by the few unsent messages.
 */
export async function unsyncedDossiers(db: Db, p: Omit<FactsPeriod, 'asOf'>): Promise<number> {
  const r = await db.one<{ n: number }>(sql`${scopeCte(p.agencyCode)}
     select count(*)::int as n
       from (select distinct aggregate_id from outbox where status <> 'SENT') u
       join dossier_fact f on f.dossier_id = u.aggregate_id
      where f.received_at >= ${p.start} and f.received_at < ${p.end} and (${p.agencyCode}::text is null or f.agency_id in (select id from scope))`);
  return r!.n;
}

/** Each procedure's facts the sums need: full online service, and how many required components. */
export interface ProcedureFacts {
  id: string;
  fullOnline: boolean;
  required: number;
}

export async function procedureFacts(db: Db): Promise<ProcedureFacts[]> {
  const rows = await db.all<{ id: string; full_online: boolean; required: number }>(
    sql`select id, service_level = 'FULL_ONLINE' as full_online,
                (select count(*) from jsonb_array_elements(components) c where (c->>'required')::boolean)::int as required from procedure`,
  );
  return rows.map((r) => ({ id: r.id, fullOnline: r.full_online, required: r.required }));
}

/**
 * Feedback submitted in the period (not rejected) and how many of it was handled on time
 * (answered on time, or not answered yet and still within its answer deadline). In the
 * province's scorecard the feedback without an agency counts too.
 */
export async function feedbackFacts(db: Db, p: FactsPeriod): Promise<{ received: number; onTime: number }> {
  const r = (await db.one<{ received: string | number; on_time: string | number }>(sql`${scopeCte(p.agencyCode)}
     select count(*) as received,
            count(*) filter (where (answered_at is not null and answered_on_time) or (answered_at is null and answer_due_at >= ${p.asOf})) as on_time
       from feedback f
      where f.submitted_at >= ${p.start} and f.submitted_at < ${p.end} and f.status <> 'REJECTED'
        and (f.agency_id in (select id from scope) or (${p.agencyCode}::text is null and f.agency_id is null))`))!;
  return { received: Number(r.received ?? 0), onTime: Number(r.on_time ?? 0) };
}

/** The procedures of the scope (served by the agency or one below it; null: every procedure). */
export async function scopeProcedures(db: Db, agencyCode: string | null): Promise<PublishedProcedureFields[]> {
  const rows = await db.all(sql`${scopeCte(agencyCode)}
     select pr.name, s.code as sector_code, pr.steps, pr.channels, pr.components, pr.processing_working_days, pr.target_subjects,
            pr.result_description, pr.legal_bases, pr.location,
            (select array_agg(a.code) from procedure_agency pa join agency a on a.id = pa.agency_id where pa.procedure_id = pr.id) as agency_codes
       from procedure pr join sector s on s.id = pr.sector_id
      where ${agencyCode}::text is null or exists (select 1 from procedure_agency pa where pa.procedure_id = pr.id and pa.agency_id in (select id from scope))`);
  return rows.map((p) => ({
    name: p.name,
    sectorCode: p.sector_code,
    agencyCodes: p.agency_codes ?? [],
    steps: p.steps ?? [],
    channels: p.channels ?? [],
    components: p.components ?? [],
    processingWorkingDays: p.processing_working_days,
    targetSubjects: p.target_subjects ?? [],
    resultDescription: p.result_description,
    legalBases: p.legal_bases ?? [],
    location: p.location,
  }));
}

// ------------------------------------------------------------------ agencies

/** An agency's id by its code, or null. */
export async function agencyIdByCode(db: Db, code: string): Promise<string | null> {
  const r = await db.one<{ id: string }>(sql`select id from agency where code = ${code}`);
  return r?.id ?? null;
}

/** Every agency's parent (by code; null at the top): the tree the scorecard feed marks dirty upwards. */
export async function agencyParents(db: Db): Promise<Map<string, string | null>> {
  const rows = await db.all<{ code: string; parent: string | null }>(
    sql`select a.code, p.code as parent from agency a left join agency p on p.id = a.parent_id`,
  );
  return new Map(rows.map((r) => [r.code, r.parent]));
}
