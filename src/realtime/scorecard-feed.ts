import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../logger';
import type { Clock } from '../domain/clock';
import type { HubPubSub } from './pubsub';
import { Db } from '../db/sql';
import { agencyParents } from '../stores/scorecard.store';
import { currentQuarter, scorecard, type ScorecardResult } from '../queries/scorecard';

const PROVINCE = '*';

/**
 * scorecardUpdated: the current scorecard (the current quarter to date) as soon as a subscription
 * starts, then a fresh one for every agency scope that has subscribers in this process, at most
 * once a second per scope, after its figures may have changed. A dossier event marks its agency, the agencies above it and the province dirty; a
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
  /** The first scorecard being computed for a scope: subscribers who start together share it. */
  private readonly firstCards = new Map<string, Promise<ScorecardResult>>();

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
      for (const s of scopes) this.target.dispatchEvent(new CustomEvent(s, { detail: await this.compute(s) }));
    } catch (e) {
      this.log.error({ err: e }, 'scorecard feed could not compute a scorecard');
    } finally {
      this.running = false;
    }
  }

  /** The scope's scorecard of the current quarter to date. */
  private compute(scope: string): Promise<ScorecardResult> {
    const now = this.services.clock.now();
    const { from, to } = currentQuarter(now);
    return scorecard(new Db(this.services.forkEm()), scope === PROVINCE ? null : scope, from, to, now);
  }

  /** The scope's current scorecard for a subscription that starts (one computation for those that start together). */
  private firstCard(scope: string): Promise<ScorecardResult> {
    let card = this.firstCards.get(scope);
    if (!card) {
      card = this.compute(scope).finally(() => this.firstCards.delete(scope));
      this.firstCards.set(scope, card);
    }
    return card;
  }

  /**
   * Scorecards of one scope (null: the province): the current one first, then each as it changes;
   * only the latest is kept if a reader lags. The first is dropped if a change's scorecard
   * (newer) arrives before it is computed.
   */
  subscribe(agencyCode: string | null): AsyncIterableIterator<ScorecardResult> {
    const scope = agencyCode ?? PROVINCE;
    let latest: ScorecardResult | null = null;
    let wake: (() => void) | null = null;
    let done = false;
    let firstPending = true;
    const handler = (e: Event) => {
      firstPending = false;
      latest = (e as CustomEvent<ScorecardResult>).detail;
      wake?.();
    };
    this.firstCard(scope).then(
      (card) => {
        if (!firstPending || done) return;
        firstPending = false;
        latest = card;
        wake?.();
      },
      (e: unknown) => this.log.error({ err: e }, 'scorecard feed could not compute the first scorecard'),
    );
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
