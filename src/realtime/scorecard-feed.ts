import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../logger';
import type { Clock } from '../domain/clock';
import type { HubPubSub } from './pubsub';
import { Db } from '../db/sql';
import { agencyParents } from '../stores/scorecard.store';
import { currentQuarter, scorecard, type ScorecardResult } from '../queries/scorecard';

const PROVINCE = '*';

/**
 * scorecardUpdated: a fresh scorecard (the current quarter to date) for every agency scope that
 * has subscribers in this process, at most once a second per scope, after its figures may have
 * changed. A dossier event marks its agency, the agencies above it and the province dirty; a
 * timer recomputes the dirty scopes that someone watches. Each process serves its own
 * subscribers (with REDIS_URL, dossier events from every process reach every process).
 */
export class ScorecardFeed {
  private readonly target = new EventTarget();
  private readonly watchers = new Map<string, number>();
  private readonly dirty = new Set<string>();
  private parents: Map<string, string | null> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private events: AsyncIterator<unknown> | null = null;
  private running = false;

  constructor(
    /** What the feed needs of the hub, and nothing more (it is part of the hub's services). */
    private readonly services: { pubSub: HubPubSub; clock: Clock; forkEm(): EntityManager },
    private readonly log: Logger,
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
    })().catch((e) => this.log.error({ err: e }, 'scorecard feed stopped listening'));
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.events?.return?.();
  }

  /** The agency (and those above it, and the province) may have new figures. */
  async markDirty(agencyCode: string | null): Promise<void> {
    this.dirty.add(PROVINCE);
    if (!agencyCode) return;
    this.parents ??= await agencyParents(new Db(this.services.forkEm()));
    for (let c: string | null | undefined = agencyCode, n = 0; c && n < 10; c = this.parents.get(c), n++) this.dirty.add(c);
  }

  private async flush(): Promise<void> {
    if (this.running || this.dirty.size === 0) return;
    this.running = true;
    try {
      const scopes = [...this.dirty].filter((s) => (this.watchers.get(s) ?? 0) > 0);
      this.dirty.clear();
      for (const s of scopes) {
        const now = this.services.clock.now();
        const { from, to } = currentQuarter(now);
        const card = await scorecard(new Db(this.services.forkEm()), s === PROVINCE ? null : s, from, to, now);
        this.target.dispatchEvent(new CustomEvent(s, { detail: card }));
      }
    } catch (e) {
      this.log.error({ err: e }, 'scorecard feed could not compute a scorecard');
    } finally {
      this.running = false;
    }
  }

  /** Scorecards of one scope (null: the province) as they change; only the latest is kept if a reader lags. */
  subscribe(agencyCode: string | null): AsyncIterableIterator<ScorecardResult> {
    const scope = agencyCode ?? PROVINCE;
    let latest: ScorecardResult | null = null;
    let wake: (() => void) | null = null;
    let done = false;
    const handler = (e: Event) => {
      latest = (e as CustomEvent<ScorecardResult>).detail;
      wake?.();
    };
    this.target.addEventListener(scope, handler);
    this.watchers.set(scope, (this.watchers.get(scope) ?? 0) + 1);
    const finish = () => {
      if (done) return;
      done = true;
      this.target.removeEventListener(scope, handler);
      this.watchers.set(scope, (this.watchers.get(scope) ?? 1) - 1);
      wake?.();
    };
    const iterator: AsyncIterableIterator<ScorecardResult> = {
      next: async () => {
        while (!latest && !done) await new Promise<void>((r) => (wake = r));
        wake = null;
        if (done) return { done: true, value: undefined };
        const value = latest!;
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
