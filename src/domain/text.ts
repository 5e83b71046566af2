/** Missing, or nothing but white space. */
export function isBlank(s: string | null | undefined): boolean {
  return typeof s !== 'string' || s.trim() === '';
}
