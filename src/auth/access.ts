import type { Viewer } from './viewer';

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
