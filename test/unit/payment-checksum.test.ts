import {
  checksumMatches,
  initChecksum,
  queryChecksum,
  resultChecksum,
  verifyInitChecksum,
  verifyQueryChecksum,
  verifyResultChecksum,
} from '../../src/connectors/payment-checksum';

// Expected values were computed outside the code under test, e.g.
//   printf '%s' 'INIT|DVCHUB|…||test-secret-123' | sha256sum
const SECRET = 'test-secret-123';
const DESCRIPTION = 'Lệ phí cấp Phiếu lý lịch tư pháp';

const init = {
  LoaiBanTin: 'INIT',
  MaDoiTac: 'DVCHUB',
  MaThamChieu: '000.00.15.H22-261123-0007-P1',
  SoTien: 150000,
  MaTienTe: 'VND',
  ThoiGianGD: '20261123143005',
  ThongTinGiaoDich: DESCRIPTION,
} as const;

const ipn = {
  LoaiBanTin: 'IPN',
  MaLoi: '00',
  MaDoiTac: 'DVCHUB',
  MaThamChieu: '000.00.15.H22-261123-0007-P1',
  SoTien: 150000,
  MaTienTe: 'VND',
  MaGiaoDich: 'GD202611231432100001',
  MaNganHang: 'VCB',
  ThoiGianGD: '20261123143210',
  ThongTinGiaoDich: DESCRIPTION,
} as const;

const query = { LoaiBanTin: 'QUERY', MaDoiTac: 'DVCHUB', MaThamChieu: '000.00.15.H22-261123-0007-P1', ThoiGianGD: '20261123150000' } as const;

describe('payment checksum (MaXacThuc)', () => {
  it('INIT: LoaiBanTin|MaDoiTac|MaThamChieu|SoTien|MaTienTe|ThoiGianGD|ThongTinGiaoDich|UrlTraVe|secret, UTF-8', () => {
    // no UrlTraVe: an empty field
    expect(initChecksum(init, SECRET)).toBe('a301ca8e2c41b0913d200a42b5ba5036d22077e2f4f575a390355b2bca44fa81');
    expect(initChecksum({ ...init, UrlTraVe: 'https://dvc.hagiang.gov.vn/thanh-toan/ket-qua' }, SECRET)).toBe(
      '0c8af4c4c91df0c6752c08f9cc870f1889b2aa52eca4cc13e84333b8102f22b3',
    );
  });

  it('IPN: LoaiBanTin|MaLoi|MaDoiTac|MaThamChieu|SoTien|MaTienTe|MaGiaoDich|MaNganHang|ThoiGianGD|ThongTinGiaoDich|secret', () => {
    expect(resultChecksum(ipn, SECRET)).toBe('afdde650036fedee4f62380bd413d02d02adedb69372dfdd4eff765f8bce89e1');
  });

  it('QUERY: LoaiBanTin|MaDoiTac|MaThamChieu|ThoiGianGD|secret', () => {
    expect(queryChecksum(query, SECRET)).toBe('de8fd0ff065d941571b7e77721453777457c0420cc7c1f473988b273417b978c');
  });

  it('an amount sent as a digit string signs like the number', () => {
    expect(resultChecksum({ ...ipn, SoTien: '150000' }, SECRET)).toBe(resultChecksum(ipn, SECRET));
  });

  it('verifies a genuine message, in upper- or lower-case hex', () => {
    const signed = { ...ipn, MaXacThuc: 'afdde650036fedee4f62380bd413d02d02adedb69372dfdd4eff765f8bce89e1' };
    expect(verifyResultChecksum(signed, SECRET)).toBe(true);
    expect(verifyResultChecksum({ ...signed, MaXacThuc: signed.MaXacThuc.toUpperCase() }, SECRET)).toBe(true);
    expect(verifyInitChecksum({ ...init, MaXacThuc: 'a301ca8e2c41b0913d200a42b5ba5036d22077e2f4f575a390355b2bca44fa81' }, SECRET)).toBe(true);
    expect(verifyQueryChecksum({ ...query, MaXacThuc: 'de8fd0ff065d941571b7e77721453777457c0420cc7c1f473988b273417b978c' }, SECRET)).toBe(true);
  });

  it('refuses a tampered field, the wrong secret, or a malformed MaXacThuc', () => {
    const signed = { ...ipn, MaXacThuc: resultChecksum(ipn, SECRET) };
    for (const [field, value] of [
      ['MaLoi', '07'],
      ['SoTien', 1500000],
      ['MaThamChieu', '000.00.15.H22-261123-0008-P1'],
      ['MaGiaoDich', 'GD202611231432100002'],
      ['ThongTinGiaoDich', 'Lệ phí cấp Phiếu lý lịch tư pháp số 2'],
    ] as const) {
      expect(verifyResultChecksum({ ...signed, [field]: value }, SECRET)).toBe(false);
    }
    expect(verifyResultChecksum(signed, 'another-secret')).toBe(false);
    expect(verifyResultChecksum({ ...signed, MaXacThuc: signed.MaXacThuc.slice(1) }, SECRET)).toBe(false);
    expect(verifyResultChecksum({ ...signed, MaXacThuc: undefined }, SECRET)).toBe(false);
    expect(verifyResultChecksum(null, SECRET)).toBe(false);
    // A field moved between neighbours changes the joined text too.
    expect(verifyInitChecksum({ ...init, UrlTraVe: '', MaXacThuc: initChecksum({ ...init, ThongTinGiaoDich: '', UrlTraVe: DESCRIPTION }, SECRET) }, SECRET)).toBe(false);
  });

  it('checksumMatches compares only well-formed 64-hex strings', () => {
    const h = 'afdde650036fedee4f62380bd413d02d02adedb69372dfdd4eff765f8bce89e1';
    expect(checksumMatches(h, h)).toBe(true);
    expect(checksumMatches(h, `${h}0`)).toBe(false);
    expect(checksumMatches(h, 'z'.repeat(64))).toBe(false);
    expect(checksumMatches(h, 42)).toBe(false);
  });
});
