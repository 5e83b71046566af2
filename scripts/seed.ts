import { withDatabase } from './with-database';
import { seedDemo } from '../src/seed/seed';

/** npm run seed: migrates DATABASE_URL and loads or refreshes the demo catalogue. */
withDatabase(async (orm, log) => {
  log.info(await seedDemo(orm.em.fork(), new Date()), 'demo catalogue loaded (demo data, not an official catalogue)');
});
