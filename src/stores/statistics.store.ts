import { sql, type Db, type Sql } from '../db/sql';
import type { CountColumn, ReportPeriod } from '../domain/statistics';

/**
 * Processing statistics (src/domain/statistics.ts says what counts) over dossier_stat, the
 * narrow rows kept by a trigger with every dossier change (migration …000030_statistics), and
 * the kept reports. One statement per request: the dossiers received in the window (receipt-time
 * index) and those carried over into it (open_until index), counted with the filters of
 * `classifyDossier`, grouped by one key.
 */

/**
 * What the sums are grouped by: a column of the row, or for MONTH / DAY two keys — when it came
 * in (receipt, or the window's start for carried over) and when it stood (its ending, or the
 * window's last instant for in progress); the caller puts each column under its key.
 */
export type StatKey = 'AGENCY' | 'PROCEDURE' | 'CHANNEL' | 'MONTH' | 'DAY' | 'NONE';

export interface StatWindowQuery {
  /** The agencies counted; null: every agency (the province). */
  agencyIds: readonly string[] | null;
  start: Date;
  end: Date;
  asOf: Date;
  by: StatKey;
  /** Report months' cut-off day (MONTH). */
  cutoffDay: number;
}

export type StatSums = { key: string; key2: string } & Record<CountColumn, number>;

const TZ = sql.raw(`'Asia/Ho_Chi_Minh'`);

function keysOf(q: StatWindowQuery): { came: Sql; stood: Sql } {
  const cameAt = sql`greatest(s.received_at, ${q.start}::timestamptz)`;
  const stoodAt = sql`case when s.ended then s.completed_at else ${new Date(q.end.getTime() - 1)}::timestamptz end`;
  const month = (t: Sql) => sql`to_char((((${t}) at time zone ${TZ}) - make_interval(days => ${q.cutoffDay}::int))::date + interval '1 month', 'YYYY-MM')`;
  const day = (t: Sql) => sql`to_char((${t}) at time zone ${TZ}, 'YYYY-MM-DD')`;
  switch (q.by) {
    case 'AGENCY':
      return { came: sql`s.agency_id::text`, stood: sql`''` };
    case 'PROCEDURE':
      return { came: sql`s.procedure_id::text`, stood: sql`''` };
    case 'CHANNEL':
      return { came: sql`s.channel`, stood: sql`''` };
    case 'MONTH':
      return { came: month(cameAt), stood: month(stoodAt) };
    case 'DAY':
      return { came: day(cameAt), stood: day(stoodAt) };
    case 'NONE':
      return { came: sql`''`, stood: sql`''` };
  }
}

/** The counted columns of the window, per key (bigint counts come back as numbers). */
export async function statisticsSums(db: Db, q: StatWindowQuery): Promise<StatSums[]> {
  const scoped = q.agencyIds ? sql` and agency_id = any(${sql.array(q.agencyIds, 'uuid')})` : sql.empty;
  const cols = sql.raw('agency_id, procedure_id, channel, received_at, due_at, completed_at, paused_at, ending');
  const { came, stood } = keysOf(q);
  const resolved = sql`s.ended and s.ending = 'RESOLVED'`;
  const late = sql`s.due_at is not null and s.completed_at > s.due_at`;
  const early = sql`s.due_at is not null and s.completed_at <= s.due_at and (s.completed_at at time zone ${TZ})::date < (s.due_at at time zone ${TZ})::date`;
  const clock = sql`case when s.paused_at is not null and s.paused_at < ${q.asOf}::timestamptz then s.paused_at else ${q.asOf}::timestamptz end`;
  const rows = await db.all<Record<string, string | number>>(sql`
    select ${came} as key, ${stood} as key2,
      count(*) filter (where s.received_at < ${q.start}::timestamptz)::int as carried_over,
      count(*) filter (where s.received_at >= ${q.start}::timestamptz and s.channel = 'ONLINE')::int as received_online,
      count(*) filter (where s.received_at >= ${q.start}::timestamptz and s.channel = 'POSTAL')::int as received_postal,
      count(*) filter (where s.received_at >= ${q.start}::timestamptz and s.channel not in ('ONLINE', 'POSTAL'))::int as received_counter,
      count(*) filter (where ${resolved} and ${early})::int as resolved_early,
      count(*) filter (where ${resolved} and ${late})::int as resolved_late,
      count(*) filter (where ${resolved} and not (${late}) and not (${early}))::int as resolved_on_time,
      count(*) filter (where s.ended and s.ending = 'WITHDRAWN')::int as withdrawn,
      count(*) filter (where s.ended and s.ending = 'REJECTED')::int as rejected,
      count(*) filter (where not s.ended and s.due_at is not null and ${clock} > s.due_at)::int as in_progress_overdue,
      count(*) filter (where not s.ended and not (s.due_at is not null and ${clock} > s.due_at))::int as in_progress_on_time
    from (
      select f.*, (f.completed_at is not null and f.completed_at < ${q.end}::timestamptz and f.ending is not null) as ended
        from (
          select ${cols} from dossier_stat
           where received_at >= ${q.start}::timestamptz and received_at < ${q.end}::timestamptz and received_at <= ${q.asOf}::timestamptz${scoped}
          union all
          select ${cols} from dossier_stat
           where open_until >= ${q.start}::timestamptz and received_at < ${q.start}::timestamptz and received_at <= ${q.asOf}::timestamptz${scoped}
        ) f
    ) s
    group by 1, 2`);
  return rows.map((r) => ({
    key: String(r.key),
    key2: String(r.key2),
    carriedOver: Number(r.carried_over),
    receivedOnline: Number(r.received_online),
    receivedCounter: Number(r.received_counter),
    receivedPostal: Number(r.received_postal),
    resolvedEarly: Number(r.resolved_early),
    resolvedOnTime: Number(r.resolved_on_time),
    resolvedLate: Number(r.resolved_late),
    inProgressOnTime: Number(r.in_progress_on_time),
    inProgressOverdue: Number(r.in_progress_overdue),
    withdrawn: Number(r.withdrawn),
    rejected: Number(r.rejected),
  }));
}

// ------------------------------------------------------------------ closed days (the fast path)

/** Vietnam midnight starting a day, as SQL. */
const dayStart = (day: Sql) => sql`((${day})::timestamp at time zone ${TZ})`;
/** Early and late of a resolved row (src/domain/statistics.ts completionTiming). */
const EARLY = sql`(due_at is not null and completed_at <= due_at and (completed_at at time zone ${TZ})::date < (due_at at time zone ${TZ})::date)`;
const LATE = sql`(due_at is not null and completed_at > due_at)`;
/** The instant a row stops being overdue (migration …000030 dossier_stat_overdue_stop; its index). */
const STOP = sql`dossier_stat_overdue_stop(completed_at, paused_at, due_at)`;

/**
 * Sums the closed days up to `throughDay` (a Vietnam date) not summed yet into dossier_stat_day
 * (one statement over the new days' rows, under the fill row's lock so that two readers do not
 * sum the same days); answers the last summed day. Cheap when nothing is new: one read.
 */
export async function fillStatDays(db: Db, throughDay: string): Promise<string | null> {
  const now = await db.one<{ f: string | null }>(sql`select filled_through::text as f from dossier_stat_fill`);
  if (now?.f && now.f >= throughDay) return now.f;
  return db.transaction(async (tx) => {
    const r = await tx.one<{ f: string | null }>(sql`select filled_through::text as f from dossier_stat_fill for update`);
    const f = r?.f ?? null;
    if (f && f >= throughDay) return f;
    const lo = f ? dayStart(sql`${f}::date + 1`) : sql`'-infinity'::timestamptz`;
    const hi = dayStart(sql`${throughDay}::date + 1`);
    await tx.all(sql`delete from dossier_stat_day where day > coalesce(${f}::date, '-infinity'::date)`);
    await tx.all(sql`
      insert into dossier_stat_day (day, agency_id, channel, received, completed, resolved_early, resolved_on_time, resolved_late, withdrawn, rejected,
                                    overdue_started, overdue_stopped)
      select day, agency_id, channel, sum(received), sum(completed), sum(early), sum(on_time), sum(late), sum(withdrawn), sum(rejected), sum(od_start), sum(od_stop)
        from (
          select (received_at at time zone ${TZ})::date as day, agency_id, channel, 1 as received, 0 as completed, 0 as early, 0 as on_time, 0 as late, 0 as withdrawn,
                 0 as rejected, 0 as od_start, 0 as od_stop
            from dossier_stat where received_at >= ${lo} and received_at < ${hi}
          union all
          select (completed_at at time zone ${TZ})::date, agency_id, channel, 0, 1,
                 (ending = 'RESOLVED' and ${EARLY})::int, (ending = 'RESOLVED' and not ${EARLY} and not ${LATE})::int, (ending = 'RESOLVED' and ${LATE})::int,
                 (ending = 'WITHDRAWN')::int, (ending = 'REJECTED')::int, 0, 0
            from dossier_stat where open_until >= ${lo} and open_until < ${hi}
          union all
          select (due_at at time zone ${TZ})::date, agency_id, channel, 0, 0, 0, 0, 0, 0, 0, 1, 0
            from dossier_stat where due_at >= ${lo} and due_at < ${hi}
             and (${STOP} is null or (due_at at time zone ${TZ})::date < (${STOP} at time zone ${TZ})::date)
          union all
          select (${STOP} at time zone ${TZ})::date, agency_id, channel, 0, 0, 0, 0, 0, 0, 0, 0, 1
            from dossier_stat where ${STOP} >= ${lo} and ${STOP} < ${hi} and (due_at at time zone ${TZ})::date < (${STOP} at time zone ${TZ})::date
        ) x
       group by 1, 2, 3`);
    await tx.all(sql`update dossier_stat_fill set filled_through = ${throughDay}::date`);
    return throughDay;
  });
}

/** The window's flows per key: what came in (key), what ended (key2), what is open and overdue at its end. */
export type StatFlow = {
  key: string;
  key2: string;
  /** Received before the window and not ended before it (a part may be negative: the caller adds up). */
  carriedOver: number;
  receivedOnline: number;
  receivedCounter: number;
  receivedPostal: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  withdrawn: number;
  rejected: number;
  /** Open at the window's end and overdue by its clock. */
  overdue: number;
};

const toFlow = (r: Record<string, string | number | null>): StatFlow => ({
  key: String(r.key),
  key2: String(r.key2 ?? r.key),
  carriedOver: Number(r.carried ?? 0),
  receivedOnline: Number(r.r_online ?? 0),
  receivedCounter: Number(r.r_counter ?? 0),
  receivedPostal: Number(r.r_postal ?? 0),
  resolvedEarly: Number(r.early ?? 0),
  resolvedOnTime: Number(r.on_time ?? 0),
  resolvedLate: Number(r.late ?? 0),
  withdrawn: Number(r.withdrawn ?? 0),
  rejected: Number(r.rejected ?? 0),
  overdue: Number(r.overdue ?? 0),
});

/**
 * The window's flows (AGENCY, CHANNEL, MONTH, DAY) in three statements: the summed closed days
 * before `liveFromDay` (dossier_stat_day), the rows of the days since (dossier_stat), and — unless
 * the summed days already answer it (a window over and summed: overdue at its end = the
 * overdue intervals begun minus those stopped by then) — the dossiers open at the window's end
 * with their overdue clock. Keys: agency id, channel, or for MONTH and DAY the Vietnam day
 * (YYYY-MM-DD; the caller takes the month): key = the day things came in, key2 = the day they
 * ended. In progress is what came in less what ended (the caller's arithmetic).
 */
export async function statisticsFlows(db: Db, q: StatWindowQuery & { from: string; to: string; liveFromDay: string }): Promise<StatFlow[]> {
  const scoped = q.agencyIds ? sql` and agency_id = any(${sql.array(q.agencyIds, 'uuid')})` : sql.empty;
  const from = sql`${q.from}::date`;
  const X = dayStart(sql`${q.liveFromDay}::date`);
  const S = sql`${q.start}::timestamptz`;
  const E = sql`${q.end}::timestamptz`;
  const asOf = sql`${q.asOf}::timestamptz`;
  const time = q.by === 'MONTH' || q.by === 'DAY';
  const summedToEnd = q.asOf.getTime() === q.end.getTime() && q.liveFromDay > q.to;
  // While the window runs (asOf = now, before its end) overdue is judged at asOf: the intervals
  // begun minus stopped on the summed days, then those of the rows since (below).
  const runningSummed = q.asOf.getTime() < q.end.getTime();
  // closed days, grouped by the key itself
  const groupA = q.by === 'AGENCY' ? sql`agency_id` : q.by === 'CHANNEL' ? sql`channel` : time ? sql`greatest(day, ${from})` : sql`1`;
  const keyA = q.by === 'AGENCY' ? sql`agency_id::text` : q.by === 'CHANNEL' ? sql`channel` : time ? sql`to_char(greatest(day, ${from}), 'YYYY-MM-DD')` : sql`''`;
  const a = await db.all<Record<string, string | number>>(sql`
    select ${keyA} as key,
           sum(case when day < ${from} then received - completed else 0 end) as carried,
           sum(case when day >= ${from} and channel = 'ONLINE' then received else 0 end) as r_online,
           sum(case when day >= ${from} and channel not in ('ONLINE', 'POSTAL') then received else 0 end) as r_counter,
           sum(case when day >= ${from} and channel = 'POSTAL' then received else 0 end) as r_postal,
           sum(case when day >= ${from} then resolved_early else 0 end) as early,
           sum(case when day >= ${from} then resolved_on_time else 0 end) as on_time,
           sum(case when day >= ${from} then resolved_late else 0 end) as late,
           sum(case when day >= ${from} then withdrawn else 0 end) as withdrawn,
           sum(case when day >= ${from} then rejected else 0 end) as rejected,
           ${summedToEnd || runningSummed ? sql`sum(overdue_started - overdue_stopped)` : sql`0`} as overdue
      from dossier_stat_day where day < ${q.liveFromDay}::date and day <= ${q.to}::date${scoped}
     group by ${groupA}`);
  // the rows since
  const vnDay = (t: Sql) => sql`to_char((${t}) at time zone ${TZ}, 'YYYY-MM-DD')`;
  const plain = q.by === 'AGENCY' ? sql`agency_id::text` : q.by === 'CHANNEL' ? sql`channel` : null;
  const kB = plain ?? (time ? vnDay(sql`greatest(received_at, ${S})`) : sql`''`);
  const kB2 = plain ?? (time ? vnDay(sql`greatest(coalesce(completed_at, received_at), ${S})`) : sql`''`);
  const doneIn = sql`completed_at >= ${X} and completed_at >= ${S} and completed_at < ${E}`;
  const cols = sql.raw('agency_id, channel, received_at, due_at, completed_at, paused_at, ending');
  const b = await db.all<Record<string, string | number>>(sql`
    select ${kB} as key, ${kB2} as key2,
           sum((case when received_at >= ${X} and received_at < ${S} then 1 else 0 end) - (case when completed_at >= ${X} and completed_at < ${S} then 1 else 0 end)) as carried,
           count(*) filter (where received_at >= ${X} and received_at >= ${S} and channel = 'ONLINE') as r_online,
           count(*) filter (where received_at >= ${X} and received_at >= ${S} and channel not in ('ONLINE', 'POSTAL')) as r_counter,
           count(*) filter (where received_at >= ${X} and received_at >= ${S} and channel = 'POSTAL') as r_postal,
           count(*) filter (where ${doneIn} and ending = 'RESOLVED' and ${EARLY}) as early,
           count(*) filter (where ${doneIn} and ending = 'RESOLVED' and not ${EARLY} and not ${LATE}) as on_time,
           count(*) filter (where ${doneIn} and ending = 'RESOLVED' and ${LATE}) as late,
           count(*) filter (where ${doneIn} and ending = 'WITHDRAWN') as withdrawn,
           count(*) filter (where ${doneIn} and ending = 'REJECTED') as rejected
      from (
        select ${cols} from dossier_stat where received_at >= ${X} and received_at < ${E} and received_at <= ${asOf}${scoped}
        union all
        select ${cols} from dossier_stat where open_until >= ${X} and open_until < 'infinity'::timestamptz and open_until < ${E} and received_at < ${X}${scoped}
      ) s
     group by 1, 2`);
  const flows = [...a, ...b].map(toFlow);
  if (runningSummed) {
    // Overdue at asOf (src/domain/statistics.ts: due < clock while open) is due_at < asOf <= the
    // overdue stop: the summed days count the intervals begun and stopped before the live days;
    // here those begun and stopped since, less the dossiers that ended between asOf and the
    // window's end (ended in the window, so not in progress; none when asOf is now).
    const kC = plain ?? sql`''`;
    const c = await db.all<Record<string, string | number>>(sql`
      select key, sum(n) as overdue from (
        select ${kC} as key, count(*) as n from dossier_stat
         where due_at >= ${X} and due_at < ${asOf} and (${STOP} is null or due_at < ${STOP})${scoped} group by 1
        union all
        select ${kC}, -count(*) from dossier_stat
         where ${STOP} >= ${X} and ${STOP} < ${asOf} and due_at < ${STOP}${scoped} group by 1
        union all
        select ${kC}, -count(*) from dossier_stat
         where open_until >= ${asOf} and open_until < ${E} and ending is not null and due_at < ${asOf} and ${STOP} >= ${asOf}${scoped} group by 1
      ) x group by 1`);
    flows.push(...c.map((r) => toFlow({ ...r, key: time ? q.to : r.key })));
  } else if (!summedToEnd) {
    // open at the window's end: overdue by the clock of src/domain/statistics.ts
    const kC = plain ?? sql`''`;
    const clock = sql`case when paused_at is not null and paused_at < ${asOf} then paused_at else ${asOf} end`;
    const c = await db.all<Record<string, string | number>>(sql`
      select ${kC} as key, count(*) filter (where due_at is not null and ${clock} > due_at) as overdue
        from dossier_stat where open_until >= ${E} and received_at < ${E} and received_at <= ${asOf}${scoped}
       group by 1`);
    flows.push(...c.map((r) => toFlow({ ...r, key: time ? q.to : r.key })));
  }
  return flows;
}

// ------------------------------------------------------------------ names for the rows

/** Every agency with its parent (the tree the scopes and the reports' indentation come from). */
export interface AgencyNode {
  id: string;
  code: string;
  name: string;
  level: string;
  parentId: string | null;
}

export async function agencyNodes(db: Db): Promise<AgencyNode[]> {
  const rows = await db.all<{ id: string; code: string; name: string; level: string; parent_id: string | null }>(
    sql`select id, code, name, level, parent_id from agency order by code`,
  );
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, level: r.level, parentId: r.parent_id }));
}

/** Each procedure's code, name and sector (code, name). */
export async function procedureSectors(db: Db): Promise<{ id: string; code: string; name: string; sectorCode: string; sectorName: string }[]> {
  const rows = await db.all<{ id: string; code: string; name: string; sector_code: string; sector_name: string }>(
    sql`select p.id, p.code, p.name, s.code as sector_code, s.name as sector_name from procedure p join sector s on s.id = p.sector_id`,
  );
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, sectorCode: r.sector_code, sectorName: r.sector_name }));
}

// ------------------------------------------------------------------ reports

export interface ReportRecord {
  id: string;
  period: ReportPeriod;
  agencyId: string | null;
  from: string;
  to: string;
  dueBy: string;
  generatedAt: Date;
  generatedBy: string;
  rows: unknown[];
  xlsxFileId: string;
  csvFileId: string;
}

interface ReportRow {
  id: string;
  period: ReportPeriod;
  agency_id: string | null;
  period_from: string | Date;
  period_to: string | Date;
  due_by: string | Date;
  generated_at: string | Date;
  generated_by: string;
  rows: unknown[];
  xlsx_file_id: string;
  csv_file_id: string;
}

const dateText = (d: string | Date) => (typeof d === 'string' ? d.slice(0, 10) : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`);

const toReport = (r: ReportRow): ReportRecord => ({
  id: r.id,
  period: r.period,
  agencyId: r.agency_id,
  from: dateText(r.period_from),
  to: dateText(r.period_to),
  dueBy: dateText(r.due_by),
  generatedAt: new Date(r.generated_at),
  generatedBy: r.generated_by,
  rows: r.rows,
  xlsxFileId: r.xlsx_file_id,
  csvFileId: r.csv_file_id,
});

/** The report columns as text (dates as YYYY-MM-DD, never shifted by the driver's time zone). */
const REPORT_COLUMNS = sql.raw(
  `id, period, agency_id, period_from::text as period_from, period_to::text as period_to, due_by::text as due_by, generated_at, generated_by, rows, xlsx_file_id, csv_file_id`,
);

/** A kept report of the period starting `from` for the agency (null: the province), or null. */
export async function keptReport(db: Db, period: ReportPeriod, from: string, agencyId: string | null): Promise<ReportRecord | null> {
  const r = await db.one<ReportRow>(
    sql`select ${REPORT_COLUMNS} from report where period = ${period} and period_from = ${from}::date and agency_id is not distinct from ${agencyId}::uuid`,
  );
  return r ? toReport(r) : null;
}

export async function reportById(db: Db, id: string): Promise<ReportRecord | null> {
  const r = await db.one<ReportRow>(sql`select ${REPORT_COLUMNS} from report where id = ${id}::uuid`);
  return r ? toReport(r) : null;
}

/**
 * Keeps a report with its two files, in one statement: the stored_file rows (attached, so the
 * clean-up job leaves them) and the report, replacing the kept one of the same period, first day
 * and agency when `replace` (its files then unattached, for the clean-up job), else the kept one
 * stays and is returned.
 */
export async function keepReport(
  db: Db,
  r: Omit<ReportRecord, 'id'> & { id: string },
  files: { id: string; sha256: string; size: number; mimeType: string; fileName: string }[],
  replace: boolean,
): Promise<ReportRecord> {
  const fileRows = sql.join(
    files.map((f) => sql`(${f.id}::uuid, ${f.sha256}, ${f.size}, ${f.mimeType}, ${f.fileName}, ${r.generatedBy}, ${r.generatedAt}::timestamptz, ${r.generatedAt}::timestamptz)`),
  );
  const conflict = replace
    ? sql`do update set id = excluded.id, period_to = excluded.period_to, due_by = excluded.due_by, generated_at = excluded.generated_at,
           generated_by = excluded.generated_by, rows = excluded.rows, xlsx_file_id = excluded.xlsx_file_id, csv_file_id = excluded.csv_file_id`
    : sql`do nothing`;
  // A replaced report's files are let go (unattached): the clean-up job removes them, and their bytes when nothing else holds them.
  const released = replace
    ? sql`, released as (
      update stored_file set attached_at = null
       where id in (select unnest(array[o.xlsx_file_id, o.csv_file_id]) from report o
                     where o.period = ${r.period} and o.period_from = ${r.from}::date and o.agency_id is not distinct from ${r.agencyId}::uuid)
      returning id
    )`
    : sql.empty;
  const row = await db.one<ReportRow>(sql`
    with files as (
      insert into stored_file (id, sha256, size_bytes, mime_type, file_name, uploaded_by, created_at, attached_at) values ${fileRows} returning id
    ), kept as (
      insert into report (id, period, agency_id, period_from, period_to, due_by, generated_at, generated_by, rows, xlsx_file_id, csv_file_id)
      select ${r.id}::uuid, ${r.period}, ${r.agencyId}::uuid, ${r.from}::date, ${r.to}::date, ${r.dueBy}::date, ${r.generatedAt}::timestamptz, ${r.generatedBy},
             ${sql.json(r.rows)}, ${r.xlsxFileId}::uuid, ${r.csvFileId}::uuid
       where (select count(*) from files) = ${files.length}
      on conflict (period, period_from, coalesce(agency_id, '00000000-0000-0000-0000-000000000000'::uuid)) ${conflict}
      returning id
    )${released}
    select (select id from kept) as id`);
  return (await reportById(db, row?.id ?? '00000000-0000-0000-0000-000000000000')) ?? (await keptReport(db, r.period, r.from, r.agencyId))!;
}

/** Reports, newest period first: of one period kind (null: any), of these agencies (null ids: any; include the province's when `province`). */
export async function listReports(
  db: Db,
  q: { period: ReportPeriod | null; agencyIds: readonly string[] | null; province: boolean; limit: number },
): Promise<ReportRecord[]> {
  const period = q.period ? sql` and period = ${q.period}` : sql.empty;
  const scope =
    q.agencyIds === null
      ? q.province
        ? sql.empty
        : sql` and agency_id is not null`
      : q.province
        ? sql` and (agency_id is null or agency_id = any(${sql.array(q.agencyIds, 'uuid')}))`
        : sql` and agency_id = any(${sql.array(q.agencyIds, 'uuid')})`;
  const rows = await db.all<ReportRow>(
    sql`select ${REPORT_COLUMNS} from report where true${period}${scope} order by period_from desc, period, agency_id nulls first limit ${q.limit}`,
  );
  return rows.map(toReport);
}

/** The report (and its agency) a stored file belongs to, for the file access rule. */
export async function reportsHoldingFiles(db: Db, fileIds: readonly string[]): Promise<{ fileId: string; agencyId: string | null }[]> {
  if (fileIds.length === 0) return [];
  const rows = await db.all<{ file_id: string; agency_id: string | null }>(
    sql`select f.id as file_id, r.agency_id from report r
          join lateral (values (r.xlsx_file_id), (r.csv_file_id)) f(id) on true
         where f.id = any(${sql.array(fileIds, 'uuid')})`,
  );
  return rows.map((r) => ({ fileId: r.file_id, agencyId: r.agency_id }));
}
