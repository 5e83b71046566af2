import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnyEntity, EntityName } from '@mikro-orm/core';

/**
 * A per-request loader of entities by primary key: one `select … where id in (…)` for all the
 * keys asked for in the same tick, in the order asked.
 */
export function byIdLoader<T extends AnyEntity & { id: string }>(em: EntityManager, entity: EntityName<T>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = (await em.find(entity, { id: { $in: [...ids] } } as never)) as T[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * A per-request loader of a to-many relation (a Collection) for many owners at once:
 * MikroORM populates the relation for the whole batch with one query.
 */
export function collectionLoader<T extends AnyEntity & { id: string }, R extends object>(
  em: EntityManager,
  relation: string,
  items: (owner: T) => { getItems(): R[] },
) {
  return new DataLoader<T, R[], string>(
    async (owners) => {
      await em.populate(owners as T[], [relation] as never, { refresh: false });
      return owners.map((o) => items(o).getItems());
    },
    { cacheKeyFn: (o) => o.id },
  );
}
