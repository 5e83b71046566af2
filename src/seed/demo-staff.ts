import type { Role } from '../domain/roles';

/**
 * The demo province's staff directory (issue 16), seeded with the catalogue. Their subjects are
 * the ones the README's `npm run token` lines and `npm run demo` sign tokens for; a token's
 * roles and agencies claims narrow what is granted here, never widen it.
 */
export interface DemoStaff {
  subject: string;
  fullName: string;
  roles: Role[];
  agencyCodes: string[];
}

/** Sở Tư pháp and phường Minh Khai: the agencies of the README's examples and the demo. */
const DEMO_AGENCIES = ['000.00.15.H22', '000.31.30.H22'];

export const demoStaff: DemoStaff[] = [
  { subject: 'dev-admin', fullName: 'Quản trị hệ thống (demo)', roles: ['ADMIN'], agencyCodes: [] },
  { subject: 'dev-observer', fullName: 'Thanh tra tỉnh (demo)', roles: ['OBSERVER'], agencyCodes: [] },
  { subject: 'officer-1', fullName: 'Nguyễn Thị Tiếp Nhận', roles: ['RECEPTION_OFFICER'], agencyCodes: DEMO_AGENCIES },
  ...(['RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'CLERK'] as const).flatMap((role) => [
    { subject: `dev-${role.toLowerCase()}`, fullName: `Cán bộ ${role} (demo)`, roles: [role] as Role[], agencyCodes: DEMO_AGENCIES },
    { subject: `demo-${role.toLowerCase()}`, fullName: `Cán bộ ${role} (demo)`, roles: [role] as Role[], agencyCodes: DEMO_AGENCIES },
  ]),
];
