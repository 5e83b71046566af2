import { badInput, msg } from '../errors';
import { isInstantInRange } from '../domain/input-rules';
import { decodeCursor, encodeCursor } from '../schema/global-id';
import type { InstantCodeKey, PageWindow } from '../domain/paging';

export type { InstantCodeKey, PageWindow } from '../domain/paging';

/** The Relay connection arguments: first/after read forward, last/before backward. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Page<T> {
  /** Counts every match of the filter; run only when a client asks for totalCount. */
  count: () => Promise<number>;
  pageInfo: PageInfo;
  edges: { cursor: string; node: T }[];
}

/**
 * Checks the Relay arguments (Relay's rules: first/after forward, last/before backward; first
 * and last together are refused, as the specification discourages them) and returns the window:
 * the page size (at most `max`; `fallback` when neither first nor last is given) and the cursor
 * keys.
 */
export function readPageArgs(args: PageArgs, max: number, fallback = 20): PageWindow {
  if (args.first != null && args.last != null) throw badInput('last', msg('Không dùng first cùng với last: trang tiếp theo dùng first/after, trang trước dùng last/before', 'first and last cannot be combined: page forward with first/after or backward with last/before'));
  const backward = args.last != null;
  const field = backward ? 'last' : 'first';
  const limit = (backward ? args.last : args.first) ?? fallback;
  if (!Number.isInteger(limit) || limit < 0 || limit > max) {
    throw badInput(field, msg(`Tham số ${field} phải từ 0 đến ${max}`, `${field} must be between 0 and ${max}`));
  }
  return { limit, afterKey: cursorKey(args.after, 'after'), beforeKey: cursorKey(args.before, 'before'), backward };
}

function cursorKey(cursor: string | null | undefined, field: 'after' | 'before'): string | null {
  if (cursor == null) return null;
  const key = decodeCursor(cursor);
  if (key === null) throw badInput(field, msg(`Tham số ${field} không phải là con trỏ phân trang do hệ thống trả về`, `${field} is not a cursor this hub returned`));
  return key;
}

/** The window with its keys parsed by `parse` (which gets the argument's name for its error). */
export function parseWindowKeys<K>(w: PageWindow, parse: (key: string, field: 'after' | 'before') => K): PageWindow<K> {
  return {
    ...w,
    afterKey: w.afterKey === null ? null : parse(w.afterKey, 'after'),
    beforeKey: w.beforeKey === null ? null : parse(w.beforeKey, 'before'),
  };
}

/** A sort key `<instant>|<code>` (dossiers and feedback, newest first): its parts, or BAD_USER_INPUT. */
export function parseInstantCodeKey(key: string, field: 'after' | 'before'): InstantCodeKey {
  const sep = key.indexOf('|');
  const at = new Date(sep < 0 ? '' : key.slice(0, sep));
  if (sep < 0 || Number.isNaN(at.getTime()) || !isInstantInRange(at)) throw badInput(field, msg(`Tham số ${field} không phải là con trỏ phân trang do hệ thống trả về`, `${field} is not a cursor this hub returned`));
  return { submittedAt: at, code: key.slice(sep + 1) };
}

/**
 * Builds a connection from the rows a store read for `w` (`w.limit + 1` of them at most, in
 * reverse order when `w.backward`). Forward, the extra row tells hasNextPage and hasPreviousPage
 * says whether the client came from a cursor (`after`: the edges up to it lie before this page);
 * backward, the mirror image.
 */
export function toPage<T>(rows: T[], w: PageWindow<unknown>, keyOf: (row: T) => string, count: () => Promise<number>): Page<T> {
  const more = rows.length > w.limit;
  let slice = more ? rows.slice(0, w.limit) : rows;
  if (w.backward) slice = slice.reverse();
  const edges = slice.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    count,
    pageInfo: {
      hasNextPage: w.backward ? w.beforeKey !== null : more,
      hasPreviousPage: w.backward ? more : w.afterKey !== null,
      startCursor: edges.length ? edges[0].cursor : null,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
    edges,
  };
}
