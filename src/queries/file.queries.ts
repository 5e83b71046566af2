import type { Db } from '../db/sql';
import { storedFileById, type StoredFileRow } from '../stores/file.store';

/** A stored file by id, for the download route (the signed URL is the permission). */
export function storedFileForDownload(db: Db, id: string): Promise<StoredFileRow | null> {
  return storedFileById(db, id);
}
