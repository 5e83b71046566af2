export const ROLES = [
  'CITIZEN',
  'RECEPTION_OFFICER',
  'SPECIALIST',
  'LEADER',
  'CLERK',
  'SECTOR_SYSTEM',
  'ADMIN',
  'OBSERVER',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles of the agencies' staff (everyone who works inside an agency). */
export const STAFF_ROLES: readonly Role[] = ['RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'CLERK', 'SECTOR_SYSTEM'];

export const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);
