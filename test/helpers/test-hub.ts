import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/logger';
import { openOrm, migrate, type MikroORM } from '../../src/db/orm';
import { startHub, type Hub } from '../../src/http/server';
import { seedDemo } from '../../src/seed/seed';
import { signDevToken, type DevTokenClaims } from '../../src/auth/tokens';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createScratchDatabase, type ScratchDatabase } from '../../src/db/scratch-database';
import { startSimulators, type Simulators } from '../../src/connectors/simulators';
import { createConnectors } from '../../src/connectors';
import { registerStaffMember } from '../../src/stores/staff.store';
import { isDirectoryRole } from '../../src/domain/staff';
import { Db } from '../../src/db/sql';

export const TEST_SECRET = 'test-secret-for-dvc-hub-0123456789';

export interface TestHub {
  hub: Hub;
  orm: MikroORM;
  db: ScratchDatabase;
  config: Config;
  /** The national portal, population database and payment platform simulators this hub talks to. */
  sims: Simulators;
  /** Every SQL statement sent since the last reset (for counting round trips). */
  sql: string[];
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string, headers?: Record<string, string>): Promise<GqlResponse<T>>;
  /**
   * Signs a dev token. Staff claims (any role but CITIZEN) are registered in the staff directory
   * first, as the operator would (the union with what the subject already holds; active again),
   * so the token is honoured as it claims. `{ register: false }`: sign only (tests of the directory).
   */
  token(claims: Partial<DevTokenClaims> & Pick<DevTokenClaims, 'roles'>, opts?: { register?: boolean }): Promise<string>;
  /** Moves the hub's clock (null: back to real time). */
  setNow(at: Date | null): void;
  /** A graphql-ws subscription on this hub; events are queued until taken with next(). */
  subscribe(query: string, variables?: Record<string, unknown>, token?: string, connection?: WsConnectionOptions): Promise<TestSubscription>;
  stop(): Promise<void>;
}

/** More for a graphql-ws connection: connectionParams besides the token, headers of the upgrade request. */
export interface WsConnectionOptions {
  connectionParams?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface TestSubscription {
  next(timeoutMs?: number): Promise<any>;
  /** Resolves with the first error the server sends for this subscription. */
  error(timeoutMs?: number): Promise<any>;
  close(): Promise<void>;
}

export interface GqlResponse<T> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string; [k: string]: unknown } }[];
}

/**
 * A hub on a fresh database with the demo catalogue and its own simulators, listening on a free
 * port. Jobs are off unless `env` turns them on (JOBS_ENABLED); `runJob` runs one either way.
 * Connector timeouts and backoffs are short so fault tests run in seconds.
 */
export async function startTestHub(opts: { env?: Record<string, string>; seed?: boolean; log?: import('../../src/logger').Logger } = {}): Promise<TestHub> {
  let fixedNow: Date | null = null;
  const clock = { now: () => (fixedNow ? new Date(fixedNow) : new Date()) };
  const db = await createScratchDatabase();
  // Each hub keeps its files in its own folder, removed when it stops (unless the test chose one).
  const fileDir = opts.env?.FILE_STORE_DIR ? null : mkdtempSync(join(tmpdir(), 'dvc-hub-files-'));
  const config = loadConfig({
    ...(fileDir ? { FILE_STORE_DIR: fileDir } : {}),
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    AUTH_JWT_SECRET: TEST_SECRET,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JOBS_ENABLED: 'false',
    CONNECTOR_TIMEOUT_MS: '1000',
    CONNECTOR_RETRIES: '1',
    CONNECTOR_BACKOFF_MS: '20',
    CONNECTOR_BREAKER_HALF_OPEN_MS: '300',
    OUTBOX_BACKOFF_BASE_MS: '50',
    OUTBOX_BACKOFF_MAX_MS: '400',
    IDENTITY_CHECK_TIMEOUT_MS: '500',
    RATE_LIMIT_ENABLED: 'false', // tests of other things make hundreds of calls from one address; rate-limits.test.ts turns them on
    ...opts.env,
  });
  const log = opts.log ?? createLogger(config.LOG_LEVEL);
  const sims = await startSimulators({ partnerCode: config.PAYMENT_PARTNER_CODE, secret: config.PAYMENT_SECRET });
  let orm: MikroORM | undefined;
  let hub: Hub;
  const sql: string[] = [];
  try {
    orm = await openOrm({ databaseUrl: db.url, poolMax: db.kind === 'pglite' ? 1 : 5 }); // see src/bootstrap.ts
    await migrate(orm);
    if (opts.seed !== false) await seedDemo(orm.em.fork(), new Date());
    orm.em.getConnection().getKnex().on('query', (q: { sql: string }) => sql.push(q.sql));
    const connectors = createConnectors(config, log, { urls: sims.urls });
    hub = await startHub({ config, orm, log, clock, connectors }, { port: 0, host: '127.0.0.1' });
    sims.payment.setIpnUrl(`${hub.url}/payments/ipn`);
  } catch (e) {
    // Leave nothing open, or jest waits for it forever.
    await orm?.close();
    await db.drop();
    await sims.close();
    throw e;
  }
  const clients: Client[] = [];

  return {
    hub,
    orm: orm!,
    db,
    config,
    sims,
    sql,
    async gql(query, variables, token, headers = {}) {
      const res = await fetch(`${hub.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GqlResponse<any>;
      return { ...body, status: res.status };
    },
    async token(claims, opts = {}) {
      const sub = claims.sub ?? `test-${claims.roles[0]}`;
      const staffRoles = claims.roles.filter(isDirectoryRole);
      if (opts.register !== false && staffRoles.length) {
        await registerStaffMember(new Db(orm!.em.fork()), { subject: sub, fullName: sub, roles: staffRoles, agencyCodes: claims.agencies ?? [] }, 'system:test-helper', new Date());
        hub.services.accounts.changed({ subject: sub });
      }
      return signDevToken(TEST_SECRET, { ...claims, sub });
    },
    setNow(at) {
      fixedNow = at;
    },
    subscribe: (query, variables, token, connection) => openSubscription(hub.url, clients, query, variables, token, connection),
    async stop() {
      await Promise.all(clients.map((c) => c.dispose()));
      await hub.close();
      await orm!.close();
      await db.drop();
      await sims.close();
      if (fileDir) rmSync(fileDir, { recursive: true, force: true });
    },
  };
}

/** Opens a graphql-ws subscription and resolves once the server acknowledged the connection. */
export async function openSubscription(
  httpUrl: string,
  clients: Client[],
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
  connection: WsConnectionOptions = {},
): Promise<TestSubscription> {
  const events: any[] = [];
  const errors: any[] = [];
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  let acked!: () => void;
  const ack = new Promise<void>((r) => (acked = r));
  const client = createClient({
    url: httpUrl.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: connection.headers ? withHeaders(connection.headers) : WebSocket,
    connectionParams: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...connection.connectionParams },
    lazy: false,
    retryAttempts: 0,
    on: { connected: () => acked() },
  });
  clients.push(client);
  await ack;
  const dispose = client.subscribe(
    { query, variables },
    {
      next: (v) => {
        if (v.errors) errors.push(v.errors);
        else events.push(v.data);
        wake();
      },
      error: (e) => {
        errors.push(e);
        wake();
      },
      complete: () => wake(),
    },
  );
  const take = async <T>(list: T[], timeoutMs: number, what: string): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    while (list.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${what} within ${timeoutMs} ms`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
    return list.shift()!;
  };
  // Give the server a moment to register the subscription before the test acts.
  await new Promise((r) => setTimeout(r, 50));
  return {
    next: (timeoutMs = 5000) => take(events, timeoutMs, 'event'),
    error: (timeoutMs = 5000) => take(errors, timeoutMs, 'error'),
    async close() {
      dispose();
      await client.dispose();
    },
  };
}

/** A WebSocket class whose upgrade requests carry these headers (as a browser's carry Accept-Language). */
function withHeaders(headers: Record<string, string>): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  } as typeof WebSocket;
}
