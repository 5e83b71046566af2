import type { Knex } from '@mikro-orm/knex';
import type { Db, Sql } from './sql';

/*
 * Hot statements run as named prepared statements, so that PostgreSQL parses and plans each
 * text once per connection (bench/RESULTS.md, catalogue). A text depends only on the shape of a
 * request (which columns, which filters), never on its values, and the shapes are few; past
 * MAX_NAMED_STATEMENTS distinct texts the rest run unnamed, so that no client can make the set
 * grow without bound. They still run through knex (its `query` events count statements in tests).
 */
const MAX_NAMED_STATEMENTS = 200;
const statementNames = new Map<string, string>();

/** Every row of `q`, run as a named prepared statement (unnamed inside a transaction: `db.all`). */
export async function allPrepared<T>(db: Db, q: Sql): Promise<T[]> {
  if (db.inTransaction) return db.all<T>(q);
  const { text, params } = q.toQuery();
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `dvc_hub_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  const knex: Knex = db.em.getKnex();
  const raw = knex.raw(text, params as Knex.RawBinding[]);
  if (name !== undefined) raw.options({ name });
  const result: { rows: T[] } = await raw;
  return result.rows;
}
