import { Writable } from 'node:stream';
import { createScratchDatabase, type ScratchDatabase } from '../../src/db/scratch-database';
import { openOrm, type MikroORM } from '../../src/db/orm';
import { createLogger } from '../../src/logger';
import { advisoryLock, JobScheduler, type JobDefinition } from '../../src/jobs/scheduler';

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
    const s = new JobScheduler(jobs, advisoryLock(o, log), () => o.em.fork(), log);
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
      `select pid from pg_stat_activity where application_name = 'dvc-hub job locks' and datname = current_database()
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
});
