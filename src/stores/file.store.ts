import { sql, type Db } from '../db/sql';
import type { FollowUp } from './dossier.store';

/** Uploaded files and the one-time tickets that let them in (issue 12; migrations/…_files). */

export interface UploadTicketRow {
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

interface UploadTicketRecord {
  id: string;
  file_name: string;
  mime_type: string;
  size_bytes: string | number;
  sha256: string;
  uploaded_by: string;
  created_at: string | Date;
  expires_at: string | Date;
  used_at: string | Date | null;
}

const toTicket = (r: UploadTicketRecord): UploadTicketRow => ({
  id: r.id,
  fileName: r.file_name,
  mimeType: r.mime_type,
  sizeBytes: Number(r.size_bytes),
  sha256: r.sha256,
  uploadedBy: r.uploaded_by,
  createdAt: new Date(r.created_at),
  expiresAt: new Date(r.expires_at),
  usedAt: r.used_at ? new Date(r.used_at) : null,
});

export interface StoredFileRow {
  id: string;
  sha256: string;
  sizeBytes: number;
  mimeType: string;
  fileName: string;
  uploadedBy: string;
  createdAt: Date;
  attachedAt: Date | null;
}

interface StoredFileRecord {
  id: string;
  sha256: string;
  size_bytes: string | number;
  mime_type: string;
  file_name: string;
  uploaded_by: string;
  created_at: string | Date;
  attached_at: string | Date | null;
}

export const toStoredFile = (r: StoredFileRecord): StoredFileRow => ({
  id: r.id,
  sha256: r.sha256,
  sizeBytes: Number(r.size_bytes),
  mimeType: r.mime_type,
  fileName: r.file_name,
  uploadedBy: r.uploaded_by,
  createdAt: new Date(r.created_at),
  attachedAt: r.attached_at ? new Date(r.attached_at) : null,
});

export async function insertUploadTicket(db: Db, t: Omit<UploadTicketRow, 'usedAt'>): Promise<UploadTicketRow> {
  const row = await db.one<UploadTicketRecord>(
    sql`insert into upload_ticket ${sql.values({
      id: t.id,
      file_name: t.fileName,
      mime_type: t.mimeType,
      size_bytes: t.sizeBytes,
      sha256: t.sha256,
      uploaded_by: t.uploadedBy,
      created_at: t.createdAt,
      expires_at: t.expiresAt,
    })} returning *`,
  );
  return toTicket(row!);
}

export async function uploadTicketById(db: Db, id: string): Promise<UploadTicketRow | null> {
  const r = await db.one<UploadTicketRecord>(sql`select * from upload_ticket where id = ${id}::uuid`);
  return r ? toTicket(r) : null;
}

/** Takes the ticket for one upload: null when it is used, in use, or expired at `now`. */
export async function claimUploadTicket(db: Db, id: string, now: Date): Promise<UploadTicketRow | null> {
  const r = await db.one<UploadTicketRecord>(
    sql`update upload_ticket set used_at = ${now} where id = ${id}::uuid and used_at is null and expires_at > ${now} returning *`,
  );
  return r ? toTicket(r) : null;
}

/** Gives a claimed ticket back after a refused upload (nothing was kept; the client may try again until it expires). */
export async function releaseUploadTicket(db: Db, id: string): Promise<void> {
  await db.all(sql`update upload_ticket set used_at = null where id = ${id}::uuid and not exists (select 1 from stored_file f where f.id = ${id}::uuid)`);
}

export async function insertStoredFile(db: Db, f: Omit<StoredFileRow, 'attachedAt'>): Promise<StoredFileRow> {
  const row = await db.one<StoredFileRecord>(
    sql`insert into stored_file ${sql.values({
      id: f.id,
      sha256: f.sha256,
      size_bytes: f.sizeBytes,
      mime_type: f.mimeType,
      file_name: f.fileName,
      uploaded_by: f.uploadedBy,
      created_at: f.createdAt,
    })} returning *`,
  );
  return toStoredFile(row!);
}

export async function storedFileById(db: Db, id: string): Promise<StoredFileRow | null> {
  const r = await db.one<StoredFileRecord>(sql`select * from stored_file where id = ${id}::uuid`);
  return r ? toStoredFile(r) : null;
}

export async function storedFilesByIds(db: Db, ids: readonly string[]): Promise<StoredFileRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.all<StoredFileRecord>(sql`select * from stored_file where id = any(${sql.array(ids, 'uuid')})`);
  return rows.map(toStoredFile);
}

/** Marks files as taken by a dossier or the citizen's store (the clean-up job leaves them). */
export async function markFilesAttached(db: Db, ids: readonly string[], now: Date): Promise<number> {
  const rows = await db.all(sql`update stored_file set attached_at = ${now} where id = any(${sql.array(ids, 'uuid')}) and attached_at is null returning id`);
  return rows.length;
}

/**
 * Removes up to `limit` files never attached and created before `cutoff`; answers each removed
 * row's sha256 with whether another row still holds the same content (then the bytes stay).
 */
export async function deleteUnattachedFiles(db: Db, cutoff: Date, limit: number): Promise<{ id: string; sha256: string; stillUsed: boolean }[]> {
  const rows = await db.all<{ id: string; sha256: string; still_used: boolean }>(
    sql`with gone as (
          delete from stored_file where id in (
            select id from stored_file where attached_at is null and created_at < ${cutoff} order by created_at limit ${limit} for update skip locked)
          returning id, sha256)
        select g.id, g.sha256, exists (select 1 from stored_file f where f.sha256 = g.sha256 and f.id not in (select id from gone)) as still_used from gone g`,
  );
  return rows.map((r) => ({ id: r.id, sha256: r.sha256, stillUsed: r.still_used }));
}

/** Is any stored_file row holding this content? */
export async function contentInUse(db: Db, sha256: string): Promise<boolean> {
  const r = await db.one<{ used: boolean }>(sql`select exists (select 1 from stored_file where sha256 = ${sha256}) as used`);
  return !!r?.used;
}

/** Of these contents, those some stored_file row holds (the disk sweep's question, a directory at a time). */
export async function heldContents(db: Db, sha256s: readonly string[]): Promise<Set<string>> {
  const rows = await db.all<{ sha256: string }>(sql`select distinct sha256 from stored_file where sha256 = any(${sql.array(sha256s, 'text')})`);
  return new Set(rows.map((r) => r.sha256.trim()));
}

/** Forgets tickets that expired before `cutoff` (used or not). */
export async function deleteExpiredTickets(db: Db, cutoff: Date): Promise<number> {
  const rows = await db.all(sql`delete from upload_ticket where expires_at < ${cutoff} returning id`);
  return rows.length;
}

// ------------------------------------------------------------------ files a dossier holds

export type DossierFilePurpose = 'COMPONENT' | 'RESULT' | 'LETTER';

/**
 * Follow-ups of a dossier write (src/stores/dossier.store.ts) that link stored files to the
 * written dossier and mark them attached, in the same statement: the dossier's readers may then
 * download them, and the clean-up job leaves them. Nothing when there are no files.
 */
export function linkDossierFiles(files: readonly { fileId: string; purpose: DossierFilePurpose }[], at: Date): FollowUp[] {
  if (files.length === 0) return [];
  const ids = sql.array(files.map((f) => f.fileId), 'uuid');
  const purposes = sql.array(files.map((f) => f.purpose), 'text');
  return [
    (row) => sql`insert into dossier_file (dossier_id, file_id, purpose, created_at)
   select ${sql.raw(row)}.id, x.file_id, x.purpose, ${at} from ${sql.raw(row)}, unnest(${ids}, ${purposes}) as x(file_id, purpose)
   on conflict do nothing`,
    (row) => sql`update stored_file set attached_at = ${at} where id = any(${ids}) and attached_at is null and exists (select 1 from ${sql.raw(row)})`,
  ];
}

/** The dossiers that hold a file (any purpose). */
export async function dossiersHoldingFile(db: Db, fileId: string): Promise<string[]> {
  const rows = await db.all<{ dossier_id: string }>(sql`select dossier_id from dossier_file where file_id = ${fileId}::uuid`);
  return rows.map((r) => r.dossier_id);
}

/** Who may hold a file: its uploader, the dossiers that hold it, and the owners of store documents made of it. */
export interface FileHolders {
  fileId: string;
  uploadedBy: string;
  dossierIds: string[];
  ownerIdentityNumbers: string[];
}

export async function fileHolders(db: Db, fileIds: readonly string[]): Promise<FileHolders[]> {
  const rows = await db.all<{ id: string; uploaded_by: string; dossier_ids: string[] | null; owners: string[] | null }>(
    sql`select f.id, f.uploaded_by,
               (select array_agg(distinct df.dossier_id) from dossier_file df where df.file_id = f.id) as dossier_ids,
               (select array_agg(distinct cd.owner_identity_number) from citizen_document cd where cd.file_id = f.id) as owners
          from stored_file f where f.id = any(${sql.array(fileIds, 'uuid')})`,
  );
  return rows.map((r) => ({ fileId: r.id, uploadedBy: r.uploaded_by, dossierIds: r.dossier_ids ?? [], ownerIdentityNumbers: r.owners ?? [] }));
}
