import 'reflect-metadata';
import { createScratchDatabase } from '../src/db/scratch-database';
import { openOrm, migrate } from '../src/db/orm';
import { seedDemo } from '../src/seed/seed';
import { CATALOGUE_BENCH_QUERY } from './catalogue-query';
import { BENCH_PRODUCTION_ENV, childCpu, load, machine, startChild, type LoadResult } from './support';

/**
 * npm run bench -- catalogue: throughput and latency of the catalogue query through the hub,
 * against a hand-written SQL + JSON.stringify baseline on the same database, in one run.
 */
export async function benchCatalogue(opts: { seconds: number; rounds: number; connections: number; serverUrl: string }) {
  const db = await createScratchDatabase(opts.serverUrl);
  const orm = await openOrm({ databaseUrl: db.url, poolMax: 2 });
  await migrate(orm);
  await seedDemo(orm.em.fork(), new Date());
  await orm.close();

  // LOG_LEVEL=info: the hub writes its request log line for every request, as in production.
  const env = { DATABASE_URL: db.url, DB_POOL_MAX: '10', ...BENCH_PRODUCTION_ENV, LOG_LEVEL: 'info' };
  const hub = await startChild('hub-server.js', env);
  const baseline = await startChild('catalogue-baseline-server.js', env);
  const body = JSON.stringify({ query: CATALOGUE_BENCH_QUERY, variables: { first: 20 } });
  try {
    // Same answer from both (checked once), then warm up, then measure.
    const a = await (await fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json();
    const b = await (await fetch(baseline.url)).json();
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('hub and baseline answer differently');
    const targets = {
      hub: { child: hub.child, run: (seconds: number) => load({ url: `${hub.url}/graphql`, method: 'POST', body, connections: opts.connections, seconds }) },
      baseline: { child: baseline.child, run: (seconds: number) => load({ url: baseline.url, connections: opts.connections, seconds }) },
    };
    // Warm up both, then alternate rounds (hub, baseline, hub, baseline …) so a noisy
    // neighbour on the machine hits both alike; report the mean of the rounds.
    for (const t of Object.values(targets)) await t.run(3);
    const rounds: Record<'hub' | 'baseline', (LoadResult & { cpuMsPerRequest: number })[]> = { hub: [], baseline: [] };
    for (let r = 0; r < opts.rounds; r++) {
      for (const [name, t] of Object.entries(targets) as ['hub' | 'baseline', (typeof targets)['hub']][]) {
        const cpu0 = await childCpu(t.child);
        const res = await t.run(opts.seconds);
        const cpuMsPerRequest = (await childCpu(t.child)) - cpu0;
        rounds[name].push({ ...res, cpuMsPerRequest: Math.round((cpuMsPerRequest / 1000 / Math.max(1, res.total)) * 100) / 100 });
      }
    }
    const mean = (xs: LoadResult[], k: keyof LoadResult | 'cpuMsPerRequest') =>
      Math.round((xs.reduce((a, x) => a + Number((x as unknown as Record<string, number>)[k]), 0) / xs.length) * 10) / 10;
    const summary = (xs: (LoadResult & { cpuMsPerRequest: number })[]) => ({
      requestsPerSec: mean(xs, 'requestsPerSec'),
      p50: mean(xs, 'p50'),
      p99: mean(xs, 'p99'),
      cpuMsPerRequest: mean(xs, 'cpuMsPerRequest'),
      errors: xs.reduce((a, x) => a + x.errors + x.non2xx, 0),
      rounds: xs.map((x) => x.requestsPerSec),
    });
    const hubResult = summary(rounds.hub);
    const baseResult = summary(rounds.baseline);
    const ratio = hubResult.requestsPerSec / baseResult.requestsPerSec;
    return {
      bench: 'catalogue',
      machine: machine(),
      date: new Date().toISOString(),
      database: db.kind,
      connections: opts.connections,
      seconds: opts.seconds,
      rounds: opts.rounds,
      hub: hubResult,
      baseline: baseResult,
      ratio: Math.round(ratio * 1000) / 1000,
      target: 'hub ≥ 50% of baseline throughput',
      met: ratio >= 0.5,
    };
  } finally {
    hub.child.kill();
    baseline.child.kill();
    await db.drop();
  }
}
