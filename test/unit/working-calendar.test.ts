import { VN_HOLIDAYS, VN_MAKEUP_WORKDAYS } from '../../src/domain/holidays-vn';
import {
  CalendarConfig,
  DEFAULT_CALENDAR_CONFIG,
  WorkingCalendar,
} from '../../src/domain/working-calendar';
import { mulberry32 } from '../helpers/prng';

/** Local Vietnam wall time 'YYYY-MM-DDTHH:mm[:ss]' → instant (independent of process TZ). */
function vn(local: string): Date {
  return new Date(`${local}+07:00`);
}

/** Instant → local Vietnam wall time 'YYYY-MM-DDTHH:mm' (seconds appended when non-zero). */
function fmt(d: Date): string {
  const iso = new Date(d.getTime() + 7 * 3_600_000).toISOString();
  return iso.endsWith(':00.000Z') ? iso.slice(0, 16) : iso.slice(0, 23);
}


const cal = new WorkingCalendar();

describe('holiday data (holidays-vn.ts)', () => {
  it('has well-formed, unique dates within 2025–2027', () => {
    const dates = VN_HOLIDAYS.map((h) => h.date);
    expect(new Set(dates).size).toBe(dates.length);
    for (const h of [...VN_HOLIDAYS, ...VN_MAKEUP_WORKDAYS]) {
      expect(h.date).toMatch(/^202[5-7]-\d{2}-\d{2}$/);
      expect(new Date(`${h.date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(h.date);
      expect(h.name.length).toBeGreaterThan(0);
    }
  });

  it('make-up workdays are Saturdays and not holidays', () => {
    const holidays = new Set(VN_HOLIDAYS.map((h) => h.date));
    for (const m of VN_MAKEUP_WORKDAYS) {
      expect(new Date(`${m.date}T00:00:00Z`).getUTCDay()).toBe(6);
      expect(holidays.has(m.date)).toBe(false);
    }
  });

  it('contains the statutory days of each year', () => {
    const d = new Set(VN_HOLIDAYS.map((h) => h.date));
    for (const y of [2025, 2026, 2027]) {
      for (const md of ['01-01', '04-30', '05-01', '09-02']) expect(d.has(`${y}-${md}`)).toBe(true);
    }
    for (const x of ['2025-04-07', '2026-04-26', '2026-04-27', '2027-04-16']) expect(d.has(x)).toBe(true);
  });

  it('default config is built from the holiday data', () => {
    expect(DEFAULT_CALENDAR_CONFIG.utcOffsetMinutes).toBe(420);
    expect(DEFAULT_CALENDAR_CONFIG.weekendDays).toEqual([0, 6]);
    expect(DEFAULT_CALENDAR_CONFIG.holidays).toEqual(VN_HOLIDAYS.map((h) => h.date));
    expect(DEFAULT_CALENDAR_CONFIG.makeupWorkdays).toEqual(VN_MAKEUP_WORKDAYS.map((h) => h.date));
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2025-03-17', true], // Monday
    ['2025-03-21', true], // Friday
    ['2025-03-22', false], // Saturday
    ['2025-03-23', false], // Sunday
    ['2025-01-01', false], // New Year
    ['2025-01-27', false], // Tết 2025
    ['2025-02-03', true], // first day after Tết 2025
    ['2025-04-07', false], // Hùng Kings 2025
    ['2025-04-26', true], // make-up Saturday 2025
    ['2025-05-02', false], // swapped Friday 2025
    ['2025-09-01', false],
    ['2025-09-02', false],
    ['2025-09-03', true],
    ['2026-01-02', false], // swapped Friday 2026
    ['2026-01-10', true], // make-up Saturday 2026
    ['2026-02-13', true], // last working day before Tết 2026
    ['2026-02-16', false],
    ['2026-02-20', false],
    ['2026-02-23', true],
    ['2026-04-27', false], // compensatory Monday for Hùng Kings on Sunday
    ['2026-08-22', true], // make-up Saturday 2026
    ['2026-08-31', false],
    ['2026-09-03', true],
    ['2027-02-04', false],
    ['2027-02-10', false],
    ['2027-02-11', true],
    ['2027-04-16', false],
    ['2027-05-03', false], // compensatory Monday for 1/5 on Saturday
    ['2027-09-03', false],
  ])('%s → %s', (date, expected) => {
    expect(cal.isWorkingDay(date)).toBe(expected);
  });

  it('rejects malformed dates', () => {
    expect(() => cal.isWorkingDay('2025-02-30')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2025-2-3')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('')).toThrow(RangeError);
  });
});

describe('isWorkingTime (start inclusive, end exclusive)', () => {
  it.each([
    ['2025-03-17T06:59:59', false],
    ['2025-03-17T07:00', true],
    ['2025-03-17T11:29:59', true],
    ['2025-03-17T11:30', false],
    ['2025-03-17T12:00', false],
    ['2025-03-17T13:30', true],
    ['2025-03-17T16:59:59', true],
    ['2025-03-17T17:00', false],
    ['2025-03-17T23:59', false],
    ['2025-03-22T09:00', false], // Saturday
    ['2025-04-26T09:00', true], // make-up Saturday
    ['2026-02-18T09:00', false], // Tết
  ])('%s → %s', (local, expected) => {
    expect(cal.isWorkingTime(vn(local))).toBe(expected);
  });
});

describe('startOfCounting', () => {
  it.each([
    ['2025-03-17T09:15', '2025-03-17T09:15'], // inside a period: itself
    ['2025-03-17T07:00', '2025-03-17T07:00'],
    ['2025-03-17T05:00', '2025-03-17T07:00'], // early morning
    ['2025-03-17T12:00', '2025-03-17T13:30'], // lunch → 13:30
    ['2025-03-17T11:30', '2025-03-17T13:30'], // exactly the end of the morning
    ['2025-03-17T18:00', '2025-03-18T07:00'], // evening → next working day 07:00
    ['2025-03-17T17:00', '2025-03-18T07:00'],
    ['2025-03-21T18:00', '2025-03-24T07:00'], // Friday evening → Monday
    ['2025-03-22T10:00', '2025-03-24T07:00'], // Saturday → Monday 07:00
    ['2025-03-23T23:59', '2025-03-24T07:00'], // Sunday night
    ['2026-02-13T17:30', '2026-02-23T07:00'], // Friday before Tết 2026
    ['2025-04-25T18:00', '2025-04-26T07:00'], // next day is a make-up Saturday
    ['2025-12-31T20:00', '2026-01-05T07:00'], // year boundary over New Year 2026
  ])('%s → %s', (received, expected) => {
    expect(fmt(cal.startOfCounting(vn(received)))).toBe(expected);
  });

  it('does not depend on the UTC date (00:30 local is the previous UTC day)', () => {
    expect(fmt(cal.startOfCounting(new Date('2025-03-16T17:30:00Z')))).toBe('2025-03-17T07:00');
  });
});

describe('addWorkingDays / dueDate – domain rule checks', () => {
  it.each<[string, number, string, string]>([
    ['2025-03-14T16:30', 1, '2025-03-17T16:30', 'Friday 16:30 + 1 day = Monday 16:30'],
    ['2025-03-17T07:00', 1, '2025-03-17T17:00', 'deadline at period end stays at 17:00'],
    ['2025-03-17T11:00', 0.5, '2025-03-17T17:00', 'Monday 11:00 + 0.5 day = 0.5 h + 3.5 h = Monday 17:00'],
    ['2025-03-17T13:30', 0.5, '2025-03-18T07:30', 'afternoon is only 3.5 h: Monday 13:30 + 0.5 day = Tuesday 07:30'],
    ['2025-03-17T13:30', 3.5 / 8, '2025-03-17T17:00', 'Monday 13:30 + 3.5 h = Monday 17:00'],
    ['2025-03-17T07:00', 0.5, '2025-03-17T11:00', 'half day from 07:00 = 4 h'],
    ['2025-03-17T07:30', 0.5, '2025-03-17T11:30', 'half day ending exactly at 11:30 stays at 11:30, not 13:30'],
    ['2025-03-17T10:00', 0.5, '2025-03-17T16:00', 'half day across lunch: 1.5 h + 2.5 h'],
    ['2025-03-17T09:00', 0.5, '2025-03-17T15:00', 'half day across lunch: 2.5 h + 1.5 h'],
    ['2025-03-15T10:00', 1, '2025-03-17T17:00', 'received Saturday: counting starts Monday 07:00'],
    ['2025-03-17T12:00', 1, '2025-03-18T11:30', 'received at lunch: counting starts 13:30'],
    ['2025-03-17T18:00', 1, '2025-03-18T17:00', 'received 18:00: counting starts next day 07:00'],
    ['2025-03-17T07:00', 5, '2025-03-21T17:00', 'a full week ends Friday 17:00'],
    ['2025-03-17T07:00', 5.5, '2025-03-24T11:00', '5.5 days ends Monday 11:00'],
    ['2025-03-17T07:00', 10, '2025-03-28T17:00', '10 days = two full weeks'],
    ['2025-03-17T07:00', 0.25, '2025-03-17T09:00', 'quarter day = 2 h'],
  ])('%s + %s days → %s (%s)', (start, days, expected) => {
    expect(fmt(cal.addWorkingDays(vn(start), days))).toBe(expected);
    expect(fmt(cal.dueDate(vn(start), days))).toBe(expected);
  });

  it('0 days returns startOfCounting', () => {
    expect(fmt(cal.addWorkingDays(vn('2025-03-17T12:00'), 0))).toBe('2025-03-17T13:30');
    expect(fmt(cal.addWorkingDays(vn('2025-03-17T09:00'), 0))).toBe('2025-03-17T09:00');
  });

  it('Tết 2026: Friday 13/2 15:00 + 1 day → Monday 23/2 15:00', () => {
    expect(fmt(cal.dueDate(vn('2026-02-13T15:00'), 1))).toBe('2026-02-23T15:00');
  });

  it('Tết 2025: Friday 24/1 16:00 + 1 day → Monday 3/2 16:00', () => {
    expect(fmt(cal.dueDate(vn('2025-01-24T16:00'), 1))).toBe('2025-02-03T16:00');
  });

  it('Tết 2027 (assumed break 4/2–10/2): Wednesday 3/2 16:00 + 1 day → Thursday 11/2 16:00', () => {
    expect(fmt(cal.dueDate(vn('2027-02-03T16:00'), 1))).toBe('2027-02-11T16:00');
  });

  it('Quốc khánh 2025: Friday 29/8 16:00 + 1 day → Wednesday 3/9 16:00', () => {
    expect(fmt(cal.dueDate(vn('2025-08-29T16:00'), 1))).toBe('2025-09-03T16:00');
  });

  it('Quốc khánh 2026 (31/8 swapped): Friday 28/8 16:00 + 1 day → Thursday 3/9 16:00', () => {
    expect(fmt(cal.dueDate(vn('2026-08-28T16:00'), 1))).toBe('2026-09-03T16:00');
  });

  it('Quốc khánh 2027: Wednesday 1/9 16:00 + 1 day → Monday 6/9 16:00', () => {
    expect(fmt(cal.dueDate(vn('2027-09-01T16:00'), 1))).toBe('2027-09-06T16:00');
  });

  it('make-up Saturday 2025: Friday 25/4 16:00 + 1 day → Saturday 26/4 16:00', () => {
    expect(fmt(cal.dueDate(vn('2025-04-25T16:00'), 1))).toBe('2025-04-26T16:00');
  });

  it('30/4–1/5 2025: Saturday 26/4 (make-up) 16:00 + 1 day → Monday 28/4 16:00, + 2 → Monday 5/5', () => {
    expect(fmt(cal.dueDate(vn('2025-04-26T16:00'), 1))).toBe('2025-04-28T16:00');
    expect(fmt(cal.dueDate(vn('2025-04-28T16:00'), 2))).toBe('2025-05-05T16:00');
  });

  it('make-up Saturday 2026-01-10 counts; swapped 2026-01-02 does not', () => {
    expect(fmt(cal.dueDate(vn('2026-01-09T16:00'), 1))).toBe('2026-01-10T16:00');
    expect(fmt(cal.dueDate(vn('2025-12-31T16:00'), 1))).toBe('2026-01-05T16:00'); // year boundary
  });

  it('Hùng Kings 2026 on Sunday: compensatory Monday 27/4 is skipped', () => {
    expect(fmt(cal.dueDate(vn('2026-04-24T16:00'), 1))).toBe('2026-04-28T16:00');
    // 28–29/4 working, 30/4–1/5 holidays → 3 days from Friday 24/4 16:00 ends Monday 4/5 16:00
    expect(fmt(cal.dueDate(vn('2026-04-24T16:00'), 3))).toBe('2026-05-04T16:00');
  });

  it('month boundary: Thursday 31/7/2025 10:00 + 2 days → Monday 4/8 10:00', () => {
    expect(fmt(cal.dueDate(vn('2025-07-31T10:00'), 2))).toBe('2025-08-04T10:00');
  });

  it('year boundary over New Year 2026: Wednesday 31/12/2025 17:00 + 0.5 → Monday 5/1/2026 11:00', () => {
    expect(fmt(cal.dueDate(vn('2025-12-31T17:00'), 0.5))).toBe('2026-01-05T11:00');
  });

  it('long span: 60 working days from 2025-01-02 07:00 (crosses Tết)', () => {
    // Jan 2,3,6–10,13–17,20–24 = 17; Tết 27/1–2/2 off; Feb 3–28 = 20; Mar = 21; Apr 1, 2 → 60th is Apr 2.
    const due = cal.dueDate(vn('2025-01-02T07:00'), 60);
    expect(cal.workingMinutesBetween(vn('2025-01-02T07:00'), due)).toBe(60 * 480);
    expect(fmt(due)).toBe('2025-04-02T17:00');
  });

  it('very long span: 500 working days is consistent with workingMinutesBetween', () => {
    const start = vn('2025-01-02T08:15');
    const due = cal.dueDate(start, 500);
    expect(cal.workingMinutesBetween(start, due)).toBe(500 * 480);
    expect(cal.isWorkingTime(new Date(due.getTime() - 1))).toBe(true);
  });
});

describe('addWorkingMinutes', () => {
  it('ends exactly at 11:30 rather than 13:30', () => {
    expect(fmt(cal.addWorkingMinutes(vn('2025-03-17T11:00'), 30))).toBe('2025-03-17T11:30');
    expect(fmt(cal.addWorkingMinutes(vn('2025-03-17T11:00'), 31))).toBe('2025-03-17T13:31');
  });

  it('from the end of a period continues in the next one', () => {
    expect(fmt(cal.addWorkingMinutes(vn('2025-03-17T11:30'), 1))).toBe('2025-03-17T13:31');
    expect(fmt(cal.addWorkingMinutes(vn('2025-03-17T17:00'), 1))).toBe('2025-03-18T07:01');
  });

  it('fractional minutes are kept to the millisecond', () => {
    expect(fmt(cal.addWorkingMinutes(vn('2025-03-17T07:00'), 1.5))).toBe('2025-03-17T07:01:30.000');
  });

  it('minutes=0 returns startOfCounting', () => {
    expect(fmt(cal.addWorkingMinutes(vn('2025-03-22T10:00'), 0))).toBe('2025-03-24T07:00');
  });

  it('does not mutate its input', () => {
    const start = vn('2025-03-17T09:00');
    const before = start.getTime();
    cal.addWorkingMinutes(start, 600);
    expect(start.getTime()).toBe(before);
  });
});

describe('workingMinutesBetween', () => {
  it.each<[string, string, number]>([
    ['2025-03-17T07:00', '2025-03-17T17:00', 480],
    ['2025-03-17T11:00', '2025-03-17T14:00', 60], // 30 min morning + 30 min afternoon
    ['2025-03-17T12:00', '2025-03-17T13:00', 0], // lunch
    ['2025-03-17T18:00', '2025-03-18T06:00', 0],
    ['2025-03-21T16:30', '2025-03-24T16:30', 480], // weekend
    ['2025-03-17T17:00', '2025-03-17T07:00', 0], // b <= a
    ['2025-03-17T09:00', '2025-03-17T09:00', 0],
    ['2026-02-13T15:00', '2026-02-23T15:00', 480], // Tết 2026
    ['2025-04-25T07:00', '2025-04-27T00:00', 960], // Friday + make-up Saturday
  ])('%s → %s = %s min', (a, b, expected) => {
    expect(cal.workingMinutesBetween(vn(a), vn(b))).toBe(expected);
  });

  it('counts seconds as fractional minutes', () => {
    expect(cal.workingMinutesBetween(vn('2025-03-17T07:00:00'), vn('2025-03-17T07:00:30'))).toBe(0.5);
  });

  it('whole year 2025 = 250 working days (261 weekdays − 12 weekday holidays + 1 make-up Saturday)', () => {
    const minutes = cal.workingMinutesBetween(vn('2025-01-01T00:00'), vn('2026-01-01T00:00'));
    expect(minutes).toBe(250 * 480);
    // cross-check with a per-day loop over isWorkingDay
    let days = 0;
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2026, 0, 1); t += 86_400_000) {
      if (cal.isWorkingDay(new Date(t).toISOString().slice(0, 10))) days++;
    }
    expect(days).toBe(250);
  });

  it('whole years 2026 and 2027 match a per-day count', () => {
    for (const y of [2026, 2027]) {
      let days = 0;
      for (let t = Date.UTC(y, 0, 1); t < Date.UTC(y + 1, 0, 1); t += 86_400_000) {
        if (cal.isWorkingDay(new Date(t).toISOString().slice(0, 10))) days++;
      }
      expect(cal.workingMinutesBetween(vn(`${y}-01-01T00:00`), vn(`${y + 1}-01-01T00:00`))).toBe(days * 480);
    }
  });

  it('is fast: 100k one-year spans and 100k 60-day due dates well under the time limit', () => {
    const a = vn('2025-01-01T08:00');
    const b = vn('2026-01-01T08:00');
    const t0 = Date.now();
    let sink = 0;
    for (let i = 0; i < 100_000; i++) sink += cal.workingMinutesBetween(a, b);
    for (let i = 0; i < 100_000; i++) sink += cal.dueDate(a, 60).getTime() & 1;
    expect(sink).toBeGreaterThan(0);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });
});

describe('resumeDueDate (pause while waiting for the applicant)', () => {
  it('moves the due date by the working time spent waiting', () => {
    // paused Monday 10:00, resumed Tuesday 10:00 = 8 working hours → due moves one working day
    expect(
      fmt(cal.resumeDueDate(vn('2025-03-19T17:00'), vn('2025-03-17T10:00'), vn('2025-03-18T10:00'))),
    ).toBe('2025-03-20T17:00');
  });

  it('a pause over a weekend only counts the working time inside it', () => {
    // Friday 16:00 → Monday 08:00 = 1 h + 1 h
    expect(
      fmt(cal.resumeDueDate(vn('2025-03-25T10:00'), vn('2025-03-21T16:00'), vn('2025-03-24T08:00'))),
    ).toBe('2025-03-25T14:00');
    expect(cal.workingMinutesBetween(vn('2025-03-21T16:00'), vn('2025-03-24T08:00'))).toBe(120);
  });

  it('a pause with no working time leaves the due date unchanged (even at 17:00)', () => {
    const due = vn('2025-03-24T17:00');
    expect(fmt(cal.resumeDueDate(due, vn('2025-03-22T09:00'), vn('2025-03-23T20:00')))).toBe('2025-03-24T17:00');
    expect(fmt(cal.resumeDueDate(due, vn('2025-03-21T12:00'), vn('2025-03-21T12:00')))).toBe('2025-03-24T17:00');
  });

  it('a pause spanning Tết 2026 only counts working days around it', () => {
    // paused Thursday 12/2 17:00, resumed Tuesday 24/2 07:00 → Friday 13/2 + Monday 23/2 = 2 days
    expect(
      fmt(cal.resumeDueDate(vn('2026-02-12T17:00'), vn('2026-02-12T17:00'), vn('2026-02-24T07:00'))),
    ).toBe('2026-02-23T17:00');
  });

  it('rejects resumedAt before pausedAt', () => {
    expect(() => cal.resumeDueDate(vn('2025-03-20T17:00'), vn('2025-03-18T10:00'), vn('2025-03-17T10:00'))).toThrow(
      RangeError,
    );
  });
});

describe('workingDaysUntil', () => {
  it.each<[string, string, number]>([
    ['2025-03-17T07:00', '2025-03-17T17:00', 1],
    ['2025-03-17T13:30', '2025-03-17T17:00', 3.5 / 8],
    ['2025-03-21T16:30', '2025-03-24T16:30', 1], // over a weekend
    ['2025-03-17T17:00', '2025-03-17T07:00', -1], // past due
    ['2025-03-24T16:30', '2025-03-21T16:30', -1],
    ['2025-03-17T09:00', '2025-03-17T09:00', 0],
    ['2026-02-13T15:00', '2026-02-23T15:00', 1], // over Tết
  ])('now %s, due %s → %s', (now, due, expected) => {
    expect(cal.workingDaysUntil(vn(now), vn(due))).toBeCloseTo(expected, 10);
  });

  it('supports a "one working day before dueAt" alert', () => {
    const due = cal.dueDate(vn('2025-03-17T09:00'), 3); // Thursday 09:00
    expect(fmt(due)).toBe('2025-03-20T09:00');
    expect(cal.workingDaysUntil(vn('2025-03-19T09:00'), due)).toBe(1);
    expect(cal.workingDaysUntil(vn('2025-03-19T08:59'), due)).toBeGreaterThan(1);
  });
});

describe('localDate', () => {
  it.each([
    ['2025-03-14T23:30:00Z', '2025-03-15'], // 06:30 local next day
    ['2025-03-14T16:59:59.999Z', '2025-03-14'],
    ['2025-03-14T17:00:00Z', '2025-03-15'],
    ['2025-12-31T17:00:00Z', '2026-01-01'],
  ])('%s → %s', (utc, expected) => {
    expect(cal.localDate(new Date(utc))).toBe(expected);
  });
});

describe('custom configurations', () => {
  const sixDay: CalendarConfig = { ...DEFAULT_CALENDAR_CONFIG, weekendDays: [0], holidays: [] };
  const six = new WorkingCalendar(sixDay);

  it('6-day week: Friday 16:30 + 1 day = Saturday 16:30, Saturday 16:30 + 1 = Monday 16:30', () => {
    expect(fmt(six.addWorkingDays(vn('2025-03-14T16:30'), 1))).toBe('2025-03-15T16:30');
    expect(fmt(six.addWorkingDays(vn('2025-03-15T16:30'), 1))).toBe('2025-03-17T16:30');
    expect(six.workingMinutesBetween(vn('2025-03-17T00:00'), vn('2025-03-24T00:00'))).toBe(6 * 480);
    // 6 working days a week, 12 days = exactly two weeks
    expect(fmt(six.addWorkingDays(vn('2025-03-17T07:00'), 12))).toBe('2025-03-29T17:00');
    expect(fmt(six.addWorkingDays(vn('2025-03-17T07:00'), 120))).toBe(
      fmt(six.addWorkingDays(six.addWorkingDays(vn('2025-03-17T07:00'), 60), 60)),
    );
  });

  it('different offset and a single period with hoursPerWorkingDay override', () => {
    const utc = new WorkingCalendar({
      utcOffsetMinutes: 0,
      periods: [{ start: '09:00', end: '17:00' }],
      weekendDays: [0, 6],
      holidays: ['2025-12-25'],
      hoursPerWorkingDay: 4,
    });
    expect(utc.addWorkingDays(new Date('2025-12-24T15:00:00Z'), 1).toISOString()).toBe('2025-12-26T11:00:00.000Z');
    expect(utc.localDate(new Date('2025-03-14T23:30:00Z'))).toBe('2025-03-14');
    expect(utc.workingDaysUntil(new Date('2025-03-17T09:00:00Z'), new Date('2025-03-17T17:00:00Z'))).toBe(2);
  });

  it('a make-up day on a normal weekday is a no-op; a holiday wins over a make-up day', () => {
    const c = new WorkingCalendar({
      ...DEFAULT_CALENDAR_CONFIG,
      holidays: ['2025-03-22'],
      makeupWorkdays: ['2025-03-22', '2025-03-19'],
    });
    expect(c.isWorkingDay('2025-03-22')).toBe(false);
    expect(c.isWorkingDay('2025-03-19')).toBe(true);
    expect(c.workingMinutesBetween(vn('2025-03-17T00:00'), vn('2025-03-24T00:00'))).toBe(5 * 480);
  });

  it('many make-up Saturdays do not break the week-jumping search', () => {
    const saturdays: string[] = [];
    for (let t = Date.UTC(2025, 0, 4); t < Date.UTC(2026, 0, 1); t += 7 * 86_400_000) {
      saturdays.push(new Date(t).toISOString().slice(0, 10));
    }
    const c = new WorkingCalendar({ ...DEFAULT_CALENDAR_CONFIG, holidays: [], makeupWorkdays: saturdays });
    const start = vn('2025-01-06T07:00');
    const due = c.addWorkingDays(start, 120); // 6-day weeks → 20 weeks
    expect(fmt(due)).toBe('2025-05-24T17:00');
    expect(c.workingMinutesBetween(start, due)).toBe(120 * 480);
  });

  it('periods given out of order are sorted', () => {
    const c = new WorkingCalendar({
      ...DEFAULT_CALENDAR_CONFIG,
      periods: [
        { start: '13:30', end: '17:00' },
        { start: '07:00', end: '11:30' },
      ],
    });
    expect(fmt(c.addWorkingDays(vn('2025-03-17T10:00'), 0.5))).toBe('2025-03-17T16:00');
  });
});

describe('invalid input', () => {
  const start = vn('2025-03-17T07:00');
  it.each([
    ['negative days', () => cal.addWorkingDays(start, -1)],
    ['NaN days', () => cal.addWorkingDays(start, NaN)],
    ['infinite days', () => cal.dueDate(start, Infinity)],
    ['negative minutes', () => cal.addWorkingMinutes(start, -0.5)],
    ['invalid Date', () => cal.addWorkingDays(new Date('nope'), 1)],
    ['invalid Date in isWorkingTime', () => cal.isWorkingTime(new Date(NaN))],
    ['invalid Date in workingMinutesBetween', () => cal.workingMinutesBetween(start, new Date(NaN))],
    ['bad period format', () => new WorkingCalendar({ ...DEFAULT_CALENDAR_CONFIG, periods: [{ start: '7:00', end: '11:30' }] })],
    ['period ending before start', () => new WorkingCalendar({ ...DEFAULT_CALENDAR_CONFIG, periods: [{ start: '12:00', end: '11:00' }] })],
    [
      'overlapping periods',
      () =>
        new WorkingCalendar({
          ...DEFAULT_CALENDAR_CONFIG,
          periods: [
            { start: '07:00', end: '12:00' },
            { start: '11:00', end: '17:00' },
          ],
        }),
    ],
    ['no periods', () => new WorkingCalendar({ ...DEFAULT_CALENDAR_CONFIG, periods: [] })],
    ['bad holiday', () => new WorkingCalendar({ ...DEFAULT_CALENDAR_CONFIG, holidays: ['2025-13-01'] })],
    ['bad weekend day', () => new WorkingCalendar({ ...DEFAULT_CALENDAR_CONFIG, weekendDays: [7] })],
    ['all-week weekend', () => new WorkingCalendar({ ...DEFAULT_CALENDAR_CONFIG, weekendDays: [0, 1, 2, 3, 4, 5, 6] })],
    ['bad offset', () => new WorkingCalendar({ ...DEFAULT_CALENDAR_CONFIG, utcOffsetMinutes: 7.5 })],
    ['zero hours per day', () => new WorkingCalendar({ ...DEFAULT_CALENDAR_CONFIG, hoursPerWorkingDay: 0 })],
  ])('%s → RangeError', (_name, fn) => {
    expect(fn).toThrow(RangeError);
  });
});

describe('property-style consistency (seeded, deterministic)', () => {
  const rand = mulberry32(20250917);
  const from = vn('2024-12-20T00:00').getTime();
  const to = vn('2027-10-01T00:00').getTime();
  /** Random instant, snapped to whole minutes half of the time, sometimes exactly on a boundary. */
  function randomInstant(): Date {
    const r = rand();
    if (r < 0.15) {
      const day = Math.floor(rand() * ((to - from) / 86_400_000));
      const bounds = ['07:00', '11:30', '13:30', '17:00', '00:00', '12:00'];
      const hhmm = bounds[Math.floor(rand() * bounds.length)];
      const base = new Date(from + day * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
      return vn(`${base}T${hhmm}`);
    }
    const t = from + Math.floor(rand() * (to - from));
    return new Date(r < 0.6 ? Math.floor(t / 60_000) * 60_000 : t);
  }
  function randomMinutes(): number {
    const r = rand();
    if (r < 0.1) return 0;
    if (r < 0.4) return Math.floor(rand() * 480 * 2); // within ~2 days
    if (r < 0.5) return 240 * Math.floor(rand() * 40); // whole half-days
    return Math.floor(rand() * 480 * 60); // up to 60 working days
  }

  it('workingMinutesBetween(s, addWorkingMinutes(s, m)) === m and the result is in/at the end of working time', () => {
    for (let i = 0; i < 3000; i++) {
      const s = randomInstant();
      const m = randomMinutes();
      const e = cal.addWorkingMinutes(s, m);
      expect(e.getTime()).toBeGreaterThanOrEqual(s.getTime());
      expect(cal.workingMinutesBetween(s, e)).toBe(m);
      if (m === 0) {
        expect(e.getTime()).toBe(cal.startOfCounting(s).getTime());
      } else {
        // e is inside a period or exactly its end: the millisecond before is working time
        expect(cal.isWorkingTime(new Date(e.getTime() - 1))).toBe(true);
        // and no earlier instant already used the whole budget
        expect(cal.workingMinutesBetween(s, new Date(e.getTime() - 1))).toBeLessThan(m);
      }
    }
  });

  it('addWorkingMinutes is monotonic and composable: add(add(s, m1), m2) ≈ add(s, m1 + m2)', () => {
    for (let i = 0; i < 2000; i++) {
      const s = randomInstant();
      const m1 = 1 + Math.floor(rand() * 4000);
      const m2 = 1 + Math.floor(rand() * 4000);
      const a = cal.addWorkingMinutes(s, m1);
      const b = cal.addWorkingMinutes(s, m1 + m2);
      expect(b.getTime()).toBeGreaterThan(a.getTime());
      expect(cal.addWorkingMinutes(a, m2).getTime()).toBe(b.getTime());
    }
  });

  it('workingMinutesBetween is additive: (a,b) + (b,c) = (a,c)', () => {
    for (let i = 0; i < 2000; i++) {
      const xs = [randomInstant(), randomInstant(), randomInstant()].sort((p, q) => p.getTime() - q.getTime());
      const [a, b, c] = xs;
      const lhs = cal.workingMinutesBetween(a, b) + cal.workingMinutesBetween(b, c);
      expect(lhs).toBeCloseTo(cal.workingMinutesBetween(a, c), 6);
    }
  });

  it('matches a brute-force minute-by-minute reference on short spans', () => {
    for (let i = 0; i < 300; i++) {
      const s = new Date(Math.floor(randomInstant().getTime() / 60_000) * 60_000);
      const spanMinutes = Math.floor(rand() * 60 * 24 * 4); // up to 4 calendar days
      let ref = 0;
      for (let k = 0; k < spanMinutes; k++) {
        if (cal.isWorkingTime(new Date(s.getTime() + k * 60_000))) ref++;
      }
      expect(cal.workingMinutesBetween(s, new Date(s.getTime() + spanMinutes * 60_000))).toBe(ref);
    }
  });

  it('workingDaysUntil is antisymmetric and agrees with addWorkingDays', () => {
    for (let i = 0; i < 1000; i++) {
      const a = randomInstant();
      const b = randomInstant();
      expect(cal.workingDaysUntil(a, b) + cal.workingDaysUntil(b, a)).toBeCloseTo(0, 10);
      const days = Math.floor(rand() * 80) / 2;
      if (days > 0) expect(cal.workingDaysUntil(a, cal.addWorkingDays(a, days))).toBeCloseTo(days, 10);
    }
  });
});
