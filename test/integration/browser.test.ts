import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { actOk, actors, KHAI_SINH, submitOk } from '../helpers/dossier-fixtures';
import { ideAssetsDir } from '../../src/http/ide';

/**
 * Issue 11, browser access, from a real browser (Debian's chromium driven by playwright-core; no
 * browser is downloaded): a portal page on another origin queries the hub and subscribes over
 * WebSocket; a page on an unlisted origin is refused; GET /graphql shows GraphiQL, loads nothing
 * from any other host, and runs a query and a subscription.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const describeInBrowser = HAVE_CHROMIUM ? describe : describe.skip;
if (!HAVE_CHROMIUM) {
  // eslint-disable-next-line no-console
  console.warn(`browser tests SKIPPED: ${CHROMIUM} is absent (apt-get install -y chromium; .ci/run installs it)`);
}

const AGENCY = KHAI_SINH.agencyCodes[0];

/** A portal: one page, and the graphql-ws client bundled for the browser. */
async function startPortal(clientJs: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/graphql-ws.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(clientJs);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>portal</title><script src="/graphql-ws.js"></script><h1>Cổng dịch vụ công</h1>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describeInBrowser('browser access (issue 11)', () => {
  let t: TestHub;
  let browser: Browser;
  let portal: { server: Server; origin: string };
  let stranger: { server: Server; origin: string };

  beforeAll(async () => {
    // The IDE is bundled by `npm run build`; a bare `npx jest` on a fresh clone builds it here.
    if (!ideAssetsDir()) execFileSync(process.execPath, [resolve(__dirname, '../../scripts/build-ide.mjs')], { stdio: 'inherit' });
    const bundle = await build({
      stdin: { contents: "export { createClient } from 'graphql-ws';", resolveDir: resolve(__dirname, '../..') },
      bundle: true,
      format: 'iife',
      globalName: 'graphqlWs',
      write: false,
      logLevel: 'silent',
    });
    portal = await startPortal(bundle.outputFiles[0].text);
    stranger = await startPortal(bundle.outputFiles[0].text);
    t = await startTestHub({ env: { CORS_ORIGINS: `${portal.origin}, https://portal.example.gov.vn` } });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    for (const p of [portal, stranger]) await new Promise((r) => (p ? p.server.close(r) : r(undefined)));
  });

  /** A page that records every request and WebSocket it opens, and the errors it logs. */
  async function openPage(url: string): Promise<{ page: Page; requests: string[]; consoleErrors: string[] }> {
    const page = await browser.newPage();
    const requests: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('websocket', (ws) => requests.push(ws.url()));
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.goto(url);
    return { page, requests, consoleErrors };
  }

  it('a portal on a listed origin queries the hub with fetch and gets a dossier status event over graphql-ws', async () => {
    const a = await actors(t, AGENCY);
    const d = await submitOk(t, a.citizen);
    const { page } = await openPage(`${portal.origin}/`);

    const queried = await page.evaluate(
      async ({ hub, token, code }) => {
        const res = await fetch(`${hub}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'portal-1' },
          body: JSON.stringify({ query: 'query($c: String!) { dossier(code: $c) { code status } }', variables: { c: code } }),
        });
        return { status: res.status, body: await res.json() };
      },
      { hub: t.hub.url, token: a.citizen, code: d.code },
    );
    expect(queried).toEqual({ status: 200, body: { data: { dossier: { code: d.code, status: 'SUBMITTED' } } } });

    // Subscribe from the page (the graphql-ws client in the browser), then move the dossier on.
    await page.evaluate(
      ({ ws, token, code }) =>
        new Promise<void>((connected, failed) => {
          const w = globalThis as any;
          w.events = [];
          const client = w.graphqlWs.createClient({ url: ws, connectionParams: { authorization: `Bearer ${token}` }, lazy: false, retryAttempts: 0, on: { connected: () => setTimeout(connected, 100) } });
          client.subscribe(
            { query: 'subscription($c: String) { dossierStatusChanged(code: $c) { code action status } }', variables: { c: code } },
            { next: (v: unknown) => w.events.push(v), error: (e: unknown) => failed(new Error(JSON.stringify(e))), complete: () => undefined },
          );
        }),
      { ws: `${t.hub.url.replace(/^http/, 'ws')}/graphql`, token: a.citizen, code: d.code },
    );
    await actOk(t, a.reception, { code: d.code, action: 'RECEIVE' });
    await page.waitForFunction(() => (globalThis as any).events.length > 0, undefined, { timeout: 10_000 });
    expect(await page.evaluate(() => (globalThis as any).events)).toEqual([{ data: { dossierStatusChanged: { code: d.code, action: 'RECEIVE', status: 'PROCESSING' } } }]);
    await page.close();
  });

  it('a page on an origin that is not listed can neither read an answer nor open a WebSocket', async () => {
    const { page } = await openPage(`${stranger.origin}/`);
    const outcome = await page.evaluate(
      async ({ hub }) => {
        const results: Record<string, string> = {};
        try {
          await fetch(`${hub}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
          results.fetch = 'answered';
        } catch (e) {
          results.fetch = `refused: ${(e as Error).name}`;
        }
        results.ws = await new Promise<string>((done) => {
          const ws = new WebSocket(`${hub.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
          ws.onopen = () => done('open');
          ws.onclose = (e) => done(`closed ${e.code}`);
        });
        return results;
      },
      { hub: t.hub.url },
    );
    expect(outcome).toEqual({ fetch: 'refused: TypeError', ws: 'closed 1006' });
    await page.close();
  });

  it('GET /graphql shows GraphiQL with the schema and docs, loads nothing from another host, and runs a query', async () => {
    const query = '{ procedures(first: 2, filter: { text: "khai sinh" }) { totalCount edges { node { code name } } } }';
    const { page, requests, consoleErrors } = await openPage(`${t.hub.url}/graphql?query=${encodeURIComponent(query)}`);
    await page.setViewportSize({ width: 1400, height: 860 });
    await schemaLoaded(page);
    expect(await page.locator('.graphiql-doc-explorer').innerText()).toMatch(/query:\s*Query[\s\S]*mutation:\s*Mutation[\s\S]*subscription:\s*Subscription/);

    await page.locator('.graphiql-execute-button').click();
    const response = page.locator('.graphiql-response');
    await expect(waitForText(response, /"totalCount"/)).resolves.toMatch(/Đăng ký khai sinh/);
    await page.screenshot({ path: '/tmp/ide.png' });

    const hub = new URL(t.hub.url);
    const elsewhere = requests.filter((u) => !/^(data|blob):/.test(u) && new URL(u).host !== hub.host);
    expect(elsewhere).toEqual([]);
    expect(requests.some((u) => u.includes('/graphql/ide/main.js'))).toBe(true);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it("the IDE's subscriptions run over graphql-ws on the same /graphql", async () => {
    const a = await actors(t, AGENCY);
    const d = await submitOk(t, a.citizen);
    const query = `subscription { dossierStatusChanged(code: "${d.code}") { code status } }`;
    const { page, requests } = await openPage(`${t.hub.url}/graphql?query=${encodeURIComponent(query)}`);
    await schemaLoaded(page);
    const ws = `${t.hub.url.replace(/^http/, 'ws')}/graphql`;
    // Run it as a person would: click, and click again if the IDE did not start (a click that
    // lands before the editor has taken the query from the URL does nothing; the button reads
    // "Stop query" once a run started, and is then left alone).
    const run = page.locator('.graphiql-execute-button');
    const deadline = Date.now() + 15_000;
    while (!requests.includes(ws)) {
      if (Date.now() > deadline) throw new Error(`no graphql-ws connection within 15 s; the response pane shows: ${await page.locator('.graphiql-response').innerText()}`);
      if ((await run.getAttribute('aria-label'))?.startsWith('Execute')) await run.click();
      await waitUntil(() => requests.includes(ws), 2000).catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 300)); // the subscription reaches the hub
    await actOk(t, a.reception, { code: d.code, action: 'RECEIVE' });
    await expect(waitForText(page.locator('.graphiql-response'), /PROCESSING/)).resolves.toContain(d.code);
    await page.close();
  });

  it('an IDE asset that does not exist is a JSON 404, and a fetch asking for JSON still reaches Apollo', async () => {
    const res = await fetch(`${t.hub.url}/graphql/ide/nothing.js`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
    const get = await fetch(`${t.hub.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    const html = await fetch(`${t.hub.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(html.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await html.text()).toContain('/graphql/ide/main.js');
  });
});

/** GraphiQL is up and has the schema: the Docs explorer lists the root types. */
async function schemaLoaded(page: Page): Promise<void> {
  await page.locator('.graphiql-execute-button').waitFor({ timeout: 20_000 });
  await page.locator('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]').click();
  await page.locator('.graphiql-doc-explorer-root-type').first().waitFor({ timeout: 20_000 });
}

async function waitForText(locator: import('playwright-core').Locator, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  let text = '';
  // Monaco lays text out with no-break spaces.
  await waitUntil(async () => pattern.test((text = (await locator.innerText().catch(() => '')).replace(/\u00a0/g, ' '))), timeoutMs);
  return text;
}

async function waitUntil(ok: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
