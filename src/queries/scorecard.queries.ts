import type { Db } from '../db/sql';
import { missingPublishedFields, type ScorecardFacts } from '../domain/scorecard';
import { VN_OFFSET_MS } from '../domain/vn-time';
import { dossierFactGroups, feedbackFacts, procedureFacts, scopeProcedures, unsyncedDossiers } from '../stores/scorecard.store';

/**
 * The facts of src/domain/scorecard.ts for an agency with the agencies below it (or the whole
 * province when `agencyCode` is null) over the days `from`..`to` (Vietnam dates, both
 * included), judged as of `asOf`. The statements (src/stores/scorecard.store.ts): dossiers
 * received in the period (one pass over the receipt-time index, with per-procedure sums) less
 * those still waiting for the national portal, feedback submitted in the period, and the
 * scope's procedures (checked for completeness here).
 */
export async function scorecardFacts(db: Db, agencyCode: string | null, from: string, to: string, asOf: Date): Promise<ScorecardFacts> {
  const start = new Date(Date.parse(`${from}T00:00:00Z`) - VN_OFFSET_MS);
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + 86400_000 - VN_OFFSET_MS);
  const period = { agencyCode, start, end, asOf };

  const groups = await dossierFactGroups(db, period);
  const catalogue = new Map((await procedureFacts(db)).map((p) => [p.id, p]));
  const sum = (col: string, only: (procedureId: string) => boolean = () => true) =>
    groups.reduce((acc, g) => acc + (only(String(g.procedure_id)) ? Number(g[col] ?? 0) : 0), 0);
  const fullOnline = (id: string) => !!catalogue.get(id)?.fullOnline;
  const d = {
    received: sum('received'),
    finished_on_time: sum('finished_on_time'),
    unfinished_within_time: sum('unfinished_within_time'),
    full_online: sum('received', fullOnline),
    full_online_online: sum('online', fullOnline),
    with_result: sum('with_result'),
    electronic_result: sum('electronic_result'),
    components_submitted: sum('components_submitted'),
    components_reused: sum('components_reused'),
    components_certified: sum('components_certified'),
    results_in_store: sum('results_in_store'),
    citizen: sum('citizen'),
    citizen_checked: sum('citizen_checked'),
    synced: sum('received') - (await unsyncedDossiers(db, period)),
    with_fees: sum('with_fees'),
    paid_online: sum('paid_online'),
    unsatisfied: sum('unsatisfied'),
    required_components: groups.reduce((acc, g) => acc + Number(g.received) * (catalogue.get(String(g.procedure_id))?.required ?? 0), 0),
    procedures_with_population: groups.filter((g) => Number(g.population_checked) > 0).length,
  };

  const f = await feedbackFacts(db, period);
  const procedures = await scopeProcedures(db, agencyCode);
  const complete = procedures.filter((p) => missingPublishedFields(p).length === 0).length;

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
    componentsECertified: n(d.components_certified),
    componentsReused: n(d.components_reused),
    resultsLinkedForReuse: n(d.results_in_store),
    citizenDossiers: n(d.citizen),
    citizenDossiersCheckedWithPopulation: n(d.citizen_checked),
    proceduresUsingPopulationData: Math.min(n(d.procedures_with_population), procedures.length),
    feedbackReceived: f.received,
    feedbackHandledOnTime: f.onTime,
    feedbackWithSatisfactionAnswer: null,
    feedbackSatisfied: null,
    dossiersUnsatisfiedOrComplained: n(d.unsatisfied),
    dossiersWithFees: n(d.with_fees),
    dossiersPaidOnline: n(d.paid_online),
  };
}
