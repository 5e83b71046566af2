import type { Db } from '../db/sql';
import type { Viewer } from '../auth/viewer';
import { outboxCounts, type OutboxCounts } from '../stores/outbox.store';

/** outboxStatus (ADMIN, OBSERVER): the national portal's messages by state. */
export function outboxStatus(db: Db, viewer: Viewer): Promise<OutboxCounts> {
  viewer.requireRole('ADMIN', 'OBSERVER');
  return outboxCounts(db);
}
