import { Db } from '../db/sql';
import type { Logger } from '../logger';
import type { Notifiers } from '../connectors';
import type { SendOutcome } from '../connectors/notifiers';
import {
  claimDueDeliveries,
  claimDueNotifications,
  letterFilesFor,
  recordDeliveryAttempts,
  recordNotificationAttempts,
  type AttemptResult,
  type DueDelivery,
  type DueNotification,
} from '../stores/notification.store';
import { backoffMs } from './outbox-dispatch.job';
import { webhookRetryAfter } from '../domain/webhooks';
import type { JobCounts, JobDefinition } from './scheduler';

/**
 * The notification dispatcher (issue 13): sends citizens' e-mail and SMS and sector systems'
 * webhook deliveries written with the changes, each queue strictly in order (only the head of
 * a dossier's queue per channel, of a webhook's per dossier, is ever claimed), different
 * queues in parallel. Every attempt is recorded; a failure is retried later (notifications:
 * exponential backoff up to NOTIFY_MAX_ATTEMPTS; webhooks: WEBHOOK_RETRY_SCHEDULE), then FAILED.
 * The change that caused a message was committed long before: a mail server that is down
 * only makes the queue wait.
 */

export interface NotifySettings {
  batchSize: number;
  concurrency: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** The waits after each failed webhook attempt; past the last, FAILED. */
  webhookRetryMs: readonly number[];
  maxRunMs: number;
}


async function sendNotification(n: Notifiers, m: DueNotification, db: Db): Promise<SendOutcome> {
  if (m.channel === 'EMAIL') {
    if (!n.mailer) return { ok: false, retryable: true, error: 'no SMTP server configured (SMTP_URL)' };
    // Letters (issue 12) as PDF attachments: the seam lists none until letters are linked to dossiers.
    const letters = m.dossierId ? await letterFilesFor(db, m.dossierId, m.template) : [];
    if (letters.length) return { ok: false, retryable: true, error: 'letter attachments are not wired yet' };
    return n.mailer.send({ to: m.recipient, subject: m.subject ?? '', text: m.body, notificationId: m.id });
  }
  if (!n.sms) return { ok: false, retryable: true, error: 'no SMS gateway configured (SMS_GATEWAY_URL)' };
  return n.sms.send({ phone: m.recipient, message: m.body, notificationId: m.id });
}

function sendDelivery(n: Notifiers, d: DueDelivery): Promise<SendOutcome> {
  return n.webhooks.send({
    url: d.url,
    id: d.eventId,
    timestamp: String(Math.floor(Date.now() / 1000)),
    body: JSON.stringify(d.payload),
    secret: d.secret,
  });
}

/** Runs `work` over `items` with at most `concurrency` at once. */
async function lanes<T>(items: readonly T[], concurrency: number, stopping: () => boolean, work: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length && !stopping()) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
}

export async function dispatchNotifications(db: Db, notifiers: Notifiers, s: NotifySettings, log: Logger, stopping: () => boolean): Promise<JobCounts> {
  const counts = { sent: 0, failed: 0, gaveUp: 0, delivered: 0, deliveryFailed: 0, deliveryGaveUp: 0, rounds: 0 };
  const started = Date.now();
  while (!stopping() && Date.now() - started < s.maxRunMs) {
    const [due, deliveries] = await Promise.all([claimDueNotifications(db, s.batchSize), claimDueDeliveries(db, s.batchSize)]);
    if (!due.length && !deliveries.length) break;
    counts.rounds++;
    const nResults: AttemptResult[] = [];
    const dResults: AttemptResult[] = [];
    const notifications = lanes(due, s.concurrency, stopping, async (m) => {
      const t0 = Date.now();
      const o = await sendNotification(notifiers, m, db).catch((e): SendOutcome => ({ ok: false, retryable: true, error: String(e) }));
      const attempts = m.attempts + 1;
      const dead = !o.ok && (!o.retryable || attempts >= s.maxAttempts);
      nResults.push({
        id: m.id,
        ok: o.ok,
        dead,
        retryMs: o.ok || dead ? 0 : backoffMs(attempts, s),
        error: o.error ?? null,
        responseStatus: o.responseStatus ?? null,
        at: new Date(),
        durationMs: Date.now() - t0,
      });
      if (o.ok) counts.sent++;
      else {
        counts.failed++;
        if (dead) {
          counts.gaveUp++;
          log.warn({ notification: m.id, channel: m.channel, attempts, err: o.error }, 'notification given up (FAILED)');
        }
      }
    });
    const webhooks = lanes(deliveries, s.concurrency, stopping, async (d) => {
      const t0 = Date.now();
      const o = await sendDelivery(notifiers, d).catch((e): SendOutcome => ({ ok: false, retryable: true, error: String(e) }));
      const attempts = d.attempts + 1;
      const wait = webhookRetryAfter(attempts, s.webhookRetryMs);
      const dead = !o.ok && (!o.retryable || wait === null);
      dResults.push({
        id: d.id,
        ok: o.ok,
        dead,
        retryMs: o.ok || dead ? 0 : wait!,
        error: o.error ?? null,
        responseStatus: o.responseStatus ?? null,
        at: new Date(),
        durationMs: Date.now() - t0,
      });
      if (o.ok) counts.delivered++;
      else {
        counts.deliveryFailed++;
        if (dead) {
          counts.deliveryGaveUp++;
          log.warn({ delivery: d.id, attempts, err: o.error }, 'webhook delivery given up (FAILED)');
        }
      }
    });
    await Promise.all([notifications, webhooks]);
    await Promise.all([recordNotificationAttempts(db, nResults), recordDeliveryAttempts(db, dResults)]);
    // Everything due failed (a server down): the rest waits for its backoff rather than spinning.
    if (nResults.every((r) => !r.ok) && dResults.every((r) => !r.ok)) break;
  }
  return counts;
}

export function notifyDispatchJob(notifiers: Notifiers, settings: NotifySettings, scheduleExpr: string | null): JobDefinition {
  return {
    name: 'notify-dispatch',
    schedule: scheduleExpr,
    quietWhenIdle: true,
    run: ({ em, log, stopping }) => dispatchNotifications(new Db(em), notifiers, settings, log, stopping),
  };
}
