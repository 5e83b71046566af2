import { mulberry32 } from '../helpers/prng';
import {
  DOSSIER_ACTIONS,
  DOSSIER_STATUSES,
  DossierRuleError,
  ROLES,
  allowedActions,
  decideTransition,
  handlingOf,
  type Actor,
  type DossierAction,
  type DossierSnapshot,
  type DossierStatus,
  type TransitionRequest,
} from '../../src/domain/dossier-machine';
import { completeCurrentStep, snapshotSteps, startFirstStep, type WorkflowStepDef } from '../../src/domain/workflow';
import { WorkingCalendar } from '../../src/domain/working-calendar';

/**
 * Dossier.allowedActions is a promise to the front-end: a button shown is an action that
 * succeeds, a button hidden one that fails. Over random dossiers (status, agencies, transfer,
 * steps, fees, supplements) and random viewers (roles, agencies, identity), every listed action is
 * accepted by decideTransition with a valid input, and every unlisted one is refused even with a
 * valid input.
 */

const SEED = 20261204;
const RUNS = 4000;
const AGENCIES = ['A1', 'A2', 'A3'];
const IDN = '001090012345';
const cal = new WorkingCalendar();
const T0 = new Date('2026-12-01T01:00:00Z');

function run(seed: number) {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const some = <T>(xs: readonly T[]): T[] => xs.filter(() => rnd() < 0.35);

  function dossier(): DossierSnapshot {
    const status = pick(DOSSIER_STATUSES) as DossierStatus;
    const agencyCode = pick(AGENCIES);
    const implementing = [...new Set([agencyCode, ...some(AGENCIES)])];
    const handlingAgencyCode = rnd() < 0.4 ? pick(implementing) : agencyCode;
    let steps = undefined as DossierSnapshot['steps'];
    if (rnd() < 0.5 && status !== 'SUBMITTED') {
      const n = 1 + Math.floor(rnd() * 4);
      const defs: WorkflowStepDef[] = Array.from({ length: n }, (_, i) => ({
        name: `B${i + 1}`,
        role: pick(['RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'CLERK', 'SECTOR_SYSTEM'] as const),
        agencyCode: rnd() < 0.3 ? pick(implementing) : null,
        share: 1 / n,
      }));
      let s = startFirstStep(snapshotSteps(defs, 5), T0, cal);
      const done = Math.floor(rnd() * (n + 1));
      for (let i = 0; i < done; i++) s = completeCurrentStep(s, T0, cal);
      steps = s;
    }
    const paused = status === 'SUPPLEMENT_REQUESTED' || status === 'AWAITING_PAYMENT';
    return {
      status,
      agencyCode,
      handlingAgencyCode,
      applicantIdentityNumber: IDN,
      supplementRequests: Math.floor(rnd() * 3),
      pausedFrom: paused ? pick(['SUBMITTED', 'PROCESSING'] as const) : null,
      pausedAt: paused ? T0 : null,
      dueAt: status === 'SUBMITTED' ? null : new Date('2026-12-10T10:00:00Z'),
      outstandingFees: rnd() < 0.3 ? 50_000 : 0,
      hasResult: status === 'RESULT_READY' || status === 'DELIVERED',
      steps,
      implementingAgencyCodes: implementing,
    };
  }

  function viewer(): Actor {
    return {
      subject: 'u',
      roles: some(ROLES),
      agencyCodes: some(AGENCIES),
      identityNumber: rnd() < 0.5 ? IDN : rnd() < 0.5 ? '079085000111' : null,
    };
  }

  /** An input that satisfies every input rule of the action on this dossier, when one exists. */
  function validInput(d: DossierSnapshot, action: DossierAction): TransitionRequest {
    const target = (d.implementingAgencyCodes ?? []).find((c) => c !== handlingOf(d)) ?? 'NOWHERE';
    return {
      action,
      note: 'Lý do',
      apologyLetter: 'Xin lỗi',
      newDueAt: new Date('2026-12-20T10:00:00Z'),
      result: { documentNumber: '12/QĐ', signedBy: 'Lãnh đạo', fileUrl: 'https://x.gov.vn/r.pdf', sha256: 'a'.repeat(64) },
      targetAgencyCode: target,
    };
  }

  return { dossier, viewer, validInput };
}

describe('allowedActions agrees with decideTransition (property, seeded)', () => {
  it(`over ${RUNS} random dossiers × viewers (seed ${SEED})`, () => {
    const g = run(SEED);
    let listed = 0;
    const seen = new Set<string>();
    for (let i = 0; i < RUNS; i++) {
      const d = g.dossier();
      const a = g.viewer();
      const allowed = new Set(allowedActions(d, a));
      for (const action of DOSSIER_ACTIONS) {
        let accepted = true;
        try {
          decideTransition(d, a, g.validInput(d, action));
        } catch (e) {
          if (!(e instanceof DossierRuleError)) throw e;
          accepted = false;
        }
        if (accepted !== allowed.has(action)) {
          throw new Error(`run ${i}: ${action} listed=${allowed.has(action)} accepted=${accepted}\n${JSON.stringify({ d, a })}`);
        }
        if (accepted) {
          listed++;
          seen.add(action);
        }
      }
    }
    // The generator reaches every action (a property over nothing proves nothing).
    expect([...seen].sort()).toEqual([...DOSSIER_ACTIONS].sort());
    expect(listed).toBeGreaterThan(RUNS / 4);
  });
});
