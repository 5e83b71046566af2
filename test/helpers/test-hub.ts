import 'reflect-metadata';
import { loadConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/logger';
import { openOrm, migrate, type MikroORM } from '../../src/db/orm';
import { startHub, type Hub } from '../../src/server';
import { seedDemo } from '../../src/seed/seed';
import { signDevToken, type DevTokenClaims } from '../../src/auth/tokens';
import { createScratchDatabase, type ScratchDatabase } from '../../src/db/scratch-database';

export const TEST_SECRET = 'test-secret-for-dvc-hub-0123456789';

export interface TestHub {
  hub: Hub;
  orm: MikroORM;
  db: ScratchDatabase;
  config: Config;
  /** Every SQL statement sent since the last reset (for counting round trips). */
  sql: string[];
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResponse<T>>;
  token(claims: Partial<DevTokenClaims> & Pick<DevTokenClaims, 'roles'>): Promise<string>;
  stop(): Promise<void>;
}

export interface GqlResponse<T> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string; [k: string]: unknown } }[];
}

/** A hub on a fresh database with the demo catalogue, listening on a free port. */
export async function startTestHub(opts: { env?: Record<string, string>; seed?: boolean } = {}): Promise<TestHub> {
  const db = await createScratchDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    AUTH_JWT_SECRET: TEST_SECRET,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...opts.env,
  });
  const orm = await openOrm({ databaseUrl: db.url, poolMax: 5 });
  await migrate(orm);
  if (opts.seed !== false) await seedDemo(orm.em.fork(), new Date());
  const sql: string[] = [];
  orm.em.getConnection().getKnex().on('query', (q: { sql: string }) => sql.push(q.sql));
  const hub = await startHub({ config, orm, log: createLogger(config.LOG_LEVEL) }, { port: 0, host: '127.0.0.1' });

  return {
    hub,
    orm,
    db,
    config,
    sql,
    async gql(query, variables, token) {
      const res = await fetch(`${hub.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GqlResponse<any>;
      return { ...body, status: res.status };
    },
    token: (claims) => signDevToken(TEST_SECRET, { sub: claims.sub ?? `test-${claims.roles[0]}`, ...claims }),
    async stop() {
      await hub.close();
      await orm.close();
      await db.drop();
    },
  };
}
