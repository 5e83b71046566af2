/** Who acts in the hub (the contract's Role enum). */
export const ROLES = ['CITIZEN', 'RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'CLERK', 'SECTOR_SYSTEM', 'ADMIN', 'OBSERVER'] as const;
export type Role = (typeof ROLES)[number];

/** The agencies' staff: everyone who works inside an agency, and acts only on its dossiers and feedback. The one list. */
export const STAFF_ROLES: readonly Role[] = ['RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'CLERK', 'SECTOR_SYSTEM'];
/** The province: read everything, act on no dossier. */
export const PROVINCE_ROLES: readonly Role[] = ['ADMIN', 'OBSERVER'];

export const isStaffRole = (r: Role): boolean => STAFF_ROLES.includes(r);
export const isProvinceRole = (r: Role): boolean => PROVINCE_ROLES.includes(r);
export const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);
