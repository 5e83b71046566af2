import type { Db } from '../db/sql';
import type { Viewer } from '../auth/viewer';
import { storedFileById, type StoredFileRow } from '../stores/file.store';

/** A stored file by id, for the download route (the signed URL is the permission). */
export function storedFileForDownload(db: Db, id: string): Promise<StoredFileRow | null> {
  return storedFileById(db, id);
}

/**
 * May the viewer get a download URL of this file? For now its uploader only; readers of a
 * dossier or document that holds the file come with components and the citizen's store.
 */
export function mayDownload(viewer: Viewer, file: StoredFileRow): boolean {
  return viewer.subject !== null && viewer.subject === file.uploadedBy;
}
