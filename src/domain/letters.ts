import { doReadNumber, ReadingConfig } from 'read-vietnamese-number';
import { Bilingual, DomainError, msg } from './errors';
import { vnDateTimeText, vnWallClockIso, vnYear } from './vn-time';

/**
 * The official letters (phiếu) of the one-stop process, domain.md "Documents, letters and the
 * citizen's store": the forms of ND 61/2018 as TT 01/2018/TT-VPCP lists them, and the fee receipt.
 * Pure: plain facts in, the letter's content out (src/documents/pdf.ts draws it). Nothing here
 * reads the database or knows about files; the caller gives the sequence number.
 */
export const LETTER_KINDS = ['RECEIPT', 'SUPPLEMENT_REQUEST', 'REJECTION', 'APOLOGY', 'PROCESS_CONTROL', 'PAYMENT_RECEIPT'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export interface LetterAgency {
  /** The agency code used in the letter number. */
  code: string;
  /** e.g. "Bộ phận Một cửa UBND huyện Quản Bạ" */
  name: string;
  /** The superior body written above the agency's name, e.g. "UBND TỈNH HÀ GIANG". */
  parentName?: string;
}

export interface LetterApplicant {
  name: string;
  identityNumber: string;
  address?: string;
  phone?: string;
  email?: string;
}

interface CommonFacts {
  /** Sequence within (kind, agency, year), given by the caller. */
  seq: number;
  issuedAt: Date;
  /** The place written before the date, e.g. "Hà Giang". */
  place: string;
  agency: LetterAgency;
  dossierCode: string;
  procedureName: string;
  applicant: LetterApplicant;
}

/** One line of the dossier's log, for the process-control sheet (Mẫu 05). */
export interface ProcessLogLine {
  at: Date;
  /** Who acted: a person and/or the agency or unit. */
  by: string;
  /** What happened, in Vietnamese (e.g. "Tiếp nhận hồ sơ"). */
  action: string;
  note?: string;
}

export type LetterFacts = CommonFacts &
  (
    | { kind: 'RECEIPT'; receivedAt: Date; dueAt: Date; components: string[]; pickUp?: string }
    | { kind: 'SUPPLEMENT_REQUEST'; receivedAt: Date; papers: string[]; reason: string; contact?: string }
    | { kind: 'REJECTION'; receivedAt: Date; reason: string }
    | {
        kind: 'APOLOGY';
        receivedAt: Date;
        /** The appointment given (none when the dossier was not received yet). */
        dueAt?: Date | null;
        /** The new appointment (required for a late result; after a repeated supplement request it may not be known yet). */
        newDueAt?: Date | null;
        reason: string;
        /** Set when the apology is for a repeated supplement request (the guidance was not complete at the first): which request, 2, 3 … */
        supplementRequest?: number | null;
      }
    | { kind: 'PROCESS_CONTROL'; receivedAt: Date; dueAt?: Date | null; log: ProcessLogLine[] }
    | { kind: 'PAYMENT_RECEIPT'; paidAt: Date; amount: number; method: string; transactionRef?: string; feeName?: string }
  );

/** A paragraph (indent in steps of one tab) or a table; bold for headings inside the body. */
export type LetterBlock =
  | { text: string; indent?: number; bold?: boolean; italic?: boolean; center?: boolean }
  | { table: { columns: string[]; widths: number[]; rows: string[][] } };

export interface LetterContent {
  kind: LetterKind;
  /** `<kind>/<agency code>/<year>/<seq>` */
  number: string;
  /** The form it follows, e.g. "Mẫu số 01". */
  form: string;
  title: string;
  issuedAt: Date;
  /** Upper left: the superior body and the agency, upper case. */
  agencyLines: string[];
  /** Upper right: the national motto. */
  nationLines: [string, string];
  /** "Số: …" */
  numberLine: string;
  /** "Hà Giang, ngày 05 tháng 03 năm 2026" */
  placeDate: string;
  /** Lines under the title (e.g. the dossier code). */
  subtitle: string[];
  body: LetterBlock[];
  /** Signature columns, left to right: role (upper case) and an optional note under it. */
  signatures: { role: string; note?: string }[];
}

export const NATION_LINES: [string, string] = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];

const TITLES: Record<LetterKind, { form: string; title: string }> = {
  RECEIPT: { form: 'Mẫu số 01', title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' },
  SUPPLEMENT_REQUEST: { form: 'Mẫu số 02', title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ' },
  REJECTION: { form: 'Mẫu số 03', title: 'PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ' },
  APOLOGY: { form: 'Mẫu số 04', title: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ' },
  PROCESS_CONTROL: { form: 'Mẫu số 05', title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ' },
  PAYMENT_RECEIPT: { form: 'Biên lai', title: 'BIÊN LAI THU TIỀN PHÍ, LỆ PHÍ' },
};

export const letterTitle = (kind: LetterKind): string => TITLES[kind].title;

/** `<kind>/<agency code>/<year>/<seq>`, the year in Vietnam time. */
export function letterNumber(kind: LetterKind, agencyCode: string, issuedAt: Date, seq: number): string {
  return `${kind}/${agencyCode}/${vnYear(issuedAt)}/${seq}`;
}

/** 1500000 → "1.500.000" (the Vietnamese thousands separator is a dot). */
export function formatVnd(amount: number): string {
  return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

const WORDS = new ReadingConfig();
WORDS.unit = ['đồng'];

/** 1500000 → "Một triệu năm trăm nghìn đồng" (read-vietnamese-number, first letter capitalised). */
export function amountInWords(amount: number): string {
  const words = doReadNumber(String(amount), WORDS);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "ngày 05 tháng 03 năm 2026" in Vietnam time. */
function vnLongDate(at: Date): string {
  const iso = vnWallClockIso(at);
  return `ngày ${iso.slice(8, 10)} tháng ${iso.slice(5, 7)} năm ${iso.slice(0, 4)}`;
}

const t = vnDateTimeText;

function bad(field: string, text: Bilingual): never {
  throw new DomainError('BAD_USER_INPUT', text, { field, reason: 'INVALID_LETTER_FACTS' });
}

function check(f: LetterFacts): void {
  if (!Number.isInteger(f.seq) || f.seq < 1) bad('seq', msg('Số thứ tự của phiếu phải là số nguyên dương.', 'The letter sequence must be a positive integer.'));
  if (!f.dossierCode.trim()) bad('dossierCode', msg('Phiếu phải có mã hồ sơ.', 'A letter needs the dossier code.'));
  if (!f.applicant.name.trim()) bad('applicant.name', msg('Phiếu phải có tên người nộp hồ sơ.', "A letter needs the applicant's name."));
  if ('reason' in f && !f.reason.trim()) bad('reason', msg('Phiếu phải nêu rõ lý do.', 'The letter must give the reason.'));
  if (f.kind === 'SUPPLEMENT_REQUEST' && f.papers.filter((p) => p.trim()).length === 0)
    bad('papers', msg('Phiếu yêu cầu bổ sung phải liệt kê giấy tờ cần bổ sung.', 'A supplement request must list the papers asked for.'));
  if (f.kind === 'APOLOGY' && !f.supplementRequest && !f.newDueAt)
    bad('newDueAt', msg('Phiếu xin lỗi vì trả kết quả muộn phải hẹn lại ngày trả.', 'An apology for a late result must give the new due date.'));
  if (f.kind === 'APOLOGY' && f.newDueAt && f.dueAt && f.newDueAt.getTime() <= f.dueAt.getTime())
    bad('newDueAt', msg('Ngày hẹn trả mới phải sau ngày hẹn cũ.', 'The new due date must be after the old one.'));
  if (f.kind === 'PAYMENT_RECEIPT' && (!Number.isSafeInteger(f.amount) || f.amount < 0))
    bad('amount', msg('Số tiền phải là số nguyên không âm (đồng).', 'The amount must be a non-negative whole number of đồng.'));
}

/** The applicant's lines, as every form has them. */
function applicantLines(a: LetterApplicant): LetterBlock[] {
  const lines: LetterBlock[] = [
    { text: `Ông/Bà: ${a.name}`, indent: 1 },
    { text: `Số định danh cá nhân: ${a.identityNumber}`, indent: 1 },
  ];
  if (a.address) lines.push({ text: `Địa chỉ: ${a.address}`, indent: 1 });
  if (a.phone || a.email) lines.push({ text: [a.phone && `Số điện thoại: ${a.phone}`, a.email && `Email: ${a.email}`].filter(Boolean).join('    '), indent: 1 });
  return lines;
}

const numbered = (items: string[]): LetterBlock[] => items.filter((s) => s.trim()).map((s, i) => ({ text: `${i + 1}. ${s}`, indent: 2 }));

function body(f: LetterFacts): { subtitle: string[]; body: LetterBlock[]; signatures: LetterContent['signatures'] } {
  const code = `Mã hồ sơ: ${f.dossierCode}`;
  /** How the forms of the one-stop desk open: who handed in what, to which agency. */
  const received: LetterBlock[] = [
    { text: `${f.agency.name} tiếp nhận hồ sơ của:` },
    ...applicantLines(f.applicant),
    { text: `Nội dung yêu cầu giải quyết: ${f.procedureName}` },
  ];
  switch (f.kind) {
    case 'RECEIPT':
      return {
        subtitle: [code],
        body: [
          ...received,
          { text: '1. Thành phần hồ sơ nộp gồm:' },
          ...(f.components.length ? numbered(f.components) : [{ text: '(theo danh mục của thủ tục)', indent: 2 }]),
          { text: '2. Số lượng hồ sơ: 01 bộ' },
          { text: `3. Thời gian nhận hồ sơ: ${t(f.receivedAt)}` },
          { text: `4. Thời gian trả kết quả giải quyết hồ sơ: ${t(f.dueAt)}` },
          { text: `5. Đăng ký nhận kết quả tại: ${f.pickUp ?? f.agency.name}` },
          { text: 'Vào Sổ theo dõi hồ sơ, Quyển số: 01', italic: true },
        ],
        signatures: [{ role: 'NGƯỜI NỘP HỒ SƠ', note: '(Ký và ghi rõ họ tên)' }, { role: 'NGƯỜI TIẾP NHẬN HỒ SƠ', note: '(Ký và ghi rõ họ tên)' }],
      };
    case 'SUPPLEMENT_REQUEST':
      return {
        subtitle: [code],
        body: [
          ...received,
          { text: `Thời gian nhận hồ sơ: ${t(f.receivedAt)}` },
          { text: 'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:' },
          ...numbered(f.papers),
          { text: `Lý do: ${f.reason}` },
          {
            text: `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với ${f.contact ?? f.agency.name} để được hướng dẫn.`,
          },
        ],
        signatures: [{ role: 'NGƯỜI HƯỚNG DẪN', note: '(Ký và ghi rõ họ tên)' }],
      };
    case 'REJECTION':
      return {
        subtitle: [code],
        body: [
          ...received,
          { text: `Thời gian nhận hồ sơ: ${t(f.receivedAt)}` },
          { text: 'Sau khi xem xét, đối chiếu thành phần hồ sơ với quy định, hồ sơ không đủ điều kiện tiếp nhận, giải quyết với lý do cụ thể như sau:' },
          { text: f.reason, indent: 2 },
          { text: 'Xin thông báo để Ông/Bà được biết và thực hiện.' },
        ],
        signatures: [{ role: 'NGƯỜI TIẾP NHẬN HỒ SƠ', note: '(Ký và ghi rõ họ tên)' }],
      };
    case 'APOLOGY': {
      const opening = `Ngày ${t(f.receivedAt)}, ${f.agency.name} tiếp nhận giải quyết hồ sơ của Ông/Bà về thủ tục ${f.procedureName}, mã hồ sơ ${f.dossierCode}.`;
      const promised = f.dueAt ? ` Thời gian hẹn trả kết quả giải quyết hồ sơ: ${t(f.dueAt)}.` : '';
      const newDate = f.newDueAt ? ` và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào ${t(f.newDueAt)}` : '';
      const repeated = f.supplementRequest
        ? [
            {
              text: `Tuy nhiên, ${f.agency.name} đã hướng dẫn hoàn thiện hồ sơ chưa đầy đủ ngay từ lần đầu, nay phải yêu cầu Ông/Bà bổ sung hồ sơ lần thứ ${f.supplementRequest}.`,
            },
            { text: `Lý do: ${f.reason}` },
            {
              text: `Việc này đã gây phiền hà cho Ông/Bà. ${f.agency.name} xin lỗi Ông/Bà${newDate}. Đề nghị Ông/Bà bổ sung hồ sơ theo Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ kèm theo.`,
            },
          ]
        : [
            { text: `Tuy nhiên đến nay, ${f.agency.name} chưa trả kết quả giải quyết hồ sơ cho Ông/Bà đúng hẹn.` },
            { text: `Lý do: ${f.reason}` },
            { text: `Sự chậm trễ này đã gây phiền hà cho Ông/Bà. ${f.agency.name} xin lỗi Ông/Bà${newDate}.` },
          ];
      return {
        subtitle: [code],
        body: [
          { text: `Kính gửi: Ông/Bà ${f.applicant.name} (số định danh cá nhân ${f.applicant.identityNumber})` },
          { text: opening + promised },
          ...repeated,
          { text: 'Xin trân trọng cảm ơn.' },
        ],
        signatures: [{ role: 'THỦ TRƯỞNG CƠ QUAN', note: '(Ký, ghi rõ họ tên và đóng dấu)' }],
      };
    }
    case 'PROCESS_CONTROL':
      return {
        subtitle: [code],
        body: [
          { text: `Cơ quan (bộ phận) giải quyết hồ sơ: ${f.agency.name}` },
          { text: 'Người nộp hồ sơ:' },
          ...applicantLines(f.applicant),
          { text: `Nội dung yêu cầu giải quyết: ${f.procedureName}` },
          { text: `Thời gian nhận hồ sơ: ${t(f.receivedAt)}    Thời gian hẹn trả kết quả: ${f.dueAt ? t(f.dueAt) : '(chưa hẹn)'}` },
          {
            table: {
              columns: ['STT', 'Thời gian', 'Người, cơ quan thực hiện', 'Nội dung giao, nhận, xử lý', 'Ghi chú'],
              widths: [0.07, 0.2, 0.25, 0.3, 0.18],
              rows: f.log.map((l, i) => [String(i + 1), t(l.at), l.by, l.action, l.note ?? '']),
            },
          },
        ],
        signatures: [{ role: 'NGƯỜI TIẾP NHẬN HỒ SƠ', note: '(Ký và ghi rõ họ tên)' }],
      };
    case 'PAYMENT_RECEIPT':
      return {
        subtitle: [code],
        body: [
          { text: `Tên đơn vị thu phí, lệ phí: ${f.agency.name}` },
          { text: `Tên người nộp tiền: ${f.applicant.name}` },
          { text: `Số định danh cá nhân: ${f.applicant.identityNumber}` },
          ...(f.applicant.address ? [{ text: `Địa chỉ: ${f.applicant.address}` }] : []),
          { text: `Nội dung thu: ${f.feeName ?? 'Phí, lệ phí'} giải quyết thủ tục ${f.procedureName}` },
          { text: `Số tiền: ${formatVnd(f.amount)} đồng`, bold: true },
          { text: `(Viết bằng chữ: ${amountInWords(f.amount)})`, italic: true },
          { text: `Hình thức thanh toán: ${f.method}` },
          ...(f.transactionRef ? [{ text: `Mã giao dịch: ${f.transactionRef}` }] : []),
          { text: `Thời gian thu: ${t(f.paidAt)}` },
        ],
        signatures: [{ role: 'NGƯỜI NỘP TIỀN', note: '(Ký và ghi rõ họ tên)' }, { role: 'NGƯỜI THU TIỀN', note: '(Ký và ghi rõ họ tên)' }],
      };
  }
}

/** The content of a letter from the plain facts of the dossier. Throws BAD_USER_INPUT on missing facts. */
export function letterContent(facts: LetterFacts): LetterContent {
  check(facts);
  const { form, title } = TITLES[facts.kind];
  const number = letterNumber(facts.kind, facts.agency.code, facts.issuedAt, facts.seq);
  return {
    kind: facts.kind,
    number,
    form,
    title,
    issuedAt: facts.issuedAt,
    agencyLines: [facts.agency.parentName, facts.agency.name].filter((s): s is string => !!s).map((s) => s.toLocaleUpperCase('vi')),
    nationLines: NATION_LINES,
    numberLine: `Số: ${number}`,
    placeDate: `${facts.place}, ${vnLongDate(facts.issuedAt)}`,
    ...body(facts),
  };
}

/** All the text of a letter, in reading order (for logs, tests and a plain-text alternative). */
export function letterPlainText(c: LetterContent): string {
  const blocks = c.body.map((b) => ('table' in b ? [b.table.columns.join(' | '), ...b.table.rows.map((r) => r.join(' | '))].join('\n') : b.text));
  return [c.form, ...c.agencyLines, ...c.nationLines, c.numberLine, c.placeDate, c.title, ...c.subtitle, ...blocks, ...c.signatures.map((s) => s.role)].join('\n');
}
