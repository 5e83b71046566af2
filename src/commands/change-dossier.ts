import { randomUUID } from 'node:crypto';
import type { Dossier } from '../entities';
import type { Db } from '../db/sql';
import { json, toDossier, type DossierRow } from './dossier-sql';
import { outboxInsertFrom } from '../stores/outbox.store';
import { DOSSIER_SYNC, nationalRecord, progressLine, type DossierSyncPayload } from '../outbox/national-messages';
import { notFound } from '../errors';
import type { WorkingCalendar } from '../domain/working-calendar';
import type { DossierAction, TransitionOutcome } from '../domain/dossier-machine';
import { isOverdue } from '../domain/dossier';
import type { DossierStatusEventPayload } from '../realtime/pubsub';

/**
 * The one path by which a dossier changes after its submission: transitions, settled payments
 * (and identity answers). Read, let a rule decide, write the change, its log line and the
 * national-portal message in one statement guarded by the version read.
 */

/** What transitions carry into the dossier (ISSUE_RESULT's result, DELIVER's tracking number). */
export interface ChangeInput {
  postalTrackingNumber?: string | null;
  result?: { documentNumber: string; signedBy: string; fileUrl: string; sha256: string } | null;
}

export interface TransitionResult {
  dossier: Dossier;
  /** To publish once the transaction has committed. */
  event: DossierStatusEventPayload;
}

/** The machine's view of a stored dossier. */
export function snapshotOf(d: Dossier, agencyCode: string) {
  return {
    status: d.status,
    agencyCode,
    applicantIdentityNumber: d.applicantIdentityNumber,
    supplementRequests: d.supplementRequests,
    pausedFrom: d.pausedFrom ?? null,
    pausedAt: d.pausedAt ?? null,
    dueAt: d.dueAt ?? null,
    outstandingFees: d.outstandingFees,
    hasResult: !!d.result,
  };
}

/** The columns a transition may change. */
interface ChangedFields {
  status: Dossier['status'];
  version: number;
  receivedAt: Date | null;
  dueAt: Date | null;
  pausedAt: Date | null;
  pausedFrom: Dossier['pausedFrom'];
  completedAt: Date | null;
  deliveredAt: Date | null;
  postalTrackingNumber: string | null;
  result: Dossier['result'];
  supplementRequests: number;
  updatedAt: Date;
}

/** What a decided transition does to the dossier: clock, pause, completion, counters. Pure. */
export function applyOutcome(
  d: Dossier,
  o: TransitionOutcome,
  data: ChangeInput & { action: string },
  procedureDays: number,
  calendar: WorkingCalendar,
  now: Date,
): ChangedFields {
  const n: ChangedFields = {
    status: o.to,
    version: d.version + 1,
    receivedAt: d.receivedAt ?? null,
    dueAt: d.dueAt ?? null,
    pausedAt: d.pausedAt ?? null,
    pausedFrom: d.pausedFrom ?? null,
    completedAt: d.completedAt ?? null,
    deliveredAt: d.deliveredAt ?? null,
    postalTrackingNumber: d.postalTrackingNumber ?? null,
    result: d.result ?? null,
    supplementRequests: o.supplementRequests,
    updatedAt: now,
  };
  if (o.receives) {
    n.receivedAt = now;
    n.dueAt = calendar.dueDate(now, procedureDays);
  }
  if (o.pause === 'START') {
    n.pausedAt = now;
    n.pausedFrom = o.resumeTo;
  } else if (o.pause === 'END') {
    // The clock stood still while the applicant was asked: move the appointment by that working time.
    if (n.dueAt && n.pausedAt) n.dueAt = calendar.resumeDueDate(n.dueAt, n.pausedAt, now);
    n.pausedAt = null;
    n.pausedFrom = null;
  }
  if (o.newDueAt) n.dueAt = o.newDueAt;
  if (o.completes) n.completedAt = now;
  if (o.delivers) {
    n.deliveredAt = now;
    if (data.postalTrackingNumber) n.postalTrackingNumber = data.postalTrackingNumber;
  }
  if (data.action === 'ISSUE_RESULT' && data.result) n.result = { ...data.result, issuedAt: now.toISOString() };
  return n;
}

const READ = `select d.*, a.code as "agency_code_", a.name as "agency_name_", p.processing_working_days as "procedure_days_",
       (select coalesce(sum(pm.amount - pm.refund_due), 0) from payment pm
         where pm.dossier_id = d.id and pm.status = 'PAID' and pm.channel = 'NATIONAL_PLATFORM')::int as "paid_online_",
       p.code as "procedure_code_", p.name as "procedure_name_", s.code as "sector_code_"
  from dossier d join agency a on a.id = d.agency_id join procedure p on p.id = d.procedure_id
  join sector s on s.id = p.sector_id
 where d.code = ?`;

interface ReadExtras {
  paid_online_: number;
  agency_code_: string;
  agency_name_: string;
  procedure_days_: number;
  procedure_code_: string;
  procedure_name_: string;
  sector_code_: string;
}

/**
 * The change, its log line and the outbox message for the national portal in one statement. `where version = ?` makes it a compare-and-set:
 * if another transition committed since the read, nothing is written and the caller re-reads.
 */
const WRITE = `with u as (
  update dossier set status = ?, version = ?, received_at = ?, due_at = ?, paused_at = ?, paused_from = ?,
         completed_at = ?, delivered_at = ?, postal_tracking_number = ?, result = ?::jsonb,
         supplement_requests = ?, updated_at = ?, paid_amount = paid_amount + ?
   where id = ? and version = ?
  returning *
), e as (
  insert into dossier_event (id, dossier_id, seq, at, action, from_status, to_status, actor, actor_role, note, data)
  select ?, u.id, u.version, ?, ?, ?, u.status, ?, ?, ?, ?::jsonb from u
), o as (
  ${outboxInsertFrom('u')}
)
select * from u`;

/** Compare-and-set rounds before falling back to the row lock. */
export const OPTIMISTIC_ATTEMPTS = 3;

/** The same read, holding the dossier row (alone: not its agency or procedure) until commit. */
const READ_LOCKED = `${READ} for no key update of d`;

/** What a decision does to a dossier, and how it is logged. */
export interface DossierChange {
  outcome: TransitionOutcome;
  action: DossierAction | 'PAYMENT_SETTLED';
  actorSubject: string;
  note?: string | null;
  /** Inputs some actions carry into the dossier (ISSUE_RESULT's result, DELIVER's tracking number). */
  input?: ChangeInput;
  /** Extra facts for the log line's data. */
  logData?: Record<string, unknown>;
  /** VND added to paid_amount with the change (payments). */
  paidDelta?: number;
  /** …of which through the national payment platform (the national record's DuocThanhToanTrucTuyen). */
  paidOnlineDelta?: number;
}

/** Decides the change from the dossier as read (throws to refuse; nothing is written then). */
export type DecideChange = (d: Dossier, agencyCode: string) => DossierChange;

/**
 * One read-decide-write round on a dossier: reads it (holding its row when `trx` is given),
 * asks `decide`, and writes the change, its log line and the national-portal message in one
 * statement guarded by the version read. Null when a concurrent change made the write miss.
 */
export async function changeDossier(
  db: Db,
  code: string,
  decide: DecideChange,
  calendar: WorkingCalendar,
  now: Date,
): Promise<TransitionResult | null> {
  const em = db.em;
  const [row] = await db.legacyRun<DossierRow>(db.inTransaction ? READ_LOCKED : READ, [code]);
  if (!row) throw notFound(`Dossier ${code}`);
  const { agency_code_: agencyCode, agency_name_, procedure_days_: procedureDays, procedure_code_, procedure_name_, sector_code_, paid_online_, ...dossierRow } =
    row as DossierRow & ReadExtras;
  const d = toDossier(em, dossierRow as DossierRow);
  const c = decide(d, agencyCode);
  const outcome = c.outcome;
  const from = d.status; // `d` is refreshed in place when the written row is mapped
  const n = applyOutcome(d, outcome, { ...c.input, action: c.action }, procedureDays, calendar, now);
  const justReceived = !!outcome.receives;
  const sync: DossierSyncPayload = {
    record: nationalRecord(
      {
        ...d,
        ...n,
        paidAmount: d.paidAmount + (c.paidDelta ?? 0),
        paidOnline: paid_online_ + (c.paidOnlineDelta ?? 0),
        procedureCode: procedure_code_,
        procedureName: procedure_name_,
        sectorCode: sector_code_,
        agencyCode,
      },
      justReceived,
    ),
    progress: progressLine({
      code: d.code,
      action: c.action,
      actor: c.actorSubject,
      role: outcome.actorRole,
      at: now,
      agencyName: agency_name_,
      note: c.note,
      status: n.status,
      justReceived,
    }),
  };
  const [written] = await db.legacyRun<DossierRow>(WRITE, [
    n.status, n.version, n.receivedAt, n.dueAt, n.pausedAt, n.pausedFrom,
    n.completedAt, n.deliveredAt, n.postalTrackingNumber, json(n.result),
    n.supplementRequests, n.updatedAt, c.paidDelta ?? 0,
    d.id, d.version,
    // Every change bumps the version and appends exactly one log line (SUBMIT is line 1 at
    // version 1), so the new line's number is the new version; (dossier, seq) is unique.
    randomUUID(), now, c.action, from, c.actorSubject, outcome.actorRole, c.note ?? null,
    json(compact({ ...c.logData, nationalStatusCode: outcome.nationalStatusCode })),
    randomUUID(), DOSSIER_SYNC, json(sync),
  ]);
  if (!written) return null; // someone else changed it first: decide again on what they left
  const saved = toDossier(em, written);
  return {
    dossier: saved,
    event: {
      code: saved.code,
      agencyCode,
      action: c.action,
      previousStatus: from,
      status: saved.status,
      at: now.toISOString(),
      dueAt: saved.dueAt?.toISOString() ?? null,
      overdue: isOverdue(saved, now),
    },
  };
}

function compact(o: Record<string, unknown>): Record<string, unknown> | null {
  const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
  return Object.keys(out).length ? out : null;
}
