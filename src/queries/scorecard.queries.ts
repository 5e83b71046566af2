import type { EntityManager } from '@mikro-orm/postgresql';
import { run } from '../commands/dossier-sql';
import { missingPublishedFields, type ScorecardFacts } from '../domain/scorecard';
import { VN_OFFSET_MS } from '../domain/vn-time';

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
  const scope = `with recursive scope(id) as (
      select id from agency where (?::text is null or code = ?)
      union select a.id from agency a join scope s on a.parent_id = s.id where ?::text is not null)`;
  const scopeParams = [agencyCode, agencyCode, agencyCode];

  // One pass over the period's dossiers; the few dossiers with an unsent message, an online
  // payment, or a complaint are small sets joined by hash, not probed row by row.
  const [d] = await run<Record<string, string | number | null>>(
    em,
    `${scope},
     p as materialized (
       select d.id, d.procedure_id, d.channel, d.completed_at, d.result, d.applicant_kind, d.applicant_verification,
              d.total_fees, d.components_count,
              (d.supplement_requests > 1 or coalesce(d.completed_at, d.paused_at, ?::timestamptz) > d.due_at) as late
         from dossier d
        where d.received_at >= ? and d.received_at < ? and d.agency_id in (select id from scope)
     ),
     unsent as (select distinct aggregate_id as id from outbox where status <> 'SENT'),
     paid_online as (select distinct dossier_id as id from payment where status = 'PAID' and channel = 'NATIONAL_PLATFORM'),
     unhappy as (
       select dossier_id as id from evaluation where not satisfied
       union
       select d2.id from feedback fb join dossier d2 on d2.code = fb.dossier_code where fb.status <> 'REJECTED'
     ),
     per_procedure as (
       select p.procedure_id, count(*) as n,
              count(*) filter (where p.applicant_verification in ('VERIFIED','MISMATCH')) as checked
         from p group by p.procedure_id
     )
     select
       count(*) as received,
       count(*) filter (where p.completed_at is not null and not p.late) as finished_on_time,
       count(*) filter (where p.completed_at is null and not p.late) as unfinished_within_time,
       count(*) filter (where pr.service_level = 'FULL_ONLINE') as full_online,
       count(*) filter (where pr.service_level = 'FULL_ONLINE' and p.channel = 'ONLINE') as full_online_online,
       count(*) filter (where p.result is not null) as with_result,
       count(*) filter (where coalesce(btrim(p.result->>'fileUrl'), '') <> '' and coalesce(btrim(p.result->>'sha256'), '') <> '') as electronic_result,
       coalesce(sum(p.components_count), 0) as components_submitted,
       count(*) filter (where p.applicant_kind = 'CITIZEN') as citizen,
       count(*) filter (where p.applicant_kind = 'CITIZEN' and p.applicant_verification in ('VERIFIED','MISMATCH')) as citizen_checked,
       count(*) filter (where u.id is null) as synced,
       count(*) filter (where p.total_fees > 0) as with_fees,
       count(*) filter (where p.total_fees > 0 and po.id is not null) as paid_online,
       count(*) filter (where h.id is not null) as unsatisfied,
       (select coalesce(sum(pp.n * (select count(*) from jsonb_array_elements(pr2.components) c where (c->>'required')::boolean)), 0)
          from per_procedure pp join procedure pr2 on pr2.id = pp.procedure_id) as required_components,
       (select count(*) from per_procedure where checked > 0) as procedures_with_population
     from p
     left join procedure pr on pr.id = p.procedure_id
     left join unsent u on u.id = p.id
     left join paid_online po on po.id = p.id
     left join unhappy h on h.id = p.id`,
    [...scopeParams, asOf, start, end],
  );

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
