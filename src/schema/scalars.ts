import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { vnWallClockIso } from '../domain/vn-time';
import { DomainError, msg, type Bilingual } from '../errors';
import { FIRST_DATE, isDateInRange, isInstantInRange, JSON_LIMITS, jsonProblem, LAST_DATE } from '../domain/input-rules';

const ISO_WITH_OFFSET = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An instant as ISO-8601 in Vietnam time: 2026-11-23T08:30:00+07:00 (milliseconds when not zero). */
export function formatDateTime(d: Date): string {
  const local = vnWallClockIso(d);
  const ms = local.slice(19, 23) === '.000' ? '' : local.slice(19, 23);
  return `${local.slice(0, 19)}${ms}+07:00`;
}

/** A refusal by a scalar: BAD_USER_INPUT (the error formatter adds the field from graphql-js's path). */
const refuse = (message: Bilingual, reason: string) => new DomainError('BAD_USER_INPUT', message, { reason });

function parseDateTime(value: unknown): Date {
  const m = typeof value === 'string' && value.length <= 40 ? ISO_WITH_OFFSET.exec(value) : null;
  if (!m || !isCalendarDate(m[1])) {
    throw refuse(
      msg('Thời điểm (DateTime) phải theo ISO-8601 có múi giờ, ví dụ 2026-11-23T08:30:00+07:00', 'DateTime must be ISO-8601 with an offset, e.g. 2026-11-23T08:30:00+07:00'),
      'FORMAT',
    );
  }
  const d = new Date(value as string);
  if (Number.isNaN(d.getTime())) throw refuse(msg('Thời điểm (DateTime) không hợp lệ', 'DateTime is not a valid instant'), 'FORMAT');
  if (!isInstantInRange(d)) throw refuse(msg(`Thời điểm (DateTime) phải nằm trong khoảng từ ${FIRST_DATE} đến ${LAST_DATE}`, `DateTime must be between ${FIRST_DATE} and ${LAST_DATE}`), 'OUT_OF_RANGE');
  return d;
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'ISO-8601 instant with offset, e.g. 2026-11-23T08:30:00+07:00.',
  serialize(value) {
    const d = value instanceof Date ? value : new Date(value as string);
    if (Number.isNaN(d.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date');
    return formatDateTime(d);
  },
  parseValue: parseDateTime,
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.STRING) throw refuse(msg('Thời điểm (DateTime) phải là một chuỗi', 'DateTime must be a string'), 'FORMAT');
    return parseDateTime(ast.value);
  },
});

/** A real calendar date YYYY-MM-DD (kept as that string inside the hub). */
export function isCalendarDate(value: string): boolean {
  const m = DATE_ONLY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) throw refuse(msg('Ngày (Date) phải là ngày có thật, dạng YYYY-MM-DD', 'Date must be a calendar date YYYY-MM-DD'), 'FORMAT');
  if (!isDateInRange(value)) throw refuse(msg(`Ngày (Date) phải nằm trong khoảng từ ${FIRST_DATE} đến ${LAST_DATE}`, `Date must be between ${FIRST_DATE} and ${LAST_DATE}`), 'OUT_OF_RANGE');
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'Calendar date, YYYY-MM-DD.',
  serialize(value) {
    if (value instanceof Date) return formatDateTime(value).slice(0, 10);
    // What the hub stored is shown as it is, in range or not.
    if (typeof value !== 'string' || !isCalendarDate(value)) throw new GraphQLError('Date cannot represent a value that is not YYYY-MM-DD');
    return value;
  },
  parseValue: parseDate,
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.STRING) throw refuse(msg('Ngày (Date) phải là một chuỗi', 'Date must be a string'), 'FORMAT');
    return parseDate(ast.value);
  },
});

/** Refuses a JSON value that is too deep, too large, or holds NUL or lone surrogates. */
function boundedJson(value: unknown): unknown {
  const p = jsonProblem(value);
  if (p) throw refuse(msg(`Giá trị JSON ${p.message.vi}`, `JSON ${p.message.en}`), p.reason);
  return value;
}

/**
 * A JSON literal written in the query text, as a value. Stops one level past the depth limit, so
 * no literal can run the stack out; the value is then checked like a variable's.
 */
function jsonLiteral(ast: ValueNode, variables: { readonly [name: string]: unknown } | null | undefined, depth = 0): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.ENUM:
      return ast.value;
    case Kind.VARIABLE:
      return variables ? variables[ast.name.value] : undefined;
    case Kind.LIST:
    case Kind.OBJECT: {
      if (depth >= JSON_LIMITS.maxDepth) throw refuse(
          msg(`Giá trị JSON không được lồng mảng và đối tượng sâu quá ${JSON_LIMITS.maxDepth} cấp`, `JSON must not nest arrays and objects more than ${JSON_LIMITS.maxDepth} deep`),
          'TOO_DEEP',
        );
      if (ast.kind === Kind.LIST) return ast.values.map((v) => jsonLiteral(v, variables, depth + 1));
      const o: Record<string, unknown> = Object.create(null);
      for (const f of ast.fields) o[f.name.value] = jsonLiteral(f.value, variables, depth + 1);
      return o;
    }
  }
}

/**
 * The JSON scalar of graphql-scalars (same name, description and output), with bounded input:
 * at most JSON_LIMITS.maxDepth levels and JSON_LIMITS.maxChars characters, and no NUL or lone
 * surrogate in any string or key (see jsonProblem).
 */
export const JSONScalar = new GraphQLScalarType({
  ...GraphQLJSON.toConfig(),
  parseValue: boundedJson,
  parseLiteral: (ast, variables) => boundedJson(jsonLiteral(ast, variables)),
});
