import { sql, type Db, type Sql } from '../db/sql';
import type { FeedbackScope } from '../auth/access';
import type { FeedbackAction, FeedbackLogLine, FeedbackSnapshot, FeedbackStatus, Role } from '../domain/feedback-machine';
import { outboxInsert } from './outbox.store';
import { DAILY_SEQUENCE_MAX } from '../domain/daily-sequence';
import type { InstantCodeKey, PageWindow } from '../domain/paging';

/**
 * Feedback (PAKN: phản ánh, kiến nghị), its log (feedback_event) and its daily code sequence.
 * A submission and a transition are ONE statement each: the change, its log line and the
 * national-portal message (outbox) commit together.
 */

/** A feedback row as commands, queries and resolvers use it. */
export interface FeedbackRow {
  id: string;
  code: string;
  title: string;
  content: string;
  status: FeedbackStatus;
  version: number;
  agencyId: string | null;
  agencyCode: string | null;
  procedureId: string | null;
  procedureCode: string | null;
  dossierCode: string | null;
  contactFullName: string;
  contactPhone: string | null;
  contactEmail: string | null;
  contactIdentityNumber: string | null;
  submittedBy: string | null;
  isPublic: boolean;
  submittedAt: Date;
  dueAt: Date;
  clockStartedAt: Date;
  pausedWorkingMinutes: number;
  supplementRequests: number;
  pausedFrom: FeedbackStatus | null;
  pausedAt: Date | null;
  answerDueAt: Date;
  answeredAt: Date | null;
  answeredOnTime: boolean | null;
  answer: string | null;
}

const d = (x: unknown) => (x == null ? null : new Date(x as string));

/** `feedback.*` with `agency_code` and `procedure_code` → FeedbackRow. */
export function toFeedbackRow(r: Record<string, any>): FeedbackRow {
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    content: r.content,
    status: r.status,
    version: r.version,
    agencyId: r.agency_id ?? null,
    agencyCode: r.agency_code ?? null,
    procedureId: r.procedure_id ?? null,
    procedureCode: r.procedure_code ?? null,
    dossierCode: r.dossier_code ?? null,
    contactFullName: r.contact_full_name,
    contactPhone: r.contact_phone ?? null,
    contactEmail: r.contact_email ?? null,
    contactIdentityNumber: r.contact_identity_number ?? null,
    submittedBy: r.submitted_by ?? null,
    isPublic: r.is_public,
    submittedAt: d(r.submitted_at)!,
    dueAt: d(r.due_at)!,
    clockStartedAt: d(r.clock_started_at)!,
    pausedWorkingMinutes: r.paused_working_minutes,
    supplementRequests: r.supplement_requests,
    pausedFrom: r.paused_from ?? null,
    pausedAt: d(r.paused_at),
    answerDueAt: d(r.answer_due_at)!,
    answeredAt: d(r.answered_at),
    answeredOnTime: r.answered_on_time ?? null,
    answer: r.answer ?? null,
  };
}

/** What the PAKN machine (and the read rule) needs of a row. */
export function snapshotOfFeedback(f: FeedbackRow): FeedbackSnapshot {
  return {
    status: f.status,
    agencyCode: f.agencyCode,
    isPublic: f.isPublic,
    submitterIdentityNumber: f.contactIdentityNumber,
    submitterSubject: f.submittedBy,
    clockStartedAt: f.clockStartedAt,
    pausedWorkingMinutes: f.pausedWorkingMinutes,
    supplementRequests: f.supplementRequests,
    pausedFrom: f.pausedFrom,
    pausedAt: f.pausedAt,
    answeredAt: f.answeredAt,
  };
}

/** feedback.* with the codes of its agency and procedure (`f` is the feedback alias). */
const FEEDBACK_SELECT = sql`select f.*, a.code as agency_code, p.code as procedure_code
  from feedback f left join agency a on a.id = f.agency_id left join procedure p on p.id = f.procedure_id`;

const forUpdate = (lock: boolean | undefined) => (lock ? sql` for no key update of f` : sql.empty);

/** One feedback by id; `lock` holds its row until the transaction ends. */
export async function feedbackById(db: Db, id: string, opts: { lock?: boolean } = {}): Promise<FeedbackRow | null> {
  const r = await db.one(sql`${FEEDBACK_SELECT} where f.id = ${id}${forUpdate(opts.lock)}`);
  return r ? toFeedbackRow(r) : null;
}

/** One feedback by its code (PAKN.YYYYMMDD.NNNN); `lock` holds its row until the transaction ends. */
export async function feedbackByCode(db: Db, code: string, opts: { lock?: boolean } = {}): Promise<FeedbackRow | null> {
  const r = await db.one(sql`${FEEDBACK_SELECT} where f.code = ${code}${forUpdate(opts.lock)}`);
  return r ? toFeedbackRow(r) : null;
}

/** What a submission refers to, in one statement: the agency's and procedure's ids, and whether the dossier exists. */
export async function feedbackReferences(
  db: Db,
  refs: { agencyCode: string | null; procedureCode: string | null; dossierCode: string | null },
): Promise<{ agencyId: string | null; procedureId: string | null; dossierExists: boolean }> {
  const r = (await db.one<{ agency_id: string | null; procedure_id: string | null; dossier_ok: boolean }>(
    sql`select (select id from agency where code = ${refs.agencyCode}) as agency_id,
               (select id from procedure where code = ${refs.procedureCode}) as procedure_id,
               (${refs.dossierCode} :: text is null or exists (select 1 from dossier where code = ${refs.dossierCode})) as dossier_ok`,
  ))!;
  return { agencyId: r.agency_id, procedureId: r.procedure_id, dossierExists: r.dossier_ok };
}

export interface NewFeedback {
  /** The row to write; its `code` is drawn by the statement (`codePrefix` + the day's next number). */
  feedback: Omit<FeedbackRow, 'code' | 'version' | 'agencyCode' | 'procedureCode' | 'answeredOnTime'>;
  /** `PAKN.YYYYMMDD.` */
  codePrefix: string;
  /** The Vietnam date (YYYY-MM-DD) whose sequence numbers the feedback. */
  day: string;
  /** The log's first line (SUBMIT, by the submitter's subject or `anonymous`). */
  eventId: string;
  /** The national-portal message; `payload.record.MaPAKN` is set to the drawn code. */
  message: { messageId: string; topic: string; payload: { record: unknown } };
}

/**
 * Writes a new feedback in ONE statement: draws the day's next number (PAKN.YYYYMMDD.NNNN),
 * inserts the feedback, its SUBMIT log line and its outbox message (the number grows a fifth digit
 * past 9,999: src/domain/daily-sequence.ts). False when the day's DAILY_SEQUENCE_MAX numbers are
 * used (nothing is written then).
 */
export async function insertFeedback(db: Db, n: NewFeedback): Promise<boolean> {
  const f = n.feedback;
  const written = await db.all(sql`with s as (
  insert into feedback_sequence (day, last) values (${n.day}::date, 1)
  on conflict (day) do update set last = feedback_sequence.last + 1
  returning last
), f as (
  insert into feedback ${sql.insertSelect({
    id: f.id,
    code: sql`${n.codePrefix} || lpad(s.last::text, greatest(4, length(s.last::text)), '0')`,
    title: f.title,
    content: f.content,
    status: sql`'RECEIVED'`,
    agency_id: f.agencyId,
    procedure_id: f.procedureId,
    dossier_code: f.dossierCode,
    contact_full_name: f.contactFullName,
    contact_phone: f.contactPhone,
    contact_email: f.contactEmail,
    contact_identity_number: f.contactIdentityNumber,
    submitted_by: f.submittedBy,
    is_public: f.isPublic,
    submitted_at: f.submittedAt,
    due_at: f.dueAt,
    clock_started_at: f.clockStartedAt,
    answer_due_at: f.answerDueAt,
    updated_at: f.submittedAt,
  })} from s where s.last <= ${DAILY_SEQUENCE_MAX}
  returning *
), e as (
  insert into feedback_event (id, feedback_id, seq, at, action, from_status, to_status, actor, note)
  select ${n.eventId}, f.id, 1, f.submitted_at, 'SUBMIT', null, 'RECEIVED', coalesce(f.submitted_by, 'anonymous'), null from f
), o as (
  ${outboxInsert('f', { ...n.message, payload: sql`jsonb_set(${sql.json(n.message.payload)}, '{record,MaPAKN}', to_jsonb(f.code))` })}
)
select f.id from f`);
  return written.length > 0;
}

export interface FeedbackChange {
  /** The row as read (locked) before the change: the update applies only to this version. */
  before: { id: string; version: number; status: FeedbackStatus };
  /** The row after the change (its version is before.version + 1). */
  after: FeedbackRow;
  /** Set published_at (PUBLISH). */
  publishes: boolean;
  now: Date;
  event: { id: string; action: FeedbackAction; actor: string; actorRole: Role; note: string | null; onTime: boolean | null };
  message: { messageId: string; topic: string; payload: unknown };
}

/**
 * A transition in ONE statement: the feedback's new state (only if its version is still the one
 * read), the log line and the national-portal message. False when the version moved meanwhile.
 */
export async function updateFeedback(db: Db, c: FeedbackChange): Promise<boolean> {
  const n = c.after;
  const rows = await db.all(sql`with u as (
  update feedback set ${sql.set({
    status: n.status,
    version: n.version,
    agency_id: n.agencyId,
    due_at: n.dueAt,
    clock_started_at: n.clockStartedAt,
    paused_working_minutes: n.pausedWorkingMinutes,
    supplement_requests: n.supplementRequests,
    paused_from: n.pausedFrom,
    paused_at: n.pausedAt,
    answer_due_at: n.answerDueAt,
    answered_at: n.answeredAt,
    answered_on_time: n.answeredOnTime,
    answer: n.answer,
    published_at: sql`case when ${c.publishes} then ${c.now}::timestamptz else published_at end`,
    updated_at: c.now,
  })}
   where id = ${c.before.id} and version = ${c.before.version}
  returning *
), e as (
  insert into feedback_event (id, feedback_id, seq, at, action, from_status, to_status, actor, actor_role, note, on_time)
  select ${c.event.id}, u.id, u.version, ${c.now}, ${c.event.action}, ${c.before.status}, u.status, ${c.event.actor}, ${c.event.actorRole}, ${c.event.note}, ${c.event.onTime} from u
), o as (
  ${outboxInsert('u', c.message)}
)
select u.id from u`);
  return rows.length > 0;
}

// ------------------------------------------------------------------ lists

export interface FeedbackListFilter {
  status?: readonly string[] | null;
  agencyCode?: string | null;
  overdue?: boolean | null;
}

/** The statuses in which no stage deadline runs any more. */
const CLOSED = sql`('REJECTED','PUBLISHED','SUPPLEMENT_REQUESTED')`;

/**
 * The read scope (src/auth/access.ts) as SQL: the published public ones for everybody, every
 * feedback for the province, the agencies' for their staff, their own for a submitter.
 */
function scopeCondition(s: FeedbackScope): Sql {
  const parts = [sql`(f.status = 'PUBLISHED' and f.is_public)`];
  if (s.province) parts.push(sql`true`);
  if (s.agencyCodes.length) parts.push(sql`a.code in (${sql.join(s.agencyCodes.map((c) => sql`${c}`))})`);
  if (s.submitterSubject !== null) parts.push(sql`f.submitted_by = ${s.submitterSubject}`);
  if (s.submitterIdentityNumber) parts.push(sql`f.contact_identity_number = ${s.submitterIdentityNumber}`);
  return sql`(${sql.join(parts, ' or ')})`;
}

function listConditions(scope: FeedbackScope, filter: FeedbackListFilter | null | undefined, now: Date): Sql[] {
  const where = [scopeCondition(scope)];
  if (filter?.status?.length) where.push(sql`f.status in (${sql.join(filter.status.map((s) => sql`${s}`))})`);
  if (filter?.agencyCode) where.push(sql`a.code = ${filter.agencyCode}`);
  if (filter?.overdue === true) {
    where.push(sql`f.status not in ${CLOSED} and not (f.status = 'ANSWERED' and not f.is_public) and f.due_at < ${now}`);
  }
  if (filter?.overdue === false) {
    where.push(sql`(f.status in ${CLOSED} or (f.status = 'ANSWERED' and not f.is_public) or f.due_at >= ${now})`);
  }
  return where;
}

/** One page of a scoped, filtered list, newest first (`after`: the last row's submittedAt and code). */
export async function feedbackPage(
  db: Db,
  q: { scope: FeedbackScope; filter?: FeedbackListFilter | null; now: Date } & PageWindow<InstantCodeKey>,
): Promise<FeedbackRow[]> {
  // Newest first: `after` reads older rows, `before` newer ones; backward (last) reads from the oldest end up.
  const where = listConditions(q.scope, q.filter, q.now);
  if (q.afterKey) where.push(sql`(f.submitted_at, f.code) < (${q.afterKey.submittedAt}, ${q.afterKey.code})`);
  if (q.beforeKey) where.push(sql`(f.submitted_at, f.code) > (${q.beforeKey.submittedAt}, ${q.beforeKey.code})`);
  const order = q.backward ? sql`f.submitted_at, f.code` : sql`f.submitted_at desc, f.code desc`;
  const rows = await db.all(sql`${FEEDBACK_SELECT} where ${sql.join(where, ' and ')} order by ${order} limit ${q.limit + 1}`);
  return rows.map(toFeedbackRow);
}

/** How many feedbacks the scoped, filtered list holds. */
export async function countFeedbacks(db: Db, q: { scope: FeedbackScope; filter?: FeedbackListFilter | null; now: Date }): Promise<number> {
  const where = listConditions(q.scope, q.filter, q.now);
  const r = await db.one<{ n: number }>(sql`select count(*)::int as n from feedback f left join agency a on a.id = f.agency_id where ${sql.join(where, ' and ')}`);
  return r!.n;
}

// ------------------------------------------------------------------ log

/** The log of many feedbacks in one statement, each oldest line first. */
export async function feedbackEventsOf(db: Db, feedbackIds: readonly string[]): Promise<(FeedbackLogLine & { feedbackId: string })[]> {
  const rows = await db.all<{ feedback_id: string; at: string; action: string; from_status: string | null; to_status: string; actor: string; note: string | null }>(
    sql`select feedback_id, at, action, from_status, to_status, actor, note from feedback_event
         where feedback_id in (select unnest(${sql.array(feedbackIds, 'uuid')})) order by seq`,
  );
  return rows.map((e) => ({ feedbackId: e.feedback_id, at: new Date(e.at), action: e.action, fromStatus: e.from_status, toStatus: e.to_status, actor: e.actor, note: e.note }));
}
