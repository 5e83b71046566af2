import { join } from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { cpus, tmpdir, totalmem } from 'node:os';
import { basename, resolve } from 'node:path';
import autocannon from 'autocannon';

/**
 * Node flags the hub runs with (keep in step with `npm start` in package.json): a 32 MB young
 * generation lets a request's short-lived objects die young instead of being scavenged mid-request;
 * a 512 MB old generation makes V8 collect burst garbage rather than grow the process.
 */
/** A bench hub runs as production does, with its own secrets (production refuses the development defaults). */
export const BENCH_SECRET = 'bench-secret-0123456789abcdef';
export const BENCH_PAYMENT = { PAYMENT_PARTNER_CODE: 'BENCH-PARTNER', PAYMENT_SECRET: 'bench-payment-secret-0123456789' };
/**
 * Rate limits stay ON in benches (their cost is measured) with budgets no bench reaches: the load
 * comes from one address and one or a few tokens.
 */
export const BENCH_RATE_LIMITS = {
  RATE_LIMIT_ANONYMOUS_POINTS: '1000000000',
  RATE_LIMIT_SIGNED_IN_POINTS: '1000000000',
  RATE_LIMIT_SUBMIT_DOSSIER_PER_HOUR: '1000000000',
  RATE_LIMIT_SUBMIT_DOSSIER_PER_DAY: '1000000000',
  RATE_LIMIT_SUBMIT_FEEDBACK_PER_HOUR: '1000000000',
  RATE_LIMIT_SUBMIT_FEEDBACK_PER_DAY: '1000000000',
};
/** Files of bench hubs: a folder of their own under the system's temporary folder, and a key of their own. */
export const BENCH_FILES = { FILE_STORE_DIR: join(tmpdir(), 'dvc-hub-bench-files'), FILE_URL_SECRET: 'bench-file-url-secret-0123456789abcdef' };
export const BENCH_PRODUCTION_ENV = { NODE_ENV: 'production', CONNECTOR_SIMULATORS: 'true', AUTH_JWT_SECRET: BENCH_SECRET, ...BENCH_PAYMENT, ...BENCH_RATE_LIMITS, ...BENCH_FILES };

export const HUB_NODE_FLAGS = ['--max-semi-space-size=32', '--max-old-space-size=512'];

/** Starts a compiled bench/*.js server in a child process and waits for it to report its URL. */
export async function startChild(script: string, env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(resolve(__dirname, script), [], {
    env: { ...process.env, ...env },
    // A hub logging every request (LOG_LEVEL=info) writes its lines to /dev/null: the cost is paid, the bench output stays readable.
    stdio: ['ignore', env.LOG_LEVEL === 'info' ? 'ignore' : 'inherit', 'inherit', 'ipc'],
    // The hub runs with the same Node flags as `npm start` (HUB_NODE_FLAGS).
    execArgv: basename(script).startsWith('hub-server') ? HUB_NODE_FLAGS : [],
  });
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${script} did not start within 60 s`)), 60_000);
    child.once('message', (m: { ready?: string }) => {
      clearTimeout(timer);
      if (m.ready) ok(m.ready);
      else fail(new Error(`${script}: unexpected message`));
    });
    child.once('exit', (code) => fail(new Error(`${script} exited with ${code}`)));
  });
  return { url, child };
}

/** Asks a bench child for its CPU time so far (µs), to report CPU per request. */
export function childCpu(child: ChildProcess): Promise<number> {
  return new Promise((ok) => {
    child.once('message', (m: { cpu?: number }) => ok(m.cpu ?? 0));
    child.send('cpu');
  });
}

/** Installed in bench children: answers 'cpu' with process.cpuUsage() (user + system, µs). */
export function answerCpuRequests(): void {
  process.on('message', (m) => {
    if (m === 'cpu') {
      const c = process.cpuUsage();
      process.send?.({ cpu: c.user + c.system });
    }
  });
}

export interface LoadResult {
  requestsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
}

/** Closed-loop HTTP load with autocannon: `connections` clients for `seconds`. */
export async function load(opts: { url: string; body?: string; method?: 'GET' | 'POST'; connections: number; seconds: number }): Promise<LoadResult> {
  const r = await autocannon({
    url: opts.url,
    method: opts.method ?? 'GET',
    body: opts.body,
    headers: opts.body ? { 'content-type': 'application/json' } : undefined,
    connections: opts.connections,
    duration: opts.seconds,
  });
  return {
    requestsPerSec: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    total: r.requests.total,
  };
}

export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}
