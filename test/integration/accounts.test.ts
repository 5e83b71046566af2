import { SignJWT } from 'jose';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestHub, TEST_SECRET, type TestHub } from '../helpers/test-hub';
import { actOk, actors, KHAI_SINH, submitInput, submitOk, TRANSITION } from '../helpers/dossier-fixtures';
import { Db } from '../../src/db/sql';
import { verifyAuditTrail } from '../../src/auth/audit-verify';

/**
 * Issue 16: the staff directory (claims ∩ directory, deactivation on the next request), service
 * accounts (client credentials, agency and actions, rotation), the audit trail (what it records,
 * append-only, the chain), sessions that end.
 */
let t: TestHub;
const AGENCY = KHAI_SINH.agencyCodes[0]!;
const OTHER = KHAI_SINH.agencyCodes[1]!;
const ME = '{ me { subject roles agencyCodes } }';
let admin: string;

beforeAll(async () => {
  t = await startTestHub({ env: { AUTH_SESSION_RECHECK_MS: '300', AUDIT_FLUSH_MS: '20' } });
  admin = await t.token({ sub: 'root-admin', roles: ['ADMIN'] });
});
afterAll(async () => {
  await t?.stop();
});

const sign = (sub: string, claims: Record<string, unknown>, opts: { iat?: number; nbf?: number; exp?: number } = {}) => {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt(opts.iat ?? now).setExpirationTime(opts.exp ?? now + 3600);
  if (opts.nbf !== undefined) jwt.setNotBefore(opts.nbf);
  return jwt.sign(new TextEncoder().encode(TEST_SECRET));
};
const CREATE = `mutation($i: CreateStaffMemberInput!) { createStaffMember(input: $i) { subject fullName roles agencyCodes active version } }`;
const CHANGE = `mutation($i: ChangeStaffMemberInput!) { changeStaffMember(input: $i) { subject roles agencyCodes version } }`;
const DEACTIVATE = `mutation($s: String!) { deactivateStaffMember(subject: $s) { active } }`;
const REACTIVATE = `mutation($s: String!) { reactivateStaffMember(subject: $s) { active } }`;
const audits = async (filter: Record<string, unknown>) => {
  await t.hub.services.audit.drain();
  const r = await t.gql(`query($f: AuditFilterInput) { auditEvents(filter: $f, first: 100) { at subject roles serviceAccount kind operation dossierCode documentId target ip requestId outcome } }`, { f: filter }, admin);
  expect(r.errors).toBeUndefined();
  return r.data.auditEvents as any[];
};

describe('the staff directory', () => {
  it('ADMIN adds a member; their token is honoured only for what the directory grants (claims narrow, never widen)', async () => {
    const created = await t.gql(CREATE, { i: { subject: 'idp|lan', fullName: 'Trần Thị Lan', roles: ['SPECIALIST'], agencyCodes: [AGENCY] } }, admin);
    expect(created.errors).toBeUndefined();
    expect(created.data.createStaffMember).toMatchObject({ subject: 'idp|lan', roles: ['SPECIALIST'], agencyCodes: [AGENCY], active: true, version: 1 });
    // A token claiming more (LEADER, another agency) gets the intersection.
    const wide = await sign('idp|lan', { roles: ['SPECIALIST', 'LEADER', 'ADMIN'], agencies: [AGENCY, OTHER] });
    expect((await t.gql(ME, {}, wide)).data.me).toEqual({ subject: 'idp|lan', roles: ['SPECIALIST'], agencyCodes: [AGENCY] });
    // No roles or agencies claim: the directory's.
    expect((await t.gql(ME, {}, await sign('idp|lan', {}))).data.me).toEqual({ subject: 'idp|lan', roles: ['SPECIALIST'], agencyCodes: [AGENCY] });
    // A narrower claim stays narrow.
    expect((await t.gql(ME, {}, await sign('idp|lan', { roles: ['SPECIALIST'], agencies: [] }))).data.me.agencyCodes).toEqual([]);
  });

  it('a staff token of a subject the directory does not know is refused (UNAUTHENTICATED, in Vietnamese, nothing about why)', async () => {
    const r = await t.gql(ME, {}, await sign('idp|stranger', { roles: ['LEADER'], agencies: [AGENCY] }));
    // me is null for anonymous viewers; a protected field says why.
    expect(r.data?.me ?? null).toBeNull();
    const d = await t.gql(`{ dossiers(first: 1) { totalCount } }`, {}, await sign('idp|stranger', { roles: ['LEADER'], agencies: [AGENCY] }));
    expect(d.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(d.errors?.[0].message).toMatch(/danh bạ cán bộ/);
    // A citizen needs no directory entry.
    const c = await t.gql(ME, {}, await sign('citizen-x', { roles: ['CITIZEN'], idn: '001099000001' }));
    expect(c.data.me.roles).toEqual(['CITIZEN']);
  });

  it('changes take effect on the next request; deactivation refuses the member at once; every change is logged', async () => {
    const token = await sign('idp|lan', { roles: ['SPECIALIST', 'LEADER'] });
    const changed = await t.gql(CHANGE, { i: { subject: 'idp|lan', roles: ['SPECIALIST', 'LEADER'], agencyCodes: [AGENCY, OTHER] } }, admin);
    expect(changed.errors).toBeUndefined();
    expect((await t.gql(ME, {}, token)).data.me).toMatchObject({ roles: ['SPECIALIST', 'LEADER'], agencyCodes: [AGENCY, OTHER] });
    // A stale version is a conflict.
    const stale = await t.gql(CHANGE, { i: { subject: 'idp|lan', roles: ['SPECIALIST'], expectedVersion: 1 } }, admin);
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');

    expect((await t.gql(DEACTIVATE, { s: 'idp|lan' }, admin)).data.deactivateStaffMember.active).toBe(false);
    const refused = await t.gql(`{ dossiers(first: 1) { totalCount } }`, {}, token);
    expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(REACTIVATE, { s: 'idp|lan' }, admin)).data.reactivateStaffMember.active).toBe(true);
    expect((await t.gql(ME, {}, token)).data.me.subject).toBe('idp|lan');

    const log = await t.gql(`{ staffMembers(agencyCode: "${OTHER}") { subject changes { change changedBy before after } } }`, {}, admin);
    const lan = log.data.staffMembers.find((m: any) => m.subject === 'idp|lan');
    expect(lan.changes.map((c: any) => c.change)).toEqual(['CREATED', 'CHANGED', 'DEACTIVATED', 'REACTIVATED']);
    expect(lan.changes.every((c: any) => c.changedBy === 'root-admin')).toBe(true);
    expect(JSON.parse(lan.changes[1].before).roles).toEqual(['SPECIALIST']);
    expect(JSON.parse(lan.changes[1].after).roles).toEqual(['SPECIALIST', 'LEADER']);
  });

  it('only ADMIN manages the directory; bad input is refused', async () => {
    const leader = await t.token({ sub: 'dir-leader', roles: ['LEADER'], agencies: [AGENCY] });
    for (const [q, v] of [[CREATE, { i: { subject: 'x', fullName: 'X', roles: ['ADMIN'], agencyCodes: [] } }], [DEACTIVATE, { s: 'idp|lan' }], [`{ staffMembers { subject } }`, {}]] as const) {
      expect((await t.gql(q, v, leader)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await t.gql(q, v)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect((await t.gql(CREATE, { i: { subject: 'idp|x', fullName: 'X', roles: ['CITIZEN'], agencyCodes: [] } }, admin)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await t.gql(CREATE, { i: { subject: 'idp|x', fullName: 'X', roles: ['CLERK'], agencyCodes: ['NO.SUCH'] } }, admin)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await t.gql(CREATE, { i: { subject: 'idp|lan', fullName: 'X', roles: ['CLERK'], agencyCodes: [AGENCY] } }, admin)).errors?.[0].extensions?.code).toBe('CONFLICT');
  });
});

describe('token times', () => {
  it('iat more than 60 s in the future is refused; nbf within 60 s skew is accepted, beyond it refused', async () => {
    await t.token({ sub: 'times', roles: ['OBSERVER'] });
    const now = Math.floor(Date.now() / 1000);
    expect((await t.gql(ME, {}, await sign('times', { roles: ['OBSERVER'] }, { iat: now + 30 }))).data.me?.subject).toBe('times');
    expect((await t.gql(ME, {}, await sign('times', { roles: ['OBSERVER'] }, { iat: now + 600 }))).data.me).toBeNull();
    expect((await t.gql(ME, {}, await sign('times', { roles: ['OBSERVER'] }, { nbf: now + 30 }))).data.me?.subject).toBe('times');
    expect((await t.gql(ME, {}, await sign('times', { roles: ['OBSERVER'] }, { nbf: now + 600 }))).data.me).toBeNull();
    // exp has no tolerance.
    expect((await t.gql(ME, {}, await sign('times', { roles: ['OBSERVER'] }, { iat: now - 100, exp: now - 5 }))).data.me).toBeNull();
  });
});

async function oauth(body: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.hub.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(body).toString() });
  return { status: res.status, body: (await res.json()) as any };
}
const CREATE_SA = `mutation($i: CreateServiceAccountInput!) { createServiceAccount(input: $i) { clientSecret serviceAccount { clientId agencyCode actions active } } }`;

describe('service accounts', () => {
  let clientId: string;
  let secret: string;
  beforeAll(async () => {
    const r = await t.gql(CREATE_SA, { i: { name: 'Phần mềm một cửa Sở Tư pháp', agencyCode: AGENCY, actions: ['RECEIVE', 'REQUEST_SUPPLEMENT'] } }, admin);
    expect(r.errors).toBeUndefined();
    ({ clientId } = r.data.createServiceAccount.serviceAccount);
    secret = r.data.createServiceAccount.clientSecret;
  });

  it('the secret is kept only as an scrypt hash; POST /oauth/token takes a form body or HTTP Basic; a bad secret is invalid_client', async () => {
    const stored = await new Db(t.orm.em.fork()).em.getConnection().execute(`select secret_hash from service_account where client_id = ?`, [clientId]);
    expect(stored[0].secret_hash).toMatch(/^scrypt\$/);
    expect(stored[0].secret_hash).not.toContain(secret);
    const form = await oauth({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret });
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    const basic = await oauth({ grant_type: 'client_credentials' }, { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` });
    expect(basic.status).toBe(200);
    const me = await t.gql(ME, {}, basic.body.access_token);
    expect(me.data.me).toEqual({ subject: `service:${clientId}`, roles: ['SECTOR_SYSTEM'], agencyCodes: [AGENCY] });
    const bad = await oauth({ grant_type: 'client_credentials', client_id: clientId, client_secret: 'wrong' });
    expect(bad).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(bad.body.error_description).toMatch(/không hợp lệ/);
    expect((await oauth({ grant_type: 'client_credentials', client_id: 'sa-nobody', client_secret: secret })).body.error).toBe('invalid_client');
    expect((await oauth({ grant_type: 'password', client_id: clientId, client_secret: secret })).body.error).toBe('unsupported_grant_type');
  });

  it("acts only on its agency's dossiers and only with the actions granted", async () => {
    const token = (await oauth({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret })).body.access_token;
    const a = await actors(t, AGENCY);
    const mine = await submitOk(t, a.citizen, submitInput(KHAI_SINH));
    const other = await submitOk(t, a.citizen, submitInput(KHAI_SINH, { agencyCode: OTHER }));
    const reject = await t.gql(TRANSITION, { input: { code: mine.code, action: 'REJECT', note: 'x' } }, token);
    expect(reject.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(reject.errors?.[0].message).toMatch(/không được cấp/);
    const elsewhere = await t.gql(TRANSITION, { input: { code: other.code, action: 'RECEIVE' } }, token);
    expect(elsewhere.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const received = await actOk(t, token, { code: mine.code, action: 'RECEIVE' });
    expect(received.status).toBe('PROCESSING'); // received and in processing
    expect(received.history.at(-1)).toMatchObject({ action: 'RECEIVE', actorRole: 'SECTOR_SYSTEM' });
    // The audit trail names the service account.
    const rows = await audits({ dossierCode: mine.code });
    const sa = (await t.gql(`{ serviceAccounts { clientId } }`, {}, admin)).data.serviceAccounts;
    expect(sa.map((s: any) => s.clientId)).toContain(clientId);
    expect(rows.find((r) => r.operation === 'Mutation.transitionDossier' && r.outcome === 'OK')).toMatchObject({ subject: `service:${clientId}`, roles: ['SECTOR_SYSTEM'] });
    expect(rows.find((r) => r.operation === 'Mutation.transitionDossier' && r.outcome === 'FORBIDDEN')).toBeTruthy();
  });

  it('rotation keeps the old secret valid for the overlap only; deactivation refuses tokens already issued', async () => {
    const r = await t.gql(`mutation($c: String!) { rotateServiceAccountSecret(clientId: $c, overlapSeconds: 2) { clientSecret serviceAccount { previousSecretValidUntil } } }`, { c: clientId }, admin);
    expect(r.errors).toBeUndefined();
    const fresh = r.data.rotateServiceAccountSecret.clientSecret;
    expect(r.data.rotateServiceAccountSecret.serviceAccount.previousSecretValidUntil).not.toBeNull();
    expect((await oauth({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret })).status).toBe(200);
    expect((await oauth({ grant_type: 'client_credentials', client_id: clientId, client_secret: fresh })).status).toBe(200);
    await new Promise((res) => setTimeout(res, 2100));
    expect((await oauth({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret })).status).toBe(401);
    const token = (await oauth({ grant_type: 'client_credentials', client_id: clientId, client_secret: fresh })).body.access_token;
    expect((await t.gql(ME, {}, token)).data.me.subject).toBe(`service:${clientId}`);
    expect((await t.gql(`mutation($c: String!) { deactivateServiceAccount(clientId: $c) { active } }`, { c: clientId }, admin)).data.deactivateServiceAccount.active).toBe(false);
    expect((await t.gql(`{ dossiers(first: 1) { totalCount } }`, {}, token)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await oauth({ grant_type: 'client_credentials', client_id: clientId, client_secret: fresh })).status).toBe(401);
  });

  it('a token signed with the development secret cannot pose as a service account', async () => {
    const forged = await new SignJWT({ sa: '00000000-0000-0000-0000-000000000000', roles: ['SECTOR_SYSTEM'], agencies: [AGENCY] })
      .setProtectedHeader({ alg: 'HS256', kid: 'dvc-hub-service' })
      .setSubject('service:forged').setIssuer('dvc-hub').setAudience('dvc-hub:service').setIssuedAt().setExpirationTime('5m')
      .sign(new TextEncoder().encode(TEST_SECRET));
    expect((await t.gql(ME, {}, forged)).data.me).toBeNull();
  });
});

describe('the audit trail', () => {
  it("records reads of personal data and mutations with who, where and the outcome; the applicant sees who read their dossier", async () => {
    const a = await actors(t, AGENCY);
    const d = await submitOk(t, a.citizen, submitInput(KHAI_SINH));
    await t.gql(CREATE, { i: { subject: 'idp|hoa', fullName: 'Lê Văn Hoà', roles: ['RECEPTION_OFFICER'], agencyCodes: [AGENCY] } }, admin);
    const hoa = await sign('idp|hoa', { roles: ['RECEPTION_OFFICER'], agencies: [AGENCY] });
    const read = await t.gql(`query($c: String!) { dossier(code: $c) { applicant { fullName } components { fileName url } } }`, { c: d.code }, hoa, { 'x-request-id': 'req-audit-1' });
    expect(read.errors).toBeUndefined();
    const rows = await audits({ dossierCode: d.code });
    expect(rows.find((r) => r.operation === 'Dossier.applicant')).toMatchObject({ subject: 'idp|hoa', kind: 'READ', requestId: 'req-audit-1', outcome: 'OK', ip: expect.stringMatching(/127\.0\.0\.1/) });
    expect(rows.find((r) => r.operation === 'Dossier.components')).toBeTruthy();
    expect(rows.find((r) => r.operation === 'Mutation.submitDossier')).toMatchObject({ kind: 'MUTATION', outcome: 'OK', roles: ['CITIZEN'] });
    // A refused read is recorded too.
    const stranger = await t.token({ sub: 'audit-stranger', roles: ['RECEPTION_OFFICER'], agencies: [OTHER] });
    await t.gql(`query($c: String!) { dossier(code: $c) { applicant { fullName } } }`, { c: d.code }, stranger);
    expect((await audits({ subject: 'audit-stranger' })).find((r) => r.operation === 'Query.dossier')).toMatchObject({ outcome: 'FORBIDDEN', dossierCode: d.code });

    const log = await t.gql(`query($c: String!) { dossier(code: $c) { accessLog { reader roles operation at } } }`, { c: d.code }, a.citizen);
    expect(log.errors).toBeUndefined();
    expect(log.data.dossier.accessLog).toEqual(expect.arrayContaining([expect.objectContaining({ reader: 'Lê Văn Hoà', roles: ['RECEPTION_OFFICER'], operation: 'Dossier.applicant' })]));
    expect(log.data.dossier.accessLog.every((e: any) => !e.reader.startsWith('citizen-'))).toBe(true);
    // Staff do not see it.
    expect((await t.gql(`query($c: String!) { dossier(code: $c) { accessLog { reader } } }`, { c: d.code }, hoa)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Over graphql-ws too.
    const ws = await t.subscribe(`query($c: String!) { dossier(code: $c) { applicant { fullName } } }`, { c: d.code }, stranger);
    await ws.error().catch(() => undefined);
    await ws.close();
    const viaWs = (await audits({ subject: 'audit-stranger' })).filter((r) => r.operation === 'Query.dossier');
    expect(viaWs).toHaveLength(2);
    expect(viaWs.every((r) => r.requestId && r.ip)).toBe(true);
    // ADMIN queries by period.
    const period = await audits({ from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 1000).toISOString() });
    expect(period.length).toBeGreaterThan(3);
  });

  it('is append-only (a trigger refuses UPDATE, DELETE and TRUNCATE even for a superuser) and the hub role has no UPDATE/DELETE grant', async () => {
    await t.hub.services.audit.drain();
    const conn = t.orm.em.fork().getConnection();
    await expect(conn.execute(`update audit_event set outcome = 'OK' where id = (select min(id) from audit_event)`)).rejects.toThrow(/append-only/);
    await expect(conn.execute(`delete from audit_event where id = (select min(id) from audit_event)`)).rejects.toThrow(/append-only/);
    await expect(conn.execute(`truncate audit_event`)).rejects.toThrow(/append-only/);
    const grants = await conn.execute(`select privilege_type from information_schema.role_table_grants where table_name = 'audit_event' and grantee = current_user`);
    const privileges = grants.map((g: any) => g.privilege_type);
    expect(privileges).toEqual(expect.arrayContaining(['INSERT', 'SELECT']));
    expect(privileges).not.toContain('UPDATE');
    expect(privileges).not.toContain('DELETE');
  });

  it('each row hashes the previous one of its day: the verifier finds an edited row (trigger disabled to edit it)', async () => {
    await t.hub.services.audit.drain();
    const db = new Db(t.orm.em.fork());
    expect((await verifyAuditTrail(db)).broken).toBeNull();
    const conn = t.orm.em.fork().getConnection();
    const [victim] = await conn.execute(`select day::text as day, seq from audit_event order by id limit 1 offset 3`);
    await conn.execute(`alter table audit_event disable trigger audit_event_no_update`);
    try {
      await conn.execute(`update audit_event set outcome = 'FORBIDDEN' where day = ?::date and seq = ?`, [victim.day, victim.seq]);
    } finally {
      await conn.execute(`alter table audit_event enable trigger audit_event_no_update`);
    }
    const r = await verifyAuditTrail(db);
    expect(r.broken).toEqual({ day: victim.day, seq: victim.seq, reason: 'HASH_MISMATCH' });
  });
});

/**
 * A graphql-ws connection following an agency's dossiers with `token`: the errors its subscription
 * got, and the code its socket closed with (closed() waits up to 3 s for it).
 */
function watchAgency(token: string, agencyCode: string) {
  const errors: unknown[] = [];
  let closeCode: number | undefined;
  const client = createClient({
    url: `${t.hub.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
    onNonLazyError: () => undefined,
    retryAttempts: 0,
    on: { closed: (e) => (closeCode = (e as { code: number }).code) },
  });
  client.subscribe(
    { query: `subscription($a: String) { dossierStatusChanged(agencyCode: $a) { code } }`, variables: { a: agencyCode } },
    { next: () => undefined, error: (e) => errors.push(e), complete: () => undefined },
  );
  return {
    client,
    errors,
    closeCode: () => closeCode,
    async closed() {
      const deadline = Date.now() + 3000;
      while (closeCode === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      return closeCode;
    },
  };
}

describe('sessions that end', () => {
  it("a deactivated member's subscription ends with UNAUTHENTICATED and 4403 within the re-check interval; a fresh connection after reactivation works", async () => {
    await t.gql(CREATE, { i: { subject: 'idp|ws', fullName: 'Phạm WS', roles: ['LEADER'], agencyCodes: [AGENCY] } }, admin);
    const token = await sign('idp|ws', { roles: ['LEADER'], agencies: [AGENCY] });
    const watch = watchAgency(token, AGENCY);
    await new Promise((r) => setTimeout(r, 400));
    expect(watch.closeCode()).toBeUndefined();
    await t.gql(DEACTIVATE, { s: 'idp|ws' }, admin);
    expect(await watch.closed()).toBe(4403);
    expect(JSON.stringify(watch.errors)).toMatch(/UNAUTHENTICATED/);
    await watch.client.dispose();

    await t.gql(REACTIVATE, { s: 'idp|ws' }, admin);
    const again = await t.subscribe(`subscription($a: String) { dossierStatusChanged(agencyCode: $a) { code } }`, { a: AGENCY }, await sign('idp|ws', { roles: ['LEADER'], agencies: [AGENCY] }));
    const a = await actors(t, AGENCY);
    const d = await submitOk(t, a.citizen, submitInput(KHAI_SINH));
    await actOk(t, a.reception, { code: d.code, action: 'RECEIVE' });
    expect(await again.next()).toBeTruthy();
    await again.close();
  });
});

describe('sessions whose access narrows', () => {
  it('a member moved to another agency: the subscription opened for the old one ends with FORBIDDEN and 4403; a new connection subscribes with the new grant only', async () => {
    await t.gql(CREATE, { i: { subject: 'idp|moved', fullName: 'Đặng Chuyển', roles: ['LEADER'], agencyCodes: [AGENCY, OTHER] } }, admin);
    const token = await sign('idp|moved', { roles: ['LEADER'] }); // no agencies claim: the directory's
    const watch = watchAgency(token, AGENCY);
    await new Promise((r) => setTimeout(r, 400));
    // A wider grant (a role added) keeps the connection.
    await t.gql(CHANGE, { i: { subject: 'idp|moved', roles: ['LEADER', 'SPECIALIST'] } }, admin);
    await new Promise((r) => setTimeout(r, 900));
    expect(watch.closeCode()).toBeUndefined();
    // The agency taken away.
    await t.gql(CHANGE, { i: { subject: 'idp|moved', agencyCodes: [OTHER] } }, admin);
    expect(await watch.closed()).toBe(4403);
    expect(JSON.stringify(watch.errors)).toMatch(/FORBIDDEN/);
    await watch.client.dispose();
    // Reconnected: the old agency's stream is refused, the one it holds now is open.
    const refused = await t.subscribe(`subscription($a: String) { dossierStatusChanged(agencyCode: $a) { code } }`, { a: AGENCY }, token);
    expect(JSON.stringify(await refused.error(3000))).toContain('FORBIDDEN');
    const open = await t.subscribe(`subscription($a: String) { dossierStatusChanged(agencyCode: $a) { code } }`, { a: OTHER }, token);
    await open.close();
  });
});

describe('the audit trail behind a proxy', () => {
  it('records the client address from X-Forwarded-For over graphql-ws as over HTTP, when TRUST_PROXY trusts the proxy', async () => {
    const p = await startTestHub({ env: { TRUST_PROXY: 'loopback', AUDIT_FLUSH_MS: '20' } });
    try {
      const root = await p.token({ sub: 'proxy-admin', roles: ['ADMIN'] });
      const forwarded = { 'x-forwarded-for': '203.0.113.77' };
      // Over HTTP.
      const viaHttp = await p.gql(CREATE, { i: { subject: 'proxied-http', fullName: 'Qua HTTP', roles: ['SPECIALIST'], agencyCodes: [AGENCY] } }, root, forwarded);
      expect(viaHttp.errors).toBeUndefined();
      // Over graphql-ws: the upgrade request carries the header (the proxy adds it).
      class ProxiedSocket extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: forwarded });
        }
      }
      const client = createClient({ url: `${p.hub.url.replace('http', 'ws')}/graphql`, webSocketImpl: ProxiedSocket, connectionParams: { authorization: `Bearer ${root}` }, retryAttempts: 0 });
      try {
        const r = await new Promise<any>((done, fail) => {
          let result: unknown;
          client.subscribe(
            { query: CREATE, variables: { i: { subject: 'proxied-ws', fullName: 'Qua WebSocket', roles: ['SPECIALIST'], agencyCodes: [AGENCY] } } },
            { next: (x) => (result = x), error: fail, complete: () => done(result) },
          );
        });
        expect(r.errors).toBeUndefined();
      } finally {
        await client.dispose();
      }
      await p.hub.services.audit.drain();
      const rows = (await p.gql(`{ auditEvents(filter: { subject: "proxy-admin" }, first: 20) { operation target ip } }`, {}, root)).data.auditEvents as any[];
      const created = rows.filter((x) => x.operation === 'Mutation.createStaffMember');
      expect(created).toHaveLength(2);
      expect(created.map((x) => x.ip)).toEqual(['203.0.113.77', '203.0.113.77']);
    } finally {
      await p.stop();
    }
  });
});
