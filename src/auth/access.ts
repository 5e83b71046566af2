import DataLoader from 'dataloader';
import type { Viewer } from './viewer';
import type { Db } from '../db/sql';
import { forbidden } from '../domain/errors';
import { dossierIdsInScope } from '../stores/dossier.store';

/**
 * Who may see what, in one place. Each rule is written once as a *scope* (plain data about the
 * viewer); the same scope answers for one loaded row (`inDossierScope`), for a set of ids in one
 * batched query (`dossierAccess`, through the dossier store), and as the WHERE condition of a
 * list (the dossier store turns the scope into SQL). Commands and queries call these; resolvers
 * do not decide access themselves.
 */

/** The dossiers a viewer may read: their agencies' (staff) and their own (a citizen). */
export interface DossierScope {
  /** Agencies whose dossiers the viewer reads as staff. */
  agencyCodes: readonly string[];
  /** The citizen's identity number: dossiers they are the applicant of. */
  applicantIdentityNumber: string | null;
}

/** The rule: staff read the dossiers of the agencies in their token; a citizen reads their own. */
export function dossierScope(viewer: Viewer): DossierScope {
  return {
    agencyCodes: viewer.isStaff() ? [...viewer.agencyCodes] : [],
    applicantIdentityNumber: viewer.hasRole('CITIZEN') ? viewer.identityNumber : null,
  };
}

/** Whether the scope can contain any dossier at all. */
export const scopeIsEmpty = (s: DossierScope): boolean => s.agencyCodes.length === 0 && !s.applicantIdentityNumber;

/** The scope's rule for one dossier already loaded. */
export function inDossierScope(s: DossierScope, d: { agencyCode: string; applicantIdentityNumber: string }): boolean {
  return s.agencyCodes.includes(d.agencyCode) || (s.applicantIdentityNumber !== null && s.applicantIdentityNumber === d.applicantIdentityNumber);
}

/** May this viewer read this dossier? (the rule of `dossier(code)`, `node(id)`, payments, evaluations) */
export function mayReadDossier(viewer: Viewer, d: { agencyCode: string; applicantIdentityNumber: string }): boolean {
  return viewer.authenticated && inDossierScope(dossierScope(viewer), d);
}

/**
 * Of these dossier ids, those the viewer may read: one query for the whole set, built from the
 * same scope as the `dossiers` list's WHERE (src/stores/dossier.store.ts scopeCondition).
 */
export async function dossierAccess(db: Db, viewer: Viewer, ids: readonly string[]): Promise<Set<string>> {
  if (!viewer.authenticated || ids.length === 0) return new Set();
  const scope = dossierScope(viewer);
  if (scopeIsEmpty(scope)) return new Set();
  return new Set(await dossierIdsInScope(db, scope, [...new Set(ids)]));
}

/** dossierAccess batched per request: `load(id)` → may the viewer read it. */
export function dossierAccessLoader(db: Db, viewer: Viewer): DataLoader<string, boolean> {
  return new DataLoader<string, boolean>(async (ids) => {
    const allowed = await dossierAccess(db, viewer, ids);
    return ids.map((id) => allowed.has(id));
  });
}

/**
 * The scope of the `dossiers` list: UNAUTHENTICATED without a token, FORBIDDEN for a viewer who
 * can read no dossier at all (neither staff of an agency nor a citizen).
 */
export function dossierListScope(viewer: Viewer): DossierScope {
  viewer.requireAuthenticated();
  const scope = dossierScope(viewer);
  if (scopeIsEmpty(scope)) throw forbidden('Only applicants and agency staff can list dossiers');
  return scope;
}

/**
 * `dossier(code)`'s rule for a dossier that exists: UNAUTHENTICATED without a token, FORBIDDEN
 * (never the data) when it is someone else's.
 */
export function requireReadDossier(viewer: Viewer, d: { agencyCode: string; applicantIdentityNumber: string }): void {
  viewer.requireAuthenticated();
  if (!mayReadDossier(viewer, d)) throw forbidden('This dossier belongs to someone else');
}
