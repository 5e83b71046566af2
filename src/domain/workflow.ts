import { badInput, msg } from './errors';
import { isRole, isStaffRole, type Role } from './roles';
import { isBlank } from './text';
import type { WorkingCalendar } from './working-calendar';

/**
 * The internal process of a procedure (quy trình nội bộ), pure: the ordered steps a received
 * dossier goes through between RECEIVE and AWAITING_APPROVAL, each with the role that does it, an
 * optional agency (null: the dossier's handling agency at the time) and its share of the
 * procedure's working-time budget. The dossier machine (dossier-machine.ts) decides the actions;
 * this module holds what a step is, how a procedure's steps are checked, and what starting,
 * completing, reopening and pausing do to a dossier's steps.
 *
 * Rule choices (where domain.md is silent):
 * - A step's due time is its share × the procedure's working days, counted on the calendar
 *   from the step's own start (so a step finished early leaves the rest to the next ones; the
 *   dossier's dueAt stays the overall appointment).
 * - Roles of steps are processing roles: RECEPTION_OFFICER, SPECIALIST, LEADER, CLERK,
 *   SECTOR_SYSTEM (not CITIZEN, ADMIN, OBSERVER).
 * - A dossier keeps the steps it was received with (snapshot at RECEIVE), with each step's days.
 * - RETURN_FOR_REVISION reopens the last step with a fresh due time (its own share again).
 */

/** A step as a procedure defines it. */
export interface WorkflowStepDef {
  name: string;
  role: Role;
  /** The agency that does the step; null (or absent): the dossier's handling agency. */
  agencyCode?: string | null;
  /** Share of the procedure's working-time budget, 0 < share <= 1. */
  share: number;
}

/** A step as a dossier carries it (JSON in dossier.steps; instants as ISO strings). */
export interface DossierStepState {
  order: number;
  name: string;
  role: Role;
  agencyCode: string | null;
  share: number;
  /** Working days this step may use (share × the procedure's days when received). */
  days: number;
  startedAt: string | null;
  dueAt: string | null;
  completedAt: string | null;
}

/** What validateWorkflow knows about the procedure. */
export interface WorkflowContext {
  /** The agencies that carry out the procedure. */
  implementingAgencyCodes: readonly string[];
}

/** Most steps a process may have. */
export const WORKFLOW_MAX_STEPS = 20;
/** Shares add up with float error; this much over 1 still counts as 1. */
const SHARE_EPSILON = 1e-9;

/** Checks a procedure's steps (upsertProcedure); throws BAD_USER_INPUT naming the field. */
export function validateWorkflow(steps: readonly WorkflowStepDef[], ctx: WorkflowContext, field = 'workflow'): void {
  if (steps.length > WORKFLOW_MAX_STEPS) {
    throw badInput(field, msg(`Quy trình nội bộ có tối đa ${WORKFLOW_MAX_STEPS} bước`, `An internal process has at most ${WORKFLOW_MAX_STEPS} steps`), 'WORKFLOW_TOO_LONG');
  }
  let sum = 0;
  steps.forEach((s, i) => {
    const f = `${field}[${i}]`;
    if (isBlank(s.name)) throw badInput(`${f}.name`, msg('Cần nhập tên bước xử lý', 'A step needs a name'), 'STEP_NAME_REQUIRED');
    if (!isRole(s.role) || !isStaffRole(s.role)) {
      throw badInput(
        `${f}.role`,
        msg('Vai trò của bước phải là vai trò xử lý hồ sơ (một cửa, chuyên viên, lãnh đạo, văn thư, hệ thống chuyên ngành)', 'A step role must be a processing role (RECEPTION_OFFICER, SPECIALIST, LEADER, CLERK, SECTOR_SYSTEM)'),
        'STEP_ROLE_INVALID',
      );
    }
    if (s.agencyCode != null && !ctx.implementingAgencyCodes.includes(s.agencyCode)) {
      throw badInput(
        `${f}.agencyCode`,
        msg(`Cơ quan ${s.agencyCode} không thực hiện thủ tục này`, `Agency ${s.agencyCode} does not carry out this procedure`),
        'STEP_AGENCY_NOT_IMPLEMENTING',
      );
    }
    if (!Number.isFinite(s.share) || s.share <= 0 || s.share > 1) {
      throw badInput(`${f}.share`, msg('Tỷ lệ thời gian của bước phải lớn hơn 0 và không quá 1', 'A step share must be more than 0 and at most 1'), 'STEP_SHARE_INVALID');
    }
    sum += s.share;
    if (sum > 1 + SHARE_EPSILON) {
      throw badInput(
        `${f}.share`,
        msg('Tổng tỷ lệ thời gian các bước vượt quá thời hạn giải quyết của thủ tục', 'The steps’ shares add up to more than the procedure’s time budget'),
        'WORKFLOW_OVER_BUDGET',
      );
    }
  });
}

/** The dossier's copy of a procedure's steps, none started. */
export function snapshotSteps(defs: readonly WorkflowStepDef[], procedureDays: number): DossierStepState[] {
  return defs.map((s, i) => ({
    order: i + 1,
    name: s.name,
    role: s.role,
    agencyCode: s.agencyCode ?? null,
    share: s.share,
    days: s.share * procedureDays,
    startedAt: null,
    dueAt: null,
    completedAt: null,
  }));
}

/** The step being worked on: started and not completed (at most one). */
export function currentStep(steps: readonly DossierStepState[] | null | undefined): DossierStepState | null {
  return steps?.find((s) => s.startedAt !== null && s.completedAt === null) ?? null;
}

/** The agency that does a step: its own, else the dossier's handling agency. */
export const stepAgency = (s: Pick<DossierStepState, 'agencyCode'>, handlingAgencyCode: string): string => s.agencyCode ?? handlingAgencyCode;

/** Is this the last step? */
export const isLastStep = (steps: readonly DossierStepState[], s: DossierStepState): boolean => s.order === steps.length;

const start = (s: DossierStepState, now: Date, calendar: WorkingCalendar): DossierStepState => ({
  ...s,
  startedAt: now.toISOString(),
  dueAt: calendar.addWorkingDays(now, s.days).toISOString(),
  completedAt: null,
});

/** RECEIVE: the first step starts now (nothing when there are no steps). */
export function startFirstStep(steps: readonly DossierStepState[], now: Date, calendar: WorkingCalendar): DossierStepState[] {
  return steps.map((s, i) => (i === 0 ? start(s, now, calendar) : s));
}

/** COMPLETE_STEP: the current step ends now and the next one (if any) starts now. */
export function completeCurrentStep(steps: readonly DossierStepState[], now: Date, calendar: WorkingCalendar): DossierStepState[] {
  const cur = currentStep(steps);
  if (!cur) return [...steps];
  return steps.map((s) => {
    if (s.order === cur.order) return { ...s, completedAt: now.toISOString() };
    if (s.order === cur.order + 1) return start(s, now, calendar);
    return s;
  });
}

/** RETURN_FOR_REVISION: the last step opens again from now, with its own share of time. */
export function reopenLastStep(steps: readonly DossierStepState[], now: Date, calendar: WorkingCalendar): DossierStepState[] {
  return steps.map((s, i) => (i === steps.length - 1 ? start(s, now, calendar) : s));
}

/** A pause ended: the open step's due time moves by the working time spent waiting, like the dossier's. */
export function resumeSteps(steps: readonly DossierStepState[], pausedAt: Date, now: Date, calendar: WorkingCalendar): DossierStepState[] {
  return steps.map((s) =>
    s.startedAt !== null && s.completedAt === null && s.dueAt !== null
      ? { ...s, dueAt: calendar.resumeDueDate(new Date(s.dueAt), pausedAt, now).toISOString() }
      : s,
  );
}

/** Is the step late (now, or at its completion)? Paused dossiers count until the pause started. */
export function stepOverdue(s: DossierStepState, now: Date, pausedAt?: Date | null): boolean {
  if (!s.dueAt) return false;
  const end = s.completedAt ? new Date(s.completedAt) : (pausedAt ?? now);
  return end.getTime() > new Date(s.dueAt).getTime();
}
