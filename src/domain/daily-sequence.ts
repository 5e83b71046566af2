/*
 * The daily sequence at the end of dossier codes (<agency>-<YYMMDD>-<NNNN>) and PAKN codes
 * (PAKN.YYYYMMDD.NNNN): four digits, zero-padded, up to 9,999; from 10,000 on the number simply
 * grows a digit (…-9999, …-10000) instead of the day refusing new dossiers or feedback. Six digits
 * is the end: a PAKN code then fills its 20-character column (and no agency receives a million
 * dossiers a day); past that a submission is refused with CONFLICT (SEQUENCE_EXHAUSTED).
 */

/** The last number a day can give. */
export const DAILY_SEQUENCE_MAX = 999_999;

/** The sequence as it ends a code: 0007, 9999, 10000, 123456. RangeError outside 1..DAILY_SEQUENCE_MAX. */
export function formatDailySequence(sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > DAILY_SEQUENCE_MAX) {
    throw new RangeError(`daily sequence ${String(sequence)} is outside 1..${DAILY_SEQUENCE_MAX}`);
  }
  return String(sequence).padStart(4, '0');
}

/** A regular-expression source for a formatted sequence: four digits, or five or six without a leading zero. */
export const DAILY_SEQUENCE_PATTERN = '(?:\\d{4}|[1-9]\\d{4,5})';
