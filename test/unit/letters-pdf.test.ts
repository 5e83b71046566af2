import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LETTER_KINDS, letterContent, LetterFacts, LetterKind } from '../../src/domain/letters';
import { renderLetterPdf } from '../../src/documents/pdf';

/**
 * Issue 12: each letter rendered to PDF, its text extracted with pdftotext (Debian's
 * poppler-utils) and searched for the code, the name, the dates and the amount in words.
 * Without pdftotext the text checks are skipped (with a message); .ci/run installs it.
 */
const HAS_PDFTOTEXT = spawnSync('pdftotext', ['-v']).error === undefined;
if (!HAS_PDFTOTEXT) process.stderr.write('letters-pdf.test: pdftotext not found (apt-get install -y poppler-utils): PDF text checks skipped\n');
const itText = HAS_PDFTOTEXT ? it : it.skip;

const common = {
  seq: 12,
  issuedAt: new Date('2026-03-05T03:00:00Z'),
  place: 'Hà Giang',
  agency: { code: 'H23.10', name: 'Ủy ban nhân dân huyện Quản Bạ', parentName: 'Ủy ban nhân dân tỉnh Hà Giang' },
  dossierCode: 'H23.10-260305-0042',
  procedureName: 'Cấp giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở',
  applicant: { name: 'Nguyễn Văn Đữu', identityNumber: '002090001234', address: 'Thôn Lùng Tám, xã Lùng Tám, huyện Quản Bạ, Hà Giang' },
};
const receivedAt = new Date('2026-03-02T02:15:00Z'); // 02/03/2026 09:15
const dueAt = new Date('2026-03-20T09:30:00Z'); // 20/03/2026 16:30
const newDueAt = new Date('2026-03-27T09:30:00Z'); // 27/03/2026 16:30

const facts: Record<LetterKind, LetterFacts> = {
  RECEIPT: { ...common, kind: 'RECEIPT', receivedAt, dueAt, components: ['Đơn đăng ký', 'Giấy tờ về quyền sử dụng đất'] },
  SUPPLEMENT_REQUEST: { ...common, kind: 'SUPPLEMENT_REQUEST', receivedAt, papers: ['Sơ đồ thửa đất', 'Biên lai nộp thuế'], reason: 'Hồ sơ thiếu giấy tờ' },
  REJECTION: { ...common, kind: 'REJECTION', receivedAt, reason: 'Đất đang có tranh chấp' },
  APOLOGY: { ...common, kind: 'APOLOGY', receivedAt, dueAt, newDueAt, reason: 'Cần xác minh thực địa' },
  PROCESS_CONTROL: {
    ...common,
    kind: 'PROCESS_CONTROL',
    receivedAt,
    dueAt,
    log: [
      { at: receivedAt, by: 'Bộ phận Một cửa', action: 'Tiếp nhận hồ sơ' },
      { at: new Date('2026-03-03T01:00:00Z'), by: 'Phòng Tài nguyên và Môi trường', action: 'Thẩm định hồ sơ', note: 'đúng hạn' },
    ],
  },
  PAYMENT_RECEIPT: { ...common, kind: 'PAYMENT_RECEIPT', paidAt: receivedAt, amount: 1500000, method: 'Thanh toán trực tuyến', transactionRef: 'PAY-0042' },
};

const dir = mkdtempSync(join(tmpdir(), 'letters-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pdfText(kind: LetterKind, render = renderLetterPdf): Promise<string> {
  const pdf = await render(letterContent(facts[kind]));
  const file = join(dir, `${kind}.pdf`);
  writeFileSync(file, pdf);
  // -raw keeps reading order; whitespace is normalised so that wrapped lines still match.
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe('letters as PDF', () => {
  it('every kind renders to a PDF with the Unicode font embedded', async () => {
    for (const kind of LETTER_KINDS) {
      const pdf = await renderLetterPdf(letterContent(facts[kind]));
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
      expect(pdf.toString('latin1')).toMatch(/\/FontFile2/); // an embedded TrueType font
      expect(pdf.toString('latin1')).toMatch(/DejaVuSerif/);
    }
  });

  itText.each([...LETTER_KINDS])('%s: the text has the code, the name, the header and the Vietnamese letters', async (kind) => {
    const text = await pdfText(kind);
    expect(text).toContain(`${kind}/H23.10/2026/12`);
    expect(text).toContain('H23.10-260305-0042');
    expect(text).toContain('Nguyễn Văn Đữu');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('ỦY BAN NHÂN DÂN HUYỆN QUẢN BẠ');
    expect(text).toContain('Hà Giang, ngày 05 tháng 03 năm 2026');
    expect(text).toContain(letterContent(facts[kind]).title);
  });

  itText('the fonts are shared between PDFs: after the six kinds, a letter still reads whole (ToUnicode kept)', async () => {
    // A fresh copy of the renderer (fresh font objects), as at the start of a hub process.
    let render!: typeof renderLetterPdf;
    jest.isolateModules(() => {
      render = (jest.requireActual('../../src/documents/pdf') as typeof import('../../src/documents/pdf')).renderLetterPdf;
    });
    for (const kind of LETTER_KINDS) await render(letterContent(facts[kind]));
    const text = await pdfText('APOLOGY', render);
    expect(text).toContain('Số: APOLOGY/H23.10/2026/12');
    expect(text).toContain('Lý do: Cần xác minh thực địa');
    expect(text).toContain('Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào 27/03/2026 16:30');
  });

  itText('the dates: received and due on the receipt, the new date on the apology', async () => {
    const receipt = await pdfText('RECEIPT');
    expect(receipt).toContain('02/03/2026 09:15');
    expect(receipt).toContain('20/03/2026 16:30');
    expect(receipt).toContain('Ủy ban nhân dân huyện Quản Bạ tiếp nhận hồ sơ');
    const apology = await pdfText('APOLOGY');
    expect(apology).toContain('20/03/2026 16:30');
    expect(apology).toContain('27/03/2026 16:30');
    expect(apology).toContain('Cần xác minh thực địa');
  });

  itText('the papers asked for, the log lines, the amount in figures and in words', async () => {
    const sup = await pdfText('SUPPLEMENT_REQUEST');
    expect(sup).toContain('1. Sơ đồ thửa đất');
    expect(sup).toContain('2. Biên lai nộp thuế');
    const control = await pdfText('PROCESS_CONTROL');
    expect(control).toContain('Thẩm định hồ sơ');
    expect(control).toContain('03/03/2026 08:00');
    const receipt = await pdfText('PAYMENT_RECEIPT');
    expect(receipt).toContain('1.500.000 đồng');
    expect(receipt).toContain('Một triệu năm trăm nghìn đồng');
    expect(receipt).toContain('PAY-0042');
  });
});
