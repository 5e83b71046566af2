import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from './config';
import type { Logger } from './logger';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded-postgres';
import { openOrm, migrate } from './db/orm';

export interface Database {
  orm: MikroORM;
  url: string;
  embedded: EmbeddedPostgres | null;
  close(): Promise<void>;
}

/** Opens the configured PostgreSQL (or starts the embedded one) and applies pending migrations. */
export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  let embedded: EmbeddedPostgres | null = null;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.EMBEDDED_DB_DIR);
    url = embedded.url;
    log.warn(
      { dataDir: config.EMBEDDED_DB_DIR ?? '(memory)' },
      'DATABASE_URL is not set: running on an embedded PGlite database (for trying the hub out, not for production)',
    );
  }
  // PGlite runs one session for every client: concurrent extended-protocol queries from several
  // connections clobber each other's unnamed statements, so the embedded database gets one.
  const orm = await openOrm({ databaseUrl: url, poolMax: embedded ? 1 : config.DB_POOL_MAX });
  try {
    const applied = await migrate(orm);
    if (applied.length) log.info({ applied }, 'migrations applied');
  } catch (e) {
    await orm.close();
    await embedded?.stop();
    throw e;
  }
  return {
    orm,
    url,
    embedded,
    async close() {
      await orm.close();
      await embedded?.stop();
    },
  };
}
