import { startTestHub, type TestHub } from '../helpers/test-hub';
import { signDevToken } from '../../src/auth/tokens';
import { DEV_JWT_SECRET } from '../../src/config';

/**
 * Issue 16, `npm run token` for `npm start` users: in development with the built-in development
 * secret (which production refuses), an unknown staff subject is registered with its token's
 * claims on first use; a member ADMIN deactivated stays refused (registration never reactivates).
 */
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({ env: { NODE_ENV: 'development', AUTH_JWT_SECRET: DEV_JWT_SECRET } });
});
afterAll(async () => {
  await t?.stop();
});

it('registers an unknown staff subject on first use, logs it, and never reactivates a deactivated one', async () => {
  const token = await signDevToken(DEV_JWT_SECRET, { sub: 'officer-dev-x', roles: ['SPECIALIST'], agencies: ['000.00.15.H22'] });
  expect((await t.gql('{ me { subject roles agencyCodes } }', {}, token)).data.me).toEqual({ subject: 'officer-dev-x', roles: ['SPECIALIST'], agencyCodes: ['000.00.15.H22'] });
  const admin = await signDevToken(DEV_JWT_SECRET, { sub: 'dev-admin', roles: ['ADMIN'] }); // seeded demo staff
  const members = await t.gql(`{ staffMembers { subject changes { changedBy } } }`, {}, admin);
  expect(members.data.staffMembers.find((m: any) => m.subject === 'officer-dev-x').changes[0].changedBy).toBe('system:dev-auto-register');
  await t.gql(`mutation { deactivateStaffMember(subject: "officer-dev-x") { active } }`, {}, admin);
  expect((await t.gql('{ dossiers(first: 1) { totalCount } }', {}, token)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  expect((await t.gql('{ dossiers(first: 1) { totalCount } }', {}, token)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
});
