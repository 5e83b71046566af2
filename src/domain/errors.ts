/**
 * The hub's error codes (domain.md "Errors") and the one error class that domain rules,
 * commands and queries throw. It knows nothing of GraphQL: src/http/format-error.ts maps each
 * code to what a client sees, once, with an exhaustive switch.
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'UPSTREAM_UNAVAILABLE',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface DomainErrorDetails {
  /** The offending input field, for BAD_USER_INPUT. */
  field?: string;
  /** A machine-readable reason, e.g. SECOND_SUPPLEMENT_NEEDS_APOLOGY. */
  reason?: string;
  [key: string]: unknown;
}

/** The languages a client is answered in: Vietnamese by default, English on `Accept-Language: en…`. */
export const LANGUAGES = ['vi', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'vi';

/** A message a client can see, in both languages. */
export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

/**
 * A message in Vietnamese (first, as the one-stop desk writes it) and English. Every message a
 * client can see is written with this helper (test/unit/messages.test.ts reads every call).
 */
export const msg = (vi: string, en: string): Bilingual => ({ vi, en });

/** What a DomainError says: a bilingual pair, or one string for both languages (internal use). */
export type Message = string | Bilingual;

export const textIn = (m: Message, lang: Lang): string => (typeof m === 'string' ? m : m[lang]);

/**
 * An error whose message is safe to show a citizen. `message` (logs, stack traces) is the
 * English text; clients get `messageIn(lang)`, Vietnamese unless they ask for English.
 */
export class DomainError extends Error {
  readonly details: Readonly<DomainErrorDetails>;
  readonly text: Bilingual;
  constructor(
    readonly code: ErrorCode,
    message: Message,
    details: DomainErrorDetails = {},
  ) {
    const text = typeof message === 'string' ? { vi: message, en: message } : message;
    super(text.en);
    this.text = text;
    this.name = 'DomainError';
    this.details = Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined));
  }

  /** The message in a client's language. */
  messageIn(lang: Lang): string {
    return this.text[lang];
  }

  get field(): string | undefined {
    return this.details.field;
  }

  get reason(): string | undefined {
    return this.details.reason;
  }

  /**
   * `{code, …details}`. graphql-js copies an original error's `extensions` when it wraps it
   * (locatedError), so the code survives paths that do not pass through the formatter.
   */
  get extensions(): Record<string, unknown> {
    return { code: this.code, ...this.details };
  }
}

export const badInput = (field: string, message: Bilingual, reason?: string) => new DomainError('BAD_USER_INPUT', message, { field, reason });
export const notFound = (message: Bilingual) => new DomainError('NOT_FOUND', message);
export const forbidden = (message: Bilingual = msg('Bạn không có quyền thực hiện thao tác này', 'You are not allowed to do this')) =>
  new DomainError('FORBIDDEN', message);
export const unauthenticated = (
  message: Bilingual = msg('Bạn cần đăng nhập: yêu cầu phải kèm mã xác thực (bearer token) hợp lệ', 'Sign in first: a valid bearer token is required'),
) => new DomainError('UNAUTHENTICATED', message);
export const conflict = (message: Bilingual, reason?: string) => new DomainError('CONFLICT', message, { reason });
