import type { EntityManager } from '@mikro-orm/postgresql';
import { Db } from '../db/sql';
import { conflict } from '../errors';
import type { Viewer } from '../auth/viewer';
import type { WorkingCalendar } from '../domain/working-calendar';
import { decideTransition, type DossierAction } from '../domain/dossier-machine';
import { changeDossier, OPTIMISTIC_ATTEMPTS, snapshotOf, type ChangeInput, type DecideChange, type TransitionResult } from './change-dossier';

export type { TransitionResult } from './change-dossier';

export interface TransitionDossierData {
  code: string;
  action: DossierAction;
  note?: string | null;
  expectedVersion?: number | null;
  apologyLetter?: string | null;
  newDueAt?: Date | null;
  result?: ChangeInput['result'];
  postalTrackingNumber?: string | null;
}

/**
 * transitionDossier: reads the dossier, lets the state machine decide (authorization first, so
 * FORBIDDEN reveals nothing; then the expected version), and writes the change with its log
 * line in one statement guarded by the version read. No row lock is held between round trips;
 * a concurrent change makes the write miss, and the transition is decided again on fresh data.
 * After a few misses (many changes of one dossier at once) it takes the row lock instead, so
 * nobody starves.
 */
export async function transitionDossier(
  em: EntityManager,
  viewer: Viewer,
  data: TransitionDossierData,
  calendar: WorkingCalendar,
  now: Date,
): Promise<TransitionResult> {
  const v = viewer.requireAuthenticated();
  const actor = { subject: v.subject, roles: [...v.roles], agencyCodes: [...v.agencyCodes], identityNumber: v.identityNumber };
  const decide: DecideChange = (d, agencyCode) => {
    const outcome = decideTransition(snapshotOf(d, agencyCode), actor, data);
    if (data.expectedVersion != null && data.expectedVersion !== d.version) {
      throw conflict(`The dossier changed meanwhile: version is ${d.version}, not ${data.expectedVersion}`, 'STALE_VERSION');
    }
    return {
      outcome,
      action: data.action,
      actorSubject: v.subject,
      note: data.note,
      input: data,
      logData: {
        apologyLetter: data.apologyLetter,
        newDueAt: outcome.newDueAt?.toISOString(),
        documentNumber: data.result?.documentNumber,
        postalTrackingNumber: data.postalTrackingNumber,
      },
    };
  };
  for (let n = 1; n <= OPTIMISTIC_ATTEMPTS; n++) {
    const r = await changeDossier(new Db(em), data.code, decide, calendar, now);
    if (r) return r;
  }
  // Still losing the race (a burst on one dossier): queue on the row lock instead.
  const r = await new Db(em).transaction((db) => changeDossier(db, data.code, decide, calendar, now));
  if (!r) throw conflict('The dossier is changing too often right now; try again', 'BUSY');
  return r;
}

