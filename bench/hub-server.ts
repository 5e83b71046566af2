/** The hub as a benchmark target: started in its own process on DATABASE_URL, reports its URL to the parent. */
import 'reflect-metadata';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { openOrm } from '../src/db/orm';
import { startHub } from '../src/server';
import { answerCpuRequests } from './support';

async function main() {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'error' });
  const orm = await openOrm({ databaseUrl: config.DATABASE_URL!, poolMax: config.DB_POOL_MAX });
  const hub = await startHub({ config, orm, log: createLogger('error') }, { port: 0, host: '127.0.0.1' });
  answerCpuRequests();
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
