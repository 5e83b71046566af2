import { withDatabase } from './with-database';

/** npm run migrate: applies pending migrations to DATABASE_URL. */
withDatabase(async () => {});
