import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import { Agency, Procedure } from '../entities';
import { searchTerms, type AdministrativeLevel, type OnlineServiceLevel } from '../domain/catalogue';
import { readPageArgs, toPage, type Page, type PageArgs } from './pagination';

export interface ProcedureFilter {
  text?: string | null;
  sectorCode?: string | null;
  agencyCode?: string | null;
  level?: AdministrativeLevel | null;
  serviceLevel?: OnlineServiceLevel | null;
}

export function procedureWhere(filter: ProcedureFilter | null | undefined): FilterQuery<Procedure> {
  const where: Record<string, unknown> = {};
  if (!filter) return where;
  const terms = filter.text ? searchTerms(filter.text) : [];
  if (terms.length) where.$and = terms.map((t) => ({ searchText: { $like: `%${t}%` } }));
  if (filter.sectorCode) where.sector = { code: filter.sectorCode };
  if (filter.agencyCode) where.agencies = { code: filter.agencyCode };
  if (filter.level) where.level = filter.level;
  if (filter.serviceLevel) where.serviceLevel = filter.serviceLevel;
  return where as FilterQuery<Procedure>;
}

/** procedures(filter, first, after): ordered by code, cursor on code. */
export async function findProcedures(
  em: EntityManager,
  filter: ProcedureFilter | null | undefined,
  args: PageArgs,
  pageMax: number,
): Promise<Page<Procedure>> {
  const { limit, afterKey } = readPageArgs(args, pageMax);
  const where = procedureWhere(filter);
  const pageWhere = afterKey === null ? where : { $and: [where, { code: { $gt: afterKey } }] };
  const rows =
    limit === 0 && afterKey === null
      ? []
      : await em.find(Procedure, pageWhere as FilterQuery<Procedure>, { orderBy: { code: 'asc' }, limit: limit + 1 });
  return toPage(rows, limit, (p) => p.code, () => em.count(Procedure, where));
}

export async function findAgencies(
  em: EntityManager,
  args: { level?: AdministrativeLevel | null; parentCode?: string | null },
): Promise<Agency[]> {
  const where: Record<string, unknown> = {};
  if (args.level) where.level = args.level;
  if (args.parentCode) where.parent = { code: args.parentCode };
  return em.find(Agency, where as FilterQuery<Agency>, { orderBy: { code: 'asc' } });
}
