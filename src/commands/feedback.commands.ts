import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer';
import { badInput, conflict, forbidden, notFound } from '../errors';
import { isBlank } from '../domain/text';
import { vnDate } from '../domain/vn-time';
import type { WorkingCalendar } from '../domain/working-calendar';
import {
  canReadFeedback,
  decideFeedbackTransition,
  feedbackCodePrefix,
  receiveFeedback,
  type FeedbackAction,
  type FeedbackSnapshot,
  type FeedbackStatus,
} from '../domain/feedback-machine';
import { NATIONAL_FEEDBACK_STATUS, toFlag, toNationalDate, toNationalDateOrNull, type NationalFeedbackRecord } from '../connectors/national-formats';
import { outboxInsertFrom } from '../stores/outbox.store';
import { FEEDBACK_FORWARD } from '../outbox/national-messages';
import { json, run } from './dossier-sql';

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

/** feedback.* with the codes of its agency and procedure (`f` is the feedback alias). */
export const FEEDBACK_SELECT = `select f.*, a.code as agency_code, p.code as procedure_code
  from feedback f left join agency a on a.id = f.agency_id left join procedure p on p.id = f.procedure_id`;

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

export const viewerActor = (v: Viewer) =>
  v.authenticated ? { subject: v.subject!, roles: [...v.roles], agencyCodes: [...v.agencyCodes], identityNumber: v.identityNumber } : null;

/** The record the national portal's PAKN system receives (create-or-update by MaPAKN). Pure. */
export function nationalFeedbackRecord(f: FeedbackRow): NationalFeedbackRecord {
  return {
    MaPAKN: f.code,
    TieuDe: f.title,
    NoiDung: f.content,
    HoTenNguoiGui: f.contactFullName,
    SoDienThoai: f.contactPhone,
    Email: f.contactEmail,
    SoDinhDanh: f.contactIdentityNumber,
    NgayGui: toNationalDate(f.submittedAt),
    DonViTiepNhan: f.agencyCode,
    MaTTHC: f.procedureCode,
    MaHoSo: f.dossierCode,
    TrangThai: NATIONAL_FEEDBACK_STATUS[f.status],
    HanXuLy: toNationalDateOrNull(f.dueAt),
    NoiDungTraLoi: f.answer,
    NgayTraLoi: toNationalDateOrNull(f.answeredAt),
    CongKhai: toFlag(f.isPublic),
  };
}

export interface SubmitFeedbackData {
  title: string;
  content: string;
  agencyCode?: string | null;
  procedureCode?: string | null;
  dossierCode?: string | null;
  contact: { fullName: string; phone?: string | null; email?: string | null; identityNumber?: string | null };
  isPublic?: boolean | null;
}

const SUBMIT = `with s as (
  insert into feedback_sequence (day, last) values (?::date, 1)
  on conflict (day) do update set last = feedback_sequence.last + 1
  returning last
), f as (
  insert into feedback (id, code, title, content, status, agency_id, procedure_id, dossier_code, contact_full_name, contact_phone,
         contact_email, contact_identity_number, submitted_by, is_public, submitted_at, due_at, clock_started_at, answer_due_at, updated_at)
  select ?, ? || lpad(s.last::text, 4, '0'), ?, ?, 'RECEIVED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from s where s.last <= 9999
  returning *
), e as (
  insert into feedback_event (id, feedback_id, seq, at, action, from_status, to_status, actor, note)
  select ?, f.id, 1, f.submitted_at, 'SUBMIT', null, 'RECEIVED', coalesce(f.submitted_by, 'anonymous'), null from f
), o as (
  ${outboxInsertFrom('f', `jsonb_set(?::jsonb, '{record,MaPAKN}', to_jsonb(f.code))`)}
)
select f.id from f`;

/**
 * submitFeedback: anyone may send a PAKN (no login needed) with a way to be answered (phone or
 * e-mail). Code PAKN.YYYYMMDD.NNNN from a daily sequence; the reject deadline starts running
 * at receipt; the national portal learns it through the outbox — all in one statement.
 */
export async function submitFeedback(em: EntityManager, viewer: Viewer, data: SubmitFeedbackData, now: Date, calendar: WorkingCalendar): Promise<FeedbackRow> {
  if (isBlank(data.title) || data.title.length > 300) throw badInput('title', 'a title of 1 to 300 characters is required');
  if (isBlank(data.content) || data.content.length > 10_000) throw badInput('content', 'content of 1 to 10,000 characters is required');
  const c = data.contact;
  if (isBlank(c.fullName)) throw badInput('contact.fullName', 'your name is required');
  if (isBlank(c.phone) && isBlank(c.email)) throw badInput('contact', 'a phone number or an e-mail address is required, so that the answer can reach you');
  if (c.phone != null && !isBlank(c.phone) && !/^\+?[0-9 .-]{8,15}$/.test(c.phone)) throw badInput('contact.phone', 'phone is not a phone number');
  if (c.email != null && !isBlank(c.email) && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(c.email)) throw badInput('contact.email', 'email is not an e-mail address');
  if (c.identityNumber != null && !/^\d{12}$/.test(c.identityNumber)) throw badInput('contact.identityNumber', 'an identity number has exactly 12 digits');
  const [refs] = await run<{ agency_id: string | null; procedure_id: string | null; dossier_ok: boolean }>(
    em,
    `select (select id from agency where code = ?) as agency_id, (select id from procedure where code = ?) as procedure_id,
            (? :: text is null or exists (select 1 from dossier where code = ?)) as dossier_ok`,
    [data.agencyCode ?? null, data.procedureCode ?? null, data.dossierCode ?? null, data.dossierCode ?? null],
  );
  if (data.agencyCode && !refs.agency_id) throw badInput('agencyCode', `no agency ${data.agencyCode}`);
  if (data.procedureCode && !refs.procedure_id) throw badInput('procedureCode', `no procedure ${data.procedureCode}`);
  if (!refs.dossier_ok) throw badInput('dossierCode', `no dossier ${data.dossierCode}`);

  const receipt = receiveFeedback(now, calendar);
  const id = randomUUID();
  const day = vnDate(now);
  const row: FeedbackRow = {
    id, code: '', title: data.title.trim(), content: data.content.trim(), status: 'RECEIVED', version: 1,
    agencyId: refs.agency_id, agencyCode: data.agencyCode ?? null, procedureId: refs.procedure_id, procedureCode: data.procedureCode ?? null,
    dossierCode: data.dossierCode ?? null, contactFullName: c.fullName.trim(), contactPhone: c.phone ?? null, contactEmail: c.email ?? null,
    contactIdentityNumber: c.identityNumber ?? null, submittedBy: viewer.authenticated ? viewer.subject! : null, isPublic: !!data.isPublic,
    submittedAt: now, dueAt: receipt.stageDeadline, clockStartedAt: receipt.clockStartedAt, pausedWorkingMinutes: 0, supplementRequests: 0,
    pausedFrom: null, pausedAt: null, answerDueAt: receipt.answerDueAt, answeredAt: null, answeredOnTime: null, answer: null,
  };
  const written = await run(em, SUBMIT, [
    day,
    id, feedbackCodePrefix(now), row.title, row.content, row.agencyId, row.procedureId, row.dossierCode, row.contactFullName, row.contactPhone,
    row.contactEmail, row.contactIdentityNumber, row.submittedBy, row.isPublic, now, row.dueAt, row.clockStartedAt, row.answerDueAt, now,
    randomUUID(),
    randomUUID(), FEEDBACK_FORWARD, json({ record: nationalFeedbackRecord(row) }),
  ]);
  if (!written.length) throw conflict('Every feedback number for today is used', 'SEQUENCE_EXHAUSTED');
  return (await feedbackById(em, id))!;
}

export async function feedbackById(em: EntityManager, id: string, trx?: unknown, lock = false): Promise<FeedbackRow | null> {
  const [r] = await run<Record<string, any>>(em, `${FEEDBACK_SELECT} where f.id = ?${lock ? ' for no key update of f' : ''}`, [id], trx);
  return r ? toFeedbackRow(r) : null;
}

export async function feedbackByCode(em: EntityManager, code: string, trx?: unknown, lock = false): Promise<FeedbackRow | null> {
  const [r] = await run<Record<string, any>>(em, `${FEEDBACK_SELECT} where f.code = ?${lock ? ' for no key update of f' : ''}`, [code], trx);
  return r ? toFeedbackRow(r) : null;
}

export interface TransitionFeedbackData {
  code: string;
  action: FeedbackAction;
  note?: string | null;
  answer?: string | null;
  expectedVersion?: number | null;
  targetAgencyCode?: string | null;
}

/**
 * transitionFeedback: the PAKN state machine decides (roles, agency, status, input, deadlines);
 * the change, its log line and the national-portal message commit in one transaction with the
 * feedback row locked.
 */
export async function transitionFeedback(em: EntityManager, viewer: Viewer, data: TransitionFeedbackData, now: Date, calendar: WorkingCalendar): Promise<FeedbackRow> {
  const v = viewer.requireAuthenticated();
  const actor = viewerActor(v)!;
  return em.getConnection().transactional(async (trx) => {
    const f = await feedbackByCode(em, data.code, trx, true);
    if (!f) throw notFound(`Feedback ${data.code}`);
    if (!canReadFeedback(snapshotOfFeedback(f), actor)) throw forbidden('This feedback belongs to another agency');
    const o = decideFeedbackTransition(snapshotOfFeedback(f), actor, data, { now, calendar });
    if (data.expectedVersion != null && data.expectedVersion !== f.version) {
      throw conflict(`The feedback changed meanwhile: version is ${f.version}, not ${data.expectedVersion}`, 'STALE_VERSION');
    }
    let agencyId = f.agencyId;
    if (o.changesAgency) {
      const [a] = await run<{ id: string }>(em, 'select id from agency where code = ?', [o.agencyCode], trx);
      if (!a) throw badInput('targetAgencyCode', `no agency ${o.agencyCode}`);
      agencyId = a.id;
    }
    const next: FeedbackRow = {
      ...f,
      status: o.to,
      version: f.version + 1,
      agencyId,
      agencyCode: o.agencyCode,
      dueAt: o.stageDeadline ?? f.dueAt,
      clockStartedAt: o.clockStartedAt,
      pausedWorkingMinutes: o.pausedWorkingMinutes,
      supplementRequests: o.supplementRequests,
      pausedFrom: o.resumeTo,
      pausedAt: o.pausedAt,
      answerDueAt: o.answerDueAt,
      answeredAt: o.answers ? now : f.answeredAt,
      answeredOnTime: o.answers ? o.onTime : f.answeredOnTime,
      answer: o.answers ? o.answer : f.answer,
    };
    await run(
      em,
      `with u as (
         update feedback set status = ?, version = ?, agency_id = ?, due_at = ?, clock_started_at = ?, paused_working_minutes = ?,
                supplement_requests = ?, paused_from = ?, paused_at = ?, answer_due_at = ?, answered_at = ?, answered_on_time = ?, answer = ?,
                published_at = case when ? then ?::timestamptz else published_at end, updated_at = ?
          where id = ? and version = ?
         returning *
       ), e as (
         insert into feedback_event (id, feedback_id, seq, at, action, from_status, to_status, actor, actor_role, note, on_time)
         select ?, u.id, u.version, ?, ?, ?, u.status, ?, ?, ?, ? from u
       ), o as (
         ${outboxInsertFrom('u')}
       )
       select u.id from u`,
      [
        next.status, next.version, next.agencyId, next.dueAt, next.clockStartedAt, next.pausedWorkingMinutes,
        next.supplementRequests, next.pausedFrom, next.pausedAt, next.answerDueAt, next.answeredAt, next.answeredOnTime, next.answer,
        o.publishes, now, now,
        f.id, f.version,
        randomUUID(), now, data.action, f.status, v.subject, o.actorRole, data.note ?? data.answer ?? null, o.onTime,
        randomUUID(), FEEDBACK_FORWARD, json({ record: nationalFeedbackRecord(next) }),
      ],
      trx,
    );
    return (await feedbackById(em, f.id, trx))!;
  });
}
