import { DomainError, msg, type Bilingual, type Message } from './errors';
import { viDossierAction, viDossierStatus } from './labels-vi';
import { isStaffRole, type Role } from './roles';
/**
 * Dossier lifecycle (vòng đời hồ sơ) as a pure state machine: no I/O, no clock reads.
 *
 * Main path:
 *   SUBMITTED →RECEIVE→ PROCESSING →SUBMIT_FOR_APPROVAL→ AWAITING_APPROVAL →APPROVE→ APPROVED
 *   →ISSUE_RESULT→ RESULT_READY →DELIVER→ DELIVERED
 *
 * Side paths:
 *   REQUEST_SUPPLEMENT  SUBMITTED | PROCESSING → SUPPLEMENT_REQUESTED   (clock paused)
 *   SUPPLEMENT          SUPPLEMENT_REQUESTED → pausedFrom                (clock resumes)
 *   REQUEST_PAYMENT     SUBMITTED | PROCESSING → AWAITING_PAYMENT        (clock paused)
 *   paymentSettled()    AWAITING_PAYMENT → pausedFrom                    (clock resumes; not an action)
 *   RETURN_FOR_REVISION AWAITING_APPROVAL → PROCESSING
 *   REJECT              SUBMITTED | PROCESSING | SUPPLEMENT_REQUESTED | AWAITING_APPROVAL → REJECTED
 *   STOP                PROCESSING | SUPPLEMENT_REQUESTED | AWAITING_PAYMENT | AWAITING_APPROVAL | APPROVED → STOPPED
 *   WITHDRAW            any non-terminal status before a result → WITHDRAWN
 *   EXTEND              PROCESSING | AWAITING_APPROVAL | APPROVED (no status change)
 *   TRANSFER            PROCESSING (no status change; the handling agency changes — liên thông)
 *   COMPLETE_STEP       PROCESSING → PROCESSING (next step), or AWAITING_APPROVAL after the last step
 *
 * Internal process (src/domain/workflow.ts): a dossier received on a procedure with steps
 * carries them (`steps`); COMPLETE_STEP ends the open one and starts the next, the last one leads
 * to AWAITING_APPROVAL; SUBMIT_FOR_APPROVAL is refused while the dossier has steps (CONFLICT
 * STEPS_IN_PROGRESS: its process decides when it goes to the leader); RETURN_FOR_REVISION reopens
 * the last step. Without steps the lifecycle is the fixed one and COMPLETE_STEP is refused
 * (CONFLICT NO_OPEN_STEP).
 *
 * Which agency acts (liên thông): DELIVER is done by the receiving agency's desk (the result
 * returns there); SUPPLEMENT may be recorded by the receiving or the handling agency;
 * COMPLETE_STEP by the open step's agency (its own, else the handling agency) and role (or
 * SECTOR_SYSTEM); every other staff action by the handling agency (which is the receiving one
 * until a TRANSFER). TRANSFER: RECEPTION_OFFICER or LEADER (or SECTOR_SYSTEM) of the handling
 * agency, to another agency that carries out the procedure.
 *
 * Rule choices (where domain.md is silent):
 * - EXTEND (form 04, thư xin lỗi và hẹn lại ngày trả) is allowed only while the processing
 *   clock runs: PROCESSING, AWAITING_APPROVAL, APPROVED. While the dossier waits for the
 *   applicant (SUPPLEMENT_REQUESTED, AWAITING_PAYMENT) the clock is paused and dueAt moves
 *   by itself on resumption, so an apology for lateness makes no sense there. Not before
 *   receipt either (there is no dueAt yet), nor once the result is ready.
 * - REQUEST_SUPPLEMENT, REQUEST_PAYMENT, EXTEND and STOP may be done by RECEPTION_OFFICER,
 *   SPECIALIST or LEADER (the one-stop desk asks at receipt, the specialist during
 *   processing, the leader while reviewing); not by CLERK. SECTOR_SYSTEM may do every
 *   staff action, including recording a SUPPLEMENT at the counter.
 * - WITHDRAW is the applicant's own act only (CITIZEN with the dossier's identity number).
 * - ADMIN and OBSERVER are not processing roles: always FORBIDDEN (ROLE_NOT_ALLOWED).
 * - EXTEND needs a newDueAt strictly later than the current dueAt (when there is one).
 * - allowedActions() applies authorization, status and business blocks (so DELIVER is not
 *   offered while fees are unpaid) but not input validation (input is not known yet).
 * - For SUPPLEMENT / paymentSettled, when the snapshot's pausedFrom is missing or not a
 *   status a pause can return to, the machine resumes to PROCESSING if the dossier has a
 *   dueAt (i.e. was received) and to SUBMITTED otherwise.
 * - paymentSettled() refuses (CONFLICT, UNPAID_FEES) while outstandingFees > 0: pass the
 *   snapshot as it is after the payment has been recorded.
 *
 * Caller bookkeeping from a TransitionOutcome:
 *   status = to; supplementRequests = outcome.supplementRequests;
 *   pausedFrom = outcome.resumeTo (null clears it — every status change leaves the pause
 *   fields consistent); pause START → pausedAt = now; pause END → shift dueAt by the
 *   working time since pausedAt, then pausedAt = null; receives → receivedAt = now and
 *   compute dueAt; completes → completedAt = now; delivers → deliveredAt = now;
 *   newDueAt → dueAt = newDueAt; send nationalStatusCode to the national portal.
 */

import { isBlank } from './text';
import { currentStep, isLastStep, stepAgency, type DossierStepState } from './workflow';

export const DOSSIER_STATUSES = [
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
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const DOSSIER_ACTIONS = [
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
] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];

/**
 * Log-only actions: SUBMIT (the first line), PAYMENT_SETTLED (the platform confirmed payment),
 * IDENTITY_CHECKED (the population database answered after the submission), and the SLA
 * sweep's DUE_SOON / OVERDUE (published as events, not written as log lines). The hub records
 * them itself; transitionDossier does not accept them. The GraphQL DossierAction enum is
 * DOSSIER_ACTIONS followed by these.
 */
export const LOG_ONLY_ACTIONS = ['SUBMIT', 'PAYMENT_SETTLED', 'IDENTITY_CHECKED', 'DUE_SOON', 'OVERDUE', 'RECEIVE_DUE_SOON', 'RECEIVE_OVERDUE'] as const;
export type LogOnlyAction = (typeof LOG_ONLY_ACTIONS)[number];
export type LoggedAction = DossierAction | LogOnlyAction;

export const isRequestableAction = (a: string): a is DossierAction => (DOSSIER_ACTIONS as readonly string[]).includes(a);

export { ROLES, type Role } from './roles';

export type RuleErrorCode = 'FORBIDDEN' | 'CONFLICT' | 'BAD_USER_INPUT';

/** The machine-readable reasons of the lifecycle rules (extensions.reason). */
export const DOSSIER_RULE_REASONS = [
  'UNKNOWN_ACTION',
  'ROLE_NOT_ALLOWED',
  'NOT_OWNER',
  'AGENCY_NOT_ALLOWED',
  'ACTION_NOT_ALLOWED_IN_STATUS',
  'NOTE_REQUIRED',
  'SECOND_SUPPLEMENT_NEEDS_APOLOGY',
  'APOLOGY_REQUIRED',
  'NEW_DUE_AT_REQUIRED',
  'NEW_DUE_AT_INVALID',
  'NEW_DUE_AT_NOT_LATER',
  'RESULT_REQUIRED',
  'UNPAID_FEES',
  'TARGET_AGENCY_REQUIRED',
  'SAME_AGENCY',
  'AGENCY_NOT_IMPLEMENTING',
  'NO_TRANSFER_TARGET',
  'NO_OPEN_STEP',
  'STEP_ROLE_NOT_ALLOWED',
  'STEPS_IN_PROGRESS',
] as const;
export type DossierRuleReason = (typeof DOSSIER_RULE_REASONS)[number];

/** A lifecycle rule was broken (a DomainError with the rule's reason); `message` is safe to show. */
export class DossierRuleError extends DomainError {
  constructor(code: RuleErrorCode, reason: string, message: Message, field?: string) {
    super(code, message, { reason, field });
    this.name = 'DossierRuleError';
  }

  override get reason(): string {
    return this.details.reason as string;
  }
}

/** A dossier rule's error, its reason one of DOSSIER_RULE_REASONS. */
const ruleError = (code: RuleErrorCode, reason: DossierRuleReason, message: Bilingual, field?: string) =>
  new DossierRuleError(code, reason, message, field);

export interface DossierSnapshot {
  status: DossierStatus;
  agencyCode: string;
  applicantIdentityNumber: string;
  /** How many REQUEST_SUPPLEMENT so far. */
  supplementRequests: number;
  /** Status to go back to after SUPPLEMENT / payment (set while SUPPLEMENT_REQUESTED or AWAITING_PAYMENT). */
  pausedFrom: DossierStatus | null;
  pausedAt: Date | null;
  dueAt: Date | null;
  /** VND still unpaid. */
  outstandingFees: number;
  hasResult: boolean;
  /** Where it is handled now (liên thông); default agencyCode. */
  handlingAgencyCode?: string;
  /** The internal process steps it was received with; none: the fixed lifecycle. */
  steps?: readonly DossierStepState[] | null;
  /** Agencies that carry out the procedure (TRANSFER's targets); unknown: TRANSFER is refused. */
  implementingAgencyCodes?: readonly string[] | null;
}

export interface Actor {
  subject: string;
  roles: Role[];
  agencyCodes: string[];
  identityNumber?: string | null;
}

export interface TransitionRequest {
  action: DossierAction;
  note?: string | null;
  apologyLetter?: string | null;
  newDueAt?: Date | null;
  /** The result: a stored file (fileId), or a file kept elsewhere (fileUrl and sha256). */
  result?: { documentNumber: string; signedBy: string; fileId?: string | null; fileUrl?: string | null; sha256?: string | null } | null;
  postalTrackingNumber?: string | null;
  /** TRANSFER: the agency that takes over. */
  targetAgencyCode?: string | null;
}

export interface TransitionOutcome {
  from: DossierStatus;
  to: DossierStatus;
  /** The role under which the actor acted (the first of its roles that is allowed). */
  actorRole: Role;
  /** START when entering SUPPLEMENT_REQUESTED/AWAITING_PAYMENT, END when leaving them. */
  pause: 'START' | 'END' | null;
  /** pausedFrom to record: the status to resume to for START, otherwise null. */
  resumeTo: DossierStatus | null;
  /** New supplement request count. */
  supplementRequests: number;
  /** RECEIVE: caller sets receivedAt and computes dueAt. */
  receives: boolean;
  /** Entering RESULT_READY, REJECTED, STOPPED, WITHDRAWN: caller sets completedAt. */
  completes: boolean;
  /** DELIVER: caller sets deliveredAt. */
  delivers: boolean;
  /** EXTEND only. */
  newDueAt: Date | null;
  /** National portal status code (TrangThaiHoSo, 1–10) to send. */
  nationalStatusCode: number;
  /** TRANSFER: the new handling agency. */
  transferTo?: string | null;
  /** What happens to the internal process steps: COMPLETE (COMPLETE_STEP), REOPEN_LAST (RETURN_FOR_REVISION). */
  steps?: 'COMPLETE' | 'REOPEN_LAST' | null;
}

export const TERMINAL_STATUSES: ReadonlySet<DossierStatus> = new Set<DossierStatus>([
  'DELIVERED',
  'REJECTED',
  'WITHDRAWN',
  'STOPPED',
]);

/** Statuses in which the processing clock is paused waiting for the applicant. */
export const PAUSED_STATUSES: ReadonlySet<DossierStatus> = new Set<DossierStatus>([
  'SUPPLEMENT_REQUESTED',
  'AWAITING_PAYMENT',
]);

/** Entering one of these ends processing (Ngày kết thúc xử lý). */
const COMPLETING_STATUSES: ReadonlySet<DossierStatus> = new Set<DossierStatus>([
  'RESULT_READY',
  'REJECTED',
  'STOPPED',
  'WITHDRAWN',
]);

/** Statuses a pause may return to. */
const RESUMABLE_STATUSES: ReadonlySet<DossierStatus> = new Set<DossierStatus>(['SUBMITTED', 'PROCESSING']);

/**
 * Where each action may start, and where it leads. `'SAME'` = no status change,
 * `'RESUME'` = back to the status the pause started from.
 */
type Target = DossierStatus | 'SAME' | 'RESUME' | 'STEP';
export const TRANSITIONS: Readonly<Record<DossierAction, Readonly<Partial<Record<DossierStatus, Target>>>>> = {
  RECEIVE: { SUBMITTED: 'PROCESSING' },
  REJECT: {
    SUBMITTED: 'REJECTED',
    PROCESSING: 'REJECTED',
    SUPPLEMENT_REQUESTED: 'REJECTED',
    AWAITING_APPROVAL: 'REJECTED',
  },
  REQUEST_SUPPLEMENT: { SUBMITTED: 'SUPPLEMENT_REQUESTED', PROCESSING: 'SUPPLEMENT_REQUESTED' },
  SUPPLEMENT: { SUPPLEMENT_REQUESTED: 'RESUME' },
  REQUEST_PAYMENT: { SUBMITTED: 'AWAITING_PAYMENT', PROCESSING: 'AWAITING_PAYMENT' },
  SUBMIT_FOR_APPROVAL: { PROCESSING: 'AWAITING_APPROVAL' },
  RETURN_FOR_REVISION: { AWAITING_APPROVAL: 'PROCESSING' },
  APPROVE: { AWAITING_APPROVAL: 'APPROVED' },
  ISSUE_RESULT: { APPROVED: 'RESULT_READY' },
  DELIVER: { RESULT_READY: 'DELIVERED' },
  WITHDRAW: {
    SUBMITTED: 'WITHDRAWN',
    PROCESSING: 'WITHDRAWN',
    SUPPLEMENT_REQUESTED: 'WITHDRAWN',
    AWAITING_PAYMENT: 'WITHDRAWN',
    AWAITING_APPROVAL: 'WITHDRAWN',
    APPROVED: 'WITHDRAWN',
  },
  STOP: {
    PROCESSING: 'STOPPED',
    SUPPLEMENT_REQUESTED: 'STOPPED',
    AWAITING_PAYMENT: 'STOPPED',
    AWAITING_APPROVAL: 'STOPPED',
    APPROVED: 'STOPPED',
  },
  EXTEND: { PROCESSING: 'SAME', AWAITING_APPROVAL: 'SAME', APPROVED: 'SAME' },
  TRANSFER: { PROCESSING: 'SAME' },
  COMPLETE_STEP: { PROCESSING: 'STEP' },
};

/**
 * Who may do what. Staff roles act only on dossiers of their agencies; CITIZEN only on
 * dossiers whose applicant identity number is theirs. ADMIN and OBSERVER never act.
 */

export const ACTION_ROLES: Readonly<Record<DossierAction, readonly Role[]>> = {
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
  /** Narrowed to the open step's role (and SECTOR_SYSTEM) when there is one. */
  COMPLETE_STEP: ['RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'CLERK', 'SECTOR_SYSTEM'],
};

/**
 * National status code (TrangThaiHoSo): 1 mới đăng ký, 2 được tiếp nhận, 3 không được tiếp
 * nhận, 4 đang xử lý, 5 yêu cầu bổ sung, 6 yêu cầu nghĩa vụ tài chính, 7 rút hồ sơ,
 * 8 dừng xử lý, 9 đã xử lý xong, 10 đã trả kết quả.
 */
export function nationalStatusCode(status: DossierStatus, justReceived = false): number {
  switch (status) {
    case 'SUBMITTED':
      return 1;
    case 'PROCESSING':
      return justReceived ? 2 : 4;
    case 'REJECTED':
      return 3;
    case 'SUPPLEMENT_REQUESTED':
      return 5;
    case 'AWAITING_PAYMENT':
      return 6;
    case 'WITHDRAWN':
      return 7;
    case 'STOPPED':
      return 8;
    case 'AWAITING_APPROVAL':
    case 'APPROVED':
      return 4;
    case 'RESULT_READY':
      return 9;
    case 'DELIVERED':
      return 10;
  }
}

// ------------------------------------------------------------------ checks

function isOwner(d: DossierSnapshot, actor: Actor): boolean {
  const idn = actor.identityNumber;
  return typeof idn === 'string' && idn.trim() !== '' && idn.trim() === d.applicantIdentityNumber.trim();
}

/** Where the dossier is handled now. */
export const handlingOf = (d: Pick<DossierSnapshot, 'agencyCode' | 'handlingAgencyCode'>): string => d.handlingAgencyCode ?? d.agencyCode;

/** The agencies whose staff may do this action on this dossier (see the header). */
export function actingAgencies(d: DossierSnapshot, action: DossierAction): string[] {
  const handling = handlingOf(d);
  switch (action) {
    case 'DELIVER':
      return [d.agencyCode];
    case 'SUPPLEMENT':
      return handling === d.agencyCode ? [handling] : [d.agencyCode, handling];
    case 'COMPLETE_STEP': {
      const step = currentStep(d.steps);
      return [step ? stepAgency(step, handling) : handling];
    }
    default:
      return [handling];
  }
}

/** The roles that may do the action now: COMPLETE_STEP narrows to the open step's role. */
function permittedRoles(d: DossierSnapshot, action: DossierAction): readonly Role[] {
  if (action === 'COMPLETE_STEP') {
    const step = currentStep(d.steps);
    if (step) return step.role === 'SECTOR_SYSTEM' ? ['SECTOR_SYSTEM'] : [step.role, 'SECTOR_SYSTEM'];
  }
  return ACTION_ROLES[action];
}

/**
 * Returns the role the actor acts under, or throws FORBIDDEN (never depends on the status;
 * COMPLETE_STEP depends on the open step, which staff who may act on the dossier can read).
 */
function authorize(d: DossierSnapshot, actor: Actor, action: DossierAction): Role {
  const permitted = permittedRoles(d, action);
  const agencies = actingAgencies(d, action);
  let firstFailure: DossierRuleError | null = null;
  for (const role of actor.roles) {
    if (!permitted.includes(role)) continue;
    if (role === 'CITIZEN') {
      if (isOwner(d, actor)) return role;
      firstFailure ??= ruleError(
        'FORBIDDEN',
        'NOT_OWNER',
        msg('Chỉ người nộp hồ sơ này mới được thực hiện thao tác này.', 'Only the applicant who submitted this dossier may do this.'),
      );
    } else if (isStaffRole(role)) {
      if (agencies.some((a) => actor.agencyCodes.includes(a))) return role;
      firstFailure ??= ruleError(
        'FORBIDDEN',
        'AGENCY_NOT_ALLOWED',
        action === 'COMPLETE_STEP' || action === 'DELIVER' || action === 'TRANSFER'
          ? msg(`Thao tác ${viDossierAction(action)} thuộc về cơ quan ${agencies.join(', ')}.`, `${action} on this dossier is for ${agencies.join(', ')}.`)
          : msg('Hồ sơ này thuộc cơ quan mà bạn không được giao xử lý.', 'This dossier belongs to an agency you do not act for.'),
      );
    }
  }
  if (!firstFailure && action === 'COMPLETE_STEP' && currentStep(d.steps)) {
    const step = currentStep(d.steps)!;
    throw ruleError(
      'FORBIDDEN',
      'STEP_ROLE_NOT_ALLOWED',
      msg(`Bước “${step.name}” do vai trò ${step.role} thực hiện.`, `Step “${step.name}” is done by ${step.role}.`),
      'action',
    );
  }
  throw (
    firstFailure ??
    ruleError(
      'FORBIDDEN',
      'ROLE_NOT_ALLOWED',
      msg(`Vai trò của bạn không được thực hiện thao tác ${viDossierAction(action)} đối với hồ sơ.`, `Your role is not allowed to perform ${action} on a dossier.`),
    )
  );
}

function statusConflict(action: DossierAction, status: DossierStatus): DossierRuleError {
  return ruleError(
    'CONFLICT',
    'ACTION_NOT_ALLOWED_IN_STATUS',
    msg(
      `Không thể thực hiện thao tác ${viDossierAction(action)} khi hồ sơ đang ở trạng thái ${viDossierStatus(status)}.`,
      `${action} is not allowed while the dossier is ${status}`,
    ),
  );
}

/** The status the action leads to, or throws CONFLICT. */
function target(d: DossierSnapshot, action: DossierAction): DossierStatus {
  const t = TRANSITIONS[action][d.status];
  if (t === undefined) throw statusConflict(action, d.status);
  if (t === 'SAME') return d.status;
  if (t === 'RESUME') return resumeTarget(d);
  if (t === 'STEP') {
    const step = currentStep(d.steps);
    if (!step) {
      throw ruleError(
        'CONFLICT',
        'NO_OPEN_STEP',
        msg('Hồ sơ không có bước xử lý nội bộ nào đang thực hiện.', 'The dossier has no internal process step open.'),
        'action',
      );
    }
    return isLastStep(d.steps!, step) ? 'AWAITING_APPROVAL' : d.status;
  }
  return t;
}

/** Rules of the internal process and of transfer that do not depend on the input. */
function checkProcessRules(d: DossierSnapshot, action: DossierAction): void {
  if (action === 'SUBMIT_FOR_APPROVAL' && d.steps?.length) {
    throw ruleError(
      'CONFLICT',
      'STEPS_IN_PROGRESS',
      msg('Hồ sơ theo quy trình nội bộ: hoàn thành các bước (COMPLETE_STEP) để trình lãnh đạo.', 'This dossier follows an internal process: complete its steps (COMPLETE_STEP) to reach approval.'),
      'action',
    );
  }
}

function resumeTarget(d: DossierSnapshot): DossierStatus {
  if (d.pausedFrom !== null && RESUMABLE_STATUSES.has(d.pausedFrom)) return d.pausedFrom;
  return d.dueAt !== null ? 'PROCESSING' : 'SUBMITTED';
}

function validateInput(d: DossierSnapshot, req: TransitionRequest): void {
  switch (req.action) {
    case 'REJECT':
    case 'STOP':
      if (isBlank(req.note)) {
        throw ruleError(
          'BAD_USER_INPUT',
          'NOTE_REQUIRED',
          msg(`Thao tác ${viDossierAction(req.action)} cần ghi rõ lý do.`, `${req.action} needs a note giving the reason.`),
          'note',
        );
      }
      return;
    case 'REQUEST_SUPPLEMENT':
      if (isBlank(req.note)) {
        throw ruleError(
          'BAD_USER_INPUT',
          'NOTE_REQUIRED',
          msg('Yêu cầu bổ sung cần ghi rõ những giấy tờ còn thiếu.', 'A supplement request needs a note saying which papers are missing.'),
          'note',
        );
      }
      if (d.supplementRequests >= 1 && isBlank(req.apologyLetter)) {
        throw ruleError(
          'BAD_USER_INPUT',
          'SECOND_SUPPLEMENT_NEEDS_APOLOGY',
          msg('Yêu cầu bổ sung từ lần thứ hai trở đi phải kèm văn bản xin lỗi.', 'A second or later supplement request needs an apology letter.'),
          'apologyLetter',
        );
      }
      return;
    case 'EXTEND': {
      if (isBlank(req.apologyLetter)) {
        throw ruleError(
          'BAD_USER_INPUT',
          'APOLOGY_REQUIRED',
          msg('Gia hạn xử lý phải kèm văn bản xin lỗi.', 'An extension needs an apology letter.'),
          'apologyLetter',
        );
      }
      const nd = req.newDueAt;
      if (nd === null || nd === undefined) {
        throw ruleError('BAD_USER_INPUT', 'NEW_DUE_AT_REQUIRED', msg('Gia hạn xử lý cần ngày hẹn trả mới.', 'An extension needs a new due date.'), 'newDueAt');
      }
      if (!(nd instanceof Date) || Number.isNaN(nd.getTime())) {
        throw ruleError('BAD_USER_INPUT', 'NEW_DUE_AT_INVALID', msg('Ngày hẹn trả mới không phải là ngày hợp lệ.', 'The new due date is not a valid date.'), 'newDueAt');
      }
      if (d.dueAt !== null && nd.getTime() <= d.dueAt.getTime()) {
        throw ruleError(
          'BAD_USER_INPUT',
          'NEW_DUE_AT_NOT_LATER',
          msg('Ngày hẹn trả mới phải sau ngày hẹn trả hiện tại.', 'The new due date must be later than the current due date.'),
          'newDueAt',
        );
      }
      return;
    }
    case 'ISSUE_RESULT': {
      const r = req.result;
      const file = !!r && (!isBlank(r.fileId ?? null) || (!isBlank(r.fileUrl ?? null) && !isBlank(r.sha256 ?? null)));
      if (!r || isBlank(r.documentNumber) || isBlank(r.signedBy) || !file) {
        throw ruleError(
          'BAD_USER_INPUT',
          'RESULT_REQUIRED',
          msg(
            'Ban hành kết quả cần số văn bản, người ký và tệp kết quả (fileId đã tải lên, hoặc đường dẫn tệp cùng mã SHA-256).',
            'Issuing a result needs its document number, signer and the result file (an uploaded fileId, or a file URL with its SHA-256).',
          ),
          'result',
        );
      }
      return;
    }
    case 'TRANSFER': {
      const t = req.targetAgencyCode?.trim();
      if (!t) {
        throw ruleError('BAD_USER_INPUT', 'TARGET_AGENCY_REQUIRED', msg('Chuyển xử lý cần mã cơ quan nhận (targetAgencyCode).', 'A transfer needs targetAgencyCode.'), 'targetAgencyCode');
      }
      if (t === handlingOf(d)) {
        throw ruleError('BAD_USER_INPUT', 'SAME_AGENCY', msg('Hồ sơ đang được xử lý tại chính cơ quan này.', 'The dossier is already handled by that agency.'), 'targetAgencyCode');
      }
      if (!d.implementingAgencyCodes?.includes(t)) {
        throw ruleError(
          'BAD_USER_INPUT',
          'AGENCY_NOT_IMPLEMENTING',
          msg(`Cơ quan ${t} không thực hiện thủ tục của hồ sơ này.`, `Agency ${t} does not carry out this dossier's procedure.`),
          'targetAgencyCode',
        );
      }
      return;
    }
    default:
      return;
  }
}

function checkBusinessBlocks(d: DossierSnapshot, action: DossierAction): void {
  if (action === 'TRANSFER' && !(d.implementingAgencyCodes ?? []).some((c) => c !== handlingOf(d))) {
    throw ruleError(
      'CONFLICT',
      'NO_TRANSFER_TARGET',
      msg('Không có cơ quan nào khác thực hiện thủ tục này để chuyển xử lý.', 'No other agency carries out this procedure.'),
    );
  }
  if (action === 'DELIVER' && d.outstandingFees > 0) {
    throw ruleError(
      'CONFLICT',
      'UNPAID_FEES',
      msg('Chưa thể trả kết quả khi phí, lệ phí chưa được nộp đủ.', 'The result cannot be delivered while fees are unpaid.'),
    );
  }
}

function outcome(
  d: DossierSnapshot,
  to: DossierStatus,
  actorRole: Role,
  extra: {
    receives?: boolean;
    delivers?: boolean;
    newDueAt?: Date | null;
    supplementRequests?: number;
    transferTo?: string | null;
    steps?: TransitionOutcome['steps'];
  } = {},
): TransitionOutcome {
  const from = d.status;
  const entersPause = from !== to && PAUSED_STATUSES.has(to);
  const leavesPause = from !== to && PAUSED_STATUSES.has(from);
  const receives = extra.receives ?? false;
  return {
    from,
    to,
    actorRole,
    pause: entersPause ? 'START' : leavesPause ? 'END' : null,
    resumeTo: entersPause ? from : null,
    supplementRequests: extra.supplementRequests ?? d.supplementRequests,
    receives,
    completes: from !== to && COMPLETING_STATUSES.has(to),
    delivers: extra.delivers ?? false,
    newDueAt: extra.newDueAt ?? null,
    nationalStatusCode: nationalStatusCode(to, receives),
    // Only set by TRANSFER / the internal process (absent otherwise).
    ...(extra.transferTo ? { transferTo: extra.transferTo } : {}),
    ...(extra.steps ? { steps: extra.steps } : {}),
  };
}

// ------------------------------------------------------------------ API

/**
 * Decides what an action does to a dossier, or throws DossierRuleError. Checks, in order:
 * authorization (FORBIDDEN, never revealing the state), status (CONFLICT
 * ACTION_NOT_ALLOWED_IN_STATUS), input (BAD_USER_INPUT with the field), business blocks
 * (CONFLICT, e.g. UNPAID_FEES).
 */
export function decideTransition(d: DossierSnapshot, actor: Actor, req: TransitionRequest): TransitionOutcome {
  const action = req.action;
  if (!(DOSSIER_ACTIONS as readonly string[]).includes(action)) {
    throw ruleError('BAD_USER_INPUT', 'UNKNOWN_ACTION', msg('Thao tác không hợp lệ.', 'Unknown action.'), 'action');
  }
  const actorRole = authorize(d, actor, action);
  const to = target(d, action);
  checkProcessRules(d, action);
  validateInput(d, req);
  checkBusinessBlocks(d, action);
  return outcome(d, to, actorRole, {
    receives: action === 'RECEIVE',
    delivers: action === 'DELIVER',
    newDueAt: action === 'EXTEND' ? (req.newDueAt ?? null) : null,
    supplementRequests: action === 'REQUEST_SUPPLEMENT' ? d.supplementRequests + 1 : d.supplementRequests,
    transferTo: action === 'TRANSFER' ? req.targetAgencyCode!.trim() : null,
    steps: action === 'COMPLETE_STEP' ? 'COMPLETE' : action === 'RETURN_FOR_REVISION' && d.steps?.length ? 'REOPEN_LAST' : null,
  });
}

/**
 * The actions this actor may take now (Dossier.allowedActions): the same checks as
 * decideTransition — authorization (agency, role, owner, the open step), status, the internal
 * process and business blocks — except the input (note, apologyLetter, result, newDueAt,
 * targetAgencyCode), which is not known yet: with a valid input, a listed action is accepted and
 * an unlisted one refused (test/unit/allowed-actions.property.test.ts).
 */
export function allowedActions(d: DossierSnapshot, actor: Actor): DossierAction[] {
  return DOSSIER_ACTIONS.filter((action) => {
    try {
      authorize(d, actor, action);
      target(d, action);
      checkProcessRules(d, action);
      checkBusinessBlocks(d, action);
      return true;
    } catch (e) {
      if (e instanceof DossierRuleError) return false;
      throw e;
    }
  });
}

/**
 * The payment platform reported the fees paid: AWAITING_PAYMENT → the status the pause
 * started from (pause END), acted as SECTOR_SYSTEM. Pass the snapshot as it is after the
 * payment was recorded: outstandingFees > 0 throws CONFLICT UNPAID_FEES (partial payment).
 */
export function paymentSettled(d: DossierSnapshot): TransitionOutcome {
  if (d.status !== 'AWAITING_PAYMENT') {
    throw ruleError(
      'CONFLICT',
      'ACTION_NOT_ALLOWED_IN_STATUS',
      msg(
        `Hồ sơ đang ở trạng thái ${viDossierStatus(d.status)}, không chờ ghi nhận thanh toán.`,
        `Payment settlement is not expected while the dossier is ${d.status}`,
      ),
    );
  }
  if (d.outstandingFees > 0) {
    throw ruleError('CONFLICT', 'UNPAID_FEES', msg('Phí, lệ phí vẫn chưa được nộp đủ.', 'Fees are still unpaid.'));
  }
  return outcome(d, resumeTarget(d), 'SECTOR_SYSTEM');
}

/**
 * A payment was recorded (platform or counter). Pass the snapshot as it is after the payment:
 * an AWAITING_PAYMENT dossier whose fees are now paid in full resumes (paymentSettled); in any
 * other case the payment is only logged and the status stays.
 */
export function paymentRecorded(d: DossierSnapshot): TransitionOutcome {
  if (d.status === 'AWAITING_PAYMENT' && d.outstandingFees === 0) return paymentSettled(d);
  return outcome(d, d.status, 'SECTOR_SYSTEM');
}

/**
 * The population database answered for the applicant after the submission (IDENTITY_CHECKED):
 * only logged, the status and the clock stay; recorded by the hub as SECTOR_SYSTEM.
 */
export function identityChecked(d: DossierSnapshot): TransitionOutcome {
  return outcome(d, d.status, 'SECTOR_SYSTEM');
}
