import 'reflect-metadata';
import { DEV_JWT_SECRET, loadConfig } from './config';
import { createLogger } from './logger';
import { assertConnectorUrls, openConnectors, openDatabase } from './bootstrap';
import { seedIfEmpty } from './seed/seed';
import { startHub } from './http/server';
import { installShutdown } from './shutdown';
import { assertPortFree, exitOnStartupFailure } from './startup';

async function main(): Promise<void> {
  const config = loadConfig(); // a ConfigError names every bad variable (exitOnStartupFailure)
  assertConnectorUrls(config); // production: every connector's real address, or CONNECTOR_SIMULATORS=true
  const log = createLogger(config.LOG_LEVEL);
  if (config.jwtSecret === DEV_JWT_SECRET) {
    log.warn('AUTH_JWT_SECRET is not set: using the built-in development secret (npm run token signs with it)');
  }

  // A busy port is said once, before migrations run.
  await assertPortFree(config.PORT, config.HOST, 'PORT');
  if (config.METRICS_PORT) await assertPortFree(config.METRICS_PORT, config.HOST, 'METRICS_PORT');
  const db = await openDatabase(config, log);
  if (config.SEED_DEMO) {
    const seeded = await seedIfEmpty(db.orm.em.fork(), new Date());
    if (seeded) log.info(seeded, 'empty database: demo catalogue loaded (demo data, not an official catalogue)');
  }
  const { connectors, simulators } = await openConnectors(config, log);
  const hub = await startHub({ config, orm: db.orm, log, connectors });
  // The in-process payment simulator sends its IPNs to this hub unless told otherwise.
  if (simulators && !config.PAYMENT_IPN_URL) simulators.payment.setIpnUrl(`${hub.url}/payments/ipn`);
  log.info({ url: `${hub.url}/graphql` }, 'dvc-hub is listening (GraphQL and graphql-ws on /graphql)');

  installShutdown(log, async () => {
    await hub.close(); // no new requests; in-flight requests and job runs finish
    await db.close();
    await simulators?.close();
  });
}

// Configuration, database, port …: one JSON line naming what to change, and a non-zero exit.
main().catch(exitOnStartupFailure);
