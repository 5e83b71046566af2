import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from '@mikro-orm/knex';
import {
  searchTerms,
  type AdministrativeLevel,
  type ComponentSpecData,
  type FeeData,
  type LegalBasisData,
  type OnlineServiceLevel,
  type SubmissionChannel,
} from '../domain/catalogue';
import { readPageArgs, toPage, type Page, type PageArgs } from './pagination';

/*
 * Read side of the catalogue. Reads are plain rows straight from SQL (no entity hydration or
 * change tracking): the catalogue is the hub's hottest read path. Writes go through entities
 * in src/commands.
 */

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
  updatedAt: Date;
}

const AGENCY_COLUMNS = ['a.id', 'a.code', 'a.name', 'a.level', 'a.parent_id as parentId', 'a.one_stop_phone as oneStopPhone'];
const PROCEDURE_COLUMNS = [
  'p.id', 'p.code', 'p.name', 'p.sector_id as sectorId', 'p.level', 'p.service_level as serviceLevel', 'p.steps', 'p.channels', 'p.components', 'p.fees',
  'p.processing_working_days as processingWorkingDays', 'p.target_subjects as targetSubjects',
  'p.result_description as resultDescription', 'p.requirements', 'p.legal_bases as legalBases', 'p.location',
  'p.updated_at as updatedAt',
];
const PUBLISHED_AT = "to_char(p.published_at, 'YYYY-MM-DD') as \"publishedAt\"";

const knexOf = (em: EntityManager): Knex => em.getKnex();

export interface ProcedureFilter {
  text?: string | null;
  sectorCode?: string | null;
  agencyCode?: string | null;
  level?: AdministrativeLevel | null;
  serviceLevel?: OnlineServiceLevel | null;
}

function selectProcedures(knex: Knex): Knex.QueryBuilder {
  return knex('procedure as p').select([...PROCEDURE_COLUMNS, knex.raw(PUBLISHED_AT)]);
}

/** The select expression of each ProcedureRow property, for statements written as SQL text. */
const PROCEDURE_SELECT: Record<keyof ProcedureRow, string> = {
  id: 'p.id',
  code: 'p.code',
  name: 'p.name',
  sectorId: 'p.sector_id as "sectorId"',
  level: 'p.level',
  serviceLevel: 'p.service_level as "serviceLevel"',
  steps: 'p.steps',
  channels: 'p.channels',
  components: 'p.components',
  fees: 'p.fees',
  processingWorkingDays: 'p.processing_working_days as "processingWorkingDays"',
  targetSubjects: 'p.target_subjects as "targetSubjects"',
  resultDescription: 'p.result_description as "resultDescription"',
  requirements: 'p.requirements',
  legalBases: 'p.legal_bases as "legalBases"',
  location: 'p.location',
  publishedAt: PUBLISHED_AT,
  updatedAt: 'p.updated_at as "updatedAt"',
};

export type ProcedureColumn = keyof ProcedureRow;
/** Every property of a ProcedureRow. */
export const PROCEDURE_ROW_COLUMNS = Object.keys(PROCEDURE_SELECT) as ProcedureColumn[];
/** Always read: the id (relations, node ids), the code (order and cursor) and the sector (sector loader). */
const PROCEDURE_KEY_COLUMNS: readonly ProcedureColumn[] = ['id', 'code', 'sectorId'];

export const isProcedureColumn = (name: string): name is ProcedureColumn => Object.prototype.hasOwnProperty.call(PROCEDURE_SELECT, name);

/*
 * Hot statements are written as SQL text (building them with knex's query builder cost more
 * CPU than running them) and run as named prepared statements, so that PostgreSQL parses and
 * plans each text once per connection. The texts depend only on the shape of a request (which
 * columns, which filters), never on its values, and are few; past MAX_NAMED_STATEMENTS distinct
 * texts the rest run unnamed, so that no client can make the set grow without bound.
 */
const MAX_NAMED_STATEMENTS = 200;
const statementNames = new Map<string, string>();

async function runStatement<T>(knex: Knex, sql: string, bindings: readonly unknown[]): Promise<T[]> {
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `dvc_hub_${statementNames.size + 1}`;
    statementNames.set(sql, name);
  }
  const q = knex.raw(sql, bindings as Knex.RawBinding[]);
  if (name !== undefined) q.options({ name });
  const result: { rows: T[] } = await q;
  return result.rows;
}

/** The where clause of a procedure filter (on `procedure as p`), with its bindings in order. */
function procedureFilterSql(filter: ProcedureFilter | null | undefined): { where: string[]; bindings: unknown[] } {
  const where: string[] = [];
  const bindings: unknown[] = [];
  if (!filter) return { where, bindings };
  // Words are folded to [a-z0-9] (see foldForSearch), so they carry no LIKE wildcards.
  for (const term of filter.text ? searchTerms(filter.text) : []) {
    where.push('p.search_text like ?');
    bindings.push(`%${term}%`);
  }
  if (filter.sectorCode) {
    where.push('p.sector_id in (select s2.id from sector s2 where s2.code = ?)');
    bindings.push(filter.sectorCode);
  }
  if (filter.agencyCode) {
    where.push('exists (select 1 from procedure_agency pa join agency fa on fa.id = pa.agency_id where pa.procedure_id = p.id and fa.code = ?)');
    bindings.push(filter.agencyCode);
  }
  if (filter.level) {
    where.push('p.level = ?');
    bindings.push(filter.level);
  }
  if (filter.serviceLevel) {
    where.push('p.service_level = ?');
    bindings.push(filter.serviceLevel);
  }
  return { where, bindings };
}

/**
 * procedures(filter, first, after): ordered by code, cursor on code. One statement brings the
 * page, each procedure's sector and, when `withTotal`, the count
 * of every match of the filter (a window over the filtered set, before the cursor applies).
 * `columns` narrows the procedure columns read to those the client asked for (the id, code and
 * sector are always read); rows then carry only those properties. Default: every column.
 */
export async function findProcedures(
  em: EntityManager,
  filter: ProcedureFilter | null | undefined,
  args: PageArgs,
  pageMax: number,
  opts: { withTotal?: boolean; columns?: Iterable<ProcedureColumn> } = {},
): Promise<Page<ProcedureRow & { sector: SectorRow }> & { totalCount?: number }> {
  const knex = knexOf(em);
  const { limit, afterKey } = readPageArgs(args, pageMax);
  let rows: PageRow[] = [];
  if (limit > 0) {
    const wanted = new Set<ProcedureColumn>(opts.columns ?? PROCEDURE_ROW_COLUMNS);
    for (const c of PROCEDURE_KEY_COLUMNS) wanted.add(c);
    // In a fixed order, so that the same selection gives the same statement text.
    const select = PROCEDURE_ROW_COLUMNS.filter((c) => wanted.has(c)).map((c) => PROCEDURE_SELECT[c]);
    select.push('s.code as "sectorCode"', 's.name as "sectorName"');
    if (opts.withTotal) select.push('count(*) over () as "totalCount"');
    const { where, bindings } = procedureFilterSql(filter);
    let sql = `select * from (select ${select.join(', ')} from procedure p join sector s on s.id = p.sector_id`;
    if (where.length) sql += ` where ${where.join(' and ')}`;
    sql += ') x';
    if (afterKey !== null) {
      sql += ' where x.code > ?';
      bindings.push(afterKey);
    }
    sql += ' order by x.code limit ?';
    bindings.push(limit + 1);
    rows = await runStatement<PageRow>(knex, sql, bindings);
    // The rows are fresh objects of this call: give each its sector in place rather than copy it.
    for (const r of rows) r.sector = { id: r.sectorId, code: r.sectorCode, name: r.sectorName };
  }
  const counted = rows[0]?.totalCount;
  const count = async () => {
    if (counted !== undefined) return Number(counted);
    const { where, bindings } = procedureFilterSql(filter);
    const sql = `select count(*) as n from procedure p${where.length ? ` where ${where.join(' and ')}` : ''}`;
    const [{ n }] = await runStatement<{ n: string }>(knex, sql, bindings);
    return Number(n);
  };
  const page = toPage<ProcedureRow & { sector: SectorRow }>(rows, limit, (p) => p.code, count);
  return counted === undefined ? page : Object.assign(page, { totalCount: Number(counted) });
}

/** A row of the page statement (it also carries sectorCode, sectorName and totalCount, unread past here). */
type PageRow = ProcedureRow & { sector: SectorRow; sectorCode: string; sectorName: string; totalCount?: string };

export async function proceduresByIds(em: EntityManager, ids: readonly string[]): Promise<ProcedureRow[]> {
  const knex = knexOf(em);
  return selectProcedures(knex).whereIn('p.id', ids as string[]);
}

export async function procedureByCode(em: EntityManager, code: string): Promise<ProcedureRow | null> {
  const knex = knexOf(em);
  return (await selectProcedures(knex).where('p.code', code).first()) ?? null;
}

export async function findAgencies(
  em: EntityManager,
  args: { level?: AdministrativeLevel | null; parentCode?: string | null },
): Promise<AgencyRow[]> {
  const knex = knexOf(em);
  const q = knex('agency as a').select(AGENCY_COLUMNS).orderBy('a.code');
  if (args.level) q.where('a.level', args.level);
  if (args.parentCode) q.whereIn('a.parent_id', knex('agency').select('id').where('code', args.parentCode));
  return q;
}

export async function agenciesByIds(em: EntityManager, ids: readonly string[]): Promise<AgencyRow[]> {
  return knexOf(em)('agency as a').select(AGENCY_COLUMNS).whereIn('a.id', ids as string[]);
}

/** The json_build_object arguments of each AgencyRow property. */
const AGENCY_JSON: Record<keyof AgencyRow, string> = {
  id: "'id', a.id",
  code: "'code', a.code",
  name: "'name', a.name",
  level: "'level', a.level",
  parentId: "'parentId', a.parent_id",
  oneStopPhone: "'oneStopPhone', a.one_stop_phone",
};
export type AgencyColumn = keyof AgencyRow;
const AGENCY_ROW_COLUMNS = Object.keys(AGENCY_JSON) as AgencyColumn[];
export const isAgencyColumn = (name: string): name is AgencyColumn => Object.prototype.hasOwnProperty.call(AGENCY_JSON, name);

/**
 * The agencies of many procedures in one statement. Each procedure's agencies come back as one
 * JSON array (parsed natively), which is much cheaper than a row per agency. `columns` narrows
 * the agency properties read (the id is always read); default: every property.
 */
export async function agenciesByProcedureIds(
  em: EntityManager,
  ids: readonly string[],
  columns?: Iterable<AgencyColumn>,
): Promise<{ procedureId: string; agencies: AgencyRow[] }[]> {
  const wanted = new Set<AgencyColumn>(columns ?? AGENCY_ROW_COLUMNS);
  wanted.add('id');
  const json = AGENCY_ROW_COLUMNS.filter((c) => wanted.has(c)).map((c) => AGENCY_JSON[c]);
  const sql = `select pa.procedure_id as "procedureId", json_agg(json_build_object(${json.join(', ')}) order by a.code) as agencies
    from procedure_agency pa join agency a on a.id = pa.agency_id
    where pa.procedure_id = any(?::uuid[])
    group by pa.procedure_id`;
  return runStatement(knexOf(em), sql, [ids]);
}

export async function sectorsByIds(em: EntityManager, ids: readonly string[]): Promise<SectorRow[]> {
  return knexOf(em)('sector').select(['id', 'code', 'name']).whereIn('id', ids as string[]);
}
