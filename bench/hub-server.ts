/**
 * The hub as a separate process (benchmarks, and tests that need a second hub or a killed one):
 * started on DATABASE_URL with the connector URLs of its environment (in-process simulators for
 * those unset), reports its URL to the parent.
 */
import 'reflect-metadata';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { openOrm } from '../src/db/orm';
import { startHub } from '../src/http/server';
import { openConnectors } from '../src/bootstrap';
import { installShutdown } from '../src/shutdown';
import { answerCpuRequests } from './support';

async function main() {
  const config = loadConfig({ LOG_LEVEL: 'error', ...process.env });
  const log = createLogger(config.LOG_LEVEL);
  const orm = await openOrm({ databaseUrl: config.DATABASE_URL!, poolMax: config.DB_POOL_MAX });
  const { connectors } = await openConnectors(config, log);
  const hub = await startHub({ config, orm, log, connectors }, { port: 0, host: '127.0.0.1' });
  installShutdown(log, async () => {
    await hub.close();
    await orm.close();
  });
  answerCpuRequests();
  // BENCH_RECORD_COMMITS: remember when each dossier event was published — right after its
  // transaction committed — so the fanout bench can measure commit → last subscriber.
  const commits = new Map<string, number>();
  if (process.env.BENCH_RECORD_COMMITS) {
    const pubSub = hub.services.pubSub as { publish: (...args: any[]) => void };
    const publish = pubSub.publish.bind(pubSub);
    pubSub.publish = (...args: any[]) => {
      const [topic, scope, e] = args as [string, string, { code: string; dueAt: string | null }];
      if (topic === 'DOSSIER_STATUS' && scope === 'all') commits.set(`${e.code}|${Date.parse(e.dueAt ?? '')}`, performance.timeOrigin + performance.now());
      publish(...args);
    };
  }
  process.on('message', (m) => {
    if (m === 'commits') {
      process.send?.({ commits: Object.fromEntries(commits) });
      commits.clear();
    }
  });
  // 'mem' → { rss, heapUsed } in bytes (the fanout bench reports the hub's memory);
  // 'mem-gc' collects garbage first when node runs with --expose-gc.
  process.on('message', (m) => {
    if (m === 'mem' || m === 'mem-gc') {
      if (m === 'mem-gc') (globalThis as { gc?: () => void }).gc?.();
      const u = process.memoryUsage();
      process.send?.({ rss: u.rss, heapUsed: u.heapUsed });
    }
  });
  process.send?.({ ready: hub.url });
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
