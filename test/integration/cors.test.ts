import WebSocket from 'ws';
import { startTestHub, type TestHub } from '../helpers/test-hub';

/**
 * Issue 11, browser access over plain HTTP (the real browser is in browser.test.ts): CORS
 * preflights, Apollo's CSRF prevention kept, the WebSocket origin check, field suggestions in
 * development, GRAPHQL_IDE.
 */
const PORTAL = 'https://dichvucong.hagiang.gov.vn';
const STRANGER = 'https://evil.example';
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({ env: { CORS_ORIGINS: `${PORTAL},http://localhost:5173` } });
});
afterAll(async () => {
  await t?.stop();
});

const preflight = (origin: string, headers = 'content-type, authorization') =>
  fetch(`${t.hub.url}/graphql`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers },
  });
const accessControl = (res: Response) => [...res.headers.keys()].filter((k) => k.startsWith('access-control-'));

describe('CORS (CORS_ORIGINS)', () => {
  it('a listed origin’s preflight gets 204 with the methods, headers and max-age', async () => {
    const res = await preflight(PORTAL, 'content-type, authorization, x-request-id, apollo-require-preflight');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    const allowed = res.headers.get('access-control-allow-headers')!.split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['content-type', 'authorization', 'x-request-id', 'apollo-require-preflight']));
    expect(res.headers.get('access-control-max-age')).toBe('3600');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/Origin/);
    expect(await res.text()).toBe('');
  });

  it('an unlisted origin’s preflight is refused: 403, no Access-Control-* header', async () => {
    const res = await preflight(STRANGER);
    expect(res.status).toBe(403);
    expect(accessControl(res)).toEqual([]);
    const body = (await res.json()) as any;
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(body.errors[0].message).toContain('CORS_ORIGINS');
  });

  it('a listed origin’s request carries Access-Control-Allow-Origin; an unlisted one’s carries none', async () => {
    const ask = (origin: string) =>
      fetch(`${t.hub.url}/graphql`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    const listed = await ask('http://localhost:5173');
    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(listed.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
    const unlisted = await ask(STRANGER);
    expect(accessControl(unlisted)).toEqual([]); // the browser keeps the answer from the page
  });

  it("Apollo's CSRF prevention stays on: a simple request (no preflight) without a JSON content type or apollo-require-preflight is refused", async () => {
    const simplePost = await fetch(`${t.hub.url}/graphql`, { method: 'POST', headers: { origin: PORTAL, 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' });
    expect(simplePost.status).toBe(400);
    expect(await simplePost.text()).toMatch(/CSRF/i);
    const simpleGet = await fetch(`${t.hub.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { origin: PORTAL } });
    expect(simpleGet.status).toBe(400);
    const withHeader = await fetch(`${t.hub.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { origin: PORTAL, 'apollo-require-preflight': 'true' } });
    expect(withHeader.status).toBe(200);
  });

  it('graphql-ws: a browser page from an unlisted origin cannot upgrade; a listed origin, the hub’s own page and a non-browser client can', async () => {
    const open = (origin?: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`${t.hub.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', origin ? { origin } : {});
        ws.once('open', () => (ws.close(), resolve('open')));
        ws.once('unexpected-response', (_req, res) => (ws.terminate(), resolve(`refused ${res.statusCode}`)));
        ws.once('error', () => resolve('error'));
      });
    expect(await open(STRANGER)).toBe('refused 401');
    expect(await open(PORTAL)).toBe('open');
    expect(await open(t.hub.url)).toBe('open');
    expect(await open()).toBe('open');
  });
});

describe('field suggestions and the IDE by NODE_ENV', () => {
  let dev: TestHub;
  afterEach(async () => {
    await dev?.stop();
  });

  it('development shows "Did you mean …" over HTTP and graphql-ws; the test hub (NODE_ENV=test) does not', async () => {
    dev = await startTestHub({ env: { NODE_ENV: 'development' } });
    const typo = await dev.gql('{ procedurs(first: 1) { totalCount } }');
    expect(typo.errors?.[0].message).toMatch(/Did you mean .*"procedures"\?/);
    const sub = await dev.subscribe(`subscription { dossierStatusChanged(code: "x") { statu } }`);
    expect((await sub.error())[0].message).toMatch(/Did you mean "status"/);
    await sub.close();
    expect((await t.gql('{ procedurs(first: 1) { totalCount } }')).errors?.[0].message).not.toMatch(/Did you mean/);
  });

  it('GRAPHQL_IDE=false: a browser asking for /graphql gets no IDE', async () => {
    dev = await startTestHub({ env: { GRAPHQL_IDE: 'false' } });
    const res = await fetch(`${dev.hub.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.headers.get('content-type')).not.toMatch(/html/);
    expect((await fetch(`${dev.hub.url}/graphql/ide/main.js`)).status).not.toBe(200);
    const on = await fetch(`${t.hub.url}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(on.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('production serves no IDE by default, and does with GRAPHQL_IDE=true', async () => {
    const PROD = { NODE_ENV: 'production', PAYMENT_PARTNER_CODE: 'HAGIANG-DVC', PAYMENT_SECRET: 'production-payment-secret-0123456789', FILE_URL_SECRET: 'production-file-url-secret-0123456789' };
    dev = await startTestHub({ env: PROD });
    expect((await fetch(`${dev.hub.url}/graphql`, { headers: { accept: 'text/html' } })).headers.get('content-type')).not.toMatch(/html/);
    await dev.stop();
    dev = await startTestHub({ env: { ...PROD, GRAPHQL_IDE: 'true', GRAPHQL_INTROSPECTION: 'true' } });
    expect((await fetch(`${dev.hub.url}/graphql`, { headers: { accept: 'text/html' } })).headers.get('content-type')).toMatch(/text\/html/);
  });
});
