import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { startTestHub, TEST_SECRET, type TestHub } from '../helpers/test-hub';
import { actors, KHAI_SINH, SUBMIT, submitInput, TRANSITION, submitAs } from '../helpers/dossier-fixtures';

/**
 * The outbox dispatcher in separate hub processes on one PostgreSQL database: two at once
 * deliver everything once in effect, and a process killed mid-dispatch (or stopped with
 * SIGTERM) loses nothing. Needs a PostgreSQL server (DATABASE_URL); CI sets it. The embedded
 * database serves one process only.
 */
const enabled = !!process.env.DATABASE_URL;
if (!enabled) {
  // eslint-disable-next-line no-console
  console.warn('outbox-processes.test.ts skipped: set DATABASE_URL to run it (CI does)');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

(enabled ? describe : describe.skip)('outbox dispatch across hub processes', () => {
  let t: TestHub;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    t = await startTestHub(); // jobs off here: only the child processes dispatch
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await t?.stop();
  });
  afterEach(() => t.sims.national.setFaults({ mode: 'ok' }));

  /** A hub process (dist/bench/hub-server.js) with its dispatcher running every second. */
  async function startHubProcess(env: Record<string, string> = {}): Promise<ChildProcess> {
    const child = fork(resolve(__dirname, '../../dist/bench/hub-server.js'), [], {
      env: {
        ...process.env,
        DATABASE_URL: t.db.url,
        AUTH_JWT_SECRET: TEST_SECRET,
        NODE_ENV: 'test',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
        REDIS_URL: '',
        NATIONAL_PORTAL_URL: t.sims.urls.national,
        POPULATION_DB_URL: t.sims.urls.population,
        PAYMENT_PLATFORM_URL: t.sims.urls.payment,
        JOBS_ENABLED: 'true',
        JOB_OUTBOX_SCHEDULE: '* * * * * *',
        JOB_VERIFY_IDENTITY_SCHEDULE: '0 0 1 1 *',
        JOB_SLA_SWEEP_SCHEDULE: '0 0 1 1 *',
        JOB_CATALOGUE_SYNC_SCHEDULE: '0 0 1 1 *',
        CONNECTOR_RETRIES: '0',
        ...env,
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(child);
    await new Promise<void>((ok, fail) => {
      child.once('message', (m: { ready?: string }) => (m.ready ? ok() : fail(new Error('no url'))));
      child.once('exit', (code) => fail(new Error(`hub process exited with ${code}`)));
    });
    return child;
  }

  const exited = (c: ChildProcess) => new Promise<number | null>((r) => (c.exitCode !== null ? r(c.exitCode) : c.once('exit', (code) => r(code))));

  async function pending(): Promise<number> {
    const [{ n }] = await t.orm.em.getConnection().execute(`select count(*)::int as n from outbox where status <> 'SENT'`);
    return n;
  }

  async function waitUntilDelivered(timeoutMs = 30_000) {
    const until = Date.now() + timeoutMs;
    while ((await pending()) > 0) {
      if (Date.now() > until) throw new Error(`${await pending()} outbox messages still not sent`);
      await sleep(100);
    }
  }

  /** `count` dossiers, each submitted, received and sent for approval: 3 messages each. */
  async function makeDossiers(count: number): Promise<string[]> {
    const agency = KHAI_SINH.agencyCodes[0];
    const a = await actors(t, agency);
    const codes: string[] = [];
    for (let i = 0; i < count; i++) {
      const r = await submitAs(t, { input: submitInput(KHAI_SINH) }, a.citizen);
      const code = r.data.submitDossier.dossier.code as string;
      for (const [token, action] of [[a.reception, 'RECEIVE'], [a.specialist, 'SUBMIT_FOR_APPROVAL']] as const) {
        const x = await t.gql(TRANSITION, { input: { code, action } }, token);
        expect(x.errors).toBeUndefined();
      }
      codes.push(code);
    }
    return codes;
  }

  /** Every dossier at the portal exactly as the hub moved it: created, received, sent for approval. */
  function expectDeliveredOnce(codes: string[]) {
    for (const code of codes) {
      const st = t.sims.national.dossier(code);
      expect(st).toBeDefined();
      expect(st!.progress.map((p) => p.TrangThai)).toEqual([2, 4]);
      expect(st!.updates).toBe(3);
      expect(st!.record.TrangThaiHoSo).toBe(4);
    }
  }

  it('a change on a process that runs no jobs kicks the process that does: the letter and the portal message go at once, not on their schedules', async () => {
    const never = '0 0 0 1 1 *';
    const worker = await startHubProcess({ JOB_LETTERS_SCHEDULE: never, JOB_OUTBOX_SCHEDULE: never, LETTERS_WORKER: 'true' });
    await sleep(300); // it LISTENs once started
    const agency = KHAI_SINH.agencyCodes[0];
    const a = await actors(t, agency);
    const code = (await submitAs(t, { input: submitInput(KHAI_SINH) }, a.citizen)).data.submitDossier.dossier.code as string;
    expect((await t.gql(TRANSITION, { input: { code, action: 'RECEIVE' } }, a.reception)).errors).toBeUndefined();
    const letters = async () =>
      ((await t.gql(`query($c: String!) { dossier(code: $c) { letters { kind } } }`, { c: code }, a.reception)).data.dossier.letters as { kind: string }[]).map((l) => l.kind);
    const until = Date.now() + 10_000;
    while (!(await letters()).includes('RECEIPT') && Date.now() < until) await sleep(100);
    expect(await letters()).toContain('RECEIPT');
    await waitUntilDelivered(10_000);
    worker.kill('SIGTERM');
    expect(await exited(worker)).toBe(0);
  });

  it('two processes dispatching at once deliver every message once in effect, in order', async () => {
    const codes = await makeDossiers(30);
    t.sims.national.setFaults({ mode: 'slow', latencyMs: 15 });
    const [p1, p2] = await Promise.all([startHubProcess({ OUTBOX_BATCH: '10' }), startHubProcess({ OUTBOX_BATCH: '10' })]);
    await waitUntilDelivered();
    expectDeliveredOnce(codes);
    p1.kill('SIGTERM');
    p2.kill('SIGTERM');
    expect(await exited(p1)).toBe(0);
    expect(await exited(p2)).toBe(0);
  });

  it('a process killed mid-dispatch, or stopped with SIGTERM, loses nothing: the next one sends the rest', async () => {
    const codes = await makeDossiers(40);
    const before = t.sims.national.requests().length;
    t.sims.national.setFaults({ mode: 'slow', latencyMs: 250 });

    const stopped = await startHubProcess();
    while (t.sims.national.requests().length === before) await sleep(10);
    stopped.kill('SIGTERM'); // graceful: stops taking work, finishes what is in flight, exits 0
    expect(await exited(stopped)).toBe(0);
    const afterStop = await pending();
    expect(afterStop).toBeGreaterThan(0);

    const killed = await startHubProcess();
    const seen = t.sims.national.requests().length;
    while (t.sims.national.requests().length === seen) await sleep(10);
    await sleep(100);
    killed.kill('SIGKILL'); // mid-dispatch: requests sent, none marked sent
    await exited(killed);

    t.sims.national.setFaults({ mode: 'ok' });
    await startHubProcess();
    await waitUntilDelivered();
    expectDeliveredOnce(codes);
  });
});
