import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, GraphQLEnumType } from 'graphql';
import {
  Actor,
  DOSSIER_ACTIONS,
  DOSSIER_STATUSES,
  DossierAction,
  LOG_ONLY_ACTIONS,
  DossierRuleError,
  DossierSnapshot,
  DossierStatus,
  ROLES,
  Role,
  TERMINAL_STATUSES,
  TRANSITIONS,
  TransitionOutcome,
  TransitionRequest,
  allowedActions,
  decideTransition,
  nationalStatusCode,
  paymentSettled,
} from '../../src/domain/dossier-machine';
import type { DossierStepState } from '../../src/domain/workflow';

const AGENCY = '000.00.15.H22';
const OTHER_AGENCY = '000.00.16.H22';
const IDN = '001090012345';
const OTHER_IDN = '079085000111';
const DUE = new Date('2026-11-30T10:00:00Z');
const LATER = new Date('2026-12-03T10:00:00Z');
const PAUSED_AT = new Date('2026-11-25T03:00:00Z');

const RESULT = {
  documentNumber: '125/GKS-UBND',
  signedBy: 'Nguyễn Văn A',
  fileUrl: 'https://files.example.gov.vn/r/125.pdf',
  sha256: 'a'.repeat(64),
};

/** A consistent snapshot for each status. */
function snap(status: DossierStatus, over: Partial<DossierSnapshot> = {}): DossierSnapshot {
  const paused = status === 'SUPPLEMENT_REQUESTED' || status === 'AWAITING_PAYMENT';
  return {
    status,
    agencyCode: AGENCY,
    applicantIdentityNumber: IDN,
    supplementRequests: status === 'SUPPLEMENT_REQUESTED' ? 1 : 0,
    pausedFrom: paused ? 'PROCESSING' : null,
    pausedAt: paused ? PAUSED_AT : null,
    dueAt: status === 'SUBMITTED' ? null : DUE,
    outstandingFees: 0,
    hasResult: status === 'RESULT_READY' || status === 'DELIVERED',
    implementingAgencyCodes: [AGENCY, OTHER_AGENCY],
    ...over,
  };
}

/** A two-step internal process whose first step (SPECIALIST, the handling agency) is open. */
const OPEN_STEPS: DossierStepState[] = [
  { order: 1, name: 'Thẩm định', role: 'SPECIALIST', agencyCode: null, share: 0.5, days: 2, startedAt: '2026-11-24T01:00:00.000Z', dueAt: '2026-11-26T01:00:00.000Z', completedAt: null },
  { order: 2, name: 'Ý kiến phòng', role: 'LEADER', agencyCode: null, share: 0.3, days: 1.2, startedAt: null, dueAt: null, completedAt: null },
];

/** The snapshot an action needs to pass every rule but the one under test (COMPLETE_STEP needs an open step). */
const withFlow = (action: DossierAction): Partial<DossierSnapshot> => (action === 'COMPLETE_STEP' ? { steps: OPEN_STEPS } : {});

function actor(roles: Role[], over: Partial<Actor> = {}): Actor {
  return { subject: `u-${roles.join('-')}`, roles, agencyCodes: [AGENCY], identityNumber: null, ...over };
}

const system = actor(['SECTOR_SYSTEM']);
const owner = actor(['CITIZEN'], { agencyCodes: [], identityNumber: IDN });

/** The all-powerful actor for an action. */
function powerful(action: DossierAction): Actor {
  return action === 'SUPPLEMENT' || action === 'WITHDRAW' ? owner : system;
}

/** A request that satisfies every input rule. */
function validReq(action: DossierAction, over: Partial<TransitionRequest> = {}): TransitionRequest {
  return {
    action,
    note: 'Thiếu bản sao giấy chứng sinh',
    apologyLetter: 'Cơ quan xin lỗi ông/bà vì sự chậm trễ.',
    newDueAt: LATER,
    result: { ...RESULT },
    postalTrackingNumber: null,
    targetAgencyCode: OTHER_AGENCY,
    ...over,
  };
}

function ruleError(fn: () => unknown): DossierRuleError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DossierRuleError) return e;
    throw e;
  }
  throw new Error('expected a DossierRuleError, nothing was thrown');
}

// ------------------------------------------------------------------ vocabulary

describe('vocabulary', () => {
  it('statuses are exactly the contract enum', () => {
    expect([...DOSSIER_STATUSES].sort()).toEqual(
      [
        'SUBMITTED',
        'PROCESSING',
        'SUPPLEMENT_REQUESTED',
        'AWAITING_PAYMENT',
        'AWAITING_APPROVAL',
        'APPROVED',
        'RESULT_READY',
        'DELIVERED',
        'REJECTED',
        'WITHDRAWN',
        'STOPPED',
      ].sort(),
    );
  });
  it('actions are exactly the contract enum', () => {
    expect([...DOSSIER_ACTIONS].sort()).toEqual(
      [
        'RECEIVE',
        'REJECT',
        'REQUEST_SUPPLEMENT',
        'SUPPLEMENT',
        'REQUEST_PAYMENT',
        'SUBMIT_FOR_APPROVAL',
        'RETURN_FOR_REVISION',
        'APPROVE',
        'ISSUE_RESULT',
        'DELIVER',
        'WITHDRAW',
        'STOP',
        'EXTEND',
        'TRANSFER',
        'COMPLETE_STEP',
      ].sort(),
    );
  });
  it('roles are exactly the contract enum', () => {
    expect([...ROLES].sort()).toEqual(
      ['CITIZEN', 'RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'CLERK', 'SECTOR_SYSTEM', 'ADMIN', 'OBSERVER'].sort(),
    );
  });
  it('terminal statuses', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual(['DELIVERED', 'REJECTED', 'STOPPED', 'WITHDRAWN']);
  });
  it('DossierRuleError carries code, reason, message and field', () => {
    const e = new DossierRuleError('BAD_USER_INPUT', 'NOTE_REQUIRED', 'A note is needed.', 'note');
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.reason).toBe('NOTE_REQUIRED');
    expect(e.message).toBe('A note is needed.');
    expect(e.field).toBe('note');
  });
});

// ------------------------------------------------------------------ status × action

/** Expected target of each (status, action) for the all-powerful actor; '-' = CONFLICT. */
type Cell = DossierStatus | '-';
// prettier-ignore
const TABLE: Record<DossierStatus, Record<DossierAction, Cell>> = {
  SUBMITTED: {
    RECEIVE: 'PROCESSING', REJECT: 'REJECTED', REQUEST_SUPPLEMENT: 'SUPPLEMENT_REQUESTED', SUPPLEMENT: '-',
    REQUEST_PAYMENT: 'AWAITING_PAYMENT', SUBMIT_FOR_APPROVAL: '-', RETURN_FOR_REVISION: '-', APPROVE: '-',
    ISSUE_RESULT: '-', DELIVER: '-', WITHDRAW: 'WITHDRAWN', STOP: '-', EXTEND: '-', TRANSFER: '-', COMPLETE_STEP: '-',
  },
  PROCESSING: {
    RECEIVE: '-', REJECT: 'REJECTED', REQUEST_SUPPLEMENT: 'SUPPLEMENT_REQUESTED', SUPPLEMENT: '-',
    REQUEST_PAYMENT: 'AWAITING_PAYMENT', SUBMIT_FOR_APPROVAL: 'AWAITING_APPROVAL', RETURN_FOR_REVISION: '-', APPROVE: '-',
    ISSUE_RESULT: '-', DELIVER: '-', WITHDRAW: 'WITHDRAWN', STOP: 'STOPPED', EXTEND: 'PROCESSING', TRANSFER: 'PROCESSING', COMPLETE_STEP: 'PROCESSING',
  },
  SUPPLEMENT_REQUESTED: {
    RECEIVE: '-', REJECT: 'REJECTED', REQUEST_SUPPLEMENT: '-', SUPPLEMENT: 'PROCESSING',
    REQUEST_PAYMENT: '-', SUBMIT_FOR_APPROVAL: '-', RETURN_FOR_REVISION: '-', APPROVE: '-',
    ISSUE_RESULT: '-', DELIVER: '-', WITHDRAW: 'WITHDRAWN', STOP: 'STOPPED', EXTEND: '-', TRANSFER: '-', COMPLETE_STEP: '-',
  },
  AWAITING_PAYMENT: {
    RECEIVE: '-', REJECT: '-', REQUEST_SUPPLEMENT: '-', SUPPLEMENT: '-',
    REQUEST_PAYMENT: '-', SUBMIT_FOR_APPROVAL: '-', RETURN_FOR_REVISION: '-', APPROVE: '-',
    ISSUE_RESULT: '-', DELIVER: '-', WITHDRAW: 'WITHDRAWN', STOP: 'STOPPED', EXTEND: '-', TRANSFER: '-', COMPLETE_STEP: '-',
  },
  AWAITING_APPROVAL: {
    RECEIVE: '-', REJECT: 'REJECTED', REQUEST_SUPPLEMENT: '-', SUPPLEMENT: '-',
    REQUEST_PAYMENT: '-', SUBMIT_FOR_APPROVAL: '-', RETURN_FOR_REVISION: 'PROCESSING', APPROVE: 'APPROVED',
    ISSUE_RESULT: '-', DELIVER: '-', WITHDRAW: 'WITHDRAWN', STOP: 'STOPPED', EXTEND: 'AWAITING_APPROVAL', TRANSFER: '-', COMPLETE_STEP: '-',
  },
  APPROVED: {
    RECEIVE: '-', REJECT: '-', REQUEST_SUPPLEMENT: '-', SUPPLEMENT: '-',
    REQUEST_PAYMENT: '-', SUBMIT_FOR_APPROVAL: '-', RETURN_FOR_REVISION: '-', APPROVE: '-',
    ISSUE_RESULT: 'RESULT_READY', DELIVER: '-', WITHDRAW: 'WITHDRAWN', STOP: 'STOPPED', EXTEND: 'APPROVED', TRANSFER: '-', COMPLETE_STEP: '-',
  },
  RESULT_READY: {
    RECEIVE: '-', REJECT: '-', REQUEST_SUPPLEMENT: '-', SUPPLEMENT: '-',
    REQUEST_PAYMENT: '-', SUBMIT_FOR_APPROVAL: '-', RETURN_FOR_REVISION: '-', APPROVE: '-',
    ISSUE_RESULT: '-', DELIVER: 'DELIVERED', WITHDRAW: '-', STOP: '-', EXTEND: '-', TRANSFER: '-', COMPLETE_STEP: '-',
  },
  DELIVERED: {
    RECEIVE: '-', REJECT: '-', REQUEST_SUPPLEMENT: '-', SUPPLEMENT: '-',
    REQUEST_PAYMENT: '-', SUBMIT_FOR_APPROVAL: '-', RETURN_FOR_REVISION: '-', APPROVE: '-',
    ISSUE_RESULT: '-', DELIVER: '-', WITHDRAW: '-', STOP: '-', EXTEND: '-', TRANSFER: '-', COMPLETE_STEP: '-',
  },
  REJECTED: {
    RECEIVE: '-', REJECT: '-', REQUEST_SUPPLEMENT: '-', SUPPLEMENT: '-',
    REQUEST_PAYMENT: '-', SUBMIT_FOR_APPROVAL: '-', RETURN_FOR_REVISION: '-', APPROVE: '-',
    ISSUE_RESULT: '-', DELIVER: '-', WITHDRAW: '-', STOP: '-', EXTEND: '-', TRANSFER: '-', COMPLETE_STEP: '-',
  },
  WITHDRAWN: {
    RECEIVE: '-', REJECT: '-', REQUEST_SUPPLEMENT: '-', SUPPLEMENT: '-',
    REQUEST_PAYMENT: '-', SUBMIT_FOR_APPROVAL: '-', RETURN_FOR_REVISION: '-', APPROVE: '-',
    ISSUE_RESULT: '-', DELIVER: '-', WITHDRAW: '-', STOP: '-', EXTEND: '-', TRANSFER: '-', COMPLETE_STEP: '-',
  },
  STOPPED: {
    RECEIVE: '-', REJECT: '-', REQUEST_SUPPLEMENT: '-', SUPPLEMENT: '-',
    REQUEST_PAYMENT: '-', SUBMIT_FOR_APPROVAL: '-', RETURN_FOR_REVISION: '-', APPROVE: '-',
    ISSUE_RESULT: '-', DELIVER: '-', WITHDRAW: '-', STOP: '-', EXTEND: '-', TRANSFER: '-', COMPLETE_STEP: '-',
  },
};

// ------------------------------------------------------------------ the table against the contract

/** The contract the hub serves (copied into the repository: contract/schema.graphql). */
const CONTRACT = buildSchema(readFileSync(join(__dirname, '../../contract/schema.graphql'), 'utf8'));
const contractEnum = (name: string): string[] => {
  const t = CONTRACT.getType(name);
  if (!(t instanceof GraphQLEnumType)) throw new Error(`the contract has no enum ${name}`);
  return t.getValues().map((v) => v.name);
};
const CONTRACT_STATUSES = contractEnum('DossierStatus');
const CONTRACT_ACTIONS = contractEnum('DossierAction');

/**
 * Actions of contract v2 the hub does not serve yet (issue 14: TRANSFER for liên thông,
 * COMPLETE_STEP for internal process steps). A listed, known gap: when the machine learns one,
 * or the contract drops one, the test below fails until this list is updated.
 */
const PENDING_CONTRACT_ACTIONS: string[] = [];

/** What transitionDossier must serve: the contract's actions, less the pending gap and the hub's log-only ones. */
const REQUESTABLE = CONTRACT_ACTIONS.filter((a) => !PENDING_CONTRACT_ACTIONS.includes(a) && !(LOG_ONLY_ACTIONS as readonly string[]).includes(a));

/** The (status, action) pairs the table has no cell for. */
const missingCells = (statuses: readonly string[], actions: readonly string[]): string[] =>
  statuses.flatMap((s) => actions.filter((a) => (TABLE as Record<string, Record<string, Cell>>)[s]?.[a] === undefined).map((a) => `${s} × ${a}`));

/** Every (status, action) of the contract, with the table's cell (undefined when the table lacks it). */
const PAIRS: Array<[DossierStatus, DossierAction, Cell]> = CONTRACT_STATUSES.flatMap((s) =>
  REQUESTABLE.map((a) => [s, a, (TABLE as Record<string, Record<string, Cell>>)[s]?.[a]] as [DossierStatus, DossierAction, Cell]),
);

describe('the transition table against the contract enums', () => {
  it('the pending gap is real: each pending action is in the contract and not served by the machine (none left since issue 14)', () => {
    for (const a of PENDING_CONTRACT_ACTIONS) {
      expect(CONTRACT_ACTIONS).toContain(a);
      expect(DOSSIER_ACTIONS as readonly string[]).not.toContain(a);
      expect(Object.keys(TRANSITIONS)).not.toContain(a);
    }
  });

  it("the machine's statuses are exactly the contract's DossierStatus", () => {
    expect([...DOSSIER_STATUSES].sort()).toEqual([...CONTRACT_STATUSES].sort());
  });

  it("the machine's actions are exactly the contract's DossierAction less the pending gap", () => {
    expect([...DOSSIER_ACTIONS].sort()).toEqual([...REQUESTABLE].sort());
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...REQUESTABLE].sort());
  });

  it("log-only actions are not requestable, and the contract's values are all in the hub's enum", () => {
    for (const a of LOG_ONLY_ACTIONS) expect(Object.keys(TRANSITIONS)).not.toContain(a);
    const served = new Set<string>([...DOSSIER_ACTIONS, ...LOG_ONLY_ACTIONS, ...PENDING_CONTRACT_ACTIONS]);
    expect(CONTRACT_ACTIONS.filter((a) => !served.has(a))).toEqual([]);
  });

  it('every target of the machine is a contract status', () => {
    for (const row of Object.values(TRANSITIONS)) {
      for (const [from, to] of Object.entries(row)) {
        expect(CONTRACT_STATUSES).toContain(from);
        if (to !== 'SAME' && to !== 'RESUME' && to !== 'STEP') expect(CONTRACT_STATUSES).toContain(to);
      }
    }
  });
});

describe('every status × action for the all-powerful actor', () => {
  it('the table covers every pair of the contract, and nothing else', () => {
    expect(missingCells(CONTRACT_STATUSES, REQUESTABLE)).toEqual([]);
    expect(Object.keys(TABLE).sort()).toEqual([...CONTRACT_STATUSES].sort());
    for (const s of Object.keys(TABLE) as DossierStatus[]) expect(Object.keys(TABLE[s]).sort()).toEqual([...REQUESTABLE].sort());
  });

  it('the coverage check can fail: a contract status or action the table lacks is reported', () => {
    expect(missingCells([...CONTRACT_STATUSES, 'ARCHIVED'], REQUESTABLE)).toHaveLength(REQUESTABLE.length);
    expect(missingCells(CONTRACT_STATUSES, [...REQUESTABLE, 'ARCHIVE'])).toEqual(CONTRACT_STATUSES.map((st) => `${st} × ARCHIVE`));
  });

  it.each(PAIRS)('%s + %s → %s', (status, action, expected) => {
    const d = snap(status, withFlow(action));
    if (expected === '-') {
      const e = ruleError(() => decideTransition(d, powerful(action), validReq(action)));
      expect(e.code).toBe('CONFLICT');
      expect(e.reason).toBe('ACTION_NOT_ALLOWED_IN_STATUS');
      expect(e.message).toContain(status);
      expect(e.message).toContain(action);
      expect(e.field).toBeUndefined();
    } else {
      const o = decideTransition(d, powerful(action), validReq(action));
      expect(o.from).toBe(status);
      expect(o.to).toBe(expected);
    }
  });

  it('names the current status in the conflict message', () => {
    const e = ruleError(() => decideTransition(snap('DELIVERED'), system, validReq('RECEIVE')));
    expect(e.message).toBe('RECEIVE is not allowed while the dossier is DELIVERED');
  });

  it('terminal statuses allow nothing', () => {
    for (const s of TERMINAL_STATUSES) {
      for (const a of DOSSIER_ACTIONS) {
        expect(TABLE[s][a]).toBe('-');
        expect(allowedActions(snap(s, withFlow(a)), powerful(a))).toEqual([]);
      }
    }
  });
});

// ------------------------------------------------------------------ outcome fields

describe('outcome flags', () => {
  const ok = (status: DossierStatus, action: DossierAction, over: Partial<DossierSnapshot> = {}): TransitionOutcome =>
    decideTransition(snap(status, over), powerful(action), validReq(action));

  it('RECEIVE receives and reports code 2', () => {
    const o = ok('SUBMITTED', 'RECEIVE');
    expect(o).toEqual<TransitionOutcome>({
      from: 'SUBMITTED',
      to: 'PROCESSING',
      actorRole: 'SECTOR_SYSTEM',
      pause: null,
      resumeTo: null,
      supplementRequests: 0,
      receives: true,
      completes: false,
      delivers: false,
      newDueAt: null,
      nationalStatusCode: 2,
    });
  });

  it('REQUEST_SUPPLEMENT starts a pause, remembers where it came from and counts', () => {
    for (const from of ['SUBMITTED', 'PROCESSING'] as const) {
      const o = ok(from, 'REQUEST_SUPPLEMENT');
      expect(o.to).toBe('SUPPLEMENT_REQUESTED');
      expect(o.pause).toBe('START');
      expect(o.resumeTo).toBe(from);
      expect(o.supplementRequests).toBe(1);
      expect(o.nationalStatusCode).toBe(5);
      expect(o.completes).toBe(false);
      expect(o.receives).toBe(false);
    }
    expect(ok('PROCESSING', 'REQUEST_SUPPLEMENT', { supplementRequests: 2 }).supplementRequests).toBe(3);
  });

  it('SUPPLEMENT ends the pause and returns to pausedFrom', () => {
    const back = ok('SUPPLEMENT_REQUESTED', 'SUPPLEMENT');
    expect(back).toMatchObject({ to: 'PROCESSING', pause: 'END', resumeTo: null, nationalStatusCode: 4, supplementRequests: 1 });
    const toSubmitted = ok('SUPPLEMENT_REQUESTED', 'SUPPLEMENT', { pausedFrom: 'SUBMITTED', dueAt: null });
    expect(toSubmitted).toMatchObject({ to: 'SUBMITTED', pause: 'END', nationalStatusCode: 1, receives: false });
  });

  it('SUPPLEMENT without a usable pausedFrom infers it from dueAt', () => {
    expect(ok('SUPPLEMENT_REQUESTED', 'SUPPLEMENT', { pausedFrom: null }).to).toBe('PROCESSING');
    expect(ok('SUPPLEMENT_REQUESTED', 'SUPPLEMENT', { pausedFrom: null, dueAt: null }).to).toBe('SUBMITTED');
    expect(ok('SUPPLEMENT_REQUESTED', 'SUPPLEMENT', { pausedFrom: 'DELIVERED' }).to).toBe('PROCESSING');
  });

  it('REQUEST_PAYMENT starts a pause', () => {
    for (const from of ['SUBMITTED', 'PROCESSING'] as const) {
      const o = ok(from, 'REQUEST_PAYMENT');
      expect(o).toMatchObject({ to: 'AWAITING_PAYMENT', pause: 'START', resumeTo: from, nationalStatusCode: 6, supplementRequests: 0 });
    }
  });

  it('leaving a pause for a final status ends the pause and completes', () => {
    for (const [status, action, to, code] of [
      ['SUPPLEMENT_REQUESTED', 'REJECT', 'REJECTED', 3],
      ['SUPPLEMENT_REQUESTED', 'STOP', 'STOPPED', 8],
      ['SUPPLEMENT_REQUESTED', 'WITHDRAW', 'WITHDRAWN', 7],
      ['AWAITING_PAYMENT', 'STOP', 'STOPPED', 8],
      ['AWAITING_PAYMENT', 'WITHDRAW', 'WITHDRAWN', 7],
    ] as const) {
      const o = ok(status, action);
      expect(o).toMatchObject({ to, pause: 'END', resumeTo: null, completes: true, nationalStatusCode: code });
    }
  });

  it('completes exactly when entering RESULT_READY, REJECTED, STOPPED or WITHDRAWN', () => {
    for (const [status, action, expected] of PAIRS) {
      if (expected === '-') continue;
      const o = ok(status, action, withFlow(action));
      expect(o.completes).toBe(['RESULT_READY', 'REJECTED', 'STOPPED', 'WITHDRAWN'].includes(expected));
      expect(o.delivers).toBe(action === 'DELIVER');
      expect(o.receives).toBe(action === 'RECEIVE');
      expect(o.newDueAt).toEqual(action === 'EXTEND' ? LATER : null);
      const paused = (s: DossierStatus): boolean => s === 'SUPPLEMENT_REQUESTED' || s === 'AWAITING_PAYMENT';
      expect(o.pause).toBe(paused(expected) && !paused(status) ? 'START' : paused(status) && !paused(expected) ? 'END' : null);
      expect(o.resumeTo).toBe(o.pause === 'START' ? status : null);
      expect(o.supplementRequests).toBe(snap(status).supplementRequests + (action === 'REQUEST_SUPPLEMENT' ? 1 : 0));
      expect(o.nationalStatusCode).toBe(nationalStatusCode(expected, action === 'RECEIVE'));
    }
  });

  it('main path codes', () => {
    expect(ok('PROCESSING', 'SUBMIT_FOR_APPROVAL').nationalStatusCode).toBe(4);
    expect(ok('AWAITING_APPROVAL', 'APPROVE').nationalStatusCode).toBe(4);
    expect(ok('AWAITING_APPROVAL', 'RETURN_FOR_REVISION').nationalStatusCode).toBe(4);
    expect(ok('APPROVED', 'ISSUE_RESULT')).toMatchObject({ nationalStatusCode: 9, completes: true });
    expect(ok('RESULT_READY', 'DELIVER')).toMatchObject({ nationalStatusCode: 10, delivers: true, completes: false });
    expect(ok('SUBMITTED', 'REJECT')).toMatchObject({ nationalStatusCode: 3, completes: true, pause: null });
    expect(ok('SUBMITTED', 'WITHDRAW')).toMatchObject({ nationalStatusCode: 7, completes: true, actorRole: 'CITIZEN' });
  });

  it('EXTEND keeps the status and returns the new due date', () => {
    const o = ok('PROCESSING', 'EXTEND');
    expect(o).toMatchObject({ from: 'PROCESSING', to: 'PROCESSING', pause: null, completes: false, nationalStatusCode: 4 });
    expect(o.newDueAt).toEqual(LATER);
  });

  it('does not mutate the snapshot', () => {
    const d = snap('PROCESSING');
    const copy = { ...d };
    decideTransition(d, system, validReq('REQUEST_SUPPLEMENT'));
    expect(d).toEqual(copy);
  });
});

// ------------------------------------------------------------------ roles

/** A status where the action is possible, with a snapshot that passes every other rule. */
const VALID_STATUS: Record<DossierAction, DossierStatus> = {
  RECEIVE: 'SUBMITTED',
  REJECT: 'SUBMITTED',
  REQUEST_SUPPLEMENT: 'PROCESSING',
  SUPPLEMENT: 'SUPPLEMENT_REQUESTED',
  REQUEST_PAYMENT: 'PROCESSING',
  SUBMIT_FOR_APPROVAL: 'PROCESSING',
  RETURN_FOR_REVISION: 'AWAITING_APPROVAL',
  APPROVE: 'AWAITING_APPROVAL',
  ISSUE_RESULT: 'APPROVED',
  DELIVER: 'RESULT_READY',
  WITHDRAW: 'PROCESSING',
  STOP: 'PROCESSING',
  EXTEND: 'PROCESSING',
  TRANSFER: 'PROCESSING',
  COMPLETE_STEP: 'PROCESSING',
};

/** A snapshot in which the action is possible. */
const validSnap = (action: DossierAction): DossierSnapshot => snap(VALID_STATUS[action], withFlow(action));

// prettier-ignore
const ROLE_TABLE: Record<DossierAction, Role[]> = {
  RECEIVE: ['RECEPTION_OFFICER', 'SECTOR_SYSTEM'],
  REJECT: ['RECEPTION_OFFICER', 'SECTOR_SYSTEM'],
  REQUEST_SUPPLEMENT: ['RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'SECTOR_SYSTEM'],
  SUPPLEMENT: ['CITIZEN', 'RECEPTION_OFFICER', 'SECTOR_SYSTEM'],
  REQUEST_PAYMENT: ['RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'SECTOR_SYSTEM'],
  SUBMIT_FOR_APPROVAL: ['SPECIALIST', 'SECTOR_SYSTEM'],
  RETURN_FOR_REVISION: ['LEADER', 'SECTOR_SYSTEM'],
  APPROVE: ['LEADER', 'SECTOR_SYSTEM'],
  ISSUE_RESULT: ['CLERK', 'SECTOR_SYSTEM'],
  DELIVER: ['RECEPTION_OFFICER', 'SECTOR_SYSTEM'],
  WITHDRAW: ['CITIZEN'],
  STOP: ['RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'SECTOR_SYSTEM'],
  EXTEND: ['RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'SECTOR_SYSTEM'],
  TRANSFER: ['RECEPTION_OFFICER', 'LEADER', 'SECTOR_SYSTEM'],
  /** The open step's role (OPEN_STEPS: SPECIALIST) and SECTOR_SYSTEM. */
  COMPLETE_STEP: ['SPECIALIST', 'SECTOR_SYSTEM'],
};

/** An actor with one role, in scope (agency for staff, ownership for citizens). */
function inScope(role: Role): Actor {
  return actor([role], { identityNumber: role === 'CITIZEN' ? IDN : null, agencyCodes: role === 'CITIZEN' ? [] : [AGENCY] });
}

describe('roles per action', () => {
  const cases = DOSSIER_ACTIONS.flatMap((a) => ROLES.map((r) => [a, r, ROLE_TABLE[a].includes(r)] as const));

  it.each(cases)('%s by %s allowed=%s', (action, role, allowed) => {
    const d = validSnap(action);
    if (allowed) {
      const o = decideTransition(d, inScope(role), validReq(action));
      expect(o.actorRole).toBe(role);
    } else {
      const e = ruleError(() => decideTransition(d, inScope(role), validReq(action)));
      expect(e.code).toBe('FORBIDDEN');
      expect(e.reason).toBe(action === 'COMPLETE_STEP' ? 'STEP_ROLE_NOT_ALLOWED' : 'ROLE_NOT_ALLOWED');
    }
  });

  it('ADMIN and OBSERVER may do nothing, even with the agency in their token', () => {
    for (const role of ['ADMIN', 'OBSERVER'] as const) {
      const a = actor([role], { identityNumber: IDN });
      for (const s of DOSSIER_STATUSES) expect(allowedActions(snap(s), a)).toEqual([]);
    }
  });

  it('an actor without roles may do nothing', () => {
    const e = ruleError(() => decideTransition(snap('SUBMITTED'), actor([]), validReq('RECEIVE')));
    expect(e).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
  });

  it('acts under the first allowed role', () => {
    expect(decideTransition(snap('AWAITING_APPROVAL'), actor(['ADMIN', 'LEADER']), validReq('APPROVE')).actorRole).toBe('LEADER');
    expect(
      decideTransition(snap('PROCESSING'), actor(['SPECIALIST', 'LEADER']), validReq('REQUEST_SUPPLEMENT')).actorRole,
    ).toBe('SPECIALIST');
    expect(
      decideTransition(snap('PROCESSING'), actor(['LEADER', 'SPECIALIST']), validReq('REQUEST_SUPPLEMENT')).actorRole,
    ).toBe('LEADER');
    // A reception officer who is also a citizen, at the counter for someone else's dossier.
    const officerCitizen = actor(['CITIZEN', 'RECEPTION_OFFICER'], { identityNumber: OTHER_IDN });
    expect(decideTransition(snap('SUPPLEMENT_REQUESTED'), officerCitizen, validReq('SUPPLEMENT')).actorRole).toBe(
      'RECEPTION_OFFICER',
    );
    // ... and for their own dossier, as the applicant.
    const ownOfficer = actor(['CITIZEN', 'RECEPTION_OFFICER'], { identityNumber: IDN });
    expect(decideTransition(snap('SUPPLEMENT_REQUESTED'), ownOfficer, validReq('SUPPLEMENT')).actorRole).toBe('CITIZEN');
  });

  it('skips a role out of scope and uses the next one in scope', () => {
    const a = actor(['CITIZEN', 'RECEPTION_OFFICER'], { identityNumber: OTHER_IDN });
    expect(decideTransition(snap('SUPPLEMENT_REQUESTED'), a, validReq('SUPPLEMENT')).actorRole).toBe('RECEPTION_OFFICER');
  });
});

// ------------------------------------------------------------------ agency and owner scope

describe('agency scope', () => {
  const staffCases = DOSSIER_ACTIONS.flatMap((a) =>
    ROLE_TABLE[a].filter((r) => r !== 'CITIZEN').map((r) => [a, r] as const),
  );

  it.each(staffCases)('%s by %s of another agency is FORBIDDEN', (action, role) => {
    const a = actor([role], { agencyCodes: [OTHER_AGENCY] });
    const e = ruleError(() => decideTransition(validSnap(action), a, validReq(action)));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.reason).toBe('AGENCY_NOT_ALLOWED');
  });

  it('staff with no agencies may do nothing', () => {
    const a = actor(['SECTOR_SYSTEM'], { agencyCodes: [] });
    for (const s of DOSSIER_STATUSES) expect(allowedActions(snap(s), a)).toEqual([]);
  });

  it('staff with several agencies may act on any of them', () => {
    const a = actor(['RECEPTION_OFFICER'], { agencyCodes: [OTHER_AGENCY, AGENCY] });
    expect(decideTransition(snap('SUBMITTED'), a, validReq('RECEIVE')).to).toBe('PROCESSING');
  });

  it('a citizen with the agency in the token is still not staff', () => {
    const a = actor(['CITIZEN'], { agencyCodes: [AGENCY], identityNumber: OTHER_IDN });
    expect(ruleError(() => decideTransition(snap('SUBMITTED'), a, validReq('RECEIVE'))).reason).toBe('ROLE_NOT_ALLOWED');
    expect(ruleError(() => decideTransition(snap('SUPPLEMENT_REQUESTED'), a, validReq('SUPPLEMENT'))).reason).toBe(
      'NOT_OWNER',
    );
  });
});

describe('owner scope', () => {
  it.each(['SUPPLEMENT', 'WITHDRAW'] as const)('%s by another citizen is FORBIDDEN NOT_OWNER', (action) => {
    const d = validSnap(action);
    for (const identityNumber of [OTHER_IDN, null, undefined, '', '  ']) {
      const a = actor(['CITIZEN'], { identityNumber, agencyCodes: [] });
      const e = ruleError(() => decideTransition(d, a, validReq(action)));
      expect(e).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNER' });
    }
  });

  it('an empty applicant identity number matches nobody', () => {
    const d = snap('PROCESSING', { applicantIdentityNumber: '' });
    const a = actor(['CITIZEN'], { identityNumber: '', agencyCodes: [] });
    expect(ruleError(() => decideTransition(d, a, validReq('WITHDRAW'))).reason).toBe('NOT_OWNER');
  });

  it('staff cannot withdraw for the applicant', () => {
    for (const role of ['RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'CLERK', 'SECTOR_SYSTEM'] as const) {
      const e = ruleError(() => decideTransition(snap('PROCESSING'), actor([role]), validReq('WITHDRAW')));
      expect(e).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    }
  });

  it('the owner may withdraw until a result exists', () => {
    for (const s of DOSSIER_STATUSES) {
      const can = allowedActions(snap(s), owner).includes('WITHDRAW');
      expect(can).toBe(!TERMINAL_STATUSES.has(s) && s !== 'RESULT_READY');
    }
  });
});

// ------------------------------------------------------------------ check order

describe('check order', () => {
  it('FORBIDDEN comes before CONFLICT and never reveals the status', () => {
    const clerk = actor(['CLERK']);
    for (const s of DOSSIER_STATUSES) {
      const e = ruleError(() => decideTransition(snap(s), clerk, validReq('RECEIVE')));
      expect(e.code).toBe('FORBIDDEN');
      expect(e.message).not.toContain(s);
    }
    const stranger = actor(['SECTOR_SYSTEM'], { agencyCodes: [OTHER_AGENCY] });
    for (const s of DOSSIER_STATUSES) {
      const e = ruleError(() => decideTransition(snap(s), stranger, validReq('APPROVE')));
      expect(e).toMatchObject({ code: 'FORBIDDEN', reason: 'AGENCY_NOT_ALLOWED' });
      expect(e.message).not.toContain(s);
    }
    const notOwner = actor(['CITIZEN'], { identityNumber: OTHER_IDN, agencyCodes: [] });
    for (const s of DOSSIER_STATUSES) {
      const e = ruleError(() => decideTransition(snap(s), notOwner, validReq('WITHDRAW')));
      expect(e).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNER' });
      expect(e.message).not.toContain(s);
    }
  });

  it('CONFLICT (status) comes before BAD_USER_INPUT', () => {
    const e = ruleError(() => decideTransition(snap('DELIVERED'), system, { action: 'REJECT' }));
    expect(e).toMatchObject({ code: 'CONFLICT', reason: 'ACTION_NOT_ALLOWED_IN_STATUS' });
    const e2 = ruleError(() => decideTransition(snap('RESULT_READY'), system, { action: 'ISSUE_RESULT' }));
    expect(e2).toMatchObject({ code: 'CONFLICT', reason: 'ACTION_NOT_ALLOWED_IN_STATUS' });
    const e3 = ruleError(() => decideTransition(snap('SUPPLEMENT_REQUESTED'), system, { action: 'EXTEND' }));
    expect(e3).toMatchObject({ code: 'CONFLICT', reason: 'ACTION_NOT_ALLOWED_IN_STATUS' });
  });

  it('FORBIDDEN comes before BAD_USER_INPUT', () => {
    const e = ruleError(() => decideTransition(snap('SUBMITTED'), actor(['SPECIALIST']), { action: 'REJECT' }));
    expect(e.code).toBe('FORBIDDEN');
  });

  it('status CONFLICT comes before the unpaid-fees block', () => {
    const e = ruleError(() => decideTransition(snap('DELIVERED', { outstandingFees: 50_000 }), system, validReq('DELIVER')));
    expect(e.reason).toBe('ACTION_NOT_ALLOWED_IN_STATUS');
  });
});

// ------------------------------------------------------------------ input rules

describe('note required', () => {
  it.each([
    ['REJECT', 'SUBMITTED'],
    ['REJECT', 'AWAITING_APPROVAL'],
    ['STOP', 'PROCESSING'],
    ['STOP', 'AWAITING_PAYMENT'],
    ['REQUEST_SUPPLEMENT', 'SUBMITTED'],
    ['REQUEST_SUPPLEMENT', 'PROCESSING'],
  ] as const)('%s from %s', (action, status) => {
    for (const note of [undefined, null, '', '   \n\t']) {
      const e = ruleError(() => decideTransition(snap(status), system, validReq(action, { note })));
      expect(e).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOTE_REQUIRED', field: 'note' });
    }
  });

  it('other actions do not need a note', () => {
    for (const action of DOSSIER_ACTIONS) {
      if (action === 'REJECT' || action === 'STOP' || action === 'REQUEST_SUPPLEMENT') continue;
      expect(() => decideTransition(validSnap(action), powerful(action), validReq(action, { note: null }))).not.toThrow();
    }
  });
});

describe('second supplement request needs an apology letter', () => {
  it('the first request does not', () => {
    const o = decideTransition(snap('PROCESSING'), system, validReq('REQUEST_SUPPLEMENT', { apologyLetter: null }));
    expect(o.supplementRequests).toBe(1);
  });

  it.each([1, 2, 5])('after %i request(s) a blank letter is refused', (n) => {
    for (const apologyLetter of [undefined, null, '', '  ']) {
      for (const status of ['SUBMITTED', 'PROCESSING'] as const) {
        const e = ruleError(() =>
          decideTransition(snap(status, { supplementRequests: n }), system, validReq('REQUEST_SUPPLEMENT', { apologyLetter })),
        );
        expect(e).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SECOND_SUPPLEMENT_NEEDS_APOLOGY', field: 'apologyLetter' });
      }
    }
  });

  it('with a letter the second request goes through', () => {
    const o = decideTransition(snap('PROCESSING', { supplementRequests: 1 }), system, validReq('REQUEST_SUPPLEMENT'));
    expect(o).toMatchObject({ to: 'SUPPLEMENT_REQUESTED', supplementRequests: 2, pause: 'START' });
  });

  it('a second request is possible again after the applicant supplemented', () => {
    const first = decideTransition(snap('PROCESSING'), system, validReq('REQUEST_SUPPLEMENT', { apologyLetter: null }));
    const waiting = snap('SUPPLEMENT_REQUESTED', { supplementRequests: first.supplementRequests, pausedFrom: first.resumeTo });
    const back = decideTransition(waiting, owner, validReq('SUPPLEMENT'));
    const again = snap(back.to, { supplementRequests: back.supplementRequests });
    expect(ruleError(() => decideTransition(again, system, validReq('REQUEST_SUPPLEMENT', { apologyLetter: null }))).reason).toBe(
      'SECOND_SUPPLEMENT_NEEDS_APOLOGY',
    );
  });
});

describe('ISSUE_RESULT needs a complete result', () => {
  const d = snap('APPROVED');
  const clerk = actor(['CLERK']);

  it('accepts a complete result', () => {
    expect(decideTransition(d, clerk, validReq('ISSUE_RESULT')).to).toBe('RESULT_READY');
  });

  it('refuses a missing result', () => {
    for (const result of [undefined, null]) {
      const e = ruleError(() => decideTransition(d, clerk, validReq('ISSUE_RESULT', { result })));
      expect(e).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RESULT_REQUIRED', field: 'result' });
    }
  });

  it.each(['documentNumber', 'signedBy', 'fileUrl', 'sha256'] as const)('refuses a blank %s', (key) => {
    for (const blank of ['', '   ']) {
      const e = ruleError(() => decideTransition(d, clerk, validReq('ISSUE_RESULT', { result: { ...RESULT, [key]: blank } })));
      expect(e).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'RESULT_REQUIRED', field: 'result' });
    }
  });
});

describe('EXTEND validation', () => {
  const d = snap('PROCESSING');
  const leader = actor(['LEADER']);

  it('needs an apology letter', () => {
    for (const apologyLetter of [undefined, null, '', ' ']) {
      const e = ruleError(() => decideTransition(d, leader, validReq('EXTEND', { apologyLetter })));
      expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: 'apologyLetter' });
    }
  });

  it('needs a new due date', () => {
    for (const newDueAt of [undefined, null]) {
      const e = ruleError(() => decideTransition(d, leader, validReq('EXTEND', { newDueAt })));
      expect(e).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NEW_DUE_AT_REQUIRED', field: 'newDueAt' });
    }
  });

  it('refuses an invalid date', () => {
    const e = ruleError(() => decideTransition(d, leader, validReq('EXTEND', { newDueAt: new Date('nope') })));
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newDueAt' });
  });

  it('needs a date later than the current due date', () => {
    for (const newDueAt of [new Date(DUE.getTime()), new Date(DUE.getTime() - 1), new Date('2020-01-01T00:00:00Z')]) {
      const e = ruleError(() => decideTransition(d, leader, validReq('EXTEND', { newDueAt })));
      expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newDueAt' });
    }
    const o = decideTransition(d, leader, validReq('EXTEND', { newDueAt: new Date(DUE.getTime() + 1) }));
    expect(o.newDueAt).toEqual(new Date(DUE.getTime() + 1));
  });

  it('is allowed only while the clock runs', () => {
    const allowed = DOSSIER_STATUSES.filter((s) => allowedActions(snap(s), system).includes('EXTEND'));
    expect(allowed).toEqual(['PROCESSING', 'AWAITING_APPROVAL', 'APPROVED']);
  });

  it('only EXTEND returns a newDueAt', () => {
    const o = decideTransition(d, system, validReq('SUBMIT_FOR_APPROVAL', { newDueAt: LATER }));
    expect(o.newDueAt).toBeNull();
  });
});

// ------------------------------------------------------------------ fees

describe('unpaid fees block DELIVER', () => {
  it('CONFLICT UNPAID_FEES while fees are outstanding', () => {
    for (const role of ['RECEPTION_OFFICER', 'SECTOR_SYSTEM'] as const) {
      const e = ruleError(() => decideTransition(snap('RESULT_READY', { outstandingFees: 1 }), actor([role]), validReq('DELIVER')));
      expect(e).toMatchObject({ code: 'CONFLICT', reason: 'UNPAID_FEES' });
    }
  });

  it('delivers once nothing is owed', () => {
    const o = decideTransition(snap('RESULT_READY', { outstandingFees: 0 }), actor(['RECEPTION_OFFICER']), validReq('DELIVER'));
    expect(o).toMatchObject({ to: 'DELIVERED', delivers: true, nationalStatusCode: 10 });
  });

  it('is not offered by allowedActions while fees are outstanding', () => {
    expect(allowedActions(snap('RESULT_READY', { outstandingFees: 30_000 }), system)).toEqual([]);
    expect(allowedActions(snap('RESULT_READY'), system)).toEqual(['DELIVER']);
  });

  it('other actions are not blocked by fees', () => {
    const o = decideTransition(snap('APPROVED', { outstandingFees: 30_000 }), system, validReq('ISSUE_RESULT'));
    expect(o.to).toBe('RESULT_READY');
  });
});

describe('paymentSettled', () => {
  it('returns to pausedFrom and ends the pause', () => {
    for (const from of ['SUBMITTED', 'PROCESSING'] as const) {
      const o = paymentSettled(snap('AWAITING_PAYMENT', { pausedFrom: from, dueAt: from === 'SUBMITTED' ? null : DUE }));
      expect(o).toEqual<TransitionOutcome>({
        from: 'AWAITING_PAYMENT',
        to: from,
        actorRole: 'SECTOR_SYSTEM',
        pause: 'END',
        resumeTo: null,
        supplementRequests: 0,
        receives: false,
        completes: false,
        delivers: false,
        newDueAt: null,
        nationalStatusCode: from === 'SUBMITTED' ? 1 : 4,
      });
    }
  });

  it('infers the status to return to when pausedFrom is missing', () => {
    expect(paymentSettled(snap('AWAITING_PAYMENT', { pausedFrom: null })).to).toBe('PROCESSING');
    expect(paymentSettled(snap('AWAITING_PAYMENT', { pausedFrom: null, dueAt: null })).to).toBe('SUBMITTED');
  });

  it('refuses outside AWAITING_PAYMENT', () => {
    for (const s of DOSSIER_STATUSES) {
      if (s === 'AWAITING_PAYMENT') continue;
      const e = ruleError(() => paymentSettled(snap(s)));
      expect(e).toMatchObject({ code: 'CONFLICT', reason: 'ACTION_NOT_ALLOWED_IN_STATUS' });
      expect(e.message).toContain(s);
    }
  });

  it('refuses while fees are still outstanding', () => {
    const e = ruleError(() => paymentSettled(snap('AWAITING_PAYMENT', { outstandingFees: 10_000 })));
    expect(e).toMatchObject({ code: 'CONFLICT', reason: 'UNPAID_FEES' });
  });

  it('staff cannot leave AWAITING_PAYMENT with SUPPLEMENT', () => {
    const e = ruleError(() => decideTransition(snap('AWAITING_PAYMENT'), actor(['RECEPTION_OFFICER']), validReq('SUPPLEMENT')));
    expect(e).toMatchObject({ code: 'CONFLICT', reason: 'ACTION_NOT_ALLOWED_IN_STATUS' });
  });
});

// ------------------------------------------------------------------ national codes

describe('nationalStatusCode', () => {
  // prettier-ignore
  const CODES: Record<DossierStatus, number> = {
    SUBMITTED: 1, PROCESSING: 4, REJECTED: 3, SUPPLEMENT_REQUESTED: 5, AWAITING_PAYMENT: 6,
    WITHDRAWN: 7, STOPPED: 8, AWAITING_APPROVAL: 4, APPROVED: 4, RESULT_READY: 9, DELIVERED: 10,
  };

  it.each(DOSSIER_STATUSES.map((s) => [s, CODES[s]] as const))('%s → %i', (s, code) => {
    expect(nationalStatusCode(s)).toBe(code);
    expect(nationalStatusCode(s, false)).toBe(code);
  });

  it('PROCESSING just received → 2, only for PROCESSING', () => {
    expect(nationalStatusCode('PROCESSING', true)).toBe(2);
    for (const s of DOSSIER_STATUSES) {
      if (s !== 'PROCESSING') expect(nationalStatusCode(s, true)).toBe(CODES[s]);
    }
  });

  it('every code is 1–10', () => {
    for (const s of DOSSIER_STATUSES) {
      expect(nationalStatusCode(s)).toBeGreaterThanOrEqual(1);
      expect(nationalStatusCode(s)).toBeLessThanOrEqual(10);
    }
  });
});

// ------------------------------------------------------------------ allowedActions

describe('allowedActions matches decideTransition', () => {
  const actors: Array<[string, Actor]> = [
    ['sector system', system],
    ['owner citizen', owner],
    ['other citizen', actor(['CITIZEN'], { identityNumber: OTHER_IDN, agencyCodes: [] })],
    ['reception officer', actor(['RECEPTION_OFFICER'])],
    ['specialist', actor(['SPECIALIST'])],
    ['leader', actor(['LEADER'])],
    ['clerk', actor(['CLERK'])],
    ['admin', actor(['ADMIN'])],
    ['observer', actor(['OBSERVER'])],
    ['officer of another agency', actor(['RECEPTION_OFFICER'], { agencyCodes: [OTHER_AGENCY] })],
    ['officer and citizen', actor(['CITIZEN', 'RECEPTION_OFFICER'], { identityNumber: IDN })],
    ['specialist and leader', actor(['SPECIALIST', 'LEADER'])],
  ];
  const variants: Array<[string, Partial<DossierSnapshot>]> = [
    ['plain', {}],
    ['fees owed', { outstandingFees: 25_000 }],
    ['second supplement', { supplementRequests: 1 }],
  ];
  const cases = actors.flatMap(([name, a]) =>
    variants.flatMap(([vname, over]) => DOSSIER_STATUSES.map((s) => [name, vname, s, a, over] as const)),
  );

  it.each(cases)('%s / %s / %s', (_n, _v, status, a, over) => {
    const d = snap(status, over);
    const allowed = allowedActions(d, a);
    const expected = DOSSIER_ACTIONS.filter((action) => {
      try {
        decideTransition(d, a, validReq(action));
        return true;
      } catch (e) {
        if (e instanceof DossierRuleError) return false;
        throw e;
      }
    });
    expect(allowed).toEqual(expected);
  });

  it('examples', () => {
    expect(allowedActions(snap('SUBMITTED'), actor(['RECEPTION_OFFICER']))).toEqual([
      'RECEIVE',
      'REJECT',
      'REQUEST_SUPPLEMENT',
      'REQUEST_PAYMENT',
    ]);
    expect(allowedActions(snap('PROCESSING'), actor(['SPECIALIST']))).toEqual([
      'REQUEST_SUPPLEMENT',
      'REQUEST_PAYMENT',
      'SUBMIT_FOR_APPROVAL',
      'STOP',
      'EXTEND',
    ]);
    expect(allowedActions(snap('AWAITING_APPROVAL'), actor(['LEADER']))).toEqual([
      'RETURN_FOR_REVISION',
      'APPROVE',
      'STOP',
      'EXTEND',
    ]);
    expect(allowedActions(snap('APPROVED'), actor(['CLERK']))).toEqual(['ISSUE_RESULT']);
    expect(allowedActions(snap('SUPPLEMENT_REQUESTED'), owner)).toEqual(['SUPPLEMENT', 'WITHDRAW']);
    expect(allowedActions(snap('AWAITING_PAYMENT'), owner)).toEqual(['WITHDRAW']);
    expect(allowedActions(snap('RESULT_READY'), owner)).toEqual([]);
  });

  it('ignores input requirements (offers a third supplement request although it needs a letter)', () => {
    expect(allowedActions(snap('PROCESSING', { supplementRequests: 3 }), system)).toContain('REQUEST_SUPPLEMENT');
  });
});

// ------------------------------------------------------------------ a full walk

describe('a full walk through the lifecycle', () => {
  it('submitted to delivered with a supplement and a payment', () => {
    let d = snap('SUBMITTED');
    const apply = (o: TransitionOutcome, over: Partial<DossierSnapshot> = {}): void => {
      d = {
        ...d,
        status: o.to,
        supplementRequests: o.supplementRequests,
        pausedFrom: o.resumeTo,
        pausedAt: o.pause === 'START' ? PAUSED_AT : o.pause === 'END' ? null : d.pausedAt,
        dueAt: o.receives ? DUE : (o.newDueAt ?? d.dueAt),
        ...over,
      };
    };
    const officer = actor(['RECEPTION_OFFICER']);
    const specialist = actor(['SPECIALIST']);
    const leader = actor(['LEADER']);
    const clerk = actor(['CLERK']);

    apply(decideTransition(d, officer, validReq('RECEIVE')));
    expect(d.status).toBe('PROCESSING');
    apply(decideTransition(d, specialist, validReq('REQUEST_SUPPLEMENT', { apologyLetter: null })));
    expect(d).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', pausedFrom: 'PROCESSING', supplementRequests: 1 });
    apply(decideTransition(d, owner, validReq('SUPPLEMENT')));
    expect(d).toMatchObject({ status: 'PROCESSING', pausedFrom: null, pausedAt: null });
    apply(decideTransition(d, specialist, validReq('REQUEST_PAYMENT')), { outstandingFees: 100_000 });
    expect(d).toMatchObject({ status: 'AWAITING_PAYMENT', pausedFrom: 'PROCESSING' });
    expect(() => paymentSettled(d)).toThrow(DossierRuleError);
    d = { ...d, outstandingFees: 0 };
    apply(paymentSettled(d));
    expect(d.status).toBe('PROCESSING');
    apply(decideTransition(d, specialist, validReq('SUBMIT_FOR_APPROVAL')));
    apply(decideTransition(d, leader, validReq('RETURN_FOR_REVISION')));
    expect(d.status).toBe('PROCESSING');
    apply(decideTransition(d, leader, validReq('EXTEND')));
    expect(d.dueAt).toEqual(LATER);
    apply(decideTransition(d, specialist, validReq('SUBMIT_FOR_APPROVAL')));
    apply(decideTransition(d, leader, validReq('APPROVE')));
    apply(decideTransition(d, clerk, validReq('ISSUE_RESULT')));
    expect(d.status).toBe('RESULT_READY');
    apply(decideTransition(d, officer, validReq('DELIVER')));
    expect(d.status).toBe('DELIVERED');
    expect(allowedActions(d, system)).toEqual([]);
  });
});
