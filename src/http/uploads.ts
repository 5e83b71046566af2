import type { Express, Request, Response } from 'express';
import type { HubServices } from '../context';
import { Viewer } from '../auth/viewer';
import { DomainError } from '../errors';
import { runCommand } from '../commands/command-context';
import { receiveUpload } from '../commands/receive-upload.command';
import { checkSignature } from '../documents/signed-url';
import { storedFileForDownload } from '../queries/file.queries';
import { Db } from '../db/sql';
import { languageOf } from './language';

/**
 * The file routes (issue 12):
 * - `PUT /uploads/:ticketId?exp=…&sig=…` — the bytes of a createUpload ticket, streamed and
 *   checked by the receiveUpload command; 201 `{ fileId, sha256, sizeBytes, mimeType }`, or a
 *   4xx `{ error: { code, message, field } }` with nothing kept.
 * - `GET /files/:id?exp=…&sig=…` — a stored file through a signed, expiring URL (403 when the
 *   signature is wrong or past), with its type, length, name (RFC 5987) and byte ranges (206).
 */
export function installFileRoutes(app: Express, services: HubServices): void {
  app.put('/uploads/:ticketId', uploadHandler(services));
  app.get('/files/:id', downloadHandler(services));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** HTTP status of each refusal reason (BAD_USER_INPUT and CONFLICT carry one). */
const STATUS: Record<string, number> = {
  TOO_LARGE: 413,
  SIZE_MISMATCH: 400,
  HASH_MISMATCH: 400,
  TYPE_NOT_ALLOWED: 415,
  TYPE_MISMATCH: 415,
  // A ZIP that is not a "ZIP of those" (src/domain/zip-rules.ts); the other ZIP_* reasons are 400.
  ZIP_ENTRY_TYPE_NOT_ALLOWED: 415,
  ZIP_NESTED: 415,
  TICKET_USED: 409,
  TICKET_EXPIRED: 410,
};

function refuse(res: Response, status: number, code: string, message: string, field?: string) {
  if (!res.headersSent) res.status(status).set('connection', 'close').json({ error: { code, message, ...(field ? { field } : {}) } });
}

function signatureRefusal(req: Request, res: Response, check: 'bad-signature' | 'expired') {
  const vi = languageOf(req.headers['accept-language']) === 'vi';
  const message = check === 'expired' ? (vi ? 'Đường dẫn đã hết hạn' : 'This link has expired') : vi ? 'Chữ ký của đường dẫn không hợp lệ' : 'The link signature is not valid';
  refuse(res, 403, check === 'expired' ? 'URL_EXPIRED' : 'BAD_SIGNATURE', message);
}

function uploadHandler(services: HubServices) {
  return async (req: Request, res: Response) => {
    const log = services.log.child({ route: 'uploads' });
    const id = String(req.params.ticketId);
    const now = services.clock.now();
    const check = UUID.test(id) ? checkSignature(services.config.FILE_URL_SECRET, 'upload', id.toLowerCase(), req.query.exp, req.query.sig, now) : 'bad-signature';
    if (check !== 'ok') {
      signatureRefusal(req, res, check);
      return;
    }
    const length = req.headers['content-length'] !== undefined ? Number(req.headers['content-length']) : null;
    const lang = languageOf(req.headers['accept-language']);
    try {
      const file = await runCommand({ services, viewer: Viewer.system('uploads'), now }, receiveUpload, {
        ticketId: id.toLowerCase(),
        body: req,
        declaredLength: Number.isFinite(length) ? length : null,
      });
      log.info({ fileId: file.id, size: file.sizeBytes, mimeType: file.mimeType }, 'upload stored');
      res.status(201).json({ fileId: file.id, sha256: file.sha256, sizeBytes: file.sizeBytes, mimeType: file.mimeType });
    } catch (e) {
      if (e instanceof DomainError) {
        const reason = (e.details as { reason?: string }).reason;
        const status = (reason ? STATUS[reason] : undefined) ?? (e.code === 'NOT_FOUND' ? 404 : e.code === 'CONFLICT' ? 409 : 400);
        log.info({ ticketId: id, code: reason ?? e.code }, 'upload refused');
        refuse(res, status, reason ?? e.code, e.messageIn(lang), (e.details as { field?: string }).field);
        return;
      }
      if ((e as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE' || (e as NodeJS.ErrnoException).code === 'ECONNRESET') {
        log.info({ ticketId: id }, 'upload interrupted: nothing kept');
        refuse(res, 400, 'INTERRUPTED', 'upload interrupted');
        return;
      }
      log.error({ err: e, ticketId: id }, 'upload failed');
      refuse(res, 500, 'INTERNAL_SERVER_ERROR', 'internal error');
    }
  };
}

/** `attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded` (RFC 6266 / 5987). */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The one range of a `Range: bytes=…` header within `size`, 'unsatisfiable', or null to send it all (absent, several ranges, malformed). */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (end < start && m[2] !== '') return null;
  }
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

function downloadHandler(services: HubServices) {
  return async (req: Request, res: Response) => {
    const id = String(req.params.id);
    const now = services.clock.now();
    const check = UUID.test(id) ? checkSignature(services.config.FILE_URL_SECRET, 'download', id.toLowerCase(), req.query.exp, req.query.sig, now) : 'bad-signature';
    if (check !== 'ok') {
      signatureRefusal(req, res, check);
      return;
    }
    const file = await storedFileForDownload(new Db(services.forkEm()), id.toLowerCase());
    if (!file) {
      refuse(res, 404, 'NOT_FOUND', 'file not found');
      return;
    }
    // The audit trail (issue 16): who got the link is recorded when it was issued (StoredFile.url); this is the download itself.
    const record = res.locals.record as { id?: string; ip?: string } | undefined;
    services.audit.record({ at: new Date(), subject: null, roles: [], serviceAccountId: null, kind: 'DOWNLOAD', operation: 'GET /files', dossierId: null, dossierCode: null, documentId: id.toLowerCase(), target: null, ip: record?.ip ?? req.ip ?? null, requestId: record?.id ?? null, outcome: 'OK' });
    const range = parseRange(req.headers.range, file.sizeBytes);
    if (range === 'unsatisfiable') {
      res.status(416).set('content-range', `bytes */${file.sizeBytes}`).end();
      return;
    }
    let body;
    try {
      body = await services.files.open(file.sha256, range ?? undefined);
    } catch (e) {
      services.log.error({ err: e, fileId: file.id }, 'a stored file has no bytes');
      refuse(res, 404, 'NOT_FOUND', 'file not found');
      return;
    }
    res.status(range ? 206 : 200);
    res.set({
      'content-type': file.mimeType,
      'content-disposition': contentDisposition(file.fileName),
      'content-length': String(range ? range.end - range.start + 1 : file.sizeBytes),
      'accept-ranges': 'bytes',
      'cache-control': 'private, max-age=0, no-store',
      'x-content-type-options': 'nosniff',
      ...(range ? { 'content-range': `bytes ${range.start}-${range.end}/${file.sizeBytes}` } : {}),
    });
    if (req.method === 'HEAD') {
      body.destroy();
      res.end();
      return;
    }
    body.on('error', (e) => {
      services.log.error({ err: e, fileId: file.id }, 'reading a stored file failed');
      res.destroy(e);
    });
    body.pipe(res);
  };
}
