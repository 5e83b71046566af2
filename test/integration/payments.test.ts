import { startTestHub, type TestHub } from '../helpers/test-hub';
import { actors, citizen, SUBMIT, submitInput, TRANSITION, WITH_FEES, submitOk } from '../helpers/dossier-fixtures';
import { resultChecksum } from '../../src/connectors/payment-checksum';

/**
 * Fee payments through the payment platform simulator (INIT, the payer paying at
 * /_sim/pay, the IPN coming back to the hub over HTTP), counter payments, and evaluations.
 */
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({ env: { PAYMENT_RECONCILE_AFTER_MS: '0' } });
});
afterAll(async () => {
  await t?.stop();
});

const AGENCY = WITH_FEES.agencyCodes[0];
const FEES = WITH_FEES.fees.reduce((s, f) => s + f.amount, 0);
const INITIATE = `mutation($input: InitiatePaymentInput!) { initiatePayment(input: $input) { payment { id dossierCode amount currency status channel reference transactionId paymentUrl paidAt } } }`;
const STATE = `query($c: String!) { dossier(code: $c) { status version outstandingFees dueAt payments { status amount channel reference } history { action fromStatus toStatus } } }`;

async function gqlOk(query: string, variables: Record<string, unknown>, token?: string) {
  const r = await t.gql(query, variables, token);
  expect(r.errors).toBeUndefined();
  return r.data;
}

/** A dossier of a procedure with fees, received and waiting for payment. */
async function awaitingPayment() {
  const a = await actors(t, AGENCY);
  const d = await submitOk(t, a.citizen, submitInput(WITH_FEES));
  await gqlOk(TRANSITION, { input: { code: d.code, action: 'RECEIVE' } }, a.reception);
  await gqlOk(TRANSITION, { input: { code: d.code, action: 'REQUEST_PAYMENT', note: 'Nộp lệ phí' } }, a.reception);
  return { a, code: d.code as string };
}

/** The payer at the platform: POST /_sim/pay/{reference}; the simulator sends the IPN to the hub. */
async function payAtPlatform(reference: string, body: Record<string, unknown>) {
  const res = await fetch(`${t.sims.urls.payment}/_sim/pay/${encodeURIComponent(reference)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { delivered: boolean; hubStatus?: number; hubBody?: any; state: string };
}

describe('payments through the national platform', () => {
  it('INIT gives the platform URL; a retry never opens a second charge', async () => {
    const { a, code } = await awaitingPayment();
    const first = (await gqlOk(INITIATE, { input: { dossierCode: code, idempotencyKey: 'k1' } }, a.citizen)).initiatePayment.payment;
    expect(first).toMatchObject({ dossierCode: code, amount: FEES, currency: 'VND', status: 'PENDING', channel: 'NATIONAL_PLATFORM', transactionId: null });
    expect(first.paymentUrl).toContain(t.sims.urls.payment);
    const init = t.sims.payment.requests().filter((r) => r.path.includes('init') && (r.body as any)?.MaThamChieu === first.reference);
    expect(init).toHaveLength(1);
    expect((init[0].body as any).SoTien).toBe(FEES);
    expect((await gqlOk(INITIATE, { input: { dossierCode: code, idempotencyKey: 'k1' } }, a.citizen)).initiatePayment.payment.reference).toBe(first.reference);
    expect((await gqlOk(INITIATE, { input: { dossierCode: code } }, a.citizen)).initiatePayment.payment.reference).toBe(first.reference);
    const someoneElse = await t.token({ roles: ['CITIZEN'], idn: citizen(5).identityNumber });
    expect((await t.gql(INITIATE, { input: { dossierCode: code } }, someoneElse)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('paid at the platform: the IPN marks it PAID, the dossier resumes with its log line, subscribers hear it; a replay changes nothing', async () => {
    const { a, code } = await awaitingPayment();
    const payment = (await gqlOk(INITIATE, { input: { dossierCode: code } }, a.citizen)).initiatePayment.payment;
    const sub = await t.subscribe(`subscription($c: String!) { paymentStatusChanged(dossierCode: $c) { dossierCode status amount transactionId paidAt } }`, { c: code }, a.citizen);
    const before = (await gqlOk(STATE, { c: code }, a.citizen)).dossier;
    expect(before).toMatchObject({ status: 'AWAITING_PAYMENT', outstandingFees: FEES });

    const paid = await payAtPlatform(payment.reference, { outcome: 'paid' });
    expect(paid).toMatchObject({ delivered: true, hubStatus: 200 });
    expect(paid.hubBody.MaLoi).toBe('00');
    expect(await sub.next()).toMatchObject({ paymentStatusChanged: { dossierCode: code, status: 'PAID', amount: FEES } });
    const after = (await gqlOk(STATE, { c: code }, a.citizen)).dossier;
    expect(after).toMatchObject({ status: 'PROCESSING', outstandingFees: 0, version: before.version + 1 });
    expect(after.payments).toEqual([{ status: 'PAID', amount: FEES, channel: 'NATIONAL_PLATFORM', reference: payment.reference }]);
    expect(after.history.at(-1)).toEqual({ action: 'PAYMENT_SETTLED', fromStatus: 'AWAITING_PAYMENT', toStatus: 'PROCESSING' });

    // The platform sends the same IPN again: answered "taken", nothing changes.
    const again = await payAtPlatform(payment.reference, { outcome: 'paid' });
    expect(again).toMatchObject({ delivered: true, hubStatus: 200 });
    const still = (await gqlOk(STATE, { c: code }, a.citizen)).dossier;
    expect(still.version).toBe(after.version);
    expect(still.history.filter((h: any) => h.action === 'PAYMENT_SETTLED')).toHaveLength(1);
    await expect(sub.next(300)).rejects.toThrow(/no event/);
    await sub.close();
    expect((await t.gql(INITIATE, { input: { dossierCode: code } }, a.citizen)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOTHING_TO_PAY' });
  });

  it('a tampered IPN is refused with 400 and changes nothing', async () => {
    const { a, code } = await awaitingPayment();
    const payment = (await gqlOk(INITIATE, { input: { dossierCode: code } }, a.citizen)).initiatePayment.payment;
    const r = await payAtPlatform(payment.reference, { outcome: 'paid', tamper: true });
    expect(r.hubStatus).toBe(400);
    const d = (await gqlOk(STATE, { c: code }, a.citizen)).dossier;
    expect(d).toMatchObject({ status: 'AWAITING_PAYMENT', outstandingFees: FEES });
    expect(d.payments[0].status).toBe('PENDING');
    // A forged body straight at the endpoint fares no better.
    const forged = await fetch(`${t.hub.url}/payments/ipn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ LoaiBanTin: 'IPN', MaLoi: '00', MaDoiTac: t.config.PAYMENT_PARTNER_CODE, MaThamChieu: payment.reference, SoTien: FEES, MaTienTe: 'VND', MaGiaoDich: 'X', MaNganHang: 'NCB', ThoiGianGD: '20261123100000', ThongTinGiaoDich: '', MaXacThuc: 'f'.repeat(64) }),
    });
    expect(forged.status).toBe(400);
    expect((await gqlOk(STATE, { c: code }, a.citizen)).dossier.payments[0].status).toBe('PENDING');
  });

  it('reconciliation settles a payment whose IPN never came', async () => {
    const { a, code } = await awaitingPayment();
    const payment = (await gqlOk(INITIATE, { input: { dossierCode: code } }, a.citizen)).initiatePayment.payment;
    const r = await payAtPlatform(payment.reference, { outcome: 'paid', deliverIpn: false });
    expect(r.delivered).toBe(false);
    expect((await gqlOk(STATE, { c: code }, a.citizen)).dossier.payments[0].status).toBe('PENDING');
    const counts = await t.hub.services.runJob('payment-reconcile');
    expect(counts?.paid).toBeGreaterThanOrEqual(1);
    const d = (await gqlOk(STATE, { c: code }, a.citizen)).dossier;
    expect(d).toMatchObject({ status: 'PROCESSING', outstandingFees: 0 });
    expect(d.payments[0].status).toBe('PAID');
  });

  it('a PAID IPN for a payment reconciliation had expired is still recorded and credited (the money was taken)', async () => {
    const { a, code } = await awaitingPayment();
    const payment = (await gqlOk(INITIATE, { input: { dossierCode: code } }, a.citizen)).initiatePayment.payment;
    t.setNow(new Date(Date.now() + 25 * 3600_000)); // past PAYMENT_EXPIRE_AFTER_MS, the payer has not paid yet
    try {
      expect((await t.hub.services.runJob('payment-reconcile'))?.expired).toBeGreaterThanOrEqual(1);
    } finally {
      t.setNow(null);
    }
    expect((await gqlOk(STATE, { c: code }, a.citizen)).dossier.payments[0].status).toBe('EXPIRED');
    const late = await payAtPlatform(payment.reference, { outcome: 'paid' });
    expect(late).toMatchObject({ delivered: true, hubStatus: 200 });
    const d = (await gqlOk(STATE, { c: code }, a.citizen)).dossier;
    expect(d).toMatchObject({ status: 'PROCESSING', outstandingFees: 0 });
    expect(d.payments).toEqual([expect.objectContaining({ status: 'PAID', amount: FEES, reference: payment.reference })]);
    expect((await payAtPlatform(payment.reference, { outcome: 'paid' })).hubStatus).toBe(200); // a replay changes nothing
    expect((await gqlOk(STATE, { c: code }, a.citizen)).dossier.history.filter((h: any) => h.action === 'PAYMENT_SETTLED')).toHaveLength(1);
  });

  it('after an online payment the national record says it was paid online (DuocThanhToanTrucTuyen 1); at the counter it does not', async () => {
    const online = await awaitingPayment();
    const payment = (await gqlOk(INITIATE, { input: { dossierCode: online.code } }, online.a.citizen)).initiatePayment.payment;
    expect((await payAtPlatform(payment.reference, { outcome: 'paid' })).hubStatus).toBe(200);
    const counter = await awaitingPayment();
    await gqlOk(`mutation($input: RecordCounterPaymentInput!) { recordCounterPayment(input: $input) { payment { status } } }`, { input: { dossierCode: counter.code, amount: FEES } }, counter.a.reception);
    await t.hub.services.runJob('outbox-dispatch');
    expect(t.sims.national.dossier(online.code)!.record).toMatchObject({ DuocThanhToanTrucTuyen: 1, DanhSachLePhi: [expect.objectContaining({ DaThanhToan: 1 })] });
    expect(t.sims.national.dossier(counter.code)!.record).toMatchObject({ DuocThanhToanTrucTuyen: 0, DanhSachLePhi: [expect.objectContaining({ DaThanhToan: 1 })] });
    // A later change of the dossier keeps saying so.
    await gqlOk(TRANSITION, { input: { code: online.code, action: 'SUBMIT_FOR_APPROVAL' } }, (await actors(t, AGENCY)).specialist);
    await t.hub.services.runJob('outbox-dispatch');
    expect(t.sims.national.dossier(online.code)!.record.DuocThanhToanTrucTuyen).toBe(1);
  });

  it('a failed payment is FAILED and a new one can be opened', async () => {
    const { a, code } = await awaitingPayment();
    const payment = (await gqlOk(INITIATE, { input: { dossierCode: code } }, a.citizen)).initiatePayment.payment;
    expect((await payAtPlatform(payment.reference, { outcome: 'failed' })).hubStatus).toBe(200);
    const d = (await gqlOk(STATE, { c: code }, a.citizen)).dossier;
    expect(d).toMatchObject({ status: 'AWAITING_PAYMENT', outstandingFees: FEES });
    expect(d.payments[0].status).toBe('FAILED');
    const next = (await gqlOk(INITIATE, { input: { dossierCode: code } }, a.citizen)).initiatePayment.payment;
    expect(next.reference).not.toBe(payment.reference);
  });

  it('the one-stop desk records a counter payment', async () => {
    const { a, code } = await awaitingPayment();
    const COUNTER = `mutation($input: RecordCounterPaymentInput!) { recordCounterPayment(input: $input) { payment { status channel amount } } }`;
    expect((await t.gql(COUNTER, { input: { dossierCode: code, amount: FEES } }, a.citizen)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(COUNTER, { input: { dossierCode: code, amount: FEES + 1 } }, a.reception)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect((await gqlOk(COUNTER, { input: { dossierCode: code, amount: FEES } }, a.reception)).recordCounterPayment.payment).toEqual({ status: 'PAID', channel: 'COUNTER', amount: FEES });
    expect((await gqlOk(STATE, { c: code }, a.citizen)).dossier).toMatchObject({ status: 'PROCESSING', outstandingFees: 0 });
  });
});

const COUNTER = `mutation($input: RecordCounterPaymentInput!) { recordCounterPayment(input: $input) { payment { status channel amount reference } } }`;
const REFUND = `query($c: String!) { dossier(code: $c) { payments { reference status channel amount refundDue } } }`;

/** What the database holds for the dossier's money: the figures GraphQL rounds away (outstandingFees is never below 0). */
async function money(code: string) {
  const [r] = await t.orm.em.getConnection().execute<{ total_fees: number; paid_amount: number; paid: string }[]>(
    `select d.total_fees, d.paid_amount, (select count(*) from payment p where p.dossier_id = d.id and p.status = 'PAID') as paid
       from dossier d where d.code = ?`,
    [code],
  );
  return { totalFees: r.total_fees, paidAmount: r.paid_amount, paidPayments: Number(r.paid) };
}

/** A correctly signed IPN posted straight to the hub, as the platform would send it. */
async function postIpn(fields: { reference: string; amount: number; currency: string; resultCode?: string }) {
  const unsigned = {
    LoaiBanTin: 'IPN',
    MaLoi: fields.resultCode ?? '00',
    MaDoiTac: t.config.PAYMENT_PARTNER_CODE,
    MaThamChieu: fields.reference,
    SoTien: fields.amount,
    MaTienTe: fields.currency,
    MaGiaoDich: `GD${fields.reference}`,
    MaNganHang: 'NCB',
    ThoiGianGD: '20261123100000',
    ThongTinGiaoDich: 'Thanh toan phi',
  };
  const res = await fetch(`${t.hub.url}/payments/ipn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...unsigned, MaXacThuc: resultChecksum(unsigned, t.config.PAYMENT_SECRET) }),
  });
  return { status: res.status, body: (await res.json()) as { MaLoi: string; MoTaLoi: string } };
}

/** A refusal the one-stop desk can act on: CONFLICT, or BAD_USER_INPUT naming the amount. */
function clearRefusal(r: { errors?: { extensions?: { code?: string; field?: string } }[] }): boolean {
  const ext = r.errors?.[0]?.extensions;
  return ext?.code === 'CONFLICT' || (ext?.code === 'BAD_USER_INPUT' && ext.field === 'amount');
}

describe('payments under concurrency, double charges and foreign currency (issue 9)', () => {
  it('ten concurrent counter payments of the whole fees: exactly one is taken, the others are refused, the fees are credited once', async () => {
    const { a, code } = await awaitingPayment();
    const rs = await Promise.all(Array.from({ length: 10 }, () => t.gql(COUNTER, { input: { dossierCode: code, amount: FEES } }, a.reception)));
    expect(rs.filter((r) => !r.errors)).toHaveLength(1);
    expect(rs.filter((r) => r.errors).every(clearRefusal)).toBe(true);
    expect(await money(code)).toEqual({ totalFees: FEES, paidAmount: FEES, paidPayments: 1 });
    expect((await gqlOk(STATE, { c: code }, a.citizen)).dossier.history.filter((h: any) => h.action === 'PAYMENT_SETTLED')).toHaveLength(1);
  });

  it('concurrent counter payments of parts of the fees never add up to more than is owed', async () => {
    const { a, code } = await awaitingPayment();
    const part = Math.ceil(FEES / 3);
    const rs = await Promise.all(Array.from({ length: 8 }, () => t.gql(COUNTER, { input: { dossierCode: code, amount: part } }, a.reception)));
    const taken = rs.filter((r) => !r.errors).length;
    expect(rs.filter((r) => r.errors).every(clearRefusal)).toBe(true);
    const m = await money(code);
    expect(m.paidAmount).toBe(taken * part);
    expect(m.paidAmount).toBeLessThanOrEqual(FEES);
    expect(taken).toBe(Math.floor(FEES / part));
  });

  it('a counter payment racing the platform\'s PAID IPN: the fees are credited once', async () => {
    const runs = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const { a, code } = await awaitingPayment();
        const payment = (await gqlOk(INITIATE, { input: { dossierCode: code } }, a.citizen)).initiatePayment.payment;
        const [ipn, counter] = await Promise.all([payAtPlatform(payment.reference, { outcome: 'paid' }), t.gql(COUNTER, { input: { dossierCode: code, amount: FEES } }, a.reception)]);
        return { code, ipn, counter };
      }),
    );
    for (const r of runs) {
      expect(r.ipn).toMatchObject({ delivered: true, hubStatus: 200 });
      // The platform payment was open the whole time: the desk is told to wait for it.
      expect(r.counter.errors?.[0].extensions?.code).toBe('CONFLICT');
      expect((await money(r.code)).paidAmount).toBe(FEES);
    }
  });

  it('a counter payment racing initiatePayment: never both; paying what was opened still credits the fees once', async () => {
    const runs = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const { a, code } = await awaitingPayment();
        const [counter, online] = await Promise.all([
          t.gql(COUNTER, { input: { dossierCode: code, amount: FEES } }, a.reception),
          t.gql(INITIATE, { input: { dossierCode: code } }, a.citizen),
        ]);
        const opened = online.data?.initiatePayment?.payment;
        if (opened) await payAtPlatform(opened.reference, { outcome: 'paid' });
        return { code, counter, online, opened };
      }),
    );
    for (const r of runs) {
      expect(!r.counter.errors !== !!r.opened).toBe(true); // exactly one of them went through
      if (r.counter.errors) expect(r.counter.errors[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'PLATFORM_PAYMENT_PENDING' });
      else expect(r.online.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOTHING_TO_PAY' });
      expect(await money(r.code)).toEqual({ totalFees: FEES, paidAmount: FEES, paidPayments: 1 });
    }
  });

  it('no counter payment while an online payment is pending; the IPN then credits the fees once', async () => {
    const { a, code } = await awaitingPayment();
    const payment = (await gqlOk(INITIATE, { input: { dossierCode: code } }, a.citizen)).initiatePayment.payment;
    const counter = await t.gql(COUNTER, { input: { dossierCode: code, amount: FEES } }, a.reception);
    expect(counter.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'PLATFORM_PAYMENT_PENDING' });
    expect(await payAtPlatform(payment.reference, { outcome: 'paid' })).toMatchObject({ delivered: true, hubStatus: 200 });
    expect(await money(code)).toEqual({ totalFees: FEES, paidAmount: FEES, paidPayments: 1 });
    expect((await gqlOk(REFUND, { c: code }, a.reception)).dossier.payments).toEqual([
      { reference: payment.reference, status: 'PAID', channel: 'NATIONAL_PLATFORM', amount: FEES, refundDue: 0 },
    ]);
    // Once the online payment has failed, the desk may take the money.
    const { a: a2, code: code2 } = await awaitingPayment();
    const failed = (await gqlOk(INITIATE, { input: { dossierCode: code2 } }, a2.citizen)).initiatePayment.payment;
    expect((await payAtPlatform(failed.reference, { outcome: 'failed' })).hubStatus).toBe(200);
    expect((await gqlOk(COUNTER, { input: { dossierCode: code2, amount: FEES } }, a2.reception)).recordCounterPayment.payment).toMatchObject({ status: 'PAID', amount: FEES });
  });

  it('a PAID IPN beyond what is still owed credits only what is owed, and the rest is flagged for refund and logged', async () => {
    const warn = jest.spyOn(t.hub.services.log, 'warn');
    try {
      for (const paidMeanwhile of [Math.floor(FEES / 3), FEES]) {
        const { a, code } = await awaitingPayment();
        const payment = (await gqlOk(INITIATE, { input: { dossierCode: code } }, a.citizen)).initiatePayment.payment;
        // The fees were (partly) paid some other way while the payer was at the platform (a
        // receipt entered by another system): the hub's own paths refuse that, so it is written here.
        await t.orm.em.getConnection().execute(`update dossier set paid_amount = paid_amount + ? where code = ?`, [paidMeanwhile, code]);
        expect(await payAtPlatform(payment.reference, { outcome: 'paid' })).toMatchObject({ delivered: true, hubStatus: 200 });

        expect((await money(code)).paidAmount).toBe(FEES);
        const refundDue = paidMeanwhile;
        expect((await gqlOk(REFUND, { c: code }, a.reception)).dossier.payments).toEqual([
          { reference: payment.reference, status: 'PAID', channel: 'NATIONAL_PLATFORM', amount: FEES, refundDue },
        ]);
        expect((await gqlOk(REFUND, { c: code }, a.citizen)).dossier.payments[0].refundDue).toBeNull();
        const d = (await gqlOk(STATE, { c: code }, a.citizen)).dossier;
        expect(d).toMatchObject({ status: 'PROCESSING', outstandingFees: 0 });
        const [line] = await t.orm.em.getConnection().execute<{ data: any }[]>(
          `select e.data from dossier_event e join dossier d on d.id = e.dossier_id where d.code = ? and e.action = 'PAYMENT_SETTLED'`,
          [code],
        );
        expect(line.data).toMatchObject({ reference: payment.reference, amount: FEES, credited: FEES - refundDue, refundDue });
        expect(warn).toHaveBeenCalledWith(expect.objectContaining({ reference: payment.reference, refundDue }), expect.stringMatching(/refund/i));
        // Paid online for the scorecard only when the platform payment paid some of the fees.
        const [fact] = await t.orm.em.getConnection().execute<{ paid_online: boolean }[]>(
          `select f.paid_online from dossier_fact f join dossier d on d.id = f.dossier_id where d.code = ?`,
          [code],
        );
        expect(fact.paid_online).toBe(refundDue < FEES);
      }
    } finally {
      warn.mockRestore();
    }
  });

  it('an IPN in another currency than VND is refused with 400 and changes nothing', async () => {
    const { a, code } = await awaitingPayment();
    const payment = (await gqlOk(INITIATE, { input: { dossierCode: code } }, a.citizen)).initiatePayment.payment;
    const usd = await postIpn({ reference: payment.reference, amount: FEES, currency: 'USD' });
    expect(usd.status).toBe(400);
    expect(usd.body.MaLoi).not.toBe('00');
    const d = (await gqlOk(STATE, { c: code }, a.citizen)).dossier;
    expect(d).toMatchObject({ status: 'AWAITING_PAYMENT', outstandingFees: FEES });
    expect(d.payments[0].status).toBe('PENDING');
    expect(await money(code)).toEqual({ totalFees: FEES, paidAmount: 0, paidPayments: 0 });
    // The same message in VND is taken: only the currency was wrong.
    expect((await postIpn({ reference: payment.reference, amount: FEES, currency: 'VND' })).status).toBe(200);
    expect(await money(code)).toEqual({ totalFees: FEES, paidAmount: FEES, paidPayments: 1 });
  });
});

describe('evaluations', () => {
  const EVALUATE = `mutation($input: EvaluateDossierInput!) { evaluateDossier(input: $input) { evaluation { id dossierCode satisfied comment scores { criterion score } } } }`;
  const CRITERIA = ['GUIDANCE_CLARITY', 'FORM_ACCURACY', 'EASE_OF_USE', 'SERVICE_CAPABILITY', 'PROCESSING_TIME', 'STAFF_ATTITUDE', 'ONLINE_RESULT_DELIVERY', 'ONLINE_PAYMENT'];
  const scores = (xs: number[]) => CRITERIA.map((criterion, i) => ({ criterion, score: xs[i] }));
  const RESULT = { documentNumber: '9/2026/GP', signedBy: 'Chủ tịch', fileUrl: 'https://files.example.gov.vn/kq.pdf', sha256: 'c'.repeat(64) };

  it('the applicant rates a finished dossier once, on all eight criteria; satisfied unless the mean is below 3', async () => {
    const { a, code } = await awaitingPayment();
    const input = { dossierCode: code, scores: scores([5, 4, 4, 3, 2, 3, 2, 2]), comment: 'Cán bộ nhiệt tình' };
    expect((await t.gql(EVALUATE, { input }, a.citizen)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_FINISHED' });
    await gqlOk(`mutation($input: RecordCounterPaymentInput!) { recordCounterPayment(input: $input) { payment { status } } }`, { input: { dossierCode: code, amount: FEES } }, a.reception);
    for (const [tok, action] of [[a.specialist, 'SUBMIT_FOR_APPROVAL'], [a.leader, 'APPROVE']] as const) {
      await gqlOk(TRANSITION, { input: { code, action } }, tok);
    }
    await gqlOk(TRANSITION, { input: { code, action: 'ISSUE_RESULT', result: RESULT } }, a.clerk);

    expect((await t.gql(EVALUATE, { input: { ...input, scores: scores([5, 4, 4, 3, 2, 3, 2]).slice(0, 7) } }, a.citizen)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scores' });
    expect((await t.gql(EVALUATE, { input: { ...input, scores: scores([6, 4, 4, 3, 2, 3, 2, 2]) } }, a.citizen)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scores' });
    expect((await t.gql(EVALUATE, { input }, a.reception)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const e = (await gqlOk(EVALUATE, { input }, a.citizen)).evaluateDossier.evaluation;
    expect(e).toMatchObject({ dossierCode: code, satisfied: true, comment: 'Cán bộ nhiệt tình' }); // mean 25/8 = 3.125
    expect(e.scores).toHaveLength(8);
    expect((await t.gql(EVALUATE, { input }, a.citizen)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_EVALUATED' });
    const seen = (await gqlOk(`query($c: String!) { dossier(code: $c) { evaluation { satisfied scores { score } } } }`, { c: code }, a.reception)).dossier;
    expect(seen.evaluation.satisfied).toBe(true);
  });
});
