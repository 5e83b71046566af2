import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { Dossier, DossierEvent } from '../entities';
import { conflict, notFound } from '../errors';
import type { Viewer } from '../auth/viewer';
import type { WorkingCalendar } from '../domain/working-calendar';
import { decideTransition, type DossierAction, type TransitionOutcome } from '../domain/dossier-machine';
import { isOverdue } from '../domain/dossier';
import type { DossierStatusEventPayload } from '../pubsub';

export interface TransitionDossierData {
  code: string;
  action: DossierAction;
  note?: string | null;
  expectedVersion?: number | null;
  apologyLetter?: string | null;
  newDueAt?: Date | null;
  result?: { documentNumber: string; signedBy: string; fileUrl: string; sha256: string } | null;
  postalTrackingNumber?: string | null;
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

/** Applies a decided transition to the dossier: clock, pause, completion, counters. */
function apply(d: Dossier, o: TransitionOutcome, data: TransitionDossierData, procedureDays: number, calendar: WorkingCalendar, now: Date): void {
  if (o.receives) {
    d.receivedAt = now;
    d.dueAt = calendar.dueDate(now, procedureDays);
  }
  if (o.pause === 'START') {
    d.pausedAt = now;
    d.pausedFrom = o.resumeTo;
  } else if (o.pause === 'END') {
    // The clock stood still while the applicant was asked: move the appointment by that working time.
    if (d.dueAt && d.pausedAt) d.dueAt = calendar.resumeDueDate(d.dueAt, d.pausedAt, now);
    d.pausedAt = null;
    d.pausedFrom = null;
  }
  if (o.newDueAt) d.dueAt = o.newDueAt;
  if (o.completes) d.completedAt = now;
  if (o.delivers) {
    d.deliveredAt = now;
    if (data.postalTrackingNumber) d.postalTrackingNumber = data.postalTrackingNumber;
  }
  if (data.action === 'ISSUE_RESULT' && data.result) d.result = { ...data.result, issuedAt: now.toISOString() };
  d.supplementRequests = o.supplementRequests;
  d.status = o.to;
  d.version += 1;
  d.updatedAt = now;
}

/**
 * transitionDossier: locks the dossier row, checks the version, lets the state machine decide,
 * applies the outcome and writes its log line, all in one transaction.
 */
export async function transitionDossier(
  em: EntityManager,
  viewer: Viewer,
  data: TransitionDossierData,
  calendar: WorkingCalendar,
  now: Date,
): Promise<TransitionResult> {
  const v = viewer.requireAuthenticated();
  return em.transactional(async (tx) => {
    // Lock the dossier row alone: a join here would lock its procedure and agency rows too, and
    // every submission (whose foreign keys share-lock them) would queue behind it or deadlock.
    const d = await tx.findOne(Dossier, { code: data.code }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!d) throw notFound(`Dossier ${data.code}`);
    await tx.populate(d, ['agency', 'procedure']);
    const agencyCode = d.agency.getEntity().code;
    const actor = { subject: v.subject, roles: [...v.roles], agencyCodes: [...v.agencyCodes], identityNumber: v.identityNumber };
    // Authorization is decided by the machine first (FORBIDDEN reveals nothing); then the version.
    const outcome = decideTransition(snapshotOf(d, agencyCode), actor, data);
    if (data.expectedVersion != null && data.expectedVersion !== d.version) {
      throw conflict(`The dossier changed meanwhile: version is ${d.version}, not ${data.expectedVersion}`, 'STALE_VERSION');
    }
    const from = d.status;
    apply(d, outcome, data, d.procedure.getEntity().processingWorkingDays, calendar, now);
    tx.create(DossierEvent, {
      dossier: d,
      // Every change bumps the version and appends exactly one log line (SUBMIT is line 1 at
      // version 1), so the new line's number is the new version; (dossier, seq) is unique.
      seq: d.version,
      at: now,
      action: data.action,
      fromStatus: from,
      toStatus: d.status,
      actor: v.subject,
      actorRole: outcome.actorRole,
      note: data.note ?? null,
      data: compact({
        apologyLetter: data.apologyLetter,
        newDueAt: outcome.newDueAt?.toISOString(),
        documentNumber: data.result?.documentNumber,
        postalTrackingNumber: data.postalTrackingNumber,
        nationalStatusCode: outcome.nationalStatusCode,
      }),
    });
    await tx.flush();
    return {
      dossier: d,
      event: {
        code: d.code,
        agencyCode,
        action: data.action,
        previousStatus: from,
        status: d.status,
        at: now.toISOString(),
        dueAt: d.dueAt?.toISOString() ?? null,
        overdue: isOverdue(d, now),
      },
    };
  });
}

function compact(o: Record<string, unknown>): Record<string, unknown> | null {
  const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
  return Object.keys(out).length ? out : null;
}

