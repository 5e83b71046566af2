/** Dossier vocabulary and pure rules besides the state machine (no I/O). */

export const APPLICANT_KINDS = ['CITIZEN', 'BUSINESS', 'AGENCY', 'ORGANIZATION'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

export const DELIVERY_METHODS = ['COUNTER', 'ONLINE', 'POSTAL'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export const IDENTITY_VERIFICATIONS = ['PENDING', 'VERIFIED', 'MISMATCH'] as const;
export type IdentityVerification = (typeof IDENTITY_VERIFICATIONS)[number];

/** The result an ISSUE_RESULT records (kết quả giải quyết). */
export interface DossierResultData {
  documentNumber: string;
  issuedAt: string; // ISO instant
  signedBy: string;
  /** The URL given for a result kept elsewhere; '' for a stored file (fileId). */
  fileUrl: string;
  sha256: string;
  /** The stored result file (uploaded with createUpload). */
  fileId?: string | null;
  /** The document the result became in the applicant's store. */
  citizenDocumentId?: string | null;
}

import { vnDate } from './vn-time';
import { DAILY_SEQUENCE_PATTERN, formatDailySequence } from './daily-sequence';
import { msg, type Bilingual } from './errors';

export { vnDate };

/** YYMMDD of an instant in Vietnam time. */
export function vnDateStamp(at: Date): string {
  const d = vnDate(at); // YYYY-MM-DD
  return `${d.slice(2, 4)}${d.slice(5, 7)}${d.slice(8, 10)}`;
}

/** The part of a dossier code before its sequence: `<agency code>-<YYMMDD>-` (the statement that draws the number appends it). */
export function dossierCodePrefix(agencyCode: string, at: Date): string {
  return `${agencyCode}-${vnDateStamp(at)}-`;
}

/**
 * Mã hồ sơ: <agency code>-<YYMMDD>-<NNNN>, NNNN the agency's daily sequence (four digits, a fifth
 * and sixth from 10,000 on: src/domain/daily-sequence.ts).
 */
export function formatDossierCode(agencyCode: string, at: Date, sequence: number): string {
  return `${dossierCodePrefix(agencyCode, at)}${formatDailySequence(sequence)}`;
}

export const DOSSIER_CODE_RE = new RegExp(`^[0-9A-Za-z.]+-\\d{6}-${DAILY_SEQUENCE_PATTERN}$`);

/**
 * Checks an applicant's identity number: 12 digits (số định danh cá nhân) for citizens; a tax
 * code (10 digits, or 10 + '-' + 3 for a branch) for businesses and organisations; agencies
 * may use their tax code or their agency code. Returns an error message or null.
 */
export function identityNumberProblem(kind: ApplicantKind, value: string): Bilingual | null {
  if (kind === 'CITIZEN') return /^\d{12}$/.test(value) ? null : msg('Số định danh cá nhân của công dân phải có đúng 12 chữ số', 'a citizen identity number has exactly 12 digits');
  if (/^\d{10}(-\d{3})?$/.test(value)) return null;
  if (kind === 'AGENCY' && /^[0-9A-Za-z.]{3,40}$/.test(value)) return null;
  return msg(
    'Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số đối với chi nhánh',
    'a tax code has 10 digits, or 10 digits, a dash and 3 digits for a branch',
  );
}

/**
 * Overdue: the dossier's clock (now, or when it finished, or when it was paused waiting for the
 * applicant) has passed its appointment date.
 */
export function isOverdue(
  d: { dueAt?: Date | null; completedAt?: Date | null; pausedAt?: Date | null },
  now: Date,
): boolean {
  if (!d.dueAt) return false;
  const clock = d.completedAt ?? d.pausedAt ?? now;
  return clock.getTime() > d.dueAt.getTime();
}
