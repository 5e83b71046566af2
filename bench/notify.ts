import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { BENCH_PRODUCTION_ENV, childCpu, machine, startChild } from './support';
import { BENCH_SECRET, citizenToken, demoCitizens, KHAI_SINH, staffToken, startBenchHub, submitInput, uploadPaper, withPaper } from './dossier-support';
import { signDevToken } from '../src/auth/tokens';
import { NotificationTemplates } from '../src/outbox/notification-templates';

/**
 * npm run bench -- notify (issue 13).
 *
 * 1. Delivery: `changes` dossier changes (default 10,000: 2,500 dossiers × 4), each with an
 *    e-mail, an SMS and one webhook delivery, written straight into the tables (as the changes
 *    would have written them). A hub child with its jobs on drains them to the SMTP sink, the SMS
 *    gateway simulator and a webhook receiver in this process; messages per second per channel,
 *    from the first message any of them receives to the last row of that channel marked SENT.
 *    Afterwards: every message there once, the webhook events in order per dossier.
 * 2. Latency: transitionDossier (RECEIVE) through the API, `latencyPairs` times with and without
 *    notifications, interleaved on one hub: "with" dossiers have an e-mail and a phone and their
 *    agency a webhook; "without" dossiers have neither. p50 / p99 of each and the difference.
 */
/** Production refuses the development key of signed file URLs (BENCH_PRODUCTION_ENV does not set one yet). */
const FILE_KEY = { FILE_URL_SECRET: 'bench-file-url-secret-0123456789' };

export async function benchNotify(opts: { changes: number; perDossier: number; latencyPairs: number; serverUrl: string; env?: Record<string, string> }) {
  const delivery = await deliveryRound(opts);
  const latency = await latencyRound(opts);
  return {
    bench: 'notify',
    machine: machine(),
    date: new Date().toISOString(),
    delivery,
    latency,
    target: '≥ 500 messages/s per channel; p99 added to transitionDossier ≤ 5 ms',
    met: delivery.emailPerSec >= 500 && delivery.smsPerSec >= 500 && delivery.webhookPerSec >= 500 && delivery.check.ok && latency.p99AddedMs <= 5,
  };
}

/** A webhook receiver that keeps the order of event ids per dossier code. */
async function receiver() {
  const seen = new Map<string, string[]>();
  let count = 0;
  let first = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      if (!first) first = performance.now();
      count++;
      const p = JSON.parse(body) as { id: string; data: { code: string; seq: number } };
      const list = seen.get(p.data.code) ?? [];
      list.push(String(p.data.seq));
      seen.set(p.data.code, list);
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    seen,
    count: () => count,
    first: () => first,
    close: () => new Promise<void>((ok) => {
      server.close(() => ok());
      server.closeAllConnections();
    }),
  };
}

async function deliveryRound(opts: { changes: number; perDossier: number; serverUrl: string; env?: Record<string, string> }) {
  const hub = await startBenchHub(opts.serverUrl, { JOBS_ENABLED: 'false', ...FILE_KEY }); // only creates the schema
  const dbUrl = hub.db.url;
  const sims = hub.sims;
  await new Promise<void>((ok) => {
    hub.child.once('exit', () => ok());
    hub.child.kill('SIGTERM');
  });
  const hook = await receiver();
  const pg = new Client({ connectionString: dbUrl });
  await pg.connect();
  try {
    const templates = NotificationTemplates.load(undefined, { trackingUrl: 'https://dichvucong.example.gov.vn/tra-cuu?code=', smsAscii: true });
    const webhookId = randomUUID();
    await pg.query(`insert into webhook (id, url, events, secret, created_by, created_at) values ($1, $2, $3, 'whsec_bench', 'bench', now())`, [
      webhookId,
      hook.url,
      ['DOSSIER_STATUS_CHANGED'],
    ]);
    const dossiers = Math.ceil(opts.changes / opts.perDossier);
    const kinds = ['RECEIVED', 'SUPPLEMENT_REQUESTED', 'PAYMENT_DUE', 'RESULT_READY', 'DELIVERED'] as const;
    const n: unknown[][] = [];
    const w: unknown[][] = [];
    for (let i = 0; i < dossiers && n.length / 2 < opts.changes; i++) {
      const code = `${KHAI_SINH.agencyCodes[0]}-261204-N${String(i).padStart(6, '0')}`;
      const key = randomUUID();
      for (let s = 0; s < opts.perDossier && w.length < opts.changes; s++) {
        const template = kinds[s % kinds.length]!;
        const drafts = templates.drafts([template], { email: `citizen${i}@example.vn`, phone: `09${String(10_000_000 + i).slice(-8)}` }, {
          code,
          procedureName: KHAI_SINH.name,
          agencyName: 'UBND xã',
          dueAt: new Date(),
          applicantName: 'Nguyễn Văn An',
          note: 'Bổ sung giấy chứng sinh',
          amount: 8000,
        });
        for (const d of drafts) n.push([randomUUID(), key, d.template, d.channel, d.recipient, d.subject, d.body]);
        const eventId = randomUUID();
        w.push([randomUUID(), eventId, code, JSON.stringify({ id: eventId, type: 'DOSSIER_STATUS_CHANGED', createdAt: new Date().toISOString(), data: { code, seq: s } })]);
      }
    }
    for (let i = 0; i < n.length; i += 1000) {
      const chunk = n.slice(i, i + 1000);
      await pg.query(
        `insert into notification (id, aggregate_key, template, channel, recipient, subject, body, created_at)
         select * , now() from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
        [0, 1, 2, 3, 4, 5, 6].map((k) => chunk.map((r) => r[k])),
      );
    }
    for (let i = 0; i < w.length; i += 1000) {
      const chunk = w.slice(i, i + 1000);
      await pg.query(
        `insert into webhook_delivery (id, webhook_id, event, event_id, aggregate_key, payload, created_at)
         select x.id, $5::uuid, 'DOSSIER_STATUS_CHANGED', x.e, x.k, x.p::jsonb, now() from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) as x(id, e, k, p)`,
        [...[0, 1, 2, 3].map((k) => chunk.map((r) => r[k])), webhookId],
      );
    }
    const counts = { EMAIL: n.filter((r) => r[3] === 'EMAIL').length, SMS: n.filter((r) => r[3] === 'SMS').length, WEBHOOK: w.length };

    const drainer = await startChild('hub-server.js', {
      DATABASE_URL: dbUrl,
      DB_POOL_MAX: '10',
      ...BENCH_PRODUCTION_ENV,
      ...FILE_KEY,
      NATIONAL_PORTAL_URL: sims.urls.national,
      POPULATION_DB_URL: sims.urls.population,
      PAYMENT_PLATFORM_URL: sims.urls.payment,
      SMTP_URL: sims.urls.mail,
      SMS_GATEWAY_URL: sims.urls.sms,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      JOBS_ENABLED: 'true',
      JOB_NOTIFY_SCHEDULE: '* * * * * *',
      ...opts.env,
    });
    const cpu0 = await childCpu(drainer.child);
    const simCpu0 = process.cpuUsage();
    while (sims.mail.messages().length === 0 && sims.sms.requests().length === 0 && hook.count() === 0) await new Promise((r) => setTimeout(r, 5));
    const first = performance.now();
    const done: Record<string, number> = {};
    for (;;) {
      const { rows } = await pg.query(`select 'EMAIL' as c, count(*) filter (where channel = 'EMAIL' and status <> 'SENT')::int as n from notification
        union all select 'SMS', count(*) filter (where channel = 'SMS' and status <> 'SENT')::int from notification
        union all select 'WEBHOOK', count(*) filter (where status <> 'SENT')::int from webhook_delivery`);
      const now = performance.now();
      for (const r of rows) if (r.n === 0 && !done[r.c]) done[r.c] = now;
      if (Object.keys(done).length === 3) break;
      if (now - first > 300_000) throw new Error(`still queued after 5 minutes: ${JSON.stringify(rows)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const cpu1 = await childCpu(drainer.child);
    const simCpu = process.cpuUsage(simCpu0);
    await new Promise<void>((ok) => {
      drainer.child.once('exit', () => ok());
      drainer.child.kill('SIGTERM');
    });
    const secs = (c: string) => (done[c]! - first) / 1000;
    const rate = (c: 'EMAIL' | 'SMS' | 'WEBHOOK') => Math.round((counts[c] / secs(c)) * 10) / 10;
    // Check: each e-mail once, each SMS once, webhook events in order per dossier.
    const mailIds = new Set(sims.mail.messages().map((m) => m.headers['x-dvc-notification-id']));
    const smsIds = new Set(sims.sms.requests().map((r) => (r.body as { requestId: string }).requestId));
    let outOfOrder = 0;
    for (const list of hook.seen.values()) if (list.some((s, k) => Number(s) !== k)) outOfOrder++;
    const seconds = Math.max(secs('EMAIL'), secs('SMS'), secs('WEBHOOK'));
    return {
      changes: w.length,
      dossiers: hook.seen.size,
      messages: counts,
      seconds: Math.round(seconds * 100) / 100,
      emailPerSec: rate('EMAIL'),
      smsPerSec: rate('SMS'),
      webhookPerSec: rate('WEBHOOK'),
      hubCpuMsPerMessage: Math.round(((cpu1 - cpu0) / 1000 / (counts.EMAIL + counts.SMS + counts.WEBHOOK)) * 100) / 100,
      hubCpuCores: Math.round(((cpu1 - cpu0) / 1e6 / seconds) * 100) / 100,
      benchProcessCpuCores: Math.round(((simCpu.user + simCpu.system) / 1e6 / seconds) * 100) / 100,
      check: {
        emailsAtSink: mailIds.size,
        emailsReceived: sims.mail.messages().length,
        smsAtGateway: smsIds.size,
        webhookRequests: hook.count(),
        webhookDossiersOutOfOrder: outOfOrder,
        ok: mailIds.size === counts.EMAIL && smsIds.size === counts.SMS && outOfOrder === 0,
      },
      settings: { NOTIFY_CONCURRENCY: opts.env?.NOTIFY_CONCURRENCY ?? '16', NOTIFY_BATCH: opts.env?.NOTIFY_BATCH ?? '500' },
    };
  } finally {
    await pg.end();
    await hook.close();
    await hub.db.drop();
    await sims.close();
  }
}

async function latencyRound(opts: { latencyPairs: number; serverUrl: string; env?: Record<string, string> }) {
  const hook = await receiver();
  const hub = await startBenchHub(opts.serverUrl, { JOBS_ENABLED: 'true', WEBHOOK_ALLOW_PRIVATE: 'true', ...FILE_KEY, ...opts.env });
  const gql = async (query: string, variables: Record<string, unknown>, token: string) => {
    const t0 = performance.now();
    const res = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: any; errors?: unknown[] };
    const ms = performance.now() - t0;
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return { data: body.data, ms };
  };
  try {
    const [withAgency, withoutAgency] = KHAI_SINH.agencyCodes;
    const admin = await signDevToken(BENCH_SECRET, { sub: 'bench-admin', roles: ['ADMIN'] });
    await gql(`mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { secret } }`, { i: { url: hook.url, events: ['DOSSIER_STATUS_CHANGED'], agencyCode: withAgency } }, admin);
    const c = demoCitizens[0]!;
    const citizen = await citizenToken(c);
    const paper = await uploadPaper(hub.url, citizen); // citizens send papers as uploads
    const SUBMIT = `mutation($input: SubmitDossierInput!) { submitDossier(input: $input) { dossier { code } } }`;
    const RECEIVE = `mutation($input: TransitionDossierInput!) { transitionDossier(input: $input) { dossier { code status } } }`;
    const submit = async (agency: string, withContact: boolean) => {
      const input = withPaper(submitInput(KHAI_SINH, agency, c), paper);
      const applicant = { ...input.applicant, email: withContact ? 'an.nguyen@example.vn' : null, phone: withContact ? '0912345678' : null };
      return (await gql(SUBMIT, { input: { ...input, applicant } }, citizen)).data.submitDossier.dossier.code as string;
    };
    const pairs: { with: string; without: string }[] = [];
    for (let i = 0; i < opts.latencyPairs; i++) pairs.push({ with: await submit(withAgency!, true), without: await submit(withoutAgency!, false) });
    const staffWith = await staffToken('RECEPTION_OFFICER', withAgency!);
    const staffWithout = await staffToken('RECEPTION_OFFICER', withoutAgency!);
    const msWith: number[] = [];
    const msWithout: number[] = [];
    // Interleaved, so drift (other jobs, the dispatcher sending what was written) hits both alike.
    for (const [i, p] of pairs.entries()) {
      const a = async () => msWith.push((await gql(RECEIVE, { input: { code: p.with, action: 'RECEIVE' } }, staffWith)).ms);
      const b = async () => msWithout.push((await gql(RECEIVE, { input: { code: p.without, action: 'RECEIVE' } }, staffWithout)).ms);
      if (i % 2) {
        await a();
        await b();
      } else {
        await b();
        await a();
      }
    }
    const pct = (xs: number[], q: number) => {
      const s = [...xs].sort((x, y) => x - y);
      return Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 100) / 100;
    };
    return {
      transitions: pairs.length * 2,
      withNotifications: { p50Ms: pct(msWith, 0.5), p99Ms: pct(msWith, 0.99) },
      withoutNotifications: { p50Ms: pct(msWithout, 0.5), p99Ms: pct(msWithout, 0.99) },
      p50AddedMs: Math.round((pct(msWith, 0.5) - pct(msWithout, 0.5)) * 100) / 100,
      p99AddedMs: Math.round((pct(msWith, 0.99) - pct(msWithout, 0.99)) * 100) / 100,
      note: 'one client, sequential, over HTTP; with = 2 notification rows and 1 webhook delivery in the RECEIVE statement',
    };
  } finally {
    await hub.stop();
    await hook.close();
  }
}
