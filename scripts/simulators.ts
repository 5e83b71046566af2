import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { startSimulators } from '../src/connectors/simulators';

/**
 * npm run simulators: the national portal, population database and payment platform
 * simulators on SIM_NATIONAL_PORT (4101), SIM_POPULATION_PORT (4102) and SIM_PAYMENT_PORT
 * (4103) of SIM_HOST (127.0.0.1); the SMTP sink on SIM_SMTP_PORT (4104, SMTP) with its
 * control on SIM_MAIL_PORT (4105, GET /_sim/messages), the SMS gateway on SIM_SMS_PORT (4106). The payment simulator signs with PAYMENT_PARTNER_CODE /
 * PAYMENT_SECRET and sends IPNs to PAYMENT_IPN_URL (default: the hub's POST /payments/ipn
 * on PORT). Point the hub at them with NATIONAL_PORTAL_URL, POPULATION_DB_URL and
 * PAYMENT_PLATFORM_URL.
 */
(async () => {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL, 'dvc-hub-simulators');
  const ipnUrl = config.PAYMENT_IPN_URL ?? `http://127.0.0.1:${config.PORT}/payments/ipn`;
  const sims = await startSimulators({
    host: config.SIM_HOST,
    nationalPort: config.SIM_NATIONAL_PORT,
    populationPort: config.SIM_POPULATION_PORT,
    paymentPort: config.SIM_PAYMENT_PORT,
    smtpPort: config.SIM_SMTP_PORT,
    mailPort: config.SIM_MAIL_PORT,
    smsPort: config.SIM_SMS_PORT,
    partnerCode: config.PAYMENT_PARTNER_CODE,
    secret: config.PAYMENT_SECRET,
    nationalApiKey: config.NATIONAL_PORTAL_API_KEY,
    ipnUrl,
    log,
  });
  log.info(
    { ...sims.urls, ipnUrl },
    `simulators listening: NATIONAL_PORTAL_URL=${sims.urls.national} POPULATION_DB_URL=${sims.urls.population} PAYMENT_PLATFORM_URL=${sims.urls.payment} SMTP_URL=${sims.urls.mail} SMS_GATEWAY_URL=${sims.urls.sms} (mail sink: ${sims.urls.mailControl}/_sim/messages)`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'simulators stopping');
    sims.close().then(
      () => process.exit(0),
      (e) => {
        log.error({ err: e }, 'simulators did not close cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
})().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
