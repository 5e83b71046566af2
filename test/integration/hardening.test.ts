import { Writable } from 'node:stream';
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { isObjectType } from 'graphql';
import { startTestHub, TEST_SECRET, type TestHub } from '../helpers/test-hub';
import { actOk, actors, citizen, KHAI_SINH, submitInput, submitOk, WITH_FEES } from '../helpers/dossier-fixtures';
import { createLogger } from '../../src/logger';
import { nodeTypeNames } from '../../src/resolvers/viewer.resolver';

/**
 * Issue 9's findings on the edges of the hub (each test fails on the code before the fix):
 * logs without values (6), limits answered as 4xx (8), WebSocket frames capped (9), JSON errors
 * with no stack (10), token lifetime (11), subscriptions ended at token expiry (12),
 * node(id) for every Node type (14). Finding 13 (production mode) is the describe at the end.
 */
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
  // The subjects of the hand-signed tokens below, in the staff directory (issue 16) as the operator keeps them.
  await t.token({ sub: 'admin', roles: ['ADMIN'] });
  await t.token({ sub: 'reception-short', roles: ['RECEPTION_OFFICER'], agencies: [KHAI_SINH.agencyCodes[0]] });
});
afterAll(async () => {
  await t?.stop();
});

const AGENCY = KHAI_SINH.agencyCodes[0];
const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${t.hub.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
const sign = (claims: Record<string, unknown>, exp?: number | string) => {
  const jwt = new SignJWT({ roles: ['ADMIN'], agencies: [], ...claims }).setProtectedHeader({ alg: 'HS256' }).setSubject('admin').setIssuedAt();
  if (exp !== undefined) jwt.setExpirationTime(exp);
  return jwt.sign(new TextEncoder().encode(TEST_SECRET));
};

describe('logs hold no values of failed statements (finding 6)', () => {
  it('a database error is logged with its SQLSTATE and table, without the identity number, phone or address it carried', async () => {
    const lines: string[] = [];
    // The hub's own logger, writing to a stream the test reads instead of stdout.
    const log = createLogger('error', 'dvc-hub', new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
    const em = t.orm.em.fork();
    const idn = citizen(3).identityNumber;
    let caught: unknown;
    try {
      await em.getConnection().execute(
        `insert into feedback_event (id, feedback_id, seq, at, action, to_status, actor, note) values (?, ?, ?, ?, ?, ?, ?, ?)`,
        ['not-a-uuid', 'not-a-uuid', 1, new Date(), 'SUBMIT', 'RECEIVED', `citizen-${idn}`, 'Gọi 0912345678, số 7 ngõ 3 phố Hàng Bài'],
      );
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeDefined();
    expect(String((caught as Error).message)).toContain(idn); // the driver did put the values into its message
    log.error({ err: caught }, 'unexpected error while serving a GraphQL request');
    const out = lines.join('');
    expect(out).toContain('22P02'); // invalid_text_representation: still useful to an operator
    expect(out).toContain('insert into feedback_event');
    for (const secret of [idn, '0912345678', 'Hàng Bài', 'not-a-uuid']) expect(out).not.toContain(secret);
  });
});

describe('limits and malformed requests are 4xx, never 5xx, and never show a stack (findings 8, 10)', () => {
  it('a query over the token limit is HTTP 400 with QUERY_TOO_COMPLEX', async () => {
    const fields = Array.from({ length: t.config.QUERY_MAX_TOKENS }, () => '__typename').join(' ');
    const res = await post('/graphql', JSON.stringify({ query: `{ ${fields} }` }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('a query over the depth limit is HTTP 400 with QUERY_TOO_COMPLEX', async () => {
    const deep = `{ procedures(first: 1) { edges { node { agencies { parent { parent { parent { parent { parent { parent { parent { parent { code } } } } } } } } } } } } }`;
    const res = await post('/graphql', JSON.stringify({ query: deep }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it.each(['/graphql', '/payments/ipn'])('malformed JSON on %s is 400 JSON with no stack trace or file path', async (path) => {
    const res = await post(path, '{"query": "{ me { subject } }"');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/json/);
    const text = await res.text();
    expect(() => JSON.parse(text)).not.toThrow();
    expect(text).not.toMatch(/ at |node_modules|\/work\/|\.js:\d+|SyntaxError/);
  });

  it('an unknown route is 404 JSON', async () => {
    const res = await fetch(`${t.hub.url}/nothing-here`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('an unknown enum value gets no suggestion of the real ones', async () => {
    const admin = await t.token({ roles: ['ADMIN'] });
    const asVariable = await t.gql(`query($s: [DossierStatus!]) { dossiers(filter: { status: $s }) { totalCount } }`, { s: ['RECEIVE'] }, admin);
    expect(asVariable.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const inline = await t.gql(`{ dossiers(filter: { status: [RECEIVE] }) { totalCount } }`, {}, admin);
    expect(inline.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    for (const r of [asVariable, inline]) expect(r.errors?.[0].message).not.toMatch(/Did you mean|RECEIVED/);
  });

  it('over graphql-ws too: a misspelt field gets no suggestion', async () => {
    const sub = await t.subscribe(`subscription { dossierStatusChanged(code: "x") { statu } }`);
    const errors = await sub.error();
    await sub.close();
    expect(errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errors[0].message).toMatch(/statu/);
    expect(errors[0].message).not.toMatch(/Did you mean|"status"/);
  });
});

describe('WebSocket frames are capped like HTTP bodies (finding 9)', () => {
  it('a frame over 1 MB closes the connection (1009) before anything else happens', async () => {
    const ws = new WebSocket(`${t.hub.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(2 * 1024 * 1024) } }));
    expect(await closed).toBe(1009);
  });

  it('a frame under the cap still works', async () => {
    const sub = await t.subscribe(`subscription($c: String) { dossierStatusChanged(code: $c) { code } }`, { c: 'x'.repeat(1000) });
    await sub.close();
  });
});

describe('token lifetime (finding 11)', () => {
  const ME = '{ me { subject roles } }';
  it('a token without exp is refused', async () => {
    const r = await t.gql(ME, {}, await sign({}));
    expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(r.errors?.[0].message).toMatch(/exp/);
  });

  it('a token valid for longer than AUTH_MAX_TOKEN_AGE (24 h) is refused', async () => {
    expect((await t.gql(ME, {}, await sign({}, 32503680000 /* the year 3000 */))).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(ME, {}, await sign({}, '25h'))).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a token within the cap works', async () => {
    expect((await t.gql(ME, {}, await sign({}, '23h'))).data.me).toEqual({ subject: 'admin', roles: ['ADMIN'] });
  });
});

describe('live subscriptions end when their token does (finding 12)', () => {
  it('the agency stream gets UNAUTHENTICATED at expiry, the socket closes with 4403, and no later event arrives', async () => {
    const a = await actors(t, AGENCY);
    const [first, second] = [await submitOk(t, a.citizen, submitInput(KHAI_SINH)), await submitOk(t, a.citizen, submitInput(KHAI_SINH))];
    const exp = Math.floor(Date.now() / 1000) + 3;
    const shortLived = await new SignJWT({ roles: ['RECEPTION_OFFICER'], agencies: [AGENCY] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('reception-short')
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(TEST_SECRET));
    const events: unknown[] = [];
    const errors: any[] = [];
    let closeCode: number | undefined;
    const client = createClient({
      url: `${t.hub.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${shortLived}` },
      lazy: false,
      onNonLazyError: () => undefined, // the close at expiry is what this test waits for
      retryAttempts: 0,
      on: { closed: (e) => (closeCode = (e as { code: number }).code) },
    });
    client.subscribe(
      { query: `subscription($a: String) { dossierStatusChanged(agencyCode: $a) { code status } }`, variables: { a: AGENCY } },
      { next: (v) => events.push(v), error: (e) => errors.push(e), complete: () => undefined },
    );
    await new Promise((r) => setTimeout(r, 300));
    await actOk(t, a.reception, { code: first.code, action: 'RECEIVE' });
    await new Promise((r) => setTimeout(r, 200));
    const before = events.length;
    expect(before).toBeGreaterThan(0); // alive while the token is

    await new Promise((r) => setTimeout(r, exp * 1000 - Date.now() + 600));
    expect(errors.some((e) => Array.isArray(e) && e[0]?.extensions?.code === 'UNAUTHENTICATED')).toBe(true);
    expect(closeCode).toBe(4403);
    await actOk(t, a.reception, { code: second.code, action: 'RECEIVE' });
    await new Promise((r) => setTimeout(r, 300));
    expect(events.length).toBe(before);
    await client.dispose();
  });
});

describe('node(id) resolves every Node type with the rules of its own query (finding 14)', () => {
  it('every type that implements Node has a fetcher', () => {
    const nodeTypes = Object.values(t.hub.schema.getTypeMap())
      .filter((ty) => isObjectType(ty) && ty.getInterfaces().some((i) => i.name === 'Node'))
      .map((ty) => ty.name)
      .sort();
    expect(nodeTypes.filter((n) => !nodeTypeNames().includes(n))).toEqual([]);
  });

  it('Payment and Evaluation: their owner and the agency’s staff get them, anyone else null', async () => {
    const agency = WITH_FEES.agencyCodes[0];
    const a = await actors(t, agency);
    const d = await submitOk(t, a.citizen, submitInput(WITH_FEES));
    await actOk(t, a.reception, { code: d.code, action: 'RECEIVE' });
    const fees = WITH_FEES.fees.reduce((s, f) => s + f.amount, 0);
    const paid = await t.gql(`mutation($i: RecordCounterPaymentInput!) { recordCounterPayment(input: $i) { payment { id amount } } }`, { i: { dossierCode: d.code, amount: fees } }, a.reception);
    expect(paid.errors).toBeUndefined();
    const paymentId = paid.data.recordCounterPayment.payment.id;
    for (const [action, token] of [['SUBMIT_FOR_APPROVAL', a.specialist], ['APPROVE', a.leader]] as const) await actOk(t, token, { code: d.code, action });
    await actOk(t, a.clerk, { code: d.code, action: 'ISSUE_RESULT', result: { documentNumber: '1/2026', signedBy: 'Giám đốc', fileUrl: 'https://files.example.gov.vn/kq.pdf', sha256: 'a'.repeat(64) } });
    const CRITERIA = ['GUIDANCE_CLARITY', 'FORM_ACCURACY', 'EASE_OF_USE', 'SERVICE_CAPABILITY', 'PROCESSING_TIME', 'STAFF_ATTITUDE', 'ONLINE_RESULT_DELIVERY', 'ONLINE_PAYMENT'];
    const ev = await t.gql(`mutation($i: EvaluateDossierInput!) { evaluateDossier(input: $i) { evaluation { id } } }`, { i: { dossierCode: d.code, scores: CRITERIA.map((criterion) => ({ criterion, score: 4 })) } }, a.citizen);
    expect(ev.errors).toBeUndefined();
    const evaluationId = ev.data.evaluateDossier.evaluation.id;

    const NODE = `query($id: ID!) { node(id: $id) { __typename ... on Payment { id amount dossierCode } ... on Evaluation { id dossierCode satisfied } } }`;
    const stranger = await t.token({ roles: ['CITIZEN'], sub: 'stranger', idn: citizen(9).identityNumber });
    const otherStaff = await t.token({ roles: ['RECEPTION_OFFICER'], agencies: [KHAI_SINH.agencyCodes[1] === agency ? KHAI_SINH.agencyCodes[0] : KHAI_SINH.agencyCodes[1]] });
    for (const [id, typename] of [[paymentId, 'Payment'], [evaluationId, 'Evaluation']]) {
      for (const token of [a.citizen, a.reception]) {
        expect((await t.gql(NODE, { id }, token)).data.node).toMatchObject({ __typename: typename, id, dossierCode: d.code });
      }
      for (const token of [stranger, otherStaff, undefined]) expect((await t.gql(NODE, { id }, token)).data.node).toBeNull();
    }
  });
});

describe('a production hub (finding 13)', () => {
  const PROD = {
    NODE_ENV: 'production',
    PAYMENT_PARTNER_CODE: 'HAGIANG-DVC',
    PAYMENT_SECRET: 'production-payment-secret-0123456789',
    FILE_URL_SECRET: 'production-file-url-secret-0123456789',
  };
  let p: TestHub;
  afterEach(async () => {
    await p?.stop();
  });

  it('has introspection off, hides suggestions, and serves no /metrics without METRICS_PORT or METRICS_TOKEN', async () => {
    p = await startTestHub({ env: PROD });
    const intro = await p.gql('{ __schema { types { name } } }');
    expect(intro.errors?.[0].message).toMatch(/introspection/i);
    expect(intro.data).toBeUndefined();
    const typo = await p.gql('{ procedurs(first: 1) { totalCount } }');
    expect(typo.errors?.[0].message).not.toMatch(/Did you mean|procedures/);
    expect((await fetch(`${p.hub.url}/metrics`)).status).toBe(404);
  });

  it('GRAPHQL_INTROSPECTION=true turns introspection on; METRICS_TOKEN guards /metrics', async () => {
    p = await startTestHub({ env: { ...PROD, GRAPHQL_INTROSPECTION: 'true', METRICS_TOKEN: 'metrics-token-0123456789' } });
    expect((await p.gql('{ __schema { queryType { name } } }')).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await fetch(`${p.hub.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${p.hub.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789xx' } })).status).toBe(401);
    const ok = await fetch(`${p.hub.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('process_cpu');
  });

  it('METRICS_PORT serves /metrics on its own port only', async () => {
    p = await startTestHub({ env: { ...PROD, METRICS_PORT: String(20000 + Math.floor(Math.random() * 20000)) } });
    expect((await fetch(`${p.hub.url}/metrics`)).status).toBe(404);
    const res = await fetch(`${p.hub.metricsUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('process_cpu');
  });
});
