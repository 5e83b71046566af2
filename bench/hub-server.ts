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
  process.send?.({ ready: hub.url });
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
