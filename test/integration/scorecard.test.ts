import { startTestHub, type TestHub } from '../helpers/test-hub';
import { actors, KHAI_SINH, SUBMIT, submitInput, TRANSITION, WITH_FEES, submitOk } from '../helpers/dossier-fixtures';

/**
 * The QĐ 766 scorecard over a small fixture of dossiers made through the API, against figures
 * computed by hand below, and scorecardUpdated pushing a fresh one after a change.
 */
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.stop();
});

const AGENCY = '000.31.30.H22'; // carries out both procedures
const DAY = '2026-12-01'; // a Tuesday
const at = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+07:00`);
const RESULT = { documentNumber: '1/2026/TLKS', signedBy: 'Chủ tịch UBND', fileUrl: 'https://files.example.gov.vn/kq.pdf', sha256: 'd'.repeat(64) };
const CARD = `query($a: String, $f: Date!, $t: Date!) { scorecard(agencyCode: $a, from: $f, to: $t) {
  agency { code } from to totalScore maxScore groups { group score maxScore } indicators { key group numerator denominator ratio score maxScore } } }`;

async function ok(query: string, variables: Record<string, unknown>, token?: string) {
  const r = await t.gql(query, variables, token);
  expect(r.errors).toBeUndefined();
  return r.data;
}

describe('scorecard', () => {
  it('computes every group of a fixture as worked out by hand', async () => {
    expect(KHAI_SINH.agencyCodes).toContain(AGENCY);
    expect(WITH_FEES.agencyCodes).toContain(AGENCY);
    const a = await actors(t, AGENCY);
    const submit = async (input: any, token = a.citizen) => (await submitOk(t, token, input)).code as string;
    const act = (token: string, input: Record<string, unknown>) => ok(TRANSITION, { input }, token);

    t.setNow(at('08:00'));
    // D1 Khai sinh (FULL_ONLINE, free), online: finished on time with an electronic result; rated poorly later.
    const d1 = await submit(submitInput(KHAI_SINH, { agencyCode: AGENCY }));
    // D2 Khai sinh online: still being processed, within time at 10:00 (due 14:00: 0.5 working day).
    const d2 = await submit(submitInput(KHAI_SINH, { agencyCode: AGENCY }));
    // D3 Khai sinh at the counter: asked for papers twice (late by the supplement rule).
    const d3 = await submit(submitInput(KHAI_SINH, { agencyCode: AGENCY, channel: 'COUNTER' }), a.reception);
    // D4, D5 Đăng ký nhận cha, mẹ, con (PARTIAL_ONLINE, 15,000 VND): one paid online, one at the counter.
    const d4 = await submit(submitInput(WITH_FEES, { agencyCode: AGENCY }));
    const d5 = await submit(submitInput(WITH_FEES, { agencyCode: AGENCY }));
    // D6: submitted, never received: not in the period's received dossiers.
    await submit(submitInput(KHAI_SINH, { agencyCode: AGENCY }));
    for (const code of [d1, d2, d3, d4, d5]) await act(a.reception, { code, action: 'RECEIVE' });

    t.setNow(at('09:00'));
    await act(a.specialist, { code: d1, action: 'SUBMIT_FOR_APPROVAL' });
    await act(a.leader, { code: d1, action: 'APPROVE' });
    await act(a.clerk, { code: d1, action: 'ISSUE_RESULT', result: RESULT });
    await act(a.reception, { code: d1, action: 'DELIVER' });
    await act(a.reception, { code: d3, action: 'REQUEST_SUPPLEMENT', note: 'Thiếu giấy chứng sinh' });
    await act(a.citizen, { code: d3, action: 'SUPPLEMENT', note: 'Đã bổ sung' });
    await act(a.reception, { code: d3, action: 'REQUEST_SUPPLEMENT', note: 'Thiếu CCCD của mẹ', apologyLetter: 'Xin lỗi vì hướng dẫn chưa đầy đủ' });
    for (const code of [d4, d5]) await act(a.reception, { code, action: 'REQUEST_PAYMENT', note: 'Nộp lệ phí' });
    const pay = (await ok(`mutation($i: InitiatePaymentInput!) { initiatePayment(input: $i) { payment { reference } } }`, { i: { dossierCode: d4 } }, a.citizen)).initiatePayment.payment;
    const paid = await fetch(`${t.sims.urls.payment}/_sim/pay/${pay.reference}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcome: 'paid' }) });
    expect(((await paid.json()) as any).hubStatus).toBe(200);
    await ok(`mutation($i: RecordCounterPaymentInput!) { recordCounterPayment(input: $i) { payment { status } } }`, { i: { dossierCode: d5, amount: 15000 } }, a.reception);
    const poor = ['GUIDANCE_CLARITY', 'FORM_ACCURACY', 'EASE_OF_USE', 'SERVICE_CAPABILITY', 'PROCESSING_TIME', 'STAFF_ATTITUDE', 'ONLINE_RESULT_DELIVERY', 'ONLINE_PAYMENT'].map((criterion) => ({ criterion, score: 2 }));
    await ok(`mutation($i: EvaluateDossierInput!) { evaluateDossier(input: $i) { evaluation { satisfied } } }`, { i: { dossierCode: d1, scores: poor } }, a.citizen);
    await t.hub.services.runJob('outbox-dispatch'); // every message delivered: all five synced

    t.setNow(at('10:00'));
    const admin = await t.token({ roles: ['OBSERVER'] });
    const card = (await ok(CARD, { a: null, f: DAY, t: DAY }, admin)).scorecard;
    const ind = Object.fromEntries(card.indicators.map((i: any) => [i.key, i]));

    // Received in the period: D1–D5 (5). Late: D3 (two supplement requests). Finished on time: D1.
    // Unfinished within time: D2, D4, D5. PROGRESS = 20 × (1 + 3) / 5 = 16.
    expect(ind.PROGRESS_ON_TIME).toMatchObject({ numerator: 4, denominator: 5, ratio: 80, score: 16 });
    // FULL_ONLINE dossiers: D1, D2, D3 (Khai sinh); online among them D1, D2: 12 × 2/3 = 8.
    expect(ind.ONLINE_SERVICE_FULL_ONLINE).toMatchObject({ numerator: 2, denominator: 3, score: 8 });
    // TRANSPARENCY: announcement/publication dates unknown (0 + 0); 42/42 demo procedures complete (2);
    // 5/5 dossiers synced (6): 8.
    expect(ind.TRANSPARENCY_ANNOUNCED_ON_TIME).toMatchObject({ numerator: 0, denominator: 0, ratio: null, score: 0 });
    expect(ind.TRANSPARENCY_PUBLISHED_COMPLETE).toMatchObject({ numerator: 42, denominator: 42, score: 2 });
    expect(ind.TRANSPARENCY_SYNCED).toMatchObject({ numerator: 5, denominator: 5, score: 6 });
    // DIGITIZATION: electronic result 1/1 (6); required components 10/10 (2 per dossier) (4);
    // e-certified, reused, linked unknown (0); citizens checked 5/5 (2); procedures using
    // population data 2/42 = 4.76 % → 2 × 4.7619 / 100 = 0.095 → 0.10. Total 12.10.
    expect(ind.DIGITIZATION_ELECTRONIC_RESULTS).toMatchObject({ numerator: 1, denominator: 1, score: 6 });
    expect(ind.DIGITIZATION_COMPONENTS).toMatchObject({ numerator: 10, denominator: 10, score: 4 });
    expect(ind.DIGITIZATION_POPULATION_DOSSIERS).toMatchObject({ numerator: 5, denominator: 5, score: 2 });
    expect(ind.DIGITIZATION_POPULATION_PROCEDURES).toMatchObject({ numerator: 2, denominator: 42, ratio: 4.76, score: 0.1 });
    // SATISFACTION: no PAKN in the period, so its 12 points go to dossier satisfaction (max 18,
    // full at 90 %): (5 − 1 late − 1 unsatisfied D1) / 5 = 60 % → 18 × 60 / 90 = 12.
    expect(ind.SATISFACTION_DOSSIERS).toMatchObject({ numerator: 3, denominator: 5, ratio: 60, score: 12, maxScore: 18 });
    // ONLINE_PAYMENT: dossiers with fees D4, D5; paid online D4: 10 × 1/2 = 5.
    expect(ind.ONLINE_PAYMENT).toMatchObject({ numerator: 1, denominator: 2, score: 5 });
    expect(card.groups).toEqual([
      { group: 'TRANSPARENCY', score: 8, maxScore: 18 },
      { group: 'PROGRESS', score: 16, maxScore: 20 },
      { group: 'ONLINE_SERVICE', score: 8, maxScore: 12 },
      { group: 'DIGITIZATION', score: 12.1, maxScore: 22 },
      { group: 'SATISFACTION', score: 12, maxScore: 18 },
      { group: 'ONLINE_PAYMENT', score: 5, maxScore: 10 },
    ]);
    expect(card).toMatchObject({ agency: null, from: DAY, to: DAY, totalScore: 61.1, maxScore: 100 });

    // Scoped to the agency: the same dossiers; another agency had none.
    expect((await ok(CARD, { a: AGENCY, f: DAY, t: DAY }, admin)).scorecard.indicators.find((i: any) => i.key === 'PROGRESS_ON_TIME')).toMatchObject({ denominator: 5 });
    const other = (await ok(CARD, { a: '000.31.31.H22', f: DAY, t: DAY }, admin)).scorecard;
    expect(other.indicators.find((i: any) => i.key === 'PROGRESS_ON_TIME')).toMatchObject({ denominator: 0, ratio: null });

    // Arguments and access.
    expect((await t.gql(CARD, { a: null, f: DAY, t: '2026-11-01' }, admin)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect((await t.gql(CARD, { a: 'NOPE', f: DAY, t: DAY }, admin)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'agencyCode' });
    expect((await t.gql(CARD, { a: null, f: DAY, t: DAY })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(CARD, { a: null, f: DAY, t: DAY }, a.citizen)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    t.setNow(null);
  });

  it('scorecardUpdated sends the current scorecard as soon as a subscription starts, with no change', async () => {
    // In the fixture's quarter, so the figures are not all zero.
    const now = new Date(`2026-12-15T10:00:00+07:00`);
    t.setNow(now);
    try {
      const observer = await t.token({ roles: ['OBSERVER'] });
      const FIELDS = `agency { code } from to totalScore indicators { key numerator denominator score }`;
      const expected = await ok(`query($a: String, $f: Date!, $t: Date!) { scorecard(agencyCode: $a, from: $f, to: $t) { ${FIELDS} } }`, { a: AGENCY, f: '2026-10-01', t: '2026-12-15' }, observer);
      expect(expected.scorecard.indicators.find((i: any) => i.key === 'PROGRESS_ON_TIME').denominator).toBeGreaterThan(0);
      const province = await ok(`query($f: Date!, $t: Date!) { scorecard(from: $f, to: $t) { ${FIELDS} } }`, { f: '2026-10-01', t: '2026-12-15' }, observer);
      // Let the feed settle: the earlier test's changes mark scopes dirty, and the feed's timer
      // (every second) clears them; after that, nothing but a subscription start sends a card.
      await new Promise((r) => setTimeout(r, 2500));
      // Two subscribers of one agency and one of the province, all at once.
      const subs = await Promise.all([
        t.subscribe(`subscription($a: String) { scorecardUpdated(agencyCode: $a) { ${FIELDS} } }`, { a: AGENCY }, observer),
        t.subscribe(`subscription($a: String) { scorecardUpdated(agencyCode: $a) { ${FIELDS} } }`, { a: AGENCY }, observer),
        t.subscribe(`subscription { scorecardUpdated { ${FIELDS} } }`, {}, observer),
      ]);
      const firsts = await Promise.all(subs.map((s) => s.next(3000)));
      expect(firsts[0].scorecardUpdated).toEqual(expected.scorecard);
      expect(firsts[1].scorecardUpdated).toEqual(expected.scorecard);
      expect(firsts[2].scorecardUpdated).toEqual(province.scorecard);
      // Nothing changed: nothing more comes.
      await expect(subs[0].next(1500)).rejects.toThrow(/within/);
      await Promise.all(subs.map((s) => s.close()));
    } finally {
      t.setNow(null);
    }
  });

  it('scorecardUpdated pushes a fresh scorecard after a change', async () => {
    const a = await actors(t, AGENCY);
    const observer = await t.token({ roles: ['OBSERVER'] });
    const sub = await t.subscribe(`subscription($a: String) { scorecardUpdated(agencyCode: $a) { agency { code } totalScore indicators { key denominator } } }`, { a: AGENCY }, observer);
    const code = (await submitOk(t, a.citizen, submitInput(KHAI_SINH, { agencyCode: AGENCY }))).code;
    await ok(TRANSITION, { input: { code, action: 'RECEIVE' } }, a.reception);
    // A push may still be on its way for the earlier test's changes; the one after this receipt counts it.
    let pushed;
    do pushed = (await sub.next(4000)).scorecardUpdated;
    while (pushed.indicators.find((i: any) => i.key === 'PROGRESS_ON_TIME').denominator < 1);
    expect(pushed.agency).toEqual({ code: AGENCY });
    await sub.close();
  });
});
