import { randomUUID } from 'node:crypto';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { citizen, submitInput, submitOk, WITH_FEES } from '../helpers/dossier-fixtures';
import { uploadPdf, sha256Of, minimalPdf } from '../helpers/uploads';
import { demoAgencies } from '../../src/seed/demo-data';
import { toGlobalId } from '../../src/schema/global-id';

/**
 * Issue 16: the role × operation matrix. Every root field of Query, Mutation and Subscription is
 * called by every kind of caller; the outcome (ok, or the error code) must be the one in the
 * table below, and a refused call (UNAUTHENTICATED / FORBIDDEN) must leave every table of the
 * database as it was (only its audit row is written).
 */
let t: TestHub;
const AGENCY = WITH_FEES.agencyCodes[0]!;
const OTHER = demoAgencies.find((a) => a.code !== AGENCY && a.level === 'PROVINCE')!.code;
const OWN = citizen(0).identityNumber;

const ACTORS = ['anonymous', 'citizenOwn', 'citizenOther', 'staffOwn', 'staffOther', 'staffDeactivated', 'saOwn', 'saOther', 'saNotGranted', 'admin', 'observer'] as const;
type Actor = (typeof ACTORS)[number];
const tokens = {} as Record<Actor, string | undefined>;
let admin: string;
let n = 0;

async function serviceToken(agencyCode: string, actions: string[]): Promise<string> {
  const r = await t.gql(`mutation($i: CreateServiceAccountInput!) { createServiceAccount(input: $i) { clientSecret serviceAccount { clientId } } }`, { i: { name: `matrix ${agencyCode} ${actions.join(',')}`, agencyCode, actions } }, admin);
  const { clientSecret, serviceAccount } = r.data.createServiceAccount;
  const res = await fetch(`${t.hub.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'client_credentials', client_id: serviceAccount.clientId, client_secret: clientSecret }) });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A digest of every row of every table but the audit trail's. */
async function fingerprint(): Promise<Record<string, string>> {
  const conn = t.orm.em.fork().getConnection();
  const tables = (await conn.execute(`select tablename from pg_tables where schemaname = 'public' and tablename <> 'audit_event' order by 1`)).map((r: any) => r.tablename as string);
  const out: Record<string, string> = {};
  for (const name of tables) out[name] = (await conn.execute(`select count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as d from "${name}" x`))[0].d;
  return out;
}

beforeAll(async () => {
  t = await startTestHub();
  admin = await t.token({ sub: 'matrix-admin', roles: ['ADMIN'] });
  tokens.anonymous = undefined;
  tokens.citizenOwn = await t.token({ sub: 'matrix-citizen-own', roles: ['CITIZEN'], idn: OWN });
  tokens.citizenOther = await t.token({ sub: 'matrix-citizen-other', roles: ['CITIZEN'], idn: citizen(1).identityNumber });
  tokens.staffOwn = await t.token({ sub: 'matrix-staff-own', roles: ['RECEPTION_OFFICER'], agencies: [AGENCY] });
  tokens.staffOther = await t.token({ sub: 'matrix-staff-other', roles: ['RECEPTION_OFFICER'], agencies: [OTHER] });
  tokens.staffDeactivated = await t.token({ sub: 'matrix-staff-gone', roles: ['RECEPTION_OFFICER'], agencies: [AGENCY] });
  await t.gql(`mutation { deactivateStaffMember(subject: "matrix-staff-gone") { active } }`, {}, admin);
  tokens.saOwn = await serviceToken(AGENCY, ['RECEIVE', 'REJECT', 'REQUEST_SUPPLEMENT', 'REQUEST_PAYMENT']);
  tokens.saOther = await serviceToken(OTHER, ['RECEIVE', 'REJECT', 'REQUEST_SUPPLEMENT', 'REQUEST_PAYMENT']);
  tokens.saNotGranted = await serviceToken(AGENCY, ['EXTEND']);
  tokens.admin = admin;
  tokens.observer = await t.token({ sub: 'matrix-observer', roles: ['OBSERVER'] });
  // Dummies for ADMIN's directory and account mutations.
  await t.token({ sub: 'matrix-dummy', roles: ['CLERK'], agencies: [AGENCY] });
});
afterAll(async () => {
  await t?.stop();
});

interface Op {
  query: string;
  /** Fresh variables for one call (a fresh dossier for each mutation that changes one). */
  vars?: () => Promise<Record<string, unknown>>;
}
const dossier = async () => submitOk(t, tokens.citizenOwn!, submitInput(WITH_FEES, { agencyCode: AGENCY, idn: OWN }));
const feedback = async () =>
  (await t.gql(`mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { feedback { code } } }`, { i: { title: 'Hỏi thủ tục', content: 'Xin hỏi về thủ tục', agencyCode: AGENCY, contact: { fullName: 'Nguyễn Văn A', phone: '0912345678' } } })).data.submitFeedback.feedback;
let shared: { code: string; id: string; feedback: string; fileId: string } | null = null;
const sharedFixtures = async () => {
  if (!shared) {
    const d = await dossier();
    shared = { code: d.code, id: d.id, feedback: (await feedback()).code, fileId: await uploadPdf(t, tokens.citizenOwn!) };
  }
  return shared;
};
const pdf = minimalPdf('matrix');

const OPS: Record<string, Op> = {
  'Query.agencies': { query: `{ agencies { code } }` },
  'Query.procedure': { query: `query($c: String!) { procedure(code: $c) { code } }`, vars: async () => ({ c: WITH_FEES.code }) },
  'Query.procedures': { query: `{ procedures(first: 1) { totalCount } }` },
  'Query.trackDossier': { query: `query($c: String!) { trackDossier(code: $c) { status } }`, vars: async () => ({ c: (await sharedFixtures()).code }) },
  'Query.estimateDueDate': { query: `query($c: String!) { estimateDueDate(procedureCode: $c) }`, vars: async () => ({ c: WITH_FEES.code }) },
  'Query.me': { query: `{ me { subject } }` },
  'Query.dossier': { query: `query($c: String!) { dossier(code: $c) { applicant { fullName } } }`, vars: async () => ({ c: (await sharedFixtures()).code }) },
  'Query.dossiers': { query: `{ dossiers(first: 5) { edges { node { applicant { fullName } } } } }` },
  'Query.node': { query: `query($id: ID!) { node(id: $id) { ... on Dossier { applicant { fullName } } } }`, vars: async () => ({ id: (await sharedFixtures()).id }) },
  'Query.feedback': { query: `query($c: String!) { feedback(code: $c) { title } }`, vars: async () => ({ c: (await sharedFixtures()).feedback }) },
  'Query.feedbacks': { query: `{ feedbacks(first: 5) { totalCount } }` },
  'Query.myDocuments': { query: `{ myDocuments { totalCount } }` },
  'Query.outboxStatus': { query: `{ outboxStatus { pending } }` },
  'Query.scorecard': { query: `query($a: String) { scorecard(agencyCode: $a, from: "2026-01-01", to: "2026-12-31") { totalScore } }`, vars: async () => ({ a: AGENCY }) },
  'Query.auditEvents': { query: `{ auditEvents(first: 1) { operation } }` },
  'Query.staffMembers': { query: `{ staffMembers(first: 1) { subject } }` },
  'Query.serviceAccounts': { query: `{ serviceAccounts(first: 1) { clientId } }` },
  'Mutation.submitDossier': { query: `mutation($i: SubmitDossierInput!) { submitDossier(input: $i) { dossier { code } } }`, vars: async () => ({ i: submitInput(WITH_FEES, { agencyCode: AGENCY, idn: OWN, channel: 'COUNTER' }) }) },
  'Mutation.transitionDossier': { query: `mutation($i: TransitionDossierInput!) { transitionDossier(input: $i) { dossier { status } } }`, vars: async () => ({ i: { code: (await dossier()).code, action: 'RECEIVE' } }) },
  'Mutation.initiatePayment': { query: `mutation($i: InitiatePaymentInput!) { initiatePayment(input: $i) { payment { status } } }`, vars: async () => ({ i: { dossierCode: (await dossier()).code } }) },
  'Mutation.recordCounterPayment': { query: `mutation($i: RecordCounterPaymentInput!) { recordCounterPayment(input: $i) { payment { status } } }`, vars: async () => ({ i: { dossierCode: (await dossier()).code, amount: 1000 } }) },
  'Mutation.evaluateDossier': { query: `mutation($i: EvaluateDossierInput!) { evaluateDossier(input: $i) { evaluation { id } } }`, vars: async () => ({ i: { dossierCode: (await dossier()).code, scores: [] } }) },
  'Mutation.issueProcessControlLetter': { query: `mutation($c: String!) { issueProcessControlLetter(code: $c) { number } }`, vars: async () => ({ c: (await dossier()).code }) },
  'Mutation.createUpload': { query: `mutation($i: CreateUploadInput!) { createUpload(input: $i) { fileId } }`, vars: async () => ({ i: { fileName: 'a.pdf', mimeType: 'application/pdf', sizeBytes: pdf.length, sha256: sha256Of(pdf) } }) },
  'Mutation.saveCitizenDocument': { query: `mutation($i: SaveCitizenDocumentInput!) { saveCitizenDocument(input: $i) { id } }`, vars: async () => ({ i: { fileId: await uploadPdf(t, tokens.citizenOwn!), title: `Giấy tờ ${++n}` } }) },
  'Mutation.submitFeedback': { query: `mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { feedback { code } } }`, vars: async () => ({ i: { title: 'Hỏi', content: 'Xin hỏi', agencyCode: AGENCY, contact: { fullName: 'Nguyễn Văn B', phone: '0912345679' } } }) },
  'Mutation.transitionFeedback': { query: `mutation($i: TransitionFeedbackInput!) { transitionFeedback(input: $i) { feedback { status } } }`, vars: async () => ({ i: { code: (await feedback()).code, action: 'START' } }) },
  'Mutation.upsertProcedure': { query: `mutation($i: ProcedureInput!) { upsertProcedure(input: $i) { procedure { code } } }`, vars: async () => ({ i: procedureInput() }) },
  'Mutation.syncCatalogue': { query: `mutation { syncCatalogue { created } }` },
  'Mutation.requeueDeadLetters': { query: `mutation { requeueDeadLetters }` },
  'Mutation.createStaffMember': { query: `mutation($i: CreateStaffMemberInput!) { createStaffMember(input: $i) { subject } }`, vars: async () => ({ i: { subject: `matrix-new-${++n}`, fullName: 'Mới', roles: ['CLERK'], agencyCodes: [AGENCY] } }) },
  'Mutation.changeStaffMember': { query: `mutation($i: ChangeStaffMemberInput!) { changeStaffMember(input: $i) { version } }`, vars: async () => ({ i: { subject: 'matrix-dummy', fullName: `Đổi ${++n}` } }) },
  'Mutation.deactivateStaffMember': { query: `mutation { deactivateStaffMember(subject: "matrix-dummy") { active } }` },
  'Mutation.reactivateStaffMember': { query: `mutation { reactivateStaffMember(subject: "matrix-dummy") { active } }` },
  'Mutation.createServiceAccount': { query: `mutation($i: CreateServiceAccountInput!) { createServiceAccount(input: $i) { clientSecret } }`, vars: async () => ({ i: { name: 'Hệ thống thử', agencyCode: AGENCY, actions: ['RECEIVE'] } }) },
  'Mutation.rotateServiceAccountSecret': { query: `mutation($c: String!) { rotateServiceAccountSecret(clientId: $c) { clientSecret } }`, vars: async () => ({ c: await dummyAccount() }) },
  'Mutation.deactivateServiceAccount': { query: `mutation($c: String!) { deactivateServiceAccount(clientId: $c) { active } }`, vars: async () => ({ c: await dummyAccount() }) },
  'Query.webhooks': { query: `{ webhooks { id } }`, vars: async () => (await dummyWebhook(), {}) },
  'Query.processingStatistics': { query: `query($a: String) { processingStatistics(agencyCode: $a, from: "2026-01-01", to: "2026-12-31") { key } }`, vars: async () => ({ a: AGENCY }) },
  'Query.reports': { query: `query($a: String) { reports(agencyCode: $a) { id } }`, vars: async () => (await agencyReport(), { a: AGENCY }) },
  'Mutation.generateReport': { query: `mutation($a: String) { generateReport(period: MONTH, from: "2026-10-15", agencyCode: $a) { id } }`, vars: async () => ({ a: AGENCY }) },
  'Mutation.createWebhook': { query: `mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { secret } }`, vars: async () => ({ i: { url: 'https://93.184.216.34/dvc-hook', events: ['DOSSIER_SUBMITTED'] } }) },
  'Mutation.deleteWebhook': { query: `mutation($id: ID!) { deleteWebhook(id: $id) }`, vars: async () => ({ id: await dummyWebhook() }) },
  'Mutation.redeliverWebhook': { query: `mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id } }`, vars: async () => ({ id: randomUUID() }) },
};
const SUBSCRIPTIONS: Record<string, Op> = {
  'Subscription.dossierStatusChanged': { query: `subscription($a: String) { dossierStatusChanged(agencyCode: $a) { code } }`, vars: async () => ({ a: AGENCY }) },
  'Subscription.paymentStatusChanged': { query: `subscription($c: String!) { paymentStatusChanged(dossierCode: $c) { status } }`, vars: async () => ({ c: (await sharedFixtures()).code }) },
  'Subscription.processingStatisticsUpdated': { query: `subscription($a: String) { processingStatisticsUpdated(agencyCode: $a) { key } }`, vars: async () => ({ a: AGENCY }) },
  'Subscription.scorecardUpdated': { query: `subscription($a: String) { scorecardUpdated(agencyCode: $a) { totalScore } }`, vars: async () => ({ a: AGENCY }) },
};
let reportMade = false;
async function agencyReport(): Promise<void> {
  if (reportMade) return;
  const r = await t.gql(`mutation($a: String) { generateReport(period: MONTH, from: "2026-10-15", agencyCode: $a) { id } }`, { a: AGENCY }, admin);
  expect(r.errors).toBeUndefined();
  reportMade = true;
}
async function dummyWebhook(): Promise<string> {
  const r = await t.gql(`mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { webhook { id } } }`, { i: { url: 'https://93.184.216.34/dvc-dummy', events: ['DOSSIER_SUBMITTED'] } }, admin);
  return r.data.createWebhook.webhook.id;
}
async function dummyAccount(): Promise<string> {
  const r = await t.gql(`mutation($i: CreateServiceAccountInput!) { createServiceAccount(input: $i) { serviceAccount { clientId } } }`, { i: { name: 'dummy', agencyCode: AGENCY, actions: ['RECEIVE'] } }, admin);
  return r.data.createServiceAccount.serviceAccount.clientId;
}
function procedureInput() {
  return {
    code: '9.999777.000.00.00.H22', name: 'Thủ tục ma trận', sectorCode: 'TEST', sectorName: 'Lĩnh vực thử', level: 'PROVINCE', serviceLevel: 'PARTIAL_ONLINE',
    agencyCodes: [AGENCY], steps: ['Nộp'], channels: ['COUNTER', 'ONLINE'], components: [{ code: 'TK', name: 'Tờ khai', required: true, copies: 1 }],
    processingWorkingDays: 3, targetSubjects: ['Công dân'], resultDescription: 'Giấy', fees: [], legalBases: [], publishedAt: '2026-02-01',
  };
}

const short = (code: string | undefined) => (code === undefined ? 'ok' : ({ UNAUTHENTICATED: 'U', FORBIDDEN: 'F', BAD_USER_INPUT: 'B', CONFLICT: 'C', NOT_FOUND: 'N' } as Record<string, string>)[code] ?? code);
/** `ok`, `null` (answered with no data: nothing visible), or the error code's letter. */
async function call(op: Op, token: string | undefined): Promise<{ outcome: string; refused: boolean; changed: string[] }> {
  const vars = op.vars ? await op.vars() : {};
  const before = await fingerprint();
  const r = await t.gql(op.query, vars, token);
  const code = r.errors?.[0]?.extensions?.code as string | undefined;
  const refused = code === 'UNAUTHENTICATED' || code === 'FORBIDDEN';
  let changed: string[] = [];
  if (refused) {
    const after = await fingerprint();
    changed = Object.keys(after).filter((k) => after[k] !== before[k]);
  }
  const data = r.data ? Object.values(r.data)[0] : undefined;
  const outcome = code ? short(code) : data === null || (Array.isArray(data) && data.length === 0) ? 'none' : 'ok';
  return { outcome, refused, changed };
}

/**
 * The table: one letter per actor in ACTORS order —
 * anonymous, citizen own, citizen other, staff own agency, staff other agency, staff deactivated,
 * service account own agency, service account other agency, service account action not granted,
 * ADMIN, OBSERVER. ok · none (answered, nothing visible) · U · F · B (bad input) · C · N.
 */
// Read from a run and reviewed: each row follows the access rules of src/auth/access.ts, the
// machines' role tables and the directory. Notes: ADMIN and OBSERVER read every dossier (issue
// 15: province drill-down), read-only (no transition, payment or letter); payments, letters and feedback are not dossier actions, so
// a service account's action allow-list does not limit them (its role and agency do);
// evaluateDossier answers B with no scores for everyone signed in (input is checked first).
const EXPECTED: Record<string, string> = {
  'Query.agencies': 'ok ok ok ok ok ok ok ok ok ok ok',
  'Query.procedure': 'ok ok ok ok ok ok ok ok ok ok ok',
  'Query.procedures': 'ok ok ok ok ok ok ok ok ok ok ok',
  'Query.trackDossier': 'ok ok ok ok ok ok ok ok ok ok ok',
  'Query.estimateDueDate': 'ok ok ok ok ok ok ok ok ok ok ok',
  'Query.me': 'none ok ok ok ok U ok ok ok ok ok',
  'Query.dossier': 'U ok F ok F U ok F ok ok ok',
  'Query.dossiers': 'U ok ok ok ok U ok ok ok ok ok',
  'Query.node': 'none ok none ok none none ok none ok ok ok',
  'Query.feedback': 'F F F ok F U ok F ok ok ok',
  'Query.feedbacks': 'ok ok ok ok ok U ok ok ok ok ok',
  'Query.myDocuments': 'U ok ok F F U F F F F F',
  'Query.outboxStatus': 'U F F F F U F F F ok ok',
  'Query.scorecard': 'U F F ok ok U ok ok ok ok ok',
  'Query.auditEvents': 'U F F F F U F F F ok F',
  'Query.staffMembers': 'U F F F F U F F F ok F',
  'Query.serviceAccounts': 'U F F F F U F F F ok F',
  'Mutation.submitDossier': 'U B F ok F U ok F ok F F',
  'Mutation.transitionDossier': 'U F F ok F U ok F F F F',
  'Mutation.initiatePayment': 'U ok F ok F U ok F ok F F',
  'Mutation.recordCounterPayment': 'U F F ok F U ok F ok F F',
  'Mutation.evaluateDossier': 'U B B B B U B B B B B',
  'Mutation.issueProcessControlLetter': 'U F F ok F U ok F ok F F',
  'Mutation.createUpload': 'U ok ok ok ok U ok ok ok ok ok',
  'Mutation.saveCitizenDocument': 'U ok B F F U F F F F F',
  'Mutation.submitFeedback': 'ok ok ok ok ok U ok ok ok ok ok',
  'Mutation.transitionFeedback': 'U F F F F U ok F ok F F',
  'Mutation.upsertProcedure': 'U F F F F U F F F ok F',
  'Mutation.syncCatalogue': 'U F F F F U F F F ok F',
  'Mutation.requeueDeadLetters': 'U F F F F U F F F ok F',
  'Mutation.createStaffMember': 'U F F F F U F F F ok F',
  'Mutation.changeStaffMember': 'U F F F F U F F F ok F',
  'Mutation.deactivateStaffMember': 'U F F F F U F F F ok F',
  'Mutation.reactivateStaffMember': 'U F F F F U F F F ok F',
  'Mutation.createServiceAccount': 'U F F F F U F F F ok F',
  'Query.webhooks': 'U F F F F U F F F ok F',
  'Query.processingStatistics': 'U F F ok F U ok F ok ok ok',
  'Query.reports': 'U F F ok F U ok F ok ok ok',
  'Mutation.generateReport': 'U F F ok F U F F F ok F',
  'Subscription.processingStatisticsUpdated': 'U F F ok F U ok F ok ok ok',
  'Mutation.createWebhook': 'U F F F F U F F F ok F',
  'Mutation.deleteWebhook': 'U F F F F U F F F ok F',
  'Mutation.redeliverWebhook': 'U F F F F U F F F N F',
  'Mutation.rotateServiceAccountSecret': 'U F F F F U F F F ok F',
  'Mutation.deactivateServiceAccount': 'U F F F F U F F F ok F',
  'Subscription.dossierStatusChanged': 'U F F ok F U ok F ok ok ok',
  'Subscription.paymentStatusChanged': 'U ok F ok F U ok F ok ok ok',
  'Subscription.scorecardUpdated': 'U F F ok ok U ok ok ok ok ok',
};

describe('role × operation matrix', () => {
  const seen: Record<string, string[]> = {};
  it.each(Object.keys(OPS))('%s', async (name) => {
    const outcomes: string[] = [];
    for (const actor of ACTORS) {
      const { outcome, refused, changed } = await call(OPS[name]!, tokens[actor]);
      outcomes.push(outcome);
      // A refused call changed no row.
      if (refused) expect({ name, actor, changed }).toEqual({ name, actor, changed: [] });
    }
    seen[name] = outcomes;
    if (process.env.PRINT_MATRIX) console.log(`  '${name}': '${outcomes.join(' ')}',`);
    if (EXPECTED[name]) expect(outcomes.join(' ')).toBe(EXPECTED[name]);
  });

  it.each(Object.keys(SUBSCRIPTIONS))('%s', async (name) => {
    const outcomes: string[] = [];
    for (const actor of ACTORS) {
      const op = SUBSCRIPTIONS[name]!;
      const sub = await t.subscribe(op.query, op.vars ? await op.vars() : {}, tokens[actor]);
      const e = await sub.error(300).then((errs: any) => errs, () => null);
      await sub.close();
      const code = Array.isArray(e) ? e[0]?.extensions?.code : undefined;
      outcomes.push(e ? short(code) : 'ok');
    }
    if (process.env.PRINT_MATRIX) console.log(`  '${name}': '${outcomes.join(' ')}',`);
    if (EXPECTED[name]) expect(outcomes.join(' ')).toBe(EXPECTED[name]);
  });

  it('every root field of the live schema is in the matrix', () => {
    const roots = ['Query', 'Mutation', 'Subscription'].flatMap((type) => {
      const ty = t.hub.schema.getType(type) as import('graphql').GraphQLObjectType | undefined;
      return ty ? Object.keys(ty.getFields()).map((f) => `${type}.${f}`) : [];
    });
    expect(roots.filter((r) => !OPS[r] && !SUBSCRIPTIONS[r])).toEqual([]);
  });
});
void toGlobalId;
