import type { Logger } from '../logger';
import { Db } from '../db/sql';
import { currentReportMonth, processingStatistics, type GroupedRow, type StatisticsGrouping } from '../queries/statistics.queries';
import { PROVINCE_SCOPE, ThrottledFeed, type FeedServices } from './throttled-feed';

/** What one statistics scope counts: the agencies (null: the province), and the roots whose dossier events concern it. */
export interface StatisticsWatch {
  /** The agencies counted (null: every agency). */
  agencyIds: readonly string[] | null;
  /** Agency codes whose events (or those below them) change the figures; PROVINCE_SCOPE for the province. */
  roots: readonly string[];
  groupBy: StatisticsGrouping;
}

/**
 * processingStatisticsUpdated: the current report month's rows for a scope and grouping, first at
 * subscribe, then at most once per STATISTICS_PUSH_INTERVAL_MS when a dossier of the scope changed
 * (the scorecard feed's mechanism: ./throttled-feed.ts, across processes through the pub/sub).
 */
export class StatisticsFeed extends ThrottledFeed<GroupedRow[]> {
  private readonly scopes: Map<string, StatisticsWatch>;

  constructor(services: FeedServices, log: Logger, cutoffDay: number, intervalMs = 1000) {
    const scopes = new Map<string, StatisticsWatch>();
    super(
      services,
      log,
      'statistics',
      (key) => {
        const w = scopes.get(key)!;
        const now = services.clock.now();
        const { from, to } = currentReportMonth(now, cutoffDay);
        return processingStatistics(new Db(services.forkEm()), { agencyCode: null, from, to, groupBy: w.groupBy, agencyIds: w.agencyIds }, now, cutoffDay);
      },
      (key) => scopes.get(key)?.roots ?? [PROVINCE_SCOPE],
      intervalMs,
    );
    this.scopes = scopes;
  }

  /** The rows of one scope: the current ones first, then each time they may have changed. */
  subscribe(w: StatisticsWatch): AsyncIterableIterator<GroupedRow[]> {
    const key = `${w.groupBy}|${w.agencyIds === null ? PROVINCE_SCOPE : [...w.agencyIds].sort().join(',')}`;
    if (!this.scopes.has(key)) this.scopes.set(key, { ...w, roots: w.agencyIds === null ? [PROVINCE_SCOPE] : w.roots });
    return this.watch(key);
  }
}
