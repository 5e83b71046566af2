import { DomainError } from '../../src/domain/errors';
import { amountInWords, formatVnd, letterContent, LetterFacts, letterNumber, letterPlainText, NATION_LINES } from '../../src/domain/letters';
import { vnDateTimeText } from '../../src/domain/vn-time';

/** Issue 12: the content of the six letters, from plain facts, with hand-written expectations. */
const common = {
  seq: 7,
  // 23:30 UTC on 31 Dec 2025 is 06:30 on 1 Jan 2026 in Vietnam: the year of the number is 2026.
  issuedAt: new Date('2025-12-31T23:30:00Z'),
  place: 'Hà Giang',
  agency: { code: 'H23.10', name: 'Bộ phận Một cửa UBND huyện Quản Bạ', parentName: 'UBND tỉnh Hà Giang' },
  dossierCode: 'H23.10-260101-0001',
  procedureName: 'Đăng ký khai sinh',
  applicant: { name: 'Nguyễn Thị Hữu', identityNumber: '002190012345', phone: '0912345678' },
};
const receivedAt = new Date('2025-12-31T02:05:00Z'); // 31/12/2025 09:05
const dueAt = new Date('2026-01-05T09:00:00Z'); // 05/01/2026 16:00

const text = (f: LetterFacts) => letterPlainText(letterContent(f)).split('\n');

describe('letters (pure content)', () => {
  it('Vietnam time as dd/MM/yyyy HH:mm, numbers per kind/agency/year', () => {
    expect(vnDateTimeText(receivedAt)).toBe('31/12/2025 09:05');
    expect(vnDateTimeText(new Date('2025-12-31T17:00:00Z'))).toBe('01/01/2026 00:00');
    expect(letterNumber('RECEIPT', 'H23.10', common.issuedAt, 7)).toBe('RECEIPT/H23.10/2026/7');
  });

  it('amounts with dots and in words (read-vietnamese-number)', () => {
    expect(formatVnd(1500000)).toBe('1.500.000');
    expect(formatVnd(0)).toBe('0');
    expect(formatVnd(105000)).toBe('105.000');
    expect(amountInWords(1500000)).toBe('Một triệu năm trăm nghìn đồng');
    expect(amountInWords(105000)).toBe('Một trăm lẻ năm nghìn đồng');
    expect(amountInWords(21000)).toBe('Hai mươi mốt nghìn đồng');
    expect(amountInWords(0)).toBe('Không đồng');
  });

  it('RECEIPT (Mẫu 01): header, number, title, applicant, received and due times', () => {
    const c = letterContent({ ...common, kind: 'RECEIPT', receivedAt, dueAt, components: ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'] });
    expect(c.number).toBe('RECEIPT/H23.10/2026/7');
    expect(c.form).toBe('Mẫu số 01');
    expect(c.title).toBe('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(c.nationLines).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']);
    expect(c.agencyLines).toEqual(['UBND TỈNH HÀ GIANG', 'BỘ PHẬN MỘT CỬA UBND HUYỆN QUẢN BẠ']);
    expect(c.numberLine).toBe('Số: RECEIPT/H23.10/2026/7');
    expect(c.placeDate).toBe('Hà Giang, ngày 01 tháng 01 năm 2026');
    expect(c.subtitle).toEqual(['Mã hồ sơ: H23.10-260101-0001']);
    expect(text({ ...common, kind: 'RECEIPT', receivedAt, dueAt, components: ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'] })).toEqual(
      expect.arrayContaining([
        'Bộ phận Một cửa UBND huyện Quản Bạ tiếp nhận hồ sơ của:',
        'Ông/Bà: Nguyễn Thị Hữu',
        'Số định danh cá nhân: 002190012345',
        'Số điện thoại: 0912345678',
        'Nội dung yêu cầu giải quyết: Đăng ký khai sinh',
        '1. Tờ khai đăng ký khai sinh',
        '2. Giấy chứng sinh',
        '3. Thời gian nhận hồ sơ: 31/12/2025 09:05',
        '4. Thời gian trả kết quả giải quyết hồ sơ: 05/01/2026 16:00',
        'NGƯỜI NỘP HỒ SƠ',
        'NGƯỜI TIẾP NHẬN HỒ SƠ',
      ]),
    );
  });

  it('SUPPLEMENT_REQUEST (Mẫu 02): the papers asked for and the reason', () => {
    const c = letterContent({ ...common, kind: 'SUPPLEMENT_REQUEST', receivedAt, papers: ['Bản sao giấy chứng nhận kết hôn', 'Giấy chứng sinh (bản chính)'], reason: 'Thiếu giấy tờ' });
    expect(c.number).toBe('SUPPLEMENT_REQUEST/H23.10/2026/7');
    expect(c.title).toBe('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(letterPlainText(c).split('\n')).toEqual(
      expect.arrayContaining(['Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:', '1. Bản sao giấy chứng nhận kết hôn', '2. Giấy chứng sinh (bản chính)', 'Lý do: Thiếu giấy tờ']),
    );
  });

  it('REJECTION (Mẫu 03): the reason', () => {
    const lines = text({ ...common, kind: 'REJECTION', receivedAt, reason: 'Thủ tục không thuộc thẩm quyền của cơ quan.' });
    expect(lines).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ');
    expect(lines).toContain('Thủ tục không thuộc thẩm quyền của cơ quan.');
    expect(lines).toContain('Mẫu số 03');
  });

  it('APOLOGY (Mẫu 04): the old and the new due date', () => {
    const newDueAt = new Date('2026-01-09T09:00:00Z');
    const lines = text({ ...common, kind: 'APOLOGY', receivedAt, dueAt, newDueAt, reason: 'Cần xác minh thêm thông tin.' });
    expect(lines).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(lines).toContain(
      'Ngày 31/12/2025 09:05, Bộ phận Một cửa UBND huyện Quản Bạ tiếp nhận giải quyết hồ sơ của Ông/Bà về thủ tục Đăng ký khai sinh, mã hồ sơ H23.10-260101-0001. Thời gian hẹn trả kết quả giải quyết hồ sơ: 05/01/2026 16:00.',
    );
    expect(lines).toContain(
      'Sự chậm trễ này đã gây phiền hà cho Ông/Bà. Bộ phận Một cửa UBND huyện Quản Bạ xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào 09/01/2026 16:00.',
    );
  });

  it('PROCESS_CONTROL (Mẫu 05): one table row per log line', () => {
    const c = letterContent({
      ...common,
      kind: 'PROCESS_CONTROL',
      receivedAt,
      dueAt,
      log: [
        { at: receivedAt, by: 'Trần Văn Đức (Bộ phận Một cửa)', action: 'Tiếp nhận hồ sơ' },
        { at: new Date('2026-01-02T01:00:00Z'), by: 'Phòng Tư pháp', action: 'Thụ lý, thẩm định', note: 'đúng hạn' },
      ],
    });
    const table = c.body.find((b) => 'table' in b);
    expect(table && 'table' in table && table.table.rows).toEqual([
      ['1', '31/12/2025 09:05', 'Trần Văn Đức (Bộ phận Một cửa)', 'Tiếp nhận hồ sơ', ''],
      ['2', '02/01/2026 08:00', 'Phòng Tư pháp', 'Thụ lý, thẩm định', 'đúng hạn'],
    ]);
    expect(c.title).toBe('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
  });

  it('PAYMENT_RECEIPT (biên lai): amount in figures and in words', () => {
    const lines = text({ ...common, kind: 'PAYMENT_RECEIPT', paidAt: receivedAt, amount: 1500000, method: 'Thanh toán trực tuyến (VNPT Pay)', transactionRef: 'PAY-42' });
    expect(lines).toEqual(
      expect.arrayContaining([
        'BIÊN LAI THU TIỀN PHÍ, LỆ PHÍ',
        'Tên người nộp tiền: Nguyễn Thị Hữu',
        'Số tiền: 1.500.000 đồng',
        '(Viết bằng chữ: Một triệu năm trăm nghìn đồng)',
        'Mã giao dịch: PAY-42',
        'Thời gian thu: 31/12/2025 09:05',
      ]),
    );
    expect(NATION_LINES[0]).toBe(lines[3]);
  });

  it('refuses missing facts with BAD_USER_INPUT and the field', () => {
    const fail = (f: LetterFacts) => {
      try {
        letterContent(f);
      } catch (e) {
        return e instanceof DomainError ? `${e.code}:${e.field}` : String(e);
      }
      return 'no error';
    };
    expect(fail({ ...common, kind: 'SUPPLEMENT_REQUEST', receivedAt, papers: [' '], reason: 'x' })).toBe('BAD_USER_INPUT:papers');
    expect(fail({ ...common, kind: 'REJECTION', receivedAt, reason: '  ' })).toBe('BAD_USER_INPUT:reason');
    expect(fail({ ...common, kind: 'APOLOGY', receivedAt, dueAt, newDueAt: dueAt, reason: 'x' })).toBe('BAD_USER_INPUT:newDueAt');
    expect(fail({ ...common, kind: 'PAYMENT_RECEIPT', paidAt: receivedAt, amount: 1.5, method: 'x' })).toBe('BAD_USER_INPUT:amount');
    expect(fail({ ...common, seq: 0, kind: 'REJECTION', receivedAt, reason: 'x' })).toBe('BAD_USER_INPUT:seq');
  });
});
