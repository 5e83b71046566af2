import type { EntityManager } from '@mikro-orm/postgresql';
import { Db } from '../db/sql';
import { hasProcedures, upsertAgency } from '../stores/catalogue.store';
import { saveProcedure } from '../commands/upsert-procedure.command';
import { demoAgencies, demoProcedures, demoSectors, type DemoAgency } from './demo-data';
import { demoStaff } from './demo-staff';
import { registerStaffMember } from '../stores/staff.store';

export interface SeedReport {
  agencies: number;
  staff: number;
  procedures: { created: number; updated: number; unchanged: number };
}

/** Parents before children, so every parent exists when its child is written. */
function byDepth(agencies: DemoAgency[]): DemoAgency[] {
  const byCode = new Map(agencies.map((a) => [a.code, a]));
  const depth = (a: DemoAgency): number => (a.parentCode && byCode.has(a.parentCode) ? 1 + depth(byCode.get(a.parentCode)!) : 0);
  return [...agencies].sort((a, b) => depth(a) - depth(b));
}

/** Loads (or refreshes) the demo province: agencies, sectors and procedures. Idempotent. */
export async function seedDemo(em: EntityManager, now: Date): Promise<SeedReport> {
  const db = new Db(em);
  await db.transaction(async (tx) => {
    for (const d of byDepth(demoAgencies)) {
      await upsertAgency(tx, { code: d.code, name: d.name, level: d.level, parentCode: d.parentCode, oneStopPhone: d.oneStopPhone ?? null });
    }
  });
  await db.transaction(async (tx) => {
    for (const m of demoStaff) await registerStaffMember(tx, m, 'system:seed', now);
  });
  const sectorName = new Map(demoSectors.map((s) => [s.code, s.name]));
  const report: SeedReport = { agencies: demoAgencies.length, staff: demoStaff.length, procedures: { created: 0, updated: 0, unchanged: 0 } };
  for (const p of demoProcedures) {
    const { outcome } = await saveProcedure(db, { ...p, sectorName: sectorName.get(p.sectorCode) ?? p.sectorCode }, now);
    report.procedures[outcome]++;
  }
  return report;
}

/** Seeds only a database that holds no procedure yet (first start). */
export async function seedIfEmpty(em: EntityManager, now: Date): Promise<SeedReport | null> {
  if (await hasProcedures(new Db(em))) return null;
  return seedDemo(em, now);
}
