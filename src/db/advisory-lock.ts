import { Client } from 'pg';
import type { Logger } from '../logger';

/**
 * The job locks of one process: PostgreSQL session advisory locks held on one connection of
 * their own, outside the ORM's pool. A run's lock therefore never takes a pool connection away
 * from the run's own statements or from requests: with one lock transaction per running job on
 * the pool, eight jobs starting together on a pool of five held every connection and waited
 * for a sixth (a deadlock broken only by the pool's acquire timeout).
 *
 * PostgreSQL releases a session's locks when its connection drops (the process died, the
 * network broke); the session then reconnects for the next lock, and a run that was under a
 * lost lock is logged, since another process may now run the same job beside it.
 */
export class AdvisoryLockSession {
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;
  private closed = false;
  /** The session's statements, one at a time (a pg client queues them, but warns when asked to). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly databaseUrl: string,
    private readonly log: Logger,
  ) {}

  private connection(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    if (!this.connecting) {
      const c = new Client({ connectionString: this.databaseUrl, application_name: 'dvc-hub job locks', keepAlive: true });
      c.on('error', (err) => {
        this.log.error({ err }, 'the job-lock connection failed: its locks are released; it reconnects for the next run');
        if (this.client === c) this.client = null;
      });
      c.on('end', () => {
        if (this.client === c) this.client = null;
      });
      this.connecting = c
        .connect()
        .then(() => {
          this.client = c;
          return c;
        })
        .finally(() => {
          this.connecting = null;
        });
    }
    return this.connecting;
  }

  private query<R extends Record<string, unknown>>(c: Client, text: string, values: unknown[]): Promise<R[]> {
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

  /** Ends the connection, releasing any lock still held. */
  async close(): Promise<void> {
    this.closed = true;
    const c = this.client ?? (await this.connecting?.catch(() => null)) ?? null;
    this.client = null;
    await c?.end().catch(() => undefined);
  }
}
