import 'reflect-metadata';
import { createScratchDatabase } from '../src/db/scratch-database';
import { openOrm, migrate } from '../src/db/orm';
import { seedDemo } from '../src/seed/seed';
import { CATALOGUE_BENCH_QUERY } from './catalogue-query';
import { load, machine, startChild } from './support';

/**
 * npm run bench -- catalogue: throughput and latency of the catalogue query through the hub,
 * against a hand-written SQL + JSON.stringify baseline on the same database, in one run.
 */
export async function benchCatalogue(opts: { seconds: number; connections: number; serverUrl: string }) {
  const db = await createScratchDatabase(opts.serverUrl);
  const orm = await openOrm({ databaseUrl: db.url, poolMax: 2 });
  await migrate(orm);
  await seedDemo(orm.em.fork(), new Date());
  await orm.close();

  const env = { DATABASE_URL: db.url, DB_POOL_MAX: '10', NODE_ENV: 'production', AUTH_JWT_SECRET: 'bench-secret-0123456789abcdef' };
  const hub = await startChild('hub-server.js', env);
  const baseline = await startChild('catalogue-baseline-server.js', env);
  const body = JSON.stringify({ query: CATALOGUE_BENCH_QUERY, variables: { first: 20 } });
  try {
    // Same answer from both (checked once), then warm up, then measure.
    const a = await (await fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json();
    const b = await (await fetch(baseline.url)).json();
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('hub and baseline answer differently');
    await load({ url: `${hub.url}/graphql`, method: 'POST', body, connections: opts.connections, seconds: 3 });
    await load({ url: baseline.url, connections: opts.connections, seconds: 3 });
    const hubResult = await load({ url: `${hub.url}/graphql`, method: 'POST', body, connections: opts.connections, seconds: opts.seconds });
    const baseResult = await load({ url: baseline.url, connections: opts.connections, seconds: opts.seconds });
    const ratio = hubResult.requestsPerSec / baseResult.requestsPerSec;
    return {
      bench: 'catalogue',
      machine: machine(),
      date: new Date().toISOString(),
      database: db.kind,
      connections: opts.connections,
      seconds: opts.seconds,
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
