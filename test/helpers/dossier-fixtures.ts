import { demoCitizens } from '../../src/seed/demo-citizens';
import { demoProcedures, type DemoProcedure } from '../../src/seed/demo-data';
import type { TestHub } from './test-hub';
import { demoSubmission } from '../../src/seed/demo-submission';
import { isCitizenToken, withUploads } from './uploads';

export const KHAI_SINH = demoProcedures.find((p) => p.name === 'Đăng ký khai sinh')!;
/** A procedure with fees that citizens may submit online. */
export const WITH_FEES = demoProcedures.find((p) => p.fees.some((f) => f.amount > 0) && p.channels.includes('ONLINE'))!;

export const citizen = (i = 0) => demoCitizens[i];

export function submitInput(p: DemoProcedure, opts: { agencyCode?: string; idn?: string; key?: string; channel?: 'ONLINE' | 'COUNTER' } = {}) {
  const c = demoCitizens.find((x) => x.identityNumber === opts.idn) ?? demoCitizens[0];
  return demoSubmission(p, opts.agencyCode ?? p.agencyCodes[0], c, { key: opts.key, channel: opts.channel, identityNumber: opts.idn });
}

export const DOSSIER_FIELDS = `id code status version channel submittedAt receivedAt dueAt completedAt deliveredAt overdue supplementRequests
  outstandingFees procedure { code } agency { code } applicant { fullName identityNumber verification }
  fees { amount } result { documentNumber } history { action fromStatus toStatus actor actorRole note }`;

export const SUBMIT = `mutation($input: SubmitDossierInput!) { submitDossier(input: $input) { dossier { ${DOSSIER_FIELDS} } } }`;
export const TRANSITION = `mutation($input: TransitionDossierInput!) { transitionDossier(input: $input) { dossier { ${DOSSIER_FIELDS} } } }`;

/** Tokens for the staff of one agency and the citizen who owns the dossiers. */
export async function actors(t: TestHub, agencyCode: string, idn = citizen().identityNumber) {
  const staff = (role: string) => t.token({ sub: `${role.toLowerCase()}@${agencyCode}`, roles: [role as never], agencies: [agencyCode] });
  return {
    citizen: await t.token({ sub: `citizen-${idn}`, roles: ['CITIZEN'], idn }),
    reception: await staff('RECEPTION_OFFICER'),
    specialist: await staff('SPECIALIST'),
    leader: await staff('LEADER'),
    clerk: await staff('CLERK'),
  };
}

/**
 * submitDossier through the API as sent (errors returned, not thrown). A citizen's fixture
 * papers (urls) become the citizen's own upload first, as a portal sends them; anything else
 * (staff, or components already naming files) goes as it is.
 */
export async function submitAs(t: TestHub, variables: { input: ReturnType<typeof submitInput> | Record<string, any> }, token?: string) {
  const input = variables.input as ReturnType<typeof submitInput>;
  const papersAreUrls = Array.isArray(input.components) && input.components.some((c: { url?: string }) => c.url);
  return t.gql(SUBMIT, { input: isCitizenToken(token) && papersAreUrls ? await withUploads(t, token!, input) : input }, token);
}

/** submitDossier through the API; the test fails on any error. */
export async function submitOk(t: TestHub, token: string, input: ReturnType<typeof submitInput> = submitInput(KHAI_SINH)) {
  const r = await submitAs(t, { input }, token);
  expect(r.errors).toBeUndefined();
  return r.data.submitDossier.dossier;
}

/** transitionDossier through the API; the test fails on any error. */
export async function actOk(t: TestHub, token: string, input: Record<string, unknown>) {
  const r = await t.gql(TRANSITION, { input }, token);
  expect(r.errors).toBeUndefined();
  return r.data.transitionDossier.dossier;
}

