import { ROLES, type Role } from '../domain/dossier-machine';

export { ROLES, type Role };

/** Roles of the agencies' staff (everyone who works inside an agency). */
export const STAFF_ROLES: readonly Role[] = ['RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'CLERK', 'SECTOR_SYSTEM'];

export const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);
