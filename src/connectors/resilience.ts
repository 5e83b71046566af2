/**
 * One resilient HTTP JSON caller shared by every connector: node:http(s) with keep-alive
 * wrapped in cockatiel policies.
 *
 *   retry (exponential backoff with decorrelated jitter)
 *     └─ circuit breaker (ConsecutiveBreaker, half-open after breakerHalfOpenMs)
 *          └─ one attempt: one HTTP exchange with its own timeout (timeoutMs)
 *
 * - The breaker sits inside the retry, so it counts failed *attempts*: with retries = 2 a
 *   call against a dead system is three consecutive failures. Once the breaker is open,
 *   calls fail at once with UpstreamError(reason 'circuit-open', retryable true) and are
 *   not retried here (retrying an open circuit only burns time; the outbox retries later).
 * - After breakerHalfOpenMs the next call is let through as a trial (state 'half-open'):
 *   success closes the breaker, failure opens it again for another breakerHalfOpenMs.
 *   Calls arriving while the trial runs wait for its outcome (cockatiel's behaviour).
 * - Only "system trouble" counts against the breaker and is retried: timeouts, network
 *   errors, 5xx/408/429, unreadable replies. A 4xx or a well-formed refusal (the `check`
 *   callback throwing a non-retryable UpstreamError) is the caller's problem, not the
 *   upstream's health, so it neither retries nor trips the breaker.
 * - Retrying a POST is safe only when the upstream deduplicates it: connectors send an
 *   Idempotency-Key (national portal) or a stable reference (payment MaThamChieu).
 *   Pass `retry: false` for a request that must never be repeated.
 */
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  IsolatedCircuitError,
  circuitBreaker,
  handleWhen,
  retry,
  type CircuitBreakerPolicy,
  type RetryPolicy,
} from 'cockatiel';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Logger } from '../logger';
import { UpstreamError } from './upstream-error';

export interface ResilienceOptions {
  /** Connector name used in errors, logs and metrics, e.g. "national-portal". */
  name: string;
  /** Base URL; request paths are appended to it (a path prefix in it is kept). */
  baseUrl: string;
  /** Per-attempt timeout (connect + headers + body). */
  timeoutMs: number;
  /** Extra attempts after the first one (0 = no retry). */
  retries: number;
  /** Consecutive failed attempts that open the circuit breaker. */
  breakerThreshold: number;
  /** How long the breaker stays open before letting a trial call through. */
  breakerHalfOpenMs: number;
  /** Sent with every request (e.g. an API key). */
  headers?: Record<string, string>;
  /** First backoff delay; later ones grow exponentially with jitter. Default 200 ms. */
  backoffInitialMs?: number;
  /** Largest backoff delay. Default 5000 ms. */
  backoffMaxMs?: number;
  log?: Logger;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

/** One finished call (all its attempts), for metrics: `ok`, or the failure's reason. */
export interface ConnectorCallReport {
  system: string;
  outcome: 'ok' | UpstreamError['reason'];
  seconds: number;
}

/** Spans of connector calls go to whatever tracer provider is registered (none: no-op). */
const tracer = trace.getTracer('dvc-hub');

export interface JsonRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to baseUrl, e.g. "/api/hoso/dongbo". */
  path: string;
  query?: Record<string, string | undefined>;
  /** Serialised as JSON when present. */
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Inspects a 2xx reply inside the attempt. Throw an UpstreamError to fail the attempt:
   * retryable ones are retried and count against the breaker, others end the call.
   */
  check?: (body: unknown, status: number) => void;
  /** False: a single attempt even on a retryable failure. Default true. */
  retry?: boolean;
}

export interface JsonReply<T = unknown> {
  status: number;
  /** Parsed JSON; null for an empty body. */
  body: T;
  /** Attempts made, 1 when the first one succeeded. */
  attempts: number;
}

const STATE_NAMES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

/** Failures that say something about the upstream's health. */
const countsAgainstUpstream = (e: Error) =>
  e instanceof UpstreamError && e.retryable && e.reason !== 'circuit-open';

export class ResilientJsonClient {
  readonly name: string;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly headers: Record<string, string>;
  private readonly log: Logger | undefined;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly retryPolicy: RetryPolicy;
  private readonly callListeners: ((call: ConnectorCallReport) => void)[] = [];
  /** Keep-alive connections to the upstream, shared by this client's requests. */
  private readonly agent: HttpAgent | HttpsAgent;

  constructor(opts: ResilienceOptions) {
    if (!(opts.timeoutMs > 0)) throw new Error(`${opts.name}: timeoutMs must be > 0`);
    if (!(opts.retries >= 0)) throw new Error(`${opts.name}: retries must be >= 0`);
    if (!(opts.breakerThreshold >= 1)) throw new Error(`${opts.name}: breakerThreshold must be >= 1`);
    this.name = opts.name;
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs;
    this.headers = { accept: 'application/json', ...opts.headers };
    this.log = opts.log?.child({ connector: opts.name });
    this.agent = this.baseUrl.startsWith('https:') ? new HttpsAgent({ keepAlive: true, maxSockets: 64 }) : new HttpAgent({ keepAlive: true, maxSockets: 64 });

    this.breaker = circuitBreaker(handleWhen(countsAgainstUpstream), {
      halfOpenAfter: opts.breakerHalfOpenMs,
      breaker: new ConsecutiveBreaker(opts.breakerThreshold),
    });
    this.retryPolicy = retry(handleWhen(countsAgainstUpstream), {
      maxAttempts: opts.retries,
      backoff: new ExponentialBackoff({
        initialDelay: opts.backoffInitialMs ?? 200,
        maxDelay: opts.backoffMaxMs ?? 5000,
      }),
    });

    this.breaker.onStateChange((s) => {
      const state = STATE_NAMES[s];
      if (state === 'open') this.log?.warn({ breaker: state }, `${this.name}: circuit breaker opened`);
      else this.log?.info({ breaker: state }, `${this.name}: circuit breaker ${state}`);
    });
    this.retryPolicy.onRetry((r) => {
      const err = 'error' in r ? r.error : undefined;
      this.log?.warn({ attempt: r.attempt, delayMs: Math.round(r.delay), err: err?.message }, `${this.name}: retrying`);
    });
  }

  /** Circuit breaker state, for metrics and health reports. */
  state(): BreakerState {
    return STATE_NAMES[this.breaker.state];
  }

  /** Calls `listener` on every breaker state change; returns an unsubscribe function. */
  onStateChange(listener: (state: BreakerState) => void): () => void {
    const sub = this.breaker.onStateChange((s) => listener(STATE_NAMES[s]));
    return () => sub.dispose();
  }

  /**
   * Calls `listener` before each retry's backoff (for metrics, or for a test that wants to
   * change the upstream between attempts); returns an unsubscribe function.
   */
  onRetry(listener: (info: { attempt: number; delayMs: number; error: Error | undefined }) => void): () => void {
    const sub = this.retryPolicy.onRetry((r) => listener({ attempt: r.attempt, delayMs: r.delay, error: 'error' in r ? r.error : undefined }));
    return () => sub.dispose();
  }

  /** Calls `listener` after every call (metrics); returns an unsubscribe function. */
  onCall(listener: (call: ConnectorCallReport) => void): () => void {
    this.callListeners.push(listener);
    return () => {
      const i = this.callListeners.indexOf(listener);
      if (i >= 0) this.callListeners.splice(i, 1);
    };
  }

  get<T = unknown>(path: string, opts: Omit<JsonRequest, 'path' | 'method' | 'body'> = {}): Promise<JsonReply<T>> {
    return this.request<T>({ ...opts, method: 'GET', path });
  }

  post<T = unknown>(path: string, body: unknown, opts: Omit<JsonRequest, 'path' | 'method' | 'body'> = {}): Promise<JsonReply<T>> {
    return this.request<T>({ ...opts, method: 'POST', path, body });
  }

  /**
   * Sends the request through retry → breaker → timeout; throws UpstreamError on failure.
   * One span per call (`<system> <METHOD> <path>`, all attempts) and one report to onCall.
   */
  async request<T = unknown>(req: JsonRequest): Promise<JsonReply<T>> {
    const started = performance.now();
    const method = req.method ?? 'GET';
    return tracer.startActiveSpan(`${this.name} ${method} ${req.path}`, { kind: SpanKind.CLIENT, attributes: { 'peer.service': this.name, 'http.request.method': method, 'url.path': req.path } }, async (span) => {
      let outcome: ConnectorCallReport['outcome'] = 'ok';
      try {
        const reply = await this.requestOnce<T>(req);
        span.setAttribute('dvc.attempts', reply.attempts);
        return reply;
      } catch (e) {
        outcome = e instanceof UpstreamError ? e.reason : 'bad-response';
        span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
        if (e instanceof UpstreamError) span.setAttribute('dvc.attempts', e.attempts ?? 0);
        throw e;
      } finally {
        span.end();
        const seconds = (performance.now() - started) / 1000;
        for (const l of this.callListeners) l({ system: this.name, outcome, seconds });
      }
    });
  }

  private async requestOnce<T>(req: JsonRequest): Promise<JsonReply<T>> {
    let attempts = 0;
    let lastReal: UpstreamError | undefined; // the last failure of an attempt that reached the system
    const once = async () => {
      attempts++;
      return this.breaker.execute(async () => {
        try {
          return await this.attempt(req);
        } catch (e) {
          if (e instanceof UpstreamError) lastReal = e;
          throw e;
        }
      });
    };
    try {
      const { status, body } = req.retry === false ? await once() : await this.retryPolicy.execute(once);
      return { status, body: body as T, attempts };
    } catch (e) {
      if ((e instanceof BrokenCircuitError || e instanceof IsolatedCircuitError) && lastReal) {
        // The system was asked in this call and failed, then the breaker opened: report that
        // failure (the outbox counts it as an attempt), not the refusal that followed it.
        lastReal.attempts = attempts;
        throw lastReal;
      }
      if (e instanceof BrokenCircuitError || e instanceof IsolatedCircuitError) {
        throw new UpstreamError(`${this.name} is unavailable (circuit breaker open)`, {
          system: this.name,
          reason: 'circuit-open',
          retryable: true,
          attempts,
          cause: e,
        });
      }
      if (e instanceof UpstreamError) {
        e.attempts = attempts;
        throw e;
      }
      // A bug in a check callback or the like: still report it as this connector's failure.
      throw new UpstreamError(`${this.name}: ${(e as Error)?.message ?? String(e)}`, {
        system: this.name,
        reason: 'bad-response',
        retryable: false,
        attempts,
        cause: e,
      });
    }
  }

  /** One HTTP exchange with its own timeout. */
  private async attempt(req: JsonRequest): Promise<{ status: number; body: unknown }> {
    const method = req.method ?? 'GET';
    const url = this.url(req.path, req.query);
    const headers: Record<string, string> = { ...this.headers, ...req.headers };
    let payload: string | undefined;
    if (req.body !== undefined) {
      payload = JSON.stringify(req.body);
      headers['content-type'] = 'application/json; charset=utf-8';
    }
    let status: number;
    let text: string;
    try {
      ({ status, text } = await exchange(this.agent, method, url, headers, payload, this.timeoutMs)); // the timeout covers the body too
    } catch (e) {
      if (e instanceof ExchangeTimeout) {
        throw new UpstreamError(`${this.name} did not answer within ${this.timeoutMs} ms (${method} ${req.path})`, {
          system: this.name,
          reason: 'timeout',
          retryable: true,
          cause: e,
        });
      }
      throw new UpstreamError(`${this.name} is unreachable (${method} ${req.path}): ${networkMessage(e)}`, {
        system: this.name,
        reason: 'network',
        retryable: true,
        cause: e,
      });
    }

    let body: unknown = null;
    let parsed = true;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        parsed = false;
      }
    }

    if (status < 200 || status >= 300) {
      const serverTrouble = status >= 500 || status === 408 || status === 429;
      const { code, message } = upstreamCodeOf(body);
      throw new UpstreamError(
        `${this.name} answered HTTP ${status} to ${method} ${req.path}${message ? `: ${message}` : ''}`,
        {
          system: this.name,
          reason: serverTrouble ? 'http-server' : 'http-client',
          retryable: serverTrouble,
          status,
          upstreamCode: code,
        },
      );
    }
    if (!parsed) {
      throw new UpstreamError(`${this.name} sent a reply that is not JSON (${method} ${req.path})`, {
        system: this.name,
        reason: 'bad-response',
        retryable: true,
        status,
      });
    }
    req.check?.(body, status);
    return { status, body };
  }

  private url(path: string, query?: Record<string, string | undefined>): string {
    let url = `${this.baseUrl}/${path.replace(/^\/+/, '')}`;
    if (query) {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.set(k, v);
      const s = qs.toString();
      if (s) url += (url.includes('?') ? '&' : '?') + s;
    }
    return url;
  }
}

/** error_code / MaLoi and message from an error reply, if it has them. */
function upstreamCodeOf(body: unknown): { code?: string; message?: string } {
  if (!body || typeof body !== 'object') return {};
  const b = body as Record<string, unknown>;
  const code = b.error_code ?? b.MaLoi;
  const message = b.message ?? b.MoTaLoi;
  return {
    code: code === undefined || code === null ? undefined : String(code),
    message: typeof message === 'string' ? message.slice(0, 300) : undefined,
  };
}

class ExchangeTimeout extends Error {}

/**
 * One HTTP exchange over a keep-alive agent (node:http/https): status and body text, or an
 * error (ExchangeTimeout when `timeoutMs` passed first). Cheaper per request than global
 * fetch, whose web streams cost the outbox dispatcher most of its CPU.
 */
function exchange(
  agent: HttpAgent | HttpsAgent,
  method: string,
  url: string,
  headers: Record<string, string>,
  payload: string | undefined,
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
    const h: Record<string, string | number> = { ...headers };
    const body = payload === undefined ? undefined : Buffer.from(payload, 'utf8');
    if (body) h['content-length'] = body.length;
    const req = send(u, { method, headers: h, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
    const timer = setTimeout(() => req.destroy(new ExchangeTimeout(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end(body);
  });
}

/** The socket error's code when there is one (ECONNREFUSED, ECONNRESET …). */
function networkMessage(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  return err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(e);
}
