import type { Db } from '../db/sql';
import type { Viewer } from '../auth/viewer';
import { forbidden, msg } from '../errors';
import { listStaffMembers, staffChangesOf, staffMembersBySubject, type StaffChangeRow, type StaffMemberRow } from '../stores/staff.store';
import { listServiceAccounts, serviceAccountsById, type ServiceAccountRow } from '../stores/service-account.store';
import { findAuditEvents, type AuditRow } from '../stores/audit.store';

/** Reads of the staff directory, service accounts and the audit trail (issue 16): ADMIN only, except Dossier.accessLog. */

export function staffMembers(db: Db, viewer: Viewer, filter: { agencyCode?: string | null; active?: boolean | null }, limit: number): Promise<StaffMemberRow[]> {
  viewer.requireRole('ADMIN');
  return listStaffMembers(db, { ...filter, limit });
}

export async function staffChanges(db: Db, viewer: Viewer, subject: string): Promise<StaffChangeRow[]> {
  viewer.requireRole('ADMIN');
  return staffChangesOf(db, [subject]);
}

export function serviceAccounts(db: Db, viewer: Viewer, agencyCode: string | null, limit: number): Promise<ServiceAccountRow[]> {
  viewer.requireRole('ADMIN');
  return listServiceAccounts(db, agencyCode, limit);
}

export function auditEvents(db: Db, viewer: Viewer, f: { dossierCode?: string | null; subject?: string | null; from?: Date | null; to?: Date | null }, limit: number): Promise<AuditRow[]> {
  viewer.requireRole('ADMIN');
  return findAuditEvents(db, { ...f, limit });
}

export interface DossierAccess {
  at: Date;
  reader: string;
  roles: string[];
  operation: string;
}

/**
 * Who else read this dossier's personal data (Dossier.accessLog): for its applicant (and ADMIN).
 * Staff are named as the directory names them, systems by their account's name.
 */
export async function dossierAccessLog(db: Db, viewer: Viewer, d: { id: string; code: string; applicantIdentityNumber: string }, limit: number): Promise<DossierAccess[]> {
  viewer.requireAuthenticated();
  const applicant = viewer.hasRole('CITIZEN') && viewer.identityNumber === d.applicantIdentityNumber;
  if (!applicant && !viewer.hasRole('ADMIN')) throw forbidden(msg('Chỉ người nộp hồ sơ xem được ai đã đọc hồ sơ của mình', 'Only the applicant sees who read their dossier'));
  const rows = await findAuditEvents(db, { dossierId: d.id, dossierCode: d.code, kinds: ['READ', 'DOWNLOAD'], notSubject: applicant ? viewer.subject : null, limit });
  const ok = rows.filter((r) => r.outcome === 'OK');
  const staff = new Map((await staffMembersBySubject(db, [...new Set(ok.map((r) => r.subject).filter((s): s is string => !!s))])).map((m) => [m.subject, m.fullName]));
  const systems = new Map((await serviceAccountsById(db, [...new Set(ok.map((r) => r.serviceAccountId).filter((s): s is string => !!s))])).map((a) => [a.id, a.name]));
  return ok.map((r) => ({
    at: r.at,
    reader: (r.serviceAccountId && systems.get(r.serviceAccountId)) || (r.subject && staff.get(r.subject)) || r.subject || '',
    roles: [...r.roles],
    operation: r.operation,
  }));
}
