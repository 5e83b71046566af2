/** Catalogue vocabulary and pure helpers (no I/O). */

export const ADMINISTRATIVE_LEVELS = ['PROVINCE', 'DISTRICT', 'COMMUNE'] as const;
export type AdministrativeLevel = (typeof ADMINISTRATIVE_LEVELS)[number];

export const ONLINE_SERVICE_LEVELS = ['FULL_ONLINE', 'PARTIAL_ONLINE', 'NOT_ONLINE'] as const;
export type OnlineServiceLevel = (typeof ONLINE_SERVICE_LEVELS)[number];

export const SUBMISSION_CHANNELS = ['COUNTER', 'ONLINE', 'POSTAL'] as const;
export type SubmissionChannel = (typeof SUBMISSION_CHANNELS)[number];

export const FEE_KINDS = ['FEE', 'CHARGE'] as const;
export type FeeKind = (typeof FEE_KINDS)[number];

export interface FeeData {
  kind: FeeKind;
  /** VND */
  amount: number;
  description: string | null;
}

export interface ComponentSpecData {
  code: string;
  name: string;
  required: boolean;
  copies: number | null;
  templateUrl: string | null;
}

export interface LegalBasisData {
  number: string;
  title: string;
  /** YYYY-MM-DD */
  issuedOn?: string | null;
}

/**
 * Folds text for search: lower case, Vietnamese diacritics removed (đ → d), punctuation
 * and runs of white space made one space. "Đăng Ký  KHAI SINH (mới)" → "dang ky khai sinh moi".
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The words of a search: each must occur in the folded text, in any order. */
export function searchTerms(text: string): string[] {
  const folded = foldForSearch(text);
  return folded ? [...new Set(folded.split(' '))] : [];
}

/** The text a procedure is found by: its name and its code. */
export function procedureSearchText(name: string, code: string): string {
  return foldForSearch(`${name} ${code}`);
}
