import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { DomainError, type ErrorCode } from '../errors';
import { UpstreamError } from '../connectors/upstream-error';

/**
 * Messages of a query over a limit: graphql-armor's (depth, aliases, cost, directives) and the
 * parser's own token limit.
 */
const ARMOR_LIMIT = /(depth|aliases|cost|token|directives) limit of \d+ exceeded|Document contains more th(?:an|at) \d+ tokens/i;

/** graphql-js suggests field, argument, type and enum-value names ("Did you mean …?"): a map of the schema for anyone probing. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;
const withoutSuggestions = (message: string) => message.replace(SUGGESTION, '').trim();

/** Codes that graphql-js / Apollo already give for the client's own mistakes. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** `Variable "$input" got invalid value <the value> at "input.a[0].b"; <why>`, as graphql-js words a refused variable. */
const VARIABLE_REFUSED = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" got invalid value /;
const VARIABLE_MISSING = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" of (?:non-null|required) type "[^"]*" (?:must not be null|was not provided)\.$/;
const AT_PATH = / at "([_A-Za-z][_0-9A-Za-z]*(?:\.[_A-Za-z][_0-9A-Za-z]*|\[\d+\])*)"$/;

/**
 * A variable graphql-js refused while coercing it (a scalar's parse, an enum, a missing field):
 * the path becomes `extensions.field` (`input.newDueAt`: relative to the variable, which is the
 * argument's name when the client names it so), and the message no longer echoes the value,
 * which may be 100,000 characters long or hold NUL. A scalar's own reason is kept.
 */
function refusedVariable(error: unknown, formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  const missing = VARIABLE_MISSING.exec(formatted.message);
  if (missing) return { message: formatted.message, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT', field: missing[1] } };
  const m = VARIABLE_REFUSED.exec(formatted.message);
  if (!m || !(error instanceof GraphQLError)) return null;
  const cause = error.originalError;
  const why = cause && cause !== error ? cause.message : '';
  const head = why && formatted.message.endsWith(`; ${why}`) ? formatted.message.slice(0, -why.length - 2) : null;
  const at = head === null ? null : AT_PATH.exec(head);
  const field = at ? at[1] : m[1];
  const extensions: Record<string, unknown> = { code: 'BAD_USER_INPUT', field };
  if (cause instanceof DomainError && cause.reason) extensions.reason = cause.reason;
  const message = head === null ? `Variable "$${m[1]}" got an invalid value` : `Variable "$${m[1]}" got an invalid value${at ? ` at "${field}"` : ''}: ${why}`;
  return { message, locations: formatted.locations, extensions };
}

/**
 * The one place where errors become what a client sees: known errors keep their code and
 * message; query-limit rejections become QUERY_TOO_COMPLEX; anything else is logged with its
 * stack and shown as a plain INTERNAL_SERVER_ERROR.
 */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) return { ...fromDomainError(original, log), locations: formatted.locations, path: formatted.path };
    // A refusal thrown by a plugin hook (rate limits: src/http/rate-limit.ts) wraps its DomainError.
    if (original instanceof GraphQLError && original.originalError instanceof DomainError && original.originalError.code === 'RATE_LIMITED') return fromDomainError(original.originalError, log);
    if (original instanceof UpstreamError) {
      log.warn({ err: original, system: original.system, reason: original.reason }, 'an external system did not answer');
      return {
        message: 'An external system the hub relies on is not answering right now; please try again later',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'UPSTREAM_UNAVAILABLE', system: original.system },
      };
    }
    const code = formatted.extensions?.code as string | undefined;
    if (code === 'BAD_USER_INPUT' && formatted.extensions?.field === undefined) {
      const refused = refusedVariable(original, formatted);
      if (refused) return refused;
    }
    if (code === 'GRAPHQL_VALIDATION_FAILED' && original instanceof GraphQLError && original.originalError instanceof DomainError) {
      // A scalar refused a value written in the query text (DateTime out of range, JSON too deep).
      return { ...fromDomainError(original.originalError, log), locations: formatted.locations };
    }
    if (code === 'GRAPHQL_PARSE_FAILED' && !/^Syntax Error: /.test(formatted.message)) {
      // The parser itself failed (a literal nested thousands deep runs it out of stack): never
      // show an engine's own message.
      log.warn({ err: original }, 'the query could not be parsed');
      return { message: 'The query could not be parsed (too deeply nested?)', extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
    }
    if (ARMOR_LIMIT.test(formatted.message)) {
      return { message: formatted.message.replace(/^Syntax Error: /, ''), extensions: { code: 'QUERY_TOO_COMPLEX' } };
    }
    if (code && CLIENT_CODES.has(code)) {
      const { stacktrace: _drop, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
      return { ...formatted, message: withoutSuggestions(formatted.message), extensions };
    }
    log.error({ err: original, path: formatted.path }, 'unexpected error while serving a GraphQL request');
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/**
 * What a client sees of a DomainError: its message (safe to show) and `extensions` with the code
 * and details. One case per code; a new code does not compile until it is mapped here.
 */
function fromDomainError(e: DomainError, log: Logger): GraphQLFormattedError {
  const shown = (code: ErrorCode): GraphQLFormattedError => ({ message: e.message, extensions: { ...e.details, code } });
  switch (e.code) {
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
    case 'BAD_USER_INPUT':
    case 'NOT_FOUND':
    case 'CONFLICT':
    case 'RATE_LIMITED':
    case 'QUERY_TOO_COMPLEX':
      return shown(e.code);
    case 'UPSTREAM_UNAVAILABLE':
      log.warn({ err: e }, 'an external system did not answer');
      return shown(e.code);
    case 'INTERNAL_SERVER_ERROR':
      log.error({ err: e }, 'internal error raised by the hub');
      return { message: 'Internal server error', extensions: { code: e.code } };
    default: {
      const unmapped: never = e.code;
      throw new Error(`error code ${String(unmapped)} is not mapped`);
    }
  }
}

/** A validation error as a subscription client sees it: query-limit rejections carry QUERY_TOO_COMPLEX. */
export function toClientError(e: GraphQLError): GraphQLError {
  if (ARMOR_LIMIT.test(e.message)) {
    return new GraphQLError(e.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'QUERY_TOO_COMPLEX' } });
  }
  return new GraphQLError(withoutSuggestions(e.message), { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
}
