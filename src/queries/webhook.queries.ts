import type { Db } from '../db/sql';
import type { Viewer } from '../auth/viewer';
import { listWebhooks, webhookById, type WebhookRow } from '../stores/notification.store';

/** webhooks: ADMIN only (they name sector systems' endpoints). */
export function webhooksFor(db: Db, viewer: Viewer): Promise<WebhookRow[]> {
  viewer.requireRole('ADMIN');
  return listWebhooks(db);
}

/** node(id) of a Webhook: ADMIN only; null for anyone else. */
export async function webhookForNode(db: Db, viewer: Viewer, id: string): Promise<WebhookRow | null> {
  if (!viewer.hasRole('ADMIN')) return null;
  return webhookById(db, id);
}
