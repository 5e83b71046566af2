import type { Db } from '../db/sql';
import { auditDay, auditDays } from '../stores/audit.store';
import { firstBreak, type ChainBreak } from '../domain/audit-chain';

/** Walks every day's chain of the audit trail; the first broken link, or null (and how many rows were checked). */
export async function verifyAuditTrail(db: Db): Promise<{ rows: number; days: number; broken: ChainBreak | null }> {
  let rows = 0;
  const days = await auditDays(db);
  for (const day of days) {
    const chain = await auditDay(db, day);
    rows += chain.length;
    const broken = firstBreak(chain);
    if (broken) return { rows, days: days.length, broken };
  }
  return { rows, days: days.length, broken: null };
}
