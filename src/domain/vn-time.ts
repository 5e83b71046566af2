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

/** `dd/MM/yyyy HH:mm` of an instant in Vietnam time, as the one-stop forms write dates and times. */
export function vnDateTimeText(at: Date): string {
  const iso = vnWallClockIso(at);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}

/** Year (yyyy) of an instant in Vietnam time. */
export function vnYear(at: Date): number {
  return Number(vnWallClockIso(at).slice(0, 4));
}
