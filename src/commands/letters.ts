import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Db } from '../db/sql';
import type { HubServices } from '../context';
import { letterContent } from '../domain/letters';
import { issueFacts, processLogLines } from '../domain/letter-rules';
import { vnYear } from '../domain/vn-time';
import {
  dossierLogUpTo,
  drawLetterSeq,
  letterOfCause,
  markLetterRequestDone,
  recordIssuedLetter,
  type LetterRequestRow,
  type LetterRow,
} from '../stores/letter.store';

/** Who the letters' files are uploaded by (stored_file.uploaded_by). */
export const LETTERS_ACTOR = 'system:letters';

/**
 * Issues one claimed request inside the transaction of `db` (which holds the request's row):
 * draws the number, draws the PDF, keeps its bytes in the file store, and records the file, the
 * dossier's hold on it, the letter and the request done — all committed together, or none.
 *
 * A crash before the commit leaves the request to be redone and the number undrawn (the bytes
 * put are the same when redone: the content, its date and its number are the same, so the file
 * store keeps one copy). A request redone after its letter committed finds that letter and
 * issues nothing: (dossier, kind, cause) is unique.
 */
export async function issueClaimedLetter(db: Db, services: Pick<HubServices, 'files' | 'config' | 'clock' | 'letterRenderer'>, req: LetterRequestRow): Promise<LetterRow> {
  if (!db.inTransaction) throw new Error('issueClaimedLetter runs inside db.transaction');
  const done = await letterOfCause(db, req.dossierId, req.kind, req.cause);
  if (done) {
    await markLetterRequestDone(db, req.id, services.clock.now());
    return done;
  }
  const { config } = services;
  // Dated at the change that caused it (a retry later the same day or year changes nothing on it).
  const issuedAt = req.createdAt;
  const seq = await drawLetterSeq(db, req.kind, req.agencyCode, vnYear(issuedAt));
  const log =
    req.kind === 'PROCESS_CONTROL'
      ? processLogLines(await dossierLogUpTo(db, req.dossierId, Number(req.facts.logUpTo ?? Number.MAX_SAFE_INTEGER)), req.agencyName)
      : undefined;
  const content = letterContent(
    issueFacts(req.facts, { seq, issuedAt, place: config.LETTER_PLACE, defaultParentName: config.LETTER_SUPERIOR_BODY || null, log }),
  );
  const pdf = await services.letterRenderer.render(content);
  const stored = await services.files.put(Readable.from(pdf));
  return recordIssuedLetter(db, {
    request: req,
    seq,
    number: content.number,
    title: content.title,
    issuedAt,
    file: {
      id: randomUUID(),
      sha256: stored.sha256,
      sizeBytes: stored.size,
      fileName: `${content.number.replace(/\//g, '_')}.pdf`,
      uploadedBy: LETTERS_ACTOR,
    },
    now: services.clock.now(),
  });
}

/** Wait before retry n (1, 2, …): exponential from base to max, with full jitter above base. */
export function letterRetryMs(attempt: number, base: number, max: number, random = Math.random): number {
  const cap = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return base + random() * Math.max(0, cap - base);
}
