import type { Db } from '../db/sql';
import type { Viewer } from '../auth/viewer';
import { mayReadReport, statisticsScope } from '../auth/access';
import { badInput, msg } from '../errors';
import { isCalendarDate } from '../schema/scalars';
import { vnDate } from '../domain/vn-time';
import {
  CHANNELS,
  CHANNEL_LABELS,
  addCounts,
  emptyCounts,
  reportMonthOf,
  reportMonthLabel,
  reportMonthsBetween,
  reportPeriodOf,
  statisticsRow,
  statisticsWindow,
  withTotal,
  type CountColumn,
  type StatisticsCounts,
  type StatisticsRow,
  type ReportPeriod,
} from '../domain/statistics';
import {
  agencyNodes,
  fillStatDays,
  listReports,
  procedureSectors,
  reportById,
  statisticsFlows,
  statisticsSums,
  type AgencyNode,
  type ReportRecord,
  type StatFlow,
  type StatKey,
  type StatSums,
} from '../stores/statistics.store';

/** The contract's StatisticsGroup, and DAY (the hub's own: the dashboard's trend per day). */
export type StatisticsGrouping = 'AGENCY' | 'SECTOR' | 'PROCEDURE' | 'CHANNEL' | 'MONTH' | 'DAY';

/** A row with where it sits in the agency tree (AGENCY grouping; the XLSX indents by it). */
export type GroupedRow = StatisticsRow & { depth?: number };

const CAME_IN: readonly CountColumn[] = ['carriedOver', 'receivedOnline', 'receivedCounter', 'receivedPostal'];
const STANDS: readonly CountColumn[] = ['resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'inProgressOnTime', 'inProgressOverdue', 'withdrawn', 'rejected'];

export interface StatisticsRequest {
  agencyCode: string | null;
  from: string;
  to: string;
  groupBy: StatisticsGrouping;
}

/** Checks the dates: YYYY-MM-DD, to not before from, at most about two years. */
function checkDates(from: string, to: string): void {
  if (!isCalendarDate(from)) throw badInput('from', msg('Ngày bắt đầu (from) phải có dạng YYYY-MM-DD', 'from must be YYYY-MM-DD'));
  if (!isCalendarDate(to)) throw badInput('to', msg('Ngày kết thúc (to) phải có dạng YYYY-MM-DD', 'to must be YYYY-MM-DD'));
  if (to < from) throw badInput('to', msg('Ngày kết thúc (to) không được trước ngày bắt đầu (from)', 'to must not be before from'));
  if ((Date.parse(to) - Date.parse(from)) / 86400_000 > 731) throw badInput('to', msg('Kỳ thống kê dài tối đa hai năm', 'statistics cover at most two years'));
}

/** The query processingStatistics: the viewer's scope (src/auth/access.ts), then the rows with their TOTAL. */
export async function readProcessingStatistics(db: Db, viewer: Viewer, r: StatisticsRequest, now: Date, cutoffDay: number): Promise<GroupedRow[]> {
  const agencies = await agencyNodes(db);
  const scope = statisticsScope(viewer, r.agencyCode, agencies);
  checkDates(r.from, r.to);
  if (r.groupBy === 'DAY' && (Date.parse(r.to) - Date.parse(r.from)) / 86400_000 > 92) {
    throw badInput('to', msg('Thống kê theo ngày dài tối đa 93 ngày', 'statistics per day cover at most 93 days'));
  }
  return processingStatistics(db, { ...r, agencyIds: scope, agencies }, now, cutoffDay);
}

/** The rows of a scope already decided (the feed and the reports call this; no access check). */
export async function processingStatistics(
  db: Db,
  r: StatisticsRequest & { agencyIds: readonly string[] | null; agencies?: AgencyNode[]; /** count every row (tests compare the two ways) */ rowByRow?: boolean },
  now: Date,
  cutoffDay: number,
): Promise<GroupedRow[]> {
  const w = statisticsWindow(r.from, r.to, now);
  const by: StatKey = r.groupBy === 'SECTOR' ? 'PROCEDURE' : r.groupBy;
  const q = { agencyIds: r.agencyIds, start: w.start, end: w.end, asOf: w.asOf, by, cutoffDay };
  const byKey =
    by === 'PROCEDURE' || r.rowByRow
      ? countsByKey(await statisticsSums(db, q), by)
      : countsFromFlows(await statisticsFlows(db, { ...q, from: r.from, to: r.to, liveFromDay: await liveFrom(db, now, w.asOf) }), by, r, cutoffDay);
  const rows: GroupedRow[] = [];
  const row = (key: string, label: string, counts: StatisticsCounts | undefined, extra: { depth?: number } = {}) =>
    rows.push({ ...statisticsRow(key, label, counts ?? emptyCounts()), ...extra });

  switch (r.groupBy) {
    case 'AGENCY': {
      const agencies = r.agencies ?? (await agencyNodes(db));
      for (const { agency, depth } of agencyTreeOrder(agencies, r.agencyIds)) row(agency.code, agency.name, byKey.get(agency.id), { depth });
      break;
    }
    case 'PROCEDURE':
    case 'SECTOR': {
      const procedures = new Map((await procedureSectors(db)).map((p) => [p.id, p]));
      const groups = new Map<string, { label: string; counts: StatisticsCounts }>();
      for (const [id, counts] of byKey) {
        const p = procedures.get(id);
        const key = r.groupBy === 'SECTOR' ? (p?.sectorCode ?? '?') : (p?.code ?? id);
        const label = r.groupBy === 'SECTOR' ? (p?.sectorName ?? 'Không rõ lĩnh vực') : (p?.name ?? 'Không rõ thủ tục');
        const g = groups.get(key) ?? groups.set(key, { label, counts: emptyCounts() }).get(key)!;
        addCounts(g.counts, counts);
      }
      for (const [key, g] of [...groups].sort(([a], [b]) => a.localeCompare(b))) row(key, g.label, g.counts);
      break;
    }
    case 'CHANNEL':
      for (const c of CHANNELS) row(c, CHANNEL_LABELS[c], byKey.get(c));
      break;
    case 'MONTH':
      for (const m of reportMonthsBetween(r.from, r.to, cutoffDay)) row(m, reportMonthLabel(m, cutoffDay), byKey.get(m));
      break;
    case 'DAY':
      for (let d = r.from; d <= r.to; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10)) {
        row(d, `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`, byKey.get(d));
      }
      break;
  }
  return withTotal(rows);
}

/**
 * The first day the statistics read row by row: the closed days before it come summed
 * (dossier_stat_day, summed up to yesterday on first use); never after the day of asOf, so that
 * nothing received after asOf is counted.
 */
async function liveFrom(db: Db, now: Date, asOf: Date): Promise<string> {
  const day = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
  const filled = await fillStatDays(db, day(vnDate(now), -1));
  const afterFilled = filled ? day(filled, 1) : '0001-01-01';
  const asOfDay = vnDate(asOf);
  return afterFilled < asOfDay ? afterFilled : asOfDay;
}

/** Row-by-row sums (statisticsSums) under their keys: MONTH, DAY: what came in under key, where it stands under key2. */
function countsByKey(sums: StatSums[], by: StatKey): Map<string, StatisticsCounts> {
  const byKey = new Map<string, StatisticsCounts>();
  const at = (k: string) => byKey.get(k) ?? byKey.set(k, emptyCounts()).get(k)!;
  const two = by === 'MONTH' || by === 'DAY';
  for (const s of sums) {
    for (const c of CAME_IN) at(s.key)[c] += s[c];
    for (const c of STANDS) at(two ? s.key2 : s.key)[c] += s[c];
  }
  return byKey;
}

/**
 * Summed flows (statisticsFlows) under their keys. In progress = carried over + received − ended
 * (per key; for MONTH and DAY all of it in the last key, with the carried over in the first),
 * of which overdue as the store counted the open dossiers.
 */
function countsFromFlows(flows: StatFlow[], by: StatKey, r: { from: string; to: string }, cutoffDay: number): Map<string, StatisticsCounts> {
  const byKey = new Map<string, StatisticsCounts>();
  const at = (k: string) => byKey.get(k) ?? byKey.set(k, emptyCounts()).get(k)!;
  const time = by === 'MONTH' || by === 'DAY';
  const first = by === 'MONTH' ? reportMonthOf(r.from, cutoffDay) : r.from;
  const last = by === 'MONTH' ? reportMonthOf(r.to, cutoffDay) : r.to;
  // the store keys MONTH by day
  if (by === 'MONTH') flows = flows.map((f) => ({ ...f, key: reportMonthOf(f.key, cutoffDay), key2: reportMonthOf(f.key2, cutoffDay) }));
  const open = new Map<string, { inProgress: number; overdue: number }>();
  const openAt = (k: string) => open.get(k) ?? open.set(k, { inProgress: 0, overdue: 0 }).get(k)!;
  for (const f of flows) {
    const received = f.receivedOnline + f.receivedCounter + f.receivedPostal;
    const ended = f.resolvedEarly + f.resolvedOnTime + f.resolvedLate + f.withdrawn + f.rejected;
    at(time ? first : f.key).carriedOver += f.carriedOver;
    for (const c of ['receivedOnline', 'receivedCounter', 'receivedPostal'] as const) at(f.key)[c] += f[c];
    for (const c of ['resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'withdrawn', 'rejected'] as const) at(time ? f.key2 : f.key)[c] += f[c];
    const o = openAt(time ? last : f.key);
    o.inProgress += f.carriedOver + received - ended;
    o.overdue += f.overdue;
  }
  for (const [k, o] of open) {
    const c = at(k);
    c.inProgressOverdue = o.overdue;
    c.inProgressOnTime = Math.max(0, o.inProgress - o.overdue);
  }
  return byKey;
}

/**
 * The agencies of a scope (null: all) depth-first from the top (children by code), each with its
 * depth below the scope's top agencies: the order and indentation of the national form.
 */
export function agencyTreeOrder(agencies: readonly AgencyNode[], scope: readonly string[] | null): { agency: AgencyNode; depth: number }[] {
  const inScope = scope ? new Set(scope) : null;
  const children = new Map<string | null, AgencyNode[]>();
  for (const a of [...agencies].sort((x, y) => x.code.localeCompare(y.code))) {
    children.set(a.parentId, [...(children.get(a.parentId) ?? []), a]);
  }
  const out: { agency: AgencyNode; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (a: AgencyNode, depth: number) => {
    if (seen.has(a.id)) return;
    seen.add(a.id);
    const counted = !inScope || inScope.has(a.id);
    if (counted) out.push({ agency: a, depth });
    for (const c of children.get(a.id) ?? []) walk(c, counted ? depth + 1 : depth);
  };
  const ids = new Set(agencies.map((a) => a.id));
  for (const a of agencies) if (a.parentId === null || !ids.has(a.parentId)) walk(a, 0);
  return out;
}

/** The current report month up to today (Vietnam dates): the window processingStatisticsUpdated pushes. */
export function currentReportMonth(now: Date, cutoffDay: number): { from: string; to: string } {
  const today = vnDate(now);
  const span = reportPeriodOf('MONTH', today, cutoffDay);
  return { from: span.from, to: span.to };
}


// ------------------------------------------------------------------ reports

/**
 * The query reports(period, agencyCode, first): newest period first. ADMIN and OBSERVER read
 * every report (the province's and each agency's); staff those of their agencies and those below.
 * agencyCode: only that agency's reports (in the viewer's scope).
 */
export async function readReports(db: Db, viewer: Viewer, q: { period: ReportPeriod | null; agencyCode: string | null; first: number }): Promise<ReportRecord[]> {
  const agencies = await agencyNodes(db);
  const scope = statisticsScope(viewer, q.agencyCode, agencies);
  const limit = Math.max(0, Math.min(q.first, 100));
  if (q.agencyCode !== null) {
    const id = agencies.find((a) => a.code === q.agencyCode)!.id;
    return listReports(db, { period: q.period, agencyIds: [id], province: false, limit });
  }
  return listReports(db, { period: q.period, agencyIds: scope, province: scope === null, limit });
}

/** A report by id for node(id), when the viewer may read it. */
export async function readReport(db: Db, viewer: Viewer, id: string): Promise<ReportRecord | null> {
  const r = await reportById(db, id);
  return r && mayReadReport(viewer, r.agencyId, await agencyNodes(db)) ? r : null;
}
