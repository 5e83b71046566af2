import { buffer } from 'node:stream/consumers';
import type { FileStore } from '../documents/file-store';
import { LETTER_OF_TEMPLATE } from '../domain/notifications';
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
  /** How long an e-mail waits for the letter it carries (NOTIFY_LETTER_WAIT_MS). */
  letterWaitMs: number;
}


async function sendNotification(n: Notifiers, m: DueNotification, db: Db, files: FileStore, letterWaitMs: number): Promise<SendOutcome> {
  if (m.channel === 'EMAIL') {
    if (!n.mailer) return { ok: false, retryable: true, error: 'no SMTP server configured (SMTP_URL)' };
    // The letter the same change issued goes along as a PDF (issue 12); it is drawn right after
    // the commit, so the e-mail waits for it a little, then goes without.
    const kind = LETTER_OF_TEMPLATE[m.template];
    const letters = m.dossierId && kind ? await letterFilesFor(db, m.dossierId, kind, m.createdAt) : { pending: false, files: [] };
    if (letters.pending && Date.now() - m.createdAt.getTime() < letterWaitMs) {
      return { ok: false, retryable: true, error: `waiting for the letter ${kind} to be issued` };
    }
    const attachments = await Promise.all(
      letters.files.map(async (f) => ({ filename: f.fileName, contentType: f.mimeType, content: await buffer(await files.open(f.sha256)) })),
    );
    return n.mailer.send({ to: m.recipient, subject: m.subject ?? '', text: m.body, notificationId: m.id, attachments });
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

/** One queue's loop: claim the due heads, send them (`concurrency` at once), record, again. */
async function drain<T extends { id: string; attempts: number }>(q: {
  claim: () => Promise<T[]>;
  send: (x: T) => Promise<SendOutcome>;
  /** After a failure: the wait before the next attempt, or null to give up (FAILED). */
  retryAfter: (attempts: number) => number | null;
  record: (results: AttemptResult[]) => Promise<void>;
  concurrency: number;
  stopping: () => boolean;
  until: number;
  onGiveUp: (x: T, attempts: number, error: string | undefined) => void;
}): Promise<{ ok: number; failed: number; gaveUp: number; rounds: number }> {
  const c = { ok: 0, failed: 0, gaveUp: 0, rounds: 0 };
  while (!q.stopping() && Date.now() < q.until) {
    const due = await q.claim();
    if (!due.length) break;
    c.rounds++;
    const results: AttemptResult[] = [];
    await lanes(due, q.concurrency, q.stopping, async (x) => {
      const t0 = Date.now();
      const o = await q.send(x).catch((e): SendOutcome => ({ ok: false, retryable: true, error: String(e) }));
      const attempts = x.attempts + 1;
      const wait = o.ok ? 0 : o.retryable ? q.retryAfter(attempts) : null;
      const dead = !o.ok && wait === null;
      results.push({ id: x.id, ok: o.ok, dead, retryMs: wait ?? 0, error: o.error ?? null, responseStatus: o.responseStatus ?? null, at: new Date(), durationMs: Date.now() - t0 });
      if (o.ok) c.ok++;
      else {
        c.failed++;
        if (dead) {
          c.gaveUp++;
          q.onGiveUp(x, attempts, o.error);
        }
      }
    });
    await q.record(results);
    // Everything due failed (a server down): the rest waits for its backoff rather than spinning.
    if (results.every((r) => !r.ok)) break;
  }
  return c;
}

/**
 * One run: the e-mail, SMS and webhook queues drained side by side (a slow mail server does not
 * hold back the SMS), each round taking the due heads of its queues.
 */
export async function dispatchNotifications(
  db: Db,
  notifiers: Notifiers,
  files: FileStore,
  s: NotifySettings,
  log: Logger,
  stopping: () => boolean,
): Promise<JobCounts> {
  const until = Date.now() + s.maxRunMs;
  const notifyRetry = (attempts: number) => (attempts >= s.maxAttempts ? null : backoffMs(attempts, s));
  const giveUp = (kind: string) => (x: { id: string }, attempts: number, err: string | undefined) =>
    log.warn({ [kind]: x.id, attempts, err }, `${kind} given up (FAILED)`);
  const channel = (ch: 'EMAIL' | 'SMS') =>
    drain<DueNotification>({
      claim: () => claimDueNotifications(db, ch, s.batchSize),
      send: (m) => sendNotification(notifiers, m, db, files, s.letterWaitMs),
      retryAfter: notifyRetry,
      record: (r) => recordNotificationAttempts(db, r),
      concurrency: s.concurrency,
      stopping,
      until,
      onGiveUp: giveUp('notification'),
    });
  const [email, sms, hooks] = await Promise.all([
    channel('EMAIL'),
    channel('SMS'),
    drain<DueDelivery>({
      claim: () => claimDueDeliveries(db, s.batchSize),
      send: (d) => sendDelivery(notifiers, d),
      retryAfter: (attempts) => webhookRetryAfter(attempts, s.webhookRetryMs),
      record: (r) => recordDeliveryAttempts(db, r),
      concurrency: s.concurrency,
      stopping,
      until,
      onGiveUp: giveUp('webhook delivery'),
    }),
  ]);
  return {
    emailSent: email.ok,
    emailFailed: email.failed,
    smsSent: sms.ok,
    smsFailed: sms.failed,
    gaveUp: email.gaveUp + sms.gaveUp,
    delivered: hooks.ok,
    deliveryFailed: hooks.failed,
    deliveryGaveUp: hooks.gaveUp,
    rounds: email.rounds + sms.rounds + hooks.rounds,
  };
}

export function notifyDispatchJob(notifiers: Notifiers, files: FileStore, settings: NotifySettings, scheduleExpr: string | null): JobDefinition {
  return {
    name: 'notify-dispatch',
    schedule: scheduleExpr,
    quietWhenIdle: true,
    run: ({ em, log, stopping }) => dispatchNotifications(new Db(em), notifiers, files, settings, log, stopping),
  };
}
