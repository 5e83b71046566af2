import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { AppError } from './errors';
import { DossierRuleError } from './domain/dossier-machine';
import { UpstreamError } from './connectors/upstream-error';

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

/**
 * The one place where errors become what a client sees: known errors keep their code and
 * message; query-limit rejections become QUERY_TOO_COMPLEX; anything else is logged with its
 * stack and shown as a plain INTERNAL_SERVER_ERROR.
 */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      return { message: original.message, locations: formatted.locations, path: formatted.path, extensions: { ...original.extensions } };
    }
    if (original instanceof DossierRuleError) {
      const extensions: Record<string, unknown> = { code: original.code, reason: original.reason };
      if (original.field) extensions.field = original.field;
      return { message: original.message, locations: formatted.locations, path: formatted.path, extensions };
    }
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

/** A validation error as a subscription client sees it: query-limit rejections carry QUERY_TOO_COMPLEX. */
export function toClientError(e: GraphQLError): GraphQLError {
  if (ARMOR_LIMIT.test(e.message)) {
    return new GraphQLError(e.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'QUERY_TOO_COMPLEX' } });
  }
  return new GraphQLError(withoutSuggestions(e.message), { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
}
