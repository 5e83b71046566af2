import type { EntityManager } from '@mikro-orm/postgresql';
import { run } from '../commands/dossier-sql';
import { missingPublishedFields, type ScorecardFacts } from '../domain/scorecard';
import { VN_OFFSET_MS } from '../domain/vn-time';

/** The agency and its descendants (params: code, code, code); null = every agency. */
export const SCOPE_SQL = `with recursive scope(id) as (
      select id from agency where (?::text is null or code = ?)
      union select a.id from agency a join scope s on a.parent_id = s.id where ?::text is not null)`;

/**
 * Dossier facts of the province over a period, per procedure (params: scope ×3, asOf, start, end):
 * one pass over the narrow dossier_fact rows of the period (kept by triggers, migration 0007),
 * grouped by procedure so PostgreSQL can aggregate in parallel; only "late" of an unfinished
 * dossier depends on asOf. The caller adds up the groups with each procedure's facts (level,
 * required files) and subtracts the dossiers still waiting for the national portal
 * (UNSYNCED_SQL, driven by the few unsent messages).
 */
export const DOSSIER_FACTS_SQL = `${SCOPE_SQL}
     select
       f.procedure_id,
       count(*) as received,
       count(*) filter (where f.completed_at is not null and not (f.many_supplements or f.completed_at > f.due_at)) as finished_on_time,
       count(*) filter (where f.completed_at is null and not (f.many_supplements or coalesce(f.paused_at, ?::timestamptz) > f.due_at)) as unfinished_within_time,
       count(*) filter (where f.online) as online,
       count(*) filter (where f.has_result) as with_result,
       count(*) filter (where f.electronic_result) as electronic_result,
       coalesce(sum(f.components_count), 0) as components_submitted,
       count(*) filter (where f.citizen) as citizen,
       count(*) filter (where f.citizen and f.population_checked) as citizen_checked,
       count(*) filter (where f.population_checked) as population_checked,
       count(*) filter (where f.has_fees) as with_fees,
       count(*) filter (where f.has_fees and f.paid_online) as paid_online,
       count(*) filter (where f.unhappy) as unsatisfied
     from dossier_fact f
     where f.received_at >= ? and f.received_at < ? /*scope*/
     group by f.procedure_id`;

/** Dossiers of the period (and scope) with a national-portal message not yet delivered (params: scope ×3, start, end). */
export const UNSYNCED_SQL = `${SCOPE_SQL}
     select count(*)::int as n
       from (select distinct aggregate_id from outbox where status <> 'SENT') u
       join dossier_fact f on f.dossier_id = u.aggregate_id
      where f.received_at >= ? and f.received_at < ? and (?::text is null or f.agency_id in (select id from scope))`;

/** The same for one agency and those below it: the agency's receipt-time index, not the province's range. */
export const DOSSIER_FACTS_SCOPED_SQL = DOSSIER_FACTS_SQL.replace('/*scope*/', 'and f.agency_id in (select id from scope)');

/**
 * The facts of src/domain/scorecard.ts for an agency with the agencies below it (or the whole
 * province when `agencyCode` is null) over the days `from`..`to` (Vietnam dates, both
 * included), judged as of `asOf`. Three statements: dossiers received in the period (one pass
 * over the receipt-time index, with per-procedure sums), feedback submitted in the period, and
 * the scope's procedures (checked for completeness in TypeScript).
 */
export async function scorecardFacts(em: EntityManager, agencyCode: string | null, from: string, to: string, asOf: Date): Promise<ScorecardFacts> {
  const start = new Date(Date.parse(`${from}T00:00:00Z`) - VN_OFFSET_MS);
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + 86400_000 - VN_OFFSET_MS);
  // Scope agencies: the agency and its descendants; null = every agency.
  const scope = SCOPE_SQL;
  const scopeParams = [agencyCode, agencyCode, agencyCode];

  const groups = await run<Record<string, string | number | null>>(em, agencyCode ? DOSSIER_FACTS_SCOPED_SQL : DOSSIER_FACTS_SQL, [...scopeParams, asOf, start, end]);
  const catalogue = new Map(
    (
      await run<{ id: string; full_online: boolean; required: number }>(
        em,
        `select id, service_level = 'FULL_ONLINE' as full_online,
                (select count(*) from jsonb_array_elements(components) c where (c->>'required')::boolean)::int as required from procedure`,
        [],
      )
    ).map((p) => [p.id, p]),
  );
  const sum = (col: string, only: (procedureId: string) => boolean = () => true) =>
    groups.reduce((acc, g) => acc + (only(String(g.procedure_id)) ? Number(g[col] ?? 0) : 0), 0);
  const fullOnline = (id: string) => !!catalogue.get(id)?.full_online;
  const d = {
    received: sum('received'),
    finished_on_time: sum('finished_on_time'),
    unfinished_within_time: sum('unfinished_within_time'),
    full_online: sum('received', fullOnline),
    full_online_online: sum('online', fullOnline),
    with_result: sum('with_result'),
    electronic_result: sum('electronic_result'),
    components_submitted: sum('components_submitted'),
    citizen: sum('citizen'),
    citizen_checked: sum('citizen_checked'),
    synced: sum('received') - (await run<{ n: number }>(em, UNSYNCED_SQL, [...scopeParams, start, end, agencyCode]))[0].n,
    with_fees: sum('with_fees'),
    paid_online: sum('paid_online'),
    unsatisfied: sum('unsatisfied'),
    required_components: groups.reduce((acc, g) => acc + Number(g.received) * (catalogue.get(String(g.procedure_id))?.required ?? 0), 0),
    procedures_with_population: groups.filter((g) => Number(g.population_checked) > 0).length,
  };

  const [f] = await run<Record<string, string | number>>(
    em,
    `${scope}
     select count(*) as received,
            count(*) filter (where (answered_at is not null and answered_on_time) or (answered_at is null and answer_due_at >= ?)) as on_time
       from feedback f
      where f.submitted_at >= ? and f.submitted_at < ? and f.status <> 'REJECTED'
        and (f.agency_id in (select id from scope) or (?::text is null and f.agency_id is null))`,
    [...scopeParams, asOf, start, end, agencyCode],
  );

  const procedures = await run<Record<string, any>>(
    em,
    `${scope}
     select pr.name, s.code as sector_code, pr.steps, pr.channels, pr.components, pr.processing_working_days, pr.target_subjects,
            pr.result_description, pr.legal_bases, pr.location,
            (select array_agg(a.code) from procedure_agency pa join agency a on a.id = pa.agency_id where pa.procedure_id = pr.id) as agency_codes
       from procedure pr join sector s on s.id = pr.sector_id
      where ?::text is null or exists (select 1 from procedure_agency pa where pa.procedure_id = pr.id and pa.agency_id in (select id from scope))`,
    [...scopeParams, agencyCode],
  );
  const complete = procedures.filter(
    (p) =>
      missingPublishedFields({
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
      }).length === 0,
  ).length;

  const n = (x: unknown) => Number(x ?? 0);
  const required = n(d.required_components);
  return {
    proceduresDueForAnnouncement: null,
    proceduresAnnouncedOnTime: null,
    proceduresDueForPublication: null,
    proceduresPublishedOnTime: null,
    procedures: procedures.length,
    proceduresFullyPublished: complete,
    dossiersSynced: n(d.synced),
    dossiersReceived: n(d.received),
    dossiersFinishedOnTime: n(d.finished_on_time),
    dossiersUnfinishedWithinTime: n(d.unfinished_within_time),
    fullOnlineDossiers: n(d.full_online),
    fullOnlineDossiersOnline: n(d.full_online_online),
    dossiersWithResult: n(d.with_result),
    dossiersWithElectronicResult: n(d.electronic_result),
    requiredComponents: required,
    // submitDossier refuses a dossier without every required component, so each one is held.
    requiredComponentsDigitised: required,
    componentsSubmitted: n(d.components_submitted),
    componentsECertified: null,
    componentsReused: null,
    resultsLinkedForReuse: null,
    citizenDossiers: n(d.citizen),
    citizenDossiersCheckedWithPopulation: n(d.citizen_checked),
    proceduresUsingPopulationData: Math.min(n(d.procedures_with_population), procedures.length),
    feedbackReceived: n(f.received),
    feedbackHandledOnTime: n(f.on_time),
    feedbackWithSatisfactionAnswer: null,
    feedbackSatisfied: null,
    dossiersUnsatisfiedOrComplained: n(d.unsatisfied),
    dossiersWithFees: n(d.with_fees),
    dossiersPaidOnline: n(d.paid_online),
  };
}
