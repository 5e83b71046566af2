import { randomUUID } from 'node:crypto';
import { badInput, forbidden, msg } from '../errors';
import { isBlank } from '../domain/text';
import { isCalendarDate } from '../schema/scalars';
import { storedFilesByIds } from '../stores/file.store';
import { insertCitizenDocument, type CitizenDocumentKind, type CitizenDocumentRow } from '../stores/citizen-document.store';
import type { CommandContext } from './command-context';

export interface SaveCitizenDocumentInput {
  /** The stored file's id (decoded from its global id). */
  fileId: string;
  title: string;
  kind: CitizenDocumentKind;
  documentNumber?: string | null;
  validUntil?: string | null;
}

/**
 * saveCitizenDocument: a citizen keeps a file they uploaded in their store (kho dữ liệu), to
 * reuse it in later dossiers. Results enter the store only when an agency issues them
 * (ISSUE_RESULT), never by this call. A CERTIFIED_COPY is an electronic certified copy (bản
 * sao điện tử có chứng thực) as the citizen declares it; the hub does not verify its signature.
 */
export async function saveCitizenDocument(ctx: CommandContext, input: SaveCitizenDocumentInput): Promise<CitizenDocumentRow> {
  const v = ctx.viewer.requireRole('CITIZEN');
  if (!v.identityNumber) throw forbidden(msg('Kho dữ liệu gắn với số định danh cá nhân: tài khoản này không có số định danh', 'The store belongs to an identity number, and this account has none'));
  if (input.kind === 'RESULT') {
    throw badInput('kind', msg('Kết quả giải quyết do cơ quan cấp vào kho, công dân không tự lưu được', 'Results enter the store when an agency issues them, not by this call'));
  }
  const title = input.title.trim();
  if (isBlank(title)) throw badInput('title', msg('Cần nhập tên giấy tờ', 'title is required'));
  if (input.validUntil != null && !isCalendarDate(input.validUntil)) throw badInput('validUntil', msg('Ngày hết hạn phải có dạng YYYY-MM-DD', 'validUntil must be YYYY-MM-DD'));
  const [file] = await storedFilesByIds(ctx.db, [input.fileId]);
  if (!file || file.uploadedBy !== v.subject) throw badInput('fileId', msg('Không có tệp này trong các tệp bạn đã tải lên', 'No such file among your uploads'));
  return insertCitizenDocument(ctx.db, {
    id: randomUUID(),
    ownerIdentityNumber: v.identityNumber,
    kind: input.kind,
    title,
    documentNumber: input.documentNumber?.trim() || null,
    issuedAt: null,
    validUntil: input.validUntil ?? null,
    certified: input.kind === 'CERTIFIED_COPY',
    fileId: file.id,
    createdBy: v.subject,
    createdAt: ctx.now,
  });
}
