/**
 * Online payment platform simulator (nền tảng thanh toán trực tuyến).
 *
 * API (see ../payment-platform.ts and ../payment-checksum.ts; business answers are HTTP 200
 * with a MaLoi, malformed JSON is HTTP 400 with MaLoi "03"):
 *   POST /api/thanhtoan/init   PaymentInitRequest
 *        → { MaLoi: "00", MoTaLoi, MaThamChieu, UrlThanhToan: "<sim>/pay/<MaThamChieu>", MaDonHang }
 *        → { MaLoi: "02" } bad MaXacThuc · "03" invalid fields · "05" unknown MaDoiTac ·
 *          "06" MaThamChieu already used with another amount, or already paid/failed.
 *          The same INIT again (same reference and amount, still pending) answers the same URL.
 *   POST /api/thanhtoan/query  PaymentQueryRequest
 *        → signed PaymentResultMessage (LoaiBanTin "QUERY"), MaLoi 00 paid · 01 pending ·
 *          07 failed · 04 not found; or unsigned { MaLoi: "02" | "03" | "05", MoTaLoi }.
 *   GET  /pay/:reference       a small HTML payment page (for people trying the hub by hand)
 *   POST /pay/:reference       form outcome=paid|failed: as /_sim/pay, then back to UrlTraVe
 *
 * Control (besides /_sim/requests and /_sim/faults):
 *   POST /_sim/pay/:reference  { outcome: "paid"|"failed", deliverIpn?: true, tamper?: false }
 *        Settles the transaction (first outcome wins: a different outcome later → 409; the
 *        same one again re-sends the IPN, i.e. a redelivery) and POSTs the signed IPN to the
 *        IPN URL like the real platform. deliverIpn false settles without an IPN (an IPN
 *        "lost" on the way: the hub must find it by QUERY); tamper true sends a wrong
 *        MaXacThuc. Answers { reference, state, ipn, delivered, hubStatus?, hubBody?, error? }
 *        — hubStatus/hubBody being what the hub answered. 404 unknown reference; 409 no
 *        IPN URL configured.
 *   GET  /_sim/transactions, GET /_sim/transactions/:reference → SimTransaction(s)
 *   GET  /_sim/config → { partnerCode, ipnUrl }; PUT /_sim/config { ipnUrl } → the same
 */
import type { Request, Response } from 'express';
import { toNationalDate, isNationalDate, isVndAmount, type NationalDate } from '../national-formats';
import {
  PAYMENT_CODES,
  resultChecksum,
  sha256Hex,
  verifyInitChecksum,
  verifyQueryChecksum,
  type PaymentInitReply,
  type PaymentResultMessage,
} from '../payment-checksum';
import { PAYMENT_CURRENCY, PAYMENT_PATHS } from '../payment-platform';
import { SimServer, isObject, type SimulatorHandle, type SimulatorOptions } from './sim-server';

export interface PaymentSimulatorOptions extends SimulatorOptions {
  /** MaDoiTac accepted (PAYMENT_PARTNER_CODE). */
  partnerCode: string;
  /** Checksum secret (PAYMENT_SECRET). */
  secret: string;
  /** Where IPNs go (PAYMENT_IPN_URL); can be set later with setIpnUrl. */
  ipnUrl?: string;
  /** Clock for transaction times. */
  now?: () => Date;
}

export type SimTransactionState = 'PENDING' | 'PAID' | 'FAILED';

export interface IpnDelivery {
  at: string;
  message: PaymentResultMessage;
  /** HTTP status the hub answered; absent when the IPN could not be delivered. */
  hubStatus?: number;
  hubBody?: unknown;
  error?: string;
}

export interface SimTransaction {
  reference: string;
  orderId: string;
  amount: number;
  description: string;
  initAt: NationalDate;
  returnUrl: string | null;
  state: SimTransactionState;
  transactionId: string | null;
  bankCode: string | null;
  settledAt: NationalDate | null;
  ipnDeliveries: IpnDelivery[];
}

export interface PayResult {
  reference: string;
  state: SimTransactionState;
  ipn: PaymentResultMessage | null;
  delivered: boolean;
  hubStatus?: number;
  hubBody?: unknown;
  error?: string;
}

export interface PaymentSimulator extends SimulatorHandle {
  transactions(): SimTransaction[];
  transaction(reference: string): SimTransaction | undefined;
  /** As POST /_sim/pay/:reference. Throws when the reference is unknown or the outcome conflicts. */
  pay(reference: string, outcome: 'paid' | 'failed', opts?: { deliverIpn?: boolean; tamper?: boolean }): Promise<PayResult>;
  ipnUrl(): string | undefined;
  setIpnUrl(url: string | undefined): void;
}

const BANKS = ['VCB', 'BIDV', 'CTG', 'AGR', 'TCB', 'MB'];
const IPN_TIMEOUT_MS = 5000;

class PayError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startPaymentSimulator(opts: PaymentSimulatorOptions): Promise<PaymentSimulator> {
  const sim = new SimServer('payment', opts.log);
  const now = opts.now ?? (() => new Date());
  const txs = new Map<string, SimTransaction>();
  let ipnUrl = opts.ipnUrl;
  let orderSeq = 0;
  let txSeq = 0;
  let baseUrl = ''; // known once listening

  const answer = (res: Response, body: PaymentInitReply | PaymentResultMessage | { MaLoi: string; MoTaLoi: string }, status = 200) =>
    res.status(status).json(body);
  const refusal = (code: string, message: string) => ({ MaLoi: code, MoTaLoi: message });

  /** Common checks of INIT and QUERY; returns a refusal or null. */
  function check(b: unknown, type: 'INIT' | 'QUERY'): { MaLoi: string; MoTaLoi: string } | null {
    if (!isObject(b)) return refusal(PAYMENT_CODES.INVALID_DATA, 'Bản tin không phải JSON hợp lệ');
    const problems: string[] = [];
    if (b.LoaiBanTin !== type) problems.push(`LoaiBanTin must be ${type}`);
    for (const f of ['MaDoiTac', 'MaThamChieu', 'MaXacThuc']) if (typeof b[f] !== 'string' || b[f] === '') problems.push(`${f} is required`);
    if (!isNationalDate(b.ThoiGianGD)) problems.push('ThoiGianGD must be yyyyMMddHHmmss');
    if (type === 'INIT') {
      if (!isVndAmount(b.SoTien) || b.SoTien === 0) problems.push('SoTien must be a positive integer');
      if (b.MaTienTe !== PAYMENT_CURRENCY) problems.push('MaTienTe must be VND');
      if (typeof b.ThongTinGiaoDich !== 'string') problems.push('ThongTinGiaoDich is required');
      if (b.UrlTraVe !== undefined && typeof b.UrlTraVe !== 'string') problems.push('UrlTraVe must be a string');
    }
    if (problems.length) return refusal(PAYMENT_CODES.INVALID_DATA, `Dữ liệu không hợp lệ: ${problems.join('; ')}`);
    if (b.MaDoiTac !== opts.partnerCode) return refusal(PAYMENT_CODES.UNKNOWN_PARTNER, 'Mã đối tác không đúng');
    const good = type === 'INIT' ? verifyInitChecksum(b, opts.secret) : verifyQueryChecksum(b, opts.secret);
    if (!good) return refusal(PAYMENT_CODES.BAD_CHECKSUM, 'Sai mã xác thực (MaXacThuc)');
    return null;
  }

  /** The signed state message of a transaction (IPN or QUERY reply). */
  function resultMessage(type: 'IPN' | 'QUERY', t: SimTransaction): PaymentResultMessage {
    const code = t.state === 'PAID' ? PAYMENT_CODES.SUCCESS : t.state === 'FAILED' ? PAYMENT_CODES.FAILED : PAYMENT_CODES.PENDING;
    const unsigned = {
      LoaiBanTin: type,
      MaLoi: code,
      MoTaLoi: t.state === 'PAID' ? 'Giao dịch thành công' : t.state === 'FAILED' ? 'Giao dịch không thành công' : 'Giao dịch đang chờ thanh toán',
      MaDoiTac: opts.partnerCode,
      MaThamChieu: t.reference,
      SoTien: t.amount,
      MaTienTe: PAYMENT_CURRENCY,
      MaGiaoDich: t.transactionId ?? '',
      MaNganHang: t.bankCode ?? '',
      ThoiGianGD: t.settledAt ?? t.initAt,
      ThongTinGiaoDich: t.description,
    } as const;
    return { ...unsigned, MaXacThuc: resultChecksum(unsigned, opts.secret) };
  }

  function notFoundMessage(reference: string): PaymentResultMessage {
    const unsigned = {
      LoaiBanTin: 'QUERY' as const,
      MaLoi: PAYMENT_CODES.NOT_FOUND,
      MoTaLoi: 'Không tìm thấy giao dịch',
      MaDoiTac: opts.partnerCode,
      MaThamChieu: reference,
      SoTien: 0,
      MaTienTe: PAYMENT_CURRENCY,
      MaGiaoDich: '',
      MaNganHang: '',
      ThoiGianGD: toNationalDate(now()),
      ThongTinGiaoDich: '',
    };
    return { ...unsigned, MaXacThuc: resultChecksum(unsigned, opts.secret) };
  }

  // ---- API
  sim.api.post(PAYMENT_PATHS.init, (req, res) => {
    if (req.body === undefined) return answer(res, refusal(PAYMENT_CODES.INVALID_DATA, 'Bản tin không phải JSON hợp lệ'), 400);
    const problem = check(req.body, 'INIT');
    if (problem) return answer(res, problem);
    const b = req.body as Record<string, unknown>;
    const reference = b.MaThamChieu as string;
    const existing = txs.get(reference);
    if (existing) {
      if (existing.amount !== b.SoTien || existing.state !== 'PENDING') {
        return answer(res, refusal(PAYMENT_CODES.DUPLICATE_REFERENCE, 'Mã tham chiếu đã được sử dụng'));
      }
    } else {
      txs.set(reference, {
        reference,
        orderId: `DH${String(++orderSeq).padStart(8, '0')}`,
        amount: b.SoTien as number,
        description: b.ThongTinGiaoDich as string,
        initAt: b.ThoiGianGD as string,
        returnUrl: typeof b.UrlTraVe === 'string' && b.UrlTraVe !== '' ? b.UrlTraVe : null,
        state: 'PENDING',
        transactionId: null,
        bankCode: null,
        settledAt: null,
        ipnDeliveries: [],
      });
    }
    const t = txs.get(reference)!;
    answer(res, {
      MaLoi: PAYMENT_CODES.SUCCESS,
      MoTaLoi: 'Khởi tạo giao dịch thành công',
      MaThamChieu: reference,
      UrlThanhToan: `${baseUrl}/pay/${encodeURIComponent(reference)}`,
      MaDonHang: t.orderId,
    });
  });

  sim.api.post(PAYMENT_PATHS.query, (req, res) => {
    if (req.body === undefined) return answer(res, refusal(PAYMENT_CODES.INVALID_DATA, 'Bản tin không phải JSON hợp lệ'), 400);
    const problem = check(req.body, 'QUERY');
    if (problem) return answer(res, problem);
    const reference = (req.body as Record<string, unknown>).MaThamChieu as string;
    const t = txs.get(reference);
    answer(res, t ? resultMessage('QUERY', t) : notFoundMessage(reference));
  });

  // ---- settling a transaction and sending the IPN
  async function pay(reference: string, outcome: 'paid' | 'failed', o: { deliverIpn?: boolean; tamper?: boolean } = {}): Promise<PayResult> {
    const t = txs.get(reference);
    if (!t) throw new PayError(404, `Unknown reference ${reference}`);
    const target: SimTransactionState = outcome === 'paid' ? 'PAID' : 'FAILED';
    if (t.state !== 'PENDING' && t.state !== target) throw new PayError(409, `Transaction ${reference} is already ${t.state}`);
    const deliver = o.deliverIpn !== false;
    if (deliver && !ipnUrl) throw new PayError(409, 'No IPN URL configured (ipnUrl / PAYMENT_IPN_URL)');

    if (t.state === 'PENDING') {
      txSeq++;
      t.state = target;
      t.settledAt = toNationalDate(now());
      t.transactionId = `GD${t.settledAt}${String(txSeq).padStart(4, '0')}`;
      t.bankCode = BANKS[(txSeq - 1) % BANKS.length]!;
    }
    if (!deliver) return { reference, state: t.state, ipn: null, delivered: false };

    const message = resultMessage('IPN', t);
    if (o.tamper) message.MaXacThuc = sha256Hex(`tampered|${message.MaXacThuc}`);
    const delivery: IpnDelivery = { at: new Date().toISOString(), message };
    t.ipnDeliveries.push(delivery);
    try {
      const r = await fetch(ipnUrl!, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(IPN_TIMEOUT_MS),
      });
      const text = await r.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        /* keep the text */
      }
      delivery.hubStatus = r.status;
      delivery.hubBody = body;
      sim.log?.info({ reference, hubStatus: r.status }, 'payment simulator: IPN delivered');
      return { reference, state: t.state, ipn: message, delivered: true, hubStatus: r.status, hubBody: body };
    } catch (e) {
      delivery.error = (e as Error).message;
      sim.log?.warn({ reference, err: delivery.error }, 'payment simulator: IPN not delivered');
      return { reference, state: t.state, ipn: message, delivered: false, error: delivery.error };
    }
  }

  const payRoute = async (req: Request, res: Response, form: boolean) => {
    const reference = req.params.reference as string;
    const b = isObject(req.body) ? req.body : {};
    const outcome = b.outcome;
    if (outcome !== 'paid' && outcome !== 'failed') {
      res.status(400).json({ error: 'outcome must be "paid" or "failed"' });
      return;
    }
    const flag = (v: unknown, dflt: boolean) => (v === undefined ? dflt : v === true || v === 'true');
    try {
      const result = await pay(reference, outcome, { deliverIpn: flag(b.deliverIpn, true), tamper: flag(b.tamper, false) });
      if (!form) {
        res.json(result);
        return;
      }
      const t = txs.get(reference)!;
      if (t.returnUrl) {
        const back = new URL(t.returnUrl);
        back.searchParams.set('MaThamChieu', reference);
        back.searchParams.set('MaLoi', t.state === 'PAID' ? PAYMENT_CODES.SUCCESS : PAYMENT_CODES.FAILED);
        res.redirect(303, back.toString());
        return;
      }
      res.type('html').send(page('Kết quả thanh toán', `<p>Giao dịch <b>${esc(reference)}</b>: ${t.state === 'PAID' ? 'thành công' : 'không thành công'}.</p>`));
    } catch (e) {
      const status = e instanceof PayError ? e.status : 500;
      if (form) res.status(status).type('html').send(page('Lỗi', `<p>${esc((e as Error).message)}</p>`));
      else res.status(status).json({ error: (e as Error).message });
    }
  };

  sim.api.get('/pay/:reference', (req, res) => {
    const t = txs.get(req.params.reference as string);
    if (!t) {
      res.status(404).type('html').send(page('Không tìm thấy', '<p>Không tìm thấy giao dịch.</p>'));
      return;
    }
    const amount = t.amount.toLocaleString('vi-VN');
    const body =
      `<p>Mã tham chiếu: <b>${esc(t.reference)}</b></p><p>Nội dung: ${esc(t.description)}</p>` +
      `<p>Số tiền: <b>${amount} VND</b></p><p>Trạng thái: ${t.state}</p>` +
      (t.state === 'PENDING'
        ? `<form method="post"><button name="outcome" value="paid">Thanh toán</button> <button name="outcome" value="failed">Hủy giao dịch</button></form>`
        : '');
    res.type('html').send(page('Nền tảng thanh toán (mô phỏng)', body));
  });
  sim.api.post('/pay/:reference', (req, res) => payRoute(req, res, true));

  // ---- control
  sim.sim.post('/pay/:reference', (req, res) => payRoute(req, res, false));
  sim.sim.get('/transactions', (_req, res) => {
    res.json([...txs.values()]);
  });
  sim.sim.get('/transactions/:reference', (req, res) => {
    const t = txs.get(req.params.reference as string);
    if (!t) res.status(404).json({ error: 'Unknown reference' });
    else res.json(t);
  });
  sim.sim.get('/config', (_req, res) => {
    res.json({ partnerCode: opts.partnerCode, ipnUrl: ipnUrl ?? null });
  });
  sim.sim.put('/config', (req, res) => {
    const u = isObject(req.body) ? req.body.ipnUrl : undefined;
    if (u !== null && (typeof u !== 'string' || !/^https?:\/\//.test(u))) {
      res.status(400).json({ error: 'ipnUrl must be an http(s) URL or null' });
      return;
    }
    ipnUrl = u ?? undefined;
    res.json({ partnerCode: opts.partnerCode, ipnUrl: ipnUrl ?? null });
  });

  const handle = await sim.start(opts);
  baseUrl = handle.url;
  return {
    ...handle,
    transactions: () => [...txs.values()].map((t) => structuredClone(t)),
    transaction: (reference) => {
      const t = txs.get(reference);
      return t && structuredClone(t);
    },
    pay,
    ipnUrl: () => ipnUrl,
    setIpnUrl: (u) => {
      ipnUrl = u;
    },
  };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1>${body}<p><small>Mô phỏng — dvc-hub payment simulator</small></p></body></html>`;
}
