import { createHash } from 'node:crypto';

/**
 * The audit trail's chain (issue 16): each row of a day (Vietnam date) carries the hash of the
 * previous row of that day and its own hash over its content and that previous hash. Editing,
 * deleting or inserting a row breaks the chain at that row; `npm run audit:verify` finds it.
 */

/** The prev_hash of a day's first row. */
export const GENESIS = '0'.repeat(64);

export interface AuditContent {
  day: string;
  seq: number;
  at: Date;
  subject: string | null;
  roles: readonly string[];
  serviceAccountId: string | null;
  kind: 'MUTATION' | 'READ' | 'DOWNLOAD';
  operation: string;
  dossierId: string | null;
  dossierCode: string | null;
  documentId: string | null;
  /** Anything else read or changed (e.g. a feedback's code). */
  target: string | null;
  ip: string | null;
  requestId: string | null;
  outcome: string;
}

/** sha256 over the previous hash and the row's content, in a fixed order. */
export function auditHash(prevHash: string, r: AuditContent): string {
  const content = [r.day, r.seq, r.at.toISOString(), r.subject, [...r.roles], r.serviceAccountId, r.kind, r.operation, r.dossierId, r.dossierCode, r.documentId, r.target, r.ip, r.requestId, r.outcome];
  return createHash('sha256').update(prevHash).update('\n').update(JSON.stringify(content)).digest('hex');
}

export interface ChainBreak {
  day: string;
  seq: number;
  reason: 'HASH_MISMATCH' | 'PREVIOUS_HASH_MISMATCH' | 'SEQUENCE_GAP';
}

/**
 * Walks one day's rows (ordered by seq) and returns the first broken link, or null. A missing
 * row shows as a gap in seq; an edited one as a hash that does not match its content.
 */
export function firstBreak(rows: readonly (AuditContent & { prevHash: string; hash: string })[]): ChainBreak | null {
  let prev = GENESIS;
  let expectedSeq = 1;
  for (const r of rows) {
    if (r.seq !== expectedSeq) return { day: r.day, seq: r.seq, reason: 'SEQUENCE_GAP' };
    if (r.prevHash !== prev) return { day: r.day, seq: r.seq, reason: 'PREVIOUS_HASH_MISMATCH' };
    if (auditHash(r.prevHash, r) !== r.hash) return { day: r.day, seq: r.seq, reason: 'HASH_MISMATCH' };
    prev = r.hash;
    expectedSeq++;
  }
  return null;
}
