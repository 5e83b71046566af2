import { sql, type Db } from '../db/sql';
import type { FollowUp } from './dossier.store';
import { toStoredFile, type StoredFileRow } from './file.store';
import type { InstantCodeKey, PageWindow } from '../domain/paging';

/** The citizen's store (kho dữ liệu điện tử của cá nhân): citizen_document, migrations/…_dossier_files. */

export type CitizenDocumentKind = 'RESULT' | 'SUBMITTED_PAPER' | 'CERTIFIED_COPY';

export interface CitizenDocumentRow {
  id: string;
  ownerIdentityNumber: string;
  kind: CitizenDocumentKind;
  title: string;
  documentNumber: string | null;
  issuedAt: Date | null;
  validUntil: string | null;
  certified: boolean;
  sourceDossierId: string | null;
  sourceDossierCode: string | null;
  createdAt: Date;
  file: StoredFileRow;
}

/** The document columns plus its file's (as `file_*`) and its source dossier's code. */
const SELECT = sql`select cd.id, cd.owner_identity_number, cd.kind, cd.title, cd.document_number, cd.issued_at, to_char(cd.valid_until, 'YYYY-MM-DD') as valid_until,
       cd.certified, cd.source_dossier_id, sd.code as source_dossier_code, cd.created_at,
       f.id as file_id, f.sha256 as file_sha256, f.size_bytes as file_size_bytes, f.mime_type as file_mime_type, f.file_name as file_file_name,
       f.uploaded_by as file_uploaded_by, f.created_at as file_created_at, f.attached_at as file_attached_at
  from citizen_document cd join stored_file f on f.id = cd.file_id left join dossier sd on sd.id = cd.source_dossier_id`;

const toDocument = (r: Record<string, any>): CitizenDocumentRow => ({
  id: r.id,
  ownerIdentityNumber: r.owner_identity_number,
  kind: r.kind,
  title: r.title,
  documentNumber: r.document_number ?? null,
  issuedAt: r.issued_at ? new Date(r.issued_at) : null,
  validUntil: r.valid_until ?? null,
  certified: !!r.certified,
  sourceDossierId: r.source_dossier_id ?? null,
  sourceDossierCode: r.source_dossier_code ?? null,
  createdAt: new Date(r.created_at),
  file: toStoredFile({
    id: r.file_id,
    sha256: r.file_sha256,
    size_bytes: r.file_size_bytes,
    mime_type: r.file_mime_type,
    file_name: r.file_file_name,
    uploaded_by: r.file_uploaded_by,
    created_at: r.file_created_at,
    attached_at: r.file_attached_at,
  }),
});

export async function citizenDocumentsByIds(db: Db, ids: readonly string[]): Promise<CitizenDocumentRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.all(sql`${SELECT} where cd.id = any(${sql.array(ids, 'uuid')})`);
  return rows.map(toDocument);
}

/**
 * An owner's documents newest first (created_at, then id), after the key when given: `limit + 1`
 * rows (the extra one tells whether more exist). The store lists forward only (first/after).
 */
export async function citizenDocumentsOf(db: Db, ownerIdentityNumber: string, page: PageWindow<InstantCodeKey>): Promise<CitizenDocumentRow[]> {
  const k = page.afterKey;
  const after = k ? sql`and (cd.created_at, cd.id::text) < (${k.submittedAt}::timestamptz, ${k.code})` : sql.empty;
  const rows = await db.all(sql`${SELECT} where cd.owner_identity_number = ${ownerIdentityNumber} ${after}
   order by cd.created_at desc, cd.id::text desc limit ${page.limit + 1}`);
  return rows.map(toDocument);
}

export async function countCitizenDocuments(db: Db, ownerIdentityNumber: string): Promise<number> {
  const r = await db.one<{ n: number }>(sql`select count(*)::int as n from citizen_document where owner_identity_number = ${ownerIdentityNumber}`);
  return r?.n ?? 0;
}

/** A document to keep: the row's own columns, its file by id, and who keeps it. */
export type NewCitizenDocument = Omit<CitizenDocumentRow, 'sourceDossierId' | 'sourceDossierCode' | 'file'> & { fileId: string; createdBy: string };

/** Keeps an uploaded file in the owner's store, marking the file attached, in one statement. */
export async function insertCitizenDocument(db: Db, d: NewCitizenDocument): Promise<CitizenDocumentRow> {
  await db.one(sql`with doc as (
  insert into citizen_document ${sql.values({
    id: d.id,
    owner_identity_number: d.ownerIdentityNumber,
    kind: d.kind,
    title: d.title,
    document_number: d.documentNumber,
    issued_at: d.issuedAt,
    valid_until: sql`${d.validUntil}::date`,
    certified: d.certified,
    file_id: d.fileId,
    created_by: d.createdBy,
    created_at: d.createdAt,
  })} returning file_id
)
update stored_file set attached_at = ${d.createdAt} where id = (select file_id from doc) and attached_at is null`);
  return (await citizenDocumentsByIds(db, [d.id]))[0]!;
}

/**
 * A follow-up of ISSUE_RESULT (src/stores/dossier.store.ts): the result file enters the
 * applicant's store as a RESULT document of the written dossier (once per dossier).
 */
export function resultIntoStore(doc: { id: string; title: string; documentNumber: string; fileId: string; at: Date; createdBy: string }): FollowUp {
  return (row) => sql`insert into citizen_document (id, owner_identity_number, kind, title, document_number, issued_at, certified, source_dossier_id, file_id, created_by, created_at)
   select ${doc.id}, ${sql.raw(row)}.applicant_identity_number, 'RESULT', ${doc.title}, ${doc.documentNumber}, ${doc.at}, false, ${sql.raw(row)}.id, ${doc.fileId}, ${doc.createdBy}, ${doc.at}
     from ${sql.raw(row)}
   on conflict do nothing`;
}
