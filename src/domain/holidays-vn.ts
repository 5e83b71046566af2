/**
 * Vietnam's public holidays (days off for state agencies: cơ quan hành chính,
 * sự nghiệp, tổ chức chính trị – xã hội) for 2025–2027.
 *
 * THIS LIST IS CONFIGURATION, NOT LAW. Every year the Prime Minister /
 * Ministry of Home Affairs (Bộ Nội vụ) announces the exact schedule, including
 * swapped working days (hoán đổi ngày làm việc) and the Saturdays worked to
 * compensate (làm bù). Check each year's entries against that announcement
 * and update this file (or override `CalendarConfig.holidays` /
 * `CalendarConfig.makeupWorkdays`) before relying on it for SLA figures.
 *
 * Basis: Labour Code 2019 (Bộ luật Lao động) art. 112:
 *  - Tết Dương lịch 1 day (1/1); Tết Âm lịch 5 days; Chiến thắng 30/4;
 *    Quốc tế Lao động 1/5; Quốc khánh 2 days (2/9 + 1 adjacent day before or
 *    after); Giỗ Tổ Hùng Vương 1 day (10/3 lunar).
 *  - A holiday falling on the weekly rest day is compensated on the next
 *    working day (nghỉ bù).
 *
 * Tết entries list the whole announced break (weekends included) so the list
 * reads like the announcement; weekend entries are harmless for a Mon–Fri
 * calendar. A holiday always wins over a make-up workday on the same date.
 *
 * Status per year (as known when this file was written):
 *  - 2025: announced (Tết 25/1–2/2; 30/4–4/5 with 2/5 swapped to Sat 26/4;
 *    Quốc khánh 30/8–2/9 with 1/9 as the adjacent day).
 *  - 2026: announced (Tết Dương lịch 1/1–4/1 with 2/1 swapped to Sat 10/1,
 *    VPCP 12729/VPCP-KGVX; Tết 14/2–22/2; Giỗ Tổ on Sunday 26/4 compensated
 *    Monday 27/4; 30/4–1/5 Thu–Fri; Quốc khánh 29/8–2/9 with 1/9 as the
 *    adjacent day and Monday 31/8 swapped to Saturday 22/8).
 *    NOT included: 24/11 "Ngày Văn hóa Việt Nam" — the Politburo (NQ 80-NQ/TW)
 *    decided it should become a paid day off, but the Labour Code amendment
 *    was still pending. Add `2026-11-24` here once it is law.
 *  - 2027: NOT YET ANNOUNCED — computed assumptions:
 *      * Lunar New Year (mùng 1 Tết Đinh Mùi) = Saturday 2027-02-06; the
 *        12th lunar month of Bính Ngọ has 29 days, so 29 Tết (giao thừa) =
 *        Friday 05/02. The 5 statutory Tết days are 29 Tết … mùng 4
 *        (Fri 5/2 – Tue 9/2); mùng 1 and mùng 2 fall on Sat/Sun and are
 *        compensated by Thu 4/2 (28 Tết) and Wed 10/2 (mùng 5), giving a
 *        7-day break Thu 4/2 – Wed 10/2 with no swap. The government may well
 *        choose a different (longer, swapped) break.
 *      * Giỗ Tổ Hùng Vương 10/3 lunar = Friday 2027-04-16 (computed).
 *      * 30/4 is a Friday; 1/5 is a Saturday → compensated Monday 3/5.
 *      * Quốc khánh 2/9 is a Thursday; assumed adjacent day Friday 3/9.
 */

export interface VnCalendarEntry {
  /** Local date, YYYY-MM-DD (Asia/Ho_Chi_Minh). */
  date: string;
  name: string;
}

/** Expand an inclusive date range into one entry per day. */
function range(from: string, to: string, name: string): VnCalendarEntry[] {
  const out: VnCalendarEntry[] = [];
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = start; t <= end; t += 86_400_000) {
    out.push({ date: new Date(t).toISOString().slice(0, 10), name });
  }
  return out;
}

export const VN_HOLIDAYS: { date: string; name: string }[] = [
  // ---------------------------------------------------------------- 2025
  { date: '2025-01-01', name: 'Tết Dương lịch' },
  ...range('2025-01-25', '2025-02-02', 'Tết Nguyên đán Ất Tỵ (nghỉ 25/1–2/2/2025)'),
  { date: '2025-04-07', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
  { date: '2025-04-30', name: 'Ngày Chiến thắng (30/4)' },
  { date: '2025-05-01', name: 'Ngày Quốc tế Lao động (1/5)' },
  { date: '2025-05-02', name: 'Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 26/4/2025)' },
  { date: '2025-09-01', name: 'Quốc khánh (ngày liền kề trước 2/9)' },
  { date: '2025-09-02', name: 'Quốc khánh (2/9)' },

  // ---------------------------------------------------------------- 2026
  { date: '2026-01-01', name: 'Tết Dương lịch' },
  { date: '2026-01-02', name: 'Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/1/2026)' },
  ...range('2026-02-14', '2026-02-22', 'Tết Nguyên đán Bính Ngọ (nghỉ 14/2–22/2/2026)'),
  { date: '2026-04-26', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch, Chủ nhật)' },
  { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương (26/4 trùng Chủ nhật)' },
  { date: '2026-04-30', name: 'Ngày Chiến thắng (30/4)' },
  { date: '2026-05-01', name: 'Ngày Quốc tế Lao động (1/5)' },
  { date: '2026-08-31', name: 'Nghỉ hoán đổi dịp Quốc khánh (làm bù thứ Bảy 22/8/2026)' },
  { date: '2026-09-01', name: 'Quốc khánh (ngày liền kề trước 2/9)' },
  { date: '2026-09-02', name: 'Quốc khánh (2/9)' },

  // ---------------------------------------------------------------- 2027 (assumed, see header)
  { date: '2027-01-01', name: 'Tết Dương lịch' },
  ...range('2027-02-04', '2027-02-10', 'Tết Nguyên đán Đinh Mùi (dự kiến 4/2–10/2/2027)'),
  { date: '2027-04-16', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
  { date: '2027-04-30', name: 'Ngày Chiến thắng (30/4)' },
  { date: '2027-05-01', name: 'Ngày Quốc tế Lao động (1/5, thứ Bảy)' },
  { date: '2027-05-03', name: 'Nghỉ bù Ngày Quốc tế Lao động (1/5 trùng thứ Bảy)' },
  { date: '2027-09-02', name: 'Quốc khánh (2/9)' },
  { date: '2027-09-03', name: 'Quốc khánh (ngày liền kề sau 2/9, dự kiến)' },
];

/** Weekend days the government declared working days (làm bù) for swapped days. */
export const VN_MAKEUP_WORKDAYS: { date: string; name: string }[] = [
  { date: '2025-04-26', name: 'Làm bù cho ngày nghỉ hoán đổi 2/5/2025' },
  { date: '2026-01-10', name: 'Làm bù cho ngày nghỉ hoán đổi 2/1/2026' },
  { date: '2026-08-22', name: 'Làm bù cho ngày nghỉ hoán đổi 31/8/2026' },
];
