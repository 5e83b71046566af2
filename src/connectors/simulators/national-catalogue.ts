/**
 * The national procedure catalogue the national-portal simulator serves: every procedure
 * of the demo catalogue (src/seed/demo-data.ts) in the national wire format, plus a few
 * national procedures the demo catalogue does not hold (so a catalogue sync has something
 * new to find).
 *
 * DEMO DATA, like the demo catalogue: modelled on the published national catalogue, not an
 * official copy; codes and fees may differ from the live ones.
 */
import { demoAgencies, demoProcedures, demoSectors, type DemoProcedure } from '../../seed/demo-data';
import {
  NATIONAL_CHANNEL,
  NATIONAL_FEE_KIND,
  NATIONAL_LEVEL,
  NATIONAL_SERVICE_LEVEL,
  toNationalDay,
  type NationalProcedure,
} from '../national-formats';

const agencyName = new Map(demoAgencies.map((a) => [a.code, a.name]));
const sectorName = new Map(demoSectors.map((s) => [s.code, s.name]));

/** One demo procedure as the national catalogue lists it. */
export function toNationalProcedure(p: DemoProcedure): NationalProcedure {
  return {
    MaTTHC: p.code,
    TenTTHC: p.name,
    MaLinhVuc: p.sectorCode,
    TenLinhVuc: sectorName.get(p.sectorCode) ?? p.sectorCode,
    CapThucHien: [NATIONAL_LEVEL[p.level]],
    MucDo: NATIONAL_SERVICE_LEVEL[p.serviceLevel],
    ThoiHanGiaiQuyet: p.processingWorkingDays,
    KenhThucHien: p.channels.map((c) => NATIONAL_CHANNEL[c]),
    PhiLePhi: p.fees.map((f) => ({ LoaiPhiLePhi: NATIONAL_FEE_KIND[f.kind], SoTien: f.amount, MoTa: f.description ?? null })),
    ThanhPhanHoSo: p.components.map((c) => ({
      MaThanhPhan: c.code,
      TenThanhPhan: c.name,
      BatBuoc: c.required ? 1 : 0,
      SoBan: c.copies ?? null,
      MauDon: c.templateUrl ?? null,
    })),
    CoQuanThucHien: p.agencyCodes.map((code) => ({ MaCoQuan: code, TenCoQuan: agencyName.get(code) ?? code })),
    DoiTuongThucHien: [...p.targetSubjects],
    TrinhTuThucHien: [...p.steps],
    KetQuaThucHien: p.resultDescription,
    YeuCauDieuKien: p.requirements ?? null,
    CanCuPhapLy: p.legalBases.map((l) => ({ SoKyHieu: l.number, TrichYeu: l.title, NgayBanHanh: l.issuedOn ? toNationalDay(l.issuedOn) : null })),
    DiaChiTiepNhan: p.location ?? null,
    NgayCongBo: p.publishedAt ? toNationalDay(p.publishedAt) : null,
  };
}

const HOURS = 'sáng từ 07 giờ 00 đến 11 giờ 30, chiều từ 13 giờ 30 đến 17 giờ 00 các ngày từ thứ Hai đến thứ Sáu (trừ ngày nghỉ lễ, Tết)';

/** National procedures that the demo catalogue does not hold. */
export const extraNationalProcedures: NationalProcedure[] = [
  {
    MaTTHC: '1.004194.000.00.00.H22',
    TenTTHC: 'Đăng ký thường trú',
    MaLinhVuc: 'CUTRU',
    TenLinhVuc: 'Đăng ký, quản lý cư trú',
    CapThucHien: [NATIONAL_LEVEL.COMMUNE],
    MucDo: NATIONAL_SERVICE_LEVEL.FULL_ONLINE,
    ThoiHanGiaiQuyet: 7,
    KenhThucHien: [NATIONAL_CHANNEL.COUNTER, NATIONAL_CHANNEL.ONLINE],
    PhiLePhi: [
      { LoaiPhiLePhi: NATIONAL_FEE_KIND.CHARGE, SoTien: 20000, MoTa: 'Lệ phí đăng ký thường trú: 20.000 đồng/lần; nộp trực tuyến 10.000 đồng/lần' },
    ],
    ThanhPhanHoSo: [
      { MaThanhPhan: 'TT-01', TenThanhPhan: 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01)', BatBuoc: 1, SoBan: 1, MauDon: null },
      { MaThanhPhan: 'TT-02', TenThanhPhan: 'Giấy tờ, tài liệu chứng minh việc sở hữu chỗ ở hợp pháp', BatBuoc: 1, SoBan: 1, MauDon: null },
    ],
    CoQuanThucHien: [{ MaCoQuan: '000.00.20.H22', TenCoQuan: 'Công an tỉnh Hà Giang (Công an cấp xã)' }],
    DoiTuongThucHien: ['Công dân Việt Nam'],
    TrinhTuThucHien: [
      'Công dân nộp hồ sơ đăng ký thường trú tại Công an cấp xã nơi cư trú hoặc trực tuyến qua Cổng Dịch vụ công quốc gia, Cổng dịch vụ công Bộ Công an, ứng dụng VNeID.',
      'Cơ quan đăng ký cư trú kiểm tra, cấp phiếu tiếp nhận; hồ sơ chưa đầy đủ thì hướng dẫn bổ sung.',
      'Cơ quan đăng ký cư trú thẩm định, cập nhật thông tin về nơi thường trú mới vào Cơ sở dữ liệu về cư trú và thông báo kết quả.',
    ],
    KetQuaThucHien: 'Cập nhật thông tin nơi thường trú vào Cơ sở dữ liệu về cư trú; thông báo kết quả cho công dân',
    YeuCauDieuKien: 'Có chỗ ở hợp pháp thuộc quyền sở hữu của mình hoặc được chủ hộ, chủ sở hữu chỗ ở đồng ý',
    CanCuPhapLy: [
      { SoKyHieu: '68/2020/QH14', TrichYeu: 'Luật Cư trú', NgayBanHanh: '20201113' },
      { SoKyHieu: '62/2021/NĐ-CP', TrichYeu: 'Nghị định quy định chi tiết một số điều của Luật Cư trú', NgayBanHanh: '20210629' },
    ],
    DiaChiTiepNhan: `Công an cấp xã nơi cư trú; ${HOURS}`,
    NgayCongBo: '20230701',
  },
  {
    MaTTHC: '1.012794.000.00.00.H22',
    TenTTHC: 'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu',
    MaLinhVuc: 'DD',
    TenLinhVuc: 'Đất đai',
    CapThucHien: [NATIONAL_LEVEL.DISTRICT],
    MucDo: NATIONAL_SERVICE_LEVEL.PARTIAL_ONLINE,
    ThoiHanGiaiQuyet: 20,
    KenhThucHien: [NATIONAL_CHANNEL.COUNTER, NATIONAL_CHANNEL.ONLINE, NATIONAL_CHANNEL.POSTAL],
    PhiLePhi: [
      { LoaiPhiLePhi: NATIONAL_FEE_KIND.CHARGE, SoTien: 100000, MoTa: 'Lệ phí cấp Giấy chứng nhận (theo Nghị quyết của Hội đồng nhân dân tỉnh)' },
      { LoaiPhiLePhi: NATIONAL_FEE_KIND.FEE, SoTien: 500000, MoTa: 'Phí thẩm định hồ sơ cấp Giấy chứng nhận' },
    ],
    ThanhPhanHoSo: [
      { MaThanhPhan: 'DD-01', TenThanhPhan: 'Đơn đăng ký đất đai, tài sản gắn liền với đất (Mẫu số 04/ĐK)', BatBuoc: 1, SoBan: 1, MauDon: null },
      { MaThanhPhan: 'DD-02', TenThanhPhan: 'Giấy tờ về quyền sử dụng đất (nếu có)', BatBuoc: 0, SoBan: 1, MauDon: null },
      { MaThanhPhan: 'DD-03', TenThanhPhan: 'Chứng từ thực hiện nghĩa vụ tài chính (nếu có)', BatBuoc: 0, SoBan: 1, MauDon: null },
    ],
    CoQuanThucHien: demoAgencies.filter((a) => a.level === 'DISTRICT').map((a) => ({ MaCoQuan: a.code, TenCoQuan: a.name })),
    DoiTuongThucHien: ['Công dân Việt Nam', 'Tổ chức', 'Người gốc Việt Nam định cư ở nước ngoài'],
    TrinhTuThucHien: [
      'Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa Ủy ban nhân dân cấp huyện hoặc Chi nhánh Văn phòng đăng ký đất đai.',
      'Văn phòng đăng ký đất đai kiểm tra hồ sơ, trích đo địa chính, xác minh nguồn gốc và hiện trạng sử dụng đất.',
      'Xác định nghĩa vụ tài chính; người sử dụng đất nộp nghĩa vụ tài chính.',
      'Cơ quan có thẩm quyền ký cấp Giấy chứng nhận; trả kết quả.',
    ],
    KetQuaThucHien: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    YeuCauDieuKien: null,
    CanCuPhapLy: [
      { SoKyHieu: '31/2024/QH15', TrichYeu: 'Luật Đất đai', NgayBanHanh: '20240118' },
      { SoKyHieu: '101/2024/NĐ-CP', TrichYeu: 'Nghị định quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất và Hệ thống thông tin đất đai', NgayBanHanh: '20240729' },
    ],
    DiaChiTiepNhan: `Bộ phận Một cửa Ủy ban nhân dân cấp huyện; ${HOURS}`,
    NgayCongBo: '20240901',
  },
  {
    MaTTHC: '1.001978.000.00.00.H22',
    TenTTHC: 'Giải quyết hưởng trợ cấp thất nghiệp',
    MaLinhVuc: 'VL',
    TenLinhVuc: 'Việc làm',
    CapThucHien: [NATIONAL_LEVEL.PROVINCE],
    MucDo: NATIONAL_SERVICE_LEVEL.PARTIAL_ONLINE,
    ThoiHanGiaiQuyet: 20,
    KenhThucHien: [NATIONAL_CHANNEL.COUNTER, NATIONAL_CHANNEL.ONLINE, NATIONAL_CHANNEL.POSTAL],
    PhiLePhi: [],
    ThanhPhanHoSo: [
      { MaThanhPhan: 'TCTN-01', TenThanhPhan: 'Đề nghị hưởng trợ cấp thất nghiệp (Mẫu số 03)', BatBuoc: 1, SoBan: 1, MauDon: null },
      { MaThanhPhan: 'TCTN-02', TenThanhPhan: 'Bản chính hoặc bản sao có chứng thực của giấy tờ xác nhận chấm dứt hợp đồng lao động', BatBuoc: 1, SoBan: 1, MauDon: null },
      { MaThanhPhan: 'TCTN-03', TenThanhPhan: 'Sổ bảo hiểm xã hội', BatBuoc: 1, SoBan: 1, MauDon: null },
    ],
    CoQuanThucHien: [{ MaCoQuan: '000.00.19.H22', TenCoQuan: 'Sở Lao động - Thương binh và Xã hội (Trung tâm Dịch vụ việc làm)' }],
    DoiTuongThucHien: ['Người lao động đang đóng bảo hiểm thất nghiệp'],
    TrinhTuThucHien: [
      'Người lao động nộp hồ sơ tại Trung tâm Dịch vụ việc làm trong thời hạn 03 tháng kể từ ngày chấm dứt hợp đồng lao động.',
      'Trung tâm Dịch vụ việc làm xem xét, trình Giám đốc Sở quyết định hưởng trợ cấp thất nghiệp.',
      'Trả quyết định; tổ chức bảo hiểm xã hội chi trả trợ cấp.',
    ],
    KetQuaThucHien: 'Quyết định về việc hưởng trợ cấp thất nghiệp',
    YeuCauDieuKien: 'Đã đóng bảo hiểm thất nghiệp từ đủ 12 tháng trở lên trong thời gian 24 tháng trước khi chấm dứt hợp đồng lao động',
    CanCuPhapLy: [
      { SoKyHieu: '38/2013/QH13', TrichYeu: 'Luật Việc làm', NgayBanHanh: '20131116' },
      { SoKyHieu: '28/2015/NĐ-CP', TrichYeu: 'Nghị định quy định chi tiết thi hành một số điều của Luật Việc làm về bảo hiểm thất nghiệp', NgayBanHanh: '20150312' },
    ],
    DiaChiTiepNhan: `Trung tâm Dịch vụ việc làm tỉnh Hà Giang; ${HOURS}`,
    NgayCongBo: '20230315',
  },
];

/** A fresh copy of the simulator's default national catalogue. */
export function defaultNationalCatalogue(): NationalProcedure[] {
  return [...demoProcedures.map(toNationalProcedure), ...extraNationalProcedures].map((p) => structuredClone(p));
}
