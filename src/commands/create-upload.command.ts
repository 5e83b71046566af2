import { randomUUID } from 'node:crypto';
import { badInput, msg } from '../errors';
import { ALLOWED_TYPES, allowedDeclaredType } from '../documents/file-types';
import { hubUrl, uploadPath } from '../documents/signed-url';
import { insertUploadTicket } from '../stores/file.store';
import type { CommandContext } from './command-context';

export interface CreateUploadInput {
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
}

export interface UploadTicketResult {
  fileId: string;
  uploadUrl: string;
  expiresAt: Date;
}

/** The name as metadata: the last part of any path, without control characters, trimmed. */
export function fileNameOnly(name: string): string {
  return name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
}

/**
 * createUpload: a signed-in viewer declares a file (name, type, size, sha256) and gets a one-time
 * URL on the hub to PUT its bytes to before the ticket expires (FILE_UPLOAD_TTL). The type must
 * be on the allow-list and the size within FILE_MAX_BYTES; the upload itself checks the bytes.
 */
export async function createUpload(ctx: CommandContext, input: CreateUploadInput): Promise<UploadTicketResult> {
  const v = ctx.viewer.requireAuthenticated();
  const { config } = ctx.services;
  const fileName = fileNameOnly(input.fileName);
  if (!fileName || fileName === '.' || fileName === '..') throw badInput('fileName', msg('Tên tệp không được để trống', 'fileName must not be empty'), 'EMPTY');
  const type = allowedDeclaredType(input.mimeType);
  if (!type) {
    const labels = [...new Set(Object.values(ALLOWED_TYPES).map((t) => t.label))].join(', ');
    throw badInput('mimeType', msg(`Loại tệp ${input.mimeType} không được chấp nhận; chỉ nhận ${labels}`, `${input.mimeType} is not accepted; allowed: ${labels}`), 'TYPE_NOT_ALLOWED');
  }
  if (!Number.isInteger(input.sizeBytes) || input.sizeBytes <= 0) throw badInput('sizeBytes', msg('Kích thước tệp phải là số byte dương', 'sizeBytes must be a positive number of bytes'), 'INVALID');
  if (input.sizeBytes > config.FILE_MAX_BYTES) {
    const mb = (config.FILE_MAX_BYTES / 1024 / 1024).toLocaleString('en', { maximumFractionDigits: 1 });
    throw badInput('sizeBytes', msg(`Tệp lớn hơn mức cho phép (${mb} MB)`, `The file is larger than the limit (${mb} MB)`), 'TOO_LARGE');
  }
  if (!/^[0-9a-fA-F]{64}$/.test(input.sha256)) throw badInput('sha256', msg('sha256 phải gồm 64 chữ số thập lục phân', 'sha256 must be 64 hex digits'), 'INVALID');
  const expiresAt = new Date(ctx.now.getTime() + config.FILE_UPLOAD_TTL * 1000);
  const ticket = await insertUploadTicket(ctx.db, {
    id: randomUUID(),
    fileName,
    mimeType: type,
    sizeBytes: input.sizeBytes,
    sha256: input.sha256.toLowerCase(),
    uploadedBy: v.subject,
    createdAt: ctx.now,
    expiresAt,
  });
  return { fileId: ticket.id, uploadUrl: hubUrl(config.FILE_PUBLIC_BASE_URL, uploadPath(config.FILE_URL_SECRET, ticket.id, expiresAt)), expiresAt };
}
