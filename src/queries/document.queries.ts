import type { Db } from '../db/sql';
import type { Viewer } from '../auth/viewer';
import { citizenStoreOwner } from '../auth/access';
import { citizenDocumentsOf, countCitizenDocuments, type CitizenDocumentRow } from '../stores/citizen-document.store';
import { parseInstantCodeKey, parseWindowKeys, readPageArgs, toPage, type Page } from './pagination';

export const MAX_DOCUMENTS_PAGE = 100;

/** The signed-in citizen's store, newest first. */
export async function myDocuments(db: Db, viewer: Viewer, args: { first?: number | null; after?: string | null }): Promise<Page<CitizenDocumentRow>> {
  const owner = citizenStoreOwner(viewer);
  const w = parseWindowKeys(readPageArgs({ first: args.first, after: args.after }, MAX_DOCUMENTS_PAGE), parseInstantCodeKey);
  const rows = await citizenDocumentsOf(db, owner, w);
  return toPage(rows, w, (d) => `${d.createdAt.toISOString()}|${d.id}`, () => countCitizenDocuments(db, owner));
}
