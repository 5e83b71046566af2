import {
  NATIONAL_CHANNEL,
  fromNationalApplicantKind,
  fromNationalChannel,
  fromNationalDate,
  fromNationalDay,
  fromNationalFeeKind,
  fromNationalFeedbackStatus,
  fromNationalLevel,
  fromNationalServiceLevel,
  isNationalDate,
  normalizeVietnameseName,
  sameVietnameseName,
  toNationalChannel,
  toNationalDate,
  toNationalDateOrNull,
  toNationalDay,
  validateNationalDossierRecord,
  validateNationalFeedbackRecord,
  validateNationalProgressLine,
  type NationalDossierRecord,
} from '../../src/connectors/national-formats';

describe('national dates (yyyyMMddHHmmss, Vietnam time)', () => {
  it('formats an instant in UTC+7', () => {
    expect(toNationalDate(new Date('2026-11-23T07:30:05Z'))).toBe('20261123143005');
    expect(toNationalDate(new Date('2026-11-23T00:00:00+07:00'))).toBe('20261123000000');
    // 17:00 UTC on New Year's Eve is already midnight of the new year in Hà Nội.
    expect(toNationalDate(new Date('2026-12-31T17:00:00Z'))).toBe('20270101000000');
    expect(toNationalDate(new Date('2026-12-31T16:59:59.999Z'))).toBe('20261231235959');
  });

  it('does not depend on the process time zone', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/New_York', 'Asia/Tokyo', 'UTC', 'Asia/Ho_Chi_Minh']) {
        process.env.TZ = tz;
        expect(toNationalDate(new Date('2026-03-08T06:59:59Z'))).toBe('20260308135959');
        expect(fromNationalDate('20260308135959').toISOString()).toBe('2026-03-08T06:59:59.000Z');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('parses back to the same instant', () => {
    const at = new Date('2025-02-28T23:15:42Z');
    expect(fromNationalDate(toNationalDate(at)).getTime()).toBe(at.getTime());
    expect(fromNationalDate('20240229060000').toISOString()).toBe('2024-02-28T23:00:00.000Z');
  });

  it('refuses malformed or impossible dates', () => {
    for (const bad of ['2026112314300', '202611231430050', '2026-11-23 14:30', '20260230120000', '20251329120000', '20261123240000', '20261123236000', '20230229120000', '']) {
      expect(isNationalDate(bad)).toBe(false);
      expect(() => fromNationalDate(bad)).toThrow(RangeError);
    }
    expect(isNationalDate(20261123143005)).toBe(false);
    expect(() => toNationalDate(new Date('nope'))).toThrow(RangeError);
  });

  it('passes null through and handles calendar days (yyyyMMdd)', () => {
    expect(toNationalDateOrNull(null)).toBeNull();
    expect(toNationalDateOrNull(undefined)).toBeNull();
    expect(toNationalDay('1985-03-12')).toBe('19850312');
    expect(fromNationalDay('19850312')).toBe('1985-03-12');
    expect(() => toNationalDay('1985-02-30')).toThrow(RangeError);
    expect(() => fromNationalDay('1985312')).toThrow(RangeError);
  });
});

describe('national code lists', () => {
  it('maps channels COUNTER 1, ONLINE 2, POSTAL 3 both ways', () => {
    expect(NATIONAL_CHANNEL).toEqual({ COUNTER: 1, ONLINE: 2, POSTAL: 3 });
    for (const c of ['COUNTER', 'ONLINE', 'POSTAL'] as const) expect(fromNationalChannel(toNationalChannel(c))).toBe(c);
    expect(fromNationalChannel(4)).toBeNull();
  });

  it('maps the other code lists', () => {
    expect([1, 2, 3, 4, 5].map(fromNationalApplicantKind)).toEqual(['CITIZEN', 'BUSINESS', 'AGENCY', 'ORGANIZATION', null]);
    expect([4, 3, 2, 1].map(fromNationalServiceLevel)).toEqual(['FULL_ONLINE', 'PARTIAL_ONLINE', 'NOT_ONLINE', null]);
    expect([2, 3, 4, 1].map(fromNationalLevel)).toEqual(['PROVINCE', 'DISTRICT', 'COMMUNE', null]);
    expect([1, 2, 3].map(fromNationalFeeKind)).toEqual(['FEE', 'CHARGE', null]);
    expect([1, 5, 7, 8].map(fromNationalFeedbackStatus)).toEqual(['RECEIVED', 'ANSWERED', 'REJECTED', null]);
  });
});

describe('record validation', () => {
  const record: NationalDossierRecord = {
    MaHoSo: '000.00.15.H22-261123-0007',
    MaTTHC: '2.000488.000.00.00.H22',
    TenTTHC: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
    MaLinhVuc: 'LLTP',
    KenhThucHien: 2,
    ChuHoSo: 'Nguyễn Văn An',
    SoGiayToChuHoSo: '002085816844',
    LoaiDoiTuong: 1,
    NgayNopHoSo: '20261123143005',
    NgayTiepNhan: null,
    NgayHenTra: null,
    TrangThaiHoSo: 1,
    NgayKetThucXuLy: null,
    NgayTra: null,
    DonViXuLy: '000.00.15.H22',
    TaiLieuNop: [{ MaThanhPhanHoSo: 'LLTP-01', TenTaiLieu: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', DuocSoHoa: 1 }],
    DanhSachLePhi: [{ LoaiPhiLePhi: 1, TenPhiLePhi: 'Phí cung cấp thông tin lý lịch tư pháp', SoTien: 200000, DaThanhToan: 0 }],
    DuocThanhToanTrucTuyen: 0,
    TaiKhoanDuocXacThucVoiVNeID: 1,
  };

  it('accepts a complete dossier record and names each problem of a bad one', () => {
    expect(validateNationalDossierRecord(record)).toEqual([]);
    const problems = validateNationalDossierRecord({ ...record, MaHoSo: '', KenhThucHien: 4, NgayTra: '2026-11-23', TrangThaiHoSo: 11 });
    expect(problems).toEqual(
      expect.arrayContaining([
        'MaHoSo is required',
        'KenhThucHien must be 1, 2 or 3',
        'NgayTra must be yyyyMMddHHmmss or null',
        'TrangThaiHoSo must be 1–10',
      ]),
    );
    expect(validateNationalDossierRecord([])).toEqual(['body must be a JSON object']);
  });

  it('checks progress lines and PAKN records', () => {
    const line = {
      MaHoSo: record.MaHoSo,
      NguoiXuLy: 'Lê Thị Hoa',
      ChucDanh: 'Chuyên viên',
      ThoiDiemXuLy: '20261124090000',
      PhongBanXuLy: 'Phòng Hành chính tư pháp',
      NoiDungXuLy: 'Tiếp nhận hồ sơ',
      TrangThai: 2,
    };
    expect(validateNationalProgressLine(line)).toEqual([]);
    expect(validateNationalProgressLine({ ...line, ThoiDiemXuLy: null })).toEqual(['ThoiDiemXuLy must be yyyyMMddHHmmss']);
    const pakn = {
      MaPAKN: 'PAKN.20261123.0001',
      TieuDe: 'Chậm trả kết quả',
      NoiDung: 'Hồ sơ quá hạn chưa được trả kết quả',
      HoTenNguoiGui: 'Nguyễn Văn An',
      NgayGui: '20261123143005',
      TrangThai: 1,
      CongKhai: 0,
    };
    expect(validateNationalFeedbackRecord(pakn)).toEqual([]);
    expect(validateNationalFeedbackRecord({ ...pakn, MaPAKN: 'PAKN-1' })).toEqual(['MaPAKN must look like PAKN.YYYYMMDD.NNNN']);
  });
});

describe('Vietnamese name comparison', () => {
  it('ignores case, spacing and Unicode composition, not diacritics', () => {
    expect(sameVietnameseName('Nguyễn Văn An', '  nguyễn   VĂN an ')).toBe(true);
    // "ễ" precomposed vs e + combining circumflex + combining tilde
    expect(sameVietnameseName('Nguyễn Văn An', 'Nguye\u0302\u0303n Văn An')).toBe(true);
    expect(sameVietnameseName('Nguyễn Văn An', 'Nguyen Van An')).toBe(false);
    expect(sameVietnameseName('Lê Văn Cường', 'Lê Văn Cương')).toBe(false);
    expect(sameVietnameseName('ĐẶNG QUỐC HUY', 'Đặng Quốc Huy')).toBe(true);
    expect(normalizeVietnameseName(' Trần\tThị  Bích Ngọc ')).toBe('trần thị bích ngọc');
  });
});
