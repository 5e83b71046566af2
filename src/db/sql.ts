import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * SQL with named values: a tagged template keeps each value next to its column, so two
 * adjacent values of one type cannot be swapped silently the way positional `?` lists can.
 *
 *   sql`select * from dossier where code = ${code} and version = ${version}`
 *   sql`insert into payment ${sql.values({ id, amount, status: 'PENDING' })}`
 *   sql`... where id = any(${sql.array(ids, 'uuid')})`   sql`... ${sql.json(payload)}`
 *
 * Values are always bound parameters; `sql.raw` is for trusted text only (identifiers and
 * fragments written in the code). Fragments nest. Every statement of the hub is written this
 * way, in src/stores/ (a test keeps SQL out of the other rooms).
 */
export class Sql {
  /** @internal text parts (length = values + 1) */
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}

  /** The statement for knex/MikroORM: `?` placeholders (a literal `?` in the text is escaped) and its values. */
  toQuery(): { text: string; params: unknown[] } {
    let text = escapeQuestionMarks(this.strings[0]);
    for (let i = 0; i < this.values.length; i++) text += `?${escapeQuestionMarks(this.strings[i + 1])}`;
    return { text, params: [...this.values] };
  }
}

const escapeQuestionMarks = (s: string) => s.replace(/\?/g, '\\?');

/** A bound value with a cast (`?::type`), e.g. a PostgreSQL array or jsonb. */
class Cast {
  constructor(
    readonly value: unknown,
    readonly type: string,
  ) {}
}

function build(strings: readonly string[], values: readonly unknown[]): Sql {
  const outStrings: string[] = [strings[0]];
  const outValues: unknown[] = [];
  const append = (s: string) => (outStrings[outStrings.length - 1] += s);
  values.forEach((v, i) => {
    if (v instanceof Sql) {
      append(v.strings[0]);
      v.values.forEach((inner, j) => {
        outValues.push(inner);
        outStrings.push(v.strings[j + 1]);
      });
    } else if (v instanceof Cast) {
      outValues.push(v.value);
      outStrings.push(`::${v.type}`);
    } else {
      if (Array.isArray(v)) throw new TypeError('sql: pass arrays through sql.array(values, type) (a list would be expanded into several parameters)');
      if (v === undefined) throw new TypeError('sql: undefined value (use null)');
      outValues.push(v);
      outStrings.push('');
    }
    append(strings[i + 1]);
  });
  return new Sql(outStrings, outValues);
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return build(strings, values);
}

/** Trusted SQL text (identifiers, keywords, fragments written in the code): never user input. */
sql.raw = (text: string): Sql => new Sql([text], []);

sql.empty = new Sql([''], []);

/** Fragments joined by a separator (default `, `). */
sql.join = (parts: readonly Sql[], separator = ', '): Sql => {
  if (parts.length === 0) return sql.empty;
  const strings = ['', ...parts.slice(1).map(() => separator), ''];
  return build(strings, parts);
};

/** A PostgreSQL array parameter: `?::type[]` (knex would expand a JS array into a list). */
sql.array = (values: readonly (string | number)[], type: string): Cast =>
  new Cast(`{${values.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`, `${type}[]`);

/** A jsonb parameter (null stays SQL null). */
sql.json = (value: unknown): Cast => new Cast(value === undefined || value === null ? null : JSON.stringify(value), 'jsonb');

/** `(col, …) values (v, …)` from one object: each value stands beside its column. */
sql.values = (row: Record<string, unknown>): Sql => {
  const cols = Object.keys(row);
  return sql`(${sql.raw(cols.join(', '))}) values (${sql.join(cols.map((c) => sql`${row[c]}`))})`;
};

/**
 * `(col, …) select v, …` from one object: an insert whose values (bound, or SQL over a CTE's
 * row such as `s.last`) stand beside their columns; append `from <cte>` / `where …` after it.
 */
sql.insertSelect = (row: Record<string, unknown>): Sql => {
  const cols = Object.keys(row);
  return sql`(${sql.raw(cols.join(', '))}) select ${sql.join(cols.map((c) => sql`${row[c]}`))}`;
};

/** `col = v, …` for an update, from one object. */
sql.set = (row: Record<string, unknown>): Sql => sql.join(Object.entries(row).map(([c, v]) => sql`${sql.raw(c)} = ${v}`));

/**
 * A database handle for one request, job run or transaction: runs `Sql` statements, on the
 * request's EntityManager connection, inside `trx` when there is one.
 */
export class Db {
  constructor(
    readonly em: EntityManager,
    private readonly trx?: unknown,
  ) {}

  get inTransaction(): boolean {
    return this.trx !== undefined;
  }

  /** Every row. */
  async all<T = Record<string, any>>(q: Sql): Promise<T[]> {
    const { text, params } = q.toQuery();
    return this.em.getConnection().execute<T[]>(text, params, 'all', this.trx as never);
  }

  /** The first row, or undefined. */
  async one<T = Record<string, any>>(q: Sql): Promise<T | undefined> {
    return (await this.all<T>(q))[0];
  }

  /**
   * Runs `fn` in one transaction (the same one when this handle is already in a transaction);
   * commits when it resolves, rolls back when it throws.
   */
  transaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return this.em.getConnection().transactional((trx) => fn(new Db(this.em, trx)));
  }
}

/** PostgreSQL's unique_violation, however the driver wrapped it. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string }; name?: string } | null;
  return !!err && (err.code === '23505' || err.cause?.code === '23505' || err.name === 'UniqueConstraintViolationException');
}
