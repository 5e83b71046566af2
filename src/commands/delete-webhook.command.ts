import type { CommandContext } from './command-context';
import { notFound, msg } from '../errors';
import { deleteWebhook as deleteWebhookRow } from '../stores/notification.store';

/** deleteWebhook (ADMIN): no more deliveries; those still waiting are given up (FAILED). The history stays. */
export async function deleteWebhook(ctx: CommandContext, input: { id: string }): Promise<boolean> {
  ctx.viewer.requireRole('ADMIN');
  const deleted = await deleteWebhookRow(ctx.db, input.id, ctx.now);
  if (!deleted) throw notFound(msg('Không tìm thấy webhook', 'Webhook not found'));
  return true;
}
