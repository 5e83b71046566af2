import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { actOk, actors, KHAI_SINH, submitInput, submitOk } from '../helpers/dossier-fixtures';
import { dashboardAssetsDir } from '../../src/http/dashboard';
import { reportPeriodOf } from '../../src/domain/statistics';
import { vnDate } from '../../src/domain/vn-time';

/**
 * Issue 15, the live dashboard in a real browser (Debian's chromium through playwright-core):
 * sign in with a development role, counters equal to processingStatistics, a dossier moved
 * through the API shows in the counters and the feed within 2 s, nothing from another host;
 * screenshots at 1366×768 and phone size in test/artifacts/ (not committed) for a person to see.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const describeInBrowser = HAVE_CHROMIUM ? describe : describe.skip;
if (!HAVE_CHROMIUM) {
  // eslint-disable-next-line no-console
  console.warn(`dashboard browser test SKIPPED: ${CHROMIUM} is absent (apt-get install -y chromium; .ci/run installs it)`);
}
const ARTIFACTS = resolve(__dirname, '../artifacts');
const AGENCY = '000.31.30.H22';

describeInBrowser('live dashboard (issue 15)', () => {
  let t: TestHub;
  let browser: Browser;

  beforeAll(async () => {
    if (!dashboardAssetsDir()) execFileSync(process.execPath, [resolve(__dirname, '../../scripts/build-dashboard.mjs')], { stdio: 'inherit' });
    mkdirSync(ARTIFACTS, { recursive: true });
    t = await startTestHub();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  /** The figures the counters must show, from the GraphQL query (the hub's real clock: today). */
  async function expectedCounters(token: string) {
    const today = vnDate(new Date());
    const month = reportPeriodOf('MONTH', today);
    const q = `query($f: Date!, $t: Date!, $g: StatisticsGroup) { processingStatistics(from: $f, to: $t, groupBy: $g) { key received inProgress inProgressOverdue resolvedEarly resolvedOnTime } }`;
    const total = (await t.gql(q, { f: month.from, t: month.to, g: 'AGENCY' }, token)).data.processingStatistics.at(-1);
    const day = (await t.gql(q, { f: today, t: today, g: 'DAY' }, token)).data.processingStatistics[0];
    return { today: day.received, progress: total.inProgress, overdue: total.inProgressOverdue, onTime: total.resolvedEarly + total.resolvedOnTime };
  }

  async function shownCounters(page: Page) {
    const n = async (id: string) => Number((await page.getByTestId(id).textContent())!.replace(/\D/g, ''));
    return { today: await n('received-today'), progress: await n('in-progress'), overdue: await n('overdue'), onTime: await n('resolved-on-time') };
  }

  it('shows the live counters, moves with a dossier within 2 s, and loads nothing from another host', async () => {
    const a = await actors(t, AGENCY);
    // Some figures before the page opens: two received today, one resolved.
    const d1 = (await submitOk(t, a.citizen, submitInput(KHAI_SINH, { agencyCode: AGENCY }))).code;
    const d2 = (await submitOk(t, a.citizen, submitInput(KHAI_SINH, { agencyCode: AGENCY }))).code;
    for (const code of [d1, d2]) await actOk(t, a.reception, { code, action: 'RECEIVE' });
    await actOk(t, a.specialist, { code: d1, action: 'SUBMIT_FOR_APPROVAL' });
    await actOk(t, a.leader, { code: d1, action: 'APPROVE' });
    await actOk(t, a.clerk, { code: d1, action: 'ISSUE_RESULT', result: { documentNumber: '9/2026/TLKS', signedBy: 'Chủ tịch UBND', fileUrl: 'https://files.example.gov.vn/kq.pdf', sha256: 'e'.repeat(64) } });
    const d3 = (await submitOk(t, a.citizen, submitInput(KHAI_SINH, { agencyCode: AGENCY }))).code;

    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('websocket', (ws) => requests.push(ws.url()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const opened = Date.now();
    await page.goto(`${t.hub.url}/dashboard`);
    // Development sign-in: pick the province observer.
    await page.getByRole('button', { name: 'Giám sát toàn tỉnh' }).click();
    await page.locator('#live[data-state="live"]').waitFor({ timeout: 10_000 });
    const observer = await t.token({ roles: ['OBSERVER'] });
    const expected = await expectedCounters(observer);
    expect(expected.today).toBeGreaterThanOrEqual(2);
    await page.waitForFunction((today) => (globalThis as any).document.querySelector('[data-testid="received-today"]')!.textContent === String(today), expected.today, { timeout: 10_000 });
    await page.waitForFunction(() => !/–/.test((globalThis as any).document.querySelector('[data-testid="score-total"]')!.textContent!), undefined, { timeout: 10_000 });
    const firstPaintMs = Date.now() - opened;
    expect(await shownCounters(page)).toEqual(expected);
    await expect(page.locator('#bars li').first().textContent()).resolves.toContain('Ủy ban nhân dân phường Minh Khai');

    // Move a dossier through the API: the counter and the feed follow within 2 s.
    const moved = Date.now();
    await actOk(t, a.reception, { code: d3, action: 'RECEIVE' });
    await page.waitForFunction((today) => (globalThis as any).document.querySelector('[data-testid="received-today"]')!.textContent === String(today), expected.today + 1, { timeout: 2000 });
    await page.locator('#feed li', { hasText: d3 }).first().waitFor({ timeout: 2000 });
    // Every counter, not only today's: the province's rows and the day's come by two subscriptions,
    // each pushed at most once a second, so the last of them may land a moment after the other.
    const after = await expectedCounters(observer);
    while (JSON.stringify(await shownCounters(page)) !== JSON.stringify(after) && Date.now() - moved < 2000) await page.waitForTimeout(50);
    const followedMs = Date.now() - moved;
    expect(await shownCounters(page)).toEqual(after);
    await expect(page.locator('#feed li').first().textContent()).resolves.toContain('Tiếp nhận');

    // A dropped connection: the indicator says so, the client reconnects by itself and the figures move again.
    const before = (await expectedCounters(observer)).today;
    await page.evaluate(() => (globalThis as any).dashboardClient.terminate());
    await page.locator('#live[data-state="down"]').waitFor({ timeout: 2000 });
    await page.locator('#live[data-state="live"]').waitFor({ timeout: 10_000 });
    const d4 = (await submitOk(t, a.citizen, submitInput(KHAI_SINH, { agencyCode: AGENCY }))).code;
    // the re-subscribed streams start with their current figures; then the receipt moves them
    await page.waitForTimeout(300);
    await actOk(t, a.reception, { code: d4, action: 'RECEIVE' });
    await page.waitForFunction((today) => (globalThis as any).document.querySelector('[data-testid="received-today"]')!.textContent === String(today), before + 1, { timeout: 2000 });
    await page.locator('#feed li', { hasText: d4 }).first().waitFor({ timeout: 2000 });

    await page.screenshot({ path: resolve(ARTIFACTS, 'dashboard-1366x768.png'), fullPage: false });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: resolve(ARTIFACTS, 'dashboard-phone.png'), fullPage: true });
    // Usable on a phone: nothing wider than the screen.
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const origin = new URL(t.hub.url).host;
    expect(requests.filter((u) => !u.startsWith('data:') && new URL(u).host !== origin)).toEqual([]);
    expect(errors).toEqual([]);
    // eslint-disable-next-line no-console
    console.log(`dashboard: first paint with data ${firstPaintMs} ms; change shown ${followedMs} ms after the transition returned`);
    await page.close();
  });

  it('the development sign-in is a JSON 404 unless the hub runs with the development secret, and the page forbids other hosts', async () => {
    const r = await fetch(`${t.hub.url}/dashboard`);
    expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await r.text()).toContain('Bảng điều khiển');
    const bad = await fetch(`${t.hub.url}/dashboard/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'CITIZEN' }) });
    expect(bad.status).toBe(400);
    const missing = await fetch(`${t.hub.url}/dashboard/assets/nope.js`);
    expect(missing.status).toBe(404);
  });
});
