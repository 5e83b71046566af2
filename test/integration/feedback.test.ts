import { startTestHub, type TestHub } from '../helpers/test-hub';
import { actors, citizen, KHAI_SINH } from '../helpers/dossier-fixtures';
import { WorkingCalendar } from '../../src/domain/working-calendar';

/** PAKN over HTTP: submission without login, every stage with its deadline, visibility, national sync. */
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.stop();
});
afterEach(() => t.setNow(null));

const AGENCY = KHAI_SINH.agencyCodes[0];
const cal = new WorkingCalendar();
const FIELDS = `code status dueAt answeredAt answer isPublic version agency { code } procedure { code } history { action fromStatus toStatus actor note } nationalSync { status }`;
const SUBMIT = `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { feedback { ${FIELDS} } } }`;
const MOVE = `mutation($input: TransitionFeedbackInput!) { transitionFeedback(input: $input) { feedback { ${FIELDS} } } }`;
const ONE = `query($c: String!) { feedback(code: $c) { ${FIELDS} } }`;

const input = (extra: Record<string, unknown> = {}) => ({
  title: 'Chậm trả kết quả khai sinh',
  content: 'Hồ sơ của tôi đã quá hạn hai ngày mà chưa có kết quả.',
  agencyCode: AGENCY,
  procedureCode: KHAI_SINH.code,
  contact: { fullName: citizen().fullName, phone: '0912345678', identityNumber: citizen().identityNumber },
  isPublic: true,
  ...extra,
});

async function move(token: string, i: Record<string, unknown>) {
  const r = await t.gql(MOVE, { input: i }, token);
  expect(r.errors).toBeUndefined();
  return r.data.transitionFeedback.feedback;
}

describe('feedback (PAKN)', () => {
  it('anyone submits with a way to be answered; the code and the first deadline follow domain.md', async () => {
    t.setNow(new Date('2026-12-07T08:00:00+07:00')); // a Monday
    const r = await t.gql(SUBMIT, { input: input() });
    expect(r.errors).toBeUndefined();
    const f = r.data.submitFeedback.feedback;
    expect(f.code).toMatch(/^PAKN\.20261207\.\d{4}$/);
    expect(f).toMatchObject({ status: 'RECEIVED', agency: { code: AGENCY }, procedure: { code: KHAI_SINH.code }, version: 1 });
    expect(new Date(f.dueAt).toISOString()).toBe(cal.dueDate(new Date('2026-12-07T08:00:00+07:00'), 2).toISOString()); // reject ≤ 2 working days
    expect(f.history).toEqual([{ action: 'SUBMIT', fromStatus: null, toStatus: 'RECEIVED', actor: 'anonymous', note: null }]);
    const second = (await t.gql(SUBMIT, { input: input() })).data.submitFeedback.feedback;
    expect(Number(second.code.slice(-4))).toBe(Number(f.code.slice(-4)) + 1);

    const noContact = await t.gql(SUBMIT, { input: input({ contact: { fullName: 'A' } }) });
    expect(noContact.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contact' });
    const badAgency = await t.gql(SUBMIT, { input: input({ agencyCode: 'NOPE' }) });
    expect(badAgency.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'agencyCode' });
  });

  it('goes through every stage with its deadline; readable by the public only once published', async () => {
    const a = await actors(t, AGENCY);
    const other = await actors(t, KHAI_SINH.agencyCodes[1]);
    const receivedAt = new Date('2026-12-07T08:00:00+07:00');
    t.setNow(receivedAt);
    const f = (await t.gql(SUBMIT, { input: input() }, a.citizen)).data.submitFeedback.feedback;
    const code = f.code;

    // Before publication: the public and other agencies see nothing.
    expect((await t.gql(ONE, { c: code })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(ONE, { c: code }, other.reception)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(ONE, { c: code }, a.citizen)).data.feedback.code).toBe(code); // the submitter
    expect((await t.gql(MOVE, { input: { code, action: 'START' } }, other.specialist)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(MOVE, { input: { code, action: 'ANSWER', answer: 'x' } }, a.specialist)).errors?.[0].extensions?.code).toBe('CONFLICT');

    t.setNow(new Date('2026-12-07T09:00:00+07:00'));
    expect((await move(a.reception, { code, action: 'FORWARD', note: 'Chuyển bộ phận hộ tịch' })).status).toBe('FORWARDED');
    const started = await move(a.specialist, { code, action: 'START' });
    expect(started.status).toBe('PROCESSING');
    expect(new Date(started.dueAt).toISOString()).toBe(cal.dueDate(receivedAt, 15).toISOString()); // answer ≤ 15 working days

    t.setNow(new Date('2026-12-08T09:00:00+07:00'));
    const asked = await move(a.specialist, { code, action: 'REQUEST_SUPPLEMENT', note: 'Xin cung cấp mã hồ sơ' });
    expect(asked.status).toBe('SUPPLEMENT_REQUESTED');
    t.setNow(new Date('2026-12-09T09:00:00+07:00')); // one working day later
    const supplied = await move(a.citizen, { code, action: 'SUPPLEMENT', note: 'Mã hồ sơ 000.31.30.H22-261201-0001' });
    expect(supplied.status).toBe('PROCESSING');
    // The wait (one working day) moves the answer deadline by as much.
    expect(new Date(supplied.dueAt).getTime()).toBeGreaterThan(new Date(started.dueAt).getTime());

    const answeredAt = new Date('2026-12-10T10:00:00+07:00');
    t.setNow(answeredAt);
    expect((await t.gql(MOVE, { input: { code, action: 'ANSWER' } }, a.specialist)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'answer' });
    const answered = await move(a.leader, { code, action: 'ANSWER', answer: 'Đã trả kết quả ngày 10/12; xin lỗi ông/bà vì sự chậm trễ.' });
    expect(answered).toMatchObject({ status: 'ANSWERED', answer: expect.stringContaining('xin lỗi') });
    expect(new Date(answered.dueAt).toISOString()).toBe(cal.dueDate(answeredAt, 2).toISOString()); // publish ≤ 2 after answering
    expect((await t.gql(ONE, { c: code })).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const published = await move(a.leader, { code, action: 'PUBLISH' });
    expect(published.status).toBe('PUBLISHED');
    expect(published.history.map((h: any) => h.action)).toEqual(['SUBMIT', 'FORWARD', 'START', 'REQUEST_SUPPLEMENT', 'SUPPLEMENT', 'ANSWER', 'PUBLISH']);
    const seen = await t.gql(ONE, { c: code });
    expect(seen.data.feedback.status).toBe('PUBLISHED');
    const list = await t.gql(`{ feedbacks(first: 50) { totalCount edges { node { code status } } } }`);
    expect(list.data.feedbacks.edges.map((e: any) => e.node.code)).toContain(code);
    expect(list.data.feedbacks.edges.every((e: any) => e.node.status === 'PUBLISHED')).toBe(true);

    // The national portal's PAKN system has every state, the last one published (6).
    await t.hub.services.runJob('outbox-dispatch');
    expect(t.sims.national.feedback(code)?.record).toMatchObject({ MaPAKN: code, TrangThai: 6, CongKhai: 1, DonViTiepNhan: AGENCY });
    expect((await t.gql(ONE, { c: code })).data.feedback.nationalSync.status).toBe('SYNCED');
  });

  it('staff list their agency’s feedback with filters; a private answer is never published', async () => {
    const a = await actors(t, AGENCY);
    const f = (await t.gql(SUBMIT, { input: input({ isPublic: false }) })).data.submitFeedback.feedback;
    await move(a.specialist, { code: f.code, action: 'START' });
    await move(a.specialist, { code: f.code, action: 'ANSWER', answer: 'Đã xử lý' });
    expect((await t.gql(MOVE, { input: { code: f.code, action: 'PUBLISH' } }, a.leader)).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_PUBLIC' });
    const mine = await t.gql(`query($f: FeedbackFilter) { feedbacks(filter: $f, first: 100) { totalCount edges { node { code agency { code } } } } }`, { f: { status: ['ANSWERED'], agencyCode: AGENCY } }, a.reception);
    expect(mine.data.feedbacks.edges.map((e: any) => e.node.code)).toContain(f.code);
    const overdue = await t.gql(`{ feedbacks(filter: { overdue: true }, first: 100) { edges { node { code } } } }`, {}, a.reception);
    expect(overdue.data.feedbacks.edges.map((e: any) => e.node.code)).not.toContain(f.code);
  });
});

describe('published feedback read by the public (issue 9, finding 5)', () => {
  it('shows the question, the answer and the dates: no submitter, no notes, no dossier — on every path', async () => {
    const a = await actors(t, AGENCY);
    const f = (await t.gql(SUBMIT, { input: input({ dossierCode: null }) }, a.citizen)).data.submitFeedback.feedback;
    const code = f.code;
    await move(a.specialist, { code, action: 'START' });
    await move(a.specialist, { code, action: 'REQUEST_SUPPLEMENT', note: 'Xin số điện thoại và địa chỉ' });
    const PRIVATE = 'Gọi tôi số 0987654321, nhà số 12 ngõ 5 phố Nguyễn Trãi';
    await move(a.citizen, { code, action: 'SUPPLEMENT', note: PRIVATE });
    await move(a.leader, { code, action: 'ANSWER', answer: 'Đã giải quyết xong.', note: 'Ghi chú nội bộ của lãnh đạo' });
    await move(a.leader, { code, action: 'PUBLISH' });

    const PUB = `id code title content answer answeredAt submittedAt dossierCode history { at action actor note }`;
    const one = (await t.gql(`query($c: String!) { feedback(code: $c) { ${PUB} } }`, { c: code })).data.feedback;
    const list = (await t.gql(`{ feedbacks(first: 100) { edges { node { ${PUB} } } } }`)).data.feedbacks.edges.map((e: any) => e.node).find((n: any) => n.code === code);
    const node = (await t.gql(`query($id: ID!) { node(id: $id) { ... on Feedback { ${PUB} } } }`, { id: one.id })).data.node;
    const anotherCitizen = await t.token({ roles: ['CITIZEN'], sub: 'someone-else', idn: citizen(7).identityNumber });
    const signedIn = (await t.gql(`query($c: String!) { feedback(code: $c) { ${PUB} } }`, { c: code }, anotherCitizen)).data.feedback;
    for (const seen of [one, list, node, signedIn]) {
      expect(seen).toMatchObject({ code, answer: 'Đã giải quyết xong.', dossierCode: null });
      const text = JSON.stringify(seen);
      expect(text).not.toContain('0987654321');
      expect(text).not.toContain('Nguyễn Trãi');
      expect(text).not.toContain('Ghi chú nội bộ');
      expect(text).not.toContain(`citizen-${citizen().identityNumber}`);
      expect(seen.history.every((h: any) => h.note === null)).toBe(true);
      expect(seen.history.map((h: any) => h.actor)).toEqual(['Người phản ánh', 'Cơ quan giải quyết', 'Cơ quan giải quyết', 'Người phản ánh', 'Cơ quan giải quyết', 'Cơ quan giải quyết']);
    }
    // The submitter and the agency's staff still see the whole log.
    for (const token of [a.citizen, a.reception]) {
      const full = (await t.gql(`query($c: String!) { feedback(code: $c) { history { actor note } } }`, { c: code }, token)).data.feedback;
      expect(full.history.map((h: any) => h.note)).toContain(PRIVATE);
      expect(full.history[0].actor).toBe(`citizen-${citizen().identityNumber}`);
    }
  });
});
