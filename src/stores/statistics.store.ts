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
 * and agency when `replace` (else the kept one stays and is returned).
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
    )
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
