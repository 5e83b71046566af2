import { badInput, msg } from '../errors';
import { decodeCursor, encodeCursor } from '../schema/global-id';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Page<T> {
  /** Counts every match of the filter; run only when a client asks for totalCount. */
  count: () => Promise<number>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: T }[];
}

/** Checks `first`/`after`; returns the page size and the sort key to start after. */
export function readPageArgs(args: PageArgs, max: number, fallback = 20): { limit: number; afterKey: string | null } {
  const limit = args.first ?? fallback;
  if (!Number.isInteger(limit) || limit < 0 || limit > max) {
    throw badInput('first', msg(`Tham số first phải từ 0 đến ${max}`, `first must be between 0 and ${max}`));
  }
  let afterKey: string | null = null;
  if (args.after != null) {
    afterKey = decodeCursor(args.after);
    if (afterKey === null) throw badInput('after', msg('Tham số after không phải là con trỏ phân trang do hệ thống trả về', 'after is not a cursor this hub returned'));
  }
  return { limit, afterKey };
}

/**
 * Builds a connection from rows fetched with `limit + 1` (the extra row tells whether a next
 * page exists).
 */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => string, count: () => Promise<number>): Page<T> {
  const hasNextPage = rows.length > limit;
  const slice = hasNextPage ? rows.slice(0, limit) : rows;
  const edges = slice.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    count,
    pageInfo: { hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    edges,
  };
}
