/** Helpers shared by the dossier benches (submit, transition, fanout): a seeded hub child, tokens, inputs, a closed-loop HTTP client. */
import { Agent, request } from 'node:http';
import { demoSubmission } from '../src/seed/demo-submission';
import { performance } from 'node:perf_hooks';
import type { ChildProcess } from 'node:child_process';
import { createScratchDatabase, type ScratchDatabase } from '../src/db/scratch-database';
import { openOrm, migrate } from '../src/db/orm';
import { seedDemo } from '../src/seed/seed';
import { registerStaffMember } from '../src/stores/staff.store';
import { Db } from '../src/db/sql';
import type { Role } from '../src/domain/roles';
import { signDevToken } from '../src/auth/tokens';
import { createHash } from 'node:crypto';
import { minimalPdf } from '../src/seed/sample-pdf';
import { demoAgencies, demoProcedures } from '../src/seed/demo-data';
import { demoCitizens, type DemoCitizen } from '../src/seed/demo-citizens';
import { BENCH_PAYMENT, BENCH_PRODUCTION_ENV, BENCH_SECRET, startChild } from './support';
export { BENCH_SECRET };
import { startSimulators, type Simulators } from '../src/connectors/simulators';

export const KHAI_SINH = demoProcedures.find((p) => p.name === 'Đăng ký khai sinh')!;

export interface BenchHub {
  url: string;
  child: ChildProcess;
  db: ScratchDatabase;
  /** The national portal, population database and payment simulators (in the bench process). */
  sims: Simulators;
  stop(): Promise<void>;
}

/**
 * A scratch database with the demo catalogue and a hub child process on it, talking to the
 * simulators, which run in the bench process (not in the hub's). The hub's jobs run as in
 * production (the outbox dispatcher sends every change to the national simulator).
 */
export async function startBenchHub(serverUrl: string, env: Record<string, string> = {}): Promise<BenchHub> {
  const db = await createScratchDatabase(serverUrl);
  const sims = await startSimulators({ partnerCode: BENCH_PAYMENT.PAYMENT_PARTNER_CODE, secret: BENCH_PAYMENT.PAYMENT_SECRET });
  try {
    const orm = await openOrm({ databaseUrl: db.url, poolMax: 2 });
    await migrate(orm);
    await seedDemo(orm.em.fork(), new Date());
    // The staff directory (issue 16): the benches' staff subjects, as the operator registers them.
    await registerBenchStaff(orm, [
      ...demoAgencies.flatMap((a) => (['RECEPTION_OFFICER', 'SPECIALIST'] as const).map((role) => ({ subject: `${role.toLowerCase()}@${a.code}`, roles: [role] as Role[], agencyCodes: [a.code] }))),
      { subject: 'bench-observer', roles: ['OBSERVER'], agencyCodes: [] },
      { subject: 'bench-admin', roles: ['ADMIN'], agencyCodes: [] },
    ]);
    await orm.close();
    const hub = await startChild(process.env.BENCH_HUB_SCRIPT ?? 'hub-server.js', {
      DATABASE_URL: db.url,
      DB_POOL_MAX: '10',
      ...BENCH_PRODUCTION_ENV,
      NATIONAL_PORTAL_URL: sims.urls.national,
      POPULATION_DB_URL: sims.urls.population,
      PAYMENT_PLATFORM_URL: sims.urls.payment,
      SMTP_URL: sims.urls.mail,
      SMS_GATEWAY_URL: sims.urls.sms,
      ...env,
    });
    return {
      ...hub,
      db,
      sims,
      async stop() {
        await new Promise<void>((ok) => {
          if (hub.child.exitCode !== null) return ok();
          hub.child.once('exit', () => ok());
          hub.child.kill('SIGINT');
          setTimeout(() => hub.child.kill('SIGKILL'), 5000).unref();
        });
        await db.drop();
        await sims.close();
      },
    };
  } catch (e) {
    await db.drop();
    await sims.close();
    throw e;
  }
}

/** Registers staff subjects in the hub's directory (issue 16): a bench's tokens are honoured only for what it grants. */
export async function registerBenchStaff(orm: { em: { fork(): unknown } }, members: { subject: string; roles: Role[]; agencyCodes: string[] }[]): Promise<void> {
  const db = new Db(orm.em.fork() as never);
  const now = new Date();
  await db.transaction(async (tx) => {
    for (const m of members) await registerStaffMember(tx, { ...m, fullName: m.subject }, 'system:bench', now);
  });
}

export const citizenToken = (c: DemoCitizen) => signDevToken(BENCH_SECRET, { sub: `citizen-${c.identityNumber}`, roles: ['CITIZEN'], idn: c.identityNumber });
export const staffToken = (role: 'RECEPTION_OFFICER' | 'SPECIALIST', agencyCode: string) =>
  signDevToken(BENCH_SECRET, { sub: `${role.toLowerCase()}@${agencyCode}`, roles: [role], agencies: [agencyCode] });

export const communes = () => demoAgencies.filter((a) => a.level === 'COMMUNE').map((a) => a.code);
export { demoAgencies, demoCitizens, demoProcedures };

/** A valid SubmitDossierInput: the procedure's required components, the citizen as applicant. */
export const submitInput = demoSubmission;

/**
 * A citizen's paper uploaded once through createUpload + PUT (citizens send papers as uploads,
 * never urls); an uploader may name the same file in every submission.
 */
export async function uploadPaper(hubUrl: string, token: string): Promise<string> {
  const pdf = minimalPdf(`bench ${token.slice(-12)}`);
  const t = await gql(hubUrl + '/graphql', `mutation($input: CreateUploadInput!) { createUpload(input: $input) { fileId uploadUrl } }`, {
    input: { fileName: 'giay-to.pdf', mimeType: 'application/pdf', sizeBytes: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') },
  }, token);
  const res = await fetch(new URL(t.createUpload.uploadUrl, hubUrl), { method: 'PUT', body: pdf });
  if (res.status !== 201) throw new Error(`bench upload refused: ${res.status} ${await res.text()}`);
  return t.createUpload.fileId;
}

/** The submission with every component naming the citizen's uploaded paper. */
export function withPaper<I extends { components: { componentCode: string }[] }>(input: I, fileId: string): I {
  return { ...input, components: input.components.map((c) => ({ componentCode: c.componentCode, fileId })) };
}

export const SUBMIT = `mutation($input: SubmitDossierInput!) { submitDossier(input: $input) { dossier { code status } } }`;
export const TRANSITION = `mutation($input: TransitionDossierInput!) { transitionDossier(input: $input) { dossier { code status version dueAt } } }`;

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export interface PostResult {
  status: number;
  text: string;
  /** ms from writing the request to the end of the response */
  ms: number;
  /** performance.now() when the response ended */
  end: number;
}

/** POSTs JSON over a kept-alive connection; rejects only on network errors. */
export function post(url: string, body: string, token?: string): Promise<PostResult> {
  return new Promise((ok, fail) => {
    const t0 = performance.now();
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const end = performance.now();
          ok({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), ms: end - t0, end });
        });
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

/** One GraphQL call for setting up; throws on any error. */
export async function gql<T = any>(hubUrl: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const r = await post(`${hubUrl}/graphql`, JSON.stringify({ query, variables }), token);
  const b = JSON.parse(r.text);
  if (r.status !== 200 || b.errors) throw new Error(`GraphQL ${r.status}: ${JSON.stringify(b.errors ?? b).slice(0, 500)}`);
  return b.data;
}

/** Runs fn over items with at most `n` in flight. */
export async function pool<T, R>(items: T[], n: number, fn: (x: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

export interface LoopStep {
  body: string;
  token: string;
  /** Checks a 200 answer's parsed body; returns an error description or null. Called for every answer. */
  check(body: any): string | null;
}

export interface LoopResult {
  seconds: number;
  ok: number;
  /** 200 with `errors` or a failed check */
  gqlErrors: number;
  non2xx: number;
  networkErrors: number;
  perSec: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** a few error samples */
  samples: string[];
}

/**
 * Closed loop: `clients` clients, each sending its next request as soon as the previous one
 * answered, for `seconds`. step(client, n) gives the client's n-th request. Latency of
 * successful requests only.
 */
export async function closedLoop(opts: {
  url: string;
  clients: number;
  seconds: number;
  step: (client: number, n: number) => LoopStep;
  /** pace each client to at most this many requests per second (open-ish loop); default unpaced */
  perClientRate?: number;
}): Promise<LoopResult> {
  const lat: number[] = [];
  const samples: string[] = [];
  let gqlErrors = 0;
  let non2xx = 0;
  let networkErrors = 0;
  const t0 = performance.now();
  const until = t0 + opts.seconds * 1000;
  const note = (s: string) => {
    if (samples.length < 5) samples.push(s.slice(0, 300));
  };
  await Promise.all(
    Array.from({ length: opts.clients }, async (_, c) => {
      // spread the clients' first requests over 1/rate when paced
      const gap = opts.perClientRate ? 1000 / opts.perClientRate : 0;
      let due = t0 + (gap * c) / opts.clients;
      for (let n = 0; ; n++) {
        if (gap) {
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          due += gap;
        }
        if (performance.now() >= until) return;
        const s = opts.step(c, n);
        try {
          const r = await post(opts.url, s.body, s.token);
          if (r.status !== 200) {
            non2xx++;
            note(`${r.status} ${r.text}`);
            continue;
          }
          const b = JSON.parse(r.text);
          const problem = b.errors ? JSON.stringify(b.errors) : s.check(b);
          if (problem) {
            gqlErrors++;
            note(problem);
            continue;
          }
          lat.push(r.ms);
        } catch (e) {
          networkErrors++;
          note(String(e));
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  return {
    seconds: round(seconds, 2),
    ok: lat.length,
    gqlErrors,
    non2xx,
    networkErrors,
    perSec: round(lat.length / seconds, 1),
    p50: round(pct(lat, 50), 1),
    p90: round(pct(lat, 90), 1),
    p99: round(pct(lat, 99), 1),
    max: round(lat.at(-1) ?? 0, 1),
    samples,
  };
}

export function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Asks the hub child (bench/hub-server.ts) for its memory (bytes). */
export function childMemory(child: ChildProcess, collectFirst = false): Promise<{ rss: number; heapUsed: number }> {
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('no answer to mem')), 10_000);
    const on = (m: { rss?: number; heapUsed?: number }) => {
      if (typeof m?.rss !== 'number') return;
      clearTimeout(timer);
      child.off('message', on);
      ok({ rss: m.rss, heapUsed: m.heapUsed ?? 0 });
    };
    child.on('message', on);
    child.send(collectFirst ? 'mem-gc' : 'mem');
  });
}

export const mib = (bytes: number) => round(bytes / 2 ** 20, 0);
