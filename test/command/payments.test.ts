import { startTestHub, type TestHub } from '../helpers/test-hub';
import { runAs, viewerOf } from '../helpers/commands';
import { actors, citizen, submitInput, submitOk, TRANSITION, WITH_FEES } from '../helpers/dossier-fixtures';
import { Viewer } from '../../src/auth/viewer';
import { DomainError } from '../../src/errors';
import { initiatePayment } from '../../src/commands/initiate-payment.command';
import { recordCounterPayment } from '../../src/commands/record-counter-payment.command';
import { settlePayment, AMOUNT_MISMATCH } from '../../src/commands/settle-payment.command';
import { evaluateDossier } from '../../src/commands/evaluate-dossier.command';
import { EVALUATION_CRITERIA } from '../../src/domain/evaluation';

/**
 * The payment and evaluation commands run directly (no HTTP) against the test hub's database,
 * with the payment platform simulator behind initiatePayment. The dossiers they work on are
 * brought to AWAITING_PAYMENT through the API.
 */
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.stop();
});

const AGENCY = WITH_FEES.agencyCodes[0];
const FEES = WITH_FEES.fees.reduce((s, f) => s + f.amount, 0);
const APPLICANT = citizen().identityNumber;
const applicant = viewerOf({ sub: `citizen-${APPLICANT}`, roles: ['CITIZEN'], idn: APPLICANT });
const reception = viewerOf({ sub: `reception@${AGENCY}`, roles: ['RECEPTION_OFFICER'], agencies: [AGENCY] });
const platform = Viewer.system('payment-platform');

async function gqlOk(query: string, variables: Record<string, unknown>, token: string) {
  const r = await t.gql(query, variables, token);
  expect(r.errors).toBeUndefined();
  return r.data;
}

/** A dossier of a procedure with fees, received and waiting for payment. */
async function awaitingPayment() {
  const a = await actors(t, AGENCY);
  const code = (await submitOk(t, a.citizen, submitInput(WITH_FEES))).code as string;
  await gqlOk(TRANSITION, { input: { code, action: 'RECEIVE' } }, a.reception);
  await gqlOk(TRANSITION, { input: { code, action: 'REQUEST_PAYMENT' } }, a.reception);
  return { a, code };
}

/** What the database holds for the dossier's money and log. */
async function money(code: string) {
  const [r] = await t.orm.em.getConnection().execute<{ paid_amount: number; version: number; paid: string; settled: string }[]>(
    `select d.paid_amount, d.version,
            (select count(*) from payment p where p.dossier_id = d.id and p.status = 'PAID') as paid,
            (select count(*) from dossier_event e where e.dossier_id = d.id and e.action = 'PAYMENT_SETTLED') as settled
       from dossier d where d.code = ?`,
    [code],
  );
  return { paidAmount: r.paid_amount, version: r.version, paidPayments: Number(r.paid), settledLines: Number(r.settled) };
}

/** The error a command was refused with. */
async function refusal(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

/** paymentStatusChanged events of a dossier published while `fn` runs (and shortly after). */
async function paymentEventsDuring(code: string, fn: () => Promise<unknown>): Promise<{ status: string; reference: string }[]> {
  const events: { status: string; reference: string }[] = [];
  const it = t.hub.services.pubSub.subscribe('PAYMENT_STATUS', code)[Symbol.asyncIterator]();
  const reading = (async () => {
    for (;;) {
      const n = await it.next();
      if (n.done) return;
      events.push(n.value);
    }
  })();
  try {
    await fn();
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    await it.return?.();
    await reading;
  }
  return events;
}

describe('recordCounterPayment', () => {
  it('many at once for the whole fees: one is taken, the others are refused, the fees are credited once and published once', async () => {
    const { code } = await awaitingPayment();
    const before = await money(code);
    let results: PromiseSettledResult<unknown>[] = [];
    const events = await paymentEventsDuring(code, async () => {
      results = await Promise.allSettled(Array.from({ length: 10 }, () => runAs(t, reception, recordCounterPayment, { dossierCode: code, amount: FEES })));
    });
    const taken = results.filter((r) => r.status === 'fulfilled');
    expect(taken).toHaveLength(1);
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) {
      expect(r.reason).toBeInstanceOf(DomainError);
      const e = r.reason as DomainError;
      expect(e.code === 'CONFLICT' ? e.reason : `${e.code}:${e.field}`).toMatch(/^(NOTHING_TO_PAY|BAD_USER_INPUT:amount)$/);
    }
    expect(await money(code)).toEqual({ paidAmount: FEES, version: before.version + 1, paidPayments: 1, settledLines: 1 });
    expect(events).toEqual([expect.objectContaining({ status: 'PAID' })]);
  });

  it('is refused while an online payment is PENDING, and nothing is written', async () => {
    const { code } = await awaitingPayment();
    const online = await runAs(t, applicant, initiatePayment, { dossierCode: code });
    expect(online).toMatchObject({ status: 'PENDING', channel: 'NATIONAL_PLATFORM', amount: FEES });
    const before = await money(code);
    const e = await refusal(runAs(t, reception, recordCounterPayment, { dossierCode: code, amount: FEES }));
    expect(e).toMatchObject({ code: 'CONFLICT', reason: 'PLATFORM_PAYMENT_PENDING' });
    expect(await money(code)).toEqual(before);
  });

  it('authorizes first: a citizen, or staff of another agency, is FORBIDDEN', async () => {
    const { code } = await awaitingPayment();
    expect(await refusal(runAs(t, applicant, recordCounterPayment, { dossierCode: code, amount: FEES }))).toMatchObject({ code: 'FORBIDDEN' });
    const elsewhere = viewerOf({ roles: ['RECEPTION_OFFICER'], agencies: ['NOT-' + AGENCY] });
    expect(await refusal(runAs(t, elsewhere, recordCounterPayment, { dossierCode: code, amount: FEES }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(runAs(t, Viewer.anonymous(), recordCounterPayment, { dossierCode: code, amount: FEES }))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await money(code)).paidAmount).toBe(0);
  });
});

describe('settlePayment', () => {
  it('the same settlement twice: the second changes nothing and publishes nothing', async () => {
    const { code } = await awaitingPayment();
    const p = await runAs(t, applicant, initiatePayment, { dossierCode: code });
    const settle = () => runAs(t, platform, settlePayment, { reference: p.reference, status: 'PAID', amount: FEES, transactionId: 'GD1', at: new Date() });

    let first: Awaited<ReturnType<typeof settle>> | undefined;
    const firstEvents = await paymentEventsDuring(code, async () => (first = await settle()));
    expect(first).toMatchObject({ changed: true, payment: { status: 'PAID', transactionId: 'GD1', refundDue: 0 } });
    expect(first!.dossierChange?.dossier.status).toBe('PROCESSING');
    expect(firstEvents).toEqual([expect.objectContaining({ status: 'PAID', reference: p.reference })]);
    const after = await money(code);
    expect(after).toMatchObject({ paidAmount: FEES, paidPayments: 1, settledLines: 1 });

    let second: Awaited<ReturnType<typeof settle>> | undefined;
    const secondEvents = await paymentEventsDuring(code, async () => (second = await settle()));
    expect(second).toMatchObject({ changed: false, dossierChange: null, payment: { status: 'PAID' } });
    expect(secondEvents).toEqual([]);
    expect(await money(code)).toEqual(after);
  });

  it('only the hub itself settles; an amount that is not the payment’s is refused and nothing changes', async () => {
    const { code } = await awaitingPayment();
    const p = await runAs(t, applicant, initiatePayment, { dossierCode: code });
    const input = { reference: p.reference, status: 'PAID' as const, amount: FEES, at: new Date() };
    expect(await refusal(runAs(t, reception, settlePayment, input))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(runAs(t, platform, settlePayment, { ...input, amount: FEES + 1 }))).toMatchObject({ code: 'BAD_USER_INPUT', reason: AMOUNT_MISMATCH });
    expect(await refusal(runAs(t, platform, settlePayment, { ...input, reference: 'HG-NO-SUCH' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await money(code)).toMatchObject({ paidAmount: 0, paidPayments: 0, settledLines: 0 });
    const r = await runAs(t, Viewer.system('payment-reconciliation'), settlePayment, input);
    expect(r.changed).toBe(true);
    const [line] = await t.orm.em.getConnection().execute<{ actor: string }[]>(
      `select e.actor from dossier_event e join dossier d on d.id = e.dossier_id where d.code = ? and e.action = 'PAYMENT_SETTLED'`,
      [code],
    );
    expect(line.actor).toBe('system:payment-reconciliation');
  });
});

describe('initiatePayment', () => {
  it('commits the PENDING row before asking the platform (never inside a transaction)', async () => {
    const { code } = await awaitingPayment();
    t.sims.payment.setFaults({ mode: 'slow', latencyMs: 400 });
    try {
      const opening = runAs(t, applicant, initiatePayment, { dossierCode: code });
      await new Promise((r) => setTimeout(r, 200));
      // Another connection already sees the payment while the platform has not answered.
      const seen = await t.orm.em.getConnection().execute<{ status: string; payment_url: string | null }[]>(
        `select p.status, p.payment_url from payment p join dossier d on d.id = p.dossier_id where d.code = ?`,
        [code],
      );
      expect(seen).toEqual([{ status: 'PENDING', payment_url: null }]);
      expect((await opening).paymentUrl).toContain(t.sims.urls.payment);
    } finally {
      t.sims.payment.setFaults({ mode: 'ok' });
    }
  });
});

describe('evaluateDossier', () => {
  const scores = EVALUATION_CRITERIA.map((criterion) => ({ criterion, score: 4 }));
  const RESULT = { documentNumber: '9/2026/GP', signedBy: 'Chủ tịch', fileUrl: 'https://files.example.gov.vn/kq.pdf', sha256: 'c'.repeat(64) };

  it('not before the result; then once only, even when sent many times at once; the province scorecard is marked', async () => {
    const { a, code } = await awaitingPayment();
    expect(await refusal(runAs(t, applicant, evaluateDossier, { dossierCode: code, scores }))).toMatchObject({ code: 'CONFLICT', reason: 'NOT_FINISHED' });
    await runAs(t, reception, recordCounterPayment, { dossierCode: code, amount: FEES });
    for (const [tok, action] of [[a.specialist, 'SUBMIT_FOR_APPROVAL'], [a.leader, 'APPROVE']] as const) await gqlOk(TRANSITION, { input: { code, action } }, tok);
    await gqlOk(TRANSITION, { input: { code, action: 'ISSUE_RESULT', result: RESULT } }, a.clerk);

    expect(await refusal(runAs(t, reception, evaluateDossier, { dossierCode: code, scores }))).toMatchObject({ code: 'FORBIDDEN' });
    const markDirty = jest.spyOn(t.hub.services.scorecardFeed, 'markDirty');
    try {
      const rs = await Promise.allSettled(Array.from({ length: 5 }, () => runAs(t, applicant, evaluateDossier, { dossierCode: code, scores, comment: 'Tốt' })));
      const ok = rs.filter((r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof evaluateDossier>>> => r.status === 'fulfilled');
      expect(ok).toHaveLength(1);
      expect(ok[0].value).toMatchObject({ dossierCode: code, satisfied: true, comment: 'Tốt' });
      for (const r of rs) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_EVALUATED' });
      expect(markDirty.mock.calls).toEqual([[null]]);
    } finally {
      markDirty.mockRestore();
    }
    const [n] = await t.orm.em.getConnection().execute<{ n: string }[]>(
      `select count(*) as n from evaluation e join dossier d on d.id = e.dossier_id where d.code = ?`,
      [code],
    );
    expect(Number(n.n)).toBe(1);
  });
});
