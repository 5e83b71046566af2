/**
 * Working-time calendar for SLA figures (ngày hẹn trả, overdue, pauses).
 *
 * Pure: no I/O, never reads the clock — every instant is passed in. All
 * arithmetic happens in a fixed UTC offset (no DST), so results do not depend
 * on the machine's time zone.
 *
 * Internally an instant is turned into a "local day number" (days since
 * 1970-01-01 in the calendar's offset) and a millisecond-of-day. Day-level
 * questions (is it a working day, how many working days in a range) are
 * answered arithmetically plus a binary search over the sorted exception
 * lists, so long spans cost O(log holidays), not one step per day.
 */
import { VN_HOLIDAYS, VN_MAKEUP_WORKDAYS } from './holidays-vn';

export interface WorkingPeriod {
  start: string /* HH:mm */;
  end: string /* HH:mm */;
}

export interface CalendarConfig {
  utcOffsetMinutes: number; // 420 for Asia/Ho_Chi_Minh (no DST)
  periods: WorkingPeriod[]; // default [{07:00–11:30},{13:30–17:00}] = 8 h = 1 working day
  weekendDays: number[]; // 0=Sunday … 6=Saturday; default [0, 6]
  holidays: string[]; // YYYY-MM-DD local dates that are not working days
  makeupWorkdays?: string[]; // weekend dates that ARE working days
  hoursPerWorkingDay?: number; // default: sum of periods (8)
}

export const DEFAULT_CALENDAR_CONFIG: CalendarConfig = Object.freeze({
  utcOffsetMinutes: 420,
  periods: Object.freeze([
    Object.freeze({ start: '07:00', end: '11:30' }),
    Object.freeze({ start: '13:30', end: '17:00' }),
  ]) as WorkingPeriod[],
  weekendDays: Object.freeze([0, 6]) as number[],
  holidays: Object.freeze(VN_HOLIDAYS.map((h) => h.date)) as string[],
  makeupWorkdays: Object.freeze(VN_MAKEUP_WORKDAYS.map((h) => h.date)) as string[],
  hoursPerWorkingDay: 8,
}) as CalendarConfig;

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

const TIME_RE = /^(\d{2}):(\d{2})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseTimeOfDay(value: string, what: string): number {
  const m = typeof value === 'string' ? TIME_RE.exec(value) : null;
  if (!m) throw new RangeError(`${what}: expected HH:mm, got ${String(value)}`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) {
    throw new RangeError(`${what}: invalid time ${value}`);
  }
  return h * MS_PER_HOUR + min * MS_PER_MINUTE;
}

/** YYYY-MM-DD → day number (days since 1970-01-01). Throws RangeError on bad input. */
function parseDayNumber(value: string, what: string): number {
  const m = typeof value === 'string' ? DATE_RE.exec(value) : null;
  if (!m) throw new RangeError(`${what}: expected YYYY-MM-DD, got ${String(value)}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const check = new Date(t);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`${what}: invalid date ${value}`);
  }
  return t / MS_PER_DAY;
}

/** 0=Sunday … 6=Saturday for a day number (1970-01-01 was a Thursday). */
function dayOfWeek(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function instantMs(at: Date, what: string): number {
  const t = at instanceof Date ? at.getTime() : NaN;
  if (!Number.isFinite(t)) throw new RangeError(`${what}: invalid Date`);
  return t;
}

function nonNegativeFinite(n: number, what: string): number {
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
    throw new RangeError(`${what} must be a finite number >= 0, got ${String(n)}`);
  }
  return n;
}

/** Number of elements of the sorted array `arr` that are < x. */
function lowerBound(arr: readonly number[], x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class WorkingCalendar {
  private readonly offsetMs: number;
  /** Period bounds as ms-of-day, sorted, non-overlapping. */
  private readonly starts: number[];
  private readonly ends: number[];
  /** Working ms in a full working day (sum of periods). */
  private readonly dayMs: number;
  /** ms of one "working day" for day-based budgets (hoursPerWorkingDay). */
  private readonly budgetDayMs: number;
  private readonly weekend: boolean[];
  private readonly workdaysPerWeek: number;
  private readonly holidays: Set<number>;
  private readonly makeups: Set<number>;
  /** Sorted: holidays that fall on a would-be working weekday. */
  private readonly removedDays: number[];
  /** Sorted: make-up days that fall on a weekend day and are not holidays. */
  private readonly addedDays: number[];

  constructor(config: CalendarConfig = DEFAULT_CALENDAR_CONFIG) {
    const off = config.utcOffsetMinutes;
    if (typeof off !== 'number' || !Number.isInteger(off) || Math.abs(off) > 14 * 60) {
      throw new RangeError(`utcOffsetMinutes must be an integer in [-840, 840], got ${String(off)}`);
    }
    this.offsetMs = off * MS_PER_MINUTE;

    if (!Array.isArray(config.periods) || config.periods.length === 0) {
      throw new RangeError('periods must contain at least one working period');
    }
    const parsed = config.periods
      .map((p, i) => ({
        s: parseTimeOfDay(p.start, `periods[${i}].start`),
        e: parseTimeOfDay(p.end, `periods[${i}].end`),
      }))
      .sort((a, b) => a.s - b.s);
    for (let i = 0; i < parsed.length; i++) {
      if (parsed[i].e <= parsed[i].s) {
        throw new RangeError(`period ${i} must end after it starts (overnight periods are not supported)`);
      }
      if (i > 0 && parsed[i].s < parsed[i - 1].e) throw new RangeError('working periods overlap');
    }
    this.starts = parsed.map((p) => p.s);
    this.ends = parsed.map((p) => p.e);
    this.dayMs = parsed.reduce((sum, p) => sum + (p.e - p.s), 0);

    const hours = config.hoursPerWorkingDay ?? this.dayMs / MS_PER_HOUR;
    if (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0) {
      throw new RangeError(`hoursPerWorkingDay must be > 0, got ${String(hours)}`);
    }
    this.budgetDayMs = hours * MS_PER_HOUR;

    this.weekend = [false, false, false, false, false, false, false];
    for (const d of config.weekendDays ?? []) {
      if (!Number.isInteger(d) || d < 0 || d > 6) throw new RangeError(`weekendDays: invalid day ${String(d)}`);
      this.weekend[d] = true;
    }
    this.workdaysPerWeek = this.weekend.filter((w) => !w).length;
    if (this.workdaysPerWeek === 0) throw new RangeError('weekendDays cannot cover the whole week');

    this.holidays = new Set((config.holidays ?? []).map((h, i) => parseDayNumber(h, `holidays[${i}]`)));
    this.makeups = new Set(
      (config.makeupWorkdays ?? []).map((h, i) => parseDayNumber(h, `makeupWorkdays[${i}]`)),
    );
    this.removedDays = [...this.holidays].filter((d) => !this.weekend[dayOfWeek(d)]).sort((a, b) => a - b);
    this.addedDays = [...this.makeups]
      .filter((d) => this.weekend[dayOfWeek(d)] && !this.holidays.has(d))
      .sort((a, b) => a - b);
  }

  // ------------------------------------------------------------------ public API

  isWorkingDay(localDate: string): boolean {
    return this.isWorkingDayNum(parseDayNumber(localDate, 'localDate'));
  }

  /** Inside a working period: start inclusive, end exclusive. */
  isWorkingTime(at: Date): boolean {
    const local = instantMs(at, 'at') + this.offsetMs;
    const day = Math.floor(local / MS_PER_DAY);
    if (!this.isWorkingDayNum(day)) return false;
    const t = local - day * MS_PER_DAY;
    for (let i = 0; i < this.starts.length; i++) {
      if (t >= this.starts[i] && t < this.ends[i]) return true;
    }
    return false;
  }

  /**
   * The instant the clock starts counting for something received at `at`:
   * `at` itself when inside a period, else the start of the next period
   * (Saturday → Monday 07:00; 12:00 → 13:30; 18:00 → next working day 07:00).
   */
  startOfCounting(at: Date): Date {
    const local = instantMs(at, 'at') + this.offsetMs;
    let day = Math.floor(local / MS_PER_DAY);
    const t = local - day * MS_PER_DAY;
    if (this.isWorkingDayNum(day)) {
      for (let i = 0; i < this.starts.length; i++) {
        if (t < this.ends[i]) {
          return t >= this.starts[i] ? new Date(local - this.offsetMs) : this.instant(day, this.starts[i]);
        }
      }
    }
    day = this.nextWorkingDayFrom(day + 1);
    return this.instant(day, this.starts[0]);
  }

  /**
   * Instant when `minutes` of working time, counted from `start`, are used up.
   * If that is exactly the end of a period, that end is returned (17:00 /
   * 11:30), never the next period's start. minutes=0 returns startOfCounting(start).
   */
  addWorkingMinutes(start: Date, minutes: number): Date {
    nonNegativeFinite(minutes, 'minutes');
    return this.addWorkingMs(instantMs(start, 'start'), Math.round(minutes * MS_PER_MINUTE));
  }

  /** days × hoursPerWorkingDay × 60 minutes; 0.5 day = 4 h. */
  addWorkingDays(start: Date, days: number): Date {
    nonNegativeFinite(days, 'days');
    return this.addWorkingMs(instantMs(start, 'start'), Math.round(days * this.budgetDayMs));
  }

  /** Working minutes between a and b (0 if b <= a); only time inside working periods counts. */
  workingMinutesBetween(a: Date, b: Date): number {
    return this.workingMsBetween(instantMs(a, 'a'), instantMs(b, 'b')) / MS_PER_MINUTE;
  }

  /** Ngày hẹn trả: addWorkingDays(receivedAt, processingWorkingDays). */
  dueDate(receivedAt: Date, processingWorkingDays: number): Date {
    return this.addWorkingDays(receivedAt, processingWorkingDays);
  }

  /**
   * After a pause (waiting for the applicant) from pausedAt to resumedAt: the
   * old due date moved by the working time spent waiting. A pause that
   * contains no working time leaves the due date unchanged.
   */
  resumeDueDate(oldDueAt: Date, pausedAt: Date, resumedAt: Date): Date {
    const due = instantMs(oldDueAt, 'oldDueAt');
    const p = instantMs(pausedAt, 'pausedAt');
    const r = instantMs(resumedAt, 'resumedAt');
    if (r < p) throw new RangeError('resumedAt must not be before pausedAt');
    const waited = this.workingMsBetween(p, r);
    if (waited === 0) return new Date(due);
    return this.addWorkingMs(due, waited);
  }

  /**
   * Whole-or-fractional working days (of hoursPerWorkingDay) between now and
   * due; negative when due is in the past.
   */
  workingDaysUntil(now: Date, due: Date): number {
    const n = instantMs(now, 'now');
    const d = instantMs(due, 'due');
    const ms = d >= n ? this.workingMsBetween(n, d) : -this.workingMsBetween(d, n);
    return ms / this.budgetDayMs;
  }

  /** Local date string YYYY-MM-DD of an instant in the calendar's offset. */
  localDate(at: Date): string {
    const day = Math.floor((instantMs(at, 'at') + this.offsetMs) / MS_PER_DAY);
    return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  }

  // ------------------------------------------------------------------ internals

  private isWorkingDayNum(day: number): boolean {
    if (this.holidays.has(day)) return false;
    return !this.weekend[dayOfWeek(day)] || this.makeups.has(day);
  }

  /** UTC instant of `msOfDay` on local day `day`. */
  private instant(day: number, msOfDay: number): Date {
    return new Date(day * MS_PER_DAY + msOfDay - this.offsetMs);
  }

  /** Working ms of a working day elapsed before ms-of-day t. */
  private workedBefore(t: number): number {
    let sum = 0;
    for (let i = 0; i < this.starts.length; i++) {
      if (t <= this.starts[i]) break;
      sum += (t < this.ends[i] ? t : this.ends[i]) - this.starts[i];
    }
    return sum;
  }

  /** ms-of-day at which `worked` (0 < worked <= dayMs) working ms of a day are used up. */
  private timeAtWorked(worked: number): number {
    let acc = 0;
    for (let i = 0; i < this.starts.length; i++) {
      const len = this.ends[i] - this.starts[i];
      if (worked <= acc + len) return this.starts[i] + (worked - acc);
      acc += len;
    }
    return this.ends[this.ends.length - 1];
  }

  /** Number of working days in [from, to). */
  private workingDaysIn(from: number, to: number): number {
    if (to <= from) return 0;
    const n = to - from;
    const weeks = Math.floor(n / 7);
    let count = weeks * this.workdaysPerWeek;
    let dow = dayOfWeek(from);
    for (let i = weeks * 7; i < n; i++) {
      if (!this.weekend[dow]) count++;
      dow = dow === 6 ? 0 : dow + 1;
    }
    count -= lowerBound(this.removedDays, to) - lowerBound(this.removedDays, from);
    count += lowerBound(this.addedDays, to) - lowerBound(this.addedDays, from);
    return count;
  }

  private nextWorkingDayFrom(day: number): number {
    while (!this.isWorkingDayNum(day)) day++;
    return day;
  }

  /** The working day D >= from with exactly `skip` working days in [from, D). */
  private skipWorkingDays(from: number, skip: number): number {
    let cur = from;
    let need = skip;
    // Jump whole weeks while far away; each jump is O(log holidays).
    while (need > 2 * this.workdaysPerWeek) {
      const step = (Math.floor(need / this.workdaysPerWeek) - 1) * 7;
      const c = this.workingDaysIn(cur, cur + step);
      if (c > need) break; // only possible with many make-up days; finish day by day
      cur += step;
      need -= c;
    }
    for (;;) {
      if (this.isWorkingDayNum(cur)) {
        if (need === 0) return cur;
        need--;
      }
      cur++;
    }
  }

  private addWorkingMs(startMs: number, ms: number): Date {
    if (ms === 0) return this.startOfCounting(new Date(startMs));
    const local = startMs + this.offsetMs;
    let day = Math.floor(local / MS_PER_DAY);
    let remaining = ms;
    if (this.isWorkingDayNum(day)) {
      const done = this.workedBefore(local - day * MS_PER_DAY);
      const left = this.dayMs - done;
      if (remaining <= left) return this.instant(day, this.timeAtWorked(done + remaining));
      remaining -= left;
    }
    day++;
    // remaining > 0: consume `full` whole working days, finish inside the next one.
    const full = Math.ceil(remaining / this.dayMs) - 1;
    const last = remaining - full * this.dayMs; // in (0, dayMs]
    const target = this.skipWorkingDays(day, full);
    return this.instant(target, this.timeAtWorked(last));
  }

  private workingMsBetween(a: number, b: number): number {
    if (b <= a) return 0;
    const la = a + this.offsetMs;
    const lb = b + this.offsetMs;
    const da = Math.floor(la / MS_PER_DAY);
    const db = Math.floor(lb / MS_PER_DAY);
    const ta = this.workedBefore(la - da * MS_PER_DAY);
    const tb = this.workedBefore(lb - db * MS_PER_DAY);
    if (da === db) return this.isWorkingDayNum(da) ? tb - ta : 0;
    let total = this.workingDaysIn(da + 1, db) * this.dayMs;
    if (this.isWorkingDayNum(da)) total += this.dayMs - ta;
    if (this.isWorkingDayNum(db)) total += tb;
    return total;
  }
}
