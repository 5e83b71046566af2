import { randomUUID } from 'node:crypto';
import type { Dossier } from '../entities';
import type { Db } from '../db/sql';
import { readDossierForChange, writeDossierChange, type DossierForChange, type FollowUp } from '../stores/dossier.store';
import { DOSSIER_SYNC, nationalRecord, progressLine, type DossierSyncPayload } from '../outbox/national-messages';
import { conflict, notFound, msg } from '../errors';
import type { WorkingCalendar } from '../domain/working-calendar';
import type { DossierAction, DossierSnapshot, TransitionOutcome } from '../domain/dossier-machine';
import { isOverdue, type IdentityVerification } from '../domain/dossier';
import { applyOutcome, DOSSIER_CHANGE_REASONS, type ChangeInput } from '../domain/dossier-change';
import { normalizeStored } from '../domain/components';
import type { DossierStatusEventPayload } from '../realtime/pubsub';
import { letterRequestsFor, type PaymentForLetters } from '../domain/letter-rules';
import { queueLetters } from '../stores/letter.store';
import type { NotificationTemplates } from '../outbox/notification-templates';
import { dossierChangeFollowUps } from './notify-effects';

/**
 * The one path by which a dossier changes after its submission: transitions, settled payments
 * and identity answers. Read, let a rule decide, write the change, its log line and the
 * national-portal message in one statement guarded by the version read.
 */

export type { ChangeInput } from '../domain/dossier-change';
export { applyOutcome } from '../domain/dossier-change';

export interface TransitionResult {
  dossier: Dossier;
  /** To publish once the transaction has committed. */
  event: DossierStatusEventPayload;
  /** Letters the change queued (src/domain/letter-rules.ts): the letters worker is kicked after the commit when any. */
  letters: number;
}

/**
 * The machine's view of a stored dossier: where it was received and where it is handled now,
 * the agencies that carry out its procedure (TRANSFER's targets; null: unknown). The change path
 * and Dossier.allowedActions (src/queries/workflow.queries.ts) build it here, so a button shown
 * is an action the machine accepts.
 */
export function machineSnapshot(
  d: Dossier,
  where: { agencyCode: string; handlingAgencyCode?: string; implementingAgencyCodes: readonly string[] | null },
): DossierSnapshot {
  return {
    handlingAgencyCode: where.handlingAgencyCode ?? where.agencyCode,
    steps: d.steps ?? [],
    implementingAgencyCodes: where.implementingAgencyCodes,
    status: d.status,
    agencyCode: where.agencyCode,
    applicantIdentityNumber: d.applicantIdentityNumber,
    supplementRequests: d.supplementRequests,
    pausedFrom: d.pausedFrom ?? null,
    pausedAt: d.pausedAt ?? null,
    dueAt: d.dueAt ?? null,
    outstandingFees: d.outstandingFees,
    hasResult: !!d.result,
  };
}

/** machineSnapshot from the change path's read (transfer and the internal process). */
export function snapshotOf(d: Dossier, agencyCode: string, read?: Pick<DossierForChange, 'handlingAgencyCode' | 'implementingAgencies'>): DossierSnapshot {
  return machineSnapshot(d, { agencyCode, handlingAgencyCode: read?.handlingAgencyCode, implementingAgencyCodes: read?.implementingAgencies.map((a) => a.code) ?? null });
}

/** Compare-and-set rounds before falling back to the row lock. */
export const OPTIMISTIC_ATTEMPTS = 3;

/** What a decision does to a dossier, and how it is logged. */
export interface DossierChange {
  outcome: TransitionOutcome;
  action: DossierAction | 'PAYMENT_SETTLED' | 'IDENTITY_CHECKED';
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
  /** The population database's answer for the applicant (IDENTITY_CHECKED). */
  identityAnswer?: IdentityVerification;
  /**
   * False for what is not a step of processing (IDENTITY_CHECKED): the portal gets the updated
   * record without a progress line, and the log line carries no national status code.
   */
  processingStep?: boolean;
  /** What else the change writes in its statement (files to link, letters to issue…). */
  also?: FollowUp[];
  /** PAYMENT_SETTLED: the payment that was PAID (its receipt is queued with the change). */
  payment?: PaymentForLetters;
}

/** Decides the change from the dossier as read, with its procedure's facts (throws to refuse; nothing is written then). */
export type DecideChange = (d: Dossier, agencyCode: string, read: DossierForChange) => DossierChange;

/**
 * One read-decide-write round on a dossier: reads it (holding its row when `db` is in a
 * transaction), asks `decide`, and writes the change, its log line and the national-portal
 * message in one statement guarded by the version read. Null when a concurrent change made the
 * write miss.
 */
export async function changeDossier(
  db: Db,
  code: string,
  decide: DecideChange,
  calendar: WorkingCalendar,
  now: Date,
  /** The citizen's notifications and sector systems' webhooks are written with the change (issue 13). */
  notify?: NotificationTemplates,
): Promise<TransitionResult | null> {
  const read = await readDossierForChange(db, code, { lock: db.inTransaction });
  if (!read) throw notFound(msg(`Không tìm thấy hồ sơ ${code}`, `Dossier ${code} not found`));
  const { dossier: d, agencyCode } = read;
  const c = decide(d, agencyCode, read);
  const outcome = c.outcome;
  const from = d.status; // `d` is refreshed in place when the written row is mapped
  const agencyIds = new Map(read.implementingAgencies.map((a) => [a.code, a.id]));
  const n = applyOutcome(d, outcome, { ...c.input, action: c.action, identityAnswer: c.identityAnswer }, read.procedureDays, calendar, now, {
    workflow: read.procedureWorkflow,
    agencyIdOf: (code) => agencyIds.get(code),
  });
  const handlingAgencyCode = outcome.transferTo ?? read.handlingAgencyCode;
  const justReceived = !!outcome.receives;
  const sync: DossierSyncPayload = {
    record: nationalRecord(
      {
        ...d,
        ...n,
        components: n.components?.list ?? d.components.map(normalizeStored),
        paidAmount: d.paidAmount + (c.paidDelta ?? 0),
        paidOnline: read.paidOnline + (c.paidOnlineDelta ?? 0),
        procedureCode: read.procedureCode,
        procedureName: read.procedureName,
        sectorCode: read.sectorCode,
        agencyCode,
        handlingAgencyCode,
      },
      justReceived,
    ),
    progress:
      c.processingStep === false
        ? null
        : progressLine({
            code: d.code,
            action: c.action as DossierAction | 'PAYMENT_SETTLED',
            actor: c.actorSubject,
            role: outcome.actorRole,
            at: now,
            agencyName: read.handlingAgencyName,
            note: c.note,
            status: n.status,
            justReceived,
          }),
  };
  // The letters the change causes, with the facts as the change leaves the dossier, queued in its statement.
  const letters = letterRequestsFor({
    action: c.action,
    version: n.version,
    note: c.note,
    apologyLetter: typeof c.logData?.apologyLetter === 'string' ? c.logData.apologyLetter : null,
    requestedComponents: stringList(c.logData?.requestedComponents),
    supplementRequests: n.supplementRequests,
    dueAtBefore: d.dueAt ?? null,
    dossier: {
      code: d.code,
      submittedAt: d.submittedAt,
      receivedAt: n.receivedAt,
      dueAt: n.dueAt,
      delivery: d.delivery,
      deliveryAddress: d.deliveryAddress ?? null,
      components: d.components,
      fees: d.fees,
      applicant: {
        name: d.applicantFullName,
        identityNumber: d.applicantIdentityNumber,
        address: d.applicantAddress ?? undefined,
        phone: d.applicantPhone ?? undefined,
        email: d.applicantEmail ?? undefined,
      },
    },
    agency: { code: agencyCode, name: read.agencyName, parentName: read.agencyParentName ?? undefined },
    procedure: { name: read.procedureName, components: read.procedureComponents },
    payment: c.payment ?? null,
  });
  const saved = await writeDossierChange(db, {
    id: d.id,
    expectedVersion: d.version,
    set: n,
    paidDelta: c.paidDelta ?? 0,
    log: {
      id: randomUUID(),
      at: now,
      action: c.action,
      fromStatus: from,
      actor: c.actorSubject,
      actorRole: outcome.actorRole,
      note: c.note ?? null,
      data: compact({ ...c.logData, nationalStatusCode: c.processingStep === false ? undefined : outcome.nationalStatusCode }),
    },
    outbox: { messageId: randomUUID(), topic: DOSSIER_SYNC, payload: sync },
    also: [
      ...(c.also ?? []),
      ...(letters.length ? queueLetters(letters, now) : []),
      ...(notify
        ? dossierChangeFollowUps(notify, {
            dossier: d,
            set: n,
            action: c.action,
            note: c.note,
            logData: c.logData,
            paidDelta: c.paidDelta,
            agencyCode,
            agencyName: read.agencyName,
            procedureName: read.procedureName,
            now,
          })
        : []),
    ],
  });
  if (!saved) return null; // someone else changed it first: decide again on what they left
  return {
    dossier: saved,
    event: {
      code: saved.code,
      agencyCode,
      handlingAgencyCode,
      // Every agency whose staff read it follows it on its stream (both sides of a transfer).
      alsoAgencyCodes: [...new Set([...read.readerAgencyCodes, read.handlingAgencyCode, handlingAgencyCode])].filter((c) => c !== agencyCode),
      // IDENTITY_CHECKED is never published (the identity command records it silently).
      action: c.action as DossierStatusEventPayload['action'],
      previousStatus: from,
      status: saved.status,
      at: now.toISOString(),
      dueAt: saved.dueAt?.toISOString() ?? null,
      overdue: isOverdue(saved, now),
    },
    letters: letters.length,
  };
}

/**
 * changeDossier until it lands: a few compare-and-set rounds without holding any lock between
 * round trips (a concurrent change makes the write miss, and the change is decided again on
 * fresh data); then, still losing the race (a burst on one dossier), it queues on the row lock
 * so nobody starves.
 */
export async function changeDossierRetrying(
  db: Db,
  code: string,
  decide: DecideChange,
  calendar: WorkingCalendar,
  now: Date,
  notify?: NotificationTemplates,
): Promise<TransitionResult> {
  for (let n = 1; n <= OPTIMISTIC_ATTEMPTS; n++) {
    const r = await changeDossier(db, code, decide, calendar, now, notify);
    if (r) return r;
  }
  const r = await db.transaction((trx) => changeDossier(trx, code, decide, calendar, now, notify));
  if (!r) throw conflict(
      msg('Hồ sơ đang được cập nhật liên tục, vui lòng thử lại sau giây lát', 'The dossier is changing too often right now; try again'),
      DOSSIER_CHANGE_REASONS.BUSY,
    );
  return r;
}

function compact(o: Record<string, unknown>): Record<string, unknown> | null {
  const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
  return Object.keys(out).length ? out : null;
}

/** A list of strings from the log data (REQUEST_SUPPLEMENT's requestedComponents), or null. */
function stringList(v: unknown): string[] | null {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
}
