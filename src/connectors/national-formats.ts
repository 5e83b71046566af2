/**
 * National wire formats (Cổng Dịch vụ công quốc gia, CSDL quốc gia về dân cư, nền tảng
 * thanh toán) as provincial integrations implement them. Pure: no I/O, no clock reads.
 *
 * Field names stay Vietnamese here (and only inside src/connectors/); hub-side names are
 * English. Where the public descriptions are silent, the choices made are written next to
 * the type, so the simulators and the clients agree on one reading.
 *
 * Conventions chosen:
 * - Instants are `yyyyMMddHHmmss` in Vietnam local time (UTC+7, no DST), whatever the
 *   process time zone. Calendar dates (birth dates, legal documents) are `yyyyMMdd`.
 * - A date that is not known yet (NgayTra before delivery …) is `null`.
 * - Yes/no flags are the integers 0 and 1.
 */
import { VN_OFFSET_MS } from '../domain/vn-time';

// ------------------------------------------------------------------ dates

/** `yyyyMMddHHmmss`, Vietnam local time. */
export type NationalDate = string;
/** `yyyyMMdd`, a calendar date. */
export type NationalDay = string;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** yyyyMMddHHmmss of an instant in Vietnam local time (independent of the process TZ). */
export function toNationalDate(date: Date): NationalDate {
  const t = date.getTime();
  if (!Number.isFinite(t)) throw new RangeError('toNationalDate: invalid Date');
  const vn = new Date(t + VN_OFFSET_MS); // read its UTC fields = Vietnam wall clock
  const year = vn.getUTCFullYear();
  if (year < 1000 || year > 9999) throw new RangeError(`toNationalDate: year ${year} does not fit yyyy`);
  return (
    pad(year, 4) +
    pad(vn.getUTCMonth() + 1) +
    pad(vn.getUTCDate()) +
    pad(vn.getUTCHours()) +
    pad(vn.getUTCMinutes()) +
    pad(vn.getUTCSeconds())
  );
}

/** toNationalDate, with null/undefined passed through as null. */
export function toNationalDateOrNull(date: Date | null | undefined): NationalDate | null {
  return date ? toNationalDate(date) : null;
}

const NATIONAL_DATE_RE = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** Whether `s` is a valid yyyyMMddHHmmss (real calendar day, 00–23 h, 00–59 min/s). */
export function isNationalDate(s: unknown): s is NationalDate {
  return typeof s === 'string' && parseNationalDate(s) !== null;
}

/** The instant a Vietnam-local yyyyMMddHHmmss denotes; throws RangeError when invalid. */
export function fromNationalDate(s: NationalDate): Date {
  const d = parseNationalDate(s);
  if (!d) throw new RangeError(`not a yyyyMMddHHmmss date: ${JSON.stringify(s)}`);
  return d;
}

function parseNationalDate(s: string): Date | null {
  const m = NATIONAL_DATE_RE.exec(s);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (!validDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - VN_OFFSET_MS);
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 'YYYY-MM-DD' → 'yyyyMMdd'; throws RangeError when invalid. */
export function toNationalDay(isoDate: string): NationalDay {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m || !validDay(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(isoDate)}`);
  }
  return `${m[1]}${m[2]}${m[3]}`;
}

/** 'yyyyMMdd' → 'YYYY-MM-DD'; throws RangeError when invalid. */
export function fromNationalDay(day: NationalDay): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(day);
  if (!m || !validDay(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new RangeError(`not a yyyyMMdd date: ${JSON.stringify(day)}`);
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}

export function isNationalDay(s: unknown): s is NationalDay {
  if (typeof s !== 'string') return false;
  try {
    fromNationalDay(s);
    return true;
  } catch {
    return false;
  }
}

// ------------------------------------------------------------------ code lists

export type Flag = 0 | 1;
export const toFlag = (b: boolean): Flag => (b ? 1 : 0);

/** Kênh thực hiện: 1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích. */
export type SubmissionChannel = 'COUNTER' | 'ONLINE' | 'POSTAL';
export type NationalChannelCode = 1 | 2 | 3;
export const NATIONAL_CHANNEL: Readonly<Record<SubmissionChannel, NationalChannelCode>> = { COUNTER: 1, ONLINE: 2, POSTAL: 3 };
export const toNationalChannel = (c: SubmissionChannel): NationalChannelCode => NATIONAL_CHANNEL[c];
export function fromNationalChannel(code: number): SubmissionChannel | null {
  return code === 1 ? 'COUNTER' : code === 2 ? 'ONLINE' : code === 3 ? 'POSTAL' : null;
}

/** Loại đối tượng: 1 công dân, 2 doanh nghiệp, 3 cơ quan nhà nước, 4 tổ chức khác. */
export type ApplicantKind = 'CITIZEN' | 'BUSINESS' | 'AGENCY' | 'ORGANIZATION';
export type NationalApplicantKindCode = 1 | 2 | 3 | 4;
export const NATIONAL_APPLICANT_KIND: Readonly<Record<ApplicantKind, NationalApplicantKindCode>> = {
  CITIZEN: 1,
  BUSINESS: 2,
  AGENCY: 3,
  ORGANIZATION: 4,
};
export function fromNationalApplicantKind(code: number): ApplicantKind | null {
  const entry = Object.entries(NATIONAL_APPLICANT_KIND).find(([, v]) => v === code);
  return entry ? (entry[0] as ApplicantKind) : null;
}

/**
 * Trạng thái hồ sơ (TrangThaiHoSo). The hub computes it with
 * `nationalStatusCode()` in src/domain/dossier-machine.ts.
 */
export type NationalStatusCode = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;
export const NATIONAL_STATUS_NAMES: Readonly<Record<NationalStatusCode, string>> = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};
export const isNationalStatusCode = (n: unknown): n is NationalStatusCode =>
  typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 10;

/**
 * Mức độ (MucDo) in the national catalogue. Chosen encoding: the numbers of the old levels,
 * which ND 42/2022 maps onto the new names — 4 = toàn trình (FULL_ONLINE),
 * 3 = một phần (PARTIAL_ONLINE), 2 = not online, information only (NOT_ONLINE).
 */
export type OnlineServiceLevel = 'FULL_ONLINE' | 'PARTIAL_ONLINE' | 'NOT_ONLINE';
export type NationalServiceLevelCode = 2 | 3 | 4;
export const NATIONAL_SERVICE_LEVEL: Readonly<Record<OnlineServiceLevel, NationalServiceLevelCode>> = {
  FULL_ONLINE: 4,
  PARTIAL_ONLINE: 3,
  NOT_ONLINE: 2,
};
export function fromNationalServiceLevel(code: number): OnlineServiceLevel | null {
  return code === 4 ? 'FULL_ONLINE' : code === 3 ? 'PARTIAL_ONLINE' : code === 2 ? 'NOT_ONLINE' : null;
}

/**
 * Cấp thực hiện (CapThucHien). Chosen encoding: 1 trung ương (ministries; no hub level),
 * 2 cấp tỉnh, 3 cấp huyện, 4 cấp xã.
 */
export type AdministrativeLevel = 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
export type NationalLevelCode = 1 | 2 | 3 | 4;
export const NATIONAL_LEVEL: Readonly<Record<AdministrativeLevel, NationalLevelCode>> = { PROVINCE: 2, DISTRICT: 3, COMMUNE: 4 };
export function fromNationalLevel(code: number): AdministrativeLevel | null {
  return code === 2 ? 'PROVINCE' : code === 3 ? 'DISTRICT' : code === 4 ? 'COMMUNE' : null;
}

/** Loại phí/lệ phí: 1 phí (FEE), 2 lệ phí (CHARGE). */
export type FeeKind = 'FEE' | 'CHARGE';
export type NationalFeeKindCode = 1 | 2;
export const NATIONAL_FEE_KIND: Readonly<Record<FeeKind, NationalFeeKindCode>> = { FEE: 1, CHARGE: 2 };
export const fromNationalFeeKind = (code: number): FeeKind | null => (code === 1 ? 'FEE' : code === 2 ? 'CHARGE' : null);

/** Giới tính in the population database: 1 nam, 2 nữ, 0 chưa có thông tin. */
export type Gender = 'MALE' | 'FEMALE' | 'UNKNOWN';
export type NationalGenderCode = 0 | 1 | 2;
export const fromNationalGender = (code: number): Gender => (code === 1 ? 'MALE' : code === 2 ? 'FEMALE' : 'UNKNOWN');
export const toNationalGender = (g: Gender): NationalGenderCode => (g === 'MALE' ? 1 : g === 'FEMALE' ? 2 : 0);

/**
 * PAKN status (TrangThai of a feedback record). Chosen encoding, in the order of the
 * hub's FeedbackStatus: 1 mới tiếp nhận, 2 đã chuyển xử lý, 3 đang xử lý, 4 yêu cầu bổ
 * sung, 5 đã trả lời, 6 đã công khai, 7 từ chối tiếp nhận.
 */
export type FeedbackStatus = 'RECEIVED' | 'FORWARDED' | 'PROCESSING' | 'SUPPLEMENT_REQUESTED' | 'ANSWERED' | 'PUBLISHED' | 'REJECTED';
export type NationalFeedbackStatusCode = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const NATIONAL_FEEDBACK_STATUS: Readonly<Record<FeedbackStatus, NationalFeedbackStatusCode>> = {
  RECEIVED: 1,
  FORWARDED: 2,
  PROCESSING: 3,
  SUPPLEMENT_REQUESTED: 4,
  ANSWERED: 5,
  PUBLISHED: 6,
  REJECTED: 7,
};
export function fromNationalFeedbackStatus(code: number): FeedbackStatus | null {
  const entry = Object.entries(NATIONAL_FEEDBACK_STATUS).find(([, v]) => v === code);
  return entry ? (entry[0] as FeedbackStatus) : null;
}

// ------------------------------------------------------------------ dossier sync

/** One submitted document (tài liệu nộp) of a dossier. */
export interface NationalSubmittedDocument {
  /** Code of the procedure's component (thành phần hồ sơ) it answers. */
  MaThanhPhanHoSo: string;
  TenTaiLieu: string;
  /** Where the file can be fetched, when it is stored electronically. */
  DuongDanTaiLieu?: string | null;
  /** 1 = digitised (số hóa). */
  DuocSoHoa?: Flag;
  /** 1 = an electronically certified copy (bản sao chứng thực điện tử). */
  LaBanSaoDienTu?: Flag;
  /** 1 = reused from the citizen's data store instead of being submitted again. */
  DuocTaiSuDung?: Flag;
}

/** One fee line (phí, lệ phí) of a dossier. */
export interface NationalFeeLine {
  LoaiPhiLePhi: NationalFeeKindCode;
  TenPhiLePhi: string;
  /** VND, integer. */
  SoTien: number;
  DaThanhToan?: Flag;
  /** 1 trực tiếp (counter), 2 trực tuyến (online payment platform). */
  HinhThucThanhToan?: 1 | 2;
}

/** The dossier record sent (create-or-update, keyed by MaHoSo) to the national portal. */
export interface NationalDossierRecord {
  /** Dossier code, e.g. 000.00.15.H22-261123-0007. */
  MaHoSo: string;
  /** Procedure code (mã TTHC). */
  MaTTHC: string;
  TenTTHC: string;
  /** Sector code (lĩnh vực). */
  MaLinhVuc: string;
  KenhThucHien: NationalChannelCode;
  /** Applicant's full name. */
  ChuHoSo: string;
  /** Applicant's identity document number (12-digit personal identification number …). */
  SoGiayToChuHoSo: string;
  LoaiDoiTuong: NationalApplicantKindCode;
  NgayNopHoSo: NationalDate;
  NgayTiepNhan: NationalDate | null;
  NgayHenTra: NationalDate | null;
  TrangThaiHoSo: NationalStatusCode;
  NgayKetThucXuLy: NationalDate | null;
  NgayTra: NationalDate | null;
  /** Code of the processing agency (mã định danh đơn vị), e.g. 000.00.15.H22. */
  DonViXuLy: string;
  TaiLieuNop: NationalSubmittedDocument[];
  DanhSachLePhi: NationalFeeLine[];
  /** 1 = the fees were paid through the online payment platform. */
  DuocThanhToanTrucTuyen: Flag;
  /** 1 = submitted from an account authenticated with VNeID. */
  TaiKhoanDuocXacThucVoiVNeID: Flag;
}

/** One processing-progress line (tiến độ xử lý) of a dossier. */
export interface NationalProgressLine {
  MaHoSo: string;
  /** Who acted (name or account). */
  NguoiXuLy: string;
  /** Their title / role, e.g. "Chuyên viên". */
  ChucDanh: string;
  ThoiDiemXuLy: NationalDate;
  /** Department or agency that acted. */
  PhongBanXuLy: string;
  /** What was done, in words. */
  NoiDungXuLy: string;
  /** Dossier status after this step. */
  TrangThai: NationalStatusCode;
}

/** A citizen's feedback (phản ánh, kiến nghị — PAKN) forwarded to the national portal. */
export interface NationalFeedbackRecord {
  /** PAKN.YYYYMMDD.NNNN */
  MaPAKN: string;
  TieuDe: string;
  NoiDung: string;
  HoTenNguoiGui: string;
  SoDienThoai?: string | null;
  Email?: string | null;
  SoDinhDanh?: string | null;
  NgayGui: NationalDate;
  /** Agency the feedback is about / was forwarded to. */
  DonViTiepNhan?: string | null;
  MaTTHC?: string | null;
  MaHoSo?: string | null;
  TrangThai: NationalFeedbackStatusCode;
  /** Deadline of the current stage. */
  HanXuLy?: NationalDate | null;
  NoiDungTraLoi?: string | null;
  NgayTraLoi?: NationalDate | null;
  /** 1 = may be published. */
  CongKhai: Flag;
}

/** A procedure as the national catalogue (Cơ sở dữ liệu quốc gia về TTHC) lists it. */
export interface NationalProcedure {
  MaTTHC: string;
  TenTTHC: string;
  MaLinhVuc: string;
  TenLinhVuc: string;
  /** Levels that carry it out (see NATIONAL_LEVEL). */
  CapThucHien: NationalLevelCode[];
  /** 4 toàn trình, 3 một phần, 2 not online (see NATIONAL_SERVICE_LEVEL). */
  MucDo: NationalServiceLevelCode;
  /** Time allowed, in working days (0.5 = four working hours). */
  ThoiHanGiaiQuyet: number;
  KenhThucHien: NationalChannelCode[];
  PhiLePhi: { LoaiPhiLePhi: NationalFeeKindCode; SoTien: number; MoTa?: string | null }[];
  ThanhPhanHoSo: { MaThanhPhan: string; TenThanhPhan: string; BatBuoc: Flag; SoBan?: number | null; MauDon?: string | null }[];
  CoQuanThucHien: { MaCoQuan: string; TenCoQuan: string }[];
  DoiTuongThucHien: string[];
  TrinhTuThucHien: string[];
  KetQuaThucHien: string;
  YeuCauDieuKien?: string | null;
  CanCuPhapLy: { SoKyHieu: string; TrichYeu: string; NgayBanHanh?: NationalDay | null }[];
  DiaChiTiepNhan?: string | null;
  /** Publication date of the announcing decision. */
  NgayCongBo?: NationalDay | null;
}

/** The reply of every national-portal write: success when error_code is "0". */
export interface NationalReply {
  error_code: string;
  message: string;
}

// ------------------------------------------------------------------ validation
// Used by the simulator to refuse malformed data, and usable by the hub before sending.

type Problems = string[];

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const nonEmpty = (x: unknown) => typeof x === 'string' && x.trim() !== '';
const oneOf = (x: unknown, values: readonly number[]) => typeof x === 'number' && values.includes(x);
const flag = (x: unknown) => x === 0 || x === 1;
const dateOrNull = (x: unknown) => x === null || x === undefined || isNationalDate(x);

function requireStrings(x: Record<string, unknown>, fields: readonly string[], out: Problems) {
  for (const f of fields) if (!nonEmpty(x[f])) out.push(`${f} is required`);
}

/** Problems of a dossier record, [] when it is valid. */
export function validateNationalDossierRecord(x: unknown): Problems {
  if (!isObj(x)) return ['body must be a JSON object'];
  const out: Problems = [];
  requireStrings(x, ['MaHoSo', 'MaTTHC', 'TenTTHC', 'MaLinhVuc', 'ChuHoSo', 'SoGiayToChuHoSo', 'DonViXuLy'], out);
  if (!oneOf(x.KenhThucHien, [1, 2, 3])) out.push('KenhThucHien must be 1, 2 or 3');
  if (!oneOf(x.LoaiDoiTuong, [1, 2, 3, 4])) out.push('LoaiDoiTuong must be 1–4');
  if (!isNationalStatusCode(x.TrangThaiHoSo)) out.push('TrangThaiHoSo must be 1–10');
  if (!isNationalDate(x.NgayNopHoSo)) out.push('NgayNopHoSo must be yyyyMMddHHmmss');
  for (const f of ['NgayTiepNhan', 'NgayHenTra', 'NgayKetThucXuLy', 'NgayTra']) {
    if (!dateOrNull(x[f])) out.push(`${f} must be yyyyMMddHHmmss or null`);
  }
  if (!Array.isArray(x.TaiLieuNop)) out.push('TaiLieuNop must be an array');
  else
    x.TaiLieuNop.forEach((d, i) => {
      if (!isObj(d) || !nonEmpty(d.MaThanhPhanHoSo) || !nonEmpty(d.TenTaiLieu)) {
        out.push(`TaiLieuNop[${i}] needs MaThanhPhanHoSo and TenTaiLieu`);
      }
    });
  if (!Array.isArray(x.DanhSachLePhi)) out.push('DanhSachLePhi must be an array');
  else
    x.DanhSachLePhi.forEach((f, i) => {
      if (!isObj(f) || !oneOf(f.LoaiPhiLePhi, [1, 2]) || !nonEmpty(f.TenPhiLePhi) || !isVndAmount(f.SoTien)) {
        out.push(`DanhSachLePhi[${i}] needs LoaiPhiLePhi 1|2, TenPhiLePhi and an integer SoTien ≥ 0`);
      }
    });
  if (!flag(x.DuocThanhToanTrucTuyen)) out.push('DuocThanhToanTrucTuyen must be 0 or 1');
  if (!flag(x.TaiKhoanDuocXacThucVoiVNeID)) out.push('TaiKhoanDuocXacThucVoiVNeID must be 0 or 1');
  return out;
}

/** Problems of a progress line, [] when it is valid. */
export function validateNationalProgressLine(x: unknown): Problems {
  if (!isObj(x)) return ['body must be a JSON object'];
  const out: Problems = [];
  requireStrings(x, ['MaHoSo', 'NguoiXuLy', 'NoiDungXuLy'], out);
  for (const f of ['ChucDanh', 'PhongBanXuLy']) if (typeof x[f] !== 'string') out.push(`${f} must be a string`);
  if (!isNationalDate(x.ThoiDiemXuLy)) out.push('ThoiDiemXuLy must be yyyyMMddHHmmss');
  if (!isNationalStatusCode(x.TrangThai)) out.push('TrangThai must be 1–10');
  return out;
}

/** Problems of a PAKN record, [] when it is valid. */
export function validateNationalFeedbackRecord(x: unknown): Problems {
  if (!isObj(x)) return ['body must be a JSON object'];
  const out: Problems = [];
  requireStrings(x, ['MaPAKN', 'TieuDe', 'NoiDung', 'HoTenNguoiGui'], out);
  if (nonEmpty(x.MaPAKN) && !/^PAKN\.\d{8}\.\d{4,}$/.test(x.MaPAKN as string)) out.push('MaPAKN must look like PAKN.YYYYMMDD.NNNN');
  if (!isNationalDate(x.NgayGui)) out.push('NgayGui must be yyyyMMddHHmmss');
  if (!oneOf(x.TrangThai, [1, 2, 3, 4, 5, 6, 7])) out.push('TrangThai must be 1–7');
  for (const f of ['HanXuLy', 'NgayTraLoi']) if (!dateOrNull(x[f])) out.push(`${f} must be yyyyMMddHHmmss or null`);
  if (!flag(x.CongKhai)) out.push('CongKhai must be 0 or 1');
  return out;
}

export const isVndAmount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

// ------------------------------------------------------------------ names

/**
 * A Vietnamese name in comparable form: Unicode NFC (so precomposed and combining
 * diacritics compare equal), trimmed, inner whitespace collapsed, lower case. Diacritics
 * are kept: "Nguyễn Văn An" and "Nguyen Van An" are different names.
 */
export function normalizeVietnameseName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

/** Same person's name? Diacritic-sensitive, case- and whitespace-insensitive. */
export function sameVietnameseName(a: string, b: string): boolean {
  return normalizeVietnameseName(a) === normalizeVietnameseName(b);
}
