/**
 * Processing statistics (báo cáo tình hình, kết quả giải quyết TTHC: tiếp nhận / đã giải quyết /
 * đang giải quyết) and the periodic reports' periods and deadlines, as pure rules: no I/O, no
 * clock reads. The SQL of src/stores/statistics.store.ts counts exactly what `classifyDossier`
 * says (a command test compares the two over random dossiers).
 *
 * Words:
 * - window: the instants [start, end) of the days from..to (Vietnam dates, both included), judged
 *   as of asOf = min(end, now): a report made before its period ends shows the figures so far.
 * - a dossier counts once it is RECEIVED (receivedAt set: "tiếp nhận"). Dossiers still SUBMITTED,
 *   and those refused or withdrawn at the desk before receipt (không được tiếp nhận), are not
 *   handled dossiers and appear in no column — the national form counts dossiers "nhận giải quyết".
 * - handled in the window: received in the window (receivedAt in [start, end)), or carried over
 *   (received before start and not ended before start).
 * - ended: completedAt set (RESULT_READY/DELIVERED = resolved; WITHDRAWN; REJECTED or STOPPED =
 *   rejected, i.e. refused or stopped after receipt). It ended in the window when completedAt is
 *   in [start, end) — never after asOf, since completedAt is never in the future.
 * - resolved early: completed on a Vietnam calendar day before the day of dueAt; on time:
 *   completedAt ≤ dueAt otherwise (or no dueAt); late: completedAt > dueAt. dueAt already excludes
 *   paused time (the calendar moves it when a pause ends), so this is "paused time excluded".
 * - in progress: handled and not ended in the window. Overdue when its clock — pausedAt when the
 *   dossier is paused since before asOf, else asOf — is after dueAt. (For a past window the
 *   dossier's current dueAt and pause are used: the hub keeps no history of them.)
 *
 * Every handled dossier counts in exactly one of carriedOver / receivedOnline / receivedCounter /
 * receivedPostal and in exactly one of resolvedEarly / resolvedOnTime / resolvedLate / withdrawn /
 * rejected / inProgressOnTime / inProgressOverdue, so for every row
 * carriedOver + received = resolved + withdrawn + rejected + inProgress, and TOTAL (the sum of
 * the rows) is the figure of the whole scope.
 *
 * Grouping by MONTH (report months, below) is a flow: received in the month of receipt,
 * resolved / withdrawn / rejected in the month they ended, carried over in the first month
 * (what came in from before the window) and in progress in the last month (what is open at the
 * window's end). The rows then add up to the window's TOTAL; a month row alone does not balance.
 */

import { VN_OFFSET_MS, vnDate } from './vn-time';

export const CHANNELS = ['ONLINE', 'COUNTER', 'POSTAL'] as const;
export type Channel = (typeof CHANNELS)[number];

/** How a handled dossier ended (null: not ended). */
export type Ending = 'RESOLVED' | 'WITHDRAWN' | 'REJECTED';

/** The ending of a dossier in a status (null: not an ending status). */
export function endingOf(status: string): Ending | null {
  switch (status) {
    case 'RESULT_READY':
    case 'DELIVERED':
      return 'RESOLVED';
    case 'WITHDRAWN':
      return 'WITHDRAWN';
    case 'REJECTED':
    case 'STOPPED':
      return 'REJECTED';
    default:
      return null;
  }
}

export const STATISTICS_GROUPS = ['AGENCY', 'SECTOR', 'PROCEDURE', 'CHANNEL', 'MONTH'] as const;
export type StatisticsGroup = (typeof STATISTICS_GROUPS)[number];

/** The counted columns: every other column is a sum of these. */
export const COUNT_COLUMNS = [
  'carriedOver',
  'receivedOnline',
  'receivedCounter',
  'receivedPostal',
  'resolvedEarly',
  'resolvedOnTime',
  'resolvedLate',
  'inProgressOnTime',
  'inProgressOverdue',
  'withdrawn',
  'rejected',
] as const;
export type CountColumn = (typeof COUNT_COLUMNS)[number];
export type StatisticsCounts = Record<CountColumn, number>;

/** One row of the report (the contract's ProcessingStatistics). */
export interface StatisticsRow extends StatisticsCounts {
  key: string;
  label: string;
  received: number;
  resolved: number;
  inProgress: number;
  /** Percent of resolved that were early or on time, 2 decimals; null when nothing was resolved. */
  onTimeRate: number | null;
}

export const TOTAL_KEY = 'TOTAL';
export const TOTAL_LABEL = 'Tổng cộng';

export function emptyCounts(): StatisticsCounts {
  return Object.fromEntries(COUNT_COLUMNS.map((c) => [c, 0])) as StatisticsCounts;
}

/** a += b, column by column; returns a. */
export function addCounts(a: StatisticsCounts, b: Partial<StatisticsCounts>): StatisticsCounts {
  for (const c of COUNT_COLUMNS) a[c] += b[c] ?? 0;
  return a;
}

/** Half-up to 2 decimals, robust to binary noise. */
const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;

/** A row from its counts: the sums and the on-time rate. */
export function statisticsRow(key: string, label: string, c: StatisticsCounts): StatisticsRow {
  for (const col of COUNT_COLUMNS) {
    if (!Number.isInteger(c[col]) || c[col] < 0) throw new RangeError(`statistics: ${col} must be a non-negative integer, got ${c[col]}`);
  }
  const resolved = c.resolvedEarly + c.resolvedOnTime + c.resolvedLate;
  return {
    key,
    label,
    ...c,
    received: c.receivedOnline + c.receivedCounter + c.receivedPostal,
    resolved,
    inProgress: c.inProgressOnTime + c.inProgressOverdue,
    onTimeRate: resolved === 0 ? null : round2((100 * (c.resolvedEarly + c.resolvedOnTime)) / resolved),
  };
}

/** The TOTAL row: the sum of the rows' counts (its rate from the sums, not an average of rates). */
export function totalRow(rows: readonly StatisticsCounts[]): StatisticsRow {
  const sum = emptyCounts();
  for (const r of rows) addCounts(sum, r);
  return statisticsRow(TOTAL_KEY, TOTAL_LABEL, sum);
}

/** The rows followed by their TOTAL. */
export function withTotal(rows: readonly StatisticsRow[]): StatisticsRow[] {
  return [...rows, totalRow(rows)];
}

// ------------------------------------------------------------------ one dossier

/** What the statistics know of one received dossier (a dossier_stat row). */
export interface DossierStatFact {
  channel: Channel;
  receivedAt: Date;
  dueAt: Date | null;
  completedAt: Date | null;
  pausedAt: Date | null;
  /** Set with completedAt (endingOf the status it ended in). */
  ending: Ending | null;
}

export interface StatisticsWindow {
  start: Date;
  end: Date;
  /** min(end, now). */
  asOf: Date;
}

/** Early / on time / late of a resolved dossier (see the words at the top). */
export function completionTiming(completedAt: Date, dueAt: Date | null): 'EARLY' | 'ON_TIME' | 'LATE' {
  if (!dueAt) return 'ON_TIME';
  if (completedAt.getTime() > dueAt.getTime()) return 'LATE';
  return vnDate(completedAt) < vnDate(dueAt) ? 'EARLY' : 'ON_TIME';
}

/**
 * Where one dossier counts in a window: [how it came in, where it stands], or null when it is
 * not handled in the window. With MONTH grouping, `cameInAt` / `stoodAt` say which instant picks
 * the month of each (start for carried over; the end for in progress: use end − 1 ms).
 */
export function classifyDossier(f: DossierStatFact, w: StatisticsWindow): { cameIn: CountColumn; stands: CountColumn } | null {
  const received = f.receivedAt.getTime();
  const start = w.start.getTime();
  const end = w.end.getTime();
  if (received >= end || received > w.asOf.getTime()) return null;
  const completed = f.completedAt?.getTime() ?? null;
  if (received < start && completed !== null && completed < start) return null;
  const cameIn: CountColumn =
    received < start ? 'carriedOver' : f.channel === 'ONLINE' ? 'receivedOnline' : f.channel === 'POSTAL' ? 'receivedPostal' : 'receivedCounter';
  let stands: CountColumn;
  if (completed !== null && completed < end && f.ending) {
    if (f.ending === 'WITHDRAWN') stands = 'withdrawn';
    else if (f.ending === 'REJECTED') stands = 'rejected';
    else {
      const t = completionTiming(f.completedAt!, f.dueAt);
      stands = t === 'EARLY' ? 'resolvedEarly' : t === 'ON_TIME' ? 'resolvedOnTime' : 'resolvedLate';
    }
  } else {
    const asOf = w.asOf.getTime();
    const clock = f.pausedAt && f.pausedAt.getTime() < asOf ? f.pausedAt.getTime() : asOf;
    stands = f.dueAt && clock > f.dueAt.getTime() ? 'inProgressOverdue' : 'inProgressOnTime';
  }
  return { cameIn, stands };
}

/** The counts of a set of dossiers in a window (the reference the SQL must match). */
export function countDossiers(facts: readonly DossierStatFact[], w: StatisticsWindow): StatisticsCounts {
  const c = emptyCounts();
  for (const f of facts) {
    const k = classifyDossier(f, w);
    if (!k) continue;
    c[k.cameIn]++;
    c[k.stands]++;
  }
  return c;
}

// ------------------------------------------------------------------ dates, windows and report months

const DAY_MS = 86400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(d: string): { y: number; m: number; day: number } {
  if (!DATE.test(d)) throw new RangeError(`statistics: not a date: ${d}`);
  return { y: Number(d.slice(0, 4)), m: Number(d.slice(5, 7)), day: Number(d.slice(8, 10)) };
}
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const ymd = (y: number, m: number, day: number) => {
  // normalise month overflow (m may be 0 or 13)
  const yy = y + Math.floor((m - 1) / 12);
  const mm = ((((m - 1) % 12) + 12) % 12) + 1;
  return `${pad(yy, 4)}-${pad(mm)}-${pad(day)}`;
};
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The instants of the days from..to (Vietnam dates, both included). */
export function dateWindow(from: string, to: string): { start: Date; end: Date } {
  parseDate(from);
  parseDate(to);
  return { start: new Date(Date.parse(`${from}T00:00:00Z`) - VN_OFFSET_MS), end: new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS - VN_OFFSET_MS) };
}

/** The window of the days from..to judged at `now`. */
export function statisticsWindow(from: string, to: string, now: Date): StatisticsWindow {
  const { start, end } = dateWindow(from, to);
  return { start, end, asOf: new Date(Math.min(end.getTime(), now.getTime())) };
}

/**
 * The data cut-off (NĐ 09/2019/NĐ-CP): the last day of the month a report month includes; the
 * report month M runs from the day after it in month M−1 to it in month M (default 14: 15th to
 * 14th). 1..27 so every month has the first day.
 */
export const DEFAULT_CUTOFF_DAY = 14;

function checkCutoff(cutoff: number): void {
  if (!Number.isInteger(cutoff) || cutoff < 1 || cutoff > 27) throw new RangeError(`statistics: the cut-off day must be 1..27, got ${cutoff}`);
}

/**
 * The report month (YYYY-MM) a date belongs to: the month of (date − cutoff days), plus one.
 * (The cutoff+1-th of M−1 minus cutoff days is the 1st of M−1; the cutoff-th of M is the last day
 * of M−1, whatever the lengths of the months.)
 */
export function reportMonthOf(date: string, cutoff = DEFAULT_CUTOFF_DAY): string {
  checkCutoff(cutoff);
  const shifted = parseDate(addDays(date, -cutoff));
  return ymd(shifted.y, shifted.m + 1, 1).slice(0, 7);
}

export const REPORT_PERIODS = ['MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

/** One report period: its key (2026-12, 2026-Q4, 2026-H2, 2026) and days. */
export interface PeriodSpan {
  period: ReportPeriod;
  key: string;
  from: string;
  to: string;
}

/** The report months a period covers, by its last report month's number (1..12) and year. */
const MONTHS_IN: Record<ReportPeriod, number> = { MONTH: 1, QUARTER: 3, HALF_YEAR: 6, YEAR: 12 };

/** The span of `period` that ends with report month `year`-`lastMonth`. */
function spanEnding(period: ReportPeriod, year: number, lastMonth: number, cutoff: number): PeriodSpan {
  const firstMonth = lastMonth - MONTHS_IN[period] + 1;
  const from = ymd(year, firstMonth - 1, cutoff + 1);
  const to = ymd(year, lastMonth, cutoff);
  const key =
    period === 'MONTH' ? `${year}-${pad(lastMonth)}` : period === 'QUARTER' ? `${year}-Q${lastMonth / 3}` : period === 'HALF_YEAR' ? `${year}-H${lastMonth / 6}` : `${year}`;
  return { period, key, from, to };
}

/**
 * The report period of the given kind that contains `date` (NĐ 09/2019 cut-off): month = 15th of
 * the previous month to the 14th; quarter = 15th of the month before the quarter to the 14th of
 * its last month; half-year = 15 Dec to 14 Jun and 15 Jun to 14 Dec; year = 15 Dec to 14 Dec.
 */
export function reportPeriodOf(period: ReportPeriod, date: string, cutoff = DEFAULT_CUTOFF_DAY): PeriodSpan {
  const month = reportMonthOf(date, cutoff);
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const n = MONTHS_IN[period];
  return spanEnding(period, y, Math.ceil(m / n) * n, cutoff);
}

/** The period just before (or after: step 1) a span. */
export function shiftPeriod(span: PeriodSpan, step: -1 | 1, cutoff = DEFAULT_CUTOFF_DAY): PeriodSpan {
  return reportPeriodOf(span.period, step === 1 ? addDays(span.to, 1) : addDays(span.from, -1), cutoff);
}

/** Who a report is for: one agency (with those below it), or the whole province. */
export type ReportLevel = 'AGENCY' | 'PROVINCE';

/**
 * The date a report must be in before (domain.md, 004 Đ17–18 and 000):
 * - MONTH: agencies and the province before the 22nd of the report month's last calendar month;
 * - QUARTER (the DVC report): before the 5th of the quarter's last month, both levels;
 * - HALF_YEAR: not fixed by the texts — the month rule of its last month (22 Jun, 22 Dec);
 * - YEAR: agencies before 1 Dec, the province before 15 Dec.
 * (The quarter's and the year's deadlines fall before the data cut-off: such a report shows the
 * figures as of when it was made, and generateReport can make it again later.)
 */
export function reportDeadline(span: PeriodSpan, level: ReportLevel): string {
  const { y, m } = parseDate(span.to);
  switch (span.period) {
    case 'MONTH':
    case 'HALF_YEAR':
      return ymd(y, m, 22);
    case 'QUARTER':
      return ymd(y, m, 5);
    case 'YEAR':
      return level === 'AGENCY' ? ymd(y, 12, 1) : ymd(y, 12, 15);
  }
}

/**
 * The reports the job must have made on `today`: every period whose deadline is at most
 * `daysBefore` days away and not passed (dueBy − daysBefore ≤ today < dueBy). The caller makes
 * those it does not keep yet.
 */
export function reportsDue(today: string, level: ReportLevel, daysBefore: number, cutoff = DEFAULT_CUTOFF_DAY): (PeriodSpan & { dueBy: string })[] {
  const out: (PeriodSpan & { dueBy: string })[] = [];
  for (const period of REPORT_PERIODS) {
    const here = reportPeriodOf(period, today, cutoff);
    for (const span of [shiftPeriod(here, -1, cutoff), here, shiftPeriod(here, 1, cutoff)]) {
      const dueBy = reportDeadline(span, level);
      if (addDays(dueBy, -daysBefore) <= today && today < dueBy) out.push({ ...span, dueBy });
    }
  }
  return out;
}

// ------------------------------------------------------------------ labels

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  ONLINE: 'Trực tuyến',
  COUNTER: 'Trực tiếp',
  POSTAL: 'Qua dịch vụ bưu chính công ích',
};

/** "Tháng 12/2026 (15/11–14/12)". */
export function reportMonthLabel(month: string, cutoff = DEFAULT_CUTOFF_DAY): string {
  const span = spanEnding('MONTH', Number(month.slice(0, 4)), Number(month.slice(5, 7)), cutoff);
  const dm = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}`;
  return `Tháng ${month.slice(5, 7)}/${month.slice(0, 4)} (${dm(span.from)}–${dm(span.to)})`;
}

/** The report months a window touches, first to last (by its first and last day). */
export function reportMonthsBetween(from: string, to: string, cutoff = DEFAULT_CUTOFF_DAY): string[] {
  const last = reportMonthOf(to, cutoff);
  const out: string[] = [];
  for (let m = reportMonthOf(from, cutoff); m <= last; ) {
    out.push(m);
    const y = Number(m.slice(0, 4));
    const mm = Number(m.slice(5, 7));
    m = ymd(y, mm + 1, 1).slice(0, 7);
  }
  return out;
}

export const PERIOD_LABELS: Readonly<Record<ReportPeriod, string>> = { MONTH: 'Tháng', QUARTER: 'Quý', HALF_YEAR: '6 tháng', YEAR: 'Năm' };

/** The Vietnamese title of a report period: "Tháng 12/2026", "Quý IV/2026", "6 tháng cuối năm 2026", "Năm 2026". */
export function periodTitle(span: PeriodSpan): string {
  const y = span.key.slice(0, 4);
  switch (span.period) {
    case 'MONTH':
      return `Tháng ${span.key.slice(5, 7)}/${y}`;
    case 'QUARTER':
      return `Quý ${['I', 'II', 'III', 'IV'][Number(span.key.slice(6)) - 1]}/${y}`;
    case 'HALF_YEAR':
      return span.key.endsWith('H1') ? `6 tháng đầu năm ${y}` : `6 tháng cuối năm ${y}`;
    case 'YEAR':
      return `Năm ${y}`;
  }
}
