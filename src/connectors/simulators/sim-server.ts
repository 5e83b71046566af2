/**
 * What every simulator shares: an Express 5 app that records the API requests it receives
 * and injects faults, plus the /_sim control endpoints.
 *
 * Control endpoints (never recorded, never affected by faults):
 *   GET    /_sim/requests  → RecordedRequest[], oldest first
 *   DELETE /_sim/requests  → clears the list; { cleared: n }
 *   GET    /_sim/faults    → the current FaultSettings
 *   POST   /_sim/faults    { mode: "ok"|"down"|"slow"|"error", latencyMs?, errorRate? } → FaultSettings
 * A simulator adds its own /_sim routes on `sim` and its API routes on `api`.
 *
 * Faults (they apply to the API routes only):
 *   ok     normal answers.
 *   down   the body is read, then the TCP socket is destroyed without any answer: the
 *          client sees a connection reset ("fetch failed"), as with a host that is gone.
 *   slow   the answer (and the request's effect) is delayed by latencyMs (default 3000):
 *          a client that times out first still had its request applied, which is exactly
 *          the case idempotency keys exist for.
 *   error  with probability errorRate (default 1) the request is answered HTTP 500
 *          { error_code: "99", … } without being applied; otherwise normally.
 *          latencyMs, when given, delays these answers too.
 * Refused requests are recorded all the same, with `fault: "down" | "error"`; delayed ones
 * with `delayedMs`. `status` is the HTTP status finally sent (absent for "down").
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../../logger';

export type FaultMode = 'ok' | 'down' | 'slow' | 'error';

export interface FaultSettings {
  mode: FaultMode;
  latencyMs: number;
  errorRate: number;
}

export interface RecordedRequest {
  /** 1, 2, 3 … in arrival order. */
  seq: number;
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Headers of interest: content-type, idempotency-key, x-api-key (masked). */
  headers: Record<string, string>;
  /** Parsed JSON (or form) body; the raw text when it was not parseable; null when empty. */
  body: unknown;
  /** ISO 8601. */
  receivedAt: string;
  /** Set when a fault refused the request. */
  fault?: 'down' | 'error';
  /** Set when the answer was delayed by a fault. */
  delayedMs?: number;
  /** HTTP status sent back. */
  status?: number;
  /** Set by a simulator when the request was a redelivery it ignored (same Idempotency-Key). */
  duplicate?: boolean;
}

export interface SimulatorOptions {
  /** 0 (default) = a free port. */
  port?: number;
  /** When `port` is taken, listen on the next free one after it (logged) instead of failing. */
  nextFreePort?: boolean;
  /** Default 127.0.0.1. */
  host?: string;
  log?: Logger;
}

/** What every started simulator offers to in-process callers (tests, server.ts). */
export interface SimulatorHandle {
  readonly name: string;
  /** Base URL, e.g. http://127.0.0.1:4101 */
  readonly url: string;
  readonly port: number;
  requests(): RecordedRequest[];
  clearRequests(): void;
  faults(): FaultSettings;
  setFaults(f: { mode: FaultMode; latencyMs?: number; errorRate?: number }): FaultSettings;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;
const DEFAULT_SLOW_MS = 3000;

/** An Express app with request recording, fault injection and the /_sim basics. */
export class SimServer {
  readonly app = express();
  /** API routes: recorded and subject to faults. */
  readonly api = express.Router();
  /** Extra control routes, mounted under /_sim (JSON bodies). */
  readonly sim = express.Router();
  readonly log: Logger | undefined;

  private recorded: RecordedRequest[] = [];
  private seq = 0;
  private fault: FaultSettings = { mode: 'ok', latencyMs: 0, errorRate: 1 };
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: http.Server | undefined;
  private closed = false;

  constructor(readonly name: string, log?: Logger) {
    this.log = log?.child({ simulator: name });
    this.app.disable('x-powered-by');
    this.app.set('etag', false);

    // ---- control endpoints
    const control = express.Router();
    control.get('/requests', (_req, res) => {
      res.json(this.recorded);
    });
    control.delete('/requests', (_req, res) => {
      const cleared = this.recorded.length;
      this.clearRequests();
      res.json({ cleared });
    });
    control.get('/faults', (_req, res) => {
      res.json(this.fault);
    });
    control.post('/faults', (req, res) => {
      const b = (req.body ?? {}) as Record<string, unknown>;
      const problem = validateFaults(b);
      if (problem) {
        res.status(400).json({ error_code: '1', message: problem });
        return;
      }
      res.json(this.setFaults(b as { mode: FaultMode; latencyMs?: number; errorRate?: number }));
    });
    this.app.use('/_sim', express.json({ limit: MAX_BODY_BYTES }), control, this.sim);

    // ---- API: read body, record, inject faults, route
    this.app.use((req, res, next) => this.readBody(req, res, next));
    this.app.use((req, res, next) => this.recordAndFault(req, res, next));
    this.app.use(this.api);
    this.app.use((req, res) => {
      res.status(404).json({ error_code: '404', message: `No route for ${req.method} ${req.path}` });
    });
    this.app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
      this.log?.error({ err }, `${this.name} simulator: handler failed`);
      if (!res.headersSent) res.status(500).json({ error_code: '99', message: 'Simulator error' });
    });
  }

  requests(): RecordedRequest[] {
    return this.recorded.map((r) => ({ ...r }));
  }

  clearRequests(): void {
    this.recorded = [];
  }

  faults(): FaultSettings {
    return { ...this.fault };
  }

  setFaults(f: { mode: FaultMode; latencyMs?: number; errorRate?: number }): FaultSettings {
    const problem = validateFaults(f as Record<string, unknown>);
    if (problem) throw new RangeError(problem);
    this.fault = {
      mode: f.mode,
      latencyMs: f.latencyMs ?? (f.mode === 'slow' ? DEFAULT_SLOW_MS : 0),
      errorRate: f.errorRate ?? 1,
    };
    this.log?.info({ faults: this.fault }, `${this.name} simulator: faults set`);
    return this.faults();
  }

  /** The record of the request being handled (to flag a duplicate, say). */
  static recordOf(res: Response): RecordedRequest | undefined {
    return res.locals.simRecord as RecordedRequest | undefined;
  }

  /** Listens, and returns the handle every simulator shares (its own extras are spread over it). */
  async start(opts: SimulatorOptions = {}): Promise<SimulatorHandle> {
    const { url, port } = await this.listen(opts);
    return {
      name: this.name,
      url,
      port,
      requests: () => this.requests(),
      clearRequests: () => this.clearRequests(),
      faults: () => this.faults(),
      setFaults: (f) => this.setFaults(f),
      close: () => this.close(),
    };
  }

  async listen(opts: SimulatorOptions = {}): Promise<{ url: string; port: number }> {
    const host = opts.host ?? '127.0.0.1';
    const server = http.createServer(this.app);
    // Simulators serve tests and demos: let keep-alive sockets go quickly on close.
    server.keepAliveTimeout = 2000;
    this.server = server;
    const wanted = opts.port ?? 0;
    for (let tried = wanted; ; tried++) {
      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(tried, host, () => {
            server.off('error', reject);
            resolve();
          });
        });
        break;
      } catch (e) {
        const busy = (e as NodeJS.ErrnoException).code === 'EADDRINUSE';
        if (!(busy && opts.nextFreePort && wanted !== 0 && tried < wanted + 100 && tried < 65535)) throw e;
      }
    }
    const port = (server.address() as AddressInfo).port;
    if (wanted !== 0 && port !== wanted) this.log?.warn({ wanted, port }, `${this.name} simulator: port ${wanted} is taken, listening on ${port}`);
    const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    return { url: `http://${urlHost}:${port}`, port };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Waits `ms`, unless the simulator closes first (then never resolves: the socket is gone). */
  delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return;
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  private readBody(req: Request, res: Response, next: NextFunction): void {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(c);
    });
    req.on('error', next);
    req.on('end', () => {
      if (tooLarge) {
        res.status(413).json({ error_code: '1', message: 'Body too large' });
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      res.locals.rawBody = text;
      req.body = parseBody(text, req.headers['content-type']);
      next();
    });
  }

  private recordAndFault(req: Request, res: Response, next: NextFunction): void {
    const rec: RecordedRequest = {
      seq: ++this.seq,
      method: req.method,
      path: req.path,
      query: Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, String(v)])),
      headers: headersOfInterest(req),
      body: req.body === undefined ? (res.locals.rawBody as string) : (req.body ?? null),
      receivedAt: new Date().toISOString(),
    };
    this.recorded.push(rec);
    res.locals.simRecord = rec;
    res.on('finish', () => {
      rec.status = res.statusCode;
    });
    this.log?.debug({ method: rec.method, path: rec.path, seq: rec.seq }, `${this.name} simulator: request`);

    const f = this.fault;
    if (f.mode === 'down') {
      rec.fault = 'down';
      req.socket.destroy();
      return;
    }
    const failing = f.mode === 'error' && Math.random() < f.errorRate;
    const latency = f.mode === 'slow' || f.mode === 'error' ? f.latencyMs : 0;
    const go = () => {
      if (failing) {
        rec.fault = 'error';
        res.status(500).json({ error_code: '99', message: 'Simulated failure (fault mode "error")' });
        return;
      }
      next();
    };
    if (latency > 0) {
      rec.delayedMs = latency;
      void this.delay(latency).then(go);
    } else go();
  }
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (text.trim() === '') return null;
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
  if (type === '' || type === 'application/json' || type.endsWith('+json')) {
    try {
      return JSON.parse(text);
    } catch {
      return undefined; // marks "unparseable"; the raw text is recorded instead
    }
  }
  return undefined;
}

function headersOfInterest(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  const ct = req.headers['content-type'];
  if (ct) out['content-type'] = ct;
  const key = req.headers['idempotency-key'];
  if (typeof key === 'string') out['idempotency-key'] = key;
  if (req.headers['x-api-key']) out['x-api-key'] = '[present]';
  return out;
}

function validateFaults(b: Record<string, unknown>): string | null {
  if (!['ok', 'down', 'slow', 'error'].includes(b.mode as string)) return 'mode must be "ok", "down", "slow" or "error"';
  if (b.latencyMs !== undefined && !(typeof b.latencyMs === 'number' && Number.isFinite(b.latencyMs) && b.latencyMs >= 0)) {
    return 'latencyMs must be a number ≥ 0';
  }
  if (b.errorRate !== undefined && !(typeof b.errorRate === 'number' && b.errorRate >= 0 && b.errorRate <= 1)) {
    return 'errorRate must be between 0 and 1';
  }
  return null;
}

/** `{ error_code, message }` replies used by the national-style simulators. */
export function reply(res: Response, status: number, error_code: string, message: string, extra: Record<string, unknown> = {}): void {
  res.status(status).json({ error_code, message, ...extra });
}

export const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
