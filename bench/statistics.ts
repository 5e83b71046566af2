import { performance } from 'node:perf_hooks';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { machine } from './support';
import { onDossierYear, timedQuery } from './dossier-year';
import { gql, BENCH_SECRET } from './dossier-support';
import { signDevToken } from '../src/auth/tokens';

/**
 * npm run bench -- statistics (issue 15): the scorecard bench's year of `dossiers` dossiers (default
 * 1,000,000) over 200 agencies; then through the hub's GraphQL API processingStatistics for the
 * province grouped by agency over a report month and over the report year (`runs` timed runs
 * each after 3 warm-up runs), generateReport for the province and the year (XLSX + CSV, kept),
 * and the dashboard's first paint with data in headless Chromium (sign-in token already given).
 */
export function benchStatistics(opts: { dossiers: number; runs: number; serverUrl: string }) {
  return onDossierYear(opts.serverUrl, opts.dossiers, async ({ hub, pg, generateSeconds }) => {
    const counts = (await pg.query(`select (select count(*) from dossier)::int d, (select count(*) from dossier_stat)::int s, (select count(*) from agency)::int a`)).rows[0];

    const observer = await signDevToken(BENCH_SECRET, { sub: 'bench-observer', roles: ['OBSERVER'] });
    const admin = await signDevToken(BENCH_SECRET, { sub: 'bench-admin', roles: ['ADMIN'] });
    const Q = `query($f: Date!, $t: Date!) { processingStatistics(from: $f, to: $t, groupBy: AGENCY) { key received resolved inProgress onTimeRate } }`;
    // The first request sums the closed days (dossier_stat_day) once: timed apart.
    const f0 = performance.now();
    await gql(hub.url, Q, { f: '2026-05-15', t: '2026-06-14' }, observer);
    const firstRequestMs = Math.round(performance.now() - f0);
    const timed = async (vars: Record<string, unknown>) => {
      const { p50, p90, last } = await timedQuery(hub.url, Q, vars, observer, opts.runs);
      const total = last.processingStatistics.at(-1);
      return { p50, p90, rows: last.processingStatistics.length, received: total.received, resolved: total.resolved, inProgress: total.inProgress };
    };
    const month = await timed({ f: '2026-05-15', t: '2026-06-14' });
    const year = await timed({ f: '2025-12-15', t: '2026-12-14' });

    const r0 = performance.now();
    const report = await gql(hub.url, `mutation { generateReport(period: YEAR, from: "2026-06-01") { rows { key } xlsxUrl } }`, {}, admin);
    const reportMs = Math.round(performance.now() - r0);
    const xlsx = await fetch(new URL(report.generateReport.xlsxUrl, hub.url));
    const xlsxBytes = (await xlsx.arrayBuffer()).byteLength;

    let firstPaintMs: number | null = null;
    const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    if (existsSync(chromiumPath)) {
      const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
      try {
        const paints: number[] = [];
        for (let i = 0; i < 3; i++) {
          const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
          await page.addInitScript((token) => (globalThis as any).localStorage.setItem('dvc-hub.dashboard.token', token), observer);
          const s = performance.now();
          await page.goto(`${hub.url}/dashboard`);
          await page.waitForFunction(
            () => {
              const d = (globalThis as any).document;
              return !/–/.test(d.querySelector('[data-testid="received-today"]').textContent) && !/–/.test(d.querySelector('[data-testid="in-progress"]').textContent) && !/–/.test(d.querySelector('[data-testid="score-total"]').textContent);
            },
            undefined,
            { timeout: 30_000 },
          );
          paints.push(performance.now() - s);
          await page.close();
        }
        firstPaintMs = Math.round(paints.sort((a, b) => a - b)[1]!);
      } finally {
        await browser.close();
      }
    }
    return {
      bench: 'statistics',
      machine: machine(),
      date: new Date().toISOString(),
      data: { ...counts, generateSeconds },
      runs: opts.runs,
      firstRequestMs,
      provinceByAgencyMonthMs: { window: '2026-05-15..2026-06-14', ...month },
      provinceByAgencyYearMs: { window: '2025-12-15..2026-12-14', ...year },
      reportYearXlsx: { ms: reportMs, rows: report.generateReport.rows.length, xlsxBytes },
      dashboardFirstPaintMs: firstPaintMs,
      target: 'processingStatistics p50 < 200 ms (month and year); year report XLSX < 5 s; dashboard first paint with data < 2 s',
      met: month.p50 < 200 && year.p50 < 200 && reportMs < 5000 && (firstPaintMs ?? 0) < 2000,
    };
  });
}
