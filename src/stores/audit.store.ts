import { sql, type Db } from '../db/sql';
import { auditHash, GENESIS, type AuditContent } from '../domain/audit-chain';

/**
 * The audit trail (migrations/…_accounts_audit): appended in batches, each under a transaction
 * lock so the rows of a day form one chain even with several hub processes writing.
 */

export type AuditEntry = Omit<AuditContent, 'day' | 'seq'> & { day: string };

export interface AuditRow extends AuditContent {
  id: string;
  prevHash: string;
  hash: string;
}

interface AuditRecord {
  id: string;
  day: string | Date;
  seq: number;
  at: string | Date;
  subject: string | null;
  roles: string[];
  service_account_id: string | null;
  kind: AuditContent['kind'];
  operation: string;
  dossier_id: string | null;
  dossier_code: string | null;
  document_id: string | null;
  target: string | null;
  ip: string | null;
  request_id: string | null;
  outcome: string;
  prev_hash: string;
  hash: string;
}

const dayText = (d: string | Date): string => (typeof d === 'string' ? d.slice(0, 10) : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`);

const toRow = (r: AuditRecord): AuditRow => ({
  id: String(r.id),
  day: dayText(r.day),
  seq: r.seq,
  at: new Date(r.at),
  subject: r.subject,
  roles: r.roles,
  serviceAccountId: r.service_account_id,
  kind: r.kind,
  operation: r.operation,
  dossierId: r.dossier_id,
  dossierCode: r.dossier_code,
  documentId: r.document_id,
  target: r.target,
  ip: r.ip,
  requestId: r.request_id,
  outcome: r.outcome,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** An arbitrary constant: the advisory lock every audit writer takes for its batch. */
const AUDIT_LOCK = 16_001_600;

/**
 * Appends entries (in order) to their days' chains in one transaction: takes the writers' lock,
 * reads each day's last link, hashes, inserts all rows in one statement.
 */
export async function appendAuditEntries(db: Db, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.transaction(async (tx) => {
    await tx.all(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
    const days = [...new Set(entries.map((e) => e.day))];
    const lasts = await tx.all<{ day: string | Date; seq: number; hash: string }>(sql`
      select distinct on (day) day, seq, hash from audit_event where day = any(${sql.array(days, 'date')}) order by day, seq desc`);
    const tip = new Map(lasts.map((l) => [dayText(l.day), { seq: l.seq, hash: l.hash }]));
    const rows = entries.map((e) => {
      const last = tip.get(e.day) ?? { seq: 0, hash: GENESIS };
      const content: AuditContent = { ...e, seq: last.seq + 1 };
      const hash = auditHash(last.hash, content);
      tip.set(e.day, { seq: content.seq, hash });
      return sql`(${e.day}::date, ${content.seq}, ${e.at}, ${e.subject}, ${sql.array(e.roles, 'text')}, ${e.serviceAccountId}::uuid, ${e.kind}, ${e.operation},
        ${e.dossierId}::uuid, ${e.dossierCode}, ${e.documentId}::uuid, ${e.target}, ${e.ip}, ${e.requestId}, ${e.outcome}, ${last.hash}, ${hash})`;
    });
    await tx.all(sql`insert into audit_event (day, seq, at, subject, roles, service_account_id, kind, operation, dossier_id, dossier_code, document_id, target, ip, request_id, outcome, prev_hash, hash)
      values ${sql.join(rows)}`);
  });
}

export interface AuditFilter {
  dossierId?: string | null;
  dossierCode?: string | null;
  subject?: string | null;
  from?: Date | null;
  to?: Date | null;
  kinds?: readonly AuditContent['kind'][] | null;
  /** Leave out this subject's own rows (Dossier.accessLog: who else read it). */
  notSubject?: string | null;
  limit: number;
}

/** Newest first. */
export async function findAuditEvents(db: Db, f: AuditFilter): Promise<AuditRow[]> {
  const conds = [sql`true`];
  if (f.dossierId && f.dossierCode) conds.push(sql`(dossier_id = ${f.dossierId}::uuid or dossier_code = ${f.dossierCode})`);
  else if (f.dossierId) conds.push(sql`dossier_id = ${f.dossierId}::uuid`);
  else if (f.dossierCode) conds.push(sql`dossier_code = ${f.dossierCode}`);
  if (f.subject) conds.push(sql`subject = ${f.subject}`);
  if (f.notSubject) conds.push(sql`subject is distinct from ${f.notSubject}`);
  if (f.from) conds.push(sql`at >= ${f.from}`);
  if (f.to) conds.push(sql`at < ${f.to}`);
  if (f.kinds?.length) conds.push(sql`kind = any(${sql.array(f.kinds, 'text')})`);
  return (await db.all<AuditRecord>(sql`select * from audit_event where ${sql.join(conds, ' and ')} order by at desc, id desc limit ${f.limit}`)).map(toRow);
}

/** The days that have rows, oldest first (for the verifier). */
export async function auditDays(db: Db): Promise<string[]> {
  return (await db.all<{ day: string | Date }>(sql`select distinct day from audit_event order by day`)).map((r) => dayText(r.day));
}

/** One day's chain in order. */
export async function auditDay(db: Db, day: string): Promise<AuditRow[]> {
  return (await db.all<AuditRecord>(sql`select * from audit_event where day = ${day}::date order by seq`)).map(toRow);
}
