import {
  GROUP_MAX_SCORES,
  INDICATOR_KEYS,
  NAME_SUFFIX_EMPTY,
  NAME_SUFFIX_MOVED,
  NAME_SUFFIX_UNKNOWN,
  SCORECARD_GROUPS,
  ScorecardFactsError,
  checkScorecardFacts,
  computeScorecard,
  missingPublishedFields,
  round2,
  type IndicatorKey,
  type IndicatorScore,
  type ScorecardFacts,
  type ScorecardScores,
} from '../../src/domain/scorecard';
import { mulberry32 } from '../helpers/prng';


function byKey(s: ScorecardScores): Record<IndicatorKey, IndicatorScore> {
  return Object.fromEntries(s.indicators.map((i) => [i.key, i])) as Record<IndicatorKey, IndicatorScore>;
}

function groupScores(s: ScorecardScores): Record<string, number> {
  return Object.fromEntries(s.groups.map((g) => [g.group, g.score]));
}

/** [numerator, denominator, ratio, score, maxScore] of an indicator, for compact expectations. */
function nums(i: IndicatorScore): [number, number, number | null, number, number] {
  return [i.numerator, i.denominator, i.ratio, i.score, i.maxScore];
}

/** A typical department over a month. The hand computation is beside each figure. */
const typicalAgency: ScorecardFacts = {
  proceduresDueForAnnouncement: null, // unknown → 0/0, ratio null, 0 of 6
  proceduresAnnouncedOnTime: null,
  proceduresDueForPublication: null, // unknown → 0 of 4
  proceduresPublishedOnTime: null,
  procedures: 40,
  proceduresFullyPublished: 30, // 30/40 = 75% → 2 × 0.75 = 1.5
  dossiersSynced: 190, // 190/200 = 95% → 6 × 0.95 = 5.7
  dossiersReceived: 200,
  dossiersFinishedOnTime: 150, // (150 + 30)/200 = 90% → 20 × 0.9 = 18; late = 200 − 180 = 20
  dossiersUnfinishedWithinTime: 30,
  fullOnlineDossiers: 80,
  fullOnlineDossiersOnline: 60, // 60/80 = 75% → 12 × 0.75 = 9
  dossiersWithResult: 160,
  dossiersWithElectronicResult: 152, // 152/160 = 95% → 6 × 0.95 = 5.7
  requiredComponents: 600,
  requiredComponentsDigitised: 450, // 450/600 = 75% → 4 × 0.75 = 3
  componentsSubmitted: 500,
  componentsECertified: null, // unknown → 0 of 2
  componentsReused: 200, // 200/500 = 40%, full at 80% → 2 × 40/80 = 1
  resultsLinkedForReuse: null, // unknown → 0 of 4
  citizenDossiers: 150,
  citizenDossiersCheckedWithPopulation: 120, // 120/150 = 80% → 2 × 0.8 = 1.6
  proceduresUsingPopulationData: 10, // 10/40 = 25% → 2 × 0.25 = 0.5
  feedbackReceived: 12,
  feedbackHandledOnTime: 9, // 9/12 = 75% → 6 × 0.75 = 4.5
  feedbackWithSatisfactionAnswer: null, // unknown → 0 of 6 (PAKN exist, so points are not moved)
  feedbackSatisfied: null,
  dossiersUnsatisfiedOrComplained: 4, // (200 − 20 − 4)/200 = 176/200 = 88%, full at 90% → 6 × 88/90 = 5.8666… → 5.87
  dossiersWithFees: 50,
  dossiersPaidOnline: 20, // 20/50 = 40% → 10 × 0.4 = 4
};
// TRANSPARENCY   0 + 0 + 1.5 + 5.7                 = 7.2   of 18
// PROGRESS       18                                = 18    of 20
// ONLINE_SERVICE 9                                 = 9     of 12
// DIGITIZATION   5.7 + 3 + 0 + 1 + 0 + 1.6 + 0.5   = 11.8  of 22
// SATISFACTION   4.5 + 0 + 5.87                    = 10.37 of 18
// ONLINE_PAYMENT 4                                 = 4     of 10
// total 7.2 + 18 + 9 + 11.8 + 10.37 + 4            = 60.37

/** A commune office in a quiet month: no PAKN, some ratios that need rounding, thresholds passed. */
const noPaknPeriod: ScorecardFacts = {
  proceduresDueForAnnouncement: 4,
  proceduresAnnouncedOnTime: 3, // 3/4 = 75% → 6 × 0.75 = 4.5
  proceduresDueForPublication: 4,
  proceduresPublishedOnTime: 4, // 100% → 4
  procedures: 7,
  proceduresFullyPublished: 7, // 100% → 2
  dossiersSynced: 30, // 30/30 → 6
  dossiersReceived: 30,
  dossiersFinishedOnTime: 20, // (20 + 5)/30 = 83.333…% → ratio 83.33, 20 × 25/30 = 16.666… → 16.67; late = 5
  dossiersUnfinishedWithinTime: 5,
  fullOnlineDossiers: 9,
  fullOnlineDossiersOnline: 7, // 7/9 = 77.777…% → ratio 77.78, 12 × 7/9 = 9.333… → 9.33
  dossiersWithResult: 0, // nothing to judge → EMPTY, 0 of 6
  dossiersWithElectronicResult: 0,
  requiredComponents: 90,
  requiredComponentsDigitised: 90, // 100% → 4
  componentsSubmitted: 80,
  componentsECertified: 8, // 8/80 = 10% → 2 × 0.1 = 0.2
  componentsReused: 72, // 72/80 = 90% ≥ 80% → min(2, 2 × 90/80 = 2.25) = 2
  resultsLinkedForReuse: null, // unknown wins over the empty denominator → UNKNOWN, 0 of 4
  citizenDossiers: 30,
  citizenDossiersCheckedWithPopulation: 30, // 100% → 2
  proceduresUsingPopulationData: 7, // 100% → 2
  feedbackReceived: 0, // no PAKN: both PAKN indicators MOVED (max 0), dossier satisfaction max 18
  feedbackHandledOnTime: 0,
  feedbackWithSatisfactionAnswer: null,
  feedbackSatisfied: null,
  dossiersUnsatisfiedOrComplained: 1, // (30 − 5 − 1)/30 = 24/30 = 80%, full at 90% → 18 × 80/90 = 16
  dossiersWithFees: 0, // nothing to judge → EMPTY, 0 of 10
  dossiersPaidOnline: 0,
};
// TRANSPARENCY   4.5 + 4 + 2 + 6                   = 16.5
// PROGRESS       16.67
// ONLINE_SERVICE 9.33
// DIGITIZATION   0 + 4 + 0.2 + 2 + 0 + 2 + 2       = 10.2
// SATISFACTION   0 + 0 + 16                        = 16 (of 18)
// ONLINE_PAYMENT 0
// total 16.5 + 16.67 + 9.33 + 10.2 + 16 + 0        = 68.7

/** Nothing received in the period; the catalogue still exists (5 procedures, all complete). */
const emptyPeriod: ScorecardFacts = {
  proceduresDueForAnnouncement: null,
  proceduresAnnouncedOnTime: null,
  proceduresDueForPublication: null,
  proceduresPublishedOnTime: null,
  procedures: 5,
  proceduresFullyPublished: 5, // 5/5 → 2, the only points
  dossiersSynced: 0,
  dossiersReceived: 0,
  dossiersFinishedOnTime: 0,
  dossiersUnfinishedWithinTime: 0,
  fullOnlineDossiers: 0,
  fullOnlineDossiersOnline: 0,
  dossiersWithResult: 0,
  dossiersWithElectronicResult: 0,
  requiredComponents: 0,
  requiredComponentsDigitised: 0,
  componentsSubmitted: 0,
  componentsECertified: null,
  componentsReused: 0,
  resultsLinkedForReuse: null,
  citizenDossiers: 0,
  citizenDossiersCheckedWithPopulation: 0,
  proceduresUsingPopulationData: 0, // 0/5 = 0% → MEASURED, 0 (a real zero, not "nothing to judge")
  feedbackReceived: 0,
  feedbackHandledOnTime: 0,
  feedbackWithSatisfactionAnswer: null,
  feedbackSatisfied: null,
  dossiersUnsatisfiedOrComplained: 0,
  dossiersWithFees: 0,
  dossiersPaidOnline: 0,
};

describe('scorecard shape', () => {
  it('has six groups whose maxima add up to 100, in contract order', () => {
    const s = computeScorecard(typicalAgency);
    expect(s.groups.map((g) => g.group)).toEqual([...SCORECARD_GROUPS]);
    expect(s.groups.map((g) => g.maxScore)).toEqual([18, 20, 12, 22, 18, 10]);
    expect(s.groups.reduce((a, g) => a + g.maxScore, 0)).toBe(100);
    expect(s.maxScore).toBe(100);
    expect(Object.values(GROUP_MAX_SCORES).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('lists the 17 indicators in a fixed order with stable keys, maxima adding up to each group', () => {
    for (const facts of [typicalAgency, noPaknPeriod, emptyPeriod]) {
      const s = computeScorecard(facts);
      expect(s.indicators.map((i) => i.key)).toEqual([...INDICATOR_KEYS]);
      for (const g of s.groups) {
        const inGroup = s.indicators.filter((i) => i.group === g.group);
        expect(inGroup.reduce((a, i) => a + i.maxScore, 0)).toBe(g.maxScore);
      }
    }
  });

  it('carries the contract fields of Indicator, ScorecardGroupScore and Scorecard', () => {
    const s = computeScorecard(typicalAgency);
    expect(Object.keys(s).sort()).toEqual(['groups', 'indicators', 'maxScore', 'totalScore']);
    expect(Object.keys(s.groups[0]!).sort()).toEqual(['group', 'maxScore', 'score']);
    for (const i of s.indicators) {
      for (const field of ['key', 'group', 'name', 'numerator', 'denominator', 'ratio', 'score', 'maxScore']) {
        expect(i).toHaveProperty(field);
      }
      expect(typeof i.name).toBe('string');
      expect(i.name).toContain(' / '); // Vietnamese / English
    }
  });
});

describe('fixture: a typical agency', () => {
  const s = computeScorecard(typicalAgency);
  const i = byKey(s);

  it('scores each indicator as computed by hand', () => {
    expect(nums(i.TRANSPARENCY_ANNOUNCED_ON_TIME)).toEqual([0, 0, null, 0, 6]);
    expect(nums(i.TRANSPARENCY_PUBLISHED_ON_TIME)).toEqual([0, 0, null, 0, 4]);
    expect(nums(i.TRANSPARENCY_PUBLISHED_COMPLETE)).toEqual([30, 40, 75, 1.5, 2]);
    expect(nums(i.TRANSPARENCY_SYNCED)).toEqual([190, 200, 95, 5.7, 6]);
    expect(nums(i.PROGRESS_ON_TIME)).toEqual([180, 200, 90, 18, 20]);
    expect(nums(i.ONLINE_SERVICE_FULL_ONLINE)).toEqual([60, 80, 75, 9, 12]);
    expect(nums(i.DIGITIZATION_ELECTRONIC_RESULTS)).toEqual([152, 160, 95, 5.7, 6]);
    expect(nums(i.DIGITIZATION_COMPONENTS)).toEqual([450, 600, 75, 3, 4]);
    expect(nums(i.DIGITIZATION_E_CERTIFIED_COPIES)).toEqual([0, 0, null, 0, 2]);
    expect(nums(i.DIGITIZATION_REUSED_DATA)).toEqual([200, 500, 40, 1, 2]);
    expect(nums(i.DIGITIZATION_LINKED_FOR_REUSE)).toEqual([0, 0, null, 0, 4]);
    expect(nums(i.DIGITIZATION_POPULATION_DOSSIERS)).toEqual([120, 150, 80, 1.6, 2]);
    expect(nums(i.DIGITIZATION_POPULATION_PROCEDURES)).toEqual([10, 40, 25, 0.5, 2]);
    expect(nums(i.SATISFACTION_FEEDBACK_ON_TIME)).toEqual([9, 12, 75, 4.5, 6]);
    expect(nums(i.SATISFACTION_FEEDBACK_SATISFIED)).toEqual([0, 0, null, 0, 6]);
    expect(nums(i.SATISFACTION_DOSSIERS)).toEqual([176, 200, 88, 5.87, 6]);
    expect(nums(i.ONLINE_PAYMENT)).toEqual([20, 50, 40, 4, 10]);
  });

  it('adds up the groups and the total', () => {
    expect(groupScores(s)).toEqual({
      TRANSPARENCY: 7.2,
      PROGRESS: 18,
      ONLINE_SERVICE: 9,
      DIGITIZATION: 11.8,
      SATISFACTION: 10.37,
      ONLINE_PAYMENT: 4,
    });
    expect(s.totalScore).toBe(60.37);
  });

  it('gives thresholds only to reused data (80%) and dossier satisfaction (90%)', () => {
    const withThreshold = s.indicators.filter((x) => x.threshold !== null).map((x) => [x.key, x.threshold]);
    expect(withThreshold).toEqual([
      ['DIGITIZATION_REUSED_DATA', 80],
      ['SATISFACTION_DOSSIERS', 90],
    ]);
  });
});

describe('indicators the hub cannot know', () => {
  it('report 0/0, ratio null, score 0 and say so in their name', () => {
    const i = byKey(computeScorecard(typicalAgency));
    for (const k of [
      'TRANSPARENCY_ANNOUNCED_ON_TIME',
      'TRANSPARENCY_PUBLISHED_ON_TIME',
      'DIGITIZATION_E_CERTIFIED_COPIES',
      'DIGITIZATION_LINKED_FOR_REUSE',
      'SATISFACTION_FEEDBACK_SATISFIED',
    ] as const) {
      expect(i[k].state).toBe('UNKNOWN');
      expect(nums(i[k]).slice(0, 4)).toEqual([0, 0, null, 0]);
      expect(i[k].name.endsWith(NAME_SUFFIX_UNKNOWN)).toBe(true);
      expect(i[k].name).toContain('no data');
    }
    const measured = Object.values(i).filter((x) => x.state === 'MEASURED');
    expect(measured).toHaveLength(12);
    for (const x of measured) expect(x.name).not.toContain(' — ');
  });

  it('are unknown when either side is null, even with an empty denominator', () => {
    const i = byKey(computeScorecard({ ...typicalAgency, proceduresDueForAnnouncement: 3, proceduresAnnouncedOnTime: null }));
    expect(i.TRANSPARENCY_ANNOUNCED_ON_TIME.state).toBe('UNKNOWN');
    expect(byKey(computeScorecard(noPaknPeriod)).DIGITIZATION_LINKED_FOR_REUSE.state).toBe('UNKNOWN');
  });

  it('score like any other once the hub holds the data', () => {
    // 5/8 announced on time = 62.5% → 6 × 0.625 = 3.75
    const i = byKey(computeScorecard({ ...typicalAgency, proceduresDueForAnnouncement: 8, proceduresAnnouncedOnTime: 5 }));
    expect(nums(i.TRANSPARENCY_ANNOUNCED_ON_TIME)).toEqual([5, 8, 62.5, 3.75, 6]);
    expect(i.TRANSPARENCY_ANNOUNCED_ON_TIME.name).not.toContain('no data');
  });
});

describe('fixture: no PAKN in the period', () => {
  const s = computeScorecard(noPaknPeriod);
  const i = byKey(s);

  it('moves the 12 PAKN points to dossier satisfaction (max 18)', () => {
    for (const k of ['SATISFACTION_FEEDBACK_ON_TIME', 'SATISFACTION_FEEDBACK_SATISFIED'] as const) {
      expect(i[k].state).toBe('MOVED');
      expect(nums(i[k])).toEqual([0, 0, null, 0, 0]);
      expect(i[k].name.endsWith(NAME_SUFFIX_MOVED)).toBe(true);
    }
    // (30 − 5 late − 1 unsatisfied)/30 = 80%; full at 90% → 18 × 80/90 = 16
    expect(nums(i.SATISFACTION_DOSSIERS)).toEqual([24, 30, 80, 16, 18]);
    expect(i.SATISFACTION_DOSSIERS.name).toContain('18 points');
    expect(s.groups.find((g) => g.group === 'SATISFACTION')).toEqual({ group: 'SATISFACTION', score: 16, maxScore: 18 });
  });

  it('rounds ratios and scores to 2 decimals', () => {
    expect(nums(i.PROGRESS_ON_TIME)).toEqual([25, 30, 83.33, 16.67, 20]);
    expect(nums(i.ONLINE_SERVICE_FULL_ONLINE)).toEqual([7, 9, 77.78, 9.33, 12]);
  });

  it('caps threshold indicators at their max', () => {
    // 72/80 = 90% reused, past the 80% threshold: 2 × 90/80 = 2.25 → 2
    expect(nums(i.DIGITIZATION_REUSED_DATA)).toEqual([72, 80, 90, 2, 2]);
  });

  it('scores the rest as computed by hand', () => {
    expect(nums(i.TRANSPARENCY_ANNOUNCED_ON_TIME)).toEqual([3, 4, 75, 4.5, 6]);
    expect(nums(i.TRANSPARENCY_PUBLISHED_ON_TIME)).toEqual([4, 4, 100, 4, 4]);
    expect(nums(i.DIGITIZATION_E_CERTIFIED_COPIES)).toEqual([8, 80, 10, 0.2, 2]);
    expect(i.DIGITIZATION_ELECTRONIC_RESULTS.state).toBe('EMPTY');
    expect(i.ONLINE_PAYMENT.state).toBe('EMPTY');
    expect(groupScores(s)).toEqual({
      TRANSPARENCY: 16.5,
      PROGRESS: 16.67,
      ONLINE_SERVICE: 9.33,
      DIGITIZATION: 10.2,
      SATISFACTION: 16,
      ONLINE_PAYMENT: 0,
    });
    expect(s.totalScore).toBe(68.7);
  });

  it('keeps the PAKN points where they are as soon as one PAKN arrived', () => {
    // 1 PAKN, answered on time: 6 × 100% = 6; satisfaction of PAKN unknown: 0 of 6; dossiers max 6: 6 × 80/90 = 5.33
    const j = byKey(computeScorecard({ ...noPaknPeriod, feedbackReceived: 1, feedbackHandledOnTime: 1 }));
    expect(nums(j.SATISFACTION_FEEDBACK_ON_TIME)).toEqual([1, 1, 100, 6, 6]);
    expect(j.SATISFACTION_FEEDBACK_SATISFIED.state).toBe('UNKNOWN');
    expect(nums(j.SATISFACTION_DOSSIERS)).toEqual([24, 30, 80, 5.33, 6]);
  });
});

describe('fixture: an empty period', () => {
  const s = computeScorecard(emptyPeriod);
  const i = byKey(s);

  it('awards no points where there is nothing to judge, and says so', () => {
    for (const k of [
      'TRANSPARENCY_SYNCED',
      'PROGRESS_ON_TIME',
      'ONLINE_SERVICE_FULL_ONLINE',
      'DIGITIZATION_ELECTRONIC_RESULTS',
      'DIGITIZATION_COMPONENTS',
      'DIGITIZATION_REUSED_DATA',
      'DIGITIZATION_POPULATION_DOSSIERS',
      'SATISFACTION_DOSSIERS',
      'ONLINE_PAYMENT',
    ] as const) {
      expect(i[k].state).toBe('EMPTY');
      expect(nums(i[k]).slice(0, 4)).toEqual([0, 0, null, 0]);
      expect(i[k].name.endsWith(NAME_SUFFIX_EMPTY)).toBe(true);
    }
    expect(i.SATISFACTION_DOSSIERS.maxScore).toBe(18); // no PAKN either
  });

  it('still scores the catalogue, where a zero is a real zero', () => {
    expect(nums(i.TRANSPARENCY_PUBLISHED_COMPLETE)).toEqual([5, 5, 100, 2, 2]);
    expect(i.DIGITIZATION_POPULATION_PROCEDURES.state).toBe('MEASURED');
    expect(nums(i.DIGITIZATION_POPULATION_PROCEDURES)).toEqual([0, 5, 0, 0, 2]);
    expect(groupScores(s)).toEqual({
      TRANSPARENCY: 2,
      PROGRESS: 0,
      ONLINE_SERVICE: 0,
      DIGITIZATION: 0,
      SATISFACTION: 0,
      ONLINE_PAYMENT: 0,
    });
    expect(s.totalScore).toBe(2);
  });
});

describe('thresholds', () => {
  const base = typicalAgency;

  it('reused data earns full points at exactly 80%, proportionally below', () => {
    const at = (reused: number) => byKey(computeScorecard({ ...base, componentsReused: reused })).DIGITIZATION_REUSED_DATA;
    expect(at(400).score).toBe(2); // 400/500 = 80% → 2 × 80/80 = 2
    expect(at(500).score).toBe(2); // 100% → capped at 2
    expect(at(399).score).toBe(2); // 79.8% → 2 × 79.8/80 = 1.995 → 2.00 after rounding (still ≤ max)
    expect(at(390).score).toBe(1.95); // 78% → 2 × 78/80 = 1.95
    expect(at(0).score).toBe(0);
  });

  it('dossier satisfaction earns full points at exactly 90%', () => {
    // late = 20 (10%), no unsatisfied → 180/200 = 90% → 6
    const full = byKey(computeScorecard({ ...base, dossiersUnsatisfiedOrComplained: 0 })).SATISFACTION_DOSSIERS;
    expect(nums(full)).toEqual([180, 200, 90, 6, 6]);
    // nothing late nor unsatisfied → 100% → still 6
    const perfect = byKey(
      computeScorecard({ ...base, dossiersFinishedOnTime: 170, dossiersUnfinishedWithinTime: 30, dossiersUnsatisfiedOrComplained: 0 }),
    ).SATISFACTION_DOSSIERS;
    expect(nums(perfect)).toEqual([200, 200, 100, 6, 6]);
  });

  it('dossier satisfaction subtracts late and unsatisfied separately and stops at 0', () => {
    // received 10, on time 2 + within time 2 → late 6; unsatisfied 5 → 10 − 6 − 5 = −1 → 0
    const i = byKey(
      computeScorecard({
        ...emptyPeriod,
        dossiersReceived: 10,
        dossiersFinishedOnTime: 2,
        dossiersUnfinishedWithinTime: 2,
        dossiersUnsatisfiedOrComplained: 5,
      }),
    ).SATISFACTION_DOSSIERS;
    expect(nums(i)).toEqual([0, 10, 0, 0, 18]);
  });
});

describe('rounding', () => {
  it('rounds half up to 2 decimals despite binary noise', () => {
    expect(round2(1.005)).toBe(1.01);
    expect(round2(2.675)).toBe(2.68);
    expect(round2(50.005)).toBe(50.01);
    expect(round2(16.666666)).toBe(16.67);
    expect(round2(0.1 + 0.2)).toBe(0.3);
    expect(round2(0)).toBe(0);
    expect(round2(1e-9)).toBe(0);
  });
});

describe('facts that contradict each other', () => {
  it.each<[string, Partial<ScorecardFacts>, string]>([
    ['a part above its whole', { dossiersSynced: 201 }, 'dossiersSynced (201) exceeds dossiersReceived (200)'],
    ['a known part above a known whole', { proceduresDueForAnnouncement: 2, proceduresAnnouncedOnTime: 3 }, 'proceduresAnnouncedOnTime'],
    ['on time + within time above received', { dossiersFinishedOnTime: 171 }, 'dossiersFinishedOnTime + dossiersUnfinishedWithinTime (201)'],
    ['a negative count', { procedures: -1 }, 'procedures must be a non-negative integer'],
    ['a fraction', { dossiersReceived: 200.5 }, 'dossiersReceived must be a non-negative integer'],
    ['NaN', { componentsReused: Number.NaN }, 'componentsReused must be a non-negative integer'],
    ['null where the hub always knows', { dossiersReceived: null as unknown as number }, 'dossiersReceived must be a count, not null'],
    ['a missing fact', { citizenDossiers: undefined as unknown as number }, 'citizenDossiers must be a non-negative integer, got undefined'],
  ])('%s', (_label, change, message) => {
    const facts = { ...typicalAgency, ...change };
    expect(() => checkScorecardFacts(facts)).toThrow(ScorecardFactsError);
    expect(() => computeScorecard(facts)).toThrow(message);
  });
});

/** Random facts that hold together: every part within its whole. */
function randomFacts(rnd: () => number): ScorecardFacts {
  const int = (max: number) => Math.floor(rnd() * (max + 1));
  const maybeNull = (v: number) => (rnd() < 0.3 ? null : v);
  // sometimes tiny, sometimes empty, sometimes large
  const scale = [0, 1, 3, 50, 5000][int(4)]!;
  const received = int(scale);
  const finished = int(received);
  const within = int(received - finished);
  const procedures = int(scale);
  const full = int(received);
  const withResult = int(received);
  const required = int(scale * 4);
  const submitted = int(scale * 4);
  const citizens = int(received);
  const feedback = rnd() < 0.3 ? 0 : int(scale);
  const answered = maybeNull(int(feedback));
  const withFees = int(received);
  const dueAnn = maybeNull(int(scale));
  const duePub = maybeNull(int(scale));
  return {
    proceduresDueForAnnouncement: dueAnn,
    proceduresAnnouncedOnTime: dueAnn === null ? null : maybeNull(int(dueAnn)),
    proceduresDueForPublication: duePub,
    proceduresPublishedOnTime: duePub === null ? null : int(duePub),
    procedures,
    proceduresFullyPublished: int(procedures),
    dossiersSynced: int(received),
    dossiersReceived: received,
    dossiersFinishedOnTime: finished,
    dossiersUnfinishedWithinTime: within,
    fullOnlineDossiers: full,
    fullOnlineDossiersOnline: int(full),
    dossiersWithResult: withResult,
    dossiersWithElectronicResult: int(withResult),
    requiredComponents: required,
    requiredComponentsDigitised: int(required),
    componentsSubmitted: submitted,
    componentsECertified: maybeNull(int(submitted)),
    componentsReused: int(submitted),
    resultsLinkedForReuse: maybeNull(int(withResult)),
    citizenDossiers: citizens,
    citizenDossiersCheckedWithPopulation: int(citizens),
    proceduresUsingPopulationData: int(procedures),
    feedbackReceived: feedback,
    feedbackHandledOnTime: int(feedback),
    feedbackWithSatisfactionAnswer: answered,
    feedbackSatisfied: answered === null ? null : int(answered),
    dossiersUnsatisfiedOrComplained: int(received),
    dossiersWithFees: withFees,
    dossiersPaidOnline: int(withFees),
  };
}

describe('property: any consistent facts', () => {
  it('keep every score within [0, max], groups the sum of their indicators, the total the sum of groups', () => {
    // Plain checks collected into a list (thousands of expect() calls would take seconds).
    const problems: string[] = [];
    const check = (ok: boolean, what: string, n: number) => {
      if (!ok && problems.length < 20) problems.push(`case ${n}: ${what}`);
    };
    const rnd = mulberry32(766);
    for (let n = 0; n < 5000; n++) {
      const facts = randomFacts(rnd);
      const s = computeScorecard(facts);
      check(s.indicators.length === INDICATOR_KEYS.length, 'indicator count', n);
      for (const i of s.indicators) {
        check(i.score >= 0 && i.score <= i.maxScore, `${i.key} score ${i.score} outside [0, ${i.maxScore}]`, n);
        check(round2(i.score) === i.score, `${i.key} score ${i.score} not rounded`, n);
        if (i.ratio === null) {
          check(i.numerator === 0 && i.denominator === 0 && i.score === 0, `${i.key} null ratio with figures`, n);
          check(i.state !== 'MEASURED', `${i.key} null ratio but MEASURED`, n);
        } else {
          check(i.denominator > 0 && i.numerator <= i.denominator, `${i.key} ${i.numerator}/${i.denominator}`, n);
          check(i.ratio >= 0 && i.ratio <= 100 && round2(i.ratio) === i.ratio, `${i.key} ratio ${i.ratio}`, n);
          check(i.state === 'MEASURED', `${i.key} has a ratio but is ${i.state}`, n);
        }
      }
      let total = 0;
      for (const g of s.groups) {
        const inGroup = s.indicators.filter((i) => i.group === g.group);
        check(g.score === round2(inGroup.reduce((a, i) => a + i.score, 0)), `${g.group} score is not the sum`, n);
        check(inGroup.reduce((a, i) => a + i.maxScore, 0) === g.maxScore, `${g.group} maxima`, n);
        check(g.score >= 0 && g.score <= g.maxScore, `${g.group} score ${g.score} outside [0, ${g.maxScore}]`, n);
        total += g.score;
      }
      check(s.totalScore === round2(total), 'total is not the sum of groups', n);
      check(s.totalScore >= 0 && s.totalScore <= 100 && s.maxScore === 100, `total ${s.totalScore}`, n);
      const sat = byKey(s).SATISFACTION_DOSSIERS;
      check(sat.maxScore === (facts.feedbackReceived === 0 ? 18 : 6), 'dossier satisfaction max', n);
    }
    expect(problems).toEqual([]);
  });

  it('give full marks when every ratio is perfect and every fact is known', () => {
    const perfect: ScorecardFacts = {
      proceduresDueForAnnouncement: 3,
      proceduresAnnouncedOnTime: 3,
      proceduresDueForPublication: 3,
      proceduresPublishedOnTime: 3,
      procedures: 10,
      proceduresFullyPublished: 10,
      dossiersSynced: 7,
      dossiersReceived: 7,
      dossiersFinishedOnTime: 4,
      dossiersUnfinishedWithinTime: 3,
      fullOnlineDossiers: 5,
      fullOnlineDossiersOnline: 5,
      dossiersWithResult: 4,
      dossiersWithElectronicResult: 4,
      requiredComponents: 12,
      requiredComponentsDigitised: 12,
      componentsSubmitted: 10,
      componentsECertified: 10,
      componentsReused: 8,
      resultsLinkedForReuse: 4,
      citizenDossiers: 6,
      citizenDossiersCheckedWithPopulation: 6,
      proceduresUsingPopulationData: 10,
      feedbackReceived: 2,
      feedbackHandledOnTime: 2,
      feedbackWithSatisfactionAnswer: 2,
      feedbackSatisfied: 2,
      dossiersUnsatisfiedOrComplained: 0,
      dossiersWithFees: 3,
      dossiersPaidOnline: 3,
    };
    const s = computeScorecard(perfect);
    expect(s.totalScore).toBe(100);
    for (const g of s.groups) expect(g.score).toBe(g.maxScore);
  });
});

describe('published with every required field', () => {
  const complete = {
    name: 'Đăng ký khai sinh',
    sectorCode: 'HT',
    agencyCodes: ['000.00.31.H22'],
    steps: ['Nộp hồ sơ', 'Tiếp nhận và giải quyết', 'Trả kết quả'],
    channels: ['COUNTER', 'ONLINE'],
    components: [{ code: 'TK', name: 'Tờ khai đăng ký khai sinh' }],
    processingWorkingDays: 1,
    targetSubjects: ['Công dân Việt Nam'],
    resultDescription: 'Giấy khai sinh',
    legalBases: [{ number: '60/2014/QH13', title: 'Luật Hộ tịch' }],
    location: 'UBND cấp xã, giờ hành chính',
  };

  it('finds nothing missing in a complete procedure (fees and requirements may be empty)', () => {
    expect(missingPublishedFields(complete)).toEqual([]);
  });

  it('names each missing or blank field', () => {
    expect(
      missingPublishedFields({
        ...complete,
        sectorCode: ' ',
        steps: ['Nộp hồ sơ', ''],
        components: [],
        processingWorkingDays: 0,
        legalBases: [{ number: '', title: 'Luật Hộ tịch' }],
        location: null,
      }),
    ).toEqual(['sector', 'steps', 'components', 'processingWorkingDays', 'legalBases', 'location']);
    expect(missingPublishedFields({ ...complete, agencyCodes: [], channels: [], targetSubjects: [], resultDescription: null, name: '' })).toEqual([
      'name',
      'agencies',
      'channels',
      'targetSubjects',
      'resultDescription',
    ]);
  });
});
