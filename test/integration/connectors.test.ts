/**
 * The real connector clients against the real simulators, over HTTP on 127.0.0.1 (no HTTP
 * mocking). Timeouts, backoff and half-open delays are small so the file runs in seconds.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { createConnectors, ipnAck, type Connectors } from '../../src/connectors';
import { UpstreamError } from '../../src/connectors/upstream-error';
import { startSimulators, type Simulators } from '../../src/connectors/simulators';
import { toNationalDate, type NationalDossierRecord, type NationalProgressLine } from '../../src/connectors/national-formats';
import { demoProcedures } from '../../src/seed/demo-data';

const HALF_OPEN_MS = 300;
const config = loadConfig({
  NODE_ENV: 'test',
  CONNECTOR_TIMEOUT_MS: '400',
  CONNECTOR_RETRIES: '2',
  CONNECTOR_BACKOFF_MS: '10',
  CONNECTOR_BREAKER_THRESHOLD: '3',
  CONNECTOR_BREAKER_HALF_OPEN_MS: String(HALF_OPEN_MS),
  PAYMENT_PARTNER_CODE: 'DVCHUB-TEST',
  PAYMENT_SECRET: 'integration-test-secret',
  NATIONAL_PORTAL_API_KEY: 'national-test-key',
});

/** A tiny stand-in for the hub's POST /payments/ipn: keeps what it got, answers like the hub. */
interface IpnReceiver {
  url: string;
  received: unknown[];
  close(): Promise<void>;
}
async function startIpnReceiver(answer: (body: unknown) => unknown): Promise<IpnReceiver> {
  const received: unknown[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      received.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(body)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/payments/ipn`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let sims: Simulators;
let ipn: IpnReceiver;
let c: Connectors;
/** Fresh connectors (fresh circuit breakers) against the same simulators. */
const freshConnectors = (overrides: Partial<typeof config> = {}) => createConnectors({ ...config, ...overrides }, undefined, { urls: sims.urls });

beforeAll(async () => {
  ipn = await startIpnReceiver((body) => ipnAck(c.payment.verifyIpn(body) !== null));
  sims = await startSimulators({
    ipnUrl: ipn.url,
    partnerCode: config.PAYMENT_PARTNER_CODE,
    secret: config.PAYMENT_SECRET,
    nationalApiKey: config.NATIONAL_PORTAL_API_KEY,
  });
  c = freshConnectors();
});

afterAll(async () => {
  await sims?.close();
  await ipn?.close();
});

afterEach(() => {
  for (const s of [sims.national, sims.population, sims.payment]) s.setFaults({ mode: 'ok' });
});

const json = async (url: string, init?: RequestInit) => {
  const r = await fetch(url, init);
  return { status: r.status, body: (await r.json()) as any };
};
const post = (url: string, body: unknown) => json(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function expectUpstreamError(p: Promise<unknown>): Promise<UpstreamError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(UpstreamError);
  return e as UpstreamError;
}

// ------------------------------------------------------------------ national portal

const at = new Date('2026-11-23T07:30:05Z'); // 14:30:05 in Hà Nội
function dossierRecord(code: string, status: NationalDossierRecord['TrangThaiHoSo'] = 1): NationalDossierRecord {
  return {
    MaHoSo: code,
    MaTTHC: '2.000488.000.00.00.H22',
    TenTTHC: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
    MaLinhVuc: 'LLTP',
    KenhThucHien: 2,
    ChuHoSo: 'Nguyễn Văn An',
    SoGiayToChuHoSo: '002085816844',
    LoaiDoiTuong: 1,
    NgayNopHoSo: toNationalDate(at),
    NgayTiepNhan: status >= 2 ? toNationalDate(new Date(at.getTime() + 3600_000)) : null,
    NgayHenTra: status >= 2 ? '20261204143005' : null,
    TrangThaiHoSo: status,
    NgayKetThucXuLy: null,
    NgayTra: null,
    DonViXuLy: '000.00.15.H22',
    TaiLieuNop: [{ MaThanhPhanHoSo: 'LLTP-01', TenTaiLieu: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', DuocSoHoa: 1 }],
    DanhSachLePhi: [{ LoaiPhiLePhi: 1, TenPhiLePhi: 'Phí cung cấp thông tin lý lịch tư pháp', SoTien: 200000, DaThanhToan: 0 }],
    DuocThanhToanTrucTuyen: 0,
    TaiKhoanDuocXacThucVoiVNeID: 1,
  };
}
const progressLine = (code: string, step: string, status: NationalProgressLine['TrangThai'], minutes: number): NationalProgressLine => ({
  MaHoSo: code,
  NguoiXuLy: 'Lê Thị Hoa',
  ChucDanh: 'Chuyên viên',
  ThoiDiemXuLy: toNationalDate(new Date(at.getTime() + minutes * 60_000)),
  PhongBanXuLy: 'Sở Tư pháp',
  NoiDungXuLy: step,
  TrangThai: status,
});

describe('national portal', () => {
  it('creates, updates and appends progress in order; a redelivered message changes nothing', async () => {
    const code = '000.00.15.H22-261123-0007';
    await c.nationalPortal.upsertDossier(dossierRecord(code), 'msg-1');
    await c.nationalPortal.addProgress(progressLine(code, 'Tiếp nhận hồ sơ', 2, 60), 'msg-2');
    await c.nationalPortal.upsertDossier(dossierRecord(code, 2), 'msg-3');
    await c.nationalPortal.addProgress(progressLine(code, 'Chuyển chuyên viên xử lý', 4, 90), 'msg-4');
    // Redeliveries (the outbox did not see the first answers): success, no effect.
    await c.nationalPortal.addProgress(progressLine(code, 'Tiếp nhận hồ sơ', 2, 60), 'msg-2');
    await c.nationalPortal.upsertDossier(dossierRecord(code), 'msg-1');

    const { status, body } = await json(`${sims.urls.national}/_sim/dossiers/${code}`);
    expect(status).toBe(200);
    expect(body.record).toEqual(dossierRecord(code, 2)); // the redelivered msg-1 did not roll it back
    expect(body.updates).toBe(2);
    expect(body.progress.map((l: NationalProgressLine) => [l.NoiDungXuLy, l.TrangThai])).toEqual([
      ['Tiếp nhận hồ sơ', 2],
      ['Chuyển chuyên viên xử lý', 4],
    ]);
    expect(body.progress[0]).toEqual(progressLine(code, 'Tiếp nhận hồ sơ', 2, 60));

    const reqs = sims.national.requests().filter((r) => r.path.startsWith('/api/hoso/') && (r.body as any)?.MaHoSo === code);
    expect(reqs.map((r) => [r.path, r.headers['idempotency-key'], r.status, r.duplicate ?? false])).toEqual([
      ['/api/hoso/dongbo', 'msg-1', 200, false],
      ['/api/hoso/tiendo', 'msg-2', 200, false],
      ['/api/hoso/dongbo', 'msg-3', 200, false],
      ['/api/hoso/tiendo', 'msg-4', 200, false],
      ['/api/hoso/tiendo', 'msg-2', 200, true],
      ['/api/hoso/dongbo', 'msg-1', 200, true],
    ]);
    expect(reqs[0]!.headers['content-type']).toMatch(/^application\/json/);
    expect(reqs[0]!.headers['x-api-key']).toBe('[present]');
    const state = (await json(`${sims.urls.national}/_sim/state`)).body;
    expect(state.duplicatesIgnored).toBeGreaterThanOrEqual(2);
    expect(state.dossiers.find((d: any) => d.MaHoSo === code).progress).toHaveLength(2);
  });

  it('refused data is a non-retryable UpstreamError, sent once', async () => {
    const before = sims.national.requests().length;
    // A progress line for a dossier the portal never got: HTTP 200, error_code "3".
    const e1 = await expectUpstreamError(c.nationalPortal.addProgress(progressLine('000.00.15.H22-261123-9999', 'Tiếp nhận', 2, 0), 'msg-x1'));
    expect(e1).toMatchObject({ system: 'national-portal', reason: 'rejected', retryable: false, upstreamCode: '3', attempts: 1 });
    // A record without MaHoSo: HTTP 400, error_code "1".
    const e2 = await expectUpstreamError(c.nationalPortal.upsertDossier({ ...dossierRecord('x'), MaHoSo: '' }, 'msg-x2'));
    expect(e2).toMatchObject({ reason: 'http-client', retryable: false, status: 400, upstreamCode: '1', attempts: 1 });
    expect(e2.message).toContain('MaHoSo is required');
    expect(sims.national.requests().length - before).toBe(2);
    // Without the API key the simulator refuses (401): not retryable either.
    const noKey = freshConnectors({ NATIONAL_PORTAL_API_KEY: undefined });
    await expect(noKey.nationalPortal.listProcedures()).rejects.toMatchObject({ status: 401, retryable: false });
    expect(noKey.breakerStates()['national-portal']).toBe('closed');
  });

  it('forwards PAKN records', async () => {
    const rec = {
      MaPAKN: 'PAKN.20261123.0001',
      TieuDe: 'Chậm trả kết quả',
      NoiDung: 'Hồ sơ đã quá hạn nhưng chưa được trả kết quả',
      HoTenNguoiGui: 'Trần Thị Bích Ngọc',
      SoDienThoai: '0912345678',
      NgayGui: toNationalDate(at),
      DonViTiepNhan: '000.00.15.H22',
      MaHoSo: '000.00.15.H22-261123-0007',
      TrangThai: 1 as const,
      CongKhai: 1 as const,
    };
    await c.nationalPortal.forwardFeedback(rec, 'msg-pakn-1');
    await c.nationalPortal.forwardFeedback({ ...rec, TrangThai: 2 }, 'msg-pakn-2');
    const f = sims.national.feedback('PAKN.20261123.0001');
    expect(f?.record).toEqual({ ...rec, TrangThai: 2 });
    expect(f?.updates).toBe(2);
  });

  it('lists the national catalogue, which tests can replace', async () => {
    const list = await c.nationalPortal.listProcedures();
    expect(list.length).toBeGreaterThan(demoProcedures.length);
    const birth = list.find((p) => p.MaTTHC === '1.001193.000.00.00.H22')!;
    expect(birth).toMatchObject({ TenTTHC: 'Đăng ký khai sinh', MaLinhVuc: 'HT', TenLinhVuc: 'Hộ tịch', CapThucHien: [4], MucDo: 4, ThoiHanGiaiQuyet: 0.5, KenhThucHien: [1, 2, 3] });
    expect(list.some((p) => p.TenTTHC === 'Đăng ký thường trú')).toBe(true);

    const replaced = [{ ...birth, TenTTHC: 'Đăng ký khai sinh (sửa đổi)' }];
    expect((await json(`${sims.urls.national}/_sim/procedures`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(replaced) })).body).toEqual({ count: 1 });
    expect(await c.nationalPortal.listProcedures()).toEqual(replaced);
    sims.national.setProcedures(list);
  });

  it('a request that timed out but arrived is not applied twice when redelivered', async () => {
    const portal = freshConnectors({ CONNECTOR_RETRIES: 0, CONNECTOR_TIMEOUT_MS: 100 }).nationalPortal;
    const code = '000.00.15.H22-261123-0042';
    sims.national.setFaults({ mode: 'slow', latencyMs: 250 });
    const e = await expectUpstreamError(portal.upsertDossier(dossierRecord(code), 'msg-slow-1'));
    expect(e).toMatchObject({ reason: 'timeout', retryable: true });
    // The portal finishes the request after the client gave up …
    for (let i = 0; i < 50 && !sims.national.dossier(code); i++) await new Promise((r) => setTimeout(r, 20));
    expect(sims.national.dossier(code)?.updates).toBe(1);
    sims.national.setFaults({ mode: 'ok' });
    // … and the outbox's redelivery of the same message is a no-op success.
    await portal.upsertDossier(dossierRecord(code), 'msg-slow-1');
    expect(sims.national.dossier(code)?.updates).toBe(1);
  });
});

// ------------------------------------------------------------------ population

describe('population database', () => {
  it('VERIFIED with the citizen, ignoring case and spacing of the name', async () => {
    const r = await c.population.lookup({ identityNumber: '002195699224', fullName: '  vũ thị   HẰNG ', birthDate: '1995-05-08' });
    expect(r).toEqual({
      status: 'VERIFIED',
      citizen: {
        identityNumber: '002195699224',
        fullName: 'Vũ Thị Hằng',
        lastName: 'Vũ',
        middleName: 'Thị',
        firstName: 'Hằng',
        birthDate: '1995-05-08',
        gender: 'FEMALE',
        permanentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00695', detail: 'Số 12, tổ 5' },
        currentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00691', detail: 'Số 6, tổ 14' },
      },
    });
    const sent = sims.population.requests().at(-1)!;
    expect(sent.body).toEqual({ SoDinhDanh: '002195699224', HoVaTen: 'vũ thị   HẰNG', NgayThangNamSinh: '19950508' });
  });

  it('MISMATCH without personal data when diacritics or the birth date differ; NOT_FOUND for an unknown number', async () => {
    expect(await c.population.lookup({ identityNumber: '002085816844', fullName: 'Nguyen Van An', birthDate: '1985-03-12' })).toEqual({
      status: 'MISMATCH',
      mismatchedFields: ['fullName'],
    });
    expect(await c.population.lookup({ identityNumber: '002085816844', fullName: 'Nguyễn Văn An', birthDate: '1985-03-13' })).toEqual({
      status: 'MISMATCH',
      mismatchedFields: ['birthDate'],
    });
    expect(await c.population.lookup({ identityNumber: '002999999999', fullName: 'Nguyễn Văn An', birthDate: '1985-03-12' })).toEqual({ status: 'NOT_FOUND' });
    await expect(c.population.lookup({ identityNumber: '12345', fullName: 'A', birthDate: '1985-03-12' })).rejects.toThrow(RangeError);
  });
});

// ------------------------------------------------------------------ payment

describe('payment platform', () => {
  it('INIT → payment URL; /_sim/pay sends a signed IPN the hub verifies; QUERY reports the state', async () => {
    const reference = '000.00.15.H22-261123-0007-P1';
    const input = { reference, amount: 200000, description: 'Phí cung cấp thông tin lý lịch tư pháp | hồ sơ 0007', at };
    const { paymentUrl, platformRef } = await c.payment.init(input);
    expect(paymentUrl).toBe(`${sims.urls.payment}/pay/${encodeURIComponent(reference)}`);
    expect(platformRef).toMatch(/^DH\d{8}$/);
    const sentInit = sims.payment.requests().at(-1)!.body as any;
    expect(sentInit).toMatchObject({ LoaiBanTin: 'INIT', MaDoiTac: 'DVCHUB-TEST', SoTien: 200000, MaTienTe: 'VND', ThoiGianGD: '20261123143005' });
    expect(sentInit.ThongTinGiaoDich).not.toContain('|');
    // The same INIT again (a retry) is the same order.
    expect((await c.payment.init(input)).paymentUrl).toBe(paymentUrl);
    expect((await fetch(paymentUrl)).status).toBe(200);

    expect(await c.payment.query(reference)).toMatchObject({ state: 'PENDING', reference, resultCode: '01' });

    const paid = await post(`${sims.urls.payment}/_sim/pay/${encodeURIComponent(reference)}`, { outcome: 'paid' });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ delivered: true, hubStatus: 200, hubBody: { MaLoi: '00' }, state: 'PAID' });
    const received = ipn.received.at(-1);
    const verified = c.payment.verifyIpn(received);
    expect(verified).toMatchObject({ paid: true, resultCode: '00', reference, amount: 200000, currency: 'VND', partnerCode: 'DVCHUB-TEST' });
    expect(verified!.transactionId).toMatch(/^GD\d{14}\d{4}$/);

    const q = await c.payment.query(reference);
    expect(q).toMatchObject({ state: 'PAID', reference, amount: 200000, transactionId: verified!.transactionId, bankCode: verified!.bankCode });
    expect(q.at?.getTime()).toBe(verified!.at.getTime());

    // Paid already: a different outcome is refused, the same one redelivers the IPN.
    expect((await post(`${sims.urls.payment}/_sim/pay/${encodeURIComponent(reference)}`, { outcome: 'failed' })).status).toBe(409);
    const again = await post(`${sims.urls.payment}/_sim/pay/${encodeURIComponent(reference)}`, { outcome: 'paid' });
    expect(again.body.delivered).toBe(true);
    expect(c.payment.verifyIpn(ipn.received.at(-1))?.transactionId).toBe(verified!.transactionId);
  });

  it('a failed payment, a tampered IPN and an unknown reference', async () => {
    const reference = '000.00.12.H22-261123-0001-P1';
    await c.payment.init({ reference, amount: 50000, description: 'Lệ phí đăng ký doanh nghiệp', at });
    const tampered = await post(`${sims.urls.payment}/_sim/pay/${encodeURIComponent(reference)}`, { outcome: 'failed', tamper: true });
    expect(tampered.body).toMatchObject({ delivered: true, hubBody: { MaLoi: '02' } });
    const r = c.payment.parseIpn(ipn.received.at(-1));
    expect(r).toMatchObject({ ok: false, reason: 'BAD_CHECKSUM' });
    await post(`${sims.urls.payment}/_sim/pay/${encodeURIComponent(reference)}`, { outcome: 'failed' });
    expect(c.payment.verifyIpn(ipn.received.at(-1))).toMatchObject({ paid: false, resultCode: '07' });
    expect(await c.payment.query(reference)).toMatchObject({ state: 'FAILED', resultCode: '07' });
    expect(await c.payment.query('NO-SUCH-REFERENCE')).toEqual({ state: 'NOT_FOUND', reference: 'NO-SUCH-REFERENCE', resultCode: '04' });
    expect(c.payment.verifyIpn({ ...(ipn.received.at(-1) as object), MaDoiTac: 'SOMEONE-ELSE' })).toBeNull();
  });

  it('a wrong secret is refused by the platform (MaLoi 02), not retried', async () => {
    const wrong = freshConnectors({ PAYMENT_SECRET: 'not-the-shared-secret' });
    const e = await expectUpstreamError(wrong.payment.init({ reference: 'REF-WRONG-SECRET', amount: 1000, description: 'x', at }));
    expect(e).toMatchObject({ system: 'payment', reason: 'rejected', retryable: false, upstreamCode: '02', attempts: 1 });
  });

  it('an IPN "lost" on the way is found by QUERY', async () => {
    const reference = '000.00.13.H22-261123-0003-P1';
    await c.payment.init({ reference, amount: 135000, description: 'Lệ phí cấp đổi giấy phép lái xe', at });
    const before = ipn.received.length;
    const r = await sims.payment.pay(reference, 'paid', { deliverIpn: false });
    expect(r).toMatchObject({ delivered: false, state: 'PAID' });
    expect(ipn.received.length).toBe(before);
    expect(await c.payment.query(reference)).toMatchObject({ state: 'PAID', amount: 135000 });
  });
});

// ------------------------------------------------------------------ faults

describe('faults, retries and the circuit breaker', () => {
  const citizen = { identityNumber: '002085816844', fullName: 'Nguyễn Văn An', birthDate: '1985-03-12' };

  it('"down": retried, then the breaker opens after the threshold; it closes again after half-open', async () => {
    const { population, breakerStates } = freshConnectors(); // retries 2, threshold 3
    sims.population.setFaults({ mode: 'down' });
    sims.population.clearRequests();
    const e = await expectUpstreamError(population.lookup(citizen));
    expect(e).toMatchObject({ system: 'population', reason: 'network', retryable: true, attempts: 3 });
    expect(sims.population.requests().map((r) => r.fault)).toEqual(['down', 'down', 'down']);
    expect(population.breakerState()).toBe('open');
    expect(breakerStates().population).toBe('open');

    // Open: fails at once without calling the simulator.
    const e2 = await expectUpstreamError(population.lookup(citizen));
    expect(e2).toMatchObject({ reason: 'circuit-open', retryable: true });
    expect(sims.population.requests()).toHaveLength(3);

    // After half-open, a failed trial opens it again …
    await new Promise((r) => setTimeout(r, HALF_OPEN_MS + 50));
    await expectUpstreamError(population.lookup(citizen));
    expect(sims.population.requests()).toHaveLength(4);
    expect(population.breakerState()).toBe('open');

    // … and a successful one closes it.
    sims.population.setFaults({ mode: 'ok' });
    await new Promise((r) => setTimeout(r, HALF_OPEN_MS + 50));
    expect((await population.lookup(citizen)).status).toBe('VERIFIED');
    expect(population.breakerState()).toBe('closed');
  });

  it('"slow" beyond the timeout: a timeout UpstreamError, on time', async () => {
    // 300 ms: room for the 30 ms answer below on a loaded test machine, still well short of the 1 s one.
    const { population } = freshConnectors({ CONNECTOR_RETRIES: 0, CONNECTOR_TIMEOUT_MS: 300 });
    sims.population.setFaults({ mode: 'slow', latencyMs: 1000 });
    const started = Date.now();
    const e = await expectUpstreamError(population.lookup(citizen));
    expect(e).toMatchObject({ reason: 'timeout', retryable: true, attempts: 1 });
    expect(Date.now() - started).toBeLessThan(800);
    // Slow but within the timeout is fine.
    sims.population.setFaults({ mode: 'slow', latencyMs: 30 });
    expect((await population.lookup(citizen)).status).toBe('VERIFIED');
    expect(sims.population.requests().at(-1)?.delayedMs).toBe(30);
  });

  it('"error": 500s are retried and succeed once the platform recovers; all attempts failing gives up', async () => {
    const { payment } = freshConnectors({ CONNECTOR_RETRIES: 3, CONNECTOR_BREAKER_THRESHOLD: 10 });
    const http = (payment as unknown as { http: import('../../src/connectors/resilience').ResilientJsonClient }).http;
    sims.payment.setFaults({ mode: 'error', errorRate: 1 });
    sims.payment.clearRequests();
    // Deterministic recovery: the platform comes back right after the first failure.
    const stop = http.onRetry(() => sims.payment.setFaults({ mode: 'ok' }));
    const r = await payment.init({ reference: 'REF-ERROR-1', amount: 20000, description: 'Lệ phí', at });
    stop();
    expect(r.paymentUrl).toContain('/pay/REF-ERROR-1');
    expect(sims.payment.requests().map((q) => [q.status, q.fault ?? null])).toEqual([
      [500, 'error'],
      [200, null],
    ]);

    sims.payment.setFaults({ mode: 'error' }); // errorRate defaults to 1
    const e = await expectUpstreamError(payment.query('REF-ERROR-1'));
    expect(e).toMatchObject({ reason: 'http-server', status: 500, upstreamCode: '99', retryable: true, attempts: 4 });
    expect(payment.breakerState()).toBe('closed'); // 4 failures < threshold 10
  });

  it('fault settings are validated and readable over HTTP', async () => {
    expect((await post(`${sims.urls.national}/_sim/faults`, { mode: 'sideways' })).status).toBe(400);
    expect((await post(`${sims.urls.national}/_sim/faults`, { mode: 'error', errorRate: 2 })).status).toBe(400);
    expect((await post(`${sims.urls.national}/_sim/faults`, { mode: 'slow' })).body).toEqual({ mode: 'slow', latencyMs: 3000, errorRate: 1 });
    expect((await json(`${sims.urls.national}/_sim/faults`)).body.mode).toBe('slow');
    // The control endpoints keep working whatever the fault.
    await post(`${sims.urls.national}/_sim/faults`, { mode: 'down' });
    expect((await json(`${sims.urls.national}/_sim/requests`)).status).toBe(200);
    expect((await json(`${sims.urls.national}/_sim/requests`, { method: 'DELETE' })).body.cleared).toBeGreaterThan(0);
    expect(sims.national.requests()).toEqual([]);
  });
});
