import { GraphQLError } from 'graphql';

/** The error codes of domain.md, carried in `extensions.code`. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UPSTREAM_UNAVAILABLE'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_COMPLEX'
  | 'INTERNAL_SERVER_ERROR';

export interface AppErrorDetails {
  /** The offending input field, for BAD_USER_INPUT. */
  field?: string;
  /** A machine-readable reason, e.g. SECOND_SUPPLEMENT_NEEDS_APOLOGY. */
  reason?: string;
  [key: string]: unknown;
}

/** An error whose message is safe to show a citizen. */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, details: AppErrorDetails = {}) {
    const extensions: Record<string, unknown> = { code };
    for (const [k, v] of Object.entries(details)) if (v !== undefined) extensions[k] = v;
    super(message, { extensions });
    this.code = code;
  }
}

export const badInput = (field: string, message: string, reason?: string) =>
  new AppError('BAD_USER_INPUT', message, { field, reason });
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('FORBIDDEN', message);
export const unauthenticated = (message = 'Sign in first: a valid bearer token is required') =>
  new AppError('UNAUTHENTICATED', message);
export const conflict = (message: string, reason?: string) => new AppError('CONFLICT', message, { reason });
