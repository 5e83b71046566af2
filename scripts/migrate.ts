import 'reflect-metadata';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { openOrm, migrate } from '../src/db/orm';

/** npm run migrate: applies pending migrations to DATABASE_URL. */
async function main() {
  const config = loadConfig();
  if (!config.DATABASE_URL) {
    process.stderr.write('DATABASE_URL is not set (the embedded database is migrated by npm start itself)\n');
    process.exit(2);
  }
  const log = createLogger(config.LOG_LEVEL);
  const orm = await openOrm({ databaseUrl: config.DATABASE_URL, poolMax: 2 });
  try {
    const applied = await migrate(orm);
    log.info({ applied }, applied.length ? 'migrations applied' : 'database is up to date');
  } finally {
    await orm.close();
  }
}
main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
