/**
 * Client of the national online payment platform (nền tảng thanh toán trực tuyến).
 *
 * Wire API (also served by ./simulators/payment.ts); message fields and checksums are in
 * ./payment-checksum.ts:
 *   POST /api/thanhtoan/init   PaymentInitRequest  → PaymentInitReply (MaLoi "00" + UrlThanhToan)
 *   POST /api/thanhtoan/query  PaymentQueryRequest → PaymentResultMessage (signed) for MaLoi
 *        00 paid · 01 pending · 07 failed · 04 not found; other MaLoi: { MaLoi, MoTaLoi }.
 *   IPN: the platform POSTs a signed PaymentResultMessage (LoaiBanTin "IPN") to the hub's
 *        IPN URL and expects an IpnAck ({ MaLoi: "00", … } when taken).
 *
 * INIT is safe to retry: the platform treats a second INIT with the same MaThamChieu and
 * the same data as the same order (same UrlThanhToan).
 */
import { ResilientJsonClient, type BreakerState, type ResilienceOptions } from './resilience';
import { fromNationalDate, isNationalDate, isVndAmount, toNationalDate } from './national-formats';
import {
  PAYMENT_CODES,
  initChecksum,
  queryChecksum,
  verifyResultChecksum,
  type IpnAck,
  type PaymentInitReply,
  type PaymentInitRequest,
  type PaymentQueryRequest,
  type PaymentResultMessage,
} from './payment-checksum';
import { UpstreamError } from './upstream-error';

export const PAYMENT_PATHS = { init: '/api/thanhtoan/init', query: '/api/thanhtoan/query' } as const;
export const PAYMENT_SYSTEM = 'payment';
export const PAYMENT_CURRENCY = 'VND';

export interface PaymentInitInput {
  /** MaThamChieu: the hub's unique reference for this payment. */
  reference: string;
  /** VND, integer > 0. */
  amount: number;
  /** ThongTinGiaoDich, shown to the payer ("|" is replaced: it would break the checksum). */
  description: string;
  /** ThoiGianGD. */
  at: Date;
  /** UrlTraVe: where the payer's browser goes back to. */
  returnUrl?: string;
}

export interface PaymentInitResult {
  /** UrlThanhToan: send the payer there. */
  paymentUrl: string;
  /** MaDonHang: the platform's id of the order, when it gives one. */
  platformRef?: string;
}

export type PaymentState = 'PAID' | 'FAILED' | 'PENDING' | 'NOT_FOUND';

export interface PaymentQueryResult {
  state: PaymentState;
  reference: string;
  /** MaLoi as sent. */
  resultCode: string;
  /** MaGiaoDich, once the payer has paid (or tried). */
  transactionId?: string;
  amount?: number;
  bankCode?: string;
  /** ThoiGianGD of the transaction. */
  at?: Date;
  description?: string;
}

/** A verified IPN. */
export interface IpnMessage {
  /** MaLoi: "00" = paid, anything else = not paid. */
  resultCode: string;
  paid: boolean;
  partnerCode: string;
  reference: string;
  amount: number;
  currency: string;
  transactionId: string;
  bankCode: string;
  at: Date;
  description: string;
  /** The message as received (for the audit log). */
  raw: PaymentResultMessage;
}

export type IpnRejection = 'NOT_AN_IPN' | 'MALFORMED' | 'UNKNOWN_PARTNER' | 'BAD_CHECKSUM' | 'WRONG_CURRENCY';
export type IpnParseResult = { ok: true; ipn: IpnMessage } | { ok: false; reason: IpnRejection; message: string };

export interface PaymentPlatform {
  /** INIT: create the payment order; the payer is then sent to paymentUrl. */
  init(input: PaymentInitInput): Promise<PaymentInitResult>;
  /** QUERY: the transaction's state as the platform knows it (reconciliation). */
  query(reference: string): Promise<PaymentQueryResult>;
  /** A verified IPN, or null when the body is not a genuine IPN for this partner. */
  verifyIpn(body: unknown): IpnMessage | null;
  /** Like verifyIpn, with the reason for refusing. */
  parseIpn(body: unknown): IpnParseResult;
  breakerState(): BreakerState;
}

export interface PaymentPlatformOptions extends Omit<ResilienceOptions, 'name'> {
  /** MaDoiTac (PAYMENT_PARTNER_CODE). */
  partnerCode: string;
  /** Checksum secret (PAYMENT_SECRET). */
  secret: string;
  /** Clock for ThoiGianGD of QUERY messages. */
  now?: () => Date;
}

/** What the hub should answer to an IPN (the platform redelivers until it gets MaLoi "00"). */
export function ipnAck(accepted: boolean, message?: string): IpnAck {
  return accepted
    ? { MaLoi: PAYMENT_CODES.SUCCESS, MoTaLoi: message ?? 'Đã ghi nhận kết quả thanh toán' }
    : { MaLoi: PAYMENT_CODES.BAD_CHECKSUM, MoTaLoi: message ?? 'Bản tin không hợp lệ' };
}

export class HttpPaymentPlatform implements PaymentPlatform {
  readonly http: ResilientJsonClient;
  private readonly partnerCode: string;
  private readonly secret: string;
  private readonly now: () => Date;

  constructor(opts: PaymentPlatformOptions) {
    const { partnerCode, secret, now, ...rest } = opts;
    if (!partnerCode) throw new Error('payment: partnerCode (PAYMENT_PARTNER_CODE) is required');
    if (!secret) throw new Error('payment: secret (PAYMENT_SECRET) is required');
    this.http = new ResilientJsonClient({ ...rest, name: PAYMENT_SYSTEM });
    this.partnerCode = partnerCode;
    this.secret = secret;
    this.now = now ?? (() => new Date());
  }

  breakerState(): BreakerState {
    return this.http.state();
  }

  async init(input: PaymentInitInput): Promise<PaymentInitResult> {
    if (!input.reference || input.reference.includes('|')) throw new RangeError('payment reference must be non-empty, without "|"');
    if (!isVndAmount(input.amount) || input.amount === 0) throw new RangeError('payment amount must be a positive integer (VND)');
    if (input.returnUrl?.includes('|')) throw new RangeError('returnUrl must not contain "|"');
    const unsigned: Omit<PaymentInitRequest, 'MaXacThuc'> = {
      LoaiBanTin: 'INIT',
      MaDoiTac: this.partnerCode,
      MaThamChieu: input.reference,
      SoTien: input.amount,
      MaTienTe: PAYMENT_CURRENCY,
      ThoiGianGD: toNationalDate(input.at),
      ThongTinGiaoDich: input.description.replaceAll('|', '/'),
      ...(input.returnUrl ? { UrlTraVe: input.returnUrl } : {}),
    };
    const msg: PaymentInitRequest = { ...unsigned, MaXacThuc: initChecksum(unsigned, this.secret) };
    const { body } = await this.http.post<PaymentInitReply>(PAYMENT_PATHS.init, msg, {
      check: (b) => {
        const r = expectReply(b);
        if (r.MaLoi !== PAYMENT_CODES.SUCCESS) throw refused('INIT', r);
        if (typeof r.UrlThanhToan !== 'string' || !/^https?:\/\//.test(r.UrlThanhToan)) {
          throw badReply('INIT reply without a usable UrlThanhToan');
        }
      },
    });
    return { paymentUrl: body.UrlThanhToan!, ...(body.MaDonHang ? { platformRef: body.MaDonHang } : {}) };
  }

  async query(reference: string): Promise<PaymentQueryResult> {
    const unsigned: Omit<PaymentQueryRequest, 'MaXacThuc'> = {
      LoaiBanTin: 'QUERY',
      MaDoiTac: this.partnerCode,
      MaThamChieu: reference,
      ThoiGianGD: toNationalDate(this.now()),
    };
    const msg: PaymentQueryRequest = { ...unsigned, MaXacThuc: queryChecksum(unsigned, this.secret) };
    const { body } = await this.http.post<PaymentResultMessage>(PAYMENT_PATHS.query, msg, {
      check: (b) => {
        const r = expectReply(b);
        const known: string[] = [PAYMENT_CODES.SUCCESS, PAYMENT_CODES.PENDING, PAYMENT_CODES.FAILED, PAYMENT_CODES.NOT_FOUND];
        if (!known.includes(r.MaLoi)) throw refused('QUERY', r);
        // A state answer must be signed by the platform and be about what we asked.
        if (!verifyResultChecksum(b, this.secret)) throw badReply('QUERY reply with a wrong MaXacThuc', false);
        if ((b as PaymentResultMessage).MaThamChieu !== reference) throw badReply('QUERY reply about another reference', false);
        if (r.MaLoi === PAYMENT_CODES.SUCCESS && (b as PaymentResultMessage).MaTienTe !== PAYMENT_CURRENCY) {
          throw badReply(`QUERY reply paid in ${JSON.stringify((b as PaymentResultMessage).MaTienTe)}, not ${PAYMENT_CURRENCY}`, false);
        }
      },
    });
    const state: PaymentState =
      body.MaLoi === PAYMENT_CODES.SUCCESS
        ? 'PAID'
        : body.MaLoi === PAYMENT_CODES.PENDING
          ? 'PENDING'
          : body.MaLoi === PAYMENT_CODES.FAILED
            ? 'FAILED'
            : 'NOT_FOUND';
    const result: PaymentQueryResult = { state, reference, resultCode: body.MaLoi };
    if (state === 'NOT_FOUND') return result;
    if (body.MaGiaoDich) result.transactionId = body.MaGiaoDich;
    if (isVndAmount(body.SoTien)) result.amount = body.SoTien;
    if (body.MaNganHang) result.bankCode = body.MaNganHang;
    if (isNationalDate(body.ThoiGianGD)) result.at = fromNationalDate(body.ThoiGianGD);
    if (body.ThongTinGiaoDich) result.description = body.ThongTinGiaoDich;
    return result;
  }

  verifyIpn(body: unknown): IpnMessage | null {
    const r = this.parseIpn(body);
    return r.ok ? r.ipn : null;
  }

  parseIpn(body: unknown): IpnParseResult {
    if (!body || typeof body !== 'object') return { ok: false, reason: 'MALFORMED', message: 'IPN body is not a JSON object' };
    const m = body as Record<string, unknown>;
    if (m.LoaiBanTin !== 'IPN') return { ok: false, reason: 'NOT_AN_IPN', message: `LoaiBanTin is ${JSON.stringify(m.LoaiBanTin)}` };
    // Amounts may arrive as a digit string; the checksum uses the same decimal text either way.
    const amount = typeof m.SoTien === 'string' && /^\d+$/.test(m.SoTien) ? Number(m.SoTien) : m.SoTien;
    const strings = ['MaLoi', 'MaDoiTac', 'MaThamChieu', 'MaTienTe', 'MaGiaoDich', 'MaNganHang', 'ThoiGianGD', 'ThongTinGiaoDich', 'MaXacThuc'];
    const missing = strings.filter((f) => typeof m[f] !== 'string');
    if (missing.length || !isVndAmount(amount) || !isNationalDate(m.ThoiGianGD)) {
      return { ok: false, reason: 'MALFORMED', message: `IPN fields missing or malformed: ${[...missing, ...(isVndAmount(amount) ? [] : ['SoTien'])].join(', ') || 'ThoiGianGD'}` };
    }
    if (m.MaDoiTac !== this.partnerCode) return { ok: false, reason: 'UNKNOWN_PARTNER', message: `IPN for partner ${String(m.MaDoiTac)}` };
    if (!verifyResultChecksum(m, this.secret)) return { ok: false, reason: 'BAD_CHECKSUM', message: 'IPN MaXacThuc does not match' };
    // Payments are in VND only: an amount in anything else is not what was asked, however it matches.
    if (m.MaTienTe !== PAYMENT_CURRENCY) return { ok: false, reason: 'WRONG_CURRENCY', message: `IPN in ${JSON.stringify(m.MaTienTe)}, not ${PAYMENT_CURRENCY}` };
    const raw = { ...m, SoTien: amount } as unknown as PaymentResultMessage;
    return {
      ok: true,
      ipn: {
        resultCode: raw.MaLoi,
        paid: raw.MaLoi === PAYMENT_CODES.SUCCESS,
        partnerCode: raw.MaDoiTac,
        reference: raw.MaThamChieu,
        amount: raw.SoTien,
        currency: raw.MaTienTe,
        transactionId: raw.MaGiaoDich,
        bankCode: raw.MaNganHang,
        at: fromNationalDate(raw.ThoiGianGD),
        description: raw.ThongTinGiaoDich,
        raw,
      },
    };
  }
}

function expectReply(b: unknown): { MaLoi: string; MoTaLoi?: string } & Record<string, unknown> {
  if (!b || typeof b !== 'object' || typeof (b as { MaLoi?: unknown }).MaLoi !== 'string') throw badReply('reply without MaLoi');
  return b as { MaLoi: string; MoTaLoi?: string };
}

function refused(what: string, r: { MaLoi: string; MoTaLoi?: string }): UpstreamError {
  return new UpstreamError(`payment platform refused ${what} (MaLoi ${r.MaLoi}): ${r.MoTaLoi ?? ''}`.trim(), {
    system: PAYMENT_SYSTEM,
    // 99 is the platform's own trouble: worth another try.
    reason: r.MaLoi === PAYMENT_CODES.PLATFORM_ERROR ? 'http-server' : 'rejected',
    retryable: r.MaLoi === PAYMENT_CODES.PLATFORM_ERROR,
    upstreamCode: r.MaLoi,
  });
}

function badReply(message: string, retryable = true): UpstreamError {
  return new UpstreamError(`payment: ${message}`, { system: PAYMENT_SYSTEM, reason: 'bad-response', retryable });
}
