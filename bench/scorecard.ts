import { machine } from './support';
import { onDossierYear, timedQuery } from './dossier-year';
import { BENCH_SECRET } from './dossier-support';
import { signDevToken } from '../src/auth/tokens';
import { dossierFactsQuery } from '../src/stores/scorecard.store';

/**
 * npm run bench -- scorecard: `dossiers` dossiers (default 1,000,000) over 200 agencies and the
 * year 2026, with payments, evaluations and feedback in proportion, written straight into the
 * database in receipt order (as a running hub appends them); then the scorecard through the hub's GraphQL API for the province, a district (with
 * its communes) and one commune over a quarter. `runs` timed runs each after 3 warm-up runs.
 */
export function benchScorecard(opts: { dossiers: number; runs: number; serverUrl: string }) {
  return onDossierYear(opts.serverUrl, opts.dossiers, async ({ hub, pg, generateSeconds }) => {
    const counts = (await pg.query(`select (select count(*) from dossier)::int d, (select count(*) from agency)::int a, (select count(*) from payment)::int p,
      (select count(*) from evaluation)::int e, (select count(*) from feedback)::int f`)).rows[0];

    const district = (await pg.query(`select code from agency where level = 'DISTRICT' order by code limit 1`)).rows[0].code;
    const commune = (await pg.query(`select code from agency where name like '%(bench)' order by code limit 1`)).rows[0].code;
    const token = await signDevToken(BENCH_SECRET, { sub: 'bench-observer', roles: ['OBSERVER'] });
    const Q = `query($a: String, $f: Date!, $t: Date!) { scorecard(agencyCode: $a, from: $f, to: $t) { totalScore groups { group score } indicators { key numerator denominator score } } }`;
    const url = hub.url;
    const measure = async (agencyCode: string | null) => {
      const { p50, p90, max, last } = await timedQuery(url, Q, { a: agencyCode, f: '2026-04-01', t: '2026-06-30' }, token, opts.runs);
      const received = last.scorecard.indicators.find((x: any) => x.key === 'PROGRESS_ON_TIME').denominator;
      return { p50, p90, max, dossiersInQuarter: received, totalScore: last.scorecard.totalScore };
    };
    if (process.env.BENCH_EXPLAIN) {
      // the province's statement as the hub sends it; knex-style ? placeholders → $n for pg
      const { text, params } = dossierFactsQuery({
        agencyCode: null,
        asOf: new Date('2026-07-01T00:00:00+07:00'),
        start: new Date('2026-04-01T00:00:00+07:00'),
        end: new Date('2026-07-01T00:00:00+07:00'),
      }).toQuery();
      let n = 0;
      const sql = text.replace(/\?/g, () => `$${++n}`);
      const plan = await pg.query(`explain (analyze, buffers) ${sql}`, params);
      process.stderr.write(plan.rows.map((r: any) => r['QUERY PLAN']).join('\n') + '\n');
    }
    const province = await measure(null);
    const districtR = await measure(district);
    const communeR = await measure(commune);
    return {
      bench: 'scorecard',
      machine: machine(),
      date: new Date().toISOString(),
      data: { ...counts, generateSeconds },
      quarter: '2026-04-01..2026-06-30',
      runs: opts.runs,
      provinceMs: province,
      districtMs: { agency: district, ...districtR },
      communeMs: { agency: commune, ...communeR },
      target: 'p50 < 200 ms for the province and for one agency over a quarter',
      met: province.p50 < 200 && districtR.p50 < 200 && communeR.p50 < 200,
    };
  });
}
