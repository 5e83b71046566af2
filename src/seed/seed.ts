import type { EntityManager } from '@mikro-orm/postgresql';
import { Agency, Procedure } from '../entities';
import { upsertProcedure } from '../commands/upsert-procedure.command';
import { demoAgencies, demoProcedures, demoSectors, type DemoAgency } from './demo-data';

export interface SeedReport {
  agencies: number;
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
  await em.transactional(async (tx) => {
    const existing = new Map((await tx.find(Agency, {})).map((a) => [a.code, a]));
    for (const d of byDepth(demoAgencies)) {
      const parent = d.parentCode ? existing.get(d.parentCode) ?? null : null;
      const fields = { name: d.name, level: d.level, parent, oneStopPhone: d.oneStopPhone ?? null };
      const a = existing.get(d.code);
      if (a) tx.assign(a, fields);
      else existing.set(d.code, tx.create(Agency, { code: d.code, ...fields }));
    }
    await tx.flush();
  });
  const sectorName = new Map(demoSectors.map((s) => [s.code, s.name]));
  const report: SeedReport = { agencies: demoAgencies.length, procedures: { created: 0, updated: 0, unchanged: 0 } };
  for (const p of demoProcedures) {
    const { outcome } = await upsertProcedure(em.fork(), { ...p, sectorName: sectorName.get(p.sectorCode) ?? p.sectorCode }, now);
    report.procedures[outcome]++;
  }
  return report;
}

/** Seeds only a database that holds no procedure yet (first start). */
export async function seedIfEmpty(em: EntityManager, now: Date): Promise<SeedReport | null> {
  if ((await em.count(Procedure, {})) > 0) return null;
  return seedDemo(em, now);
}
