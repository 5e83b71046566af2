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
  type ProcedureKey,
  type ProcedureRow,
} from '../stores/catalogue.store';
import { searchTerms } from '../domain/catalogue';
import { parseWindowKeys, readPageArgs, toPage, type Page, type PageArgs } from './pagination';

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
 * The sort key of a procedures cursor: the code; with a text search (ranked), `<rank>|<code>`.
 * A cursor of one kind given to a search of the other is refused (BAD_USER_INPUT).
 */
function procedureKey(ranked: boolean): (key: string, field: 'after' | 'before') => ProcedureKey {
  return (key, field) => {
    if (!ranked) return { rank: null, code: key };
    const m = /^(\d{1,4})\|(.+)$/.exec(key);
    if (!m) throw badInput(field, msg(`Tham số ${field} không phải là con trỏ của lần tìm kiếm này`, `${field} is not a cursor of this search`));
    return { rank: Number(m[1]), code: m[2] };
  };
}

/**
 * procedures(filter, first/after or last/before): ordered by code, cursor on code; with a text
 * search, best match first (the tiers of the catalogue store's textSearch: the code or the whole
 * name, a prefix of the name, every word, then — only when nothing matched by words — names like
 * the text), cursor on rank and code. One statement brings the page with each procedure's sector
 * (and the total when `withTotal`); `columns` narrows the procedure columns read (default every
 * column). With `agencies`, the page's agencies come in one more statement (only the properties
 * in `agencies.columns`, default all) and are handed to each row: the page then completes without
 * a loader call per procedure.
 */
export async function findProcedures(
  db: Db,
  filter: ProcedureFilter | null | undefined,
  args: PageArgs,
  pageMax: number,
  opts: { withTotal?: boolean; columns?: Iterable<ProcedureColumn>; agencies?: { columns: AgencyColumn[] | undefined } } = {},
): Promise<Page<ListedProcedure> & { totalCount?: number }> {
  const ranked = !!filter?.text && searchTerms(filter.text).length > 0;
  const w = parseWindowKeys(readPageArgs(args, pageMax), procedureKey(ranked));
  let rows: ListedProcedure[] = [];
  let totalCount: number | undefined;
  if (w.limit > 0) {
    ({ rows, totalCount } = await procedurePage(db, { filter, columns: opts.columns, withTotal: opts.withTotal, ...w }));
  }
  const keyOf = ranked ? (p: ListedProcedure) => `${p.searchRank}|${p.code}` : (p: ListedProcedure) => p.code;
  const page = toPage<ListedProcedure>(rows, w, keyOf, () => (totalCount !== undefined ? Promise.resolve(totalCount) : countProcedures(db, filter)));
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
