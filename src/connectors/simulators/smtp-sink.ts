import { createHash } from 'node:crypto';
/**
 * SMTP sink: a real SMTP server (smtp-server) that keeps every message it accepts, parsed
 * with mailparser, and an HTTP control port like every simulator's.
 *
 * SMTP (no TLS, any or no AUTH): accepts every recipient; a message is stored once its DATA
 * is complete (the SMTP answer 250 is sent after it is stored).
 *
 * Control (HTTP):
 *   GET    /_sim/messages  → SinkMessage[], oldest first
 *   DELETE /_sim/messages  → clears them; { cleared: n }
 *   GET    /_sim/faults, POST /_sim/faults  { mode, latencyMs?, errorRate? } as the other simulators:
 *     ok     accepts.
 *     down   every open SMTP connection is cut and new ones are cut at once (the client sees
 *            a reset, as with a mail server that is gone).
 *     slow   the answer to DATA is delayed by latencyMs (default 3000): a client that gives up
 *            first may still have had its message stored (at-least-once, as with a real server).
 *     error  with probability errorRate (default 1) the recipient is refused with
 *            451 4.3.0 (a temporary refusal: the client should try again later).
 */
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type AddressObject } from 'mailparser';
import { SimServer, type SimulatorHandle, type SimulatorOptions } from './sim-server';

export interface SinkMessage {
  seq: number;
  /** Envelope sender and recipients (MAIL FROM / RCPT TO). */
  envelope: { from: string | null; to: string[] };
  messageId: string | null;
  from: string | null;
  to: string[];
  subject: string;
  text: string;
  /** Headers the hub sets for dedupe and tracing (X-DVC-Notification-Id …), lower-case names. */
  headers: Record<string, string>;
  /** Each attachment's name, type, size and the sha256 of its bytes (the bytes themselves are not kept). */
  attachments: { filename: string | null; contentType: string; size: number; sha256: string }[];
  receivedAt: string;
}

export interface SmtpSinkOptions extends SimulatorOptions {
  /** SMTP port; 0 = a free port. The HTTP control port is `port`. */
  smtpPort?: number;
}

export interface SmtpSink extends SimulatorHandle {
  /** smtp://host:port (what SMTP_URL is set to). */
  readonly smtpUrl: string;
  messages(): SinkMessage[];
  clearMessages(): void;
}

const addresses = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address ?? '')).filter(Boolean);

export async function startSmtpSink(opts: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const http = new SimServer('smtp-sink', opts.log);
  let messages: SinkMessage[] = [];
  let seq = 0;
  const sockets = new Set<Socket>();
  const faults = () => http.faults();
  const cutAll = () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  // "down" takes effect at once, on the connections a pooled client holds open too.
  const setFaults = http.setFaults.bind(http);
  http.setFaults = (f) => {
    const r = setFaults(f);
    if (r.mode === 'down') cutAll();
    return r;
  };

  const smtp = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    onAuth: (_auth, _session, cb) => cb(null, { user: 'sink' }),
    logger: false,
    banner: 'dvc-hub SMTP sink (simulator)',
    size: 30 * 1024 * 1024,
    onRcptTo(_address, _session, cb) {
      const f = faults();
      if (f.mode === 'error' && Math.random() < f.errorRate) {
        const err = Object.assign(new Error('4.3.0 Simulated temporary failure (fault mode "error")'), { responseCode: 451 });
        cb(err);
        return;
      }
      cb();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, cb) {
      simpleParser(stream)
        .then(async (m) => {
          const f = faults();
          if (f.mode === 'slow') await http.delay(f.latencyMs);
          const headers: Record<string, string> = {};
          for (const [k, v] of m.headers) if (k.startsWith('x-')) headers[k] = String(v);
          messages.push({
            seq: ++seq,
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            messageId: m.messageId ?? null,
            from: addresses(m.from)[0] ?? null,
            to: addresses(m.to),
            subject: m.subject ?? '',
            text: m.text ?? '',
            headers,
            attachments: m.attachments.map((a) => ({
              filename: a.filename ?? null,
              contentType: a.contentType,
              size: a.size,
              sha256: createHash('sha256').update(a.content).digest('hex'),
            })),
            receivedAt: new Date().toISOString(),
          });
          cb();
        })
        .catch((e: Error) => cb(e));
    },
  });
  smtp.on('error', (e) => http.log?.debug({ err: e }, 'smtp sink: connection error'));
  // The raw sockets, to cut them when "down".
  const net = (smtp as unknown as { server: import('node:net').Server }).server;
  net.on('connection', (s: Socket) => {
    if (faults().mode === 'down') {
      s.destroy();
      return;
    }
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  http.sim.get('/messages', (_req, res) => {
    res.json(messages);
  });
  http.sim.delete('/messages', (_req, res) => {
    const cleared = messages.length;
    messages = [];
    res.json({ cleared });
  });

  const host = opts.host ?? '127.0.0.1';
  await listenSmtp(smtp, net, opts.smtpPort ?? 0, host, !!opts.nextFreePort);
  const smtpPort = (net.address() as AddressInfo).port;
  let handle: SimulatorHandle;
  try {
    handle = await http.start(opts);
  } catch (e) {
    await new Promise<void>((r) => smtp.close(() => r()));
    throw e;
  }
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    ...handle,
    setFaults: (f) => http.setFaults(f),
    smtpUrl: `smtp://${urlHost}:${smtpPort}`,
    messages: () => messages.map((m) => ({ ...m })),
    clearMessages: () => {
      messages = [];
    },
    close: async () => {
      cutAll();
      await new Promise<void>((r) => smtp.close(() => r()));
      await handle.close();
    },
  };
}

async function listenSmtp(smtp: SMTPServer, net: import('node:net').Server, wanted: number, host: string, nextFree: boolean): Promise<void> {
  for (let port = wanted; ; port++) {
    try {
      await new Promise<void>((resolve, reject) => {
        net.once('error', reject);
        smtp.listen(port, host, () => {
          net.off('error', reject);
          resolve();
        });
      });
      return;
    } catch (e) {
      const busy = (e as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (!(busy && nextFree && wanted !== 0 && port < wanted + 100)) throw e;
    }
  }
}
