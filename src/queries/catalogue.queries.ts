import type { Db } from '../db/sql';
import type { WorkingCalendar } from '../domain/working-calendar';
import { badInput, msg } from '../errors';
import {
  agenciesByProcedureIds,
  countProcedures,
  findAgencies,
  procedureByCode as storedProcedureByCode,
  procedurePage,
  type AgencyColumn,
  type AgencyRow,
  type PageProcedure,
  type ProcedureColumn,
  type ProcedureFilter,
  type ProcedureRow,
} from '../stores/catalogue.store';
import { readPageArgs, toPage, type Page, type PageArgs } from './pagination';

/*
 * Read use cases of the catalogue (the statements are in src/stores/catalogue.store.ts). The
 * catalogue is public: no access rule applies.
 */

export type { AgencyColumn, AgencyRow, ProcedureColumn, ProcedureRow, SectorRow, ProcedureFilter } from '../stores/catalogue.store';
/** The columns each field of Procedure and Agency reads (resolvers narrow a page's statements with them). */
export { AGENCY_COLUMNS, PROCEDURE_COLUMNS } from '../stores/catalogue.store';
export { findAgencies };

/** A procedure of a page, with its sector and, when they were asked for, its agencies. */
export type ListedProcedure = PageProcedure & { agencies?: AgencyRow[] };

/**
 * procedures(filter, first, after): ordered by code, cursor on code. One statement brings the
 * page with each procedure's sector (and the total when `withTotal`); `columns` narrows the
 * procedure columns read (default every column). With `agencies`, the page's agencies come in one
 * more statement (only the properties in `agencies.columns`, default all) and are handed to each
 * row: the page then completes without a loader call per procedure.
 */
export async function findProcedures(
  db: Db,
  filter: ProcedureFilter | null | undefined,
  args: PageArgs,
  pageMax: number,
  opts: { withTotal?: boolean; columns?: Iterable<ProcedureColumn>; agencies?: { columns: AgencyColumn[] | undefined } } = {},
): Promise<Page<ListedProcedure> & { totalCount?: number }> {
  const { limit, afterKey } = readPageArgs(args, pageMax);
  let rows: ListedProcedure[] = [];
  let totalCount: number | undefined;
  if (limit > 0) {
    ({ rows, totalCount } = await procedurePage(db, { filter, afterCode: afterKey, limit: limit + 1, columns: opts.columns, withTotal: opts.withTotal }));
  }
  const page = toPage<ListedProcedure>(rows, limit, (p) => p.code, () => (totalCount !== undefined ? Promise.resolve(totalCount) : countProcedures(db, filter)));
  if (opts.agencies && page.edges.length > 0) {
    const nodes = page.edges.map((e) => e.node);
    const groups = await agenciesByProcedureIds(db, nodes.map((p) => p.id), opts.agencies.columns);
    const byProcedure = new Map(groups.map((g) => [g.procedureId, g.agencies]));
    for (const p of nodes) p.agencies = byProcedure.get(p.id) ?? [];
  }
  return totalCount === undefined ? page : Object.assign(page, { totalCount });
}

/** procedure(code). */
export function procedureByCode(db: Db, code: string): Promise<ProcedureRow | null> {
  return storedProcedureByCode(db, code);
}

/** estimateDueDate: the appointment if a dossier of the procedure were received at `at`. */
export async function estimateDueDate(db: Db, calendar: WorkingCalendar, procedureCode: string, at: Date): Promise<Date> {
  const p = await procedureByCode(db, procedureCode);
  if (!p) throw badInput('procedureCode', msg(`Không có thủ tục ${procedureCode} trong danh mục thủ tục hành chính`, `no procedure ${procedureCode} in the catalogue`));
  return calendar.dueDate(at, p.processingWorkingDays);
}
