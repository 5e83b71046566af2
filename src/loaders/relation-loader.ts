import DataLoader from 'dataloader';

/** A per-request loader of rows by id: one query for every id asked for in the same tick. */
export function byIdLoader<R extends { id: string }>(fetch: (ids: readonly string[]) => Promise<R[]>) {
  return new DataLoader<string, R | null>(async (ids) => {
    const byId = new Map((await fetch(ids)).map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * A per-request loader of one value per key from rows that each carry their key (e.g. a
 * procedure's agencies aggregated into one row); `missing` for keys with no row.
 */
export function byKeyLoader<R, V>(
  fetch: (keys: readonly string[]) => Promise<R[]>,
  keyOf: (row: R) => string,
  valueOf: (row: R) => V,
  missing: V,
) {
  return new DataLoader<string, V>(async (keys) => {
    const byKey = new Map((await fetch(keys)).map((r) => [keyOf(r), valueOf(r)]));
    return keys.map((k) => byKey.get(k) ?? missing);
  });
}
