import 'reflect-metadata';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { openOrm, migrate } from '../src/db/orm';
import { seedDemo } from '../src/seed/seed';

/** npm run seed: migrates DATABASE_URL and loads or refreshes the demo catalogue. */
async function main() {
  const config = loadConfig();
  if (!config.DATABASE_URL) {
    process.stderr.write('DATABASE_URL is not set (npm start seeds the embedded database by itself)\n');
    process.exit(2);
  }
  const log = createLogger(config.LOG_LEVEL);
  const orm = await openOrm({ databaseUrl: config.DATABASE_URL, poolMax: 2 });
  try {
    await migrate(orm);
    log.info(await seedDemo(orm.em.fork(), new Date()), 'demo catalogue loaded (demo data, not an official catalogue)');
  } finally {
    await orm.close();
  }
}
main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
