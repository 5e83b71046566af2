/**
 * Starts the simulators (national portal, population database, payment platform, and for
 * notifications an SMTP sink and an SMS gateway) as real servers in this process. Port 0
 * (the default) = a free port.
 */
import { loadConfig } from '../../config';
import type { Logger } from '../../logger';
import { startNationalSimulator, type NationalSimulator } from './national';
import { startPaymentSimulator, type PaymentSimulator } from './payment';
import { startPopulationSimulator, type PopulationSimulator } from './population';
import { startSmtpSink, type SmtpSink } from './smtp-sink';
import { startSmsGatewaySimulator, type SmsGatewaySimulator } from './sms-gateway';

export interface StartSimulatorsOptions {
  nationalPort?: number;
  populationPort?: number;
  paymentPort?: number;
  /** The SMTP sink's SMTP port and its HTTP control port, and the SMS gateway's port. */
  smtpPort?: number;
  mailPort?: number;
  smsPort?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** When a port is taken, take the next free one (logged) instead of failing. */
  nextFreePort?: boolean;
  /** Where the payment simulator sends IPNs (can be set later: payment.setIpnUrl). */
  ipnUrl?: string;
  /** MaDoiTac; default: the hub's PAYMENT_PARTNER_CODE default. */
  partnerCode?: string;
  /** Checksum secret; default: the hub's PAYMENT_SECRET default. */
  secret?: string;
  /** Sent by the hub as X-API-Key; when set the national simulator requires it. */
  nationalApiKey?: string;
  log?: Logger;
  /** Clock for the payment simulator's transaction times. */
  now?: () => Date;
}

export interface Simulators {
  /** mail: the SMTP URL (SMTP_URL); sms: the send endpoint (SMS_GATEWAY_URL); mailControl: the sink's HTTP control. */
  urls: { national: string; population: string; payment: string; mail: string; sms: string; mailControl: string };
  national: NationalSimulator;
  population: PopulationSimulator;
  payment: PaymentSimulator;
  mail: SmtpSink;
  sms: SmsGatewaySimulator;
  close(): Promise<void>;
}

export async function startSimulators(opts: StartSimulatorsOptions = {}): Promise<Simulators> {
  const common = { host: opts.host, log: opts.log, nextFreePort: opts.nextFreePort };
  const defaults = loadConfig({}); // the configuration's defaults, without reading process.env
  const started: { close(): Promise<void> }[] = [];
  try {
    const national = await startNationalSimulator({ ...common, port: opts.nationalPort, apiKey: opts.nationalApiKey });
    started.push(national);
    const population = await startPopulationSimulator({ ...common, port: opts.populationPort });
    started.push(population);
    const payment = await startPaymentSimulator({
      ...common,
      port: opts.paymentPort,
      partnerCode: opts.partnerCode ?? defaults.PAYMENT_PARTNER_CODE,
      secret: opts.secret ?? defaults.PAYMENT_SECRET,
      ipnUrl: opts.ipnUrl,
      now: opts.now,
    });
    started.push(payment);
    const mail = await startSmtpSink({ ...common, smtpPort: opts.smtpPort, port: opts.mailPort });
    started.push(mail);
    const sms = await startSmsGatewaySimulator({ ...common, port: opts.smsPort });
    started.push(sms);
    return {
      urls: { national: national.url, population: population.url, payment: payment.url, mail: mail.smtpUrl, sms: sms.sendUrl, mailControl: mail.url },
      national,
      population,
      payment,
      mail,
      sms,
      close: async () => {
        await Promise.all(started.map((s) => s.close()));
      },
    };
  } catch (e) {
    // A port in use, say: do not leave the ones already started listening.
    await Promise.all(started.map((s) => s.close()));
    throw e;
  }
}

export type { NationalSimulator } from './national';
export type { PopulationSimulator } from './population';
export type { SmtpSink, SinkMessage } from './smtp-sink';
export type { SmsGatewaySimulator, SimSms } from './sms-gateway';
export type { PaymentSimulator, PayResult, SimTransaction } from './payment';
export type { FaultMode, FaultSettings, RecordedRequest, SimulatorHandle } from './sim-server';
