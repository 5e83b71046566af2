/**
 * Service-quality scorecard (Bộ chỉ số phục vụ người dân, doanh nghiệp, QĐ 766/QĐ-TTg, province
 * scale, 100 points) as pure formulas: counts in, scores out. No I/O, no clock reads — the
 * caller gathers the counts (SQL) at an instant `asOf` and passes them in.
 *
 * Words used in the fact descriptions below:
 * - scope agencies: the agency asked for and all its descendants (parent chain); for the whole
 *   province, every agency.
 * - period: [from 00:00, to + 1 day 00:00) in Vietnam time (Asia/Ho_Chi_Minh, UTC+7).
 * - asOf: the instant the facts are gathered (the hub's Clock "now"); every status, flag and
 *   "still within time" is judged as things stand at asOf.
 * - period dossiers (P): dossiers handled by a scope agency (the handling agency after a
 *   transfer: processing is scored where it is done) whose receivedAt falls in the period, in any
 *   status at asOf. A dossier never received (still SUBMITTED, or refused at the desk before
 *   receipt) is not in P.
 * - late: a P dossier with more than one supplement request (domain.md: it counts as late), or
 *   an online dossier received after its reception deadline (receiveDueAt, 60 working minutes;
 *   issue 14: the progress group counts late reception as late), or
 *   whose clock — completedAt, else pausedAt, else asOf — is after its dueAt (the rule of
 *   `isOverdue` in ./dossier.ts). A dossier without dueAt is not late by the clock.
 * - scope procedures: procedures linked (procedure_agency) to at least one scope agency; for the
 *   whole province, every procedure in the catalogue. Catalogue facts are the catalogue at asOf.
 * - period PAKN: feedback (phản ánh, kiến nghị) submitted in the period that is not REJECTED, whose
 *   agency is a scope agency; for the whole province, all such feedback including feedback with
 *   no agency.
 *
 * Formulas:
 * - ratio = 100 × numerator ÷ denominator, in percent (contract: "Percent, 0 to 100; null when the
 *   denominator is 0"), rounded to 2 decimals for display.
 * - score = maxScore × ratio ÷ 100, or with a threshold min(maxScore, maxScore × ratio ÷ threshold),
 *   computed from the unrounded ratio and then rounded to 2 decimals.
 * - group score = sum of its indicators' rounded scores; totalScore = sum of the rounded group
 *   scores (each sum re-rounded to 2 decimals to drop float noise), so the printed figures add up.
 * - Rounding is half-up to 2 decimals (all figures are ≥ 0), robust to binary noise (1.005 → 1.01).
 *
 * Ratio null — three cases, all scoring 0 (points not awarded), each told in `name` and `state`:
 * - UNKNOWN: the hub holds no data for the indicator (a fact passed as null): numerator 0,
 *   denominator 0, ratio null.
 * - EMPTY: the data exists but there was nothing to judge (denominator 0, e.g. no dossier was
 *   received): ratio null, score 0. As in QĐ 766 practice an indicator with nothing to measure
 *   earns nothing; the one exception the rules give is PAKN (below).
 * - MOVED: no PAKN in the period — the two PAKN indicators (12 points) get maxScore 0 and their
 *   points go to dossier satisfaction, whose maxScore becomes 18. Group maxima stay as in the
 *   table, so maxScore still totals 100.
 */

import { isBlank } from './text';

export const SCORECARD_GROUPS = [
  'TRANSPARENCY',
  'PROGRESS',
  'ONLINE_SERVICE',
  'DIGITIZATION',
  'SATISFACTION',
  'ONLINE_PAYMENT',
] as const;
export type ScorecardGroup = (typeof SCORECARD_GROUPS)[number];

/** Points of each group; they add up to SCORECARD_MAX. */
export const GROUP_MAX_SCORES: Readonly<Record<ScorecardGroup, number>> = {
  TRANSPARENCY: 18,
  PROGRESS: 20,
  ONLINE_SERVICE: 12,
  DIGITIZATION: 22,
  SATISFACTION: 18,
  ONLINE_PAYMENT: 10,
};

export const SCORECARD_MAX = 100;

/**
 * The counts behind the scorecard for one scope (an agency with its descendants, or the whole
 * province) over one period, gathered at `asOf` (see the words defined at the top of this file).
 * Every count is a non-negative integer. `number | null` marks a fact the hub may not hold: pass
 * null while it does not, and the indicator reports 0/0, ratio null, "no data" in its name.
 */
export interface ScorecardFacts {
  // ------------------------------------------------------------------ TRANSPARENCY
  /**
   * Scope procedures whose announcement decision (quyết định công bố TTHC) fell due in the period:
   * those whose legal text took effect in the period. The hub is never given announcement
   * decisions nor effective dates: pass null.
   */
  proceduresDueForAnnouncement: number | null;
  /**
   * Of proceduresDueForAnnouncement, those announced on time (decision signed at least 20 working
   * days before the legal text took effect, ND 63/2010 as amended by ND 92/2017). Null today.
   */
  proceduresAnnouncedOnTime: number | null;
  /**
   * Scope procedures whose announcement decision was signed in the period (so they had to be
   * published on the national database within the legal deadline). Null today: the hub does not
   * hold announcement dates (Procedure.publishedAt alone cannot say "on time").
   */
  proceduresDueForPublication: number | null;
  /** Of proceduresDueForPublication, those published by the deadline. Null today. */
  proceduresPublishedOnTime: number | null;
  /** Scope procedures (all of them, at asOf). Denominator of the two procedure ratios. */
  procedures: number;
  /**
   * Of `procedures`, those for which `missingPublishedFields` (below) finds nothing missing.
   */
  proceduresFullyPublished: number;
  /**
   * Of P (dossiersReceived), those with at least one national-portal outbox message
   * (outbox.aggregate_id = dossier id) and every such message delivered (status SENT) at asOf.
   */
  dossiersSynced: number;

  // ------------------------------------------------------------------ PROGRESS
  /** |P|: dossiers of scope agencies received (receivedAt) in the period, any status at asOf. */
  dossiersReceived: number;
  /** Of P, those finished (completedAt not null, ≤ asOf) and not late. */
  dossiersFinishedOnTime: number;
  /** Of P, those not finished at asOf (completedAt null) and not late. */
  dossiersUnfinishedWithinTime: number;

  // ------------------------------------------------------------------ ONLINE_SERVICE
  /** Of P, those whose procedure's serviceLevel (at asOf) is FULL_ONLINE. */
  fullOnlineDossiers: number;
  /** Of fullOnlineDossiers, those submitted online (dossier.channel = ONLINE). */
  fullOnlineDossiersOnline: number;

  // ------------------------------------------------------------------ DIGITIZATION
  /** Of P, those with a result issued (dossier.result not null). */
  dossiersWithResult: number;
  /**
   * Of dossiersWithResult, those whose result is an electronic document: result.fileUrl and
   * result.sha256 both non-blank.
   */
  dossiersWithElectronicResult: number;
  /**
   * Sum over P of the number of required component specs (components[].required = true) of the
   * dossier's procedure, as the catalogue stands at asOf.
   */
  requiredComponents: number;
  /**
   * Sum over P of the number of distinct required component codes of the dossier's procedure for
   * which the dossier holds at least one submitted file (dossier.components[].componentCode).
   * Never more than requiredComponents.
   */
  requiredComponentsDigitised: number;
  /** Sum over P of the number of submitted component files (length of dossier.components). */
  componentsSubmitted: number;
  /**
   * Of componentsSubmitted, those that are electronic copies certified from the original (bản sao
   * điện tử được chứng thực từ bản chính, ND 45/2020): components reused from a CERTIFIED_COPY
   * document of the applicant's store (dossier.components_certified). Null: not known.
   */
  componentsECertified: number | null;
  /**
   * Of componentsSubmitted, those reused from data the hub already held: components that name a
   * document of the applicant's store (citizenDocumentId, recorded as reusedFrom;
   * dossier.components_reused), kept with each dossier as it is submitted or supplemented.
   * Null: not known.
   */
  componentsReused: number | null;
  /**
   * Of dossiersWithResult, those whose result was stored in the applicant's data store (Kho dữ
   * liệu, tied to the identity number) so later dossiers can reuse it: results issued as a stored
   * file (ISSUE_RESULT with fileId) enter the store. Null: not known.
   */
  resultsLinkedForReuse: number | null;
  /** Of P, those whose applicant kind is CITIZEN (only citizens can be looked up). */
  citizenDossiers: number;
  /** Of citizenDossiers, those with applicantVerification VERIFIED or MISMATCH at asOf. */
  citizenDossiersCheckedWithPopulation: number;
  /**
   * Of `procedures`, those with at least one dossier in P (so at a scope agency, received in the
   * period) whose applicantVerification is VERIFIED or MISMATCH at asOf.
   */
  proceduresUsingPopulationData: number;

  // ------------------------------------------------------------------ SATISFACTION
  /** Period PAKN count. 0 moves the 12 PAKN points to dossier satisfaction. */
  feedbackReceived: number;
  /**
   * Of period PAKN, those handled on time at asOf: answered (answeredAt not null) no later than the
   * answer deadline (15 working days from receipt or forwarding, domain.md), plus those not yet
   * answered whose answer deadline has not passed at asOf — the PAKN twin of "finished on time +
   * unfinished still within time".
   */
  feedbackHandledOnTime: number;
  /**
   * Of period PAKN, those whose submitter answered the satisfaction question about the answer.
   * The contract holds no such answer: pass null until the hub records it.
   */
  feedbackWithSatisfactionAnswer: number | null;
  /** Of feedbackWithSatisfactionAnswer, those satisfied. Null while the former is null. */
  feedbackSatisfied: number | null;
  /**
   * Of P, the distinct dossiers that have an evaluation with satisfied = false, or at least one
   * PAKN (feedback.dossierCode = dossier code, not REJECTED, submitted at any time up to asOf), or
   * both (counted once).
   */
  dossiersUnsatisfiedOrComplained: number;

  // ------------------------------------------------------------------ ONLINE_PAYMENT
  /** Of P, those whose fee snapshot (dossier.fees) adds up to more than 0 VND. */
  dossiersWithFees: number;
  /**
   * Of dossiersWithFees, those with at least one payment in status PAID through channel
   * NATIONAL_PLATFORM at asOf.
   */
  dossiersPaidOnline: number;
}

export const INDICATOR_KEYS = [
  'TRANSPARENCY_ANNOUNCED_ON_TIME',
  'TRANSPARENCY_PUBLISHED_ON_TIME',
  'TRANSPARENCY_PUBLISHED_COMPLETE',
  'TRANSPARENCY_SYNCED',
  'PROGRESS_ON_TIME',
  'ONLINE_SERVICE_FULL_ONLINE',
  'DIGITIZATION_ELECTRONIC_RESULTS',
  'DIGITIZATION_COMPONENTS',
  'DIGITIZATION_E_CERTIFIED_COPIES',
  'DIGITIZATION_REUSED_DATA',
  'DIGITIZATION_LINKED_FOR_REUSE',
  'DIGITIZATION_POPULATION_DOSSIERS',
  'DIGITIZATION_POPULATION_PROCEDURES',
  'SATISFACTION_FEEDBACK_ON_TIME',
  'SATISFACTION_FEEDBACK_SATISFIED',
  'SATISFACTION_DOSSIERS',
  'ONLINE_PAYMENT',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

/**
 * Why an indicator has the ratio it has: MEASURED (ratio is a number), EMPTY (denominator 0,
 * nothing to judge), UNKNOWN (the hub holds no data), MOVED (no PAKN: points moved away).
 */
export type IndicatorState = 'MEASURED' | 'EMPTY' | 'UNKNOWN' | 'MOVED';

/** The contract's Indicator, plus `threshold` and `state`. */
export interface IndicatorScore {
  key: IndicatorKey;
  group: ScorecardGroup;
  /** Vietnamese / English name; says why when the ratio is null. */
  name: string;
  numerator: number;
  denominator: number;
  /** Percent, 0 to 100, 2 decimals; null when the denominator is 0. */
  ratio: number | null;
  score: number;
  maxScore: number;
  /** Percent at which full points are reached; null when points are proportional. */
  threshold: number | null;
  state: IndicatorState;
}

/** The contract's ScorecardGroupScore. */
export interface GroupScore {
  group: ScorecardGroup;
  score: number;
  maxScore: number;
}

/** The contract's Scorecard without agency, from, to and computedAt (the resolver adds them). */
export interface ScorecardScores {
  totalScore: number;
  maxScore: number;
  groups: GroupScore[];
  indicators: IndicatorScore[];
}

export const NAME_SUFFIX_UNKNOWN = ' — hub chưa có dữ liệu / the hub holds no data for this';
export const NAME_SUFFIX_EMPTY = ' — không phát sinh trong kỳ / nothing to measure in this period';
export const NAME_SUFFIX_MOVED =
  ' — không có PAKN trong kỳ, điểm chuyển sang hài lòng hồ sơ / no PAKN in the period: points moved to dossier satisfaction';
export const NAME_SUFFIX_TAKES_PAKN_POINTS =
  ' (18 điểm: không có PAKN trong kỳ / 18 points: no PAKN in the period)';

/** Half-up to 2 decimals, first trimming binary noise (1.005 × 100 = 100.49999… → 100.5). */
export function round2(x: number): number {
  return Math.round(Number((x * 100).toPrecision(12))) / 100;
}

/** Thrown when the facts contradict each other (a numerator above its denominator …): a bug in gathering them. */
export class ScorecardFactsError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'ScorecardFactsError';
  }
}

type FactName = keyof ScorecardFacts;

/** numerator ⊆ denominator pairs that must hold. */
const SUBSETS: ReadonlyArray<readonly [FactName, FactName]> = [
  ['proceduresAnnouncedOnTime', 'proceduresDueForAnnouncement'],
  ['proceduresPublishedOnTime', 'proceduresDueForPublication'],
  ['proceduresFullyPublished', 'procedures'],
  ['proceduresUsingPopulationData', 'procedures'],
  ['dossiersSynced', 'dossiersReceived'],
  ['dossiersFinishedOnTime', 'dossiersReceived'],
  ['dossiersUnfinishedWithinTime', 'dossiersReceived'],
  ['fullOnlineDossiers', 'dossiersReceived'],
  ['fullOnlineDossiersOnline', 'fullOnlineDossiers'],
  ['dossiersWithResult', 'dossiersReceived'],
  ['dossiersWithElectronicResult', 'dossiersWithResult'],
  ['requiredComponentsDigitised', 'requiredComponents'],
  ['componentsECertified', 'componentsSubmitted'],
  ['componentsReused', 'componentsSubmitted'],
  ['resultsLinkedForReuse', 'dossiersWithResult'],
  ['citizenDossiers', 'dossiersReceived'],
  ['citizenDossiersCheckedWithPopulation', 'citizenDossiers'],
  ['feedbackHandledOnTime', 'feedbackReceived'],
  ['feedbackWithSatisfactionAnswer', 'feedbackReceived'],
  ['feedbackSatisfied', 'feedbackWithSatisfactionAnswer'],
  ['dossiersUnsatisfiedOrComplained', 'dossiersReceived'],
  ['dossiersWithFees', 'dossiersReceived'],
  ['dossiersPaidOnline', 'dossiersWithFees'],
];

/** Every fact, and whether null ("the hub holds no data") is allowed; TypeScript keeps it exhaustive. */
const FACT_KINDS: Readonly<Record<FactName, 'COUNT' | 'COUNT_OR_NULL'>> = {
  proceduresDueForAnnouncement: 'COUNT_OR_NULL',
  proceduresAnnouncedOnTime: 'COUNT_OR_NULL',
  proceduresDueForPublication: 'COUNT_OR_NULL',
  proceduresPublishedOnTime: 'COUNT_OR_NULL',
  procedures: 'COUNT',
  proceduresFullyPublished: 'COUNT',
  dossiersSynced: 'COUNT',
  dossiersReceived: 'COUNT',
  dossiersFinishedOnTime: 'COUNT',
  dossiersUnfinishedWithinTime: 'COUNT',
  fullOnlineDossiers: 'COUNT',
  fullOnlineDossiersOnline: 'COUNT',
  dossiersWithResult: 'COUNT',
  dossiersWithElectronicResult: 'COUNT',
  requiredComponents: 'COUNT',
  requiredComponentsDigitised: 'COUNT',
  componentsSubmitted: 'COUNT',
  componentsECertified: 'COUNT_OR_NULL',
  componentsReused: 'COUNT_OR_NULL',
  resultsLinkedForReuse: 'COUNT_OR_NULL',
  citizenDossiers: 'COUNT',
  citizenDossiersCheckedWithPopulation: 'COUNT',
  proceduresUsingPopulationData: 'COUNT',
  feedbackReceived: 'COUNT',
  feedbackHandledOnTime: 'COUNT',
  feedbackWithSatisfactionAnswer: 'COUNT_OR_NULL',
  feedbackSatisfied: 'COUNT_OR_NULL',
  dossiersUnsatisfiedOrComplained: 'COUNT',
  dossiersWithFees: 'COUNT',
  dossiersPaidOnline: 'COUNT',
};

/**
 * Checks the facts: every count present and a non-negative integer (null only where the type
 * allows it), every part no larger than its whole, on-time + within-time no more than received.
 * Throws ScorecardFactsError naming the first problem.
 */
export function checkScorecardFacts(facts: ScorecardFacts): void {
  for (const [k, kind] of Object.entries(FACT_KINDS) as [FactName, 'COUNT' | 'COUNT_OR_NULL'][]) {
    const v: unknown = facts[k];
    if (v === null) {
      if (kind === 'COUNT') throw new ScorecardFactsError(`${k} must be a count, not null`);
      continue;
    }
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      throw new ScorecardFactsError(`${k} must be a non-negative integer, got ${String(v)}`);
    }
  }
  for (const [part, whole] of SUBSETS) {
    const p = facts[part];
    const w = facts[whole];
    if (p !== null && w !== null && p > w) {
      throw new ScorecardFactsError(`${part} (${p}) exceeds ${whole} (${w})`);
    }
  }
  if (facts.dossiersFinishedOnTime + facts.dossiersUnfinishedWithinTime > facts.dossiersReceived) {
    throw new ScorecardFactsError(
      `dossiersFinishedOnTime + dossiersUnfinishedWithinTime (${
        facts.dossiersFinishedOnTime + facts.dossiersUnfinishedWithinTime
      }) exceeds dossiersReceived (${facts.dossiersReceived})`,
    );
  }
}

interface IndicatorSpec {
  key: IndicatorKey;
  group: ScorecardGroup;
  name: string;
  maxScore: number;
  threshold: number | null;
  /** null: the hub holds no data. */
  numerator: number | null;
  denominator: number | null;
  /** Points moved away (no PAKN). */
  moved?: boolean;
}

function score(spec: IndicatorSpec): IndicatorScore {
  const base = { key: spec.key, group: spec.group, threshold: spec.threshold };
  const unmeasured = (state: IndicatorState, suffix: string, maxScore: number): IndicatorScore => ({
    ...base,
    name: spec.name + suffix,
    numerator: 0,
    denominator: 0,
    ratio: null,
    score: 0,
    maxScore,
    state,
  });
  if (spec.moved) return unmeasured('MOVED', NAME_SUFFIX_MOVED, 0);
  if (spec.numerator === null || spec.denominator === null) return unmeasured('UNKNOWN', NAME_SUFFIX_UNKNOWN, spec.maxScore);
  if (spec.denominator === 0) return unmeasured('EMPTY', NAME_SUFFIX_EMPTY, spec.maxScore);
  const ratio = Math.min(100, Math.max(0, (100 * spec.numerator) / spec.denominator));
  const raw = spec.threshold === null ? (spec.maxScore * ratio) / 100 : (spec.maxScore * ratio) / spec.threshold;
  return {
    ...base,
    name: spec.name,
    numerator: spec.numerator,
    denominator: spec.denominator,
    ratio: round2(ratio),
    score: Math.min(spec.maxScore, round2(raw)),
    maxScore: spec.maxScore,
    state: 'MEASURED',
  };
}

/** Null when either count is null (the hub holds no data for the indicator). */
function known(n: number | null, d: number | null): { numerator: number | null; denominator: number | null } {
  return n === null || d === null ? { numerator: null, denominator: null } : { numerator: n, denominator: d };
}

/**
 * The scorecard from its facts: 17 indicators in a fixed order (INDICATOR_KEYS), the six groups
 * in SCORECARD_GROUPS order, and the total out of 100. Throws ScorecardFactsError when the facts
 * contradict each other (see checkScorecardFacts).
 *
 * Indicators (points; threshold = ratio at which full points are reached):
 * - TRANSPARENCY_ANNOUNCED_ON_TIME 6: proceduresAnnouncedOnTime ÷ proceduresDueForAnnouncement
 * - TRANSPARENCY_PUBLISHED_ON_TIME 4: proceduresPublishedOnTime ÷ proceduresDueForPublication
 * - TRANSPARENCY_PUBLISHED_COMPLETE 2: proceduresFullyPublished ÷ procedures
 * - TRANSPARENCY_SYNCED 6: dossiersSynced ÷ dossiersReceived
 * - PROGRESS_ON_TIME 20: (dossiersFinishedOnTime + dossiersUnfinishedWithinTime) ÷ dossiersReceived
 * - ONLINE_SERVICE_FULL_ONLINE 12: fullOnlineDossiersOnline ÷ fullOnlineDossiers
 * - DIGITIZATION_ELECTRONIC_RESULTS 6: dossiersWithElectronicResult ÷ dossiersWithResult
 * - DIGITIZATION_COMPONENTS 4: requiredComponentsDigitised ÷ requiredComponents
 * - DIGITIZATION_E_CERTIFIED_COPIES 2: componentsECertified ÷ componentsSubmitted
 * - DIGITIZATION_REUSED_DATA 2, full at 80%: componentsReused ÷ componentsSubmitted
 * - DIGITIZATION_LINKED_FOR_REUSE 4: resultsLinkedForReuse ÷ dossiersWithResult
 * - DIGITIZATION_POPULATION_DOSSIERS 2: citizenDossiersCheckedWithPopulation ÷ citizenDossiers
 * - DIGITIZATION_POPULATION_PROCEDURES 2: proceduresUsingPopulationData ÷ procedures
 * - SATISFACTION_FEEDBACK_ON_TIME 6: feedbackHandledOnTime ÷ feedbackReceived
 * - SATISFACTION_FEEDBACK_SATISFIED 6: feedbackSatisfied ÷ feedbackWithSatisfactionAnswer
 * - SATISFACTION_DOSSIERS 6 (18 when feedbackReceived = 0), full at 90%:
 *     numerator = max(0, received − late − dossiersUnsatisfiedOrComplained), denominator =
 *     received, where late = received − dossiersFinishedOnTime − dossiersUnfinishedWithinTime;
 *     i.e. ratio = 100% − late% − unsatisfied-or-complained% (a dossier both late and
 *     unsatisfied is subtracted twice, as the formula reads; floored at 0).
 * - ONLINE_PAYMENT 10: dossiersPaidOnline ÷ dossiersWithFees
 */
export function computeScorecard(facts: ScorecardFacts): ScorecardScores {
  checkScorecardFacts(facts);
  const f = facts;
  const noPakn = f.feedbackReceived === 0;
  const received = f.dossiersReceived;
  const late = received - f.dossiersFinishedOnTime - f.dossiersUnfinishedWithinTime;

  const specs: IndicatorSpec[] = [
    {
      key: 'TRANSPARENCY_ANNOUNCED_ON_TIME',
      group: 'TRANSPARENCY',
      name: 'Công bố TTHC đúng hạn / Procedures announced on time',
      maxScore: 6,
      threshold: null,
      ...known(f.proceduresAnnouncedOnTime, f.proceduresDueForAnnouncement),
    },
    {
      key: 'TRANSPARENCY_PUBLISHED_ON_TIME',
      group: 'TRANSPARENCY',
      name: 'Công khai TTHC đúng hạn / Procedures published on time',
      maxScore: 4,
      threshold: null,
      ...known(f.proceduresPublishedOnTime, f.proceduresDueForPublication),
    },
    {
      key: 'TRANSPARENCY_PUBLISHED_COMPLETE',
      group: 'TRANSPARENCY',
      name: 'Công khai đầy đủ nội dung TTHC / Procedures published with every required field',
      maxScore: 2,
      threshold: null,
      numerator: f.proceduresFullyPublished,
      denominator: f.procedures,
    },
    {
      key: 'TRANSPARENCY_SYNCED',
      group: 'TRANSPARENCY',
      name: 'Đồng bộ hồ sơ lên Cổng DVCQG / Dossiers synced to the national portal',
      maxScore: 6,
      threshold: null,
      numerator: f.dossiersSynced,
      denominator: received,
    },
    {
      key: 'PROGRESS_ON_TIME',
      group: 'PROGRESS',
      name: 'Hồ sơ giải quyết trước hạn, đúng hạn và đang trong hạn / Dossiers finished on time or still within time',
      maxScore: 20,
      threshold: null,
      numerator: f.dossiersFinishedOnTime + f.dossiersUnfinishedWithinTime,
      denominator: received,
    },
    {
      key: 'ONLINE_SERVICE_FULL_ONLINE',
      group: 'ONLINE_SERVICE',
      name: 'Hồ sơ trực tuyến của TTHC toàn trình / Online dossiers of fully online procedures',
      maxScore: 12,
      threshold: null,
      numerator: f.fullOnlineDossiersOnline,
      denominator: f.fullOnlineDossiers,
    },
    {
      key: 'DIGITIZATION_ELECTRONIC_RESULTS',
      group: 'DIGITIZATION',
      name: 'Cấp kết quả giải quyết TTHC điện tử / Electronic results',
      maxScore: 6,
      threshold: null,
      numerator: f.dossiersWithElectronicResult,
      denominator: f.dossiersWithResult,
    },
    {
      key: 'DIGITIZATION_COMPONENTS',
      group: 'DIGITIZATION',
      name: 'Số hóa thành phần hồ sơ / Digitised required components',
      maxScore: 4,
      threshold: null,
      numerator: f.requiredComponentsDigitised,
      denominator: f.requiredComponents,
    },
    {
      key: 'DIGITIZATION_E_CERTIFIED_COPIES',
      group: 'DIGITIZATION',
      name: 'Bản sao điện tử được chứng thực / E-certified copies',
      maxScore: 2,
      threshold: null,
      ...known(f.componentsECertified, f.componentsSubmitted),
    },
    {
      key: 'DIGITIZATION_REUSED_DATA',
      group: 'DIGITIZATION',
      name: 'Tái sử dụng dữ liệu đã số hóa (đủ điểm ở 80%) / Reused digitised data (full points at 80%)',
      maxScore: 2,
      threshold: 80,
      ...known(f.componentsReused, f.componentsSubmitted),
    },
    {
      key: 'DIGITIZATION_LINKED_FOR_REUSE',
      group: 'DIGITIZATION',
      name: 'Kết quả số hóa, kết nối để tái sử dụng / Results digitised and linked for reuse',
      maxScore: 4,
      threshold: null,
      ...known(f.resultsLinkedForReuse, f.dossiersWithResult),
    },
    {
      key: 'DIGITIZATION_POPULATION_DOSSIERS',
      group: 'DIGITIZATION',
      name: 'Hồ sơ sử dụng dữ liệu dân cư / Dossiers using population data',
      maxScore: 2,
      threshold: null,
      numerator: f.citizenDossiersCheckedWithPopulation,
      denominator: f.citizenDossiers,
    },
    {
      key: 'DIGITIZATION_POPULATION_PROCEDURES',
      group: 'DIGITIZATION',
      name: 'TTHC sử dụng dữ liệu dân cư / Procedures using population data',
      maxScore: 2,
      threshold: null,
      numerator: f.proceduresUsingPopulationData,
      denominator: f.procedures,
    },
    {
      key: 'SATISFACTION_FEEDBACK_ON_TIME',
      group: 'SATISFACTION',
      name: 'Xử lý PAKN đúng hạn / PAKN answered on time',
      maxScore: 6,
      threshold: null,
      numerator: f.feedbackHandledOnTime,
      denominator: f.feedbackReceived,
      moved: noPakn,
    },
    {
      key: 'SATISFACTION_FEEDBACK_SATISFIED',
      group: 'SATISFACTION',
      name: 'Hài lòng với xử lý PAKN / PAKN satisfaction',
      maxScore: 6,
      threshold: null,
      ...known(f.feedbackSatisfied, f.feedbackWithSatisfactionAnswer),
      moved: noPakn,
    },
    {
      key: 'SATISFACTION_DOSSIERS',
      group: 'SATISFACTION',
      name:
        'Hài lòng trong giải quyết hồ sơ (100% − quá hạn − không hài lòng/PAKN, đủ điểm ở 90%) / ' +
        'Dossier satisfaction (100% − late% − unsatisfied-or-complained%, full points at 90%)' +
        (noPakn ? NAME_SUFFIX_TAKES_PAKN_POINTS : ''),
      maxScore: noPakn ? 18 : 6,
      threshold: 90,
      numerator: Math.max(0, received - late - f.dossiersUnsatisfiedOrComplained),
      denominator: received,
    },
    {
      key: 'ONLINE_PAYMENT',
      group: 'ONLINE_PAYMENT',
      name: 'Thanh toán trực tuyến / Dossiers paid online',
      maxScore: 10,
      threshold: null,
      numerator: f.dossiersPaidOnline,
      denominator: f.dossiersWithFees,
    },
  ];

  const indicators = specs.map(score);
  const groups: GroupScore[] = SCORECARD_GROUPS.map((group) => ({
    group,
    score: round2(indicators.filter((i) => i.group === group).reduce((a, i) => a + i.score, 0)),
    maxScore: GROUP_MAX_SCORES[group],
  }));
  return {
    totalScore: round2(groups.reduce((a, g) => a + g.score, 0)),
    maxScore: SCORECARD_MAX,
    groups,
    indicators,
  };
}

/** The published fields of a procedure that `missingPublishedFields` looks at. */
export interface PublishedProcedureFields {
  name: string | null;
  sectorCode: string | null;
  agencyCodes: readonly string[];
  steps: readonly string[];
  channels: readonly string[];
  components: ReadonlyArray<{ code: string; name: string }>;
  processingWorkingDays: number | null;
  targetSubjects: readonly string[];
  resultDescription: string | null;
  legalBases: ReadonlyArray<{ number: string; title: string }>;
  location: string | null | undefined;
}

/**
 * "Published with every required field" (công khai đầy đủ): the names of the fields a procedure
 * lacks; empty when it is complete. Required: name, sector, at least one agency, at least one
 * step (none blank), at least one channel, at least one component (none with a blank code or
 * name), a processing time above 0 working days, at least one target subject (none blank), a
 * result description, at least one legal basis (none with a blank number or title) and the
 * location (địa điểm, thời gian thực hiện). Not required: fees (an empty list means free),
 * requirements (many procedures have none) and publishedAt. The SQL counting
 * proceduresFullyPublished must apply the same test.
 */
export function missingPublishedFields(p: PublishedProcedureFields): string[] {
  const missing: string[] = [];
  const noneBlank = (xs: readonly string[]) => xs.length > 0 && xs.every((x) => !isBlank(x));
  if (isBlank(p.name)) missing.push('name');
  if (isBlank(p.sectorCode)) missing.push('sector');
  if (p.agencyCodes.length === 0) missing.push('agencies');
  if (!noneBlank(p.steps)) missing.push('steps');
  if (p.channels.length === 0) missing.push('channels');
  if (p.components.length === 0 || p.components.some((c) => isBlank(c.code) || isBlank(c.name))) missing.push('components');
  if (p.processingWorkingDays === null || !(p.processingWorkingDays > 0)) missing.push('processingWorkingDays');
  if (!noneBlank(p.targetSubjects)) missing.push('targetSubjects');
  if (isBlank(p.resultDescription)) missing.push('resultDescription');
  if (p.legalBases.length === 0 || p.legalBases.some((l) => isBlank(l.number) || isBlank(l.title))) missing.push('legalBases');
  if (isBlank(p.location)) missing.push('location');
  return missing;
}
