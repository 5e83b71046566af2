import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Dossier } from '../entities';
import { notFound, msg } from '../errors';
import { DossierType } from '../schema/dossier.types';
import { CreateWebhookInput, CreateWebhookPayload, DeliveryStatusEnum, NotificationType, WebhookDeliveryType, WebhookType } from '../schema/notify.types';
import { fromGlobalId, toGlobalId } from '../schema/global-id';
import { seesRecipients } from '../auth/access';
import { maskRecipient } from '../domain/notifications';
import { createWebhook } from '../commands/create-webhook.command';
import { deleteWebhook } from '../commands/delete-webhook.command';
import { redeliverWebhook } from '../commands/redeliver-webhook.command';
import { webhookForNode, webhooksFor } from '../queries/webhook.queries';
import type { WebhookRow } from '../stores/notification.store';
import { registerNodeType } from './viewer.resolver';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A Webhook's id (a global id, or the bare uuid), or null. */
function webhookUuid(id: string): string | null {
  const g = fromGlobalId(id);
  const raw = g?.type === 'Webhook' ? g.id : id;
  return UUID.test(raw) ? raw.toLowerCase() : null;
}

registerNodeType('Webhook', (ctx, id) => (UUID.test(id) ? webhookForNode(ctx.db, ctx.viewer, id) : Promise.resolve(null)));

@Resolver(() => DossierType)
export class DossierNotificationsResolver {
  @FieldResolver(() => [NotificationType])
  async notifications(@Root() d: Dossier, @Ctx() ctx: Context): Promise<NotificationType[]> {
    const rows = await ctx.loaders.notificationsByDossier.load(d.id);
    const full = seesRecipients(ctx.viewer, d);
    return rows.map((n) => ({ ...n, recipient: full ? n.recipient : maskRecipient(n.channel, n.recipient) }));
  }
}

@Resolver(() => WebhookType)
export class WebhookResolver {
  @Query(() => [WebhookType], { description: 'ADMIN.' })
  webhooks(@Ctx() ctx: Context): Promise<WebhookRow[]> {
    return webhooksFor(ctx.db, ctx.viewer);
  }

  @Mutation(() => CreateWebhookPayload, { description: 'ADMIN.' })
  createWebhook(@Arg('input', () => CreateWebhookInput) input: CreateWebhookInput, @Ctx() ctx: Context) {
    return ctx.run(createWebhook, input);
  }

  @Mutation(() => Boolean, { description: 'ADMIN.' })
  deleteWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    const uuid = webhookUuid(id);
    if (!uuid) {
      ctx.viewer.requireRole('ADMIN');
      throw notFound(msg('Không tìm thấy webhook', 'Webhook not found'));
    }
    return ctx.run(deleteWebhook, { id: uuid });
  }

  @Mutation(() => WebhookDeliveryType, { description: 'ADMIN: send a delivery again now.' })
  redeliverWebhook(@Arg('deliveryId', () => ID) deliveryId: string, @Ctx() ctx: Context) {
    if (!UUID.test(deliveryId)) {
      ctx.viewer.requireRole('ADMIN');
      throw notFound(msg('Không tìm thấy lần gửi webhook này', 'Webhook delivery not found'));
    }
    return ctx.run(redeliverWebhook, { deliveryId: deliveryId.toLowerCase() });
  }

  @FieldResolver(() => ID)
  id(@Root() w: WebhookRow): string {
    return toGlobalId('Webhook', w.id);
  }

  @FieldResolver(() => [WebhookDeliveryType])
  deliveries(
    @Root() w: WebhookRow,
    @Ctx() ctx: Context,
    @Arg('status', () => DeliveryStatusEnum, { nullable: true }) status: keyof typeof DeliveryStatusEnum | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
  ) {
    const n = Math.max(0, Math.min(first ?? 20, ctx.services.config.PAGE_MAX));
    return ctx.loaders.webhookDeliveries.load({ webhookId: w.id, status: status ?? null, first: n });
  }
}
