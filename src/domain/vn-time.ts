/** Vietnam keeps UTC+7 all year (no daylight saving). */
export const VN_OFFSET_MS = 7 * 3600_000;

/** The instant's Vietnam wall-clock time as an ISO string ending in a (meaningless) Z. */
export function vnWallClockIso(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString();
}

/** YYYY-MM-DD of an instant in Vietnam time. */
export function vnDate(at: Date): string {
  return vnWallClockIso(at).slice(0, 10);
}
