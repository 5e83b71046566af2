/**
 * Payment-platform messages (nền tảng thanh toán trực tuyến) and their checksum (MaXacThuc).
 * Pure: no I/O.
 *
 * MaXacThuc = lower-case hex SHA-256 of the UTF-8 bytes of the message's fields, in a fixed
 * order, joined with "|", followed by "|" and the shared secret (PAYMENT_SECRET):
 *
 *   INIT   (hub → platform)   LoaiBanTin|MaDoiTac|MaThamChieu|SoTien|MaTienTe|ThoiGianGD|ThongTinGiaoDich|UrlTraVe|secret
 *   QUERY  (hub → platform)   LoaiBanTin|MaDoiTac|MaThamChieu|ThoiGianGD|secret
 *   IPN    (platform → hub)   LoaiBanTin|MaLoi|MaDoiTac|MaThamChieu|SoTien|MaTienTe|MaGiaoDich|MaNganHang|ThoiGianGD|ThongTinGiaoDich|secret
 *   QUERY reply (platform → hub): the IPN order, with LoaiBanTin "QUERY".
 *
 * Field text: strings as they are; numbers (SoTien, VND integers) in plain decimal
 * ("150000"); a missing optional field (UrlTraVe) as the empty string. A "|" inside a
 * value would make the joined text ambiguous, so senders must not put one there (the
 * payment client replaces it in ThongTinGiaoDich).
 *
 * Result codes (MaLoi) used by the platform and its simulator:
 *   00 success / paid · 01 pending (not paid yet) · 02 bad checksum · 03 invalid data ·
 *   04 transaction not found · 05 unknown partner (MaDoiTac) · 06 reference already used
 *   with other data · 07 payment failed or cancelled · 99 platform error.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NationalDate } from './national-formats';

export const PAYMENT_CODES = {
  SUCCESS: '00',
  PENDING: '01',
  BAD_CHECKSUM: '02',
  INVALID_DATA: '03',
  NOT_FOUND: '04',
  UNKNOWN_PARTNER: '05',
  DUPLICATE_REFERENCE: '06',
  FAILED: '07',
  PLATFORM_ERROR: '99',
} as const;

export const INIT_FIELDS = ['LoaiBanTin', 'MaDoiTac', 'MaThamChieu', 'SoTien', 'MaTienTe', 'ThoiGianGD', 'ThongTinGiaoDich', 'UrlTraVe'] as const;
export const QUERY_FIELDS = ['LoaiBanTin', 'MaDoiTac', 'MaThamChieu', 'ThoiGianGD'] as const;
export const IPN_FIELDS = [
  'LoaiBanTin',
  'MaLoi',
  'MaDoiTac',
  'MaThamChieu',
  'SoTien',
  'MaTienTe',
  'MaGiaoDich',
  'MaNganHang',
  'ThoiGianGD',
  'ThongTinGiaoDich',
] as const;

/** INIT: ask the platform for a payment page. */
export interface PaymentInitRequest {
  LoaiBanTin: 'INIT';
  MaDoiTac: string;
  /** The hub's payment reference (unique per payment). */
  MaThamChieu: string;
  /** VND, integer. */
  SoTien: number;
  MaTienTe: 'VND';
  ThoiGianGD: NationalDate;
  ThongTinGiaoDich: string;
  /** Where the payer's browser returns after paying (optional). */
  UrlTraVe?: string;
  MaXacThuc: string;
}

export interface PaymentInitReply {
  MaLoi: string;
  MoTaLoi: string;
  MaThamChieu?: string;
  UrlThanhToan?: string;
  /** The platform's own id of the payment order. */
  MaDonHang?: string;
}

/** QUERY: ask the state of a transaction (reconciliation). */
export interface PaymentQueryRequest {
  LoaiBanTin: 'QUERY';
  MaDoiTac: string;
  MaThamChieu: string;
  ThoiGianGD: NationalDate;
  MaXacThuc: string;
}

/** IPN (platform → hub) and the reply to a QUERY: the outcome of a transaction. */
export interface PaymentResultMessage {
  LoaiBanTin: 'IPN' | 'QUERY';
  /** 00 paid, 07 failed; in a QUERY reply also 01 pending, 04 not found. */
  MaLoi: string;
  MoTaLoi?: string;
  MaDoiTac: string;
  MaThamChieu: string;
  SoTien: number;
  MaTienTe: string;
  /** The platform's transaction id; "" when there is none yet. */
  MaGiaoDich: string;
  /** Bank / wallet used; "" when there is none yet. */
  MaNganHang: string;
  ThoiGianGD: NationalDate;
  ThongTinGiaoDich: string;
  MaXacThuc: string;
}

/** What the hub answers to an IPN. */
export interface IpnAck {
  MaLoi: string;
  MoTaLoi: string;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Field text as it enters the checksum. */
function fieldText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError(`checksum field is not a finite number: ${v}`);
    return Number.isInteger(v) ? v.toFixed(0) : String(v);
  }
  return String(v);
}

/** Checksum of `msg`'s `fields` in that order, plus the secret. */
export function checksumOf(msg: Record<string, unknown>, fields: readonly string[], secret: string): string {
  return sha256Hex([...fields.map((f) => fieldText(msg[f])), secret].join('|'));
}

export const initChecksum = (msg: Omit<PaymentInitRequest, 'MaXacThuc'> | Record<string, unknown>, secret: string) =>
  checksumOf(msg as Record<string, unknown>, INIT_FIELDS, secret);
export const queryChecksum = (msg: Omit<PaymentQueryRequest, 'MaXacThuc'> | Record<string, unknown>, secret: string) =>
  checksumOf(msg as Record<string, unknown>, QUERY_FIELDS, secret);
/** For IPN messages and QUERY replies. */
export const resultChecksum = (msg: Omit<PaymentResultMessage, 'MaXacThuc'> | Record<string, unknown>, secret: string) =>
  checksumOf(msg as Record<string, unknown>, IPN_FIELDS, secret);

/** Constant-time comparison of a received MaXacThuc with the expected one. */
export function checksumMatches(expectedHex: string, received: unknown): boolean {
  if (typeof received !== 'string' || !/^[0-9a-fA-F]{64}$/.test(received)) return false;
  const a = Buffer.from(expectedHex.toLowerCase(), 'utf8');
  const b = Buffer.from(received.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

const verifyWith =
  (fields: readonly string[]) =>
  (msg: unknown, secret: string): boolean => {
    if (typeof msg !== 'object' || msg === null) return false;
    const m = msg as Record<string, unknown>;
    let expected: string;
    try {
      expected = checksumOf(m, fields, secret);
    } catch {
      return false;
    }
    return checksumMatches(expected, m.MaXacThuc);
  };

/** Is this INIT message's MaXacThuc right? */
export const verifyInitChecksum = verifyWith(INIT_FIELDS);
/** Is this QUERY message's MaXacThuc right? */
export const verifyQueryChecksum = verifyWith(QUERY_FIELDS);
/** Is this IPN message's (or QUERY reply's) MaXacThuc right? */
export const verifyResultChecksum = verifyWith(IPN_FIELDS);
