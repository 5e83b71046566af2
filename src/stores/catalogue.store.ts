import { randomUUID } from 'node:crypto';
import type { WorkflowStepDef } from '../domain/workflow';
import { ColumnSet } from '../db/columns';
import { allPrepared } from '../db/prepared';
import { sql, type Db, type Sql } from '../db/sql';
import type { PageWindow } from '../domain/paging';
import {
  foldForSearch,
  searchTerms,
  type AdministrativeLevel,
  type ComponentSpecData,
  type FeeData,
  type LegalBasisData,
  type OnlineServiceLevel,
  type SubmissionChannel,
} from '../domain/catalogue';

/*
 * The catalogue: agencies (cơ quan), sectors (lĩnh vực), procedures (thủ tục) and which agency
 * carries out which procedure. Reads are plain rows straight from SQL, shaped as their row type
 * by the select list (no entity hydration or change tracking): the catalogue is the hub's
 * hottest read path, and its page and agencies statements run as named prepared statements.
 */

// ---------------------------------------------------------------------------------------------
// Row types and their columns (one declaration each: property, SQL, GraphQL fields that read it)

export interface AgencyRow {
  id: string;
  code: string;
  name: string;
  level: AdministrativeLevel;
  parentId: string | null;
  oneStopPhone: string | null;
}

export interface SectorRow {
  id: string;
  code: string;
  name: string;
}

export interface ProcedureRow {
  id: string;
  code: string;
  name: string;
  sectorId: string;
  level: AdministrativeLevel;
  serviceLevel: OnlineServiceLevel;
  steps: string[];
  channels: SubmissionChannel[];
  components: ComponentSpecData[];
  fees: FeeData[];
  processingWorkingDays: number;
  targetSubjects: string[];
  resultDescription: string;
  requirements: string | null;
  legalBases: LegalBasisData[];
  location: string | null;
  /** YYYY-MM-DD */
  publishedAt: string | null;
  /** The internal process (quy trình nội bộ), [] = the fixed lifecycle. */
  workflow: WorkflowStepDef[];
  updatedAt: Date;
}

export type ProcedureColumn = keyof ProcedureRow;

/**
 * A procedure row as PostgreSQL hands it over (the select lists already name its properties;
 * the pool gives timestamps as text): made a ProcedureRow in place, since every row is a fresh
 * object of its statement.
 */
function toProcedureRow<R extends Partial<ProcedureRow>>(r: R): R {
  if (r.updatedAt !== undefined) r.updatedAt = new Date(r.updatedAt);
  return r;
}
export type AgencyColumn = keyof AgencyRow;

/**
 * The procedure's columns on `procedure p`. The GraphQL type Procedure's fields read the
 * property of their own name unless `fields` says otherwise; `agencies` is read by its own
 * statement. The id (relations, node ids), code (order and cursor) and sector are always read.
 */
export const PROCEDURE_COLUMNS = new ColumnSet<ProcedureColumn>(
  {
    id: { sql: 'p.id' },
    code: { sql: 'p.code' },
    name: { sql: 'p.name' },
    sectorId: { sql: 'p.sector_id', fields: ['sector'] },
    level: { sql: 'p.level' },
    serviceLevel: { sql: 'p.service_level' },
    steps: { sql: 'p.steps' },
    channels: { sql: 'p.channels' },
    components: { sql: 'p.components' },
    fees: { sql: 'p.fees' },
    processingWorkingDays: { sql: 'p.processing_working_days' },
    targetSubjects: { sql: 'p.target_subjects' },
    resultDescription: { sql: 'p.result_description' },
    requirements: { sql: 'p.requirements' },
    legalBases: { sql: 'p.legal_bases' },
    location: { sql: 'p.location' },
    publishedAt: { sql: "to_char(p.published_at, 'YYYY-MM-DD')" },
    workflow: { sql: 'p.workflow' },
    updatedAt: { sql: 'p.updated_at' },
  },
  { always: ['id', 'code', 'sectorId'], fieldsWithoutColumn: ['agencies'] },
);

/** The agency's columns on `agency a`; the GraphQL field `parent` reads parentId. The id is always read. */
export const AGENCY_COLUMNS = new ColumnSet<AgencyColumn>(
  {
    id: { sql: 'a.id' },
    code: { sql: 'a.code' },
    name: { sql: 'a.name' },
    level: { sql: 'a.level' },
    parentId: { sql: 'a.parent_id', fields: ['parent'] },
    oneStopPhone: { sql: 'a.one_stop_phone' },
  },
  { always: ['id'] },
);

// ---------------------------------------------------------------------------------------------
// Reads

export interface ProcedureFilter {
  text?: string | null;
  sectorCode?: string | null;
  agencyCode?: string | null;
  level?: AdministrativeLevel | null;
  serviceLevel?: OnlineServiceLevel | null;
}

/** The conditions of a procedure filter on `procedure p`, but its text (see textSearch). */
function procedureFilter(filter: ProcedureFilter | null | undefined): Sql[] {
  const where: Sql[] = [];
  if (!filter) return where;
  if (filter.sectorCode) where.push(sql`p.sector_id in (select s2.id from sector s2 where s2.code = ${filter.sectorCode})`);
  if (filter.agencyCode) {
    where.push(sql`exists (select 1 from procedure_agency pa join agency fa on fa.id = pa.agency_id where pa.procedure_id = p.id and fa.code = ${filter.agencyCode})`);
  }
  if (filter.level) where.push(sql`p.level = ${filter.level}`);
  if (filter.serviceLevel) where.push(sql`p.service_level = ${filter.serviceLevel}`);
  return where;
}

const whereAll = (conditions: Sql[]): Sql => (conditions.length ? sql` where ${sql.join(conditions, ' and ')}` : sql.empty);

/**
 * How alike (pg_trgm's word_similarity, 0..1) a folded name must be to a search text for the
 * typo tier: 'khai sih' is 0.78 like 'dang ky khai sinh', 'khai sinh' only 0.5 like 'dang ky khai tu'.
 * It is also pg_trgm's default word_similarity_threshold, which the `<%` operator (and so the
 * trigram index) uses.
 */
export const TYPO_SIMILARITY = 0.6;

/** The rank from which a text search's rows are typo matches (below it: word matches, best first). */
export const TYPO_RANK = 1000;

/**
 * A text search on `procedure p`, in tiers (the rank, lower first):
 *  0  the code, or the whole name (folded);
 *  1  the name starts with the text;
 *  2  every word of the text somewhere in the name or code, in any order (search_text LIKE);
 *  1000 and up  a name like the text (a typo: pg_trgm's word_similarity of the text to the name
 *     folded by search_fold, at least TYPO_SIMILARITY), the most alike first: by word_similarity
 *     in hundredths, then by similarity of the whole name (so 'Đăng ký khai sinh' comes before
 *     'Đăng ký khai sinh có yếu tố nước ngoài') — only when no procedure matches by words, so a
 *     typo never floods a search that found something.
 * `match` selects the candidates (word or typo matches), `rank` ranks them, `words` says whether
 * a row is a word match. Null when the text has no word (no text condition).
 */
function textSearch(text: string): { match: Sql; rank: Sql; words: Sql } | null {
  const terms = searchTerms(text);
  if (terms.length === 0) return null;
  const folded = terms.length === 1 ? terms[0] : foldForSearch(text);
  const name = sql`search_fold(p.name)`;
  // Words are folded to [a-z0-9] (see foldForSearch), so they carry no LIKE wildcards.
  const words = sql`(${sql.join(
    terms.map((t) => sql`p.search_text like ${`%${t}%`}`),
    ' and ',
  )})`;
  const similar = sql`(${folded}::text <% ${name} and word_similarity(${folded}::text, ${name}) >= ${TYPO_SIMILARITY})`;
  const rank = sql`case when p.code = ${text.trim()} or ${name} = ${folded} then 0 when ${name} like ${`${folded}%`} then 1 when ${words} then 2
                        else ${TYPO_RANK} + (100 - round(100 * word_similarity(${folded}::text, ${name})))::int * 100
                                          + (100 - round(100 * similarity(${folded}::text, ${name})))::int end`;
  return { match: sql`(${words} or ${similar})`, rank, words };
}

/**
 * The procedures a text search keeps, with their rank ("searchRank") and `select` (on
 * `procedure p` joined to `sector s`): the word matches, or the typo matches when there is none.
 */
function rankedMatches(search: NonNullable<ReturnType<typeof textSearch>>, select: Sql, conditions: Sql[]): Sql {
  return sql`select y.* from (
      select ${select}, ${search.rank} as "searchRank", bool_or(${search.words}) over () as "anyWords"
        from procedure p join sector s on s.id = p.sector_id${whereAll([...conditions, search.match])}) y
     where y."searchRank" < ${TYPO_RANK} or not y."anyWords"`;
}

/** A procedure of a page: its row (only the columns asked for) with its sector. */
export type PageProcedure = ProcedureRow & { sector: SectorRow; searchRank?: number };

/** A row of the page statement as it comes back (sectorCode, sectorName and totalCount stay unread past the mapper). */
type PageRow = PageProcedure & { sectorCode: string; sectorName: string; totalCount?: string };

/**
 * The sort key of a procedures page: the code; with a text search, the rank (see textSearch)
 * then the code.
 */
export interface ProcedureKey {
  rank: number | null;
  code: string;
}

/**
 * One page of procedures (a Relay window, see src/domain/paging.ts): ordered by code, or with a
 * text search by rank then code. One statement brings the page, each procedure's sector and, when
 * `withTotal`, the count of every match of the filter (a window over the filtered set, before the
 * cursors apply). `columns` narrows the procedure columns read (default every one); rows then
 * carry only those properties (and `searchRank` with a text search). Reads `limit + 1` rows,
 * backward from the end when `backward`.
 */
export async function procedurePage(
  db: Db,
  q: { filter?: ProcedureFilter | null; columns?: Iterable<ProcedureColumn>; withTotal?: boolean } & PageWindow<ProcedureKey>,
): Promise<{ rows: PageProcedure[]; totalCount: number | undefined }> {
  const total = q.withTotal ? sql`, count(*) over () as "totalCount"` : sql.empty;
  const select = sql`${PROCEDURE_COLUMNS.select(q.columns)}, s.code as "sectorCode", s.name as "sectorName"`;
  const conditions = procedureFilter(q.filter);
  const search = q.filter?.text ? textSearch(q.filter.text) : null;
  const seek: Sql[] = [];
  let from: Sql;
  let order: Sql;
  if (search) {
    from = sql`select r.*${total} from (${rankedMatches(search, select, conditions)}) r`;
    const key = (k: ProcedureKey) => sql`(${k.rank ?? -1}::int, ${k.code}::text)`;
    if (q.afterKey) seek.push(sql`(x."searchRank", x.code) > ${key(q.afterKey)}`);
    if (q.beforeKey) seek.push(sql`(x."searchRank", x.code) < ${key(q.beforeKey)}`);
    order = q.backward ? sql`x."searchRank" desc, x.code desc` : sql`x."searchRank", x.code`;
  } else {
    from = sql`select ${select}${total} from procedure p join sector s on s.id = p.sector_id${whereAll(conditions)}`;
    if (q.afterKey) seek.push(sql`x.code > ${q.afterKey.code}`);
    if (q.beforeKey) seek.push(sql`x.code < ${q.beforeKey.code}`);
    order = q.backward ? sql`x.code desc` : sql`x.code`;
  }
  const rows = await allPrepared<PageRow>(db, sql`select * from (${from}) x${whereAll(seek)} order by ${order} limit ${q.limit + 1}`);
  // The rows are fresh objects of this call: give each its sector in place rather than copy it.
  for (const r of rows) {
    toProcedureRow(r);
    r.sector = { id: r.sectorId, code: r.sectorCode, name: r.sectorName };
  }
  const counted = rows[0]?.totalCount;
  return { rows, totalCount: counted === undefined ? undefined : Number(counted) };
}

/** How many procedures match the filter (those a page of it would list). */
export async function countProcedures(db: Db, filter: ProcedureFilter | null | undefined): Promise<number> {
  const conditions = procedureFilter(filter);
  const search = filter?.text ? textSearch(filter.text) : null;
  const counted = search
    ? sql`select count(*) as n from (${rankedMatches(search, sql`p.id`, conditions)}) m`
    : sql`select count(*) as n from procedure p${whereAll(conditions)}`;
  const [{ n }] = await allPrepared<{ n: string }>(db, counted);
  return Number(n);
}

export async function proceduresByIds(db: Db, ids: readonly string[]): Promise<ProcedureRow[]> {
  return (await db.all<ProcedureRow>(sql`select ${PROCEDURE_COLUMNS.select()} from procedure p where p.id = any(${sql.array(ids, 'uuid')})`)).map(toProcedureRow);
}

export async function procedureByCode(db: Db, code: string): Promise<ProcedureRow | null> {
  const row = await db.one<ProcedureRow>(sql`select ${PROCEDURE_COLUMNS.select()} from procedure p where p.code = ${code}`);
  return row ? toProcedureRow(row) : null;
}

export function sectorsByIds(db: Db, ids: readonly string[]): Promise<SectorRow[]> {
  return db.all<SectorRow>(sql`select id, code, name from sector where id = any(${sql.array(ids, 'uuid')})`);
}

/** Agencies ordered by code, of one level and/or under one parent. */
export function findAgencies(db: Db, q: { level?: AdministrativeLevel | null; parentCode?: string | null }): Promise<AgencyRow[]> {
  const where: Sql[] = [];
  if (q.level) where.push(sql`a.level = ${q.level}`);
  if (q.parentCode) where.push(sql`a.parent_id in (select id from agency where code = ${q.parentCode})`);
  return db.all<AgencyRow>(sql`select ${AGENCY_COLUMNS.select()} from agency a${whereAll(where)} order by a.code`);
}

/** Agencies by code (every column): DossierStep.agency, WorkflowStep agencies. */
export function agencyRowsByCodes(db: Db, codes: readonly string[]): Promise<AgencyRow[]> {
  return db.all<AgencyRow>(sql`select ${AGENCY_COLUMNS.select()} from agency a where a.code = any(${sql.array(codes, 'text')})`);
}

export function agenciesByIds(db: Db, ids: readonly string[]): Promise<AgencyRow[]> {
  return db.all<AgencyRow>(sql`select ${AGENCY_COLUMNS.select()} from agency a where a.id = any(${sql.array(ids, 'uuid')})`);
}

/**
 * The agencies of many procedures in one statement. Each procedure's agencies come back as one
 * JSON array (parsed natively), which is much cheaper than a row per agency. `columns` narrows
 * the agency properties read (the id is always read); default: every property.
 */
export function agenciesByProcedureIds(
  db: Db,
  ids: readonly string[],
  columns?: Iterable<AgencyColumn>,
): Promise<{ procedureId: string; agencies: AgencyRow[] }[]> {
  return allPrepared(
    db,
    sql`select pa.procedure_id as "procedureId", json_agg(${AGENCY_COLUMNS.jsonObject(columns)} order by a.code) as agencies
          from procedure_agency pa join agency a on a.id = pa.agency_id
         where pa.procedure_id = any(${sql.array(ids, 'uuid')})
         group by pa.procedure_id`,
  );
}

/** Every agency code of the province (the catalogue sync keeps only procedures these carry out). */
export async function agencyCodes(db: Db): Promise<string[]> {
  return (await db.all<{ code: string }>(sql`select code from agency`)).map((r) => r.code);
}

/** Does the catalogue hold any procedure? */
export async function hasProcedures(db: Db): Promise<boolean> {
  return (await db.one(sql`select 1 from procedure limit 1`)) !== undefined;
}

// ---------------------------------------------------------------------------------------------
// The submission's look-up

/** What a submission needs to know of its procedure and agency. */
export interface SubmissionTarget {
  procedure: { id: string; code: string; name: string; sectorCode: string; channels: SubmissionChannel[]; components: ComponentSpecData[]; fees: FeeData[] } | null;
  agency: { id: string; code: string } | null;
  /** Does the agency carry out the procedure? */
  implementsIt: boolean;
}

interface SubmissionTargetRow {
  p_id: string | null;
  p_code: string | null;
  p_name: string | null;
  sector_code: string | null;
  channels: SubmissionChannel[] | null;
  components: ComponentSpecData[] | null;
  fees: FeeData[] | null;
  a_id: string | null;
  a_code: string | null;
  implements_it: boolean;
}

const toSubmissionTarget = (r: SubmissionTargetRow): SubmissionTarget => ({
  procedure: r.p_id
    ? { id: r.p_id, code: r.p_code!, name: r.p_name!, sectorCode: r.sector_code!, channels: r.channels!, components: r.components!, fees: r.fees! }
    : null,
  agency: r.a_id ? { id: r.a_id, code: r.a_code! } : null,
  implementsIt: !!r.implements_it,
});

/** The procedure and agency of a submission by their codes, and whether the agency carries it out: one statement. */
export async function submissionTarget(db: Db, procedureCode: string, agencyCode: string): Promise<SubmissionTarget> {
  const row = await db.one<SubmissionTargetRow>(
    sql`select p.id as p_id, p.code as p_code, p.name as p_name, s.code as sector_code, p.channels, p.components, p.fees,
               a.id as a_id, a.code as a_code,
               exists (select 1 from procedure_agency pa where pa.procedure_id = p.id and pa.agency_id = a.id) as implements_it
          from (select 1) one
          left join procedure p on p.code = ${procedureCode}
          left join sector s on s.id = p.sector_id
          left join agency a on a.code = ${agencyCode}`,
  );
  return toSubmissionTarget(row!);
}

// ---------------------------------------------------------------------------------------------
// Writes

/** A procedure as the catalogue stores it, with its sector (the row's fields but the ids and dates, plus the search text). */
export type StoredProcedure = Omit<ProcedureRow, 'id' | 'sectorId' | 'updatedAt'> & { searchText: string; sectorCode: string; sectorName: string };

/** The agencies of these codes (id and code); codes with no agency are missing from the answer. */
export function agenciesByCodes(db: Db, codes: readonly string[]): Promise<{ id: string; code: string }[]> {
  return db.all<{ id: string; code: string }>(sql`select id, code from agency where code = any(${sql.array(codes, 'text')})`);
}

export type CurrentProcedure = ProcedureRow & { sectorCode: string; sectorName: string; agencyCodes: string[] };

/** A procedure by code as it is stored now (with its sector and agency codes), for comparing before a write. */
export async function currentProcedure(db: Db, code: string): Promise<CurrentProcedure | undefined> {
  const row = await db.one<CurrentProcedure>(
    sql`select ${PROCEDURE_COLUMNS.select()}, s.code as "sectorCode", s.name as "sectorName",
               array(select a.code::text from procedure_agency pa join agency a on a.id = pa.agency_id where pa.procedure_id = p.id) as "agencyCodes"
          from procedure p join sector s on s.id = p.sector_id
         where p.code = ${code}`,
  );
  return row && toProcedureRow(row);
}

/**
 * Writes a procedure by code in one statement: its sector (created, or renamed), the procedure
 * (created, or every field replaced) and exactly `agencyIds` as the agencies that carry it out.
 * `now` is its updatedAt (and createdAt when it is new). Returns the procedure's id.
 */
export async function writeProcedure(db: Db, p: StoredProcedure, agencyIds: readonly string[], now: Date): Promise<string> {
  const fields = {
    name: p.name,
    search_text: p.searchText,
    level: p.level,
    service_level: p.serviceLevel,
    steps: sql.json(p.steps),
    channels: sql.json(p.channels),
    components: sql.json(p.components),
    fees: sql.json(p.fees),
    processing_working_days: p.processingWorkingDays,
    target_subjects: sql.json(p.targetSubjects),
    result_description: p.resultDescription,
    requirements: p.requirements,
    legal_bases: sql.json(p.legalBases),
    location: p.location,
    published_at: p.publishedAt,
    workflow: sql.json(p.workflow),
    updated_at: now,
  };
  const excluded = sql.raw(
    Object.keys(fields)
      .map((c) => `${c} = excluded.${c}`)
      .join(', '),
  );
  const agencies = sql.array(agencyIds, 'uuid');
  const row = await db.one<{ id: string }>(
    sql`with s as (
          insert into sector ${sql.values({ id: randomUUID(), code: p.sectorCode, name: p.sectorName })}
          on conflict (code) do update set name = excluded.name
          returning id
        ), p as (
          insert into procedure ${sql.values({ id: randomUUID(), code: p.code, sector_id: sql`(select id from s)`, ...fields, created_at: now })}
          on conflict (code) do update set sector_id = excluded.sector_id, ${excluded}
          returning id
        ), gone as (
          delete from procedure_agency pa using p where pa.procedure_id = p.id and not (pa.agency_id = any(${agencies}))
        ), added as (
          insert into procedure_agency (procedure_id, agency_id)
          select p.id, unnest(${agencies}) from p
          on conflict do nothing
        )
        select id from p`,
  );
  return row!.id;
}

/**
 * Creates or updates an agency by code (seeding); its parent by code, which must be written
 * first (null when there is none).
 */
export async function upsertAgency(
  db: Db,
  a: { code: string; name: string; level: AdministrativeLevel; parentCode: string | null; oneStopPhone: string | null },
): Promise<void> {
  const parent = a.parentCode === null ? sql`null::uuid` : sql`(select id from agency where code = ${a.parentCode})`;
  await db.all(
    sql`insert into agency ${sql.values({ id: randomUUID(), code: a.code, name: a.name, level: a.level, parent_id: parent, one_stop_phone: a.oneStopPhone })}
        on conflict (code) do update
           set name = excluded.name, level = excluded.level, parent_id = excluded.parent_id, one_stop_phone = excluded.one_stop_phone`,
  );
}
