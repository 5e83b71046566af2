import { isRole, type Role } from './roles';
import { msg, type Bilingual } from './errors';

/**
 * Staff directory rules (issue 16): what a staff token is honoured for, pure.
 *
 * The identity provider says who someone is; the directory (kept by ADMIN in the hub) says what
 * they may do now. A token's roles and agencies can only narrow what the directory grants.
 */

/** Roles the directory grants (citizens are not in the directory: their `idn` claim stands). */
export const DIRECTORY_ROLES: readonly Role[] = ['RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'CLERK', 'SECTOR_SYSTEM', 'ADMIN', 'OBSERVER'];
export const isDirectoryRole = (r: Role): boolean => DIRECTORY_ROLES.includes(r);

export interface DirectoryEntry {
  subject: string;
  fullName: string;
  roles: readonly Role[];
  agencyCodes: readonly string[];
  active: boolean;
}

export interface Grant {
  roles: Role[];
  agencyCodes: string[];
}

/** What a token claims: roles undefined when the token has no roles claim at all. */
export interface Claimed {
  roles: readonly Role[] | undefined;
  agencyCodes: readonly string[] | undefined;
}

/** Does this token need the directory? Any role other than CITIZEN, or no roles claim at all. */
export function needsDirectory(claimed: Claimed): boolean {
  return claimed.roles === undefined || claimed.roles.some(isDirectoryRole);
}

/**
 * effective = claims ∩ directory. A token without a roles claim gets the directory's roles; a
 * token without an agencies claim gets the directory's agencies. CITIZEN (not granted by the
 * directory) stays when claimed. Null: refused (a staff role claimed by someone the directory
 * does not know, or knows as deactivated).
 */
export function effectiveGrant(claimed: Claimed, entry: DirectoryEntry | null): Grant | null {
  const citizen = claimed.roles?.includes('CITIZEN') ? (['CITIZEN'] as Role[]) : [];
  if (!entry) {
    // Not in the directory: only what no directory grants (a citizen's role) is honoured.
    if (claimed.roles === undefined) return { roles: [], agencyCodes: [] };
    return claimed.roles.some(isDirectoryRole) ? null : { roles: citizen, agencyCodes: [] };
  }
  if (!entry.active) return null;
  const roles = claimed.roles === undefined ? [...entry.roles] : entry.roles.filter((r) => claimed.roles!.includes(r));
  const agencyCodes = claimed.agencyCodes === undefined ? [...entry.agencyCodes] : entry.agencyCodes.filter((a) => claimed.agencyCodes!.includes(a));
  return { roles: [...new Set([...citizen, ...roles])], agencyCodes: [...new Set(agencyCodes)] };
}

/** Roles an ADMIN may grant: directory roles only, at least one; an agency for agency staff. */
export function directoryProblems(e: { roles: readonly string[]; agencyCodes: readonly string[]; subject?: string; fullName?: string }): { field: string; message: Bilingual }[] {
  const out: { field: string; message: Bilingual }[] = [];
  if (e.subject !== undefined && !/^[\w.@:|+-]{1,200}$/.test(e.subject)) out.push({ field: 'subject', message: msg('Định danh (subject) không hợp lệ', 'subject is not valid') });
  if (e.fullName !== undefined && e.fullName.trim().length === 0) out.push({ field: 'fullName', message: msg('Cần họ và tên', 'fullName is required') });
  if (e.roles.length === 0) out.push({ field: 'roles', message: msg('Cần ít nhất một vai trò', 'at least one role is needed') });
  const bad = e.roles.filter((r) => !isRole(r) || !isDirectoryRole(r));
  if (bad.length) out.push({ field: 'roles', message: msg(`Vai trò không cấp được trong danh bạ cán bộ: ${bad.join(', ')}`, `roles not granted by the directory: ${bad.join(', ')}`) });
  const agencyRoles = e.roles.filter((r) => r !== 'ADMIN' && r !== 'OBSERVER');
  if (agencyRoles.length && e.agencyCodes.length === 0) out.push({ field: 'agencyCodes', message: msg('Cán bộ của cơ quan cần ít nhất một mã cơ quan', 'agency staff need at least one agency') });
  return out;
}
