/**
 * The three ways the hub tells the outside world (issue 13): e-mail over SMTP (nodemailer,
 * SMTP_URL), SMS through a brandname gateway over HTTP (SMS_GATEWAY_URL), and signed webhooks
 * to sector systems. None of them retries by itself: the notification dispatcher
 * (src/jobs/notify-dispatch.job.ts) decides when to try again and records every attempt, so
 * each send is one attempt that answers what happened.
 */
import { createHmac } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';

/** What one attempt came to. */
export interface SendOutcome {
  ok: boolean;
  /** False when trying again cannot help (a permanent refusal). */
  retryable: boolean;
  /** HTTP status (webhooks, SMS) or SMTP reply code, when there was an answer. */
  responseStatus?: number;
  error?: string;
}

const failed = (error: string, retryable: boolean, responseStatus?: number): SendOutcome => ({ ok: false, retryable, error: error.slice(0, 1000), responseStatus });

// ------------------------------------------------------------------ e-mail

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Sent as X-DVC-Notification-Id (a receiver may dedupe a resend by it) and in the Message-ID. */
  notificationId: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface Mailer {
  send(m: MailMessage): Promise<SendOutcome>;
  close(): void;
}

/** nodemailer over one pooled SMTP transport (`connections` kept open, one per dispatcher lane: hundreds of messages a second). */
export function smtpMailer(url: string, from: string, timeoutMs: number, connections = 10): Mailer {
  const transport: Transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: connections,
    maxMessages: Infinity,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    // A sink or a relay on the LAN without a certificate: the URL says smtps:// when TLS is wanted.
    ignoreTLS: url.startsWith('smtp://') && /[?&]ignoreTLS=true\b/.test(url),
  } as Parameters<typeof nodemailer.createTransport>[0]);
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'dvc-hub.localhost';
  return {
    async send(m) {
      try {
        await transport.sendMail({
          from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          messageId: `<${m.notificationId}@${domain}>`,
          headers: { 'X-DVC-Notification-Id': m.notificationId },
          attachments: m.attachments,
        });
        return { ok: true, retryable: false };
      } catch (e) {
        const err = e as { responseCode?: number; message?: string; code?: string };
        const code = err.responseCode;
        // 5xx is a permanent refusal (unknown mailbox …); 4xx and no answer at all are worth another try.
        const permanent = code !== undefined && code >= 500 && code < 600;
        return failed(`${err.code ? `${err.code}: ` : ''}${err.message ?? String(e)}`, !permanent, code);
      }
    },
    close: () => transport.close(),
  };
}

// ------------------------------------------------------------------ SMS

export interface SmsMessage {
  phone: string;
  message: string;
  /** Sent as requestId: a gateway that dedupes drops a resend. */
  notificationId: string;
}

export interface SmsGateway {
  send(m: SmsMessage): Promise<SendOutcome>;
}

/** Answer codes that mean "this message can never go" (malformed phone, empty body …). */
const SMS_PERMANENT_CODES = new Set(['01', '02']);

/** One JSON POST over node:http(s) with a keep-alive agent (undici's fetch costs several times the CPU per request). */
function postJson(url: URL, agent: http.Agent, body: string, timeoutMs: number): Promise<{ status: number; text: string } | { error: string; timeout: boolean }> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: { status: number; text: string } | { error: string; timeout: boolean }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(r);
    };
    const req = client.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        if (text.length < 10_000) text += c;
      });
      res.on('end', () => finish({ status: res.statusCode ?? 0, text }));
      res.on('error', (e) => finish({ error: e.message, timeout: false }));
    });
    const timer = setTimeout(() => {
      finish({ error: `no answer within ${timeoutMs} ms`, timeout: true });
      req.destroy();
    }, timeoutMs);
    req.on('error', (e) => finish({ error: `network: ${e.message}`, timeout: false }));
    req.end(body);
  });
}

/** POST JSON {phone, message, brandname} to SMS_GATEWAY_URL; {code:"00"} is success. */
export function httpSmsGateway(url: string, brandname: string, timeoutMs: number): SmsGateway {
  const target = new URL(url);
  const agent = new (target.protocol === 'https:' ? https.Agent : http.Agent)({ keepAlive: true, maxSockets: 64, timeout: 30_000 });
  return {
    async send(m) {
      const res = await postJson(target, agent, JSON.stringify({ phone: m.phone, message: m.message, brandname, requestId: m.notificationId }), timeoutMs);
      if ('error' in res) return failed(res.error, true);
      const { status, text } = res;
      if (status < 200 || status >= 300) return failed(`HTTP ${status}: ${text.slice(0, 200)}`, status >= 500 || status === 408 || status === 429, status);
      let body: { code?: unknown; message?: unknown };
      try {
        body = JSON.parse(text);
      } catch {
        return failed(`unreadable answer: ${text.slice(0, 200)}`, true, status);
      }
      const code = String(body.code ?? '');
      if (code === '00') return { ok: true, retryable: false, responseStatus: status };
      return failed(`gateway code ${code}: ${String(body.message ?? '')}`, !SMS_PERMANENT_CODES.has(code), status);
    },
  };
}

// ------------------------------------------------------------------ webhooks

/** The three headers of a delivery; the signature is v1=<hex HMAC-SHA256(secret, id.timestamp.body)>. */
export function webhookSignature(secret: string, id: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('hex')}`;
}

/** Loopback, private, link-local, CGNAT, multicast, unspecified and the like (v4, v6, v4-mapped v6). */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv6');

/** Is this address one a webhook must not reach (unless WEBHOOK_ALLOW_PRIVATE)? */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
    return PRIVATE.check(address, 'ipv6');
  }
  return true; // not an address at all: refuse
}

/** Why a webhook URL may not be used (null: it may), checked at registration and before each delivery. */
export function webhookUrlProblem(raw: string, opts: { production: boolean }): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'only https:// (or http:// outside production) URLs';
  if (u.username || u.password) return 'no user or password in the URL';
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (u.protocol === 'http:' && opts.production && host !== '127.0.0.1') return 'production delivers to https:// URLs only';
  return null;
}

export interface WebhookRequest {
  url: string;
  id: string;
  timestamp: string;
  body: string;
  secret: string;
}

export interface WebhookSender {
  send(r: WebhookRequest): Promise<SendOutcome>;
}

class PrivateAddressError extends Error {}

/**
 * POSTs a delivery with node's http(s) client. The address checked is the one connected to: a
 * lookup that refuses private addresses is given to the socket itself (no second resolution a
 * DNS answer could change in between), and a literal IP is checked before connecting.
 */
export function httpWebhookSender(opts: { timeoutMs: number; allowPrivate: boolean; production: boolean }): WebhookSender {
  const guardedLookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return (callback as (e: Error | null, a: LookupAddress[]) => void)(err, []);
      const list = addresses as LookupAddress[];
      const bad = opts.allowPrivate ? undefined : list.find((a) => isPrivateAddress(a.address));
      if (bad) return (callback as (e: Error | null, a: LookupAddress[]) => void)(new PrivateAddressError(`${hostname} resolves to a private address (${bad.address}); set WEBHOOK_ALLOW_PRIVATE=true to allow it`), []);
      if ((options as { all?: boolean }).all) return (callback as (e: Error | null, a: LookupAddress[]) => void)(null, list);
      const first = list[0]!;
      return (callback as (e: Error | null, a: string, f: number) => void)(null, first.address, first.family);
    });
  };
  // Keep-alive: a socket is checked once, when it connects (the lookup above), then reused.
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 30_000 });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64, timeout: 30_000 });
  return {
    send(r) {
      const problem = webhookUrlProblem(r.url, { production: opts.production });
      if (problem) return Promise.resolve(failed(`refused URL: ${problem}`, false));
      const u = new URL(r.url);
      const literal = u.hostname.replace(/^\[|\]$/g, '');
      if (isIP(literal) && !opts.allowPrivate && isPrivateAddress(literal)) {
        return Promise.resolve(failed(`refused: ${literal} is a private address; set WEBHOOK_ALLOW_PRIVATE=true to allow it`, true));
      }
      const client = u.protocol === 'https:' ? https : http;
      const agent = u.protocol === 'https:' ? httpsAgent : httpAgent;
      return new Promise<SendOutcome>((resolve) => {
        let done = false;
        const finish = (o: SendOutcome) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          resolve(o);
        };
        const req = client.request(
          u,
          {
            method: 'POST',
            lookup: guardedLookup,
            agent,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(r.body),
              'user-agent': 'dvc-hub-webhooks/1',
              'DVC-Webhook-Id': r.id,
              'DVC-Webhook-Timestamp': r.timestamp,
              'DVC-Webhook-Signature': webhookSignature(r.secret, r.id, r.timestamp, r.body),
            },
          },
          (res) => {
            const status = res.statusCode ?? 0;
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => {
              if (text.length < 500) text += c;
            });
            res.on('end', () => {
              if (status >= 200 && status < 300) finish({ ok: true, retryable: false, responseStatus: status });
              else finish(failed(`HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ''}`, true, status));
            });
            res.on('error', (e) => finish(failed(`network: ${e.message}`, true, status)));
          },
        );
        // A receiver that hangs: the whole exchange, not only the connection, is bounded.
        const timer = setTimeout(() => {
          finish(failed(`no answer within ${opts.timeoutMs} ms`, true));
          req.destroy();
        }, opts.timeoutMs);
        req.on('error', (e) => finish(failed(e instanceof PrivateAddressError ? `refused: ${e.message}` : `network: ${e.message}`, true)));
        req.end(r.body);
      });
    },
  };
}

/**
 * At registration: a URL whose host is (or resolves to) a private address is refused unless
 * allowed. A name that does not resolve yet is accepted (the check runs again at each delivery).
 */
export async function webhookAddressProblem(raw: string, allowPrivate: boolean): Promise<string | null> {
  if (allowPrivate) return null;
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return isPrivateAddress(host) ? `${host} is a private address` : null;
  const addresses = await new Promise<LookupAddress[]>((resolve) => dnsLookup(host, { all: true }, (err, list) => resolve(err ? [] : list)));
  const bad = addresses.find((a) => isPrivateAddress(a.address));
  return bad ? `${host} resolves to a private address (${bad.address})` : null;
}
