import type DataLoader from 'dataloader';
import type { Dossier } from '../entities';
import type { Db } from '../db/sql';
import type { Viewer } from '../auth/viewer';
import { dossierListScope, mayReadDossier, requireReadDossier } from '../auth/access';
import {
  countDossiers,
  dossierByCode,
  dossierById,
  dossierIdOfEvaluation,
  dossierIdOfPayment,
  listDossiers,
  trackDossier,
  type DossierListFilter,
  type DossierTracking,
} from '../stores/dossier.store';
import { parseInstantCodeKey, parseWindowKeys, readPageArgs, toPage, type Page, type PageArgs } from './pagination';

/**
 * The dossier read use cases, scoped through src/auth/access.ts: one dossier by code or id, the
 * public tracking look-up, the list, and the dossier behind a payment or an evaluation node.
 */

/** dossiers(filter): the list filter of the dossier store. */
export type DossierFilter = DossierListFilter;

/** dossier(code): null when there is none; FORBIDDEN (never the data) when it is someone else's. */
export async function readableDossier(db: Db, viewer: Viewer, code: string): Promise<Dossier | null> {
  viewer.requireAuthenticated();
  const found = await dossierByCode(db, code);
  if (!found) return null;
  requireReadDossier(viewer, { agencyCode: found.agencyCode, readerAgencyCodes: found.readerAgencyCodes, applicantIdentityNumber: found.dossier.applicantIdentityNumber });
  return found.dossier;
}

/** node(id) for a Dossier: the dossier if the viewer may read it (the rule of dossier(code)); null otherwise. */
export async function readableDossierById(db: Db, viewer: Viewer, id: string): Promise<Dossier | null> {
  if (!viewer.authenticated) return null;
  const found = await dossierById(db, id);
  return found && mayReadDossier(viewer, { agencyCode: found.agencyCode, readerAgencyCodes: found.readerAgencyCodes, applicantIdentityNumber: found.dossier.applicantIdentityNumber })
    ? found.dossier
    : null;
}

/**
 * node(id) for a Payment or an Evaluation: the id of its dossier when the viewer may read that
 * dossier (payments and evaluations are read with their dossier), null otherwise.
 */
export async function readableDossierIdOf(
  db: Db,
  access: DataLoader<string, boolean>,
  kind: 'payment' | 'evaluation',
  id: string,
): Promise<string | null> {
  const dossierId = kind === 'payment' ? await dossierIdOfPayment(db, id) : await dossierIdOfEvaluation(db, id);
  return dossierId && (await access.load(dossierId)) ? dossierId : null;
}

/** trackDossier: anyone who knows the code (no personal data). */
export async function trackDossierByCode(db: Db, code: string): Promise<DossierTracking | null> {
  return (await trackDossier(db, code)) ?? null;
}

const cursorKey = (d: Dossier) => `${d.submittedAt.toISOString()}|${d.code}`;

/**
 * dossiers(filter, first/after or last/before), newest first, scoped to the viewer: a citizen sees their own
 * dossiers, staff those of the agencies in their token, a viewer who is both sees both.
 */
export async function findDossiers(
  db: Db,
  viewer: Viewer,
  filter: DossierFilter | null | undefined,
  args: PageArgs,
  pageMax: number,
  now: Date,
): Promise<Page<Dossier>> {
  const scope = dossierListScope(viewer);
  const w = parseWindowKeys(readPageArgs(args, pageMax), parseInstantCodeKey);
  const rows = w.limit > 0 ? await listDossiers(db, { scope, filter, now, ...w }) : [];
  return toPage(rows, w, cursorKey, () => countDossiers(db, { scope, filter, now }));
}
