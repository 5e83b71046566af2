import 'reflect-metadata';
import { loadConfig } from '../src/config';
import { createLogger, type Logger } from '../src/logger';
import { openOrm, migrate, type MikroORM } from '../src/db/orm';

/**
 * Runs a command-line task on DATABASE_URL after applying pending migrations; exits 2 when
 * DATABASE_URL is unset (npm start migrates and seeds the embedded database by itself).
 */
export function withDatabase(task: (orm: MikroORM, log: Logger) => Promise<void>): void {
  (async () => {
    const config = loadConfig();
    if (!config.DATABASE_URL) {
      process.stderr.write('DATABASE_URL is not set (npm start migrates and seeds the embedded database by itself)\n');
      process.exit(2);
    }
    const log = createLogger(config.LOG_LEVEL);
    const orm = await openOrm({ databaseUrl: config.DATABASE_URL, poolMax: 2 });
    try {
      const applied = await migrate(orm);
      log.info({ applied }, applied.length ? 'migrations applied' : 'database is up to date');
      await task(orm, log);
    } finally {
      await orm.close();
    }
  })().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
