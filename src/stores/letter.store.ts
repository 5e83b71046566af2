import { randomUUID } from 'node:crypto';
import { sql, type Db, type Sql } from '../db/sql';
import type { FollowUp } from './dossier.store';
import type { LetterKind } from '../domain/letters';
import type { LetterRequestSpec, LoggedStep } from '../domain/letter-rules';

/**
 * Official letters (migrations/…_letters): the request queue written with the change that causes
 * a letter, the per (kind, agency, year) numbers, and the issued letters with their PDF files.
 */

export interface LetterRow {
  id: string;
  dossierId: string;
  kind: LetterKind;
  cause: string;
  seq: number;
  number: string;
  title: string;
  issuedAt: Date;
  fileId: string;
  paymentId: string | null;
}

interface LetterRecord {
  id: string;
  dossier_id: string;
  kind: LetterKind;
  cause: string;
  seq: number;
  number: string;
  title: string;
  issued_at: string | Date;
  file_id: string;
  payment_id: string | null;
}

const toLetter = (r: LetterRecord): LetterRow => ({
  id: r.id,
  dossierId: r.dossier_id,
  kind: r.kind,
  cause: r.cause,
  seq: Number(r.seq),
  number: r.number,
  title: r.title,
  issuedAt: new Date(r.issued_at),
  fileId: r.file_id,
  paymentId: r.payment_id,
});

export interface LetterRequestRow {
  id: string;
  dossierId: string;
  dossierCode: string;
  agencyCode: string;
  agencyName: string;
  kind: LetterKind;
  cause: string;
  paymentId: string | null;
  facts: Record<string, unknown>;
  createdAt: Date;
  attempts: number;
}

interface LetterRequestRecord {
  id: string;
  dossier_id: string;
  dossier_code: string;
  agency_code: string;
  agency_name: string;
  kind: LetterKind;
  cause: string;
  payment_id: string | null;
  facts: Record<string, unknown> | string;
  created_at: string | Date;
  attempts: number;
}

const toRequest = (r: LetterRequestRecord): LetterRequestRow => ({
  id: r.id,
  dossierId: r.dossier_id,
  dossierCode: r.dossier_code,
  agencyCode: r.agency_code,
  agencyName: r.agency_name,
  kind: r.kind,
  cause: r.cause,
  paymentId: r.payment_id,
  facts: typeof r.facts === 'string' ? JSON.parse(r.facts) : r.facts,
  createdAt: new Date(r.created_at),
  attempts: Number(r.attempts),
});

const requestInsert = (dossierId: Sql | string, s: LetterRequestSpec, at: Date) =>
  sql.insertSelect({
    id: randomUUID(),
    dossier_id: dossierId,
    kind: s.kind,
    cause: s.cause,
    payment_id: s.paymentId,
    facts: sql.json(s.facts),
    created_at: at,
  });

/**
 * Follow-ups of a dossier write (src/stores/dossier.store.ts): the letters the change causes,
 * queued in the same statement (nothing is queued when the compare-and-set missed). A request
 * already queued for the same dossier, kind and cause is left as it is.
 */
export function queueLetters(specs: readonly LetterRequestSpec[], at: Date): FollowUp[] {
  return specs.map(
    (s) => (row) => sql`insert into letter_request ${requestInsert(sql.raw(`${row}.id`), s, at)} from ${sql.raw(row)}
   on conflict (dossier_id, kind, cause) do nothing`,
  );
}

/** Queues one letter outside a dossier write (on demand); its id, or the one already queued for the cause. */
export async function insertLetterRequest(db: Db, dossierId: string, spec: LetterRequestSpec, at: Date): Promise<string> {
  const r = await db.one<{ id: string }>(
    sql`with i as (insert into letter_request ${requestInsert(dossierId, spec, at)} on conflict (dossier_id, kind, cause) do nothing returning id)
        select id from i union all select id from letter_request where dossier_id = ${dossierId}::uuid and kind = ${spec.kind} and cause = ${spec.cause} limit 1`,
  );
  return r!.id;
}

/** Within one change, letters in the order the forms come (the supplement request before its apology). */
const KIND_ORDER = (alias: string) => sql`array_position(array['RECEIPT', 'SUPPLEMENT_REQUEST', 'REJECTION', 'APOLOGY', 'PROCESS_CONTROL', 'PAYMENT_RECEIPT'], ${sql.raw(alias)}.kind)`;

const REQUEST_COLUMNS = sql`r.id, r.dossier_id, d.code as dossier_code, a.code as agency_code, a.name as agency_name, r.kind, r.cause, r.payment_id, r.facts, r.created_at, r.attempts`;

/**
 * Takes the oldest due request (but those `except`, which this run tried already), or the one
 * given, holding its row until the transaction of `db` ends; requests other workers hold are
 * skipped. Undefined when none is due.
 */
export async function claimLetterRequest(db: Db, which: { id: string } | { except: readonly string[] }): Promise<LetterRequestRow | undefined> {
  const where =
    'id' in which
      ? sql`r.id = ${which.id}::uuid and r.done_at is null`
      : sql`r.done_at is null and r.next_attempt_at <= now() and r.id <> all(${sql.array(which.except, 'uuid')})`;
  const row = await db.one<LetterRequestRecord>(
    sql`select ${REQUEST_COLUMNS} from letter_request r join dossier d on d.id = r.dossier_id join agency a on a.id = d.agency_id
         where ${where} order by r.next_attempt_at, r.created_at, ${KIND_ORDER('r')} limit 1 for update of r skip locked`,
  );
  return row && toRequest(row);
}

/** The letter a cause already issued (a request redone after its letter committed). */
export async function letterOfCause(db: Db, dossierId: string, kind: LetterKind, cause: string): Promise<LetterRow | undefined> {
  const r = await db.one<LetterRecord>(sql`select * from letter where dossier_id = ${dossierId}::uuid and kind = ${kind} and cause = ${cause}`);
  return r && toLetter(r);
}

/** The next number of (kind, agency, year), held by the caller's transaction until it ends (no gaps). */
export async function drawLetterSeq(db: Db, kind: LetterKind, agencyCode: string, year: number): Promise<number> {
  const r = await db.one<{ last: number }>(
    sql`insert into letter_sequence (kind, agency_code, year, last) values (${kind}, ${agencyCode}, ${year}, 1)
        on conflict (kind, agency_code, year) do update set last = letter_sequence.last + 1 returning last`,
  );
  return Number(r!.last);
}

/** The dossier's log up to line `upTo` (its version then), oldest first. */
export async function dossierLogUpTo(db: Db, dossierId: string, upTo: number): Promise<LoggedStep[]> {
  const rows = await db.all<{ at: string | Date; action: string; actor: string; actor_role: string; note: string | null }>(
    sql`select at, action, actor, actor_role, note from dossier_event where dossier_id = ${dossierId}::uuid and seq <= ${upTo} order by seq`,
  );
  return rows.map((r) => ({ at: new Date(r.at), action: r.action, actor: r.actor, actorRole: r.actor_role, note: r.note }));
}

export interface IssuedLetter {
  request: LetterRequestRow;
  seq: number;
  number: string;
  title: string;
  issuedAt: Date;
  file: { id: string; sha256: string; sizeBytes: number; fileName: string; uploadedBy: string };
  now: Date;
}

/**
 * Records an issued letter in one statement: its PDF as a stored file (attached), the file held
 * by the dossier as a LETTER, the letter row, and its request done.
 */
export async function recordIssuedLetter(db: Db, l: IssuedLetter): Promise<LetterRow> {
  const r = l.request;
  const row = await db.one<LetterRecord>(sql`with f as (
  insert into stored_file ${sql.values({
    id: l.file.id,
    sha256: l.file.sha256,
    size_bytes: l.file.sizeBytes,
    mime_type: 'application/pdf',
    file_name: l.file.fileName,
    uploaded_by: l.file.uploadedBy,
    created_at: l.now,
    attached_at: l.now,
  })} returning id
), df as (
  insert into dossier_file (dossier_id, file_id, purpose, created_at) select ${r.dossierId}::uuid, f.id, 'LETTER', ${l.now} from f
), done as (
  update letter_request set done_at = ${l.now}, attempts = attempts + 1, last_error = null where id = ${r.id}::uuid
)
insert into letter ${sql.insertSelect({
    id: randomUUID(),
    dossier_id: r.dossierId,
    kind: r.kind,
    cause: r.cause,
    seq: l.seq,
    number: l.number,
    title: l.title,
    issued_at: l.issuedAt,
    file_id: sql.raw('f.id'),
    payment_id: r.paymentId,
    request_id: r.id,
  })} from f returning *`);
  return toLetter(row!);
}

/** A request whose letter exists already (redone after a crash): done, nothing issued. */
export async function markLetterRequestDone(db: Db, id: string, now: Date): Promise<void> {
  await db.all(sql`update letter_request set done_at = ${now} where id = ${id}::uuid and done_at is null`);
}

/** Records a failed attempt; the request is tried again after `retryInMs`. */
export async function markLetterRequestFailed(db: Db, f: { id: string; error: string; retryInMs: number }): Promise<void> {
  await db.all(sql`update letter_request set attempts = attempts + 1, last_error = ${f.error.slice(0, 2000)},
            next_attempt_at = now() + (${Math.max(0, Math.round(f.retryInMs))} * interval '1 millisecond')
      where id = ${f.id}::uuid and done_at is null`);
}

/** Requests not issued yet and their attempts (tests, metrics). */
export async function pendingLetterRequests(db: Db): Promise<{ id: string; kind: LetterKind; attempts: number; lastError: string | null }[]> {
  const rows = await db.all<{ id: string; kind: LetterKind; attempts: number; last_error: string | null }>(
    sql`select id, kind, attempts, last_error from letter_request where done_at is null order by created_at`,
  );
  return rows.map((r) => ({ id: r.id, kind: r.kind, attempts: Number(r.attempts), lastError: r.last_error }));
}

/** The letters of many dossiers, oldest first (Dossier.letters' loader). */
export async function lettersOfDossiers(db: Db, dossierIds: readonly string[]): Promise<LetterRow[]> {
  const rows = await db.all<LetterRecord>(
    sql`select * from letter l where dossier_id = any(${sql.array(dossierIds, 'uuid')}) order by issued_at, ${KIND_ORDER('l')}, id`,
  );
  return rows.map(toLetter);
}

/** The receipts (PAYMENT_RECEIPT) of many payments (Payment.receiptUrl's loader). */
export async function receiptsOfPayments(db: Db, paymentIds: readonly string[]): Promise<LetterRow[]> {
  const rows = await db.all<LetterRecord>(
    sql`select * from letter where payment_id = any(${sql.array(paymentIds, 'uuid')}) and kind = 'PAYMENT_RECEIPT' order by issued_at, id`,
  );
  return rows.map(toLetter);
}
