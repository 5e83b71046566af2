import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { DEFAULT_LANG, DomainError, msg, type ErrorCode, type Lang } from '../errors';
import { languageOfError } from './language';
import { UpstreamError } from '../connectors/upstream-error';

/**
 * Messages of a query over a limit: graphql-armor's (depth, aliases, cost, directives) and the
 * parser's own token limit.
 */
const ARMOR_LIMIT = /(depth|aliases|cost|token|directives) limit of \d+ exceeded|Document contains more th(?:an|at) \d+ tokens/i;

/** graphql-js suggests field, argument, type and enum-value names ("Did you mean …?"): a map of the schema for anyone probing. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;
const withoutSuggestions = (message: string) => message.replace(SUGGESTION, '').trim();

/**
 * Field suggestions help whoever writes queries and map the schema for whoever probes it: shown
 * in development only (production and the tests' NODE_ENV=test strip them).
 */
export const showsFieldSuggestions = (config: { NODE_ENV: string }): boolean => config.NODE_ENV === 'development';

/**
 * Codes that graphql-js / Apollo already give for the client's own mistakes, with how a
 * Vietnamese message opens: graphql-js words its own messages in English (they name the
 * query's fields and types), so in Vietnamese they follow this opening.
 */
const CLIENT_CODES = new Map<string, string>([
  ['GRAPHQL_PARSE_FAILED', 'Lỗi cú pháp câu truy vấn'],
  ['GRAPHQL_VALIDATION_FAILED', 'Câu truy vấn không hợp lệ'],
  ['BAD_USER_INPUT', 'Giá trị đầu vào không hợp lệ'],
  ['BAD_REQUEST', 'Yêu cầu không hợp lệ'],
  ['PERSISTED_QUERY_NOT_FOUND', 'Không tìm thấy truy vấn lưu sẵn'],
  ['PERSISTED_QUERY_NOT_SUPPORTED', 'Hệ thống không hỗ trợ truy vấn lưu sẵn'],
  ['OPERATION_RESOLUTION_FAILURE', 'Không xác định được thao tác cần thực hiện'],
]);

/** A graphql-js / Apollo message in the client's language: as it is in English, after a Vietnamese opening otherwise. */
const clientMessage = (code: string, message: string, lang: Lang) =>
  lang === 'en' ? message : `${CLIENT_CODES.get(code) ?? 'Yêu cầu không hợp lệ'}: ${message}`;

/** The messages a client can see that are not a DomainError's. */
export const CLIENT_TEXT = {
  internal: msg('Đã xảy ra lỗi hệ thống; vui lòng thử lại sau', 'Internal server error'),
  upstream: msg(
    'Một hệ thống bên ngoài mà Cổng kết nối cần đến hiện không phản hồi; vui lòng thử lại sau',
    'An external system the hub relies on is not answering right now; please try again later',
  ),
  tooDeep: msg('Không phân tích được câu truy vấn (lồng nhau quá sâu?)', 'The query could not be parsed (too deeply nested?)'),
  unparsable: msg('Không phân tích được câu truy vấn', 'Could not parse the query'),
  sessionExpired: msg('Phiên đăng nhập đã hết hạn: vui lòng đăng nhập lại', 'Your session has expired: sign in again'),
  accessChanged: msg('Quyền truy cập của bạn đã thay đổi: vui lòng kết nối lại', 'Your access has changed: connect again'),
  badJson: msg('Nội dung yêu cầu không phải là JSON hợp lệ', 'The request body is not valid JSON'),
  tooLarge: msg('Nội dung yêu cầu quá lớn', 'The request body is too large'),
  unreadable: msg('Không đọc được nội dung yêu cầu', 'The request could not be read'),
  notServed: (method: string, path: string) => msg(`Không có dịch vụ nào tại ${method} ${path}`, `Nothing is served at ${method} ${path}`),
} as const;

const LIMIT_NAMES_VI: Record<string, string> = {
  depth: 'độ sâu',
  aliases: 'số bí danh (alias)',
  cost: 'chi phí',
  token: 'số token',
  tokens: 'số token',
  directives: 'số chỉ thị (directive)',
};

/** A query-limit message (graphql-armor's or the parser's token limit) in the client's language. */
function limitMessage(message: string, lang: Lang): string {
  const en = message.replace(/^Syntax Error: /, '');
  if (lang === 'en') return en;
  const armor = /(depth|aliases|cost|directives) limit of (\d+) exceeded(?:, found (\d+))?/i.exec(en);
  if (armor) {
    const what = LIMIT_NAMES_VI[armor[1].toLowerCase()];
    return `Câu truy vấn quá phức tạp: vượt giới hạn ${what} ${armor[2]}${armor[3] ? ` (thực tế ${armor[3]})` : ''}`;
  }
  const tokens = /more th(?:an|at) (\d+) tokens/i.exec(en);
  if (tokens) return `Câu truy vấn quá phức tạp: vượt giới hạn ${tokens[1]} token`;
  return `Câu truy vấn quá phức tạp: ${en}`;
}

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
function refusedVariable(error: unknown, formatted: GraphQLFormattedError, lang: Lang): GraphQLFormattedError | null {
  const missing = VARIABLE_MISSING.exec(formatted.message);
  if (missing) {
    const message = lang === 'en' ? formatted.message : `Thiếu giá trị bắt buộc của biến "$${missing[1]}"`;
    return { message, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT', field: missing[1] } };
  }
  const m = VARIABLE_REFUSED.exec(formatted.message);
  if (!m || !(error instanceof GraphQLError)) return null;
  const cause = error.originalError;
  const why = cause && cause !== error ? cause.message : '';
  const head = why && formatted.message.endsWith(`; ${why}`) ? formatted.message.slice(0, -why.length - 2) : null;
  const at = head === null ? null : AT_PATH.exec(head);
  const field = at ? at[1] : m[1];
  const extensions: Record<string, unknown> = { code: 'BAD_USER_INPUT', field };
  if (cause instanceof DomainError && cause.reason) extensions.reason = cause.reason;
  const reason = cause instanceof DomainError ? cause.messageIn(lang) : why;
  const message =
    lang === 'en'
      ? head === null ? `Variable "$${m[1]}" got an invalid value` : `Variable "$${m[1]}" got an invalid value${at ? ` at "${field}"` : ''}: ${reason}`
      : head === null ? `Biến "$${m[1]}" có giá trị không hợp lệ` : `Biến "$${m[1]}" có giá trị không hợp lệ${at ? ` tại "${field}"` : ''}: ${reason}`;
  return { message, locations: formatted.locations, extensions };
}

/**
 * The one place where errors become what a client sees: known errors keep their code and
 * message; query-limit rejections become QUERY_TOO_COMPLEX; anything else is logged with its
 * stack and shown as a plain INTERNAL_SERVER_ERROR. Messages are in the request's language:
 * `lang` when given (graphql-ws), else the one src/http/language.ts tagged the error with,
 * else Vietnamese.
 */
export function createErrorFormatter(log: Logger, opts: { suggestions?: boolean } = {}) {
  const suggestionsOrNot = opts.suggestions ? (message: string) => message : withoutSuggestions;
  return (formatted: GraphQLFormattedError, error: unknown, lang: Lang = languageOfError(error) ?? DEFAULT_LANG): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) return { ...fromDomainError(original, log, lang), locations: formatted.locations, path: formatted.path };
    // A refusal thrown by a plugin hook (rate limits: src/http/rate-limit.ts) wraps its DomainError.
    if (original instanceof GraphQLError && original.originalError instanceof DomainError && original.originalError.code === 'RATE_LIMITED') return fromDomainError(original.originalError, log, lang);
    if (original instanceof UpstreamError) {
      log.warn({ err: original, system: original.system, reason: original.reason }, 'an external system did not answer');
      return {
        message: CLIENT_TEXT.upstream[lang],
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'UPSTREAM_UNAVAILABLE', system: original.system },
      };
    }
    const code = formatted.extensions?.code as string | undefined;
    if (code === 'BAD_USER_INPUT' && formatted.extensions?.field === undefined) {
      const refused = refusedVariable(original, formatted, lang);
      if (refused) return refused;
    }
    if (code === 'GRAPHQL_VALIDATION_FAILED' && original instanceof GraphQLError && original.originalError instanceof DomainError) {
      // A scalar refused a value written in the query text (DateTime out of range, JSON too deep).
      return { ...fromDomainError(original.originalError, log, lang), locations: formatted.locations };
    }
    if (code === 'GRAPHQL_PARSE_FAILED' && !/^Syntax Error: /.test(formatted.message)) {
      // The parser itself failed (a literal nested thousands deep runs it out of stack): never
      // show an engine's own message.
      log.warn({ err: original }, 'the query could not be parsed');
      return { message: CLIENT_TEXT.tooDeep[lang], extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
    }
    if (ARMOR_LIMIT.test(formatted.message)) {
      return { message: limitMessage(formatted.message, lang), extensions: { code: 'QUERY_TOO_COMPLEX' } };
    }
    if (code && CLIENT_CODES.has(code)) {
      const { stacktrace: _drop, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
      return { ...formatted, message: clientMessage(code, suggestionsOrNot(formatted.message), lang), extensions };
    }
    log.error({ err: original, path: formatted.path }, 'unexpected error while serving a GraphQL request');
    return { message: CLIENT_TEXT.internal[lang], locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/**
 * What a client sees of a DomainError: its message (safe to show) and `extensions` with the code
 * and details. One case per code; a new code does not compile until it is mapped here.
 */
function fromDomainError(e: DomainError, log: Logger, lang: Lang): GraphQLFormattedError {
  const shown = (code: ErrorCode): GraphQLFormattedError => ({ message: e.messageIn(lang), extensions: { ...e.details, code } });
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
      return { message: CLIENT_TEXT.internal[lang], extensions: { code: e.code } };
    default: {
      const unmapped: never = e.code;
      throw new Error(`error code ${String(unmapped)} is not mapped`);
    }
  }
}

/** A validation error as a subscription client sees it: query-limit rejections carry QUERY_TOO_COMPLEX. */
export function toClientError(e: GraphQLError, lang: Lang = DEFAULT_LANG, suggestions = false): GraphQLError {
  if (ARMOR_LIMIT.test(e.message)) {
    return new GraphQLError(limitMessage(e.message, lang), { extensions: { code: 'QUERY_TOO_COMPLEX' } });
  }
  return new GraphQLError(clientMessage('GRAPHQL_VALIDATION_FAILED', suggestions ? e.message : withoutSuggestions(e.message), lang), { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
}
