import type { DossierStatus, TransitionOutcome } from './dossier-machine';
import type { DossierResultData, IdentityVerification } from './dossier';
import type { WorkingCalendar } from './working-calendar';
import { componentFacts, type StoredComponent } from './components';
import { completeCurrentStep, reopenLastStep, resumeSteps, snapshotSteps, startFirstStep, type DossierStepState, type WorkflowStepDef } from './workflow';

/**
 * What a decided change does to a stored dossier (pure): the clock, the pause, completion,
 * counters. The one write path (src/commands/change-dossier.ts) applies it to the row it read.
 */

/** Reasons a dossier change is refused after the rules allowed it (extensions.reason). */
export const DOSSIER_CHANGE_REASONS = {
  /** expectedVersion is not the stored version. */
  STALE_VERSION: 'STALE_VERSION',
  /** Lost the compare-and-set race even under the row lock (a burst on one dossier). */
  BUSY: 'BUSY',
  /** The applicant's identity was answered for already (by another run or at submission). */
  IDENTITY_ALREADY_ANSWERED: 'IDENTITY_ALREADY_ANSWERED',
} as const;
export type DossierChangeReason = (typeof DOSSIER_CHANGE_REASONS)[keyof typeof DOSSIER_CHANGE_REASONS];

/** What transitions carry into the dossier (ISSUE_RESULT's result, DELIVER's tracking number, SUPPLEMENT's components). */
export interface ChangeInput {
  postalTrackingNumber?: string | null;
  result?: Omit<DossierResultData, 'issuedAt'> | null;
  /** SUPPLEMENT: the dossier's components after the supplement (src/domain/components.ts applySupplement). */
  components?: StoredComponent[] | null;
  /** REQUEST_SUPPLEMENT: the component codes asked for. */
  requestedComponents?: string[] | null;
}

/** The stored facts a change starts from. */
export interface DossierState {
  status: DossierStatus;
  version: number;
  receivedAt?: Date | null;
  dueAt?: Date | null;
  pausedAt?: Date | null;
  pausedFrom?: DossierStatus | null;
  completedAt?: Date | null;
  deliveredAt?: Date | null;
  postalTrackingNumber?: string | null;
  result?: DossierResultData | null;
  applicantVerification: IdentityVerification;
  requestedComponents?: string[] | null;
  /** Internal process steps (from RECEIVE on). */
  steps?: DossierStepState[] | null;
}

/** What the internal process and transfer need from the procedure and the agencies (issue 14). */
export interface FlowFacts {
  /** The procedure's steps now (snapshot onto the dossier at RECEIVE). */
  workflow: readonly WorkflowStepDef[];
  /** An agency's id by code (the procedure's agencies: transfer targets, step agencies). */
  agencyIdOf: (code: string) => string | undefined;
}

/** The columns a change may set. */
export interface ChangedFields {
  status: DossierStatus;
  version: number;
  receivedAt: Date | null;
  dueAt: Date | null;
  pausedAt: Date | null;
  pausedFrom: DossierStatus | null;
  completedAt: Date | null;
  deliveredAt: Date | null;
  postalTrackingNumber: string | null;
  result: DossierResultData | null;
  supplementRequests: number;
  applicantVerification: IdentityVerification;
  /** Set only when the change replaces the components (SUPPLEMENT with files). */
  components?: { list: StoredComponent[]; reused: number; certified: number };
  requestedComponents: string[] | null;
  /** Internal process steps as they now are (absent: unchanged). */
  steps?: DossierStepState[];
  /** TRANSFER: the new handling agency's id. */
  handlingAgencyId?: string;
  /** Agencies whose staff read the dossier from now on too (a transfer's target, the steps' agencies). */
  addReaderAgencyIds?: string[];
  updatedAt: Date;
}

/** What a decided transition does to the dossier: clock, pause, completion, counters. Pure. */
export function applyOutcome(
  d: DossierState,
  o: TransitionOutcome,
  data: ChangeInput & { action: string; identityAnswer?: IdentityVerification },
  procedureDays: number,
  calendar: WorkingCalendar,
  now: Date,
  flow?: FlowFacts,
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
    applicantVerification: data.identityAnswer ?? d.applicantVerification,
    requestedComponents: d.requestedComponents ?? null,
    steps: d.steps ?? [],
    updatedAt: now,
  };
  if (data.action === 'REQUEST_SUPPLEMENT') n.requestedComponents = data.requestedComponents?.length ? [...data.requestedComponents] : null;
  if (data.action === 'SUPPLEMENT') {
    n.requestedComponents = null;
    if (data.components) {
      const f = componentFacts(data.components);
      n.components = { list: data.components, reused: f.reused, certified: f.certified };
    }
  }
  if (o.receives) {
    n.receivedAt = now;
    n.dueAt = calendar.dueDate(now, procedureDays);
    // The dossier keeps the process it started with, whatever the procedure says later.
    if (flow?.workflow.length) {
      n.steps = startFirstStep(snapshotSteps(flow.workflow, procedureDays), now, calendar);
      const ids = n.steps.flatMap((s) => (s.agencyCode ? [flow.agencyIdOf(s.agencyCode)] : [])).filter((x): x is string => !!x);
      if (ids.length) n.addReaderAgencyIds = [...new Set(ids)];
    }
  }
  if (o.transferTo && flow) {
    const id = flow.agencyIdOf(o.transferTo);
    if (!id) throw new Error(`no agency id for ${o.transferTo}`); // the machine only accepts the procedure's agencies
    n.handlingAgencyId = id;
    n.addReaderAgencyIds = [id];
  }
  if (o.steps === 'COMPLETE') n.steps = completeCurrentStep(n.steps ?? [], now, calendar);
  if (o.steps === 'REOPEN_LAST') n.steps = reopenLastStep(n.steps ?? [], now, calendar);
  if (o.pause === 'START') {
    n.pausedAt = now;
    n.pausedFrom = o.resumeTo;
  } else if (o.pause === 'END') {
    // The clock stood still while the applicant was asked: move the appointment by that working time.
    if (n.dueAt && n.pausedAt) n.dueAt = calendar.resumeDueDate(n.dueAt, n.pausedAt, now);
    if (n.pausedAt && n.steps?.length) n.steps = resumeSteps(n.steps, n.pausedAt, now, calendar);
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

/** Who answers for an applicant's identity after the submission, as the log line names it. */
export const POPULATION_DATABASE_ACTOR = 'system:population-database';

/** The IDENTITY_CHECKED log line's note for an answer. */
export function identityCheckNote(answer: 'VERIFIED' | 'MISMATCH'): string {
  return answer === 'VERIFIED' ? 'Đã xác thực với CSDL quốc gia về dân cư' : 'Thông tin không khớp CSDL quốc gia về dân cư';
}
