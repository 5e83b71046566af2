import type { MikroORM } from '@mikro-orm/postgresql';
import { ConfigError, type Config } from './config';
import type { Logger } from './logger';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded-postgres';
import { openOrm, migrate } from './db/orm';
import { createConnectors, type Connectors } from './connectors';
import { startSimulators, type Simulators } from './connectors/simulators';
import { databaseUnreachable, isConnectFailure } from './startup';

export interface Database {
  orm: MikroORM;
  url: string;
  embedded: EmbeddedPostgres | null;
  close(): Promise<void>;
}

/** Opens the configured PostgreSQL (or starts the embedded one) and applies pending migrations. */
export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  let embedded: EmbeddedPostgres | null = null;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.EMBEDDED_DB_DIR);
    url = embedded.url;
    log.warn(
      { dataDir: config.EMBEDDED_DB_DIR ?? '(memory)' },
      'DATABASE_URL is not set: running on an embedded PGlite database (for trying the hub out, not for production)',
    );
  }
  // PGlite runs one session for every client: concurrent extended-protocol queries from several
  // connections clobber each other's unnamed statements, so the embedded database gets one.
  let orm: MikroORM;
  try {
    orm = await openOrm({ databaseUrl: url, poolMax: embedded ? 1 : config.DB_POOL_MAX });
  } catch (e) {
    await embedded?.stop();
    throw config.DATABASE_URL && isConnectFailure(e) ? databaseUnreachable(config.DATABASE_URL, e) : e;
  }
  try {
    const applied = await migrate(orm);
    if (applied.length) log.info({ applied }, 'migrations applied');
  } catch (e) {
    await orm.close();
    await embedded?.stop();
    throw config.DATABASE_URL && isConnectFailure(e) ? databaseUnreachable(config.DATABASE_URL, e) : e;
  }
  return {
    orm,
    url,
    embedded,
    async close() {
      await orm.close();
      await embedded?.stop();
    },
  };
}

const CONNECTOR_URLS = ['NATIONAL_PORTAL_URL', 'POPULATION_DB_URL', 'PAYMENT_PLATFORM_URL', 'SMTP_URL', 'SMS_GATEWAY_URL'] as const;

function unsetConnectorUrls(config: Config): string[] {
  return CONNECTOR_URLS.filter((v) => !config[v]);
}

/**
 * Production refuses to start with a connector URL unset (it would take payments from, and
 * send citizens' mail to, an in-process simulator) unless CONNECTOR_SIMULATORS says so.
 * Called at start-up, before the database is touched.
 */
export function assertConnectorUrls(config: Config): void {
  const unset = unsetConnectorUrls(config);
  if (!unset.length || config.CONNECTOR_SIMULATORS) return;
  throw new ConfigError(
    `connector URL(s) not set: ${unset.join(', ')}`,
    unset.map((variable) => ({ variable, message: 'not set: production needs the real address (CONNECTOR_SIMULATORS=true runs the simulators instead, demo only)' })),
  );
}

/**
 * Connectors for the configured base URLs. Where a URL is unset (a newcomer's `npm start`),
 * the project's simulators are started in this process and used instead, on SIM_NATIONAL_PORT,
 * SIM_POPULATION_PORT and SIM_PAYMENT_PORT (4101–4103), SIM_SMTP_PORT, SIM_MAIL_PORT and
 * SIM_SMS_PORT (4104–4106; SMTP_URL, SMS_GATEWAY_URL), or the next free port when one is taken.
 */
export async function openConnectors(config: Config, log: Logger): Promise<{ connectors: Connectors; simulators: Simulators | null }> {
  const missing = unsetConnectorUrls(config).length > 0;
  assertConnectorUrls(config);
  const simulators = missing
    ? await startSimulators({
        host: config.SIM_HOST,
        nationalPort: config.SIM_NATIONAL_PORT,
        populationPort: config.SIM_POPULATION_PORT,
        paymentPort: config.SIM_PAYMENT_PORT,
        smtpPort: config.SIM_SMTP_PORT,
        mailPort: config.SIM_MAIL_PORT,
        smsPort: config.SIM_SMS_PORT,
        nextFreePort: true,
        partnerCode: config.PAYMENT_PARTNER_CODE,
        secret: config.PAYMENT_SECRET,
        nationalApiKey: config.NATIONAL_PORTAL_API_KEY,
        ipnUrl: config.PAYMENT_IPN_URL,
        log: log.child({ component: 'simulators' }),
      })
    : null;
  const urls = {
    national: config.NATIONAL_PORTAL_URL ?? simulators?.urls.national,
    population: config.POPULATION_DB_URL ?? simulators?.urls.population,
    payment: config.PAYMENT_PLATFORM_URL ?? simulators?.urls.payment,
    mail: config.SMTP_URL ?? simulators?.urls.mail,
    sms: config.SMS_GATEWAY_URL ?? simulators?.urls.sms,
  };
  if (simulators) {
    log.warn(
      {
        national: !config.NATIONAL_PORTAL_URL && urls.national,
        population: !config.POPULATION_DB_URL && urls.population,
        payment: !config.PAYMENT_PLATFORM_URL && urls.payment,
        mail: !config.SMTP_URL && urls.mail,
        mailMessages: !config.SMTP_URL && `${simulators.urls.mailControl}/_sim/messages`,
        sms: !config.SMS_GATEWAY_URL && urls.sms,
      },
      'connector URL(s) not set: using the in-process simulators (demo only)',
    );
  }
  return { connectors: createConnectors(config, log, { urls }), simulators };
}
