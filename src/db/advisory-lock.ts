import type { MikroORM } from '@mikro-orm/postgresql';

/**
 * Runs `fn` while holding the PostgreSQL advisory lock `key`, taken by a transaction of its own
 * (released at commit, or by PostgreSQL when the process dies and its connection drops); `fn`'s
 * own statements run on other connections. Undefined, without running `fn`, when another
 * session holds the lock.
 */
export async function withAdvisoryXactLock<T>(orm: MikroORM, key: bigint, fn: () => Promise<T>): Promise<T | undefined> {
  const knex = orm.em.getConnection().getKnex();
  return knex.transaction(async (trx) => {
    const r = await trx.raw('select pg_try_advisory_xact_lock(?::bigint) as got', [key.toString()]);
    if (!r.rows[0].got) return undefined;
    return fn();
  });
}
