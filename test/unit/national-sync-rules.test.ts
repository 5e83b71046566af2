import { backoffMs } from '../../src/jobs/outbox-dispatch.job';
import { slaNotice } from '../../src/domain/dossier-sla';
import { fromNationalProcedure } from '../../src/commands/sync-catalogue.command';
import { toNationalProcedure } from '../../src/connectors/simulators/national-catalogue';
import { nationalRecord, progressLine } from '../../src/outbox/national-messages';
import { WorkingCalendar } from '../../src/domain/working-calendar';
import { demoAgencies, demoProcedures } from '../../src/seed/demo-data';
import { advisoryKey } from '../../src/jobs/scheduler';

const vn = (s: string) => new Date(`${s}+07:00`);

describe('outbox backoff', () => {
  const s = { backoffBaseMs: 1000, backoffMaxMs: 60_000 };
  it('grows exponentially from the base, with jitter, up to the cap', () => {
    expect(backoffMs(1, s, () => 0)).toBe(1000);
    expect(backoffMs(1, s, () => 1)).toBe(1000);
    expect(backoffMs(3, s, () => 1)).toBe(4000);
    expect(backoffMs(3, s, () => 0.5)).toBe(2500);
    expect(backoffMs(20, s, () => 1)).toBe(60_000);
    for (let n = 1; n < 30; n++) {
      const b = backoffMs(n, s);
      expect(b).toBeGreaterThanOrEqual(1000);
      expect(b).toBeLessThanOrEqual(60_000);
    }
  });
});

describe('SLA notices on the working calendar', () => {
  const cal = new WorkingCalendar();
  it('DUE_SOON within one working day, OVERDUE after the appointment, nothing before', () => {
    const due = vn('2026-12-07T10:00:00'); // Monday
    expect(slaNotice(due, vn('2026-12-03T09:00:00'), cal)).toBeNull(); // Thursday: two working days left
    expect(slaNotice(due, vn('2026-12-04T10:00:00'), cal)).toBe('DUE_SOON'); // Friday 10:00: one working day (over the weekend)
    expect(slaNotice(due, vn('2026-12-05T12:00:00'), cal)).toBe('DUE_SOON'); // Saturday
    expect(slaNotice(due, vn('2026-12-07T10:00:00'), cal)).toBe('DUE_SOON'); // at the appointment: not passed yet
    expect(slaNotice(due, vn('2026-12-07T10:00:01'), cal)).toBe('OVERDUE');
  });
});

describe('national catalogue entries', () => {
  const known = new Set(demoAgencies.map((a) => a.code));
  it('every demo procedure survives the trip to the national format and back', () => {
    for (const p of demoProcedures) {
      const back = fromNationalProcedure(toNationalProcedure(p), known)!;
      expect(back).toMatchObject({
        code: p.code, name: p.name, sectorCode: p.sectorCode, level: p.level, serviceLevel: p.serviceLevel,
        channels: p.channels, processingWorkingDays: p.processingWorkingDays, agencyCodes: p.agencyCodes,
      });
      expect(back.fees.map((f) => [f.kind, f.amount])).toEqual(p.fees.map((f) => [f.kind, f.amount]));
      expect(back.components.map((c) => [c.code, c.required])).toEqual(p.components.map((c) => [c.code, c.required]));
    }
  });
  it('keeps only this province’s agencies and refuses an entry none of them carries out', () => {
    const n = toNationalProcedure(demoProcedures[0]);
    const foreign = { ...n, CoQuanThucHien: [{ MaCoQuan: '000.00.15.H01', TenCoQuan: 'Sở Tư pháp Hà Nội' }] };
    expect(fromNationalProcedure(foreign, known)).toBeNull();
    const mixed = { ...n, CoQuanThucHien: [...n.CoQuanThucHien, ...foreign.CoQuanThucHien] };
    expect(fromNationalProcedure(mixed, known)!.agencyCodes).toEqual(demoProcedures[0].agencyCodes);
  });
});

describe('what the national portal is told', () => {
  const p = demoProcedures[0];
  const base = {
    code: 'X-261123-0001', channel: 'ONLINE' as const, status: 'PROCESSING' as const, applicantKind: 'CITIZEN' as const,
    applicantFullName: 'Nguyễn Văn An', applicantIdentityNumber: '002085816844', applicantVerification: 'VERIFIED' as const,
    submittedAt: vn('2026-11-23T16:45:10'), receivedAt: vn('2026-11-24T07:30:00'), dueAt: vn('2026-11-26T07:30:00'),
    components: [{ componentCode: 'TP1', fileName: 'to-khai.pdf', url: 'https://f/1' }],
    fees: [{ kind: 'CHARGE' as const, amount: 8000, description: 'Lệ phí' }], paidAmount: 0,
    procedureCode: p.code, procedureName: p.name, sectorCode: p.sectorCode, agencyCode: 'A',
  };
  it('a record with national codes and yyyyMMddHHmmss dates in Vietnam time', () => {
    const r = nationalRecord(base, true);
    expect(r).toMatchObject({ NgayNopHoSo: '20261123164510', NgayTiepNhan: '20261124073000', NgayHenTra: '20261126073000', TrangThaiHoSo: 2, KenhThucHien: 2, LoaiDoiTuong: 1 });
    expect(r.DanhSachLePhi).toEqual([{ LoaiPhiLePhi: 2, TenPhiLePhi: 'Lệ phí', SoTien: 8000, DaThanhToan: 0 }]);
    expect(nationalRecord(base).TrangThaiHoSo).toBe(4);
    expect(nationalRecord({ ...base, paidAmount: 8000 }).DanhSachLePhi[0].DaThanhToan).toBe(1);
    expect(nationalRecord({ ...base, channel: 'COUNTER' }).TaiKhoanDuocXacThucVoiVNeID).toBe(0);
  });
  it('a progress line says who did what, with the note', () => {
    const l = progressLine({ code: 'X', action: 'REQUEST_SUPPLEMENT', actor: 'cb1', role: 'RECEPTION_OFFICER', at: vn('2026-11-24T08:00:00'), agencyName: 'UBND xã', note: 'Thiếu giấy', status: 'SUPPLEMENT_REQUESTED' });
    expect(l).toEqual({ MaHoSo: 'X', NguoiXuLy: 'cb1', ChucDanh: 'Cán bộ tiếp nhận (Bộ phận một cửa)', ThoiDiemXuLy: '20261124080000', PhongBanXuLy: 'UBND xã', NoiDungXuLy: 'Yêu cầu bổ sung hồ sơ: Thiếu giấy', TrangThai: 5 });
  });
});

describe('job locks', () => {
  it('each job has its own stable 64-bit advisory key', () => {
    expect(advisoryKey('outbox-dispatch')).toBe(advisoryKey('outbox-dispatch'));
    expect(advisoryKey('outbox-dispatch')).not.toBe(advisoryKey('sla-sweep'));
  });
});
