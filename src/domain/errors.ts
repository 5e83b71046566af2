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

/** An error whose message is safe to show a citizen. */
export class DomainError extends Error {
  readonly details: Readonly<DomainErrorDetails>;
  constructor(
    readonly code: ErrorCode,
    message: string,
    details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.details = Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined));
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

export const badInput = (field: string, message: string, reason?: string) => new DomainError('BAD_USER_INPUT', message, { field, reason });
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new DomainError('FORBIDDEN', message);
export const unauthenticated = (message = 'Sign in first: a valid bearer token is required') => new DomainError('UNAUTHENTICATED', message);
export const conflict = (message: string, reason?: string) => new DomainError('CONFLICT', message, { reason });
