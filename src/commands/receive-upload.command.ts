import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { badInput, conflict, msg, notFound } from '../errors';
import { ALLOWED_TYPES, detectType } from '../documents/file-types';
import { receiveToTemp, TooLargeError, type Received } from '../documents/receive';
import { claimUploadTicket, insertStoredFile, releaseUploadTicket, uploadTicketById, type StoredFileRow } from '../stores/file.store';
import type { CommandContext } from './command-context';
import { inspectZip } from '../documents/zip-contents';
import { zipLimits, zipRefusalError } from '../domain/zip-rules';

const ALLOWED_DETECTED: ReadonlySet<string> = new Set(Object.values(ALLOWED_TYPES).map((t) => t.detected));
/** What a ZIP's entries may be: the allowed types but ZIP (one level, src/domain/zip-rules.ts). */
const ZIP_ENTRY_TYPES: ReadonlySet<string> = new Set([...ALLOWED_DETECTED].filter((t) => t !== 'application/zip'));

export interface ReceiveUploadInput {
  ticketId: string;
  /** The request body, streamed. */
  body: Readable;
  /** Content-Length, when the client sent one (refused early when over the limit). */
  declaredLength: number | null;
}

/**
 * The PUT of an upload ticket's bytes (the URL's signature is checked by the HTTP handler). The
 * ticket is taken for this upload; the body is streamed to a temporary file while hashed and
 * counted (aborted over the limit), then its size, sha256 and the type its bytes show are
 * checked against the ticket and the allow-list, and a ZIP's entries are looked at (listed and
 * typed, never extracted: src/documents/zip-contents.ts). Refused: nothing kept, the ticket given back
 * (until it expires). Accepted: the bytes move into the file store and the stored_file row is
 * written (a crash between the two leaves bytes no row names, which the clean-up job ignores
 * and a later upload of the same content reuses).
 */
export async function receiveUpload(ctx: CommandContext, input: ReceiveUploadInput): Promise<StoredFileRow> {
  const { config, files } = ctx.services;
  const ticket = await uploadTicketById(ctx.db, input.ticketId);
  if (!ticket) throw notFound(msg('Không tìm thấy phiếu tải lên', 'Upload ticket not found'));
  if (ticket.usedAt) throw conflict(msg('Phiếu tải lên này đã được dùng', 'This upload ticket has already been used'), 'TICKET_USED');
  if (ticket.expiresAt.getTime() <= ctx.now.getTime()) throw conflict(msg('Phiếu tải lên đã hết hạn; hãy tạo phiếu mới', 'The upload ticket has expired; create a new one'), 'TICKET_EXPIRED');
  const limit = Math.min(config.FILE_MAX_BYTES, ticket.sizeBytes);
  if (input.declaredLength !== null && input.declaredLength > config.FILE_MAX_BYTES) throw tooLarge(config.FILE_MAX_BYTES);
  const claimed = await claimUploadTicket(ctx.db, ticket.id, ctx.now);
  if (!claimed) throw conflict(msg('Phiếu tải lên này đã được dùng', 'This upload ticket has already been used'), 'TICKET_USED');
  let received: Received | null = null;
  try {
    try {
      received = await receiveToTemp(input.body, await files.tempDir(), limit);
    } catch (e) {
      if (e instanceof TooLargeError) throw ticket.sizeBytes < config.FILE_MAX_BYTES ? sizeMismatch(ticket.sizeBytes) : tooLarge(config.FILE_MAX_BYTES);
      throw e;
    }
    if (received.size !== ticket.sizeBytes) throw sizeMismatch(ticket.sizeBytes, received.size);
    if (received.sha256 !== ticket.sha256) throw badInput('sha256', msg('Mã băm sha256 của tệp không khớp với giá trị đã khai báo', 'The sha256 of the bytes does not match the declared one'), 'HASH_MISMATCH');
    const detected = await detectType(received.path, received.head);
    if (!detected || !ALLOWED_DETECTED.has(detected)) {
      throw badInput('mimeType', msg(`Nội dung tệp không thuộc loại được chấp nhận (${detected ?? 'không xác định'})`, `The bytes are not of an accepted type (${detected ?? 'unknown'})`), 'TYPE_NOT_ALLOWED');
    }
    const expected = ALLOWED_TYPES[ticket.mimeType]!;
    if (detected !== expected.detected) {
      throw badInput('mimeType', msg(`Nội dung tệp là ${detected}, không phải ${ticket.mimeType} như đã khai báo`, `The bytes are ${detected}, not the declared ${ticket.mimeType}`), 'TYPE_MISMATCH');
    }
    if (detected === 'application/zip') {
      // "ZIP of those": every entry one of the other allowed types, no bomb, no unsafe name.
      const seen = await inspectZip(received.path, zipLimits(config.FILE_MAX_BYTES, { maxEntries: config.ZIP_MAX_ENTRIES, maxUncompressedBytes: config.ZIP_MAX_UNCOMPRESSED_BYTES }), ZIP_ENTRY_TYPES);
      if ('reason' in seen) throw zipRefusalError(seen);
    }
    await files.putFile(received.path, received.sha256);
    received = null; // moved
    return await insertStoredFile(ctx.db, {
      id: ticket.id,
      sha256: ticket.sha256,
      sizeBytes: ticket.sizeBytes,
      mimeType: expected.stored,
      fileName: ticket.fileName,
      uploadedBy: ticket.uploadedBy,
      createdAt: ctx.now,
    });
  } catch (e) {
    if (received) await rm(received.path, { force: true });
    await releaseUploadTicket(ctx.db, ticket.id);
    throw e;
  }
}

const tooLarge = (limit: number) =>
  badInput('sizeBytes', msg(`Tệp lớn hơn mức cho phép (${limit} byte)`, `The file is larger than the limit (${limit} bytes)`), 'TOO_LARGE');
const sizeMismatch = (declared: number, got?: number) =>
  badInput('sizeBytes', msg(`Kích thước tệp khác với kích thước đã khai báo (${declared} byte)`, `The file's size${got === undefined ? '' : ` (${got} bytes)`} differs from the declared ${declared} bytes`), 'SIZE_MISMATCH');
