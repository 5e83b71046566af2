import { createHash } from 'node:crypto';
import { schedule, validate, type ScheduledTask } from 'node-cron';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../logger';
import type { JobSession } from '../db/job-session';

/** How long a kick waits, gathering further kicks, before the run starts. */
const KICK_DELAY_MS = 25;

/** One finished run, for metrics: `skipped` when another process held the job's lock. */
export interface JobRunReport {
  job: string;
  outcome: 'ok' | 'failed' | 'skipped';
  seconds: number;
}

/** What one run of a job reports (logged, and returned by runNow). */
export type JobCounts = Record<string, number>;

export interface JobRunContext {
  /** One fork per run. */
  em: EntityManager;
  log: Logger;
  /** True once shutdown began: a long run stops between units of work. */
  stopping(): boolean;
}

export interface JobDefinition {
  name: string;
  /** node-cron expression (6 fields = with seconds), in Vietnam time; null: only on demand. */
  schedule: string | null;
  run(ctx: JobRunContext): Promise<JobCounts>;
  /** Log runs whose counts are all zero at debug level (frequent jobs). */
  quietWhenIdle?: boolean;
}

/**
 * Runs `fn` only if no other process (or run in this process) holds the job's lock.
 * Returns undefined when the lock was taken elsewhere.
 */
export interface JobLock {
  kind: string;
  withLock<T>(name: string, fn: () => Promise<T>): Promise<T | undefined>;
  /** Releases what the lock holds (its connection), after the last run. */
  close?(): Promise<void>;
}

/** A stable 64-bit advisory-lock key for a job name. */
export function advisoryKey(name: string): bigint {
  return createHash('sha256').update(`dvc-hub:job:${name}`).digest().readBigInt64BE(0);
}

/**
 * A PostgreSQL session advisory lock held for the whole run on the process's jobs connection,
 * outside the pool (src/db/job-session.ts), released when the run ends or by PostgreSQL when the
 * process dies and its connection drops. The job's own statements run on pool connections and
 * commit as they go.
 */
export function advisoryLock(session: JobSession): JobLock {
  const local = localLock();
  return {
    kind: 'postgres-advisory',
    withLock: (name, fn) => local.withLock(name, () => session.withLock(advisoryKey(name), fn)),
    close: () => session.close(),
  };
}

/** Kicks between processes: sent to the processes that run a job, heard by those that do. */
export interface JobKickRelay {
  kick(job: string): void;
  listen(listener: (job: string) => void): Promise<void>;
  close(): Promise<void>;
}

/**
 * In-process only: for the embedded database, which serves one process and one connection
 * (holding a lock transaction there would starve the job of its only connection).
 */
export function localLock(): JobLock {
  const held = new Set<string>();
  return {
    kind: 'in-process',
    async withLock(name, fn) {
      if (held.has(name)) return undefined;
      held.add(name);
      try {
        return await fn();
      } finally {
        held.delete(name);
      }
    },
  };
}

/**
 * Schedules the hub's jobs with node-cron. Each run: takes the job's lock (once across
 * processes), forks an EntityManager, logs start, end and counts. `kick` asks for a run soon
 * (coalescing requests while one runs); `stop` stops the schedules and waits for runs in
 * progress, which see `stopping()` and end between units of work.
 */
export class JobScheduler {
  private readonly tasks: ScheduledTask[] = [];
  private readonly running = new Map<string, Promise<JobCounts | undefined>>();
  private readonly again = new Set<string>();
  private stopped = false;
  private started = false;
  private readonly runListeners: ((run: JobRunReport) => void)[] = [];

  constructor(
    private readonly jobs: JobDefinition[],
    private readonly lock: JobLock,
    private readonly forkEm: () => EntityManager,
    private readonly log: Logger,
    /** Kicks to and from other hub processes (none on the embedded database: one process). */
    private readonly relay?: JobKickRelay,
  ) {
    for (const j of jobs) {
      if (j.schedule && !validate(j.schedule)) throw new Error(`job ${j.name}: invalid cron expression "${j.schedule}"`);
    }
  }

  /** Calls `listener` after every run (metrics): its outcome and duration. */
  onRun(listener: (run: JobRunReport) => void): void {
    this.runListeners.push(listener);
  }

  private report(job: string, outcome: JobRunReport['outcome'], started: number): void {
    for (const l of this.runListeners) l({ job, outcome, seconds: (Date.now() - started) / 1000 });
  }

  start(): void {
    this.started = true;
    if (this.relay) {
      // Another process wrote work for a job this one runs: run it now, not on its schedule.
      this.relay
        .listen((name) => {
          if (this.runsHere(name)) this.kickHere(name);
        })
        .catch((err: unknown) => this.log.warn({ err }, 'job kicks from other processes not heard (the schedules catch up)'));
    }
    for (const j of this.jobs) {
      if (!j.schedule) continue;
      const task = schedule(j.schedule, () => void this.runNow(j.name), {
        name: j.name,
        timezone: 'Asia/Ho_Chi_Minh',
        noOverlap: true,
        suppressMissedWarning: true,
      });
      this.tasks.push(task);
    }
    this.log.info({ jobs: this.jobs.map((j) => ({ name: j.name, schedule: j.schedule })), lock: this.lock.kind }, 'jobs scheduled');
  }

  private readonly kicked = new Set<string>();

  /** Whether this process runs `name` on its schedule (started, and the job has one). */
  private runsHere(name: string): boolean {
    return this.started && !this.stopped && !!this.jobs.find((j) => j.name === name)?.schedule;
  }

  /**
   * Asks for a run of `name` soon: here when this process runs it on its schedule, else in the
   * processes that do (through the relay); without a relay, and where no process runs it, the
   * kick is dropped and the job waits for a runNow.
   */
  kick(name: string): void {
    if (this.stopped) return;
    if (this.runsHere(name)) this.kickHere(name);
    else this.relay?.kick(name);
  }

  /**
   * A run of `name` in this process within KICK_DELAY_MS, so that a burst of changes is sent in
   * one run rather than one run each; while one runs, one more follows it.
   */
  private kickHere(name: string): void {
    if (this.running.has(name)) {
      this.again.add(name);
      return;
    }
    if (this.kicked.has(name)) return;
    this.kicked.add(name);
    setTimeout(() => {
      this.kicked.delete(name);
      void this.runNow(name);
    }, KICK_DELAY_MS).unref();
  }

  /** Runs the job now unless it is running (here or elsewhere); resolves with its counts. */
  runNow(name: string): Promise<JobCounts | undefined> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) return Promise.reject(new Error(`no job ${name}`));
    if (this.stopped) return Promise.resolve(undefined);
    const current = this.running.get(name);
    if (current) return current;
    const p = this.execute(job).finally(() => {
      this.running.delete(name);
      if (this.again.delete(name)) this.kickHere(name);
    });
    this.running.set(name, p);
    return p;
  }

  private async execute(job: JobDefinition): Promise<JobCounts | undefined> {
    const started = Date.now();
    const log = this.log.child({ job: job.name });
    try {
      const counts = await this.lock.withLock(job.name, async () => {
        log[job.quietWhenIdle ? 'debug' : 'info']('job started');
        return job.run({ em: this.forkEm(), log, stopping: () => this.stopped });
      });
      if (counts === undefined) {
        log.debug('job skipped: another process runs it');
        this.report(job.name, 'skipped', started);
        return undefined;
      }
      const idle = Object.values(counts).every((n) => n === 0);
      const level = idle && job.quietWhenIdle ? 'debug' : 'info';
      log[level]({ ...counts, ms: Date.now() - started }, 'job finished');
      this.report(job.name, 'ok', started);
      return counts;
    } catch (e) {
      log.error({ err: e, ms: Date.now() - started }, 'job failed');
      this.report(job.name, 'failed', started);
      return undefined;
    }
  }

  /** Stops scheduling and waits for the runs in progress to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.again.clear();
    await Promise.all(this.tasks.map((t) => t.stop()));
    await Promise.allSettled([...this.running.values()]);
    await this.lock.close?.();
    await this.relay?.close();
  }
}
