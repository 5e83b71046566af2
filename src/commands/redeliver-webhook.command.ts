import type { CommandContext } from './command-context';
import { notFound, msg } from '../errors';
import { redeliver, type WebhookDeliveryRow } from '../stores/notification.store';

/**
 * redeliverWebhook (ADMIN): the delivery is sent again now, whatever it came to (the same body
 * id: a receiver that already has it drops it). It waits for the dossier's earlier deliveries,
 * like any other.
 */
export async function redeliverWebhook(ctx: CommandContext, input: { deliveryId: string }): Promise<WebhookDeliveryRow> {
  ctx.viewer.requireRole('ADMIN');
  const d = await redeliver(ctx.db, input.deliveryId);
  if (!d) throw notFound(msg('Không tìm thấy lần gửi webhook này', 'Webhook delivery not found'));
  ctx.afterCommit(() => ctx.services.outboxWritten());
  return d;
}
