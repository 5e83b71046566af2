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

function applyProcedureFilter(knex: Knex, q: Knex.QueryBuilder, filter: ProcedureFilter | null | undefined): Knex.QueryBuilder {
  if (!filter) return q;
  // Words are folded to [a-z0-9] (see foldForSearch), so they carry no LIKE wildcards.
  for (const term of filter.text ? searchTerms(filter.text) : []) q.where('p.search_text', 'like', `%${term}%`);
  if (filter.sectorCode) q.whereIn('p.sector_id', knex('sector').select('id').where('code', filter.sectorCode));
  if (filter.agencyCode) {
    q.whereExists(
      knex('procedure_agency as pa').join('agency as fa', 'fa.id', 'pa.agency_id').whereRaw('pa.procedure_id = p.id').where('fa.code', filter.agencyCode),
    );
  }
  if (filter.level) q.where('p.level', filter.level);
  if (filter.serviceLevel) q.where('p.service_level', filter.serviceLevel);
  return q;
}

function selectProcedures(knex: Knex): Knex.QueryBuilder {
  return knex('procedure as p').select([...PROCEDURE_COLUMNS, knex.raw(PUBLISHED_AT)]);
}

/** procedures(filter, first, after): ordered by code, cursor on code. */
/**
 * procedures(filter, first, after): ordered by code, cursor on code. One statement brings the
 * page, each procedure's sector (priming the sector loader) and, when `withTotal`, the count
 * of every match of the filter (a window over the filtered set, before the cursor applies).
 */
export async function findProcedures(
  em: EntityManager,
  filter: ProcedureFilter | null | undefined,
  args: PageArgs,
  pageMax: number,
  opts: { withTotal?: boolean } = {},
): Promise<Page<ProcedureRow & { sector: SectorRow }>> {
  const knex = knexOf(em);
  const { limit, afterKey } = readPageArgs(args, pageMax);
  let rows: (ProcedureRow & { sector: SectorRow; totalCount?: string })[] = [];
  if (limit > 0) {
    const inner = applyProcedureFilter(knex, selectProcedures(knex), filter)
      .join('sector as s', 's.id', 'p.sector_id')
      .select(['s.code as sectorCode', 's.name as sectorName']);
    if (opts.withTotal) inner.select(knex.raw('count(*) over () as "totalCount"'));
    const q = knex.select('*').from(inner.as('x')).orderBy('x.code').limit(limit + 1);
    if (afterKey !== null) q.where('x.code', '>', afterKey);
    const raw: (ProcedureRow & { sectorCode: string; sectorName: string; totalCount?: string })[] = await q;
    rows = raw.map(({ sectorCode, sectorName, ...p }) => ({ ...p, sector: { id: p.sectorId, code: sectorCode, name: sectorName } }));
  }
  const counted = rows[0]?.totalCount;
  const count = async () => {
    if (counted !== undefined) return Number(counted);
    const [{ n }] = await applyProcedureFilter(knex, knex('procedure as p').count<{ n: string }[]>('* as n'), filter);
    return Number(n);
  };
  return toPage(
    rows.map(({ totalCount: _t, ...p }) => p),
    limit,
    (p) => p.code,
    count,
  );
}

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

/**
 * The agencies of many procedures in one statement. Each procedure's agencies come back as one
 * JSON array (parsed natively), which is much cheaper than a row per agency.
 */
export async function agenciesByProcedureIds(em: EntityManager, ids: readonly string[]): Promise<{ procedureId: string; agencies: AgencyRow[] }[]> {
  const knex = knexOf(em);
  return knex('procedure_agency as pa')
    .join('agency as a', 'a.id', 'pa.agency_id')
    .select([
      'pa.procedure_id as procedureId',
      knex.raw(`json_agg(json_build_object('id', a.id, 'code', a.code, 'name', a.name, 'level', a.level,
        'parentId', a.parent_id, 'oneStopPhone', a.one_stop_phone) order by a.code) as agencies`),
    ])
    .whereIn('pa.procedure_id', ids as string[])
    .groupBy('pa.procedure_id');
}

export async function sectorsByIds(em: EntityManager, ids: readonly string[]): Promise<SectorRow[]> {
  return knexOf(em)('sector').select(['id', 'code', 'name']).whereIn('id', ids as string[]);
}
