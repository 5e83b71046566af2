import {
  classifyDossier,
  completionTiming,
  countDossiers,
  dateWindow,
  emptyCounts,
  endingOf,
  periodTitle,
  reportDeadline,
  reportMonthLabel,
  reportMonthOf,
  reportMonthsBetween,
  reportPeriodOf,
  reportsDue,
  shiftPeriod,
  statisticsRow,
  statisticsWindow,
  totalRow,
  withTotal,
  type DossierStatFact,
  type StatisticsCounts,
} from '../../src/domain/statistics';

/** An instant from a Vietnam wall-clock time. */
const vn = (s: string) => new Date(`${s}+07:00`);

describe('statistics rows (national report columns)', () => {
  it('adds the columns up and rates the resolved (hand-computed)', () => {
    const c: StatisticsCounts = {
      ...emptyCounts(),
      carriedOver: 4,
      receivedOnline: 10,
      receivedCounter: 5,
      receivedPostal: 1,
      resolvedEarly: 3,
      resolvedOnTime: 5,
      resolvedLate: 4,
      inProgressOnTime: 4,
      inProgressOverdue: 2,
      withdrawn: 1,
      rejected: 1,
    };
    const r = statisticsRow('A', 'Sở A', c);
    expect(r).toMatchObject({ received: 16, resolved: 12, inProgress: 6 });
    // 8 of 12 early or on time = 66.666…% → 66.67
    expect(r.onTimeRate).toBe(66.67);
    // the balance: carried over + received = resolved + withdrawn + rejected + in progress
    expect(r.carriedOver + r.received).toBe(r.resolved + r.withdrawn + r.rejected + r.inProgress);
  });

  it('has no rate when nothing was resolved, and refuses negative or fractional counts', () => {
    expect(statisticsRow('A', 'A', { ...emptyCounts(), receivedOnline: 3, inProgressOnTime: 3 }).onTimeRate).toBeNull();
    expect(() => statisticsRow('A', 'A', { ...emptyCounts(), withdrawn: -1 })).toThrow(RangeError);
    expect(() => statisticsRow('A', 'A', { ...emptyCounts(), withdrawn: 1.5 })).toThrow(RangeError);
  });

  it('TOTAL is the sum of the rows, its rate from the sums (not the mean of the rates)', () => {
    const a = statisticsRow('A', 'A', { ...emptyCounts(), receivedOnline: 2, resolvedEarly: 1, resolvedLate: 1 }); // 50 %
    const b = statisticsRow('B', 'B', { ...emptyCounts(), receivedCounter: 4, resolvedOnTime: 4 }); // 100 %
    const rows = withTotal([a, b]);
    const t = rows[2]!;
    expect(t).toMatchObject({ key: 'TOTAL', label: 'Tổng cộng', receivedOnline: 2, receivedCounter: 4, received: 6, resolved: 6, resolvedEarly: 1, resolvedOnTime: 4, resolvedLate: 1 });
    expect(t.onTimeRate).toBe(83.33); // 5 of 6, not (50 + 100) / 2
    expect(totalRow([]).onTimeRate).toBeNull();
  });
});

describe('one dossier in a window', () => {
  // Report month 2026-12: 15 Nov .. 14 Dec 2026, judged at the end.
  const w = statisticsWindow('2026-11-15', '2026-12-14', vn('2027-01-10T09:00:00'));
  const base: DossierStatFact = { channel: 'ONLINE', receivedAt: vn('2026-11-20T08:00:00'), dueAt: vn('2026-11-27T16:00:00'), completedAt: null, pausedAt: null, ending: null };

  it('the window is the Vietnam days, asOf at most its end', () => {
    expect(w.start.toISOString()).toBe('2026-11-14T17:00:00.000Z');
    expect(w.end.toISOString()).toBe('2026-12-14T17:00:00.000Z');
    expect(w.asOf).toEqual(w.end);
    expect(statisticsWindow('2026-11-15', '2026-12-14', vn('2026-12-01T10:00:00')).asOf).toEqual(vn('2026-12-01T10:00:00'));
  });

  it('early = a day before the due day; on time = by dueAt on its day; late = after dueAt', () => {
    expect(completionTiming(vn('2026-11-26T16:59:00'), vn('2026-11-27T16:00:00'))).toBe('EARLY');
    expect(completionTiming(vn('2026-11-27T07:00:00'), vn('2026-11-27T16:00:00'))).toBe('ON_TIME');
    expect(completionTiming(vn('2026-11-27T16:00:00'), vn('2026-11-27T16:00:00'))).toBe('ON_TIME');
    expect(completionTiming(vn('2026-11-27T16:00:01'), vn('2026-11-27T16:00:00'))).toBe('LATE');
    expect(completionTiming(vn('2026-11-27T16:00:01'), null)).toBe('ON_TIME');
    // 23:30 on the 26th in Vietnam is the 26th, even though it is the 26th 16:30 UTC
    expect(completionTiming(vn('2026-11-26T23:30:00'), vn('2026-11-27T07:30:00'))).toBe('EARLY');
  });

  it('received in the window by channel, or carried over', () => {
    expect(classifyDossier(base, w)).toEqual({ cameIn: 'receivedOnline', stands: 'inProgressOverdue' });
    expect(classifyDossier({ ...base, channel: 'COUNTER' }, w)?.cameIn).toBe('receivedCounter');
    expect(classifyDossier({ ...base, channel: 'POSTAL' }, w)?.cameIn).toBe('receivedPostal');
    expect(classifyDossier({ ...base, receivedAt: vn('2026-11-14T23:59:59') }, w)?.cameIn).toBe('carriedOver');
    expect(classifyDossier({ ...base, receivedAt: vn('2026-11-15T00:00:00') }, w)?.cameIn).toBe('receivedOnline');
  });

  it('not handled: received after the window, or ended before it began', () => {
    expect(classifyDossier({ ...base, receivedAt: vn('2026-12-15T00:00:00') }, w)).toBeNull();
    const endedBefore = { ...base, receivedAt: vn('2026-10-01T08:00:00'), dueAt: vn('2026-10-30T16:00:00'), completedAt: vn('2026-11-14T17:00:00'), ending: 'RESOLVED' as const };
    expect(classifyDossier(endedBefore, w)).toBeNull();
    // ended on the window's first instant: carried over and resolved in it
    expect(classifyDossier({ ...endedBefore, completedAt: vn('2026-11-15T00:00:00') }, w)).toEqual({ cameIn: 'carriedOver', stands: 'resolvedLate' });
  });

  it('endings in the window; an ending after the window is in progress at its end', () => {
    const done = { ...base, completedAt: vn('2026-11-25T10:00:00') };
    expect(classifyDossier({ ...done, ending: 'RESOLVED' }, w)?.stands).toBe('resolvedEarly');
    expect(classifyDossier({ ...done, ending: 'WITHDRAWN' }, w)?.stands).toBe('withdrawn');
    expect(classifyDossier({ ...done, ending: 'REJECTED' }, w)?.stands).toBe('rejected');
    const after = { ...base, dueAt: vn('2026-12-20T16:00:00'), completedAt: vn('2026-12-16T10:00:00'), ending: 'RESOLVED' as const };
    expect(classifyDossier(after, w)?.stands).toBe('inProgressOnTime');
  });

  it('in progress: overdue by asOf, or by the instant its pause began', () => {
    const open = { ...base, dueAt: vn('2026-12-10T16:00:00') };
    expect(classifyDossier(open, w)?.stands).toBe('inProgressOverdue');
    expect(classifyDossier({ ...open, pausedAt: vn('2026-12-05T09:00:00') }, w)?.stands).toBe('inProgressOnTime');
    // a pause that began after asOf does not stop the window's clock
    expect(classifyDossier({ ...open, pausedAt: vn('2026-12-20T09:00:00') }, w)?.stands).toBe('inProgressOverdue');
    expect(classifyDossier({ ...open, dueAt: null }, w)?.stands).toBe('inProgressOnTime');
    const early = statisticsWindow('2026-11-15', '2026-12-14', vn('2026-12-01T10:00:00'));
    expect(classifyDossier(open, early)?.stands).toBe('inProgressOnTime');
    // not yet received at asOf (a window in the future): not counted
    expect(classifyDossier({ ...open, receivedAt: vn('2026-12-02T10:00:00') }, early)).toBeNull();
  });

  it('counts a set of dossiers (hand-computed) and every handled one balances', () => {
    const facts: DossierStatFact[] = [
      base, // online, overdue
      { ...base, channel: 'COUNTER', completedAt: vn('2026-11-27T15:00:00'), ending: 'RESOLVED' }, // on time
      { ...base, channel: 'COUNTER', completedAt: vn('2026-11-21T15:00:00'), ending: 'RESOLVED' }, // early
      { ...base, channel: 'POSTAL', completedAt: vn('2026-11-28T08:00:00'), ending: 'RESOLVED' }, // late
      { ...base, receivedAt: vn('2026-10-20T08:00:00'), dueAt: vn('2026-12-30T16:00:00') }, // carried, on time
      { ...base, receivedAt: vn('2026-10-20T08:00:00'), completedAt: vn('2026-11-01T08:00:00'), ending: 'RESOLVED' }, // before: none
      { ...base, completedAt: vn('2026-11-22T08:00:00'), ending: 'WITHDRAWN' },
      { ...base, channel: 'COUNTER', completedAt: vn('2026-11-22T08:00:00'), ending: 'REJECTED' },
    ];
    const c = countDossiers(facts, w);
    expect(c).toEqual({
      ...emptyCounts(),
      carriedOver: 1,
      receivedOnline: 2,
      receivedCounter: 3,
      receivedPostal: 1,
      resolvedEarly: 1,
      resolvedOnTime: 1,
      resolvedLate: 1,
      inProgressOnTime: 1,
      inProgressOverdue: 1,
      withdrawn: 1,
      rejected: 1,
    });
    const r = statisticsRow('x', 'x', c);
    expect(r.carriedOver + r.received).toBe(r.resolved + r.withdrawn + r.rejected + r.inProgress);
    expect(r.onTimeRate).toBe(66.67);
  });

  it('endingOf maps statuses', () => {
    expect(['RESULT_READY', 'DELIVERED', 'WITHDRAWN', 'REJECTED', 'STOPPED', 'PROCESSING', 'SUBMITTED'].map(endingOf)).toEqual([
      'RESOLVED',
      'RESOLVED',
      'WITHDRAWN',
      'REJECTED',
      'REJECTED',
      null,
      null,
    ]);
  });
});

describe('report periods (NĐ 09/2019 cut-off: 15th to 14th)', () => {
  it('report month of a date', () => {
    expect(reportMonthOf('2026-11-14')).toBe('2026-11');
    expect(reportMonthOf('2026-11-15')).toBe('2026-12');
    expect(reportMonthOf('2026-12-14')).toBe('2026-12');
    expect(reportMonthOf('2026-12-15')).toBe('2027-01');
    expect(reportMonthOf('2027-01-14')).toBe('2027-01');
    expect(reportMonthOf('2027-02-28')).toBe('2027-03');
    expect(reportMonthOf('2028-02-29')).toBe('2028-03');
    expect(reportMonthOf('2027-03-14')).toBe('2027-03');
    // another cut-off: the 20th
    expect(reportMonthOf('2026-11-20', 20)).toBe('2026-11');
    expect(reportMonthOf('2026-11-21', 20)).toBe('2026-12');
    expect(() => reportMonthOf('2026-11-21', 28)).toThrow(RangeError);
  });

  it('the four periods containing a date', () => {
    expect(reportPeriodOf('MONTH', '2026-12-04')).toEqual({ period: 'MONTH', key: '2026-12', from: '2026-11-15', to: '2026-12-14' });
    expect(reportPeriodOf('MONTH', '2026-12-20')).toEqual({ period: 'MONTH', key: '2027-01', from: '2026-12-15', to: '2027-01-14' });
    expect(reportPeriodOf('MONTH', '2027-03-01')).toEqual({ period: 'MONTH', key: '2027-03', from: '2027-02-15', to: '2027-03-14' });
    expect(reportPeriodOf('QUARTER', '2026-12-04')).toEqual({ period: 'QUARTER', key: '2026-Q4', from: '2026-09-15', to: '2026-12-14' });
    expect(reportPeriodOf('QUARTER', '2026-12-15')).toEqual({ period: 'QUARTER', key: '2027-Q1', from: '2026-12-15', to: '2027-03-14' });
    expect(reportPeriodOf('QUARTER', '2026-06-14')).toEqual({ period: 'QUARTER', key: '2026-Q2', from: '2026-03-15', to: '2026-06-14' });
    expect(reportPeriodOf('HALF_YEAR', '2026-06-14')).toEqual({ period: 'HALF_YEAR', key: '2026-H1', from: '2025-12-15', to: '2026-06-14' });
    expect(reportPeriodOf('HALF_YEAR', '2026-06-15')).toEqual({ period: 'HALF_YEAR', key: '2026-H2', from: '2026-06-15', to: '2026-12-14' });
    expect(reportPeriodOf('YEAR', '2026-12-14')).toEqual({ period: 'YEAR', key: '2026', from: '2025-12-15', to: '2026-12-14' });
    expect(reportPeriodOf('YEAR', '2026-12-15')).toEqual({ period: 'YEAR', key: '2027', from: '2026-12-15', to: '2027-12-14' });
    expect(shiftPeriod(reportPeriodOf('MONTH', '2026-01-01'), -1).key).toBe('2025-12');
    expect(shiftPeriod(reportPeriodOf('QUARTER', '2026-12-01'), 1).key).toBe('2027-Q1');
  });

  it('deadlines: month before the 22nd, quarter before the 5th of its last month, year 1 Dec (agency) / 15 Dec (province)', () => {
    const m = reportPeriodOf('MONTH', '2026-12-04');
    expect(reportDeadline(m, 'AGENCY')).toBe('2026-12-22');
    expect(reportDeadline(m, 'PROVINCE')).toBe('2026-12-22');
    expect(reportDeadline(reportPeriodOf('QUARTER', '2026-12-04'), 'PROVINCE')).toBe('2026-12-05');
    expect(reportDeadline(reportPeriodOf('HALF_YEAR', '2026-12-04'), 'AGENCY')).toBe('2026-12-22');
    expect(reportDeadline(reportPeriodOf('YEAR', '2026-12-04'), 'AGENCY')).toBe('2026-12-01');
    expect(reportDeadline(reportPeriodOf('YEAR', '2026-12-04'), 'PROVINCE')).toBe('2026-12-15');
  });

  it('the reports due on a day, 2 days ahead of their deadline', () => {
    const keys = (today: string, level: 'AGENCY' | 'PROVINCE') => reportsDue(today, level, 2).map((r) => `${r.period} ${r.key} ${r.dueBy}`);
    expect(keys('2026-12-19', 'PROVINCE')).toEqual([]);
    expect(keys('2026-12-20', 'PROVINCE')).toEqual(['MONTH 2026-12 2026-12-22', 'HALF_YEAR 2026-H2 2026-12-22']);
    expect(keys('2026-12-21', 'AGENCY')).toEqual(['MONTH 2026-12 2026-12-22', 'HALF_YEAR 2026-H2 2026-12-22']);
    expect(keys('2026-12-22', 'AGENCY')).toEqual([]);
    expect(keys('2026-12-03', 'PROVINCE')).toEqual(['QUARTER 2026-Q4 2026-12-05']);
    expect(keys('2026-11-29', 'AGENCY')).toEqual(['YEAR 2026 2026-12-01']);
    expect(keys('2026-11-29', 'PROVINCE')).toEqual([]);
    expect(keys('2026-12-13', 'PROVINCE')).toEqual(['YEAR 2026 2026-12-15']);
    // January's month report (15 Dec – 14 Jan), due before 22 Jan
    expect(keys('2027-01-21', 'PROVINCE')).toEqual(['MONTH 2027-01 2027-01-22']);
  });

  it('months of a window, labels and titles', () => {
    expect(reportMonthsBetween('2026-10-01', '2026-12-20')).toEqual(['2026-10', '2026-11', '2026-12', '2027-01']);
    expect(reportMonthLabel('2026-12')).toBe('Tháng 12/2026 (15/11–14/12)');
    expect(reportMonthLabel('2027-01')).toBe('Tháng 01/2027 (15/12–14/01)');
    expect(periodTitle(reportPeriodOf('QUARTER', '2026-12-04'))).toBe('Quý IV/2026');
    expect(periodTitle(reportPeriodOf('HALF_YEAR', '2026-12-04'))).toBe('6 tháng cuối năm 2026');
    expect(periodTitle(reportPeriodOf('YEAR', '2026-12-04'))).toBe('Năm 2026');
    expect(dateWindow('2026-12-01', '2026-12-01').end.getTime() - dateWindow('2026-12-01', '2026-12-01').start.getTime()).toBe(86400_000);
  });
});
