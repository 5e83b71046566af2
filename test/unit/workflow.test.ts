import { WorkingCalendar } from '../../src/domain/working-calendar';
import {
  completeCurrentStep,
  currentStep,
  reopenLastStep,
  resumeSteps,
  snapshotSteps,
  startFirstStep,
  stepOverdue,
  validateWorkflow,
  type WorkflowStepDef,
} from '../../src/domain/workflow';
import { allowedActions, decideTransition, type Actor, type DossierSnapshot } from '../../src/domain/dossier-machine';
import { applyOutcome } from '../../src/domain/dossier-change';
import { receiveDueAt, receiveNotice } from '../../src/domain/dossier-sla';
import { DomainError } from '../../src/domain/errors';

const cal = new WorkingCalendar();
const DISTRICT = 'H22.10';
const DEPT = 'H22.20';
const OTHER = 'H22.30';
const vn = (s: string) => new Date(`${s}+07:00`);

const STEPS: WorkflowStepDef[] = [
  { name: 'Tiếp nhận, chuyển xử lý', role: 'RECEPTION_OFFICER', agencyCode: null, share: 0.1 },
  { name: 'Chuyên viên thẩm định', role: 'SPECIALIST', agencyCode: null, share: 0.5 },
  { name: 'Ý kiến phòng chuyên môn', role: 'SPECIALIST', agencyCode: DEPT, share: 0.2 },
  { name: 'Lãnh đạo duyệt', role: 'LEADER', agencyCode: null, share: 0.2 },
];

function fieldOf(fn: () => unknown): { code: string; field?: string; reason?: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, field: e.field, reason: e.reason };
    throw e;
  }
  throw new Error('nothing thrown');
}

describe('validateWorkflow', () => {
  const ctx = { implementingAgencyCodes: [DISTRICT, DEPT] };
  it('accepts shares summing to at most 1 (float error forgiven), an empty process and null agencies', () => {
    expect(() => validateWorkflow(STEPS, ctx)).not.toThrow();
    expect(() => validateWorkflow([], ctx)).not.toThrow();
    const thirds = [1, 2, 3].map((i) => ({ name: `B${i}`, role: 'SPECIALIST' as const, agencyCode: null, share: 1 / 3 }));
    expect(() => validateWorkflow(thirds, ctx)).not.toThrow();
  });
  it('refuses shares over the budget, naming the step that goes over', () => {
    const over = [...STEPS.slice(0, 3), { ...STEPS[3], share: 0.3 }];
    expect(fieldOf(() => validateWorkflow(over, ctx))).toEqual({ code: 'BAD_USER_INPUT', field: 'workflow[3].share', reason: 'WORKFLOW_OVER_BUDGET' });
  });
  it.each([0, -0.1, 1.01, Number.NaN])('refuses share %p', (share) => {
    expect(fieldOf(() => validateWorkflow([{ ...STEPS[0], share }], ctx))).toMatchObject({ field: 'workflow[0].share', reason: 'STEP_SHARE_INVALID' });
  });
  it.each(['CITIZEN', 'ADMIN', 'OBSERVER', 'MAYOR'])('refuses role %s', (role) => {
    expect(fieldOf(() => validateWorkflow([{ ...STEPS[0], role: role as never }], ctx))).toMatchObject({ field: 'workflow[0].role', reason: 'STEP_ROLE_INVALID' });
  });
  it('refuses an agency that does not carry out the procedure, and a blank name', () => {
    expect(fieldOf(() => validateWorkflow([{ ...STEPS[0], agencyCode: OTHER }], ctx))).toMatchObject({ field: 'workflow[0].agencyCode', reason: 'STEP_AGENCY_NOT_IMPLEMENTING' });
    expect(fieldOf(() => validateWorkflow([{ ...STEPS[0], name: '  ' }], ctx))).toMatchObject({ field: 'workflow[0].name' });
  });
});

describe('step clock', () => {
  const received = vn('2026-12-01T08:00:00'); // Tuesday
  it('RECEIVE starts the first step with its share of the budget from its start', () => {
    const steps = startFirstStep(snapshotSteps(STEPS, 10), received, cal);
    expect(steps[0]).toMatchObject({ order: 1, startedAt: received.toISOString(), days: 1, completedAt: null });
    expect(new Date(steps[0].dueAt!)).toEqual(cal.addWorkingDays(received, 1));
    expect(steps.slice(1).every((s) => s.startedAt === null)).toBe(true);
    expect(currentStep(steps)?.order).toBe(1);
  });
  it('COMPLETE_STEP ends the current step and starts the next from now', () => {
    let steps = startFirstStep(snapshotSteps(STEPS, 10), received, cal);
    const t = vn('2026-12-01T10:00:00');
    steps = completeCurrentStep(steps, t, cal);
    expect(steps[0].completedAt).toBe(t.toISOString());
    expect(currentStep(steps)?.order).toBe(2);
    expect(new Date(steps[1].dueAt!)).toEqual(cal.addWorkingDays(t, 5));
    for (let i = 0; i < 3; i++) steps = completeCurrentStep(steps, t, cal);
    expect(currentStep(steps)).toBeNull();
    expect(steps.every((s) => s.completedAt)).toBe(true);
  });
  it('RETURN_FOR_REVISION reopens the last step with a fresh due time', () => {
    let steps = startFirstStep(snapshotSteps(STEPS, 10), received, cal);
    for (let i = 0; i < 4; i++) steps = completeCurrentStep(steps, received, cal);
    const t = vn('2026-12-03T09:00:00');
    steps = reopenLastStep(steps, t, cal);
    expect(currentStep(steps)).toMatchObject({ order: 4, startedAt: t.toISOString(), completedAt: null });
    expect(new Date(steps[3].dueAt!)).toEqual(cal.addWorkingDays(t, 2));
  });
  it('a pause moves the open step’s due time by the working time spent waiting, like the dossier’s', () => {
    const steps = startFirstStep(snapshotSteps(STEPS, 10), received, cal);
    const pausedAt = vn('2026-12-01T09:00:00');
    const resumed = vn('2026-12-02T09:00:00'); // one working day later
    const moved = resumeSteps(steps, pausedAt, resumed, cal);
    expect(new Date(moved[0].dueAt!)).toEqual(cal.resumeDueDate(new Date(steps[0].dueAt!), pausedAt, resumed));
    expect(moved[1]).toEqual(steps[1]);
  });
  it('overdue: after its due time, or completed after it; counted until a pause', () => {
    const [s] = startFirstStep(snapshotSteps(STEPS, 10), received, cal);
    const due = new Date(s.dueAt!);
    expect(stepOverdue(s, new Date(due.getTime() + 1))).toBe(true);
    expect(stepOverdue(s, new Date(due.getTime() + 1), received)).toBe(false);
    expect(stepOverdue({ ...s, completedAt: received.toISOString() }, new Date(due.getTime() + 1e9))).toBe(false);
  });
});

// ------------------------------------------------------------------ the machine with steps and transfer

const snap = (over: Partial<DossierSnapshot> = {}): DossierSnapshot => ({
  status: 'PROCESSING',
  agencyCode: DISTRICT,
  handlingAgencyCode: DISTRICT,
  applicantIdentityNumber: '001090012345',
  supplementRequests: 0,
  pausedFrom: null,
  pausedAt: null,
  dueAt: vn('2026-12-15T17:00:00'),
  outstandingFees: 0,
  hasResult: false,
  implementingAgencyCodes: [DISTRICT, DEPT],
  steps: [],
  ...over,
});
const staff = (role: Actor['roles'][number], agency: string): Actor => ({ subject: `${role}@${agency}`, roles: [role], agencyCodes: [agency] });

describe('TRANSFER (liên thông)', () => {
  it('by the reception officer or a leader of the handling agency, to another implementing agency', () => {
    for (const role of ['RECEPTION_OFFICER', 'LEADER'] as const) {
      const o = decideTransition(snap(), staff(role, DISTRICT), { action: 'TRANSFER', targetAgencyCode: DEPT });
      expect(o).toMatchObject({ from: 'PROCESSING', to: 'PROCESSING', transferTo: DEPT, nationalStatusCode: 4 });
    }
    expect(fieldOf(() => decideTransition(snap(), staff('SPECIALIST', DISTRICT), { action: 'TRANSFER', targetAgencyCode: DEPT }))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
  });
  it('refuses the same agency, a non-implementing agency, a missing target: BAD_USER_INPUT on targetAgencyCode', () => {
    const r = staff('RECEPTION_OFFICER', DISTRICT);
    expect(fieldOf(() => decideTransition(snap(), r, { action: 'TRANSFER', targetAgencyCode: DISTRICT }))).toEqual({ code: 'BAD_USER_INPUT', field: 'targetAgencyCode', reason: 'SAME_AGENCY' });
    expect(fieldOf(() => decideTransition(snap(), r, { action: 'TRANSFER', targetAgencyCode: OTHER }))).toEqual({ code: 'BAD_USER_INPUT', field: 'targetAgencyCode', reason: 'AGENCY_NOT_IMPLEMENTING' });
    expect(fieldOf(() => decideTransition(snap(), r, { action: 'TRANSFER', targetAgencyCode: ' ' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'targetAgencyCode', reason: 'TARGET_AGENCY_REQUIRED' });
  });
  it('refuses staff of another agency (the receiving desk too, once handed over)', () => {
    expect(fieldOf(() => decideTransition(snap(), staff('LEADER', OTHER), { action: 'TRANSFER', targetAgencyCode: DEPT }))).toMatchObject({ code: 'FORBIDDEN', reason: 'AGENCY_NOT_ALLOWED' });
    const moved = snap({ handlingAgencyCode: DEPT });
    expect(fieldOf(() => decideTransition(moved, staff('LEADER', DISTRICT), { action: 'TRANSFER', targetAgencyCode: DISTRICT }))).toMatchObject({ code: 'FORBIDDEN', reason: 'AGENCY_NOT_ALLOWED' });
    // ...and the department hands it back
    expect(decideTransition(moved, staff('LEADER', DEPT), { action: 'TRANSFER', targetAgencyCode: DISTRICT }).transferTo).toBe(DISTRICT);
  });
  it('after a transfer the handling agency processes; the receiving desk delivers', () => {
    const moved = (status: DossierSnapshot['status']) => snap({ status, handlingAgencyCode: DEPT, hasResult: status === 'RESULT_READY' });
    expect(allowedActions(moved('AWAITING_APPROVAL'), staff('LEADER', DEPT))).toContain('APPROVE');
    expect(allowedActions(moved('AWAITING_APPROVAL'), staff('LEADER', DISTRICT))).toEqual([]);
    expect(allowedActions(moved('RESULT_READY'), staff('RECEPTION_OFFICER', DISTRICT))).toEqual(['DELIVER']);
    expect(allowedActions(moved('RESULT_READY'), staff('RECEPTION_OFFICER', DEPT))).toEqual([]);
  });
  it('is not offered when no other agency carries out the procedure', () => {
    expect(allowedActions(snap({ implementingAgencyCodes: [DISTRICT] }), staff('LEADER', DISTRICT))).not.toContain('TRANSFER');
    expect(allowedActions(snap(), staff('LEADER', DISTRICT))).toContain('TRANSFER');
  });
});

describe('COMPLETE_STEP', () => {
  const received = vn('2026-12-01T08:00:00');
  const withSteps = (done: number) => {
    let steps = startFirstStep(snapshotSteps(STEPS, 10), received, cal);
    for (let i = 0; i < done; i++) steps = completeCurrentStep(steps, received, cal);
    return snap({ steps });
  };
  it('by the step’s role in the step’s agency; the last step leads to AWAITING_APPROVAL', () => {
    expect(decideTransition(withSteps(0), staff('RECEPTION_OFFICER', DISTRICT), { action: 'COMPLETE_STEP' })).toMatchObject({ to: 'PROCESSING', steps: 'COMPLETE' });
    expect(decideTransition(withSteps(2), staff('SPECIALIST', DEPT), { action: 'COMPLETE_STEP' }).to).toBe('PROCESSING');
    expect(decideTransition(withSteps(3), staff('LEADER', DISTRICT), { action: 'COMPLETE_STEP' }).to).toBe('AWAITING_APPROVAL');
  });
  it('wrong role: FORBIDDEN STEP_ROLE_NOT_ALLOWED on action; wrong agency: FORBIDDEN AGENCY_NOT_ALLOWED', () => {
    expect(fieldOf(() => decideTransition(withSteps(1), staff('LEADER', DISTRICT), { action: 'COMPLETE_STEP' }))).toEqual({ code: 'FORBIDDEN', field: 'action', reason: 'STEP_ROLE_NOT_ALLOWED' });
    expect(fieldOf(() => decideTransition(withSteps(2), staff('SPECIALIST', DISTRICT), { action: 'COMPLETE_STEP' }))).toMatchObject({ code: 'FORBIDDEN', reason: 'AGENCY_NOT_ALLOWED' });
  });
  it('wrong status: CONFLICT; without steps: CONFLICT NO_OPEN_STEP; SUBMIT_FOR_APPROVAL refused while there are steps', () => {
    const paused = { ...withSteps(1), status: 'SUPPLEMENT_REQUESTED' as const, pausedFrom: 'PROCESSING' as const, pausedAt: received };
    expect(fieldOf(() => decideTransition(paused, staff('SPECIALIST', DISTRICT), { action: 'COMPLETE_STEP' }))).toMatchObject({ code: 'CONFLICT', reason: 'ACTION_NOT_ALLOWED_IN_STATUS' });
    expect(fieldOf(() => decideTransition(snap(), staff('SPECIALIST', DISTRICT), { action: 'COMPLETE_STEP' }))).toEqual({ code: 'CONFLICT', field: 'action', reason: 'NO_OPEN_STEP' });
    expect(fieldOf(() => decideTransition(withSteps(1), staff('SPECIALIST', DISTRICT), { action: 'SUBMIT_FOR_APPROVAL' }))).toMatchObject({ code: 'CONFLICT', reason: 'STEPS_IN_PROGRESS' });
    expect(decideTransition(snap(), staff('SPECIALIST', DISTRICT), { action: 'SUBMIT_FOR_APPROVAL' }).to).toBe('AWAITING_APPROVAL');
  });
  it('RETURN_FOR_REVISION reopens the last step', () => {
    const s = { ...withSteps(4), status: 'AWAITING_APPROVAL' as const };
    expect(decideTransition(s, staff('LEADER', DISTRICT), { action: 'RETURN_FOR_REVISION' })).toMatchObject({ to: 'PROCESSING', steps: 'REOPEN_LAST' });
  });
});

describe('applyOutcome with the internal process and transfer', () => {
  const ids: Record<string, string> = { [DISTRICT]: 'id-district', [DEPT]: 'id-dept' };
  const flow = { workflow: STEPS, agencyIdOf: (c: string) => ids[c] };
  const base = { status: 'SUBMITTED' as const, version: 1, applicantVerification: 'VERIFIED' as const };
  const t0 = vn('2026-12-01T08:00:00');
  it('RECEIVE snapshots the procedure’s steps, starts the first and makes the steps’ agencies readers', () => {
    const o = decideTransition(snap({ status: 'SUBMITTED', dueAt: null }), staff('RECEPTION_OFFICER', DISTRICT), { action: 'RECEIVE' });
    const n = applyOutcome(base, o, { action: 'RECEIVE' }, 10, cal, t0, flow);
    expect(n.steps).toHaveLength(4);
    expect(currentStep(n.steps)?.order).toBe(1);
    expect(n.addReaderAgencyIds).toEqual(['id-dept']);
  });
  it('a procedure without steps: the dossier has none', () => {
    const o = decideTransition(snap({ status: 'SUBMITTED', dueAt: null }), staff('RECEPTION_OFFICER', DISTRICT), { action: 'RECEIVE' });
    expect(applyOutcome(base, o, { action: 'RECEIVE' }, 10, cal, t0, { ...flow, workflow: [] }).steps).toEqual([]);
  });
  it('TRANSFER sets the handling agency and adds it to the readers', () => {
    const o = decideTransition(snap(), staff('LEADER', DISTRICT), { action: 'TRANSFER', targetAgencyCode: DEPT });
    const n = applyOutcome({ ...base, status: 'PROCESSING' }, o, { action: 'TRANSFER' }, 10, cal, t0, flow);
    expect(n).toMatchObject({ handlingAgencyId: 'id-dept', addReaderAgencyIds: ['id-dept'], status: 'PROCESSING' });
  });
});

describe('reception deadline (60 working minutes)', () => {
  it('online only; from the next working period when submitted off-hours', () => {
    expect(receiveDueAt(vn('2026-12-01T08:00:00'), 'ONLINE', 60, cal)).toEqual(vn('2026-12-01T09:00:00'));
    expect(receiveDueAt(vn('2026-12-01T11:00:00'), 'ONLINE', 60, cal)).toEqual(vn('2026-12-01T14:00:00'));
    expect(receiveDueAt(vn('2026-12-05T10:00:00'), 'ONLINE', 60, cal)).toEqual(vn('2026-12-07T08:00:00')); // Saturday → Monday
    expect(receiveDueAt(vn('2026-12-01T20:00:00'), 'ONLINE', 60, cal)).toEqual(vn('2026-12-02T08:00:00'));
    expect(receiveDueAt(vn('2026-12-01T08:00:00'), 'COUNTER', 60, cal)).toBeNull();
  });
  it('RECEIVE_DUE_SOON within 15 working minutes, RECEIVE_OVERDUE after', () => {
    const due = vn('2026-12-01T09:00:00');
    expect(receiveNotice(due, vn('2026-12-01T08:30:00'), cal)).toBeNull();
    expect(receiveNotice(due, vn('2026-12-01T08:45:00'), cal)).toBe('RECEIVE_DUE_SOON');
    expect(receiveNotice(due, vn('2026-12-01T09:00:01'), cal)).toBe('RECEIVE_OVERDUE');
  });
});

describe('the demo catalogue’s internal processes', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { demoProcedures } = require('../../src/seed/demo-data') as typeof import('../../src/seed/demo-data');
  const withFlow = demoProcedures.filter((p) => p.workflow?.length);
  it('at least five procedures have a realistic process (reception → specialist → … → leader), each valid', () => {
    expect(withFlow.length).toBeGreaterThanOrEqual(5);
    for (const p of withFlow) {
      expect(() => validateWorkflow(p.workflow!, { implementingAgencyCodes: p.agencyCodes })).not.toThrow();
      expect(p.workflow![0].role).toBe('RECEPTION_OFFICER');
      expect(p.workflow!.some((s) => s.role === 'SPECIALIST')).toBe(true);
      expect(p.workflow!.length).toBeGreaterThanOrEqual(3);
    }
  });
});
