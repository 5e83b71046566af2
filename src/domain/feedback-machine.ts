/**
 * PAKN (phản ánh, kiến nghị — citizen feedback) lifecycle as a pure state machine: no I/O,
 * no clock reads. The instant of an action and the working-time calendar are passed in.
 *
 * Main path:
 *   (submitFeedback) → RECEIVED →FORWARD→ FORWARDED →START→ PROCESSING →ANSWER→ ANSWERED
 *   →PUBLISH→ PUBLISHED
 *
 * Transition table (statuses not listed for an action → CONFLICT naming the current status):
 *   FORWARD             RECEIVED | FORWARDED | PROCESSING → FORWARDED
 *   START               RECEIVED | FORWARDED → PROCESSING
 *   REJECT              RECEIVED | FORWARDED | SUPPLEMENT_REQUESTED → REJECTED
 *   REQUEST_SUPPLEMENT  RECEIVED | FORWARDED | PROCESSING → SUPPLEMENT_REQUESTED   (clock paused)
 *   SUPPLEMENT          SUPPLEMENT_REQUESTED → pausedFrom                          (clock resumes)
 *   ANSWER              PROCESSING → ANSWERED
 *   PUBLISH             ANSWERED → PUBLISHED                     (only when isPublic, else CONFLICT)
 *   REJECTED and PUBLISHED are final; ANSWERED is final for a feedback that is not public.
 *
 * Who (the contract's FeedbackStatus / FeedbackAction carry no descriptions, so these are
 * choices modelled on the dossier machine and on how a provincial PAKN desk works):
 *   FORWARD             RECEPTION_OFFICER, LEADER, SECTOR_SYSTEM of the feedback's agency; ADMIN (any)
 *   REJECT              RECEPTION_OFFICER, LEADER, SECTOR_SYSTEM of the feedback's agency; ADMIN (any)
 *   REQUEST_SUPPLEMENT  RECEPTION_OFFICER, SPECIALIST, LEADER, SECTOR_SYSTEM of the agency
 *   SUPPLEMENT          CITIZEN who submitted it; RECEPTION_OFFICER, SECTOR_SYSTEM of the agency
 *   START               SPECIALIST, LEADER, SECTOR_SYSTEM of the agency
 *   ANSWER              SPECIALIST, LEADER, SECTOR_SYSTEM of the agency
 *   PUBLISH             LEADER, SECTOR_SYSTEM of the agency
 *   CLERK and OBSERVER never act on a feedback. ADMIN (the provincial PAKN coordinator) acts
 *   province-wide but only to route (FORWARD to a named agency) or refuse (REJECT) — it is the
 *   only role that can handle a feedback submitted without an agency (SubmitFeedbackInput.
 *   agencyCode is optional). Staff act only on feedback of an agency in their token.
 *
 * Rule choices (where domain.md and the contract are silent):
 * - FORWARD has two meanings. Without a target agency (or with the feedback's own agency) it
 *   is the one-stop desk handing the feedback to its agency's processing unit ("đã chuyển xử
 *   lý"): allowed only from RECEIVED, by the agency's own staff, and the clock keeps running.
 *   With another agency's code it transfers the feedback to that agency: the new agency
 *   "receives" it at that instant, so the clock restarts (domain.md: deadlines count "from
 *   receipt or forwarding"), the supplement count and paused time reset to 0.
 *   From FORWARDED or PROCESSING, for ADMIN, and for a feedback without an agency, FORWARD
 *   must name another agency (BAD_USER_INPUT, field targetAgencyCode).
 *   CONTRACT GAP: TransitionFeedbackInput (code, action, note, answer, expectedVersion) has no
 *   target agency field; `targetAgencyCode` here is what a future `targetAgencyCode: String`
 *   input field would carry. Until then only the internal hand-over is reachable over GraphQL.
 * - REJECT is "từ chối tiếp nhận" (refusal to accept): possible before the feedback is taken up
 *   (RECEIVED, FORWARDED) and while waiting for information the submitter never supplies
 *   (SUPPLEMENT_REQUESTED). Once PROCESSING the agency has accepted it and must ANSWER (an
 *   answer may say the feedback is unfounded) or FORWARD it to the competent agency.
 * - A late action is never refused (like the dossier machine): lateness is reported in
 *   `outcome.onTime` for the log and the scorecard. A second or later REQUEST_SUPPLEMENT is
 *   allowed (the contract has no apology letter for feedback); only the first has a deadline.
 * - Input: REJECT needs a note (the reason), REQUEST_SUPPLEMENT a note (what is missing),
 *   SUPPLEMENT a note (the information supplied — the contract's only free-text field for it),
 *   ANSWER the answer text. START and PUBLISH need nothing. All blank-checked after trimming.
 * - PUBLISH ("công khai kết quả trả lời") needs the submitter's consent (isPublic, given at
 *   submission, default false): otherwise CONFLICT NOT_PUBLIC, and ANSWERED is where a private
 *   feedback ends. It is a CONFLICT (a state of the resource), checked after input, like the
 *   dossier machine's UNPAID_FEES.
 * - Check order as in the dossier machine: unknown action (BAD_USER_INPUT) → authorization
 *   (FORBIDDEN, never revealing the status) → status (CONFLICT ACTION_NOT_ALLOWED_IN_STATUS) →
 *   input (BAD_USER_INPUT with field) → business blocks (CONFLICT NOT_PUBLIC).
 * - SUPPLEMENT returns to pausedFrom (RECEIVED, FORWARDED or PROCESSING); if that is missing or
 *   not a status a pause can start from, it returns to PROCESSING.
 *
 * Deadlines (domain.md: "Stage deadlines in working days from receipt or forwarding: reject ≤ 2,
 * first supplement request ≤ 5, answer ≤ 15, publish ≤ 2 after answering"):
 * - The clock starts at receipt and restarts at each forwarding to another agency
 *   (clockStartedAt). Like a dossier's, it is paused while the feedback waits for the
 *   submitter (SUPPLEMENT_REQUESTED): the working time spent waiting (pausedWorkingMinutes)
 *   moves the reject, first-supplement and answer deadlines. The publish deadline counts from
 *   answeredAt. All are WorkingCalendar.dueDate, so receipt outside working time starts counting
 *   at the next working period and a budget ending at 17:00 ends at 17:00.
 * - The current stage's deadline (Feedback.dueAt) by status: RECEIVED, FORWARDED → the reject
 *   deadline (the agency must refuse or take it up); PROCESSING → the answer deadline;
 *   ANSWERED → the publish deadline when public; SUPPLEMENT_REQUESTED, a private ANSWERED,
 *   PUBLISHED, REJECTED → no running stage (outcome.stageDeadline null: keep the previous
 *   dueAt; while waiting it is moved when the clock resumes).
 * - An action is on time when its instant is at or before its deadline (overdue = after).
 *
 * Caller bookkeeping from a FeedbackTransitionOutcome:
 *   status = to; agencyCode = outcome.agencyCode; clockStartedAt, pausedWorkingMinutes,
 *   supplementRequests, pausedFrom (= resumeTo), pausedAt, answerDueAt as in the outcome;
 *   dueAt = stageDeadline when not null; answers → answer = outcome.answer, answeredAt = now;
 *   publishes → the feedback becomes publicly readable; append a FeedbackEvent (action, from,
 *   to, actor, note) in the same transaction; sync the national portal (status mapping in
 *   connectors/national-formats.ts).
 */

import { isProvinceRole, isStaffRole } from './roles';
import { DossierRuleError, ROLES, type Actor, type Role, type RuleErrorCode } from './dossier-machine';
import { msg, type Bilingual } from './errors';
import { viFeedbackAction, viFeedbackStatus } from './labels-vi';
import { isBlank } from './text';
import { vnDate } from './vn-time';
import { DAILY_SEQUENCE_PATTERN, formatDailySequence } from './daily-sequence';
import type { WorkingCalendar } from './working-calendar';

export { ROLES };
export type { Actor, Role, RuleErrorCode };

export const FEEDBACK_STATUSES = [
  'RECEIVED',
  'FORWARDED',
  'PROCESSING',
  'SUPPLEMENT_REQUESTED',
  'ANSWERED',
  'PUBLISHED',
  'REJECTED',
] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const FEEDBACK_ACTIONS = [
  'FORWARD',
  'REJECT',
  'REQUEST_SUPPLEMENT',
  'SUPPLEMENT',
  'START',
  'ANSWER',
  'PUBLISH',
] as const;
export type FeedbackAction = (typeof FEEDBACK_ACTIONS)[number];

/**
 * A feedback rule was broken. A DossierRuleError subclass so the one error formatter maps it
 * (code → extensions.code, reason, field) without knowing about feedback.
 */
export class FeedbackRuleError extends DossierRuleError {
  constructor(code: RuleErrorCode, reason: string, message: Bilingual, field?: string) {
    super(code, reason, message, field);
    this.name = 'FeedbackRuleError';
  }
}

export interface FeedbackSnapshot {
  status: FeedbackStatus;
  /** The agency handling it; null when submitted without one (routed by ADMIN). */
  agencyCode: string | null;
  /** The submitter agreed to publication (SubmitFeedbackInput.isPublic). */
  isPublic: boolean;
  /** ContactInput.identityNumber, when given. */
  submitterIdentityNumber: string | null;
  /** `sub` of the token used to submit, when the submitter was signed in. */
  submitterSubject: string | null;
  /** Receipt, or the last forwarding to another agency: the deadlines count from here. */
  clockStartedAt: Date;
  /** Working minutes spent waiting for the submitter since clockStartedAt (finished pauses only). */
  pausedWorkingMinutes: number;
  /** REQUEST_SUPPLEMENT count since clockStartedAt. */
  supplementRequests: number;
  /** Status to return to after SUPPLEMENT (set while SUPPLEMENT_REQUESTED). */
  pausedFrom: FeedbackStatus | null;
  /** When the current wait for the submitter began (set while SUPPLEMENT_REQUESTED). */
  pausedAt: Date | null;
  answeredAt: Date | null;
}

export interface FeedbackTransitionRequest {
  action: FeedbackAction;
  note?: string | null;
  answer?: string | null;
  /** FORWARD to another agency. Not (yet) a field of the contract's TransitionFeedbackInput. */
  targetAgencyCode?: string | null;
}

/** Time is passed in: the instant of the action and the working-time calendar. */
export interface FeedbackClock {
  now: Date;
  calendar: WorkingCalendar;
}

export interface FeedbackTransitionOutcome {
  action: FeedbackAction;
  from: FeedbackStatus;
  to: FeedbackStatus;
  /** The role under which the actor acted (the first of its roles that is allowed). */
  actorRole: Role;
  /** Deadline of the stage entered (new Feedback.dueAt); null = no running stage, keep dueAt. */
  stageDeadline: Date | null;
  /** Whether this action met its own deadline; null for actions without one (see onTimeFor). */
  onTime: boolean | null;
  /** Agency after the action (differs from the snapshot's after a FORWARD to another agency). */
  agencyCode: string | null;
  /** FORWARD to another agency. */
  changesAgency: boolean;
  /** The deadlines count anew from now (FORWARD to another agency). */
  restartsClock: boolean;
  clockStartedAt: Date;
  pausedWorkingMinutes: number;
  supplementRequests: number;
  /** START when entering SUPPLEMENT_REQUESTED, END when leaving it. */
  pause: 'START' | 'END' | null;
  /** pausedFrom to record: the status to resume to for START, otherwise null. */
  resumeTo: FeedbackStatus | null;
  /** pausedAt to record: now for START, otherwise null. */
  pausedAt: Date | null;
  /** The answer deadline after the action (while waiting: as of the pause start, moved on resumption). */
  answerDueAt: Date;
  /** ANSWER: caller records the answer and answeredAt = now. */
  answers: boolean;
  /** ANSWER: the answer text (trimmed); otherwise null. */
  answer: string | null;
  /** PUBLISH: the feedback becomes readable by everybody. */
  publishes: boolean;
  /** No further stage: entering REJECTED or PUBLISHED, or ANSWERED when not public. */
  closes: boolean;
}

/** Statuses from which no action leads anywhere. */
export const FEEDBACK_TERMINAL_STATUSES: ReadonlySet<FeedbackStatus> = new Set<FeedbackStatus>(['REJECTED', 'PUBLISHED']);

/** Statuses in which the clock is paused waiting for the submitter. */
export const FEEDBACK_PAUSED_STATUSES: ReadonlySet<FeedbackStatus> = new Set<FeedbackStatus>(['SUPPLEMENT_REQUESTED']);

/** Statuses a supplement request may start from, hence return to. */
const RESUMABLE_STATUSES: ReadonlySet<FeedbackStatus> = new Set<FeedbackStatus>(['RECEIVED', 'FORWARDED', 'PROCESSING']);

/** Where each action may start and where it leads; `'RESUME'` = back to pausedFrom. */
type Target = FeedbackStatus | 'RESUME';
export const FEEDBACK_TRANSITIONS: Readonly<Record<FeedbackAction, Readonly<Partial<Record<FeedbackStatus, Target>>>>> = {
  FORWARD: { RECEIVED: 'FORWARDED', FORWARDED: 'FORWARDED', PROCESSING: 'FORWARDED' },
  REJECT: { RECEIVED: 'REJECTED', FORWARDED: 'REJECTED', SUPPLEMENT_REQUESTED: 'REJECTED' },
  REQUEST_SUPPLEMENT: {
    RECEIVED: 'SUPPLEMENT_REQUESTED',
    FORWARDED: 'SUPPLEMENT_REQUESTED',
    PROCESSING: 'SUPPLEMENT_REQUESTED',
  },
  SUPPLEMENT: { SUPPLEMENT_REQUESTED: 'RESUME' },
  START: { RECEIVED: 'PROCESSING', FORWARDED: 'PROCESSING' },
  ANSWER: { PROCESSING: 'ANSWERED' },
  PUBLISH: { ANSWERED: 'PUBLISHED' },
};

// Staff (STAFF_ROLES) act only on feedback of the agencies in their token; the province
// (PROVINCE_ROLES) sees every feedback (read only for OBSERVER). Both lists: src/domain/roles.ts.

export const FEEDBACK_ACTION_ROLES: Readonly<Record<FeedbackAction, readonly Role[]>> = {
  FORWARD: ['RECEPTION_OFFICER', 'LEADER', 'SECTOR_SYSTEM', 'ADMIN'],
  REJECT: ['RECEPTION_OFFICER', 'LEADER', 'SECTOR_SYSTEM', 'ADMIN'],
  REQUEST_SUPPLEMENT: ['RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'SECTOR_SYSTEM'],
  SUPPLEMENT: ['CITIZEN', 'RECEPTION_OFFICER', 'SECTOR_SYSTEM'],
  START: ['SPECIALIST', 'LEADER', 'SECTOR_SYSTEM'],
  ANSWER: ['SPECIALIST', 'LEADER', 'SECTOR_SYSTEM'],
  PUBLISH: ['LEADER', 'SECTOR_SYSTEM'],
};

// ------------------------------------------------------------------ deadlines

/** The stages with a deadline. */
export const FEEDBACK_STAGES = ['REJECT', 'FIRST_SUPPLEMENT_REQUEST', 'ANSWER', 'PUBLISH'] as const;
export type FeedbackStage = (typeof FEEDBACK_STAGES)[number];

/** Working days per stage (domain.md); PUBLISH counts from answering, the others from receipt or forwarding. */
export const FEEDBACK_STAGE_WORKING_DAYS: Readonly<Record<FeedbackStage, number>> = Object.freeze({
  REJECT: 2,
  FIRST_SUPPLEMENT_REQUEST: 5,
  ANSWER: 15,
  PUBLISH: 2,
});

/**
 * The deadline of a stage counted from `from` (receipt or forwarding; answering for PUBLISH)
 * on the working-time calendar, without pauses.
 */
export function feedbackDeadline(stage: FeedbackStage, from: Date, calendar: WorkingCalendar): Date {
  const days = FEEDBACK_STAGE_WORKING_DAYS[stage];
  if (days === undefined) throw new RangeError(`unknown feedback stage ${String(stage)}`);
  return calendar.dueDate(from, days);
}

/** A deadline moved by working time spent waiting for the submitter (0 leaves it unchanged). */
function shifted(due: Date, pausedWorkingMinutes: number, calendar: WorkingCalendar): Date {
  return pausedWorkingMinutes > 0 ? calendar.addWorkingMinutes(due, pausedWorkingMinutes) : due;
}

export interface FeedbackDeadlines {
  reject: Date;
  firstSupplementRequest: Date;
  answer: Date;
  /** Null until answered. */
  publish: Date | null;
}

/**
 * The deadlines of a feedback as things stand: counted from clockStartedAt and moved by the
 * finished pauses (a pause still under way moves them when it ends).
 */
export function feedbackDeadlines(
  f: Pick<FeedbackSnapshot, 'clockStartedAt' | 'pausedWorkingMinutes' | 'answeredAt'>,
  calendar: WorkingCalendar,
): FeedbackDeadlines {
  const p = f.pausedWorkingMinutes;
  return {
    reject: shifted(feedbackDeadline('REJECT', f.clockStartedAt, calendar), p, calendar),
    firstSupplementRequest: shifted(feedbackDeadline('FIRST_SUPPLEMENT_REQUEST', f.clockStartedAt, calendar), p, calendar),
    answer: shifted(feedbackDeadline('ANSWER', f.clockStartedAt, calendar), p, calendar),
    publish: f.answeredAt ? feedbackDeadline('PUBLISH', f.answeredAt, calendar) : null,
  };
}

export interface FeedbackReceipt {
  status: 'RECEIVED';
  clockStartedAt: Date;
  pausedWorkingMinutes: 0;
  supplementRequests: 0;
  /** Feedback.dueAt at submission: the reject deadline (receipt + 2 working days). */
  stageDeadline: Date;
  /** Receipt + 15 working days. */
  answerDueAt: Date;
}

/** What submitFeedback records: the clock starts at receipt. */
export function receiveFeedback(receivedAt: Date, calendar: WorkingCalendar): FeedbackReceipt {
  validInstant(receivedAt, 'receivedAt');
  return {
    status: 'RECEIVED',
    clockStartedAt: receivedAt,
    pausedWorkingMinutes: 0,
    supplementRequests: 0,
    stageDeadline: feedbackDeadline('REJECT', receivedAt, calendar),
    answerDueAt: feedbackDeadline('ANSWER', receivedAt, calendar),
  };
}

/** Answered at or before the answer deadline. */
export function answeredOnTime(answeredAt: Date, answerDueAt: Date): boolean {
  return answeredAt.getTime() <= answerDueAt.getTime();
}

export type FeedbackTimeliness = 'ANSWERED_ON_TIME' | 'ANSWERED_LATE' | 'OPEN_WITHIN_TIME' | 'OPEN_OVERDUE' | 'REJECTED';

/**
 * Where a feedback stands against its answer deadline, for the scorecard ("PAKN answered on
 * time"). Answered (answeredAt set, whatever the status now) → on time or late; rejected
 * without an answer → REJECTED (never answered; the scorecard decides whether it counts);
 * still open → OPEN_OVERDUE once the clock passed answerDueAt, where the clock is `now`, or
 * pausedAt while waiting for the submitter (the wait does not count against the agency).
 */
export function feedbackTimeliness(
  f: { status: FeedbackStatus; answeredAt: Date | null; answerDueAt: Date; pausedAt?: Date | null },
  now: Date,
): FeedbackTimeliness {
  if (f.answeredAt) return answeredOnTime(f.answeredAt, f.answerDueAt) ? 'ANSWERED_ON_TIME' : 'ANSWERED_LATE';
  if (f.status === 'REJECTED') return 'REJECTED';
  const clock = FEEDBACK_PAUSED_STATUSES.has(f.status) && f.pausedAt ? f.pausedAt : now;
  return clock.getTime() > f.answerDueAt.getTime() ? 'OPEN_OVERDUE' : 'OPEN_WITHIN_TIME';
}

/** No further stage runs: REJECTED, PUBLISHED, or ANSWERED when the feedback is not public. */
export function isFeedbackClosed(f: { status: FeedbackStatus; isPublic: boolean }): boolean {
  return FEEDBACK_TERMINAL_STATUSES.has(f.status) || (f.status === 'ANSWERED' && !f.isPublic);
}

/**
 * Overdue (FeedbackFilter.overdue): the current stage's deadline (Feedback.dueAt) has passed.
 * Closed feedback is never overdue; while waiting for the submitter the clock stopped at pausedAt.
 */
export function isFeedbackOverdue(
  f: { status: FeedbackStatus; isPublic: boolean; dueAt: Date; pausedAt?: Date | null },
  now: Date,
): boolean {
  if (isFeedbackClosed(f)) return false;
  const clock = FEEDBACK_PAUSED_STATUSES.has(f.status) && f.pausedAt ? f.pausedAt : now;
  return clock.getTime() > f.dueAt.getTime();
}

// ------------------------------------------------------------------ code

/** Mã PAKN: PAKN.YYYYMMDD.NNNN (Vietnam date of receipt, daily sequence: four digits, five or six from 10,000 on). */
export const FEEDBACK_CODE_RE = new RegExp(`^PAKN\\.(\\d{4})(\\d{2})(\\d{2})\\.(${DAILY_SEQUENCE_PATTERN})$`);

/** The part of a PAKN code before its sequence: `PAKN.YYYYMMDD.` (the statement that draws the number appends it). */
export function feedbackCodePrefix(at: Date): string {
  validInstant(at, 'at');
  return `PAKN.${vnDate(at).replaceAll('-', '')}.`;
}

/** PAKN.YYYYMMDD.NNNN for a feedback received at `at`; RangeError unless 1 ≤ seq ≤ DAILY_SEQUENCE_MAX. */
export function formatFeedbackCode(at: Date, seq: number): string {
  const prefix = feedbackCodePrefix(at);
  return `${prefix}${formatDailySequence(seq)}`;
}

/** The Vietnam date (YYYY-MM-DD) and sequence of a PAKN code, or null when it is not one. */
export function parseFeedbackCode(code: string): { date: string; sequence: number } | null {
  const m = typeof code === 'string' ? FEEDBACK_CODE_RE.exec(code) : null;
  if (!m) return null;
  const [, y, mo, d, n] = m;
  const date = `${y}-${mo}-${d}`;
  const t = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== date) return null;
  const sequence = Number(n);
  return sequence >= 1 ? { date, sequence } : null;
}

// ------------------------------------------------------------------ visibility

/** Why a viewer may read a feedback: the strongest applicable kind, or null. */
export type FeedbackAccess = 'PROVINCE' | 'STAFF' | 'SUBMITTER' | 'PUBLIC';

type ReadableFeedback = Pick<FeedbackSnapshot, 'status' | 'agencyCode' | 'isPublic' | 'submitterIdentityNumber' | 'submitterSubject'>;

/**
 * Who may read a feedback:
 * - PROVINCE: ADMIN and OBSERVER see every feedback of the province (incl. those without an agency);
 * - STAFF: RECEPTION_OFFICER, SPECIALIST, LEADER, CLERK, SECTOR_SYSTEM with the feedback's
 *   agency in their token (the agency it was forwarded away from loses access);
 * - SUBMITTER: the viewer's identity number or token subject is the submitter's (any role);
 * - PUBLIC: anybody, signed in or not, once PUBLISHED and public.
 * PUBLIC readers must not be shown the submitter's contact details.
 */
export function feedbackAccess(f: ReadableFeedback, viewer: Actor | null | undefined): FeedbackAccess | null {
  if (viewer) {
    if (viewer.roles.some((r) => isProvinceRole(r))) return 'PROVINCE';
    if (isAgencyStaff(f, viewer)) return 'STAFF';
    if (isSubmitter(f, viewer)) return 'SUBMITTER';
  }
  return f.status === 'PUBLISHED' && f.isPublic ? 'PUBLIC' : null;
}

export function canReadFeedback(f: ReadableFeedback, viewer: Actor | null | undefined): boolean {
  return feedbackAccess(f, viewer) !== null;
}

/** One line of a feedback's log as it is kept. */
export interface FeedbackLogLine {
  at: Date;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actor: string;
  note: string | null;
}

/** The submitter's own lines (what they sent: the question, supplements with their papers and contacts). */
const SUBMITTER_ACTIONS = new Set(['SUBMIT', 'SUPPLEMENT']);

/**
 * A published feedback's log as a PUBLIC reader sees it: what happened and when, by whom only
 * as "the submitter" or "the agency", and no notes (a supplement's note may hold a phone or a
 * home address; the published answer is the feedback's `answer`).
 */
export function publicFeedbackLog(lines: readonly FeedbackLogLine[]): FeedbackLogLine[] {
  return lines.map((l) => ({ ...l, actor: SUBMITTER_ACTIONS.has(l.action) ? 'Người phản ánh' : 'Cơ quan giải quyết', note: null }));
}

// ------------------------------------------------------------------ checks

function validInstant(d: Date, what: string): void {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new RangeError(`${what}: invalid Date`);
}

function same(a: string | null | undefined, b: string | null | undefined): boolean {
  return typeof a === 'string' && typeof b === 'string' && a.trim() !== '' && a.trim() === b.trim();
}

function isSubmitter(f: Pick<FeedbackSnapshot, 'submitterIdentityNumber' | 'submitterSubject'>, actor: Actor): boolean {
  return same(actor.identityNumber, f.submitterIdentityNumber) || same(actor.subject, f.submitterSubject);
}

function isAgencyStaff(f: Pick<FeedbackSnapshot, 'agencyCode'>, actor: Actor): boolean {
  return f.agencyCode !== null && actor.roles.some((r) => isStaffRole(r)) && actor.agencyCodes.includes(f.agencyCode);
}

/** Returns the role the actor acts under, or throws FORBIDDEN (never depends on the status). */
function authorize(f: FeedbackSnapshot, actor: Actor, action: FeedbackAction): Role {
  const permitted = FEEDBACK_ACTION_ROLES[action];
  let firstFailure: FeedbackRuleError | null = null;
  for (const role of actor.roles) {
    if (!permitted.includes(role)) continue;
    if (role === 'ADMIN') return role;
    if (role === 'CITIZEN') {
      if (isSubmitter(f, actor)) return role;
      firstFailure ??= new FeedbackRuleError('FORBIDDEN', 'NOT_SUBMITTER', msg('Chỉ người gửi phản ánh, kiến nghị này mới được thực hiện thao tác này.', 'Only the person who sent this feedback may do this.'));
    } else if (isStaffRole(role)) {
      if (f.agencyCode !== null && actor.agencyCodes.includes(f.agencyCode)) return role;
      firstFailure ??= new FeedbackRuleError(
        'FORBIDDEN',
        'AGENCY_NOT_ALLOWED',
        msg('Phản ánh, kiến nghị này không thuộc cơ quan mà bạn được giao xử lý.', 'This feedback is not with an agency you act for.'),
      );
    }
  }
  throw (
    firstFailure ??
    new FeedbackRuleError(
      'FORBIDDEN',
      'ROLE_NOT_ALLOWED',
      msg(
        `Vai trò của bạn không được thực hiện thao tác ${viFeedbackAction(action)} đối với phản ánh, kiến nghị.`,
        `Your role is not allowed to perform ${action} on a feedback.`,
      ),
    )
  );
}

function target(f: FeedbackSnapshot, action: FeedbackAction): FeedbackStatus {
  const t = FEEDBACK_TRANSITIONS[action][f.status];
  if (t === undefined) {
    throw new FeedbackRuleError(
      'CONFLICT',
      'ACTION_NOT_ALLOWED_IN_STATUS',
      msg(
        `Không thể thực hiện thao tác ${viFeedbackAction(action)} khi phản ánh, kiến nghị đang ở trạng thái ${viFeedbackStatus(f.status)}.`,
        `${action} is not allowed while the feedback is ${f.status}`,
      ),
    );
  }
  if (t === 'RESUME') return f.pausedFrom !== null && RESUMABLE_STATUSES.has(f.pausedFrom) ? f.pausedFrom : 'PROCESSING';
  return t;
}

/** The other agency a FORWARD sends the feedback to, or null for the internal hand-over. */
function forwardTarget(f: FeedbackSnapshot, req: FeedbackTransitionRequest): string | null {
  const code = isBlank(req.targetAgencyCode) ? null : (req.targetAgencyCode as string).trim();
  return code === null || code === f.agencyCode ? null : code;
}

function noteRequired(req: FeedbackTransitionRequest, message: Bilingual): void {
  if (isBlank(req.note)) throw new FeedbackRuleError('BAD_USER_INPUT', 'NOTE_REQUIRED', message, 'note');
}

function validateInput(f: FeedbackSnapshot, req: FeedbackTransitionRequest, actorRole: Role): void {
  switch (req.action) {
    case 'FORWARD': {
      const internalAllowed = f.status === 'RECEIVED' && f.agencyCode !== null && actorRole !== 'ADMIN';
      if (forwardTarget(f, req) === null && !internalAllowed) {
        throw new FeedbackRuleError(
          'BAD_USER_INPUT',
          'TARGET_AGENCY_REQUIRED',
          msg('Chuyển xử lý cần mã của cơ quan khác nhận phản ánh, kiến nghị.', 'Forwarding needs the code of another agency to send the feedback to.'),
          'targetAgencyCode',
        );
      }
      return;
    }
    case 'REJECT':
      return noteRequired(req, msg('Từ chối phản ánh, kiến nghị cần ghi rõ lý do.', 'Rejecting a feedback needs a note giving the reason.'));
    case 'REQUEST_SUPPLEMENT':
      return noteRequired(req, msg('Yêu cầu bổ sung cần ghi rõ thông tin còn thiếu.', 'A supplement request needs a note saying what information is missing.'));
    case 'SUPPLEMENT':
      return noteRequired(req, msg('Bổ sung phản ánh, kiến nghị cần ghi thông tin đã được yêu cầu.', 'Supplementing a feedback needs a note with the information asked for.'));
    case 'ANSWER':
      if (isBlank(req.answer)) {
        throw new FeedbackRuleError('BAD_USER_INPUT', 'ANSWER_REQUIRED', msg('Trả lời phản ánh, kiến nghị cần có nội dung trả lời.', 'Answering a feedback needs the answer text.'), 'answer');
      }
      return;
    default:
      return;
  }
}

function checkBusinessBlocks(f: FeedbackSnapshot, action: FeedbackAction): void {
  if (action === 'PUBLISH' && !f.isPublic) {
    throw new FeedbackRuleError(
      'CONFLICT',
      'NOT_PUBLIC',
      msg(
        'Không thể công khai phản ánh, kiến nghị này: người gửi không đồng ý công khai.',
        'This feedback cannot be published: the person who sent it did not agree to publication.',
      ),
    );
  }
}

/** The deadline of the stage a status stands for, given the bookkeeping after the action. */
function stageDeadlineFor(
  to: FeedbackStatus,
  isPublic: boolean,
  d: { reject: Date; answer: Date; publish: Date | null },
): Date | null {
  switch (to) {
    case 'RECEIVED':
    case 'FORWARDED':
      return d.reject;
    case 'PROCESSING':
      return d.answer;
    case 'ANSWERED':
      return isPublic ? d.publish : null;
    default:
      return null;
  }
}

/**
 * Whether an action done at `now` met its deadline (deadlines as in `deadlines`, i.e. after the
 * pause that the action ends, if any): REJECT from RECEIVED/FORWARDED ≤ reject deadline; the
 * first REQUEST_SUPPLEMENT ≤ first-supplement deadline; ANSWER ≤ answer deadline; PUBLISH ≤
 * publish deadline. Null for FORWARD, START, SUPPLEMENT, a later supplement request, and a
 * REJECT of a feedback whose submitter never supplied what was asked (no deadline applies).
 */
function onTimeFor(f: FeedbackSnapshot, action: FeedbackAction, now: Date, d: FeedbackDeadlines): boolean | null {
  const by = (deadline: Date | null): boolean | null => (deadline ? now.getTime() <= deadline.getTime() : null);
  switch (action) {
    case 'REJECT':
      return f.status === 'SUPPLEMENT_REQUESTED' ? null : by(d.reject);
    case 'REQUEST_SUPPLEMENT':
      return f.supplementRequests === 0 ? by(d.firstSupplementRequest) : null;
    case 'ANSWER':
      return by(d.answer);
    case 'PUBLISH':
      return by(d.publish);
    default:
      return null;
  }
}

// ------------------------------------------------------------------ API

/**
 * Decides what an action does to a feedback at `clock.now`, or throws FeedbackRuleError.
 * Checks, in order: unknown action (BAD_USER_INPUT, field action), authorization (FORBIDDEN,
 * never revealing the status), status (CONFLICT ACTION_NOT_ALLOWED_IN_STATUS, naming it), input
 * (BAD_USER_INPUT with the field), business blocks (CONFLICT NOT_PUBLIC). Never mutates `f`.
 */
export function decideFeedbackTransition(
  f: FeedbackSnapshot,
  actor: Actor,
  req: FeedbackTransitionRequest,
  clock: FeedbackClock,
): FeedbackTransitionOutcome {
  const action = req.action;
  if (!(FEEDBACK_ACTIONS as readonly string[]).includes(action)) {
    throw new FeedbackRuleError('BAD_USER_INPUT', 'UNKNOWN_ACTION', msg('Thao tác không hợp lệ.', 'Unknown action.'), 'action');
  }
  const { now, calendar } = clock;
  validInstant(now, 'now');
  const actorRole = authorize(f, actor, action);
  const to = target(f, action);
  validateInput(f, req, actorRole);
  checkBusinessBlocks(f, action);

  const from = f.status;
  const entersPause = FEEDBACK_PAUSED_STATUSES.has(to) && !FEEDBACK_PAUSED_STATUSES.has(from);
  const leavesPause = FEEDBACK_PAUSED_STATUSES.has(from) && !FEEDBACK_PAUSED_STATUSES.has(to);

  // Bookkeeping after the action.
  const newAgency = action === 'FORWARD' ? forwardTarget(f, req) : null;
  const restartsClock = newAgency !== null;
  let clockStartedAt = f.clockStartedAt;
  let pausedWorkingMinutes = f.pausedWorkingMinutes;
  let supplementRequests = f.supplementRequests;
  if (leavesPause) {
    const since = f.pausedAt ?? now;
    if (since.getTime() < now.getTime()) pausedWorkingMinutes += calendar.workingMinutesBetween(since, now);
  }
  if (restartsClock) {
    clockStartedAt = now;
    pausedWorkingMinutes = 0;
    supplementRequests = 0;
  }
  if (action === 'REQUEST_SUPPLEMENT') supplementRequests += 1;
  const answeredAt = action === 'ANSWER' ? now : f.answeredAt;

  const before = feedbackDeadlines({ clockStartedAt: f.clockStartedAt, pausedWorkingMinutes, answeredAt: f.answeredAt }, calendar);
  const after = feedbackDeadlines({ clockStartedAt, pausedWorkingMinutes, answeredAt }, calendar);
  const closes = FEEDBACK_TERMINAL_STATUSES.has(to) || (to === 'ANSWERED' && !f.isPublic);

  return {
    action,
    from,
    to,
    actorRole,
    stageDeadline: stageDeadlineFor(to, f.isPublic, after),
    onTime: onTimeFor(f, action, now, before),
    agencyCode: newAgency ?? f.agencyCode,
    changesAgency: newAgency !== null,
    restartsClock,
    clockStartedAt,
    pausedWorkingMinutes,
    supplementRequests,
    pause: entersPause ? 'START' : leavesPause ? 'END' : null,
    resumeTo: entersPause ? from : null,
    pausedAt: entersPause ? now : null,
    answerDueAt: after.answer,
    answers: action === 'ANSWER',
    answer: action === 'ANSWER' ? (req.answer as string).trim() : null,
    publishes: action === 'PUBLISH',
    closes,
  };
}

/**
 * The actions this actor may take now (for UIs): authorization, status and business blocks
 * are applied; input requirements (note, answer, targetAgencyCode) are not.
 */
export function allowedFeedbackActions(f: FeedbackSnapshot, actor: Actor): FeedbackAction[] {
  return FEEDBACK_ACTIONS.filter((action) => {
    try {
      authorize(f, actor, action);
      target(f, action);
      checkBusinessBlocks(f, action);
      return true;
    } catch (e) {
      if (e instanceof FeedbackRuleError) return false;
      throw e;
    }
  });
}
