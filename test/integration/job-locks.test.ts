import { Writable } from 'node:stream';
import { createScratchDatabase, type ScratchDatabase } from '../../src/db/scratch-database';
import { openOrm, type MikroORM } from '../../src/db/orm';
import { createLogger } from '../../src/logger';
import { advisoryLock, JobScheduler, type JobDefinition } from '../../src/jobs/scheduler';
import { JobSession } from '../../src/db/job-session';

/**
 * Jobs run once across processes through PostgreSQL advisory locks held on a connection of
 * their own: a run's lock never takes a pool connection from the run or from requests.
 */
const enabled = !!process.env.DATABASE_URL;
if (!enabled) {
  // eslint-disable-next-line no-console
  console.warn('job-locks.test.ts skipped: set DATABASE_URL to run it (CI does)');
}

(enabled ? describe : describe.skip)('job locks', () => {
  let db: ScratchDatabase;
  let orm: MikroORM;
  const lines: string[] = [];
  const log = createLogger('warn', 'dvc-hub', new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
  const schedulers: JobScheduler[] = [];
  const scheduler = (jobs: JobDefinition[], o: MikroORM = orm) => {
    const session = new JobSession(db.url, log);
    const s = new JobScheduler(jobs, advisoryLock(session), () => o.em.fork(), log, session);
    schedulers.push(s);
    return s;
  };
  const sleepJob = (name: string): JobDefinition => ({
    name,
    schedule: null,
    run: async ({ em }) => {
      await em.getConnection().execute('select pg_sleep(0.2)');
      return { ran: 1 };
    },
  });

  beforeAll(async () => {
    db = await createScratchDatabase();
    orm = await openOrm({ databaseUrl: db.url, poolMax: 2 });
  });
  afterAll(async () => {
    for (const s of schedulers) await s.stop();
    await orm?.close(true);
    await db?.drop();
  });

  it('many jobs starting together on a small pool all run (the locks take no pool connection)', async () => {
    const jobs = Array.from({ length: 8 }, (_, i) => sleepJob(`together-${i}`));
    const s = scheduler(jobs);
    const counts = await Promise.all(jobs.map((j) => s.runNow(j.name)));
    expect(counts).toEqual(jobs.map(() => ({ ran: 1 })));
    const held = await orm.em.getConnection().execute(
      `select count(*)::int as n from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())`,
    );
    expect(held[0].n).toBe(0); // every lock released after its run
  }, 20_000);

  it('a job held by one process is skipped by another, and runs there once released', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const a = scheduler([{ name: 'exclusive', schedule: null, run: async () => (await gate, { ran: 1 }) }]);
    const orm2 = await openOrm({ databaseUrl: db.url, poolMax: 2 });
    try {
      const b = scheduler([{ name: 'exclusive', schedule: null, run: async () => ({ ran: 2 }) }], orm2);
      const first = a.runNow('exclusive');
      await new Promise((r) => setTimeout(r, 200)); // a holds the lock
      expect(await b.runNow('exclusive')).toBeUndefined();
      release();
      expect(await first).toEqual({ ran: 1 });
      expect(await b.runNow('exclusive')).toEqual({ ran: 2 });
    } finally {
      await orm2.close(true);
    }
  });

  it('a lost lock connection releases its locks; the next run reconnects', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let runs = 0;
    const a = scheduler([{ name: 'survivor', schedule: null, run: async () => (runs++ === 0 && (await gate), { ran: runs }) }]);
    const b = scheduler([{ name: 'survivor', schedule: null, run: async () => ({ ran: -1 }) }]);
    const first = a.runNow('survivor');
    await new Promise((r) => setTimeout(r, 200));
    expect(await b.runNow('survivor')).toBeUndefined();
    // The lock connection of a is cut (a network fault, an administrator's pg_terminate_backend).
    const pids = await orm.em.getConnection().execute(
      `select pid from pg_stat_activity where application_name = 'dvc-hub jobs' and datname = current_database()
        and pid in (select pid from pg_locks where locktype = 'advisory' and granted)`,
    );
    expect(pids).toHaveLength(1);
    await orm.em.getConnection().execute('select pg_terminate_backend(?)', [pids[0].pid]);
    await new Promise((r) => setTimeout(r, 200));
    expect(await b.runNow('survivor')).toEqual({ ran: -1 }); // released with the connection
    release();
    expect(await first).toEqual({ ran: 1 });
    expect(lines.join('')).toMatch(/ran past the loss of its lock connection/);
    expect(await a.runNow('survivor')).toEqual({ ran: 2 }); // a new lock connection
  });

  it('a kick from a process that does not run the job reaches one that does, at once rather than on its schedule', async () => {
    const runs: string[] = [];
    const yearly = '0 0 0 1 1 *';
    const worker = scheduler([{ name: 'drawn', schedule: yearly, run: async () => (runs.push('worker'), { ran: 1 }) }]);
    // The API process: it knows the job but runs none (JOBS_ENABLED=false: never started).
    const api = scheduler([{ name: 'drawn', schedule: yearly, run: async () => (runs.push('api'), { ran: 1 }) }]);
    // A started process without a schedule for the job (LETTERS_WORKER=false) hears the kick and leaves it.
    const bystander = scheduler([{ name: 'drawn', schedule: null, run: async () => (runs.push('bystander'), { ran: 1 }) }]);
    worker.start();
    bystander.start();
    await new Promise((r) => setTimeout(r, 300)); // both LISTEN
    for (let i = 0; i < 5; i++) api.kick('drawn'); // a burst: gathered into one or two runs
    const until = Date.now() + 5000;
    while (!runs.length && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.length).toBeLessThanOrEqual(2);
    expect(new Set(runs)).toEqual(new Set(['worker']));

    // The listening connection is cut: it comes back and hears the next kick.
    await orm.em.getConnection().execute(
      `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'dvc-hub jobs' and datname = current_database() and pid <> pg_backend_pid()`,
    );
    runs.length = 0;
    const again = Date.now() + 8000;
    while (!runs.length && Date.now() < again) {
      api.kick('drawn');
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(runs).toContain('worker');
  }, 20_000);
});
