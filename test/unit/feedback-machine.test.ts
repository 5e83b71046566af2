import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, GraphQLEnumType } from 'graphql';
import { DossierRuleError } from '../../src/domain/dossier-machine';
import { msg } from '../../src/domain/errors';
import {
  Actor,
  FEEDBACK_ACTIONS,
  FEEDBACK_ACTION_ROLES,
  FEEDBACK_CODE_RE,
  FEEDBACK_PAUSED_STATUSES,
  FEEDBACK_STAGES,
  FEEDBACK_STAGE_WORKING_DAYS,
  FEEDBACK_STATUSES,
  FEEDBACK_TERMINAL_STATUSES,
  FEEDBACK_TRANSITIONS,
  FeedbackAction,
  FeedbackRuleError,
  FeedbackSnapshot,
  FeedbackStatus,
  FeedbackTransitionOutcome,
  FeedbackTransitionRequest,
  ROLES,
  Role,
  allowedFeedbackActions,
  answeredOnTime,
  canReadFeedback,
  decideFeedbackTransition,
  feedbackAccess,
  feedbackDeadline,
  feedbackDeadlines,
  feedbackTimeliness,
  formatFeedbackCode,
  isFeedbackClosed,
  isFeedbackOverdue,
  parseFeedbackCode,
  receiveFeedback,
} from '../../src/domain/feedback-machine';
import { WorkingCalendar } from '../../src/domain/working-calendar';

/** Local Vietnam wall time 'YYYY-MM-DDTHH:mm[:ss]' → instant (independent of process TZ). */
function vn(local: string): Date {
  return new Date(`${local}+07:00`);
}

/** Instant → local Vietnam wall time 'YYYY-MM-DDTHH:mm' (seconds appended when non-zero). */
function fmt(d: Date | null): string | null {
  if (d === null) return null;
  const iso = new Date(d.getTime() + 7 * 3_600_000).toISOString();
  return iso.endsWith(':00.000Z') ? iso.slice(0, 16) : iso.slice(0, 23);
}

const cal = new WorkingCalendar();

const AGENCY = '000.00.15.H22';
const OTHER_AGENCY = '000.00.16.H22';
const IDN = '001090012345';
const OTHER_IDN = '079085000111';
const SUBMITTER_SUB = 'citizen-42';

/** Monday 2 March 2026, 08:00: an ordinary working week follows. */
const RECEIPT = vn('2026-03-02T08:00');
/** Wednesday 4 March 2026, 10:00: "now" for most transitions (within every deadline). */
const NOW = vn('2026-03-04T10:00');
const ANSWERED_AT = vn('2026-03-03T15:00');
const PAUSED_AT = vn('2026-03-03T09:00');

const clock = (now: Date = NOW) => ({ now, calendar: cal });

/** A consistent snapshot for each status. */
function snap(status: FeedbackStatus, over: Partial<FeedbackSnapshot> = {}): FeedbackSnapshot {
  const paused = status === 'SUPPLEMENT_REQUESTED';
  return {
    status,
    agencyCode: AGENCY,
    isPublic: true,
    submitterIdentityNumber: IDN,
    submitterSubject: SUBMITTER_SUB,
    clockStartedAt: RECEIPT,
    pausedWorkingMinutes: 0,
    supplementRequests: paused ? 1 : 0,
    pausedFrom: paused ? 'PROCESSING' : null,
    pausedAt: paused ? PAUSED_AT : null,
    answeredAt: status === 'ANSWERED' || status === 'PUBLISHED' ? ANSWERED_AT : null,
    ...over,
  };
}

function actor(roles: Role[], over: Partial<Actor> = {}): Actor {
  return { subject: `u-${roles.join('-')}`, roles, agencyCodes: [AGENCY], identityNumber: null, ...over };
}

const system = actor(['SECTOR_SYSTEM']);
const submitter = actor(['CITIZEN'], { agencyCodes: [], identityNumber: IDN });
const admin = actor(['ADMIN'], { agencyCodes: [] });

/** A request that satisfies every input rule (FORWARD to another agency). */
function validReq(action: FeedbackAction, over: Partial<FeedbackTransitionRequest> = {}): FeedbackTransitionRequest {
  return {
    action,
    note: 'Đề nghị cung cấp địa chỉ cụ thể nơi xảy ra sự việc',
    answer: 'Sở Tư pháp trả lời như sau: hồ sơ của ông/bà đã được giải quyết đúng hạn.',
    targetAgencyCode: OTHER_AGENCY,
    ...over,
  };
}

function decide(
  f: FeedbackSnapshot,
  a: Actor,
  req: FeedbackTransitionRequest,
  now: Date = NOW,
): FeedbackTransitionOutcome {
  return decideFeedbackTransition(f, a, req, clock(now));
}

function ruleError(fn: () => unknown): FeedbackRuleError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FeedbackRuleError) return e;
    throw e;
  }
  throw new Error('expected a FeedbackRuleError, nothing was thrown');
}

// ------------------------------------------------------------------ vocabulary

describe('vocabulary', () => {
  it('statuses are exactly the contract enum, in its order', () => {
    expect([...FEEDBACK_STATUSES]).toEqual([
      'RECEIVED',
      'FORWARDED',
      'PROCESSING',
      'SUPPLEMENT_REQUESTED',
      'ANSWERED',
      'PUBLISHED',
      'REJECTED',
    ]);
  });

  it('actions are exactly the contract enum, in its order', () => {
    expect([...FEEDBACK_ACTIONS]).toEqual(['FORWARD', 'REJECT', 'REQUEST_SUPPLEMENT', 'SUPPLEMENT', 'START', 'ANSWER', 'PUBLISH']);
  });

  it('roles are exactly the contract enum', () => {
    expect([...ROLES].sort()).toEqual(
      ['CITIZEN', 'RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'CLERK', 'SECTOR_SYSTEM', 'ADMIN', 'OBSERVER'].sort(),
    );
  });

  it('terminal and paused statuses', () => {
    expect([...FEEDBACK_TERMINAL_STATUSES].sort()).toEqual(['PUBLISHED', 'REJECTED']);
    expect([...FEEDBACK_PAUSED_STATUSES]).toEqual(['SUPPLEMENT_REQUESTED']);
  });

  it('FeedbackRuleError carries code, reason, message and field, and is a DossierRuleError for the error formatter', () => {
    const e = new FeedbackRuleError('BAD_USER_INPUT', 'ANSWER_REQUIRED', msg('Cần có câu trả lời.', 'An answer is needed.'), 'answer');
    expect(e.messageIn('vi')).toBe('Cần có câu trả lời.');
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(DossierRuleError);
    expect(e.name).toBe('FeedbackRuleError');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ANSWER_REQUIRED', message: 'An answer is needed.', field: 'answer' });
  });
});

// ------------------------------------------------------------------ status × action

/** Expected target of each (status, action) for SECTOR_SYSTEM of the agency; '-' = CONFLICT. */
type Cell = FeedbackStatus | '-';
// prettier-ignore
const TABLE: Record<FeedbackStatus, Record<FeedbackAction, Cell>> = {
  RECEIVED: {
    FORWARD: 'FORWARDED', REJECT: 'REJECTED', REQUEST_SUPPLEMENT: 'SUPPLEMENT_REQUESTED', SUPPLEMENT: '-',
    START: 'PROCESSING', ANSWER: '-', PUBLISH: '-',
  },
  FORWARDED: {
    FORWARD: 'FORWARDED', REJECT: 'REJECTED', REQUEST_SUPPLEMENT: 'SUPPLEMENT_REQUESTED', SUPPLEMENT: '-',
    START: 'PROCESSING', ANSWER: '-', PUBLISH: '-',
  },
  PROCESSING: {
    FORWARD: 'FORWARDED', REJECT: '-', REQUEST_SUPPLEMENT: 'SUPPLEMENT_REQUESTED', SUPPLEMENT: '-',
    START: '-', ANSWER: 'ANSWERED', PUBLISH: '-',
  },
  SUPPLEMENT_REQUESTED: {
    FORWARD: '-', REJECT: 'REJECTED', REQUEST_SUPPLEMENT: '-', SUPPLEMENT: 'PROCESSING',
    START: '-', ANSWER: '-', PUBLISH: '-',
  },
  ANSWERED: {
    FORWARD: '-', REJECT: '-', REQUEST_SUPPLEMENT: '-', SUPPLEMENT: '-',
    START: '-', ANSWER: '-', PUBLISH: 'PUBLISHED',
  },
  PUBLISHED: {
    FORWARD: '-', REJECT: '-', REQUEST_SUPPLEMENT: '-', SUPPLEMENT: '-',
    START: '-', ANSWER: '-', PUBLISH: '-',
  },
  REJECTED: {
    FORWARD: '-', REJECT: '-', REQUEST_SUPPLEMENT: '-', SUPPLEMENT: '-',
    START: '-', ANSWER: '-', PUBLISH: '-',
  },
};

/** The contract's enums, read from the repository's copy of the contract. */
const CONTRACT_SDL = readFileSync(resolve(__dirname, '../../contract/schema.graphql'), 'utf8');

function contractEnum(sdl: string, name: string): string[] {
  const type = buildSchema(sdl).getType(name);
  if (!(type instanceof GraphQLEnumType)) throw new Error(`the contract has no enum ${name}`);
  return type.getValues().map((v) => v.name);
}

/** Actions the hub only writes in a feedback's log (its FeedbackAction enum adds them); never requested. */
const LOG_ONLY_ACTIONS = ['SUBMIT'];

/**
 * Where the machine (its vocabulary and FEEDBACK_TRANSITIONS) and this file's TABLE disagree with
 * the contract's FeedbackStatus and FeedbackAction: one line per disagreement.
 */
function disagreementsWithContract(sdl: string): string[] {
  const statuses = contractEnum(sdl, 'FeedbackStatus');
  const actions = contractEnum(sdl, 'FeedbackAction').filter((a) => !LOG_ONLY_ACTIONS.includes(a));
  const out: string[] = [];
  const same = (what: string, ours: readonly string[], theirs: readonly string[]) => {
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) out.push(`${what}: ${ours.join(',')} ≠ contract ${theirs.join(',')}`);
  };
  same('FEEDBACK_STATUSES', FEEDBACK_STATUSES, statuses);
  same('FEEDBACK_ACTIONS', FEEDBACK_ACTIONS, actions);
  same('FEEDBACK_TRANSITIONS actions', Object.keys(FEEDBACK_TRANSITIONS), actions);
  same('FEEDBACK_ACTION_ROLES actions', Object.keys(FEEDBACK_ACTION_ROLES), actions);
  same('TABLE statuses', Object.keys(TABLE), statuses);
  for (const a of actions) {
    const row = (FEEDBACK_TRANSITIONS as Record<string, Record<string, string> | undefined>)[a] ?? {};
    for (const [from, to] of Object.entries(row)) {
      if (!statuses.includes(from)) out.push(`FEEDBACK_TRANSITIONS ${a}: from ${from} is not a contract status`);
      if (to !== 'RESUME' && !statuses.includes(to)) out.push(`FEEDBACK_TRANSITIONS ${a}: to ${to} is not a contract status`);
    }
  }
  for (const s of statuses) {
    for (const a of actions) {
      const cell = (TABLE as Record<string, Record<string, Cell> | undefined>)[s]?.[a];
      if (cell === undefined) {
        out.push(`TABLE has no cell for ${s} + ${a}`);
        continue;
      }
      // The machine's own table says the same (RESUME: back to pausedFrom, PROCESSING in snap()).
      const target = (FEEDBACK_TRANSITIONS as Record<string, Record<string, string> | undefined>)[a]?.[s];
      const machine = target === undefined ? '-' : target === 'RESUME' ? 'PROCESSING' : target;
      if (machine !== cell) out.push(`${s} + ${a}: FEEDBACK_TRANSITIONS says ${machine}, TABLE says ${cell}`);
    }
  }
  return out;
}

/** Every (status, action) pair of the contract, with the TABLE's expectation. */
const PAIRS: Array<[FeedbackStatus, FeedbackAction, Cell]> = contractEnum(CONTRACT_SDL, 'FeedbackStatus').flatMap((s) =>
  contractEnum(CONTRACT_SDL, 'FeedbackAction')
    .filter((a) => !LOG_ONLY_ACTIONS.includes(a))
    .map((a) => [s, a, TABLE[s as FeedbackStatus]?.[a as FeedbackAction]] as [FeedbackStatus, FeedbackAction, Cell]),
);

describe('every status × action (sector system of the agency, valid input)', () => {
  it('the table covers every pair of the contract, and the machine agrees with it', () => {
    expect(disagreementsWithContract(CONTRACT_SDL)).toEqual([]);
    expect(PAIRS).toHaveLength(contractEnum(CONTRACT_SDL, 'FeedbackStatus').length * FEEDBACK_ACTIONS.length);
  });

  it('the coverage check can fail: a status or an action the contract gains is reported', () => {
    const moreStatuses = CONTRACT_SDL.replace(/enum FeedbackStatus \{/, 'enum FeedbackStatus {\n  WITHDRAWN');
    expect(moreStatuses).not.toBe(CONTRACT_SDL);
    expect(disagreementsWithContract(moreStatuses)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^FEEDBACK_STATUSES/), 'TABLE has no cell for WITHDRAWN + FORWARD']),
    );
    const moreActions = CONTRACT_SDL.replace(/enum FeedbackAction \{/, 'enum FeedbackAction {\n  REOPEN');
    expect(disagreementsWithContract(moreActions)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^FEEDBACK_TRANSITIONS actions/), 'TABLE has no cell for RECEIVED + REOPEN']),
    );
    // SUBMIT is the hub's log-only action: the contract may list it without the machine taking it.
    const withSubmit = CONTRACT_SDL.replace(/enum FeedbackAction \{/, 'enum FeedbackAction {\n  SUBMIT');
    expect(disagreementsWithContract(withSubmit)).toEqual([]);
  });

  it.each(PAIRS)('%s + %s → %s', (status, action, expected) => {
    const f = snap(status);
    if (expected === '-') {
      const e = ruleError(() => decide(f, system, validReq(action)));
      expect(e.code).toBe('CONFLICT');
      expect(e.reason).toBe('ACTION_NOT_ALLOWED_IN_STATUS');
      expect(e.message).toBe(`${action} is not allowed while the feedback is ${status}`);
      expect(e.field).toBeUndefined();
    } else {
      const o = decide(f, system, validReq(action));
      expect(o).toMatchObject({ action, from: status, to: expected, actorRole: 'SECTOR_SYSTEM' });
    }
  });

  it('the submitter can supplement in SUPPLEMENT_REQUESTED and nowhere else', () => {
    for (const s of FEEDBACK_STATUSES) {
      if (s === 'SUPPLEMENT_REQUESTED') {
        expect(decide(snap(s), submitter, validReq('SUPPLEMENT')).actorRole).toBe('CITIZEN');
      } else {
        expect(ruleError(() => decide(snap(s), submitter, validReq('SUPPLEMENT'))).code).toBe('CONFLICT');
      }
    }
  });

  it('terminal statuses allow nothing, for anybody', () => {
    for (const s of FEEDBACK_TERMINAL_STATUSES) {
      for (const a of FEEDBACK_ACTIONS) expect(TABLE[s][a]).toBe('-');
      for (const who of [system, submitter, admin, actor(['LEADER'])]) expect(allowedFeedbackActions(snap(s), who)).toEqual([]);
    }
  });

  it('a private feedback ends at ANSWERED', () => {
    expect(allowedFeedbackActions(snap('ANSWERED', { isPublic: false }), system)).toEqual([]);
    expect(allowedFeedbackActions(snap('ANSWERED', { isPublic: true }), system)).toEqual(['PUBLISH']);
  });
});

// ------------------------------------------------------------------ roles

/** A status where the action is possible, with a snapshot that passes every other rule. */
const VALID_STATUS: Record<FeedbackAction, FeedbackStatus> = {
  FORWARD: 'RECEIVED',
  REJECT: 'RECEIVED',
  REQUEST_SUPPLEMENT: 'PROCESSING',
  SUPPLEMENT: 'SUPPLEMENT_REQUESTED',
  START: 'FORWARDED',
  ANSWER: 'PROCESSING',
  PUBLISH: 'ANSWERED',
};

// prettier-ignore
const ROLE_TABLE: Record<FeedbackAction, Role[]> = {
  FORWARD: ['RECEPTION_OFFICER', 'LEADER', 'SECTOR_SYSTEM', 'ADMIN'],
  REJECT: ['RECEPTION_OFFICER', 'LEADER', 'SECTOR_SYSTEM', 'ADMIN'],
  REQUEST_SUPPLEMENT: ['RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'SECTOR_SYSTEM'],
  SUPPLEMENT: ['CITIZEN', 'RECEPTION_OFFICER', 'SECTOR_SYSTEM'],
  START: ['SPECIALIST', 'LEADER', 'SECTOR_SYSTEM'],
  ANSWER: ['SPECIALIST', 'LEADER', 'SECTOR_SYSTEM'],
  PUBLISH: ['LEADER', 'SECTOR_SYSTEM'],
};

/** An actor with one role, in scope (agency for staff, the submitter for citizens). */
function inScope(role: Role): Actor {
  return actor([role], { identityNumber: role === 'CITIZEN' ? IDN : null, agencyCodes: role === 'CITIZEN' ? [] : [AGENCY] });
}

describe('roles per action', () => {
  it('the exported role table is the documented one', () => {
    expect(FEEDBACK_ACTION_ROLES).toEqual(ROLE_TABLE);
  });

  const cases = FEEDBACK_ACTIONS.flatMap((a) => ROLES.map((r) => [a, r, ROLE_TABLE[a].includes(r)] as const));

  it.each(cases)('%s by %s allowed=%s', (action, role, allowed) => {
    const f = snap(VALID_STATUS[action]);
    if (allowed) {
      expect(decide(f, inScope(role), validReq(action)).actorRole).toBe(role);
    } else {
      const e = ruleError(() => decide(f, inScope(role), validReq(action)));
      expect(e).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    }
  });

  it('CLERK and OBSERVER may do nothing, even with the agency in their token', () => {
    for (const role of ['CLERK', 'OBSERVER'] as const) {
      const a = actor([role], { identityNumber: IDN });
      for (const s of FEEDBACK_STATUSES) {
        expect(allowedFeedbackActions(snap(s), a)).toEqual([]);
        expect(allowedFeedbackActions(snap(s, { agencyCode: null }), a)).toEqual([]);
      }
    }
  });

  it('an actor without roles may do nothing', () => {
    const e = ruleError(() => decide(snap('RECEIVED'), actor([]), validReq('START')));
    expect(e).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    expect(e.message).toBe('Your role is not allowed to perform START on a feedback.');
  });

  it('acts under the first allowed role', () => {
    expect(decide(snap('PROCESSING'), actor(['CLERK', 'SPECIALIST']), validReq('ANSWER')).actorRole).toBe('SPECIALIST');
    expect(decide(snap('PROCESSING'), actor(['LEADER', 'SPECIALIST']), validReq('ANSWER')).actorRole).toBe('LEADER');
    expect(decide(snap('RECEIVED'), actor(['ADMIN', 'RECEPTION_OFFICER']), validReq('FORWARD')).actorRole).toBe('ADMIN');
    expect(decide(snap('RECEIVED'), actor(['RECEPTION_OFFICER', 'ADMIN']), validReq('FORWARD')).actorRole).toBe(
      'RECEPTION_OFFICER',
    );
    // An officer who is also a citizen, recording someone else's supplement at the desk…
    const officerCitizen = actor(['CITIZEN', 'RECEPTION_OFFICER'], { identityNumber: OTHER_IDN });
    expect(decide(snap('SUPPLEMENT_REQUESTED'), officerCitizen, validReq('SUPPLEMENT')).actorRole).toBe('RECEPTION_OFFICER');
    // … and supplementing their own feedback as its submitter.
    const ownOfficer = actor(['CITIZEN', 'RECEPTION_OFFICER'], { identityNumber: IDN });
    expect(decide(snap('SUPPLEMENT_REQUESTED'), ownOfficer, validReq('SUPPLEMENT')).actorRole).toBe('CITIZEN');
  });
});

// ------------------------------------------------------------------ agency, province and submitter scope

describe('agency scope', () => {
  const staffCases = FEEDBACK_ACTIONS.flatMap((a) =>
    ROLE_TABLE[a].filter((r) => r !== 'CITIZEN' && r !== 'ADMIN').map((r) => [a, r] as const),
  );

  it.each(staffCases)('%s by %s of another agency is FORBIDDEN', (action, role) => {
    const a = actor([role], { agencyCodes: [OTHER_AGENCY] });
    const e = ruleError(() => decide(snap(VALID_STATUS[action]), a, validReq(action)));
    expect(e).toMatchObject({ code: 'FORBIDDEN', reason: 'AGENCY_NOT_ALLOWED' });
    expect(e.message).toBe('This feedback is not with an agency you act for.');
  });

  it.each(staffCases)('%s by %s on a feedback without an agency is FORBIDDEN', (action, role) => {
    const a = actor([role], { agencyCodes: [AGENCY, OTHER_AGENCY] });
    const e = ruleError(() => decide(snap(VALID_STATUS[action], { agencyCode: null }), a, validReq(action)));
    expect(e).toMatchObject({ code: 'FORBIDDEN', reason: 'AGENCY_NOT_ALLOWED' });
  });

  it('staff with no agencies may do nothing', () => {
    const a = actor(['SECTOR_SYSTEM'], { agencyCodes: [] });
    for (const s of FEEDBACK_STATUSES) expect(allowedFeedbackActions(snap(s), a)).toEqual([]);
  });

  it('staff with several agencies may act on any of them', () => {
    const a = actor(['SPECIALIST'], { agencyCodes: [OTHER_AGENCY, AGENCY] });
    expect(decide(snap('FORWARDED'), a, validReq('START')).to).toBe('PROCESSING');
  });

  it('a citizen with the agency in the token is still not staff', () => {
    const a = actor(['CITIZEN'], { agencyCodes: [AGENCY], identityNumber: OTHER_IDN });
    expect(ruleError(() => decide(snap('RECEIVED'), a, validReq('START'))).reason).toBe('ROLE_NOT_ALLOWED');
    expect(ruleError(() => decide(snap('SUPPLEMENT_REQUESTED'), a, validReq('SUPPLEMENT'))).reason).toBe('NOT_SUBMITTER');
  });
});

describe('ADMIN (provincial PAKN coordinator)', () => {
  it('may forward and reject any feedback, with or without an agency, without agencies in the token', () => {
    for (const agencyCode of [AGENCY, OTHER_AGENCY, null]) {
      expect(decide(snap('RECEIVED', { agencyCode }), admin, validReq('FORWARD', { targetAgencyCode: '000.00.17.H22' })).to).toBe(
        'FORWARDED',
      );
      expect(decide(snap('RECEIVED', { agencyCode }), admin, validReq('REJECT')).to).toBe('REJECTED');
      expect(allowedFeedbackActions(snap('RECEIVED', { agencyCode }), admin)).toEqual(['FORWARD', 'REJECT']);
    }
  });

  it('routes a feedback submitted without an agency to one', () => {
    const o = decide(snap('RECEIVED', { agencyCode: null }), admin, validReq('FORWARD', { targetAgencyCode: AGENCY }));
    expect(o).toMatchObject({ to: 'FORWARDED', agencyCode: AGENCY, changesAgency: true, restartsClock: true, actorRole: 'ADMIN' });
  });

  it('must name another agency', () => {
    for (const targetAgencyCode of [undefined, null, '', '  ', AGENCY]) {
      const e = ruleError(() => decide(snap('RECEIVED'), admin, validReq('FORWARD', { targetAgencyCode })));
      expect(e).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TARGET_AGENCY_REQUIRED', field: 'targetAgencyCode' });
    }
  });

  it('cannot process, answer or publish', () => {
    expect(allowedFeedbackActions(snap('FORWARDED'), admin)).toEqual(['FORWARD', 'REJECT']);
    expect(allowedFeedbackActions(snap('PROCESSING'), admin)).toEqual(['FORWARD']);
    expect(allowedFeedbackActions(snap('SUPPLEMENT_REQUESTED'), admin)).toEqual(['REJECT']);
    expect(allowedFeedbackActions(snap('ANSWERED'), admin)).toEqual([]);
  });
});

describe('submitter scope', () => {
  const f = snap('SUPPLEMENT_REQUESTED');

  it('the submitter is recognised by identity number or by token subject', () => {
    expect(decide(f, actor(['CITIZEN'], { agencyCodes: [], identityNumber: ` ${IDN} ` }), validReq('SUPPLEMENT')).actorRole).toBe(
      'CITIZEN',
    );
    expect(decide(f, actor(['CITIZEN'], { agencyCodes: [], subject: SUBMITTER_SUB }), validReq('SUPPLEMENT')).actorRole).toBe(
      'CITIZEN',
    );
  });

  it('another citizen is FORBIDDEN NOT_SUBMITTER', () => {
    for (const identityNumber of [OTHER_IDN, null, undefined, '', '  ']) {
      const a = actor(['CITIZEN'], { identityNumber, agencyCodes: [] });
      const e = ruleError(() => decide(f, a, validReq('SUPPLEMENT')));
      expect(e).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_SUBMITTER' });
      expect(e.message).toBe('Only the person who sent this feedback may do this.');
    }
  });

  it('an anonymous submitter (no identity number, no subject) matches nobody', () => {
    const anon = snap('SUPPLEMENT_REQUESTED', { submitterIdentityNumber: null, submitterSubject: null });
    for (const a of [
      actor(['CITIZEN'], { identityNumber: '', agencyCodes: [], subject: '' }),
      actor(['CITIZEN'], { identityNumber: null, agencyCodes: [] }),
    ]) {
      expect(ruleError(() => decide(anon, a, validReq('SUPPLEMENT'))).reason).toBe('NOT_SUBMITTER');
    }
    const blank = snap('SUPPLEMENT_REQUESTED', { submitterIdentityNumber: ' ', submitterSubject: '' });
    expect(ruleError(() => decide(blank, actor(['CITIZEN'], { identityNumber: ' ', subject: '' }), validReq('SUPPLEMENT'))).reason).toBe(
      'NOT_SUBMITTER',
    );
    // Staff record what an anonymous submitter sends by phone or at the desk.
    expect(decide(anon, actor(['RECEPTION_OFFICER']), validReq('SUPPLEMENT')).actorRole).toBe('RECEPTION_OFFICER');
  });

  it('the submitter can do nothing but SUPPLEMENT', () => {
    for (const s of FEEDBACK_STATUSES) {
      const allowed = allowedFeedbackActions(snap(s), submitter);
      expect(allowed).toEqual(s === 'SUPPLEMENT_REQUESTED' ? ['SUPPLEMENT'] : []);
    }
  });
});

// ------------------------------------------------------------------ check order

describe('check order', () => {
  it('an unknown action is BAD_USER_INPUT on field action, before anything else', () => {
    const e = ruleError(() => decide(snap('RECEIVED'), actor([]), { action: 'WITHDRAW' as FeedbackAction }));
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_ACTION', field: 'action' });
  });

  it('FORBIDDEN comes before CONFLICT and never reveals the status', () => {
    const clerk = actor(['CLERK']);
    const stranger = actor(['SECTOR_SYSTEM'], { agencyCodes: [OTHER_AGENCY] });
    const notSubmitter = actor(['CITIZEN'], { identityNumber: OTHER_IDN, agencyCodes: [] });
    for (const s of FEEDBACK_STATUSES) {
      for (const [a, action, reason] of [
        [clerk, 'ANSWER', 'ROLE_NOT_ALLOWED'],
        [stranger, 'PUBLISH', 'AGENCY_NOT_ALLOWED'],
        [notSubmitter, 'SUPPLEMENT', 'NOT_SUBMITTER'],
      ] as const) {
        const e = ruleError(() => decide(snap(s), a, validReq(action)));
        expect(e).toMatchObject({ code: 'FORBIDDEN', reason });
        expect(e.message).not.toContain(s);
      }
    }
  });

  it('CONFLICT (status) comes before BAD_USER_INPUT', () => {
    expect(ruleError(() => decide(snap('PUBLISHED'), system, { action: 'REJECT' }))).toMatchObject({
      code: 'CONFLICT',
      reason: 'ACTION_NOT_ALLOWED_IN_STATUS',
    });
    expect(ruleError(() => decide(snap('ANSWERED'), system, { action: 'ANSWER' }))).toMatchObject({ code: 'CONFLICT' });
    expect(ruleError(() => decide(snap('REJECTED'), system, { action: 'FORWARD' }))).toMatchObject({ code: 'CONFLICT' });
  });

  it('FORBIDDEN comes before BAD_USER_INPUT', () => {
    expect(ruleError(() => decide(snap('PROCESSING'), actor(['RECEPTION_OFFICER']), { action: 'ANSWER' })).code).toBe('FORBIDDEN');
  });

  it('status CONFLICT comes before the NOT_PUBLIC block', () => {
    expect(ruleError(() => decide(snap('PUBLISHED', { isPublic: false }), system, validReq('PUBLISH'))).reason).toBe(
      'ACTION_NOT_ALLOWED_IN_STATUS',
    );
    expect(ruleError(() => decide(snap('ANSWERED', { isPublic: false }), system, validReq('PUBLISH'))).reason).toBe('NOT_PUBLIC');
  });

  it('an invalid instant is a programming error (RangeError)', () => {
    expect(() => decide(snap('FORWARDED'), system, validReq('START'), new Date('nope'))).toThrow(RangeError);
  });

  it('does not mutate the snapshot', () => {
    for (const [status, action] of PAIRS.filter(([, , c]) => c !== '-')) {
      const f = snap(status);
      const copy = structuredClone(f);
      decide(f, system, validReq(action));
      expect(f).toEqual(copy);
    }
  });
});

// ------------------------------------------------------------------ input rules

describe('input rules', () => {
  const BLANKS = [undefined, null, '', '   \n\t'];

  it.each([
    ['REJECT', 'RECEIVED'],
    ['REJECT', 'FORWARDED'],
    ['REJECT', 'SUPPLEMENT_REQUESTED'],
    ['REQUEST_SUPPLEMENT', 'RECEIVED'],
    ['REQUEST_SUPPLEMENT', 'FORWARDED'],
    ['REQUEST_SUPPLEMENT', 'PROCESSING'],
    ['SUPPLEMENT', 'SUPPLEMENT_REQUESTED'],
  ] as const)('%s from %s needs a note', (action, status) => {
    for (const note of BLANKS) {
      const e = ruleError(() => decide(snap(status), system, validReq(action, { note })));
      expect(e).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NOTE_REQUIRED', field: 'note' });
    }
  });

  it('ANSWER needs the answer text', () => {
    for (const answer of BLANKS) {
      const e = ruleError(() => decide(snap('PROCESSING'), system, validReq('ANSWER', { answer })));
      expect(e).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ANSWER_REQUIRED', field: 'answer' });
      expect(e.message).toBe('Answering a feedback needs the answer text.');
    }
  });

  it('ANSWER does not need a note; the answer is trimmed into the outcome', () => {
    const o = decide(snap('PROCESSING'), system, validReq('ANSWER', { note: null, answer: '  Đã xử lý.  \n' }));
    expect(o).toMatchObject({ answers: true, answer: 'Đã xử lý.' });
  });

  it('START, PUBLISH and the internal FORWARD need nothing', () => {
    const bare = { note: null, answer: null, targetAgencyCode: null };
    expect(decide(snap('RECEIVED'), system, validReq('START', bare)).to).toBe('PROCESSING');
    expect(decide(snap('ANSWERED'), system, validReq('PUBLISH', bare)).to).toBe('PUBLISHED');
    expect(decide(snap('RECEIVED'), system, validReq('FORWARD', bare)).to).toBe('FORWARDED');
  });

  it('only ANSWER returns an answer', () => {
    for (const [status, action] of PAIRS.filter(([, , c]) => c !== '-')) {
      const o = decide(snap(status), system, validReq(action));
      expect(o.answers).toBe(action === 'ANSWER');
      expect(o.answer === null).toBe(action !== 'ANSWER');
    }
  });
});

// ------------------------------------------------------------------ FORWARD

describe('FORWARD', () => {
  const officer = actor(['RECEPTION_OFFICER']);

  it('without a target: the desk hands it to its own processing unit, the clock keeps running', () => {
    for (const targetAgencyCode of [undefined, null, '', ' ', AGENCY, ` ${AGENCY} `]) {
      const o = decide(snap('RECEIVED'), officer, validReq('FORWARD', { targetAgencyCode }));
      expect(o).toMatchObject({
        to: 'FORWARDED',
        agencyCode: AGENCY,
        changesAgency: false,
        restartsClock: false,
        clockStartedAt: RECEIPT,
        supplementRequests: 0,
        onTime: null,
      });
      // Reject deadline still counts from receipt: Mon 08:00 + 2 → Wed 08:00.
      expect(fmt(o.stageDeadline)).toBe('2026-03-04T08:00');
    }
  });

  it('to another agency: the agency changes and the clock restarts at forwarding', () => {
    const at = vn('2026-03-04T16:00');
    const f = snap('PROCESSING', { pausedWorkingMinutes: 960, supplementRequests: 2 });
    const o = decide(f, officer, validReq('FORWARD', { targetAgencyCode: ` ${OTHER_AGENCY} ` }), at);
    expect(o).toMatchObject({
      from: 'PROCESSING',
      to: 'FORWARDED',
      agencyCode: OTHER_AGENCY,
      changesAgency: true,
      restartsClock: true,
      pausedWorkingMinutes: 0,
      supplementRequests: 0,
      pause: null,
    });
    expect(o.clockStartedAt).toEqual(at);
    // The new agency may reject within 2 working days of forwarding: Wed 16:00 → Fri 16:00.
    expect(fmt(o.stageDeadline)).toBe('2026-03-06T16:00');
    // and answers within 15: Thu 5 … Wed 25 March, 16:00.
    expect(fmt(o.answerDueAt)).toBe('2026-03-25T16:00');
  });

  it('from FORWARDED or PROCESSING it must name another agency', () => {
    for (const status of ['FORWARDED', 'PROCESSING'] as const) {
      for (const targetAgencyCode of [undefined, null, '', AGENCY]) {
        const e = ruleError(() => decide(snap(status), system, validReq('FORWARD', { targetAgencyCode })));
        expect(e).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TARGET_AGENCY_REQUIRED', field: 'targetAgencyCode' });
      }
      expect(decide(snap(status), system, validReq('FORWARD')).agencyCode).toBe(OTHER_AGENCY);
    }
  });

  it('the agency it left can no longer act on it, the new one can', () => {
    const o = decide(snap('RECEIVED'), officer, validReq('FORWARD'));
    const moved = snap('FORWARDED', { agencyCode: o.agencyCode, clockStartedAt: o.clockStartedAt });
    expect(allowedFeedbackActions(moved, actor(['SPECIALIST']))).toEqual([]);
    expect(allowedFeedbackActions(moved, actor(['SPECIALIST'], { agencyCodes: [OTHER_AGENCY] }))).toEqual([
      'REQUEST_SUPPLEMENT',
      'START',
    ]);
  });
});

// ------------------------------------------------------------------ outcome bookkeeping

describe('outcome bookkeeping', () => {
  it('START: the answer deadline becomes the stage deadline', () => {
    const o = decide(snap('RECEIVED'), actor(['SPECIALIST']), validReq('START'));
    expect(o).toEqual<FeedbackTransitionOutcome>({
      action: 'START',
      from: 'RECEIVED',
      to: 'PROCESSING',
      actorRole: 'SPECIALIST',
      // Mon 2 March 08:00 + 15 working days → Mon 23 March 08:00.
      stageDeadline: vn('2026-03-23T08:00'),
      onTime: null,
      agencyCode: AGENCY,
      changesAgency: false,
      restartsClock: false,
      clockStartedAt: RECEIPT,
      pausedWorkingMinutes: 0,
      supplementRequests: 0,
      pause: null,
      resumeTo: null,
      pausedAt: null,
      answerDueAt: vn('2026-03-23T08:00'),
      answers: false,
      answer: null,
      publishes: false,
      closes: false,
    });
  });

  it('REQUEST_SUPPLEMENT starts a pause, remembers where it came from and counts', () => {
    for (const from of ['RECEIVED', 'FORWARDED', 'PROCESSING'] as const) {
      const o = decide(snap(from), system, validReq('REQUEST_SUPPLEMENT'));
      expect(o).toMatchObject({
        to: 'SUPPLEMENT_REQUESTED',
        pause: 'START',
        resumeTo: from,
        pausedAt: NOW,
        supplementRequests: 1,
        stageDeadline: null,
        pausedWorkingMinutes: 0,
        closes: false,
      });
      expect(fmt(o.answerDueAt)).toBe('2026-03-23T08:00');
    }
    expect(decide(snap('PROCESSING', { supplementRequests: 2 }), system, validReq('REQUEST_SUPPLEMENT')).supplementRequests).toBe(3);
  });

  it('SUPPLEMENT returns to where the request came from and moves the deadlines by the wait', () => {
    // Waiting from Tue 3 March 09:00 to Wed 4 March 10:00 = 9 working hours = 540 minutes.
    for (const pausedFrom of ['RECEIVED', 'FORWARDED', 'PROCESSING'] as const) {
      const o = decide(snap('SUPPLEMENT_REQUESTED', { pausedFrom }), submitter, validReq('SUPPLEMENT'));
      expect(o).toMatchObject({ to: pausedFrom, pause: 'END', resumeTo: null, pausedAt: null, pausedWorkingMinutes: 540, supplementRequests: 1 });
      // Answer: Mon 23 March 08:00 + 9 h (7 h on Monday, 2 h on Tuesday) → Tue 24 March 09:00.
      expect(fmt(o.answerDueAt)).toBe('2026-03-24T09:00');
      // Reject (RECEIVED/FORWARDED): Wed 4 March 08:00 + 9 h → Thu 5 March 09:00.
      expect(fmt(o.stageDeadline)).toBe(pausedFrom === 'PROCESSING' ? '2026-03-24T09:00' : '2026-03-05T09:00');
    }
  });

  it('SUPPLEMENT without a usable pausedFrom returns to PROCESSING', () => {
    for (const pausedFrom of [null, 'ANSWERED', 'SUPPLEMENT_REQUESTED'] as const) {
      expect(decide(snap('SUPPLEMENT_REQUESTED', { pausedFrom }), system, validReq('SUPPLEMENT')).to).toBe('PROCESSING');
    }
  });

  it('a wait without working time leaves the deadlines alone; pausedWorkingMinutes accumulates', () => {
    // Asked Friday 6 March 17:00, supplied Sunday 8 March.
    const f = snap('SUPPLEMENT_REQUESTED', { pausedAt: vn('2026-03-06T17:00'), pausedWorkingMinutes: 120 });
    const o = decide(f, submitter, validReq('SUPPLEMENT'), vn('2026-03-08T20:00'));
    expect(o.pausedWorkingMinutes).toBe(120);
    expect(fmt(o.answerDueAt)).toBe('2026-03-23T10:00');
    // A missing pausedAt counts as no wait.
    const o2 = decide(snap('SUPPLEMENT_REQUESTED', { pausedAt: null }), submitter, validReq('SUPPLEMENT'));
    expect(o2.pausedWorkingMinutes).toBe(0);
  });

  it('REJECT while waiting ends the pause and closes', () => {
    const o = decide(snap('SUPPLEMENT_REQUESTED'), actor(['LEADER']), validReq('REJECT'));
    expect(o).toMatchObject({ to: 'REJECTED', pause: 'END', pausedWorkingMinutes: 540, closes: true, stageDeadline: null, onTime: null });
  });

  it('ANSWER: the publish deadline is the next stage for a public feedback; a private one closes', () => {
    const at = vn('2026-03-05T10:00');
    const pub = decide(snap('PROCESSING'), actor(['LEADER']), validReq('ANSWER'), at);
    expect(pub).toMatchObject({ to: 'ANSWERED', answers: true, onTime: true, closes: false, publishes: false });
    expect(fmt(pub.stageDeadline)).toBe('2026-03-09T10:00');
    const priv = decide(snap('PROCESSING', { isPublic: false }), actor(['LEADER']), validReq('ANSWER'), at);
    expect(priv).toMatchObject({ to: 'ANSWERED', answers: true, closes: true, stageDeadline: null });
  });

  it('PUBLISH publishes and closes; a private feedback cannot be published', () => {
    expect(decide(snap('ANSWERED'), actor(['LEADER']), validReq('PUBLISH'))).toMatchObject({
      to: 'PUBLISHED',
      publishes: true,
      closes: true,
      stageDeadline: null,
    });
    const e = ruleError(() => decide(snap('ANSWERED', { isPublic: false }), actor(['LEADER']), validReq('PUBLISH')));
    expect(e).toMatchObject({ code: 'CONFLICT', reason: 'NOT_PUBLIC' });
    expect(e.field).toBeUndefined();
  });

  it('flags are consistent over every allowed pair', () => {
    for (const [status, action, expected] of PAIRS) {
      if (expected === '-') continue;
      const f = snap(status);
      const o = decide(f, system, validReq(action));
      expect(o.publishes).toBe(action === 'PUBLISH');
      expect(o.closes).toBe(expected === 'REJECTED' || expected === 'PUBLISHED');
      const paused = (s: FeedbackStatus): boolean => s === 'SUPPLEMENT_REQUESTED';
      expect(o.pause).toBe(paused(expected) && !paused(status) ? 'START' : paused(status) && !paused(expected) ? 'END' : null);
      expect(o.resumeTo).toBe(o.pause === 'START' ? status : null);
      expect(o.pausedAt).toEqual(o.pause === 'START' ? NOW : null);
      expect(o.supplementRequests).toBe(action === 'REQUEST_SUPPLEMENT' ? f.supplementRequests + 1 : o.restartsClock ? 0 : f.supplementRequests);
      expect(o.restartsClock).toBe(action === 'FORWARD'); // validReq names another agency
      expect(o.stageDeadline === null).toBe(!['RECEIVED', 'FORWARDED', 'PROCESSING', 'ANSWERED'].includes(expected));
    }
  });
});

// ------------------------------------------------------------------ deadlines on the calendar

describe('stage deadlines', () => {
  it('stage budgets are the ones of domain.md', () => {
    expect([...FEEDBACK_STAGES]).toEqual(['REJECT', 'FIRST_SUPPLEMENT_REQUEST', 'ANSWER', 'PUBLISH']);
    expect(FEEDBACK_STAGE_WORKING_DAYS).toEqual({ REJECT: 2, FIRST_SUPPLEMENT_REQUEST: 5, ANSWER: 15, PUBLISH: 2 });
  });

  it('feedbackDeadline is the calendar due date', () => {
    for (const stage of FEEDBACK_STAGES) {
      expect(feedbackDeadline(stage, RECEIPT, cal)).toEqual(cal.dueDate(RECEIPT, FEEDBACK_STAGE_WORKING_DAYS[stage]));
    }
    expect(() => feedbackDeadline('NOPE' as never, RECEIPT, cal)).toThrow(RangeError);
  });

  it.each([
    // [what, received (VN), reject, first supplement request, answer]
    ['over a weekend: Friday 16:30', '2026-03-06T16:30', '2026-03-10T16:30', '2026-03-13T16:30', '2026-03-27T16:30'],
    ['received on Saturday: counting starts Monday 07:00', '2026-03-07T10:00', '2026-03-10T17:00', '2026-03-13T17:00', '2026-03-27T17:00'],
    // Counting from Monday 13:30, the budgets run out exactly at 11:30 (end of a period).
    ['received at lunch: counting starts 13:30', '2026-03-09T12:00', '2026-03-11T11:30', '2026-03-16T11:30', '2026-03-30T11:30'],
    ['received after 17:00: counting starts next morning', '2026-03-09T18:00', '2026-03-11T17:00', '2026-03-16T17:00', '2026-03-30T17:00'],
    // Tết Bính Ngọ: 14/2–22/2/2026 off; Thu 12/2 10:00 → Fri 13 (1), Mon 23 (2) … Thu 12/3 (15).
    ['over Tết 2026', '2026-02-12T10:00', '2026-02-23T10:00', '2026-02-26T10:00', '2026-03-12T10:00'],
    // Giỗ Tổ compensated Mon 27/4, then 30/4–1/5: Fri 24/4 14:00 → Tue 28 (1), Wed 29 (2).
    ['over the Hùng Kings holiday', '2026-04-24T14:00', '2026-04-29T14:00', '2026-05-06T14:00', '2026-05-20T14:00'],
    // New Year 1/1 + swapped 2/1/2026, worked Saturday 10/1.
    ['over New Year 2026', '2025-12-31T10:00', '2026-01-06T10:00', '2026-01-09T10:00', '2026-01-22T10:00'],
    ['with the make-up Saturday 10/1/2026', '2026-01-09T09:00', '2026-01-12T09:00', '2026-01-15T09:00', '2026-01-29T09:00'],
  ])('%s', (_what, received, reject, firstSupplement, answer) => {
    const at = vn(received);
    expect(fmt(feedbackDeadline('REJECT', at, cal))).toBe(reject);
    expect(fmt(feedbackDeadline('FIRST_SUPPLEMENT_REQUEST', at, cal))).toBe(firstSupplement);
    expect(fmt(feedbackDeadline('ANSWER', at, cal))).toBe(answer);
    const r = receiveFeedback(at, cal);
    expect(r).toEqual({
      status: 'RECEIVED',
      clockStartedAt: at,
      pausedWorkingMinutes: 0,
      supplementRequests: 0,
      stageDeadline: vn(reject),
      answerDueAt: vn(answer),
    });
  });

  it('publish ≤ 2 working days after answering, over 30/4–1/5 and a weekend', () => {
    expect(fmt(feedbackDeadline('PUBLISH', vn('2026-04-29T15:00'), cal))).toBe('2026-05-05T15:00');
    // Answered on the last working day before Tết at 16:00.
    expect(fmt(feedbackDeadline('PUBLISH', vn('2026-02-13T16:00'), cal))).toBe('2026-02-24T16:00');
  });

  it('a budget ending at 17:00 ends at 17:00, not the next morning', () => {
    expect(fmt(feedbackDeadline('REJECT', vn('2026-03-09T17:00'), cal))).toBe('2026-03-11T17:00');
    expect(fmt(feedbackDeadline('REJECT', vn('2026-03-09T07:00'), cal))).toBe('2026-03-10T17:00');
  });

  it('feedbackDeadlines applies finished pauses, never moves a deadline for a zero pause', () => {
    const base = { clockStartedAt: vn('2026-03-09T07:00'), pausedWorkingMinutes: 0, answeredAt: null };
    const d0 = feedbackDeadlines(base, cal);
    expect([fmt(d0.reject), fmt(d0.firstSupplementRequest), fmt(d0.answer), d0.publish]).toEqual([
      '2026-03-10T17:00',
      '2026-03-13T17:00',
      '2026-03-27T17:00',
      null,
    ]);
    // One working day waited.
    const d1 = feedbackDeadlines({ ...base, pausedWorkingMinutes: 480, answeredAt: vn('2026-03-20T10:00') }, cal);
    expect([fmt(d1.reject), fmt(d1.firstSupplementRequest), fmt(d1.answer), fmt(d1.publish)]).toEqual([
      '2026-03-11T17:00',
      '2026-03-16T17:00',
      '2026-03-30T17:00',
      '2026-03-24T10:00',
    ]);
  });

  it('a wait over Tết moves the answer deadline by the working time waited only', () => {
    // Received Mon 2/2/2026 08:00, answer due Mon 2/3 08:00 (Tết 16/2–20/2 not counted);
    // asked Thu 12/2 08:00, supplied Tue 24/2 08:00: waited 7 h + 8 h + 8 h + 1 h = 24 h.
    const f = snap('SUPPLEMENT_REQUESTED', { clockStartedAt: vn('2026-02-02T08:00'), pausedAt: vn('2026-02-12T08:00') });
    expect(fmt(feedbackDeadlines(f, cal).answer)).toBe('2026-03-02T08:00');
    const o = decide(f, submitter, validReq('SUPPLEMENT'), vn('2026-02-24T08:00'));
    expect(o.pausedWorkingMinutes).toBe(24 * 60);
    expect(fmt(o.answerDueAt)).toBe('2026-03-05T08:00');
    expect(fmt(o.stageDeadline)).toBe('2026-03-05T08:00');
  });
});

describe('onTime of each action', () => {
  it('REJECT ≤ 2 working days from receipt (inclusive), from RECEIVED and FORWARDED', () => {
    const deadline = vn('2026-03-04T08:00');
    for (const status of ['RECEIVED', 'FORWARDED'] as const) {
      expect(decide(snap(status), system, validReq('REJECT'), deadline).onTime).toBe(true);
      expect(decide(snap(status), system, validReq('REJECT'), new Date(deadline.getTime() + 1)).onTime).toBe(false);
    }
  });

  it('REJECT after a finished wait: the wait does not count', () => {
    // 960 working minutes waited → the reject deadline moves from Wed 4/3 08:00 to Fri 6/3 08:00.
    const f = snap('RECEIVED', { pausedWorkingMinutes: 960, supplementRequests: 1 });
    expect(decide(f, system, validReq('REJECT'), vn('2026-03-05T09:00')).onTime).toBe(true);
    expect(decide(f, system, validReq('REJECT'), vn('2026-03-06T08:01')).onTime).toBe(false);
  });

  it('REJECT because the submitter never supplied: no deadline applies', () => {
    expect(decide(snap('SUPPLEMENT_REQUESTED'), system, validReq('REJECT'), vn('2026-06-01T09:00')).onTime).toBeNull();
  });

  it('the first REQUEST_SUPPLEMENT ≤ 5 working days; later ones have no deadline', () => {
    const deadline = vn('2026-03-09T08:00');
    expect(decide(snap('PROCESSING'), system, validReq('REQUEST_SUPPLEMENT'), deadline).onTime).toBe(true);
    expect(decide(snap('PROCESSING'), system, validReq('REQUEST_SUPPLEMENT'), vn('2026-03-09T08:01')).onTime).toBe(false);
    expect(
      decide(snap('PROCESSING', { supplementRequests: 1 }), system, validReq('REQUEST_SUPPLEMENT'), vn('2026-03-20T08:00')).onTime,
    ).toBeNull();
  });

  it('a late action is reported, never refused', () => {
    const late = vn('2026-05-04T09:00');
    expect(decide(snap('RECEIVED'), system, validReq('REJECT'), late)).toMatchObject({ to: 'REJECTED', onTime: false });
    expect(decide(snap('PROCESSING'), system, validReq('REQUEST_SUPPLEMENT'), late)).toMatchObject({ onTime: false });
    expect(decide(snap('PROCESSING'), system, validReq('ANSWER'), late)).toMatchObject({ to: 'ANSWERED', onTime: false });
  });

  it('ANSWER ≤ 15 working days from receipt, plus time waited', () => {
    const due = vn('2026-03-23T08:00');
    expect(decide(snap('PROCESSING'), system, validReq('ANSWER'), due).onTime).toBe(true);
    expect(decide(snap('PROCESSING'), system, validReq('ANSWER'), vn('2026-03-23T08:01')).onTime).toBe(false);
    const waited = snap('PROCESSING', { pausedWorkingMinutes: 60 });
    expect(decide(waited, system, validReq('ANSWER'), vn('2026-03-23T09:00')).onTime).toBe(true);
  });

  it('PUBLISH ≤ 2 working days after answering', () => {
    // Answered Tue 3/3 15:00 → publish by Thu 5/3 15:00.
    expect(decide(snap('ANSWERED'), system, validReq('PUBLISH'), vn('2026-03-05T15:00')).onTime).toBe(true);
    expect(decide(snap('ANSWERED'), system, validReq('PUBLISH'), vn('2026-03-05T15:00:01')).onTime).toBe(false);
    expect(decide(snap('ANSWERED', { answeredAt: null }), system, validReq('PUBLISH')).onTime).toBeNull();
  });

  it('FORWARD, START and SUPPLEMENT have no deadline of their own', () => {
    const late = vn('2026-06-01T09:00');
    expect(decide(snap('RECEIVED'), system, validReq('FORWARD'), late).onTime).toBeNull();
    expect(decide(snap('RECEIVED'), system, validReq('START'), late).onTime).toBeNull();
    expect(decide(snap('SUPPLEMENT_REQUESTED'), system, validReq('SUPPLEMENT'), late).onTime).toBeNull();
  });
});

// ------------------------------------------------------------------ scorecard and overdue helpers

describe('answered on time (scorecard)', () => {
  const due = vn('2026-03-23T08:00');

  it('answeredOnTime is inclusive of the deadline', () => {
    expect(answeredOnTime(due, due)).toBe(true);
    expect(answeredOnTime(new Date(due.getTime() - 1), due)).toBe(true);
    expect(answeredOnTime(new Date(due.getTime() + 1), due)).toBe(false);
  });

  it('feedbackTimeliness', () => {
    const before = vn('2026-03-20T10:00');
    const after = vn('2026-03-24T10:00');
    const t = (status: FeedbackStatus, answeredAt: Date | null, now: Date, pausedAt: Date | null = null) =>
      feedbackTimeliness({ status, answeredAt, answerDueAt: due, pausedAt }, now);
    expect(t('ANSWERED', before, after)).toBe('ANSWERED_ON_TIME');
    expect(t('PUBLISHED', before, after)).toBe('ANSWERED_ON_TIME');
    expect(t('ANSWERED', after, after)).toBe('ANSWERED_LATE');
    expect(t('PUBLISHED', after, after)).toBe('ANSWERED_LATE');
    expect(t('REJECTED', null, after)).toBe('REJECTED');
    for (const s of ['RECEIVED', 'FORWARDED', 'PROCESSING'] as const) {
      expect(t(s, null, before)).toBe('OPEN_WITHIN_TIME');
      expect(t(s, null, due)).toBe('OPEN_WITHIN_TIME');
      expect(t(s, null, after)).toBe('OPEN_OVERDUE');
    }
    // Waiting for the submitter: the clock stopped at pausedAt.
    expect(t('SUPPLEMENT_REQUESTED', null, after, before)).toBe('OPEN_WITHIN_TIME');
    expect(t('SUPPLEMENT_REQUESTED', null, vn('2026-04-01T10:00'), after)).toBe('OPEN_OVERDUE');
    expect(t('SUPPLEMENT_REQUESTED', null, after, null)).toBe('OPEN_OVERDUE');
  });
});

describe('closed and overdue', () => {
  it('isFeedbackClosed', () => {
    for (const s of FEEDBACK_STATUSES) {
      expect(isFeedbackClosed({ status: s, isPublic: true })).toBe(s === 'PUBLISHED' || s === 'REJECTED');
      expect(isFeedbackClosed({ status: s, isPublic: false })).toBe(s === 'PUBLISHED' || s === 'REJECTED' || s === 'ANSWERED');
    }
  });

  it('isFeedbackOverdue', () => {
    const dueAt = vn('2026-03-04T08:00');
    const later = vn('2026-03-05T08:00');
    for (const s of ['RECEIVED', 'FORWARDED', 'PROCESSING', 'ANSWERED'] as const) {
      expect(isFeedbackOverdue({ status: s, isPublic: true, dueAt }, dueAt)).toBe(false);
      expect(isFeedbackOverdue({ status: s, isPublic: true, dueAt }, later)).toBe(true);
    }
    expect(isFeedbackOverdue({ status: 'ANSWERED', isPublic: false, dueAt }, later)).toBe(false);
    expect(isFeedbackOverdue({ status: 'PUBLISHED', isPublic: true, dueAt }, later)).toBe(false);
    expect(isFeedbackOverdue({ status: 'REJECTED', isPublic: true, dueAt }, later)).toBe(false);
    expect(isFeedbackOverdue({ status: 'SUPPLEMENT_REQUESTED', isPublic: true, dueAt, pausedAt: vn('2026-03-03T08:00') }, later)).toBe(
      false,
    );
    expect(isFeedbackOverdue({ status: 'SUPPLEMENT_REQUESTED', isPublic: true, dueAt, pausedAt: later }, later)).toBe(true);
  });
});

// ------------------------------------------------------------------ code

describe('PAKN code', () => {
  it('PAKN.YYYYMMDD.NNNN with the Vietnam date', () => {
    expect(formatFeedbackCode(vn('2026-02-12T10:00'), 7)).toBe('PAKN.20260212.0007');
    // 18:30 UTC on 12/2 is already 01:30 on 13/2 in Vietnam.
    expect(formatFeedbackCode(new Date('2026-02-12T18:30:00Z'), 1)).toBe('PAKN.20260213.0001');
    expect(formatFeedbackCode(new Date('2026-12-31T17:00:00Z'), 42)).toBe('PAKN.20270101.0042');
    expect(formatFeedbackCode(new Date('2026-12-31T16:59:59.999Z'), 9999)).toBe('PAKN.20261231.9999');
    // past 9,999: a fifth digit
    expect(formatFeedbackCode(vn('2026-02-12T10:00'), 10000)).toBe('PAKN.20260212.10000');
    expect(formatFeedbackCode(vn('2026-02-12T10:00'), 123456)).toBe('PAKN.20260212.123456');
  });

  it('RangeError outside 1..999999 or for an invalid date', () => {
    for (const seq of [0, -1, 1_000_000, 1.5, NaN, Infinity]) {
      expect(() => formatFeedbackCode(NOW, seq)).toThrow(RangeError);
    }
    expect(() => formatFeedbackCode(new Date('nope'), 1)).toThrow(RangeError);
  });

  it('the regex accepts exactly the format', () => {
    expect(FEEDBACK_CODE_RE.test(formatFeedbackCode(NOW, 12))).toBe(true);
    expect(FEEDBACK_CODE_RE.test(formatFeedbackCode(NOW, 10000))).toBe(true);
    for (const bad of ['PAKN.20260212.007', 'PAKN.20260212.00007', 'PAKN.20260212.1000000', 'pakn.20260212.0007', 'PAKN-20260212-0007', 'PAKN.2026212.0007', ' PAKN.20260212.0007']) {
      expect(FEEDBACK_CODE_RE.test(bad)).toBe(false);
    }
  });

  it('parseFeedbackCode', () => {
    expect(parseFeedbackCode('PAKN.20260212.0007')).toEqual({ date: '2026-02-12', sequence: 7 });
    expect(parseFeedbackCode(formatFeedbackCode(new Date('2026-12-31T17:00:00Z'), 9999))).toEqual({ date: '2027-01-01', sequence: 9999 });
    expect(parseFeedbackCode('PAKN.20260212.10001')).toEqual({ date: '2026-02-12', sequence: 10001 });
    for (const bad of ['PAKN.20260230.0001', 'PAKN.20261301.0001', 'PAKN.20260212.0000', 'PAKN.20260212', '', 'x']) {
      expect(parseFeedbackCode(bad)).toBeNull();
    }
  });
});

// ------------------------------------------------------------------ visibility

describe('who may read a feedback', () => {
  const stranger = actor(['CITIZEN'], { identityNumber: OTHER_IDN, agencyCodes: [] });
  const otherStaff = actor(['LEADER'], { agencyCodes: [OTHER_AGENCY] });

  it('staff of its agency (every staff role, CLERK included)', () => {
    for (const role of ['RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'CLERK', 'SECTOR_SYSTEM'] as const) {
      for (const s of FEEDBACK_STATUSES) expect(feedbackAccess(snap(s, { isPublic: false }), actor([role]))).toBe('STAFF');
      expect(feedbackAccess(snap('PROCESSING'), actor([role], { agencyCodes: [OTHER_AGENCY] }))).toBeNull();
      expect(feedbackAccess(snap('PROCESSING', { agencyCode: null }), actor([role]))).toBeNull();
    }
  });

  it('ADMIN and OBSERVER: every feedback of the province', () => {
    for (const role of ['ADMIN', 'OBSERVER'] as const) {
      for (const agencyCode of [AGENCY, OTHER_AGENCY, null]) {
        expect(feedbackAccess(snap('RECEIVED', { agencyCode, isPublic: false }), actor([role], { agencyCodes: [] }))).toBe('PROVINCE');
      }
    }
  });

  it('the submitter, by identity number or token subject, whatever the roles', () => {
    for (const s of FEEDBACK_STATUSES) {
      expect(feedbackAccess(snap(s, { isPublic: false }), submitter)).toBe('SUBMITTER');
      expect(feedbackAccess(snap(s, { isPublic: false }), actor(['CITIZEN'], { subject: SUBMITTER_SUB, agencyCodes: [] }))).toBe('SUBMITTER');
      expect(feedbackAccess(snap(s, { isPublic: false }), actor([], { identityNumber: IDN, agencyCodes: [] }))).toBe('SUBMITTER');
      expect(feedbackAccess(snap(s, { isPublic: false }), actor(['LEADER'], { identityNumber: IDN, agencyCodes: [OTHER_AGENCY] }))).toBe(
        'SUBMITTER',
      );
    }
    const anon = snap('PROCESSING', { submitterIdentityNumber: null, submitterSubject: null });
    expect(feedbackAccess(anon, actor(['CITIZEN'], { identityNumber: null, subject: '', agencyCodes: [] }))).toBeNull();
  });

  it('everybody once PUBLISHED and public, nobody else before', () => {
    for (const s of FEEDBACK_STATUSES) {
      for (const isPublic of [true, false]) {
        const f = snap(s, { isPublic });
        const open = s === 'PUBLISHED' && isPublic;
        for (const viewer of [null, undefined, stranger, otherStaff, actor([])]) {
          expect(feedbackAccess(f, viewer)).toBe(open ? 'PUBLIC' : null);
          expect(canReadFeedback(f, viewer)).toBe(open);
        }
      }
    }
  });

  it('the strongest access wins', () => {
    const f = snap('PUBLISHED');
    expect(feedbackAccess(f, actor(['OBSERVER', 'SPECIALIST'], { identityNumber: IDN }))).toBe('PROVINCE');
    expect(feedbackAccess(f, actor(['SPECIALIST'], { identityNumber: IDN }))).toBe('STAFF');
    expect(feedbackAccess(f, submitter)).toBe('SUBMITTER');
    expect(feedbackAccess(f, stranger)).toBe('PUBLIC');
  });
});

// ------------------------------------------------------------------ allowedFeedbackActions

describe('allowedFeedbackActions matches decideFeedbackTransition', () => {
  const actors: Array<[string, Actor]> = [
    ['sector system', system],
    ['submitter', submitter],
    ['other citizen', actor(['CITIZEN'], { identityNumber: OTHER_IDN, agencyCodes: [] })],
    ['reception officer', actor(['RECEPTION_OFFICER'])],
    ['specialist', actor(['SPECIALIST'])],
    ['leader', actor(['LEADER'])],
    ['clerk', actor(['CLERK'])],
    ['admin', admin],
    ['observer', actor(['OBSERVER'])],
    ['officer of another agency', actor(['RECEPTION_OFFICER'], { agencyCodes: [OTHER_AGENCY] })],
    ['officer and submitter', actor(['CITIZEN', 'RECEPTION_OFFICER'], { identityNumber: IDN })],
  ];
  const variants: Array<[string, Partial<FeedbackSnapshot>]> = [
    ['public', {}],
    ['private', { isPublic: false }],
    ['no agency', { agencyCode: null }],
  ];
  const cases = actors.flatMap(([name, a]) =>
    variants.flatMap(([vname, over]) => FEEDBACK_STATUSES.map((s) => [name, vname, s, a, over] as const)),
  );

  it.each(cases)('%s / %s / %s', (_n, _v, status, a, over) => {
    const f = snap(status, over);
    const expected = FEEDBACK_ACTIONS.filter((action) => {
      try {
        decide(f, a, validReq(action));
        return true;
      } catch (e) {
        if (e instanceof FeedbackRuleError) return false;
        throw e;
      }
    });
    expect(allowedFeedbackActions(f, a)).toEqual(expected);
  });

  it('examples', () => {
    expect(allowedFeedbackActions(snap('RECEIVED'), actor(['RECEPTION_OFFICER']))).toEqual(['FORWARD', 'REJECT', 'REQUEST_SUPPLEMENT']);
    expect(allowedFeedbackActions(snap('FORWARDED'), actor(['SPECIALIST']))).toEqual(['REQUEST_SUPPLEMENT', 'START']);
    expect(allowedFeedbackActions(snap('PROCESSING'), actor(['SPECIALIST']))).toEqual(['REQUEST_SUPPLEMENT', 'ANSWER']);
    expect(allowedFeedbackActions(snap('PROCESSING'), actor(['LEADER']))).toEqual(['FORWARD', 'REQUEST_SUPPLEMENT', 'ANSWER']);
    expect(allowedFeedbackActions(snap('ANSWERED'), actor(['LEADER']))).toEqual(['PUBLISH']);
    expect(allowedFeedbackActions(snap('ANSWERED'), actor(['SPECIALIST']))).toEqual([]);
  });

  it('ignores input requirements (offers FORWARD from PROCESSING although it needs a target)', () => {
    expect(allowedFeedbackActions(snap('PROCESSING'), system)).toContain('FORWARD');
  });
});

// ------------------------------------------------------------------ a full walk

describe('a full walk through the lifecycle', () => {
  it('received, forwarded to the competent agency, supplemented, answered on time and published', () => {
    const received = vn('2026-02-11T09:00'); // Wednesday before Tết
    const r = receiveFeedback(received, cal);
    let f: FeedbackSnapshot = {
      status: r.status,
      agencyCode: null,
      isPublic: true,
      submitterIdentityNumber: IDN,
      submitterSubject: null,
      clockStartedAt: r.clockStartedAt,
      pausedWorkingMinutes: r.pausedWorkingMinutes,
      supplementRequests: r.supplementRequests,
      pausedFrom: null,
      pausedAt: null,
      answeredAt: null,
    };
    let dueAt = r.stageDeadline;
    expect(fmt(dueAt)).toBe('2026-02-13T09:00');
    const apply = (o: FeedbackTransitionOutcome, now: Date): void => {
      f = {
        ...f,
        status: o.to,
        agencyCode: o.agencyCode,
        clockStartedAt: o.clockStartedAt,
        pausedWorkingMinutes: o.pausedWorkingMinutes,
        supplementRequests: o.supplementRequests,
        pausedFrom: o.resumeTo,
        pausedAt: o.pausedAt,
        answeredAt: o.answers ? now : f.answeredAt,
      };
      dueAt = o.stageDeadline ?? dueAt;
    };
    const step = (a: Actor, req: FeedbackTransitionRequest, now: Date): FeedbackTransitionOutcome => {
      const o = decideFeedbackTransition(f, a, req, { now, calendar: cal });
      apply(o, now);
      return o;
    };

    // The provincial desk routes it to the Department of Justice on Thursday.
    let t = vn('2026-02-12T10:00');
    let o = step(admin, { action: 'FORWARD', targetAgencyCode: AGENCY }, t);
    expect(o).toMatchObject({ to: 'FORWARDED', restartsClock: true });
    expect(fmt(dueAt)).toBe('2026-02-23T10:00'); // reject by: Fri 13, then Tết, Mon 23

    // A specialist takes it up after Tết; answer due 15 working days from forwarding.
    t = vn('2026-02-23T08:00');
    o = step(actor(['SPECIALIST']), { action: 'START' }, t);
    expect(fmt(dueAt)).toBe('2026-03-12T10:00');

    // Asks the citizen for details on Tuesday 24/2 08:00 (first request, on time) …
    t = vn('2026-02-24T08:00');
    o = step(actor(['SPECIALIST']), { action: 'REQUEST_SUPPLEMENT', note: 'Xin cho biết số hồ sơ' }, t);
    expect(o).toMatchObject({ to: 'SUPPLEMENT_REQUESTED', onTime: true, pause: 'START' });
    expect(allowedFeedbackActions(f, submitter)).toEqual(['SUPPLEMENT']);

    // … who answers on Wednesday 25/2 08:00: one working day waited.
    t = vn('2026-02-25T08:00');
    o = step(submitter, { action: 'SUPPLEMENT', note: 'Số hồ sơ 000.00.15.H22-260210-0003' }, t);
    expect(o).toMatchObject({ to: 'PROCESSING', pause: 'END', pausedWorkingMinutes: 480 });
    expect(fmt(dueAt)).toBe('2026-03-13T10:00');

    // The leader answers on Friday 13/3 10:00 — exactly on the deadline.
    t = vn('2026-03-13T10:00');
    o = step(actor(['LEADER']), { action: 'ANSWER', answer: 'Hồ sơ đã được trả kết quả ngày 12/3/2026.' }, t);
    expect(o).toMatchObject({ to: 'ANSWERED', onTime: true });
    expect(answeredOnTime(f.answeredAt as Date, o.answerDueAt)).toBe(true);
    expect(feedbackTimeliness({ ...f, answerDueAt: o.answerDueAt }, vn('2026-04-01T00:00'))).toBe('ANSWERED_ON_TIME');
    expect(fmt(dueAt)).toBe('2026-03-17T10:00');
    expect(canReadFeedback(f, null)).toBe(false);

    // Published on Monday 16/3.
    t = vn('2026-03-16T14:00');
    o = step(actor(['LEADER']), { action: 'PUBLISH' }, t);
    expect(o).toMatchObject({ to: 'PUBLISHED', onTime: true, publishes: true, closes: true });
    expect(canReadFeedback(f, null)).toBe(true);
    expect(allowedFeedbackActions(f, system)).toEqual([]);
    expect(formatFeedbackCode(received, 3)).toBe('PAKN.20260211.0003');
  });
});
