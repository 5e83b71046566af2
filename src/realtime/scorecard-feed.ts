import type { Logger } from '../logger';
import { Db } from '../db/sql';
import { currentQuarter, scorecard, type ScorecardResult } from '../queries/scorecard';
import { PROVINCE_SCOPE, ThrottledFeed, type FeedServices } from './throttled-feed';

/**
 * scorecardUpdated: the current scorecard (the current quarter to date) as soon as a subscription
 * starts, then a fresh one for every agency scope that has subscribers in this process, at most
 * once a second per scope, after its figures may have changed (the mechanism: ./throttled-feed.ts).
 * The scope is the agency code, or the province.
 */
export class ScorecardFeed extends ThrottledFeed<ScorecardResult> {
  constructor(services: FeedServices, log: Logger, intervalMs = 1000) {
    super(
      services,
      log,
      'scorecard',
      (scope) => {
        const now = services.clock.now();
        const { from, to } = currentQuarter(now);
        return scorecard(new Db(services.forkEm()), scope === PROVINCE_SCOPE ? null : scope, from, to, now);
      },
      (scope) => [scope],
      intervalMs,
    );
  }

  /** Scorecards of one scope (null: the province): the current one first, then each as it changes. */
  subscribe(agencyCode: string | null): AsyncIterableIterator<ScorecardResult> {
    return this.watch(agencyCode ?? PROVINCE_SCOPE);
  }
}
