/**
 * The hub's three connectors, built from configuration.
 *
 * Base URLs come from NATIONAL_PORTAL_URL, POPULATION_DB_URL and PAYMENT_PLATFORM_URL, or
 * from `urls` (e.g. the URLs of simulators the caller started in-process because a
 * variable was unset). Timeouts, retries and breaker settings are shared:
 * CONNECTOR_TIMEOUT_MS, CONNECTOR_RETRIES, CONNECTOR_BACKOFF_MS,
 * CONNECTOR_BREAKER_THRESHOLD, CONNECTOR_BREAKER_HALF_OPEN_MS. Each connector has its own
 * circuit breaker.
 */
import type { Config } from '../config';
import type { Logger } from '../logger';
import { HttpNationalPortal, type NationalPortal } from './national-portal';
import { HttpPaymentPlatform, type PaymentPlatform } from './payment-platform';
import { HttpPopulationRegistry, type PopulationRegistry } from './population';
import type { BreakerState, ConnectorCallReport, ResilienceOptions } from './resilience';
import { httpSmsGateway, httpWebhookSender, smtpMailer, type Mailer, type SmsGateway, type WebhookSender } from './notifiers';

export type ConnectorConfig = Pick<
  Config,
  | 'NATIONAL_PORTAL_URL'
  | 'POPULATION_DB_URL'
  | 'PAYMENT_PLATFORM_URL'
  | 'NATIONAL_PORTAL_API_KEY'
  | 'PAYMENT_PARTNER_CODE'
  | 'PAYMENT_SECRET'
  | 'CONNECTOR_TIMEOUT_MS'
  | 'CONNECTOR_RETRIES'
  | 'CONNECTOR_BACKOFF_MS'
  | 'CONNECTOR_BREAKER_THRESHOLD'
  | 'CONNECTOR_BREAKER_HALF_OPEN_MS'
> &
  Partial<Pick<Config, 'SMTP_URL' | 'SMS_GATEWAY_URL' | 'MAIL_FROM' | 'SMS_BRANDNAME' | 'NOTIFY_TIMEOUT_MS' | 'NOTIFY_CONCURRENCY' | 'WEBHOOK_TIMEOUT_MS' | 'WEBHOOK_ALLOW_PRIVATE' | 'NODE_ENV'>>;

export interface ConnectorUrls {
  national: string;
  population: string;
  payment: string;
  /** SMTP_URL and SMS_GATEWAY_URL (issue 13). */
  mail?: string;
  sms?: string;
}

/** Citizen e-mail and SMS, and sector systems' webhooks (src/connectors/notifiers.ts). */
export interface Notifiers {
  /** Null when neither SMTP_URL nor a sink URL was given: e-mail notifications wait. */
  mailer: Mailer | null;
  sms: SmsGateway | null;
  webhooks: WebhookSender;
}

export interface Connectors {
  nationalPortal: NationalPortal;
  population: PopulationRegistry;
  payment: PaymentPlatform;
  notifiers: Notifiers;
  /** Breaker state of each connector, for metrics and /readyz. */
  breakerStates(): Record<'national-portal' | 'population' | 'payment', BreakerState>;
  /** Reports every call of every connector (metrics); optional for hand-made connectors in tests. */
  onCall?(listener: (call: ConnectorCallReport) => void): void;
}

export interface CreateConnectorsOptions {
  /** Base URLs that take precedence over the configuration's. */
  urls?: Partial<ConnectorUrls>;
  /** Clock for message timestamps the connectors make themselves (payment QUERY). */
  now?: () => Date;
}

export function createConnectors(config: ConnectorConfig, log?: Logger, opts: CreateConnectorsOptions = {}): Connectors {
  const url = (given: string | undefined, configured: string | undefined, variable: string) => {
    const u = given ?? configured;
    if (!u) throw new Error(`${variable} is not set and no simulator URL was given for it`);
    return u;
  };
  const common = (baseUrl: string): Omit<ResilienceOptions, 'name'> => ({
    baseUrl,
    timeoutMs: config.CONNECTOR_TIMEOUT_MS,
    retries: config.CONNECTOR_RETRIES,
    backoffInitialMs: config.CONNECTOR_BACKOFF_MS,
    backoffMaxMs: Math.max(5000, config.CONNECTOR_BACKOFF_MS),
    breakerThreshold: config.CONNECTOR_BREAKER_THRESHOLD,
    breakerHalfOpenMs: config.CONNECTOR_BREAKER_HALF_OPEN_MS,
    log,
  });

  const nationalPortal = new HttpNationalPortal({
    ...common(url(opts.urls?.national, config.NATIONAL_PORTAL_URL, 'NATIONAL_PORTAL_URL')),
    apiKey: config.NATIONAL_PORTAL_API_KEY,
  });
  const population = new HttpPopulationRegistry(common(url(opts.urls?.population, config.POPULATION_DB_URL, 'POPULATION_DB_URL')));
  const payment = new HttpPaymentPlatform({
    ...common(url(opts.urls?.payment, config.PAYMENT_PLATFORM_URL, 'PAYMENT_PLATFORM_URL')),
    partnerCode: config.PAYMENT_PARTNER_CODE,
    secret: config.PAYMENT_SECRET,
    now: opts.now,
  });

  const mailUrl = opts.urls?.mail ?? config.SMTP_URL;
  const smsUrl = opts.urls?.sms ?? config.SMS_GATEWAY_URL;
  const notifyTimeout = config.NOTIFY_TIMEOUT_MS ?? 15_000;
  const notifiers: Notifiers = {
    mailer: mailUrl ? smtpMailer(mailUrl, config.MAIL_FROM ?? 'no-reply@dvc-hub.localhost', notifyTimeout, config.NOTIFY_CONCURRENCY ?? 16) : null,
    sms: smsUrl ? httpSmsGateway(smsUrl, config.SMS_BRANDNAME ?? 'DVC', notifyTimeout) : null,
    webhooks: httpWebhookSender({
      timeoutMs: config.WEBHOOK_TIMEOUT_MS ?? 10_000,
      allowPrivate: config.WEBHOOK_ALLOW_PRIVATE ?? false,
      production: config.NODE_ENV === 'production',
    }),
  };

  return {
    nationalPortal,
    population,
    payment,
    notifiers,
    breakerStates: () => ({
      'national-portal': nationalPortal.breakerState(),
      population: population.breakerState(),
      payment: payment.breakerState(),
    }),
    onCall: (listener) => {
      for (const c of [nationalPortal, population, payment]) c.http.onCall(listener);
    },
  };
}

export type { Mailer, SmsGateway, WebhookSender, SendOutcome } from './notifiers';
export { UpstreamError, isUpstreamError, type UpstreamFailure } from './upstream-error';
export type { BreakerState, ConnectorCallReport } from './resilience';
export type { NationalPortal } from './national-portal';
export type { PopulationRegistry, PopulationLookupInput, PopulationLookupResult, PopulationCitizen } from './population';
export type { PaymentPlatform, PaymentInitInput, PaymentInitResult, PaymentQueryResult, IpnMessage } from './payment-platform';
export { ipnAck } from './payment-platform';
