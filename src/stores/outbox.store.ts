import { Sql, sql, type Db } from '../db/sql';

/**
 * The transactional outbox. Messages are inserted by the same statement as the change they
 * report (see src/commands/*), read back here by the dispatcher in order per aggregate (a
 * dossier or a feedback), and never deleted: SENT rows are the delivery history behind
 * `nationalSync`.
 */

export type OutboxStatus = 'PENDING' | 'SENT' | 'DEAD';

export interface OutboxMessage {
  /** bigserial, as a string (order of insertion). */
  id: string;
  messageId: string;
  topic: string;
  aggregateId: string;
  aggregateCode: string;
  payload: unknown;
  attempts: number;
}

/**
 * A CTE member (as `sql`) that inserts one outbox message per row of the CTE `source` (which
 * returns `id` and `code`): the change and the message it causes commit in one statement.
 * `payload` is a value (written as jsonb) or an Sql expression over `source` (e.g. a jsonb_set).
 */
export function outboxInsert(source: string, m: { messageId: string; topic: string; payload: Sql | unknown }): Sql {
  const payload = m.payload instanceof Sql ? m.payload : sql`${sql.json(m.payload)}`;
  const src = sql.raw(source);
  return sql`insert into outbox (message_id, topic, aggregate_id, aggregate_code, payload)
   select ${m.messageId}, ${m.topic}, ${src}.id, ${src}.code, ${payload} from ${src}`;
}

const toMessage = (r: Record<string, any>): OutboxMessage => ({
  id: r.id,
  messageId: r.message_id,
  topic: r.topic,
  aggregateId: r.aggregate_id,
  aggregateCode: r.aggregate_code,
  payload: r.payload,
  attempts: r.attempts,
});

/**
 * Messages due now that are at the head of their aggregate's queue: the oldest not-yet-sent
 * message of each aggregate, if it is PENDING and its next attempt is due. A DEAD head blocks
 * its aggregate until it is re-queued, so the portal never sees a later state before an
 * earlier one.
 */
export async function claimDue(db: Db, limit: number): Promise<OutboxMessage[]> {
  const rows = await db.all(sql`select o.id::text as id, o.message_id, o.topic, o.aggregate_id, o.aggregate_code, o.payload, o.attempts
       from (select distinct on (aggregate_id) id, status, next_attempt_at
               from outbox where status <> 'SENT' order by aggregate_id, id) h
       join outbox o on o.id = h.id
      where h.status = 'PENDING' and h.next_attempt_at <= now()
      order by o.id
      limit ${limit}`);
  return rows.map(toMessage);
}

export async function markSent(db: Db, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  await db.all(sql`update outbox set status = 'SENT', attempts = attempts + 1, sent_at = now(), last_error = null
      where id = any(${sql.array(ids, 'bigint')}) and status = 'PENDING'`);
}

/** Records a failed attempt: retried after `retryInMs`, or dead-lettered when `dead`. */
export async function markFailed(db: Db, f: { id: string; error: string; retryInMs: number; dead: boolean }): Promise<void> {
  await db.all(sql`update outbox set attempts = attempts + 1, last_error = ${f.error.slice(0, 2000)}, status = ${f.dead ? 'DEAD' : 'PENDING'},
            next_attempt_at = now() + (${Math.max(0, Math.round(f.retryInMs))} * interval '1 millisecond')
      where id = ${f.id} and status = 'PENDING'`);
}

/** Puts dead letters back in the queue (all, or one aggregate's); returns how many. */
export async function requeueDead(db: Db, aggregateCode: string | null): Promise<number> {
  const r = await db.one<{ n: number }>(sql`with r as (
       update outbox set status = 'PENDING', attempts = 0, next_attempt_at = now()
        where status = 'DEAD' and (${aggregateCode}::text is null or aggregate_code = ${aggregateCode}) returning 1)
     select count(*)::int as n from r`);
  return r!.n;
}

export interface OutboxCounts {
  pending: number;
  dead: number;
  sent: number;
}

export async function outboxCounts(db: Db): Promise<OutboxCounts> {
  const rows = await db.all<{ status: OutboxStatus; n: number }>(sql`select status, count(*)::int as n from outbox group by status`);
  const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
  return { pending: by.PENDING ?? 0, dead: by.DEAD ?? 0, sent: by.SENT ?? 0 };
}

export interface OutboxHealth {
  pending: number;
  dead: number;
  /** Age of the oldest PENDING message, in seconds (0 when none waits). */
  oldestPendingSeconds: number;
}

/** For the metrics scrape: the open part of the outbox only (its partial index), never the SENT history. */
export async function outboxHealth(db: Db): Promise<OutboxHealth> {
  const r = await db.one<{ pending: number; dead: number; oldest: number }>(sql`select
      count(*) filter (where status = 'PENDING')::int as pending,
      count(*) filter (where status = 'DEAD')::int as dead,
      coalesce(extract(epoch from now() - min(created_at) filter (where status = 'PENDING')), 0)::float8 as oldest
    from outbox where status <> 'SENT'`);
  return { pending: r!.pending, dead: r!.dead, oldestPendingSeconds: Math.max(0, r!.oldest) };
}

/** SyncState of the contract: how far the national portal has caught up with an aggregate. */
export interface SyncState {
  status: 'PENDING' | 'SYNCED' | 'FAILED';
  attempts: number;
  lastSyncedAt: Date | null;
  lastError: string | null;
}

/**
 * Sync state per aggregate: FAILED when a message is dead-lettered, PENDING while one waits,
 * SYNCED when everything was delivered. `attempts` are those of the waiting head (or of the
 * last message delivered), `lastError` the latest error not yet cleared by a delivery.
 */
export async function syncStates(db: Db, aggregateIds: readonly string[]): Promise<Map<string, SyncState>> {
  const rows = await db.all(sql`select aggregate_id,
            bool_or(status = 'DEAD') as dead,
            bool_or(status = 'PENDING') as pending,
            max(sent_at) as last_synced_at,
            (array_agg(attempts order by id) filter (where status <> 'SENT'))[1] as head_attempts,
            (array_agg(attempts order by id desc) filter (where status = 'SENT'))[1] as last_attempts,
            (array_agg(last_error order by id) filter (where status <> 'SENT' and last_error is not null))[1] as last_error
       from outbox where aggregate_id = any(${sql.array(aggregateIds, 'uuid')}) group by aggregate_id`);
  const out = new Map<string, SyncState>();
  for (const r of rows) {
    out.set(r.aggregate_id, {
      status: r.dead ? 'FAILED' : r.pending ? 'PENDING' : 'SYNCED',
      attempts: r.head_attempts ?? r.last_attempts ?? 0,
      lastSyncedAt: r.last_synced_at ? new Date(r.last_synced_at) : null,
      lastError: r.last_error ?? null,
    });
  }
  return out;
}
