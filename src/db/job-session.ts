import { Client, type Notification } from 'pg';
import type { Logger } from '../logger';

/** The PostgreSQL channel of job kicks between hub processes (payload: a job name). */
const KICK_CHANNEL = 'dvc_hub_jobs';
/** How long a kick waits, gathering further kicks of the same job, before it is sent. */
const KICK_GATHER_MS = 25;
const RECONNECT_MS = 1000;

/**
 * The jobs' own PostgreSQL session in one process, on a connection outside the ORM's pool:
 *
 * - **Locks.** Session advisory locks, one per running job, so a job runs once across processes.
 *   A run's lock never takes a pool connection from the run's own statements or from requests:
 *   with one lock transaction per running job on the pool, eight jobs starting together on a
 *   pool of five held every connection and waited for a sixth (a deadlock broken only by the
 *   pool's acquire timeout). PostgreSQL releases the locks when the connection drops (the
 *   process died, the network broke); the session then reconnects for the next lock, and a run
 *   that was under a lost lock is logged, since another process may run the same job beside it.
 * - **Kicks.** A process that wrote work for a job it does not run itself (an API process with
 *   JOBS_ENABLED=false, or LETTERS_WORKER=false) tells the processes that run it, with
 *   NOTIFY after the commit; they LISTEN and run the job at once rather than on its schedule,
 *   which stays as the safety net for a kick lost with a dropped connection.
 */
export class JobSession {
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;
  private closed = false;
  /** The session's statements, one at a time (a pg client queues them, but warns when asked to). */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners: ((job: string) => void)[] = [];
  private readonly gathering = new Set<string>();
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly log: Logger,
  ) {}

  private connection(): Promise<Client> {
    if (this.closed) return Promise.reject(new Error('the job session is closed'));
    if (this.client) return Promise.resolve(this.client);
    if (!this.connecting) {
      const c = new Client({ connectionString: this.databaseUrl, application_name: 'dvc-hub jobs', keepAlive: true });
      const lost = (err?: Error) => {
        if (this.client !== c) return;
        this.client = null;
        if (this.closed) return;
        this.log.error({ err }, 'the jobs connection was lost: its locks are released; it reconnects');
        if (this.listeners.length) this.reconnectSoon();
      };
      c.on('error', lost);
      c.on('end', () => lost());
      c.on('notification', (n: Notification) => {
        if (n.channel !== KICK_CHANNEL || !n.payload) return;
        for (const l of this.listeners) l(n.payload);
      });
      this.connecting = c
        .connect()
        .then(async () => {
          if (this.listeners.length) await c.query(`listen ${KICK_CHANNEL}`);
          this.client = c;
          return c;
        })
        .catch(async (e: unknown) => {
          await c.end().catch(() => undefined);
          throw e;
        })
        .finally(() => {
          this.connecting = null;
        });
    }
    return this.connecting;
  }

  private reconnectSoon(): void {
    if (this.reconnectTimer || this.closed) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connection().catch((err: unknown) => {
        this.log.warn({ err }, 'the jobs connection could not reconnect: trying again');
        this.reconnectSoon();
      });
    }, RECONNECT_MS);
    this.reconnectTimer.unref();
  }

  private query<R extends Record<string, unknown>>(c: Client, text: string, values: unknown[] = []): Promise<R[]> {
    const next = this.queue.then(() => c.query<R>(text, values)).then((r) => r.rows);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Runs `fn` while this session holds the advisory lock `key`; undefined, without running
   * `fn`, when another session holds it.
   */
  async withLock<T>(key: bigint, fn: () => Promise<T>): Promise<T | undefined> {
    if (this.closed) return undefined;
    const c = await this.connection();
    const [r] = await this.query<{ got: boolean }>(c, 'select pg_try_advisory_lock($1::bigint) as got', [key.toString()]);
    if (!r?.got) return undefined;
    try {
      return await fn();
    } finally {
      if (this.client === c) {
        await this.query(c, 'select pg_advisory_unlock($1::bigint)', [key.toString()]).catch((err: unknown) => {
          this.log.warn({ err }, 'advisory unlock failed (the connection drops it anyway)');
        });
      } else {
        this.log.warn({ key: key.toString() }, 'a job ran past the loss of its lock connection; another process may have run it too');
      }
    }
  }

  /** Calls `listener` with the name of each job another process kicks (LISTEN from now on). */
  async listen(listener: (job: string) => void): Promise<void> {
    this.listeners.push(listener);
    const c = await this.connection();
    if (this.listeners.length === 1) await this.query(c, `listen ${KICK_CHANNEL}`);
  }

  /**
   * Kicks `job` in the processes that run it (NOTIFY), once for the kicks gathered within a few
   * milliseconds. A kick that cannot be sent is logged: the job's schedule catches up.
   */
  kick(job: string): void {
    if (this.closed || this.gathering.has(job)) return;
    this.gathering.add(job);
    setTimeout(() => {
      this.gathering.delete(job);
      this.connection()
        .then((c) => this.query(c, 'select pg_notify($1, $2)', [KICK_CHANNEL, job]))
        .catch((err: unknown) => {
          if (!this.closed) this.log.warn({ err, job }, 'job kick not sent (its schedule catches up)');
        });
    }, KICK_GATHER_MS).unref();
  }

  /** Ends the connection, releasing any lock still held. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const c = this.client ?? (await this.connecting?.catch(() => null)) ?? null;
    this.client = null;
    await this.queue;
    await c?.end().catch(() => undefined);
  }
}
