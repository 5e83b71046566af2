import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../logger';
import type { Clock } from '../domain/clock';
import type { HubPubSub } from './pubsub';
import { Db } from '../db/sql';
import { agencyParents } from '../stores/scorecard.store';

/** The scope key of the whole province among the agency codes a scope watches. */
export const PROVINCE_SCOPE = '*';

/** What a feed needs of the hub, and nothing more (it is part of the hub's services). */
export interface FeedServices {
  pubSub: HubPubSub;
  clock: Clock;
  forkEm(): EntityManager;
}

/**
 * Live figures (scorecardUpdated, processingStatisticsUpdated): the current value of a scope as
 * soon as a subscription starts, then a fresh one for every scope that has subscribers in this
 * process, at most once per interval, after its figures may have changed. A dossier event
 * (DOSSIER_STATUS, from every process when REDIS_URL is set) marks its agency, the agencies above
 * it and the province dirty; a timer recomputes the watched scopes whose agencies are dirty.
 * A scope is a string key; `agenciesOf(scope)` names the agency codes (or PROVINCE_SCOPE) whose
 * dirtiness concerns it.
 */
export class ThrottledFeed<T> {
  private readonly target = new EventTarget();
  private readonly watchers = new Map<string, number>();
  private readonly dirty = new Set<string>();
  private parents: Map<string, string | null> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private events: AsyncIterator<unknown> | null = null;
  private running = false;
  /** The first value being computed for a scope: subscribers who start together share it. */
  private readonly firstValues = new Map<string, Promise<T>>();

  constructor(
    protected readonly services: FeedServices,
    protected readonly log: Logger,
    private readonly what: string,
    private readonly compute: (scope: string) => Promise<T>,
    private readonly agenciesOf: (scope: string) => readonly string[],
    private readonly intervalMs = 1000,
  ) {}

  start(): void {
    const it = this.services.pubSub.subscribe('DOSSIER_STATUS', 'all')[Symbol.asyncIterator]();
    this.events = it;
    void (async () => {
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        await this.markDirty((r.value as { agencyCode: string }).agencyCode);
      }
    })().catch((e) => this.log.error({ err: e }, `${this.what} feed stopped listening`));
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.events?.return?.();
  }

  /** The agency (and those above it, and the province) may have new figures. */
  async markDirty(agencyCode: string | null): Promise<void> {
    this.dirty.add(PROVINCE_SCOPE);
    if (!agencyCode) return;
    this.parents ??= await agencyParents(new Db(this.services.forkEm()));
    for (let c: string | null | undefined = agencyCode, n = 0; c && n < 10; c = this.parents.get(c), n++) this.dirty.add(c);
  }

  private async flush(): Promise<void> {
    if (this.running || this.dirty.size === 0) return;
    this.running = true;
    try {
      const dirty = new Set(this.dirty);
      this.dirty.clear();
      const scopes = [...this.watchers].filter(([s, n]) => n > 0 && this.agenciesOf(s).some((a) => dirty.has(a))).map(([s]) => s);
      for (const s of scopes) this.target.dispatchEvent(new CustomEvent(s, { detail: await this.compute(s) }));
    } catch (e) {
      this.log.error({ err: e }, `${this.what} feed could not compute`);
    } finally {
      this.running = false;
    }
  }

  /** The scope's current value for a subscription that starts (one computation for those that start together). */
  private firstValue(scope: string): Promise<T> {
    let v = this.firstValues.get(scope);
    if (!v) {
      v = this.compute(scope).finally(() => this.firstValues.delete(scope));
      this.firstValues.set(scope, v);
    }
    return v;
  }

  /**
   * Values of one scope: the current one first, then each as it changes; only the latest is kept
   * if a reader lags. The first is dropped if a change's value (newer) arrives before it is computed.
   */
  protected watch(scope: string): AsyncIterableIterator<T> {
    let latest: { v: T } | null = null;
    let wake: (() => void) | null = null;
    let done = false;
    let firstPending = true;
    const handler = (e: Event) => {
      firstPending = false;
      latest = { v: (e as CustomEvent<T>).detail };
      wake?.();
    };
    this.firstValue(scope).then(
      (v) => {
        if (!firstPending || done) return;
        firstPending = false;
        latest = { v };
        wake?.();
      },
      (e: unknown) => this.log.error({ err: e }, `${this.what} feed could not compute the first value`),
    );
    this.target.addEventListener(scope, handler);
    this.watchers.set(scope, (this.watchers.get(scope) ?? 0) + 1);
    const finish = () => {
      if (done) return;
      done = true;
      this.target.removeEventListener(scope, handler);
      const n = (this.watchers.get(scope) ?? 1) - 1;
      if (n > 0) this.watchers.set(scope, n);
      else this.watchers.delete(scope);
      wake?.();
    };
    const iterator: AsyncIterableIterator<T> = {
      next: async () => {
        while (!latest && !done) await new Promise<void>((r) => (wake = r));
        wake = null;
        if (done) return { done: true, value: undefined };
        const value = latest!.v;
        latest = null;
        return { done: false, value };
      },
      return: async () => {
        finish();
        return { done: true, value: undefined };
      },
      throw: async (e: unknown) => {
        finish();
        throw e;
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}
