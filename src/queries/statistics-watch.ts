import type { Db } from '../db/sql';
import type { Viewer } from '../auth/viewer';
import { statisticsScope } from '../auth/access';
import { agencyNodes } from '../stores/statistics.store';
import type { StatisticsWatch } from '../realtime/statistics-feed';
import type { StatisticsGrouping } from './statistics.queries';

/**
 * processingStatisticsUpdated(agencyCode, groupBy): the viewer's scope as for the query (checked
 * before the feed is opened), and the agencies whose dossier events concern it.
 */
export async function checkStatisticsWatch(db: Db, viewer: Viewer, agencyCode: string | null, groupBy: StatisticsGrouping): Promise<StatisticsWatch> {
  const agencies = await agencyNodes(db);
  const agencyIds = statisticsScope(viewer, agencyCode, agencies);
  const roots = agencyCode !== null ? [agencyCode] : agencies.filter((a) => viewer.worksAt(a.code)).map((a) => a.code);
  return { agencyIds, roots, groupBy };
}
