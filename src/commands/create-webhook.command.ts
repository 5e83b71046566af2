import { randomBytes, randomUUID } from 'node:crypto';
import type { CommandContext } from './command-context';
import { badInput, msg } from '../errors';
import { WEBHOOK_EVENTS, type WebhookEvent } from '../domain/webhooks';
import { webhookAddressProblem, webhookUrlProblem } from '../connectors/notifiers';
import { insertWebhook, type WebhookRow } from '../stores/notification.store';
import { agencyIdByCode } from '../stores/scorecard.store';

export interface CreateWebhookInput {
  url: string;
  events: WebhookEvent[];
  agencyCode?: string | null;
}

/**
 * createWebhook (ADMIN): a sector system's URL, the events it wants and optionally one agency.
 * The URL must be https:// in production (http:// in development and test, and for 127.0.0.1)
 * and must not be, or resolve to, a private or link-local address unless WEBHOOK_ALLOW_PRIVATE
 * (checked again on the resolved address at every delivery). The signing secret is returned
 * once, here.
 */
export async function createWebhook(ctx: CommandContext, input: CreateWebhookInput): Promise<{ webhook: WebhookRow; secret: string }> {
  const v = ctx.viewer.requireRole('ADMIN');
  const { config } = ctx.services;
  const url = input.url.trim();
  const urlProblem = webhookUrlProblem(url, { production: config.NODE_ENV === 'production' });
  if (urlProblem) throw badInput('url', msg(`Địa chỉ webhook không dùng được: ${urlProblem}`, `The webhook URL cannot be used: ${urlProblem}`));
  const addressProblem = await webhookAddressProblem(url, config.WEBHOOK_ALLOW_PRIVATE);
  if (addressProblem) {
    throw badInput('url', msg(`Không gửi webhook tới địa chỉ nội bộ: ${addressProblem}`, `Webhooks are not sent to private addresses: ${addressProblem}`));
  }
  const events = [...new Set(input.events)];
  if (!events.length || events.some((e) => !WEBHOOK_EVENTS.includes(e))) {
    throw badInput('events', msg('Cần chọn ít nhất một sự kiện', 'Choose at least one event'));
  }
  const agencyCode = input.agencyCode?.trim() || null;
  if (agencyCode && !(await agencyIdByCode(ctx.db, agencyCode))) throw badInput('agencyCode', msg(`Không có cơ quan mã ${agencyCode}`, `no agency ${agencyCode}`));
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const webhook = await insertWebhook(ctx.db, { id: randomUUID(), url, events, agencyCode, secret, createdBy: v.subject, at: ctx.now });
  return { webhook, secret };
}
