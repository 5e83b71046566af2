/**
 * Vietnamese names of the codes a citizen meets in messages (statuses, actions, roles), as a
 * one-stop desk says them. The English messages name the codes themselves.
 */
import type { Role } from './roles';

const DOSSIER_STATUS: Record<string, string> = {
  SUBMITTED: 'Mới nộp, chờ tiếp nhận',
  PROCESSING: 'Đang xử lý',
  SUPPLEMENT_REQUESTED: 'Chờ bổ sung hồ sơ',
  AWAITING_PAYMENT: 'Chờ nộp phí, lệ phí',
  AWAITING_APPROVAL: 'Chờ phê duyệt',
  APPROVED: 'Đã phê duyệt',
  RESULT_READY: 'Có kết quả, chờ trả',
  DELIVERED: 'Đã trả kết quả',
  REJECTED: 'Đã từ chối',
  WITHDRAWN: 'Đã rút hồ sơ',
  STOPPED: 'Đã dừng xử lý',
};

const DOSSIER_ACTION: Record<string, string> = {
  RECEIVE: 'tiếp nhận',
  REJECT: 'từ chối',
  REQUEST_SUPPLEMENT: 'yêu cầu bổ sung',
  SUPPLEMENT: 'bổ sung hồ sơ',
  REQUEST_PAYMENT: 'yêu cầu nộp phí',
  SUBMIT_FOR_APPROVAL: 'trình phê duyệt',
  RETURN_FOR_REVISION: 'trả lại để xử lý lại',
  APPROVE: 'phê duyệt',
  ISSUE_RESULT: 'ban hành kết quả',
  DELIVER: 'trả kết quả',
  WITHDRAW: 'rút hồ sơ',
  STOP: 'dừng xử lý',
  EXTEND: 'gia hạn',
  TRANSFER: 'chuyển xử lý liên thông',
  COMPLETE_STEP: 'hoàn thành bước xử lý',
  RECEIVE_DUE_SOON: 'sắp hết hạn tiếp nhận',
  RECEIVE_OVERDUE: 'quá hạn tiếp nhận',
  SUBMIT: 'nộp hồ sơ',
  PAYMENT_SETTLED: 'ghi nhận thanh toán',
  IDENTITY_CHECKED: 'đối chiếu thông tin công dân',
};

const FEEDBACK_STATUS: Record<string, string> = {
  RECEIVED: 'Đã tiếp nhận',
  FORWARDED: 'Đã chuyển xử lý',
  PROCESSING: 'Đang xử lý',
  SUPPLEMENT_REQUESTED: 'Chờ bổ sung thông tin',
  ANSWERED: 'Đã trả lời',
  PUBLISHED: 'Đã công khai',
  REJECTED: 'Đã từ chối',
};

const FEEDBACK_ACTION: Record<string, string> = {
  FORWARD: 'chuyển xử lý',
  REJECT: 'từ chối',
  REQUEST_SUPPLEMENT: 'yêu cầu bổ sung',
  SUPPLEMENT: 'bổ sung thông tin',
  START: 'bắt đầu xử lý',
  ANSWER: 'trả lời',
  PUBLISH: 'công khai',
};

const ROLE: Record<Role, string> = {
  CITIZEN: 'công dân',
  RECEPTION_OFFICER: 'cán bộ tiếp nhận (bộ phận một cửa)',
  SPECIALIST: 'chuyên viên',
  LEADER: 'lãnh đạo',
  CLERK: 'văn thư',
  SECTOR_SYSTEM: 'hệ thống chuyên ngành',
  ADMIN: 'quản trị',
  OBSERVER: 'giám sát',
};

/** `Tên (CODE)`, or the code alone when it has no name. */
const named = (names: Record<string, string>, code: string) => (names[code] ? `${names[code]} (${code})` : code);

export const viDossierStatus = (s: string) => `“${named(DOSSIER_STATUS, s)}”`;
export const viDossierAction = (a: string) => `“${named(DOSSIER_ACTION, a)}”`;
export const viFeedbackStatus = (s: string) => `“${named(FEEDBACK_STATUS, s)}”`;
export const viFeedbackAction = (a: string) => `“${named(FEEDBACK_ACTION, a)}”`;
export const viRoles = (roles: readonly string[]) => roles.map((r) => named(ROLE as Record<string, string>, r)).join(', ');

/** The Vietnamese name of an action alone (letters print it), or the code when it has none. */
export const viDossierActionName = (a: string): string => DOSSIER_ACTION[a] ?? a;
/** The Vietnamese name of a role alone, or the code when it has none. */
export const viRoleName = (r: string): string => (ROLE as Record<string, string>)[r] ?? r;
