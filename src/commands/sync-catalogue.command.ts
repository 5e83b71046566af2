import type { CommandContext } from './command-context';
import {
  fromNationalChannel,
  fromNationalDay,
  fromNationalFeeKind,
  fromNationalLevel,
  fromNationalServiceLevel,
  type NationalProcedure,
} from '../connectors/national-formats';
import { agencyCodes } from '../stores/catalogue.store';
import { saveProcedure, type ProcedureData } from './upsert-procedure.command';

export interface CatalogueSyncReport {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  finishedAt: Date;
}

const present = <T>(x: T | null | undefined): x is T => x !== null && x !== undefined;

/**
 * A national catalogue entry as the hub's procedure. Pure. Agencies the province does not
 * have are left out (the national list names agencies of every province); null when nothing
 * of it can be used here (no known agency, or a code the hub does not know).
 */
export function fromNationalProcedure(n: NationalProcedure, knownAgencies: ReadonlySet<string>): ProcedureData | null {
  const level = n.CapThucHien.map(fromNationalLevel).find(present);
  const serviceLevel = fromNationalServiceLevel(n.MucDo);
  const channels = n.KenhThucHien.map(fromNationalChannel).filter(present);
  const agencyCodes = n.CoQuanThucHien.map((c) => c.MaCoQuan).filter((c) => knownAgencies.has(c));
  const fees = n.PhiLePhi.map((f) => {
    const kind = fromNationalFeeKind(f.LoaiPhiLePhi);
    return kind ? { kind, amount: f.SoTien, description: f.MoTa ?? null } : null;
  });
  if (!level || !serviceLevel || !agencyCodes.length || fees.some((f) => !f)) return null;
  return {
    code: n.MaTTHC,
    name: n.TenTTHC,
    sectorCode: n.MaLinhVuc,
    sectorName: n.TenLinhVuc,
    level,
    serviceLevel,
    agencyCodes,
    steps: n.TrinhTuThucHien,
    channels,
    components: n.ThanhPhanHoSo.map((c) => ({
      code: c.MaThanhPhan,
      name: c.TenThanhPhan,
      required: c.BatBuoc === 1,
      copies: c.SoBan ?? null,
      templateUrl: c.MauDon ?? null,
    })),
    processingWorkingDays: n.ThoiHanGiaiQuyet,
    targetSubjects: n.DoiTuongThucHien,
    resultDescription: n.KetQuaThucHien,
    requirements: n.YeuCauDieuKien ?? null,
    fees: fees.filter(present),
    legalBases: n.CanCuPhapLy.map((l) => ({ number: l.SoKyHieu, title: l.TrichYeu, issuedOn: l.NgayBanHanh ? fromNationalDay(l.NgayBanHanh) : null })),
    location: n.DiaChiTiepNhan ?? null,
    publishedAt: n.NgayCongBo ? fromNationalDay(n.NgayCongBo) : null,
  };
}

export type SyncCatalogueInput = Record<string, never>;

/**
 * syncCatalogue (ADMIN, or the catalogue-sync job): pulls the national procedure list and
 * creates or updates each procedure the province carries out. One procedure's failure (bad data,
 * an unknown agency) is counted and logged; it does not stop the others. The portal being
 * unreachable throws (UpstreamError). Submissions' cached look-ups are forgotten afterwards.
 */
export async function syncCatalogue(ctx: CommandContext, _input: SyncCatalogueInput = {}): Promise<CatalogueSyncReport> {
  if (!ctx.viewer.isSystem) ctx.viewer.requireRole('ADMIN');
  const { services } = ctx;
  const list = await services.connectors.nationalPortal.listProcedures();
  const known = new Set(await agencyCodes(ctx.db));
  const report = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  for (const n of list) {
    try {
      const data = fromNationalProcedure(n, known);
      if (!data) throw new Error('no agency of this province carries it out, or its codes are unknown');
      const { outcome } = await saveProcedure(ctx.db, data, services.clock.now());
      report[outcome]++;
    } catch (e) {
      report.failed++;
      services.log.warn({ procedure: n?.MaTTHC, err: e instanceof Error ? e.message : String(e) }, 'catalogue sync: procedure not taken');
    }
  }
  ctx.afterCommit(() => services.submissionCatalogue.clear());
  return { ...report, finishedAt: services.clock.now() };
}
