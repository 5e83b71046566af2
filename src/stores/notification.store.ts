import type { LetterKind } from '../domain/letters';
import { sql, type Db, type Sql } from '../db/sql';
import type { FollowUp } from './dossier.store';
import type { NotificationChannel, NotificationDraft, NotificationTemplate } from '../domain/notifications';
import type { WebhookEvent } from '../domain/webhooks';

/**
 * Notifications to citizens and webhook deliveries to sector systems (issue 13;
 * migrations/…_notifications). Both are written with the change that causes them (follow-ups of
 * the dossier statements, or inserts in the change's transaction), claimed by the dispatcher at
 * the head of their queue (per dossier and channel; per webhook and dossier), and never deleted:
 * they are the delivery history `Dossier.notifications` and `Webhook.deliveries` show.
 */

export type DeliveryStatus = 'PENDING' | 'SENT' | 'FAILED';

export interface NotificationRow {
  id: string;
  dossierId: string | null;
  feedbackId: string | null;
  template: NotificationTemplate;
  channel: NotificationChannel;
  recipient: string;
  subject: string | null;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  lastError: string | null;
}

const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const toDateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : toDate(v));

const toNotification = (r: Record<string, any>): NotificationRow => ({
  id: r.id,
  dossierId: r.dossier_id ?? null,
  feedbackId: r.feedback_id ?? null,
  template: r.template,
  channel: r.channel,
  recipient: r.recipient,
  subject: r.subject ?? null,
  body: r.body,
  status: r.status,
  attempts: r.attempts,
  createdAt: toDate(r.created_at),
  sentAt: toDateOrNull(r.sent_at),
  lastError: r.last_error ?? null,
});

/** A draft with the id it is written under. */
export type NotificationWrite = NotificationDraft & { id: string };

const DRAFT_COLUMNS = sql`x(id uuid, template text, channel text, recipient text, subject text, body text)`;

/**
 * A follow-up of a dossier write (src/stores/dossier.store.ts) that writes these notifications
 * for the written dossier, in the same statement. Nothing when there are none.
 */
export function notificationFollowUps(drafts: readonly NotificationWrite[], at: Date): FollowUp[] {
  if (!drafts.length) return [];
  return [
    (row) => sql`insert into notification (id, dossier_id, aggregate_key, template, channel, recipient, subject, body, created_at, next_attempt_at)
   select x.id, ${sql.raw(row)}.id, ${sql.raw(row)}.id::text, x.template, x.channel, x.recipient, x.subject, x.body, ${at}, now()
     from ${sql.raw(row)}, jsonb_to_recordset(${sql.json(drafts)}) as ${DRAFT_COLUMNS}`,
  ];
}

/** A feedback's notifications, in the feedback change's transaction. */
export async function insertFeedbackNotifications(db: Db, feedbackId: string, drafts: readonly NotificationWrite[], at: Date): Promise<void> {
  if (!drafts.length) return;
  await db.all(sql`insert into notification (id, feedback_id, aggregate_key, template, channel, recipient, subject, body, created_at, next_attempt_at)
   select x.id, ${feedbackId}::uuid, ${feedbackId}, x.template, x.channel, x.recipient, x.subject, x.body, ${at}, now()
     from jsonb_to_recordset(${sql.json(drafts)}) as ${DRAFT_COLUMNS}`);
}

/** The notifications of many dossiers, oldest first (Dossier.notifications, batched). */
export async function notificationsOfDossiers(db: Db, dossierIds: readonly string[]): Promise<NotificationRow[]> {
  const rows = await db.all(
    sql`select id, dossier_id, feedback_id, template, channel, recipient, subject, body, status, attempts, created_at, sent_at, last_error
          from notification where dossier_id = any(${sql.array(dossierIds, 'uuid')}) order by seq`,
  );
  return rows.map(toNotification);
}

export async function notificationsOfFeedback(db: Db, feedbackId: string): Promise<NotificationRow[]> {
  const rows = await db.all(sql`select * from notification where feedback_id = ${feedbackId}::uuid order by seq`);
  return rows.map(toNotification);
}

// ------------------------------------------------------------------ dispatch

export interface DueNotification {
  id: string;
  channel: NotificationChannel;
  recipient: string;
  subject: string | null;
  body: string;
  attempts: number;
  /** The dossier whose letters an e-mail may carry (null for a feedback's). */
  dossierId: string | null;
  template: NotificationTemplate;
  /** The instant of the change that queued it. */
  createdAt: Date;
}

/**
 * Notifications of a channel due now at the head of their queue: the oldest PENDING one of each
 * dossier (or feedback) on that channel, when its next attempt is due. FAILED ones are given up and block nothing.
 */
export async function claimDueNotifications(db: Db, channel: NotificationChannel, limit: number): Promise<DueNotification[]> {
  const rows = await db.all(sql`select n.id, n.channel, n.recipient, n.subject, n.body, n.attempts, n.dossier_id, n.template, n.created_at
       from (select distinct on (aggregate_key) id, next_attempt_at
               from notification where status = 'PENDING' and channel = ${channel} order by aggregate_key, seq) h
       join notification n on n.id = h.id
      where h.next_attempt_at <= now()
      order by n.seq
      limit ${limit}`);
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    recipient: r.recipient,
    subject: r.subject,
    body: r.body,
    attempts: r.attempts,
    dossierId: r.dossier_id,
    template: r.template,
    createdAt: toDate(r.created_at),
  }));
}

/** What one attempt came to, as the dispatcher records it. */
export interface AttemptResult {
  id: string;
  ok: boolean;
  /** Given up after this attempt (FAILED). */
  dead: boolean;
  /** When not ok and not dead: the next attempt this long after `at`. */
  retryMs: number;
  error: string | null;
  responseStatus: number | null;
  at: Date;
  durationMs: number;
}

const RESULT_COLUMNS = sql`x(id uuid, ok boolean, dead boolean, retry_ms bigint, error text, response_status int, at timestamptz, duration_ms int)`;
const resultsJson = (results: readonly AttemptResult[]) =>
  sql.json(results.map((r) => ({ ...r, retry_ms: Math.max(0, Math.round(r.retryMs)), response_status: r.responseStatus, duration_ms: Math.round(r.durationMs), at: r.at.toISOString() })));

/** The attempts of a round, in one statement: each notification's state and its attempt line. */
export async function recordNotificationAttempts(db: Db, results: readonly AttemptResult[]): Promise<void> {
  if (!results.length) return;
  await db.all(sql`with r as (
  select * from jsonb_to_recordset(${resultsJson(results)}) as ${RESULT_COLUMNS}
), u as (
  update notification n set attempts = n.attempts + 1,
         status = case when r.ok then 'SENT' when r.dead then 'FAILED' else 'PENDING' end,
         sent_at = case when r.ok then r.at else n.sent_at end,
         last_error = case when r.ok then null else r.error end,
         next_attempt_at = r.at + r.retry_ms * interval '1 millisecond'
    from r where n.id = r.id and n.status = 'PENDING'
  returning n.id
)
insert into delivery_attempt (notification_id, at, ok, response_status, error, duration_ms)
select r.id, r.at, r.ok, r.response_status, r.error, r.duration_ms from r`);
}

// ------------------------------------------------------------------ webhooks

export type WebhookEventType = WebhookEvent;

export interface WebhookRow {
  id: string;
  url: string;
  events: WebhookEventType[];
  agencyCode: string | null;
  active: boolean;
  createdAt: Date;
}

const toWebhook = (r: Record<string, any>): WebhookRow => ({
  id: r.id,
  url: r.url,
  events: r.events,
  agencyCode: r.agency_code ?? null,
  active: r.active,
  createdAt: toDate(r.created_at),
});

export async function insertWebhook(
  db: Db,
  w: { id: string; url: string; events: readonly WebhookEventType[]; agencyCode: string | null; secret: string; createdBy: string; at: Date },
): Promise<WebhookRow> {
  const r = await db.one(sql`insert into webhook ${sql.values({
    id: w.id,
    url: w.url,
    events: sql.array(w.events, 'text'),
    agency_code: w.agencyCode,
    secret: w.secret,
    created_by: w.createdBy,
    created_at: w.at,
  })} returning *`);
  return toWebhook(r!);
}

/** The webhooks not deleted, oldest first. */
export async function listWebhooks(db: Db): Promise<WebhookRow[]> {
  return (await db.all(sql`select * from webhook where deleted_at is null order by created_at, id`)).map(toWebhook);
}

export async function webhookById(db: Db, id: string): Promise<WebhookRow | null> {
  const r = await db.one(sql`select * from webhook where id = ${id}::uuid and deleted_at is null`);
  return r ? toWebhook(r) : null;
}

/** Deletes a webhook (kept, inactive, for its history); its waiting deliveries are given up. False when there was none. */
export async function deleteWebhook(db: Db, id: string, at: Date): Promise<boolean> {
  const r = await db.one<{ n: number }>(sql`with w as (
  update webhook set active = false, deleted_at = ${at} where id = ${id}::uuid and deleted_at is null returning id
), d as (
  update webhook_delivery set status = 'FAILED', last_error = 'webhook deleted'
   where webhook_id in (select id from w) and status = 'PENDING' returning 1
)
select count(*)::int as n from w`);
  return (r?.n ?? 0) > 0;
}

/** One event as every matching webhook receives it: body {id, type, createdAt, data}. */
export interface WebhookEventWrite {
  event: WebhookEventType;
  /** The body's id, the same for every webhook (DVC-Webhook-Id; receivers dedupe by it). */
  eventId: string;
  /** Null: an event of no agency (a province-level PAKN): only webhooks of every agency get it. */
  agencyCode: string | null;
  createdAt: Date;
  data: Record<string, unknown>;
}

/** Matching webhooks: active, subscribed to the event, of the event's agency or of all. */
const matching = (e: WebhookEventWrite) =>
  sql`w.active and ${e.event} = any(w.events) and (w.agency_code is null or w.agency_code = ${e.agencyCode})`;

const body = (e: WebhookEventWrite, data: Sql) =>
  sql`jsonb_build_object('id', ${e.eventId}::text, 'type', ${e.event}::text, 'createdAt', ${e.createdAt.toISOString()}::text, 'data', ${data})`;

/**
 * A follow-up of a dossier write: one delivery per matching webhook, in the same statement; the
 * data's `code` is the written dossier's (a submission draws it in the statement).
 */
export function webhookFollowUp(e: WebhookEventWrite): FollowUp {
  return (row) => {
    const r = sql.raw(row);
    return sql`insert into webhook_delivery (id, webhook_id, event, event_id, aggregate_key, payload, created_at, next_attempt_at)
   select gen_random_uuid(), w.id, ${e.event}, ${e.eventId}::uuid, ${r}.code,
          ${body(e, sql`jsonb_set(${sql.json(e.data)}, '{code}', to_jsonb(${r}.code))`)}, ${e.createdAt}, now()
     from ${r} join webhook w on ${matching(e)}`;
  };
}

/** Deliveries of an event outside the dossier statements (payments, feedback, evaluations), in the caller's transaction or alone. */
export async function insertWebhookDeliveries(db: Db, e: WebhookEventWrite & { aggregateKey: string }): Promise<void> {
  await db.all(sql`insert into webhook_delivery (id, webhook_id, event, event_id, aggregate_key, payload, created_at, next_attempt_at)
   select gen_random_uuid(), w.id, ${e.event}, ${e.eventId}::uuid, ${e.aggregateKey}, ${body(e, sql`${sql.json(e.data)}`)}, ${e.createdAt}, now()
     from webhook w where ${matching(e)}`);
}

export interface WebhookDeliveryRow {
  id: string;
  webhookId: string;
  event: WebhookEventType;
  eventId: string;
  status: DeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
}

const toDelivery = (r: Record<string, any>): WebhookDeliveryRow => ({
  id: r.id,
  webhookId: r.webhook_id,
  event: r.event,
  eventId: r.event_id,
  status: r.status,
  attempts: r.attempts,
  responseStatus: r.response_status ?? null,
  lastError: r.last_error ?? null,
  createdAt: toDate(r.created_at),
  nextAttemptAt: r.status === 'PENDING' ? toDateOrNull(r.next_attempt_at) : null,
  deliveredAt: toDateOrNull(r.delivered_at),
});

const DELIVERY_COLUMNS = sql`id, webhook_id, event, event_id, status, attempts, response_status, last_error, created_at, next_attempt_at, delivered_at`;

/** The latest deliveries of each webhook (newest first, at most `first` each, of one status when given). */
export async function deliveriesOfWebhooks(db: Db, webhookIds: readonly string[], status: DeliveryStatus | null, first: number): Promise<WebhookDeliveryRow[]> {
  const rows = await db.all(sql`select d.* from unnest(${sql.array(webhookIds, 'uuid')}) as w(id)
    cross join lateral (select ${DELIVERY_COLUMNS} from webhook_delivery
                         where webhook_id = w.id and (${status}::text is null or status = ${status}) order by seq desc limit ${first}) d`);
  return rows.map(toDelivery);
}

export async function deliveryById(db: Db, id: string): Promise<WebhookDeliveryRow | null> {
  const r = await db.one(sql`select ${DELIVERY_COLUMNS} from webhook_delivery where id = ${id}::uuid`);
  return r ? toDelivery(r) : null;
}

/** Sends a delivery again now (the database's clock, as the dispatcher's; whatever it came to); null when there is none or its webhook is deleted. */
export async function redeliver(db: Db, id: string): Promise<WebhookDeliveryRow | null> {
  const r = await db.one(sql`update webhook_delivery d set status = 'PENDING', next_attempt_at = now()
     from webhook w where d.id = ${id}::uuid and w.id = d.webhook_id and w.deleted_at is null
   returning d.id, d.webhook_id, d.event, d.event_id, d.status, d.attempts, d.response_status, d.last_error, d.created_at, d.next_attempt_at, d.delivered_at`);
  return r ? toDelivery(r) : null;
}

export interface DueDelivery {
  id: string;
  eventId: string;
  attempts: number;
  payload: unknown;
  url: string;
  secret: string;
}

/** Deliveries due now at the head of their queue (per webhook and dossier). */
export async function claimDueDeliveries(db: Db, limit: number): Promise<DueDelivery[]> {
  const rows = await db.all(sql`select d.id, d.event_id, d.attempts, d.payload, w.url, w.secret
       from (select distinct on (webhook_id, aggregate_key) id, next_attempt_at
               from webhook_delivery where status = 'PENDING' order by webhook_id, aggregate_key, seq) h
       join webhook_delivery d on d.id = h.id
       join webhook w on w.id = d.webhook_id
      where h.next_attempt_at <= now()
      order by d.seq
      limit ${limit}`);
  return rows.map((r) => ({ id: r.id, eventId: r.event_id, attempts: r.attempts, payload: r.payload, url: r.url, secret: r.secret }));
}

export async function recordDeliveryAttempts(db: Db, results: readonly AttemptResult[]): Promise<void> {
  if (!results.length) return;
  await db.all(sql`with r as (
  select * from jsonb_to_recordset(${resultsJson(results)}) as ${RESULT_COLUMNS}
), u as (
  update webhook_delivery d set attempts = d.attempts + 1,
         status = case when r.ok then 'SENT' when r.dead then 'FAILED' else 'PENDING' end,
         delivered_at = case when r.ok then r.at else d.delivered_at end,
         response_status = coalesce(r.response_status, case when r.ok then d.response_status end),
         last_error = case when r.ok then null else r.error end,
         next_attempt_at = r.at + r.retry_ms * interval '1 millisecond'
    from r where d.id = r.id and d.status = 'PENDING'
  returning d.id
)
insert into delivery_attempt (webhook_delivery_id, at, ok, response_status, error, duration_ms)
select r.id, r.at, r.ok, r.response_status, r.error, r.duration_ms from r`);
}

/** Every attempt of a notification or delivery, oldest first (tests, support). */
export async function attemptsOf(db: Db, id: string): Promise<{ at: Date; ok: boolean; responseStatus: number | null; error: string | null }[]> {
  const rows = await db.all(
    sql`select at, ok, response_status, error from delivery_attempt where notification_id = ${id}::uuid or webhook_delivery_id = ${id}::uuid order by id`,
  );
  return rows.map((r) => ({ at: toDate(r.at), ok: r.ok, responseStatus: r.response_status, error: r.error }));
}

/** One delivery queue's open and given-up part, for the metrics scrape. */
export interface QueueHealth {
  pending: number;
  failed: number;
  /** Age of the oldest PENDING message, in seconds (0 when none waits). */
  oldestPendingSeconds: number;
}

/**
 * The e-mail, SMS and webhook queues and the letters still to draw, for the metrics scrape:
 * their partial indexes only (PENDING, FAILED, letters not done), never the sent history.
 */
export async function deliveryHealth(db: Db): Promise<{ EMAIL: QueueHealth; SMS: QueueHealth; WEBHOOK: QueueHealth; letters: Omit<QueueHealth, 'failed'> }> {
  const rows = await db.all<{ queue: string; pending: number; failed: number; oldest: number }>(sql`
    select c.channel as queue,
           (select count(*) from notification n where n.status = 'PENDING' and n.channel = c.channel)::int as pending,
           (select count(*) from notification n where n.status = 'FAILED' and n.channel = c.channel)::int as failed,
           coalesce((select extract(epoch from now() - min(n.created_at)) from notification n where n.status = 'PENDING' and n.channel = c.channel), 0)::float8 as oldest
      from (values ('EMAIL'), ('SMS')) c(channel)
    union all
    select 'WEBHOOK',
           (select count(*) from webhook_delivery where status = 'PENDING')::int,
           (select count(*) from webhook_delivery where status = 'FAILED')::int,
           coalesce((select extract(epoch from now() - min(created_at)) from webhook_delivery where status = 'PENDING'), 0)::float8
    union all
    select 'LETTERS', count(*)::int, 0, coalesce(extract(epoch from now() - min(created_at)), 0)::float8 from letter_request where done_at is null`);
  const of = (queue: string): QueueHealth => {
    const r = rows.find((x) => x.queue === queue);
    return { pending: r?.pending ?? 0, failed: r?.failed ?? 0, oldestPendingSeconds: Math.max(0, r?.oldest ?? 0) };
  };
  const letters = of('LETTERS');
  return { EMAIL: of('EMAIL'), SMS: of('SMS'), WEBHOOK: of('WEBHOOK'), letters: { pending: letters.pending, oldestPendingSeconds: letters.oldestPendingSeconds } };
}

/** An agency's name (the PAKN answer's e-mail names who answered). */
export async function agencyNameByCode(db: Db, code: string | null): Promise<string | null> {
  if (!code) return null;
  return (await db.one<{ name: string }>(sql`select name from agency where code = ${code}`))?.name ?? null;
}

/** A dossier's agency code (evaluations carry only the dossier). */
export async function agencyCodeOfDossier(db: Db, dossierId: string): Promise<string | null> {
  return (await db.one<{ code: string }>(sql`select a.code from dossier d join agency a on a.id = d.agency_id where d.id = ${dossierId}::uuid`))?.code ?? null;
}

/**
 * The letter of `kind` the change that queued a notification (at `at`) issued for the dossier,
 * with its file; `pending` while its request is still waiting for the letters worker. The letter
 * and the notification carry the change's instant (letter.issued_at is its request's created_at).
 */
export async function letterFilesFor(
  db: Db,
  dossierId: string,
  kind: LetterKind,
  at: Date,
): Promise<{ pending: boolean; files: { fileName: string; sha256: string; mimeType: string }[] }> {
  const from = new Date(at.getTime() - 2000);
  const to = new Date(at.getTime() + 2000);
  const rows = await db.all<{ number: string; file_name: string; sha256: string; mime_type: string; pending: boolean }>(
    sql`select l.number, f.file_name, f.sha256, f.mime_type, false as pending
          from letter l join stored_file f on f.id = l.file_id
         where l.dossier_id = ${dossierId}::uuid and l.kind = ${kind} and l.issued_at between ${from} and ${to}
        union all
        select null, null, null, null, true from letter_request r
         where r.dossier_id = ${dossierId}::uuid and r.kind = ${kind} and r.done_at is null and r.created_at between ${from} and ${to}`,
  );
  return {
    pending: rows.some((r) => r.pending),
    files: rows.filter((r) => !r.pending).map((r) => ({ fileName: r.file_name, sha256: r.sha256, mimeType: r.mime_type })),
  };
}
