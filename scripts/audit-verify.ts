import { withDatabase } from './with-database';
import { Db } from '../src/db/sql';
import { verifyAuditTrail } from '../src/auth/audit-verify';

/**
 * npm run audit:verify: walks the audit trail's hash chains (one per day) on DATABASE_URL and
 * reports the first broken link (exit 1) or that every link holds (exit 0).
 */
withDatabase(async (orm) => {
  const r = await verifyAuditTrail(new Db(orm.em.fork()));
  if (r.broken) {
    process.stdout.write(`audit trail BROKEN at ${r.broken.day} #${r.broken.seq}: ${r.broken.reason} (${r.rows} rows checked)\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`audit trail intact: ${r.rows} rows over ${r.days} days\n`);
  }
});
