/**
 * The one error type every connector throws when an external system (national portal,
 * population database, payment platform) could not give a usable answer.
 *
 * The GraphQL layer maps it to UPSTREAM_UNAVAILABLE; the outbox uses `retryable` to decide
 * between "try this message again later" and "park it: the other side refused the data".
 */

/** Why the call failed. */
export type UpstreamFailure =
  /** No answer within the per-attempt timeout. */
  | 'timeout'
  /** Connection refused / reset / DNS …: the request may or may not have arrived. */
  | 'network'
  /** HTTP status that says "server trouble" (5xx, 408, 429). */
  | 'http-server'
  /** HTTP status that says "your request is wrong" (other 4xx). */
  | 'http-client'
  /** A well-formed reply that refuses the data (error_code ≠ "0", MaLoi ≠ "00" …). */
  | 'rejected'
  /** The reply could not be understood (not JSON, missing fields, bad checksum). */
  | 'bad-response'
  /** The circuit breaker is open: the call was not even attempted. */
  | 'circuit-open';

export interface UpstreamErrorInit {
  /** Connector name, e.g. "national-portal". */
  system: string;
  reason: UpstreamFailure;
  /** True when the same request may succeed later (outbox: retry; GraphQL: "try again"). */
  retryable: boolean;
  /** HTTP status of the last attempt, when there was one. */
  status?: number;
  /** The upstream's own error code (error_code, MaLoi …), when it sent one. */
  upstreamCode?: string;
  /** Attempts made (1 = no retry). */
  attempts?: number;
  cause?: unknown;
}

export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  readonly system: string;
  readonly reason: UpstreamFailure;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly upstreamCode: string | undefined;
  attempts: number;

  constructor(message: string, init: UpstreamErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.system = init.system;
    this.reason = init.reason;
    this.retryable = init.retryable;
    this.status = init.status;
    this.upstreamCode = init.upstreamCode;
    this.attempts = init.attempts ?? 1;
  }
}

export function isUpstreamError(e: unknown): e is UpstreamError {
  return e instanceof UpstreamError;
}
