/**
 * Client of the national public-service portal (Cổng Dịch vụ công quốc gia).
 *
 * Wire API (also served by ./simulators/national.ts):
 *   POST /api/hoso/dongbo   NationalDossierRecord   create-or-update, keyed by MaHoSo
 *   POST /api/hoso/tiendo   NationalProgressLine    appended to the dossier's progress
 *   POST /api/pakn          NationalFeedbackRecord  create-or-update, keyed by MaPAKN
 *   GET  /api/tthc          → { error_code, message, data: NationalProcedure[] }
 * Every write replies { error_code, message }; success when error_code is "0".
 *
 * Each write carries the hub's outbox message id as `Idempotency-Key`, so a redelivery
 * (after a timeout whose request did arrive, say) changes nothing on the portal side; that
 * is also what makes the retries in ./resilience.ts safe for these POSTs.
 *
 * Failures (all UpstreamError, system "national-portal"):
 *   - timeout, network error, HTTP 5xx/408/429, unreadable reply → retryable
 *   - HTTP 4xx, or error_code ≠ "0" in a 2xx reply (the portal refused the data) →
 *     not retryable: sending the same message again would be refused again.
 */
import { ResilientJsonClient, type BreakerState, type ResilienceOptions } from './resilience';
import type { NationalDossierRecord, NationalFeedbackRecord, NationalProcedure, NationalProgressLine, NationalReply } from './national-formats';
import { UpstreamError } from './upstream-error';

export const NATIONAL_PORTAL_PATHS = {
  dossier: '/api/hoso/dongbo',
  progress: '/api/hoso/tiendo',
  feedback: '/api/pakn',
  procedures: '/api/tthc',
} as const;

export const NATIONAL_PORTAL_SYSTEM = 'national-portal';

export interface NationalPortal {
  /** Create or update the dossier record (keyed by MaHoSo). */
  upsertDossier(rec: NationalDossierRecord, messageId: string): Promise<void>;
  /** Append one progress line to a dossier already sent. */
  addProgress(line: NationalProgressLine, messageId: string): Promise<void>;
  /** Forward a PAKN record (create or update, keyed by MaPAKN). */
  forwardFeedback(rec: NationalFeedbackRecord, messageId: string): Promise<void>;
  /** The national procedure catalogue. */
  listProcedures(): Promise<NationalProcedure[]>;
  /** Circuit breaker state, for metrics and health. */
  breakerState(): BreakerState;
}

export interface NationalPortalOptions extends Omit<ResilienceOptions, 'name'> {
  /** Sent as `X-API-Key` when set (NATIONAL_PORTAL_API_KEY). */
  apiKey?: string;
}

export class HttpNationalPortal implements NationalPortal {
  readonly http: ResilientJsonClient;

  constructor(opts: NationalPortalOptions) {
    const { apiKey, ...rest } = opts;
    this.http = new ResilientJsonClient({
      ...rest,
      name: NATIONAL_PORTAL_SYSTEM,
      headers: { ...rest.headers, ...(apiKey ? { 'x-api-key': apiKey } : {}) },
    });
  }

  breakerState(): BreakerState {
    return this.http.state();
  }

  upsertDossier(rec: NationalDossierRecord, messageId: string): Promise<void> {
    return this.write(NATIONAL_PORTAL_PATHS.dossier, rec, messageId);
  }

  addProgress(line: NationalProgressLine, messageId: string): Promise<void> {
    return this.write(NATIONAL_PORTAL_PATHS.progress, line, messageId);
  }

  forwardFeedback(rec: NationalFeedbackRecord, messageId: string): Promise<void> {
    return this.write(NATIONAL_PORTAL_PATHS.feedback, rec, messageId);
  }

  async listProcedures(): Promise<NationalProcedure[]> {
    const reply = await this.http.get<NationalReply & { data?: unknown }>(NATIONAL_PORTAL_PATHS.procedures, {
      check: (body) => {
        checkNationalReply(body);
        if (!Array.isArray((body as { data?: unknown }).data)) {
          throw new UpstreamError('national-portal: procedure list reply has no data array', {
            system: NATIONAL_PORTAL_SYSTEM,
            reason: 'bad-response',
            retryable: true,
          });
        }
      },
    });
    return reply.body.data as NationalProcedure[];
  }

  private async write(path: string, body: unknown, messageId: string): Promise<void> {
    if (!messageId) throw new TypeError('national-portal: a messageId (Idempotency-Key) is required');
    await this.http.post(path, body, { headers: { 'idempotency-key': messageId }, check: checkNationalReply });
  }
}

/** Throws unless `body` is `{ error_code: "0", … }`. */
function checkNationalReply(body: unknown): void {
  if (!body || typeof body !== 'object' || !('error_code' in body)) {
    throw new UpstreamError('national-portal: reply without error_code', {
      system: NATIONAL_PORTAL_SYSTEM,
      reason: 'bad-response',
      retryable: true,
    });
  }
  const { error_code, message } = body as NationalReply;
  if (String(error_code) !== '0') {
    throw new UpstreamError(`national-portal refused the data (error_code ${error_code}): ${message ?? ''}`.trim(), {
      system: NATIONAL_PORTAL_SYSTEM,
      reason: 'rejected',
      retryable: false,
      upstreamCode: String(error_code),
    });
  }
}
