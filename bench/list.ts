import { machine } from './support';
import { onDossierYear, timedQuery } from './dossier-year';
import { gql, BENCH_SECRET } from './dossier-support';
import { signDevToken } from '../src/auth/tokens';

/**
 * npm run bench -- list: the `dossiers` list on the scorecard bench's year of `dossiers` dossiers
 * (default 1,000,000 over 200 agencies), through the hub's GraphQL API: a desk officer's first
 * page (the reader-agency array, GIN index), the same filtered by their agency code (received or
 * handled there), by status, the tenth page by cursor, with totalCount; ADMIN's first page, by
 * agency, and the province's totalCount. `runs` timed requests each after 3 warm-up ones; p50 and
 * p90 in ms. No target in the issues: this answers "a big agency's list was never measured".
 */
export function benchList(opts: { dossiers: number; runs: number; serverUrl: string }) {
  return onDossierYear(opts.serverUrl, opts.dossiers, async ({ hub, pg, generateSeconds }) => {
    // The demo agency (its desk officer is registered) holding the most dossiers.
    const [big] = (
      await pg.query(`select a.code, count(*)::int as n from dossier d join agency a on a.id = d.agency_id
                       where a.name not like '%(bench)' group by a.code order by n desc limit 1`)
    ).rows as { code: string; n: number }[];
    const desk = await signDevToken(BENCH_SECRET, { sub: `reception_officer@${big!.code}`, roles: ['RECEPTION_OFFICER'], agencies: [big!.code] });
    const admin = await signDevToken(BENCH_SECRET, { sub: 'bench-admin', roles: ['ADMIN'] });

    const PAGE = `query($f: DossierFilter, $after: String) { dossiers(first: 20, filter: $f, after: $after) { edges { node { code status dueAt } } pageInfo { endCursor } } }`;
    const COUNTED = `query($f: DossierFilter) { dossiers(first: 20, filter: $f) { totalCount edges { node { code } } } }`;
    const timed = async (query: string, vars: Record<string, unknown>, token: string) => {
      const { p50, p90, last } = await timedQuery(hub.url, query, vars, token, opts.runs);
      return { p50, p90, rows: last.dossiers.edges.length, totalCount: last.dossiers.totalCount ?? undefined };
    };
    // The tenth page's cursor, walked once.
    let after: string | null = null;
    for (let i = 0; i < 9; i++) after = (await gql(hub.url, PAGE, { f: null, after }, desk)).dossiers.pageInfo.endCursor;

    return {
      bench: 'list',
      machine: machine(),
      date: new Date().toISOString(),
      dossiers: opts.dossiers,
      generateSeconds,
      agency: big,
      runs: opts.runs,
      deskFirstPage: await timed(PAGE, { f: null, after: null }, desk),
      deskByOwnAgency: await timed(PAGE, { f: { agencyCode: big!.code }, after: null }, desk),
      deskByStatus: await timed(PAGE, { f: { status: ['PROCESSING'] }, after: null }, desk),
      deskTenthPage: await timed(PAGE, { f: null, after }, desk),
      deskWithTotalCount: await timed(COUNTED, { f: null }, desk),
      adminFirstPage: await timed(PAGE, { f: null, after: null }, admin),
      adminByAgency: await timed(PAGE, { f: { agencyCode: big!.code }, after: null }, admin),
      adminProvinceTotalCount: await timed(COUNTED, { f: null }, admin),
    };
  });
}
