import { createServer } from 'node:net';
import pino from 'pino';
import { ConfigError } from './config';

/**
 * Start-up failures that explain themselves: what went wrong, named by the variable to change,
 * as ONE JSON log line (then main exits non-zero) — never a stack trace of the driver.
 */
export class StartupError extends Error {
  constructor(
    message: string,
    /** What an operator needs: the variable, the host or port … (never a password). */
    readonly details: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'StartupError';
  }
}

/** The database a URL points at, without its password. */
export function databaseTarget(url: string): { host: string; port: number; database: string; user: string } {
  try {
    const u = new URL(url);
    return { host: u.hostname, port: Number(u.port || 5432), database: decodeURIComponent(u.pathname.replace(/^\//, '')) || '(default)', user: decodeURIComponent(u.username) };
  } catch {
    return { host: '(unreadable URL)', port: 0, database: '', user: '' };
  }
}

const CONNECT_REASONS: Record<string, string> = {
  ECONNREFUSED: 'nothing listens there (connection refused)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved (DNS unavailable)',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ECONNRESET: 'the server closed the connection',
  '28P01': 'the password was refused',
  '28000': 'the user may not connect',
  '3D000': 'the database does not exist',
};

/** The error code of a driver failure, looking through MikroORM's and AggregateError's wrappers. */
function codeOf(e: unknown, depth = 0): string | undefined {
  if (!e || typeof e !== 'object' || depth > 4) return undefined;
  const x = e as { code?: unknown; cause?: unknown; previous?: unknown; errors?: unknown[] };
  if (typeof x.code === 'string' && x.code in CONNECT_REASONS) return x.code;
  for (const inner of [x.cause, x.previous, ...(Array.isArray(x.errors) ? x.errors : [])]) {
    const c = codeOf(inner, depth + 1);
    if (c) return c;
  }
  return typeof x.code === 'string' ? x.code : undefined;
}

/** A failure to reach DATABASE_URL, as a StartupError naming the variable and the host. */
export function databaseUnreachable(url: string, e: unknown): StartupError {
  const target = databaseTarget(url);
  const code = codeOf(e);
  const reason = (code && CONNECT_REASONS[code]) ?? (e instanceof Error ? e.message.replace(/postgres(ql)?:\/\/[^@\s]*@/g, 'postgres://…@') : String(e));
  return new StartupError(`cannot connect to the database of DATABASE_URL at ${target.host}:${target.port}: ${reason}`, {
    variable: 'DATABASE_URL',
    ...target,
    code,
  });
}

/** Whether `err` came from connecting (not from, say, a failing migration). */
export function isConnectFailure(e: unknown): boolean {
  const code = codeOf(e);
  return code !== undefined && code in CONNECT_REASONS;
}

/** Fails, before anything else is started, when `port` is taken (the message names the variable). */
export async function assertPortFree(port: number, host: string, variable: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') reject(new StartupError(`port ${port} (${variable}) is already in use on ${host}: another process listens there; stop it or set ${variable}`, { variable, port, host }));
      else if (e.code === 'EACCES') reject(new StartupError(`port ${port} (${variable}) may not be used by this user on ${host}`, { variable, port, host }));
      else reject(e);
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** Writes the one JSON line of a failed start (to stdout, synchronously, like every log line) and exits. */
export function exitOnStartupFailure(e: unknown): never {
  const log = pino({ name: 'dvc-hub' }, pino.destination({ dest: 1, sync: true }));
  if (e instanceof ConfigError) {
    log.fatal({ variables: e.issues.map((i) => i.variable), issues: e.issues }, `invalid configuration: ${e.issues.map((i) => `${i.variable}: ${i.message}`).join('; ')}`);
    process.exit(2);
  }
  if (e instanceof StartupError) {
    log.fatal(e.details, `dvc-hub cannot start: ${e.message}`);
    process.exit(1);
  }
  const err = e instanceof Error ? { type: e.name, message: e.message, stack: e.stack } : { message: String(e) };
  log.fatal({ err }, `dvc-hub failed to start: ${err.message}`);
  process.exit(1);
}
