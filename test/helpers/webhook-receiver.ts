import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A sector system's webhook endpoint for tests: verifies, dedupes by id, and fails on demand. */
export interface ReceivedDelivery {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  payload: { id: string; type: string; createdAt: string; data: Record<string, any> };
}

export interface WebhookReceiver {
  url: string;
  /** Every request, duplicates included, in arrival order. */
  all: ReceivedDelivery[];
  /** First arrival of each id, in arrival order (what a receiver that dedupes keeps). */
  unique(): ReceivedDelivery[];
  /** ok: 200; error: 500; hang: never answers; down: cuts the connection. */
  mode: 'ok' | 'error' | 'hang' | 'down';
  close(): Promise<void>;
}

/** How a receiver checks a delivery (the README shows the same few lines). */
export function verifySignature(secret: string, id: string, timestamp: string, body: string, header: string): boolean {
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('hex')}`);
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const r: WebhookReceiver = {
    url: '',
    all: [],
    mode: 'ok',
    unique() {
      const seen = new Set<string>();
      return this.all.filter((d) => (seen.has(d.id) ? false : (seen.add(d.id), true)));
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  const server = http.createServer((req, res) => {
    if (r.mode === 'down') {
      req.socket.destroy();
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      if (r.mode === 'hang') return;
      if (r.mode === 'error') {
        res.writeHead(500).end('receiver failure');
        return;
      }
      r.all.push({
        id: String(req.headers['dvc-webhook-id']),
        timestamp: String(req.headers['dvc-webhook-timestamp']),
        signature: String(req.headers['dvc-webhook-signature']),
        body,
        payload: JSON.parse(body),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/dvc`;
  return r;
}
