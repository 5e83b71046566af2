import { sql, type Sql } from './sql';

/**
 * One property of a row type, declared once: the SQL expression that reads it and the GraphQL
 * fields of the type that need it (default: the field of the property's own name). Every
 * statement that reads these rows (a select list, a json_build_object, the narrowing to what a
 * client selected) is derived from this one declaration.
 */
export interface ColumnSpec {
  /** Trusted SQL on the statement's table alias, e.g. `p.sector_id` or `to_char(p.published_at, 'YYYY-MM-DD')`. */
  readonly sql: string;
  /** The GraphQL fields that read this property; default `[property name]`. */
  readonly fields?: readonly string[];
}

/**
 * The columns of one row type, keyed by property (the PostGraphile idea of a field declaring
 * the columns it needs): `select(wanted)` reads only some of them, always with `always`.
 */
export class ColumnSet<K extends string> {
  /** Every property, in declaration order (the order of every select list, so one selection gives one text). */
  readonly names: readonly K[];
  private readonly byField = new Map<string, K[]>();
  private readonly always: ReadonlySet<K>;
  private readonly fieldsWithoutColumn: ReadonlySet<string>;

  constructor(
    private readonly spec: Readonly<Record<K, ColumnSpec>>,
    opts: {
      /** Read whatever is selected (keys, what relations and cursors need). */
      always?: readonly K[];
      /** Fields of the type that need no column here (loaded another way, or __typename). */
      fieldsWithoutColumn?: readonly string[];
    } = {},
  ) {
    this.names = Object.keys(spec) as K[];
    for (const name of this.names) {
      for (const field of spec[name].fields ?? [name]) {
        const list = this.byField.get(field) ?? [];
        list.push(name);
        this.byField.set(field, list);
      }
    }
    this.always = new Set(opts.always ?? []);
    this.fieldsWithoutColumn = new Set(['__typename', ...(opts.fieldsWithoutColumn ?? [])]);
  }

  /**
   * The properties the given GraphQL fields read; undefined (i.e. every property) when one of
   * the fields is not declared, so that a field added later is never left without its data.
   */
  forFields(fields: Iterable<string>): K[] | undefined {
    const wanted = new Set<K>();
    for (const f of fields) {
      const columns = this.byField.get(f);
      if (columns) for (const c of columns) wanted.add(c);
      else if (!this.fieldsWithoutColumn.has(f)) return undefined;
    }
    return [...wanted];
  }

  /** The properties to read for `wanted` (default: all), with the `always` ones, in declaration order. */
  private pick(wanted: Iterable<K> | undefined): K[] {
    if (wanted === undefined) return [...this.names];
    const set = new Set<K>(wanted);
    return this.names.filter((c) => set.has(c) || this.always.has(c));
  }

  /** `expr as "property", …`: a select list whose rows are already shaped as the row type. */
  select(wanted?: Iterable<K>): Sql {
    return sql.raw(this.pick(wanted).map((c) => `${this.spec[c].sql} as "${c}"`).join(', '));
  }

  /** `'property', expr, …`: the arguments of a json_build_object giving the row type. */
  jsonObject(wanted?: Iterable<K>): Sql {
    return sql.raw(`json_build_object(${this.pick(wanted).map((c) => `'${c}', ${this.spec[c].sql}`).join(', ')})`);
  }
}
