import { Dossier, DossierEvent } from '../entities';
import { type Db, isUniqueViolation, sql, type Sql } from '../db/sql';
import { outboxInsert } from './outbox.store';
import { DAILY_SEQUENCE_MAX } from '../domain/daily-sequence';
import type { InstantCodeKey, PageWindow } from '../domain/paging';
import type { DossierScope } from '../auth/access';
import { TERMINAL_STATUSES, type DossierStatus, type LoggedAction, type Role } from '../domain/dossier-machine';
import type { ChangedFields } from '../domain/dossier-change';
import type { SlaNoticeKind } from '../domain/dossier-sla';
import type { ApplicantKind, DeliveryMethod, IdentityVerification } from '../domain/dossier';
import type { FeeData, SubmissionChannel } from '../domain/catalogue';
import type { WorkflowStepDef } from '../domain/workflow';

/**
 * The dossier aggregate's statements: hồ sơ, their processing log (dossier_event), the daily
 * code sequence and the SLA notices. The writes are ONE statement each (a data-modifying CTE is
 * one transaction in PostgreSQL): the change, its log line and its outbox message commit
 * together, without BEGIN/COMMIT round trips. Rows come back as `dossier.*` and are hydrated
 * into the request's identity map (`toDossier`) so resolvers see the usual entity.
 */

/** A `dossier.*` row (column names). */
export type DossierRow = Record<string, unknown> & { id: string; version: number };

/** The mapper: a `dossier.*` row into a managed Dossier of the request's identity map. */
export const toDossier = (db: Db, row: DossierRow): Dossier => db.em.map(Dossier, row);

/** A timestamptz as the driver returned it (a Date, or text). */
const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const toDateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : toDate(v));

/**
 * Something else a dossier write causes, committed by the same statement: a CTE member over the
 * written row, which the statement names `alias` (it returns the dossier's columns, `id` and
 * `code` among them). Letters to issue, files to link, notifications: each store gives its own.
 */
export type FollowUp = (alias: string) => Sql;

/** The follow-ups as further CTE members (`, f0 as (…), f1 as (…)`), or nothing. */
function followUps(alias: string, list: readonly FollowUp[] | undefined): Sql {
  if (!list?.length) return sql.empty;
  return sql.join(list.map((f, i) => sql`, ${sql.raw(`f${i}`)} as (
  ${f(alias)}
)`), '');
}

/** The joins every dossier read with its agency and procedure uses. */
const FROM_DOSSIER = sql`from dossier d join agency a on a.id = d.agency_id join procedure p on p.id = d.procedure_id`;

// ------------------------------------------------------------------ submission

/** Everything a submission writes: the dossier, its SUBMIT log line and the national-portal message. */
export interface SubmissionWrite {
  /** Token subject of the submitter; with `idempotencyKey` it finds an earlier submission. */
  submittedBy: string;
  idempotencyKey: string | null;
  /** The agency's daily sequence to draw the code's number from. */
  sequence: { agencyCode: string; day: string };
  dossier: {
    id: string;
    /** `<agency>-<YYMMDD>-`: the statement appends the number it draws. */
    codePrefix: string;
    procedureId: string;
    agencyId: string;
    channel: SubmissionChannel;
    applicant: {
      kind: ApplicantKind;
      fullName: string;
      identityNumber: string;
      birthDate: string | null;
      phone: string | null;
      email: string | null;
      address: string | null;
      verification: IdentityVerification;
    };
    components: unknown[];
    componentsReused: number;
    componentsCertified: number;
    formData: unknown;
    fees: FeeData[];
    totalFees: number;
    delivery: DeliveryMethod;
    deliveryAddress: string | null;
    submittedAt: Date;
    /** Online: receive before this instant (src/domain/dossier-sla.ts receiveDueAt). */
    receiveDueAt?: Date | null;
  };
  log: { id: string; actorRole: Role; note: string };
  /** The message for the national portal; `payload.record.MaHoSo` is set from the drawn code. */
  outbox: { messageId: string; topic: string; payload: unknown };
  /** What else the new dossier causes (over the CTE `d`; nothing when a retry found the earlier one). */
  also?: FollowUp[];
}

/**
 * The whole submission in one statement (one transaction): the earlier dossier of the same
 * idempotency key if there is one; otherwise the agency's next daily number (the upsert's row
 * lock makes it unique under concurrency), the dossier with its code, its SUBMIT log line and
 * the outbox message that tells the national portal. The code's number is four digits, growing a
 * fifth past 9,999 (src/domain/daily-sequence.ts). Undefined when the agency has used every number
 * of the day (DAILY_SEQUENCE_MAX).
 */
export async function insertSubmission(db: Db, w: SubmissionWrite): Promise<{ created: boolean; dossier: Dossier } | undefined> {
  const d = w.dossier;
  const a = d.applicant;
  const q = sql`with prior as (
  select * from dossier where submitted_by = ${w.submittedBy} and idempotency_key = ${w.idempotencyKey}
), s as (
  insert into dossier_sequence ${sql.insertSelect({ agency_code: w.sequence.agencyCode, day: sql`${w.sequence.day}::date`, last: sql.raw('1') })}
   where not exists (select 1 from prior)
  on conflict (agency_code, day) do update set last = dossier_sequence.last + 1
  returning last
), d as (
  insert into dossier ${sql.insertSelect({
    id: d.id,
    code: sql`${d.codePrefix} || lpad(s.last::text, greatest(4, length(s.last::text)), '0')`,
    procedure_id: d.procedureId,
    agency_id: d.agencyId,
    channel: d.channel,
    status: sql.raw(`'SUBMITTED'`),
    applicant_kind: a.kind,
    applicant_full_name: a.fullName,
    applicant_identity_number: a.identityNumber,
    applicant_birth_date: sql`${a.birthDate}::date`,
    applicant_phone: a.phone,
    applicant_email: a.email,
    applicant_address: a.address,
    applicant_verification: a.verification,
    components: sql.json(d.components),
    form_data: sql.json(d.formData),
    fees: sql.json(d.fees),
    total_fees: d.totalFees,
    components_count: d.components.length,
    components_reused: d.componentsReused,
    components_certified: d.componentsCertified,
    delivery: d.delivery,
    delivery_address: d.deliveryAddress,
    submitted_at: d.submittedAt,
    receive_due_at: d.receiveDueAt ?? null,
    submitted_by: w.submittedBy,
    idempotency_key: w.idempotencyKey,
    created_at: d.submittedAt,
    updated_at: d.submittedAt,
  })}
    from s where s.last <= ${DAILY_SEQUENCE_MAX}
  returning *
), e as (
  insert into dossier_event ${sql.insertSelect({
    id: w.log.id,
    dossier_id: sql.raw('d.id'),
    seq: sql.raw('1'),
    at: sql.raw('d.submitted_at'),
    action: sql.raw(`'SUBMIT'`),
    from_status: sql.raw('null'),
    to_status: sql.raw(`'SUBMITTED'`),
    actor: sql.raw('d.submitted_by'),
    actor_role: w.log.actorRole,
    note: w.log.note,
  })} from d
), o as (
  ${outboxInsert('d', { ...w.outbox, payload: sql`jsonb_set(${sql.json(w.outbox.payload)}, '{record,MaHoSo}', to_jsonb(d.code))` })}
)${followUps('d', w.also)}
select true as "created_", d.* from d
union all
select false, prior.* from prior`;
  let rows: (DossierRow & { created_: boolean })[];
  try {
    rows = await db.all(q);
  } catch (e) {
    // Two retries with the same key raced past `prior`: the loser returns the winner's dossier.
    if (!(w.idempotencyKey && isUniqueViolation(e))) throw e;
    rows = await db.all(q);
  }
  const [row] = rows;
  if (!row) return undefined;
  const { created_: created, ...dossier } = row;
  return { created, dossier: toDossier(db, dossier as DossierRow) };
}

// ------------------------------------------------------------------ the change path

/** A dossier as the change path reads it, with what its national record and log need. */
export interface DossierForChange {
  dossier: Dossier;
  agencyCode: string;
  agencyName: string;
  procedureDays: number;
  procedureCode: string;
  procedureName: string;
  sectorCode: string;
  /** VND paid through the national payment platform (the record's DuocThanhToanTrucTuyen). */
  paidOnline: number;
  /** The procedure's components (code and name: what a supplement may name, what letters list), what its result is called, the superior body's name. */
  procedureComponents: { code: string; name: string }[];
  procedureResultDescription: string | null;
  agencyParentName: string | null;
  /** Where it is handled now (liên thông), and that agency's name. */
  handlingAgencyCode: string;
  handlingAgencyName: string;
  /** Every agency whose staff read it (its events go to their streams). */
  readerAgencyCodes: string[];
  /** The agencies that carry out the procedure (transfer targets, step agencies). */
  implementingAgencies: { id: string; code: string }[];
  /** The procedure's internal process now (snapshot onto the dossier at RECEIVE). */
  procedureWorkflow: WorkflowStepDef[];
}

/**
 * The dossier with its agency, procedure and sector; with `lock`, holding the dossier row (alone:
 * not its agency or procedure) until the caller's transaction ends.
 */
export async function readDossierForChange(db: Db, code: string, opts: { lock: boolean }): Promise<DossierForChange | undefined> {
  const row = await db.one<DossierRow & Record<string, any>>(sql`select d.*, a.code as "agency_code_", a.name as "agency_name_", p.processing_working_days as "procedure_days_",
       (select coalesce(sum(pm.amount - pm.refund_due), 0) from payment pm
         where pm.dossier_id = d.id and pm.status = 'PAID' and pm.channel = 'NATIONAL_PLATFORM')::int as "paid_online_",
       p.code as "procedure_code_", p.name as "procedure_name_", s.code as "sector_code_",
       par.name as "agency_parent_name_", p.components as "procedure_components_", p.result_description as "procedure_result_description_",
       h.code as "handling_code_", h.name as "handling_name_",
       ${READER_CODES} as "reader_codes_",
       coalesce((select json_agg(json_build_object('id', x.id, 'code', x.code)) from procedure_agency pa join agency x on x.id = pa.agency_id
                  where pa.procedure_id = p.id), '[]') as "implementing_",
       p.workflow as "workflow_"
  ${FROM_DOSSIER}
  join sector s on s.id = p.sector_id
  join agency h on h.id = d.handling_agency_id
  left join agency par on par.id = a.parent_id
 where d.code = ${code}${opts.lock ? sql` for no key update of d` : sql.empty}`);
  if (!row) return undefined;
  const {
    agency_code_, agency_name_, procedure_days_, procedure_code_, procedure_name_, sector_code_, paid_online_,
    agency_parent_name_, procedure_components_, procedure_result_description_, handling_code_, handling_name_, reader_codes_, implementing_, workflow_, ...dossierRow
  } = row;
  return {
    dossier: toDossier(db, dossierRow as DossierRow),
    agencyCode: agency_code_,
    agencyName: agency_name_,
    procedureDays: procedure_days_,
    procedureCode: procedure_code_,
    procedureName: procedure_name_,
    sectorCode: sector_code_,
    paidOnline: paid_online_,
    agencyParentName: agency_parent_name_ ?? null,
    procedureComponents: ((typeof procedure_components_ === 'string' ? JSON.parse(procedure_components_) : procedure_components_) ?? []) as { code: string; name: string }[],
    procedureResultDescription: procedure_result_description_ ?? null,
    handlingAgencyCode: handling_code_,
    handlingAgencyName: handling_name_,
    readerAgencyCodes: reader_codes_,
    implementingAgencies: implementing_,
    procedureWorkflow: workflow_ ?? [],
  };
}

/** A decided change: the new columns, its log line and its national-portal message. */
export interface DossierChangeWrite {
  id: string;
  /** The version read: the write is a compare-and-set on it. */
  expectedVersion: number;
  set: ChangedFields;
  /** VND added to paid_amount (payments). */
  paidDelta: number;
  log: {
    id: string;
    at: Date;
    action: LoggedAction;
    fromStatus: DossierStatus;
    actor: string;
    actorRole: Role;
    note: string | null;
    data: Record<string, unknown> | null;
  };
  outbox: { messageId: string; topic: string; payload: unknown };
  /** What else the change causes (over the CTE `u`: nothing when the compare-and-set missed). */
  also?: FollowUp[];
}

/**
 * The change, its log line and the outbox message in one statement. `where version = expected`
 * makes it a compare-and-set: if another change committed since the read, nothing is written
 * and undefined comes back (the caller decides again on fresh data). Every change bumps the
 * version and appends exactly one log line (SUBMIT is line 1 at version 1), so the new line's
 * number is the new version; (dossier, seq) is unique.
 */
export async function writeDossierChange(db: Db, w: DossierChangeWrite): Promise<Dossier | undefined> {
  const n = w.set;
  const row = await db.one<DossierRow>(sql`with u as (
  update dossier set ${sql.set({
    status: n.status,
    version: n.version,
    received_at: n.receivedAt,
    due_at: n.dueAt,
    paused_at: n.pausedAt,
    paused_from: n.pausedFrom,
    completed_at: n.completedAt,
    delivered_at: n.deliveredAt,
    postal_tracking_number: n.postalTrackingNumber,
    result: sql.json(n.result),
    supplement_requests: n.supplementRequests,
    applicant_verification: n.applicantVerification,
    ...(n.components && {
      components: sql.json(n.components.list),
      components_count: n.components.list.length,
      components_reused: n.components.reused,
      components_certified: n.components.certified,
    }),
    requested_components: sql.json(n.requestedComponents),
    ...(n.steps && { steps: sql.json(n.steps) }),
    ...(n.handlingAgencyId && { handling_agency_id: n.handlingAgencyId }),
    updated_at: n.updatedAt,
  })}, paid_amount = paid_amount + ${w.paidDelta}${
    n.addReaderAgencyIds?.length
      ? sql`, reader_agency_ids = array(select distinct x from unnest(reader_agency_ids || ${sql.array(n.addReaderAgencyIds, 'uuid')}) x)`
      : sql.empty
  }
   where id = ${w.id} and version = ${w.expectedVersion}
  returning *
), e as (
  insert into dossier_event ${sql.insertSelect({
    id: w.log.id,
    dossier_id: sql.raw('u.id'),
    seq: sql.raw('u.version'),
    at: w.log.at,
    action: w.log.action,
    from_status: w.log.fromStatus,
    to_status: sql.raw('u.status'),
    actor: w.log.actor,
    actor_role: w.log.actorRole,
    note: w.log.note,
    data: sql.json(w.log.data),
  })} from u
), o as (
  ${outboxInsert('u', w.outbox)}
)${followUps('u', w.also)}
select * from u`);
  return row && toDossier(db, row);
}

// ------------------------------------------------------------------ reads

/** A dossier with its agency's code (what the read rule needs). */
export interface DossierWithAgency {
  dossier: Dossier;
  agencyCode: string;
  /** The agencies whose staff read it (receiving, handling, the steps' agencies). */
  readerAgencyCodes: string[];
}

/** The codes of a dossier's reader agencies, as a select-list expression over `d`. */
const READER_CODES = sql`array(select x.code::text from agency x where x.id = any(d.reader_agency_ids))`;

async function dossierWhere(db: Db, where: Sql): Promise<DossierWithAgency | undefined> {
  const row = await db.one<DossierRow & { agency_code_: string; reader_codes_: string[] }>(
    sql`select d.*, a.code as "agency_code_", ${READER_CODES} as "reader_codes_" from dossier d join agency a on a.id = d.agency_id where ${where}`,
  );
  if (!row) return undefined;
  const { agency_code_, reader_codes_, ...dossier } = row;
  return { dossier: toDossier(db, dossier as DossierRow), agencyCode: agency_code_, readerAgencyCodes: reader_codes_ };
}

export const dossierByCode = (db: Db, code: string) => dossierWhere(db, sql`d.code = ${code}`);
export const dossierById = (db: Db, id: string) => dossierWhere(db, sql`d.id = ${id}`);

/** trackDossier: the public look-up by code (no personal data). */
export interface DossierTracking {
  code: string;
  procedureName: string;
  agencyName: string;
  status: DossierStatus;
  receivedAt: Date | null;
  dueAt: Date | null;
  completedAt: Date | null;
}

export async function trackDossier(db: Db, code: string): Promise<DossierTracking | undefined> {
  const r = await db.one(sql`select d.code, p.name as procedure_name, a.name as agency_name, d.status, d.received_at, d.due_at, d.completed_at
  ${FROM_DOSSIER} where d.code = ${code}`);
  if (!r) return undefined;
  return {
    code: r.code,
    procedureName: r.procedure_name,
    agencyName: r.agency_name,
    status: r.status,
    receivedAt: toDateOrNull(r.received_at),
    dueAt: toDateOrNull(r.due_at),
    completedAt: toDateOrNull(r.completed_at),
  };
}

/** The processing logs of many dossiers, oldest line first. */
export async function eventsOfDossiers(db: Db, ids: readonly string[]): Promise<DossierEvent[]> {
  const rows = await db.all(sql`select * from dossier_event where dossier_id = any(${sql.array(ids, 'uuid')}) order by seq`);
  return rows.map((r) => db.em.map(DossierEvent, r));
}

/** The dossier a payment belongs to (node(id) checks access through it). */
export async function dossierIdOfPayment(db: Db, paymentId: string): Promise<string | null> {
  return (await db.one<{ dossier_id: string }>(sql`select dossier_id from payment where id = ${paymentId}`))?.dossier_id ?? null;
}

/** The dossier an evaluation belongs to. */
export async function dossierIdOfEvaluation(db: Db, evaluationId: string): Promise<string | null> {
  return (await db.one<{ dossier_id: string }>(sql`select dossier_id from evaluation where id = ${evaluationId}`))?.dossier_id ?? null;
}

// ------------------------------------------------------------------ access and lists

/**
 * The read rule of src/auth/access.ts as SQL over `dossier d`: ADMIN and OBSERVER read every
 * dossier, staff the dossiers their agencies are readers of (dossier.reader_agency_ids), a
 * citizen their own. An empty scope matches nothing.
 */
export function scopeCondition(scope: DossierScope): Sql {
  if (scope.province) return sql`true`;
  const parts: Sql[] = [];
  // Staff: the dossiers any of their agencies reads (received, handled, or named by a step).
  if (scope.agencyCodes.length) {
    parts.push(sql`d.reader_agency_ids && array(select x.id from agency x where x.code = any(${sql.array(scope.agencyCodes, 'text')}))`);
  }
  if (scope.applicantIdentityNumber) parts.push(sql`d.applicant_identity_number = ${scope.applicantIdentityNumber}`);
  return parts.length ? sql`(${sql.join(parts, ' or ')})` : sql`false`;
}

/** Of these dossier ids, those in the scope: one query for a whole batch (dossierAccess). */
export async function dossierIdsInScope(db: Db, scope: DossierScope, ids: readonly string[]): Promise<string[]> {
  const rows = await db.all<{ id: string }>(
    sql`select d.id from dossier d join agency a on a.id = d.agency_id where d.id = any(${sql.array(ids, 'uuid')}) and ${scopeCondition(scope)}`,
  );
  return rows.map((r) => r.id);
}

export interface DossierListFilter {
  status?: readonly DossierStatus[] | null;
  agencyCode?: string | null;
  procedureCode?: string | null;
  overdue?: boolean | null;
  submittedFrom?: Date | null;
  submittedTo?: Date | null;
  applicantIdentityNumber?: string | null;
}

/**
 * The list and its count read the dossier table alone (the filter names agencies and procedures
 * by subquery): with the joins, a province-wide count or first page worked through every row
 * (bench list: ADMIN's first page 584 ms, the province's totalCount 799 ms over 1M dossiers).
 */
const FROM_LIST = sql`from dossier d`;

/** The list's WHERE: the viewer's scope, then the filter (overdue as of `now`). */
function listWhere(scope: DossierScope, f: DossierListFilter | null | undefined, now: Date): Sql {
  const c: Sql[] = [scopeCondition(scope)];
  if (f?.status?.length) c.push(sql`d.status = any(${sql.array(f.status, 'text')})`);
  // The agency that received the dossier or the one handling it now (liên thông: both work on it):
  // two index scans (agency_id, handling_agency_id) joined by a bitmap OR.
  if (f?.agencyCode) {
    const agency = sql`(select x.id from agency x where x.code = ${f.agencyCode})`;
    c.push(sql`(d.agency_id = ${agency} or d.handling_agency_id = ${agency})`);
  }
  if (f?.procedureCode) c.push(sql`d.procedure_id = (select x.id from procedure x where x.code = ${f.procedureCode})`);
  if (f?.applicantIdentityNumber) c.push(sql`d.applicant_identity_number = ${f.applicantIdentityNumber}`);
  if (f?.submittedFrom) c.push(sql`d.submitted_at >= ${f.submittedFrom}`);
  if (f?.submittedTo) c.push(sql`d.submitted_at < ${f.submittedTo}`);
  if (f?.overdue === true) c.push(sql`d.due_at is not null and coalesce(d.completed_at, d.paused_at, ${now}) > d.due_at`);
  if (f?.overdue === false) c.push(sql`(d.due_at is null or coalesce(d.completed_at, d.paused_at, ${now}) <= d.due_at)`);
  return sql.join(c, ' and ');
}

/** A page of the scoped list, newest first, after the (submittedAt, code) key when given. */
export async function listDossiers(
  db: Db,
  q: { scope: DossierScope; filter?: DossierListFilter | null; now: Date } & PageWindow<InstantCodeKey>,
): Promise<Dossier[]> {
  // The list's order is newest first: `after` reads older rows, `before` newer ones; backward (last) reads from the oldest end up.
  const after = q.afterKey ? sql` and (d.submitted_at, d.code) < (${q.afterKey.submittedAt}, ${q.afterKey.code})` : sql.empty;
  const before = q.beforeKey ? sql` and (d.submitted_at, d.code) > (${q.beforeKey.submittedAt}, ${q.beforeKey.code})` : sql.empty;
  const order = q.backward ? sql`d.submitted_at, d.code` : sql`d.submitted_at desc, d.code desc`;
  const rows = await db.all<DossierRow>(
    sql`select d.* ${FROM_LIST} where ${listWhere(q.scope, q.filter, q.now)}${after}${before} order by ${order} limit ${q.limit + 1}`,
  );
  return rows.map((r) => toDossier(db, r));
}

/** How many dossiers the scoped, filtered list holds (totalCount). */
export async function countDossiers(db: Db, q: { scope: DossierScope; filter?: DossierListFilter | null; now: Date }): Promise<number> {
  const r = await db.one<{ n: number }>(sql`select count(*)::int as n ${FROM_LIST} where ${listWhere(q.scope, q.filter, q.now)}`);
  return r?.n ?? 0;
}

// ------------------------------------------------------------------ jobs

/** A citizen the population database could not answer for at submission. */
export interface PendingIdentity {
  code: string;
  identityNumber: string;
  fullName: string;
  /** YYYY-MM-DD */
  birthDate: string;
}

/** Citizens still PENDING (with a birth date: only those can be looked up), oldest first. */
export async function pendingIdentities(db: Db, limit: number): Promise<PendingIdentity[]> {
  const rows = await db.all(sql`select d.code, d.applicant_identity_number, d.applicant_full_name, d.applicant_birth_date::text as birth_date
  from dossier d
 where d.applicant_verification = 'PENDING' and d.applicant_kind = 'CITIZEN' and d.applicant_birth_date is not null
 order by d.submitted_at
 limit ${limit}`);
  return rows.map((r) => ({ code: r.code, identityNumber: r.applicant_identity_number, fullName: r.applicant_full_name, birthDate: r.birth_date }));
}

/** A running dossier the SLA sweep looks at. */
export interface SlaCandidate {
  id: string;
  code: string;
  status: DossierStatus;
  dueAt: Date;
  agencyCode: string;
  handlingAgencyCode: string;
}

/** Running (not finished, not paused) dossiers whose appointment is at most `lookaheadDays` away. */
export async function slaCandidates(db: Db, now: Date, lookaheadDays: number): Promise<SlaCandidate[]> {
  const rows = await db.all(sql`select d.id, d.code, d.status, d.due_at, a.code as agency_code, h.code as handling_code
  from dossier d join agency a on a.id = d.agency_id join agency h on h.id = d.handling_agency_id
 where d.completed_at is null and d.paused_at is null and d.due_at is not null
   and d.status <> all(${sql.array([...TERMINAL_STATUSES], 'text')})
   and d.due_at <= ${now}::timestamptz + ${lookaheadDays} * interval '1 day'`);
  return rows.map((r) => ({ id: r.id, code: r.code, status: r.status, dueAt: toDate(r.due_at), agencyCode: r.agency_code, handlingAgencyCode: r.handling_code }));
}

/** A SUBMITTED online dossier whose reception deadline is near or past. */
export interface ReceiveCandidate {
  id: string;
  code: string;
  receiveDueAt: Date;
  agencyCode: string;
}

/**
 * SUBMITTED dossiers with a reception deadline at most `lookaheadDays` away (or past) and not yet
 * warned of being overdue (the partial index dossier_receive_due_idx).
 */
export async function receiveCandidates(db: Db, now: Date, lookaheadDays: number): Promise<ReceiveCandidate[]> {
  const rows = await db.all(sql`select d.id, d.code, d.receive_due_at, a.code as agency_code
  from dossier d join agency a on a.id = d.agency_id
 where d.status = 'SUBMITTED' and d.receive_due_at is not null
   and d.receive_due_at <= ${now}::timestamptz + ${lookaheadDays} * interval '1 day'
   and not exists (select 1 from dossier_sla_notice n where n.dossier_id = d.id and n.kind = 'RECEIVE_OVERDUE')`);
  return rows.map((r) => ({ id: r.id, code: r.code, receiveDueAt: toDate(r.receive_due_at), agencyCode: r.agency_code }));
}

/**
 * Records notices once per dossier, kind and appointment; returns those not raised before (the
 * ones to publish).
 */
export async function raiseSlaNotices(
  db: Db,
  notices: readonly { dossierId: string; kind: SlaNoticeKind; dueAt: Date }[],
): Promise<{ dossierId: string; kind: SlaNoticeKind }[]> {
  if (!notices.length) return [];
  const rows = await db.all<{ dossier_id: string; kind: SlaNoticeKind }>(sql`insert into dossier_sla_notice (dossier_id, kind, due_at)
  select * from unnest(${sql.array(
    notices.map((x) => x.dossierId),
    'uuid',
  )}, ${sql.array(
    notices.map((x) => x.kind),
    'text',
  )}, ${sql.array(
    notices.map((x) => x.dueAt.toISOString()),
    'timestamptz',
  )})
  on conflict do nothing
  returning dossier_id, kind`);
  return rows.map((r) => ({ dossierId: r.dossier_id, kind: r.kind }));
}
