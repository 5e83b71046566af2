import type { Db } from '../db/sql';
import type { Viewer } from '../auth/viewer';
import { dossierStreamScope, streamNeedsAgencyTree } from '../auth/access';
import { agencyNodes } from '../stores/statistics.store';

/**
 * dossierStatusChanged's pub/sub scope for this viewer (src/auth/access.ts dossierStreamScope);
 * the agency tree is read only when staff follow an agency other than their own.
 */
export async function dossierStream(db: Db, viewer: Viewer, args: { code?: string | null; agencyCode?: string | null }): Promise<string> {
  const agencies = streamNeedsAgencyTree(viewer, args) ? await agencyNodes(db) : [];
  return dossierStreamScope(viewer, args, agencies);
}
