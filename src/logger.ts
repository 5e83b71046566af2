import pino, { stdSerializers, type DestinationStream, type Logger } from 'pino';

/** The hub's logger (JSON lines on stdout, or on `destination`). */
export function createLogger(level: string, name = 'dvc-hub', destination?: DestinationStream): Logger {
  return pino({
    name,
    level,
    // Personal data must not reach the logs through request bodies or tokens.
    redact: { paths: ['req.headers.authorization', '*.authorization', '*.identityNumber', '*.token'], censor: '[redacted]' },
    serializers: { err: serializeError },
  }, destination);
}

/**
 * Values inside SQL text and database messages, replaced by `?`: single-quoted literals (the
 * drivers inline bound values into the messages of failed statements), the quoted value that
 * PostgreSQL quotes after a colon (`invalid input syntax for type uuid: "…"`), and the values of
 * a key in a constraint detail (`Key (code)=(…)`). Identifiers and the statement's shape stay.
 */
export function redactSqlValues(text: string): string {
  return text
    .replace(/(?<![\w"])E?'(?:[^']|'')*'/g, "'?'")
    .replace(/: "(?:[^"]|"")*"/g, ': "?"')
    .replace(/\)=\((?:[^()]|\([^()]*\))*\)/g, ')=(?)');
}

/** A statement quoted in an error's text (`<statement> - <what PostgreSQL said>`), by its first keyword. */
const SQL_IN_TEXT = new RegExp(`\\b(${['select', 'insert', 'update', 'delete', 'with'].join('|')})\\b[\\s\\S]* - `, 'i');

/** A database error (node-postgres DatabaseError, or a MikroORM DriverException around one). */
function isDatabaseError(e: Record<string, unknown>): boolean {
  return (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && 'severity' in e) || typeof e.sqlState === 'string' || /DriverException|DatabaseError/.test(String(e.name));
}

/**
 * pino's error serializer, with database errors cut down to what an operator needs: the SQLSTATE,
 * the table, column, constraint and routine, and the message and stack with every value
 * redacted. The drivers' `detail`, `where`, `query`, `parameters` … are dropped: they hold a
 * citizen's identity number, phone or address as often as not.
 */
export function serializeError(err: unknown): unknown {
  if (typeof err === 'string') return SQL_IN_TEXT.test(err) ? redactSqlValues(err) : err;
  if (!(err instanceof Error)) return err;
  const e = err as Error & Record<string, unknown>;
  const inner = (e.cause ?? e.previous) as Record<string, unknown> | undefined;
  const db = isDatabaseError(e) ? e : inner && typeof inner === 'object' && isDatabaseError(inner) ? inner : null;
  if (!db) {
    const out = stdSerializers.err(e) as Record<string, unknown>;
    // A statement quoted into another error's message (a wrapped driver error) is redacted too.
    for (const k of ['message', 'stack'] as const) if (typeof out[k] === 'string' && SQL_IN_TEXT.test(out[k] as string)) out[k] = redactSqlValues(out[k] as string);
    return out;
  }
  const pick = (k: string) => (typeof db[k] === 'string' ? redactSqlValues(db[k] as string) : undefined);
  return {
    type: e.constructor?.name ?? e.name,
    message: redactSqlValues(e.message),
    code: pick('code') ?? pick('sqlState'),
    table: pick('table'),
    column: pick('column'),
    constraint: pick('constraint'),
    routine: pick('routine'),
    stack: e.stack ? redactSqlValues(e.stack) : undefined,
  };
}

export type { Logger };
