import { startTestHub, type TestHub } from '../helpers/test-hub';
import { actOk, actors, KHAI_SINH, submitInput, submitOk, SUBMIT } from '../helpers/dossier-fixtures';
import { startWebhookReceiver, verifySignature, type WebhookReceiver } from '../helpers/webhook-receiver';
import { vnDateTimeText } from '../../src/domain/vn-time';
import { smsMeasure } from '../../src/domain/notifications';
import { Db } from '../../src/db/sql';
import { attemptsOf } from '../../src/stores/notification.store';
import { httpWebhookSender } from '../../src/connectors/notifiers';

/**
 * Issue 13 over real SMTP and HTTP: the hub's dispatcher against the SMTP sink, the SMS gateway
 * simulator and a webhook receiver of the test's own.
 */
let t: TestHub;
let receiver: WebhookReceiver;
const AGENCY = KHAI_SINH.agencyCodes[0]!;
const TRACKING = 'https://dichvucong.example.gov.vn/tra-cuu?code=';

const NOTIFICATIONS = `query($c: String!) { dossier(code: $c) { notifications { channel recipient template status attempts sentAt lastError } } }`;
const CREATE_WEBHOOK = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id url events agencyCode active } } }`;
const WEBHOOKS = `{ webhooks { id url deliveries(first: 50) { id event status attempts responseStatus lastError deliveredAt nextAttemptAt } } }`;

/** The letters worker, then the dispatcher (an e-mail carries the letter its change issued, drawn first). */
const dispatch = async () => {
  await t.hub.services.runJob('letters');
  return t.hub.services.runJob('notify-dispatch');
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Runs the dispatcher until `done` holds (or fails after `rounds`). */
async function dispatchUntil(done: () => boolean | Promise<boolean>, rounds = 60): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await dispatch();
    if (await done()) return;
    await sleep(60);
  }
  throw new Error('not delivered');
}

beforeAll(async () => {
  t = await startTestHub({
    env: {
      PORTAL_TRACKING_URL: TRACKING,
      NOTIFY_BACKOFF_BASE_MS: '50',
      NOTIFY_BACKOFF_MAX_MS: '200',
      NOTIFY_MAX_ATTEMPTS: '4',
      NOTIFY_TIMEOUT_MS: '1000',
      WEBHOOK_TIMEOUT_MS: '500',
      WEBHOOK_RETRY_SCHEDULE: '100ms,100ms,100ms,100ms,100ms,100ms',
      WEBHOOK_ALLOW_PRIVATE: 'true',
    },
  });
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
  await t.stop();
});
beforeEach(() => {
  t.sims.mail.clearMessages();
  t.sims.mail.setFaults({ mode: 'ok' });
  t.sims.sms.setFaults({ mode: 'ok' });
  t.sims.sms.setAnswerCode('00');
  receiver.mode = 'ok';
});

async function submitWithContact(citizenToken: string, contact: { email?: string; phone?: string }) {
  const input = submitInput(KHAI_SINH);
  return submitOk(t, citizenToken, { ...input, applicant: { ...input.applicant, email: contact.email ?? null, phone: contact.phone ?? null } } as never);
}

describe('citizen notifications', () => {
  it('receipt: an e-mail (due date in Vietnam time, tracking link) and an SMS in one GSM-7 segment, shown on Dossier.notifications', async () => {
    const a = await actors(t, AGENCY);
    const d = await submitWithContact(a.citizen, { email: 'an.nguyen@example.vn', phone: '0912 345 678' });
    const received = await actOk(t, a.reception, { code: d.code, action: 'RECEIVE' });
    // Written with the change, nothing sent yet.
    const before = (await t.gql(NOTIFICATIONS, { c: d.code }, a.citizen)).data.dossier.notifications;
    expect(before).toEqual([
      { channel: 'EMAIL', recipient: 'an.nguyen@example.vn', template: 'RECEIVED', status: 'PENDING', attempts: 0, sentAt: null, lastError: null },
      { channel: 'SMS', recipient: '84912345678', template: 'RECEIVED', status: 'PENDING', attempts: 0, sentAt: null, lastError: null },
    ]);
    t.sims.sms.clearRequests();
    await dispatch();

    const [mail] = t.sims.mail.messages().filter((m) => m.to.includes('an.nguyen@example.vn'));
    expect(mail!.subject).toBe(`Hồ sơ ${d.code} đã được tiếp nhận`);
    // the receipt (Mẫu 01) the same change issued rides along as its PDF
    const letters = (await t.gql(`query($c: String!) { dossier(code: $c) { letters { kind file { fileName sha256 } } } }`, { c: d.code }, a.citizen)).data.dossier.letters;
    const receipt = letters.find((l: any) => l.kind === 'RECEIPT');
    expect(mail!.attachments).toEqual([{ filename: receipt.file.fileName, contentType: 'application/pdf', size: expect.any(Number), sha256: receipt.file.sha256 }]);
    expect(mail!.text).toContain(`Thời gian hẹn trả kết quả: ${vnDateTimeText(new Date(received.dueAt))}.`);
    expect(mail!.text).toContain(`${TRACKING}${d.code}`);
    expect(mail!.text).toContain('Đăng ký khai sinh');
    const sms = t.sims.sms.requests().filter((r) => (r.body as any).phone === '84912345678');
    expect(sms).toHaveLength(1);
    const text = (sms[0]!.body as any).message as string;
    expect(text).toMatch(new RegExp(`^Ho so ${d.code.replace(/\./g, '\\.')} da duoc tiep nhan`));
    expect(smsMeasure(text, true).length).toBeLessThanOrEqual(160);
    expect(text).toContain(vnDateTimeText(new Date(received.dueAt)));

    const after = (await t.gql(NOTIFICATIONS, { c: d.code }, a.reception)).data.dossier.notifications;
    expect(after.map((n: any) => [n.channel, n.status, n.attempts])).toEqual([['EMAIL', 'SENT', 1], ['SMS', 'SENT', 1]]);
    expect(after[0].recipient).toBe('an.nguyen@example.vn'); // staff see it
    // A sector system reading the dossier sees the recipients masked.
    const sector = await t.token({ sub: 'sector-system', roles: ['SECTOR_SYSTEM'], agencies: [AGENCY] });
    const masked = (await t.gql(NOTIFICATIONS, { c: d.code }, sector)).data.dossier.notifications;
    expect(masked.map((n: any) => n.recipient)).toEqual(['a***@example.vn', '********678']);
  });

  it('an e-mail waits for the letter its change issued (drawn right after the commit), then carries it', async () => {
    const a = await actors(t, AGENCY);
    const d = await submitWithContact(a.citizen, { email: 'cho.thu@example.vn' });
    await actOk(t, a.reception, { code: d.code, action: 'RECEIVE' });
    await actOk(t, a.reception, { code: d.code, action: 'REJECT', note: 'Hồ sơ không thuộc thẩm quyền' });
    await t.hub.services.runJob('notify-dispatch'); // the letters worker has not run: nothing goes yet
    expect(t.sims.mail.messages().filter((m) => m.to.includes('cho.thu@example.vn'))).toHaveLength(0);
    const waiting = (await t.gql(NOTIFICATIONS, { c: d.code }, a.reception)).data.dossier.notifications.filter((n: any) => n.channel === 'EMAIL');
    expect(waiting[0]).toMatchObject({ template: 'RECEIVED', status: 'PENDING', lastError: 'waiting for the letter RECEIPT to be issued' });
    await dispatchUntil(() => t.sims.mail.messages().filter((m) => m.to.includes('cho.thu@example.vn')).length === 2);
    const mails = t.sims.mail.messages().filter((m) => m.to.includes('cho.thu@example.vn'));
    const letters = (await t.gql(`query($c: String!) { dossier(code: $c) { letters { kind file { sha256 } } } }`, { c: d.code }, a.citizen)).data.dossier.letters;
    const sha = (kind: string) => letters.find((l: any) => l.kind === kind).file.sha256;
    // in order: the receipt with Mẫu 01, then the rejection with Mẫu 03
    expect(mails.map((m) => m.attachments.map((x) => x.sha256))).toEqual([[sha('RECEIPT')], [sha('REJECTION')]]);
  });

  it('a mail server that is down or refuses delays nothing: the change answers, the message is retried and every attempt recorded', async () => {
    const a = await actors(t, AGENCY);
    const d = await submitWithContact(a.citizen, { email: 'binh.tran@example.vn' });
    t.sims.mail.setFaults({ mode: 'down' });
    const started = Date.now();
    await actOk(t, a.reception, { code: d.code, action: 'RECEIVE' });
    expect(Date.now() - started).toBeLessThan(1000); // the request only writes rows
    await dispatch();
    let [n] = (await t.gql(NOTIFICATIONS, { c: d.code }, a.citizen)).data.dossier.notifications;
    expect(n).toMatchObject({ status: 'PENDING', attempts: 1, lastError: expect.any(String) });
    t.sims.mail.setFaults({ mode: 'error' }); // 451: refused for now
    await sleep(250);
    await dispatch();
    [n] = (await t.gql(NOTIFICATIONS, { c: d.code }, a.citizen)).data.dossier.notifications;
    expect(n).toMatchObject({ status: 'PENDING', attempts: 2, lastError: expect.stringContaining('451') });
    t.sims.mail.setFaults({ mode: 'ok' });
    await dispatchUntil(async () => (await t.gql(NOTIFICATIONS, { c: d.code }, a.citizen)).data.dossier.notifications[0].status === 'SENT');
    expect(t.sims.mail.messages().filter((m) => m.to.includes('binh.tran@example.vn'))).toHaveLength(1);
    const id = (await t.hub.services.forkEm().getConnection().execute(`select id from notification where recipient = 'binh.tran@example.vn'`))[0].id;
    const attempts = await attemptsOf(new Db(t.hub.services.forkEm()), id);
    expect(attempts.map((x) => x.ok)).toEqual([false, false, true]);
  });

  it('an SMS gateway error code is retried; a refused number (permanent) fails at once; after the limit: FAILED', async () => {
    const a = await actors(t, AGENCY);
    const d = await submitWithContact(a.citizen, { phone: '0987654321' });
    t.sims.sms.setAnswerCode('99');
    await actOk(t, a.reception, { code: d.code, action: 'RECEIVE' });
    await dispatch();
    let [n] = (await t.gql(NOTIFICATIONS, { c: d.code }, a.citizen)).data.dossier.notifications;
    expect(n).toMatchObject({ channel: 'SMS', status: 'PENDING', attempts: 1, lastError: expect.stringContaining('gateway code 99') });
    // NOTIFY_MAX_ATTEMPTS=4: dead-lettered (FAILED) after the fourth failure.
    await dispatchUntil(async () => (await t.gql(NOTIFICATIONS, { c: d.code }, a.citizen)).data.dossier.notifications[0].status === 'FAILED');
    [n] = (await t.gql(NOTIFICATIONS, { c: d.code }, a.citizen)).data.dossier.notifications;
    expect(n).toMatchObject({ status: 'FAILED', attempts: 4 });

    t.sims.sms.setAnswerCode('01'); // invalid number: never worth another try
    const d2 = await submitWithContact(a.citizen, { phone: '0987654322' });
    await actOk(t, a.reception, { code: d2.code, action: 'RECEIVE' });
    await dispatch();
    [n] = (await t.gql(NOTIFICATIONS, { c: d2.code }, a.citizen)).data.dossier.notifications;
    expect(n).toMatchObject({ status: 'FAILED', attempts: 1 });
  });

  it('supplement request and rejection carry the note; a dossier without e-mail or phone gets nothing', async () => {
    const a = await actors(t, AGENCY);
    const d = await submitWithContact(a.citizen, { email: 'chi.le@example.vn' });
    await actOk(t, a.reception, { code: d.code, action: 'REQUEST_SUPPLEMENT', note: 'Bổ sung giấy chứng sinh bản chính' });
    const none = await submitWithContact(a.citizen, {});
    await actOk(t, a.reception, { code: none.code, action: 'REJECT', note: 'Không thuộc thẩm quyền' });
    await dispatch();
    const mails = t.sims.mail.messages().filter((m) => m.to.includes('chi.le@example.vn'));
    expect(mails.map((m) => m.subject)).toEqual([`Hồ sơ ${d.code} cần bổ sung, hoàn thiện`]);
    expect(mails[0]!.text).toContain('Bổ sung giấy chứng sinh bản chính');
    expect((await t.gql(NOTIFICATIONS, { c: none.code }, a.citizen)).data.dossier.notifications).toEqual([]);
  });

  it('a PAKN answer reaches its submitter by e-mail', async () => {
    const a = await actors(t, AGENCY);
    const SUBMIT_FEEDBACK = `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { feedback { code } } }`;
    const MOVE = `mutation($input: TransitionFeedbackInput!) { transitionFeedback(input: $input) { feedback { code status } } }`;
    const f = (
      await t.gql(SUBMIT_FEEDBACK, {
        input: { title: 'Chậm trả kết quả', content: 'Hồ sơ quá hạn.', agencyCode: AGENCY, contact: { fullName: 'Lê Văn Dũng', email: 'dung.le@example.vn' }, isPublic: false },
      })
    ).data.submitFeedback.feedback;
    for (const [token, input] of [
      [a.reception, { code: f.code, action: 'FORWARD', note: 'Chuyển bộ phận hộ tịch' }],
      [a.specialist, { code: f.code, action: 'START' }],
      [a.leader, { code: f.code, action: 'ANSWER', answer: 'Kết quả đã được trả ngày 10/12; xin lỗi ông vì sự chậm trễ.' }],
    ] as const) {
      const r = await t.gql(MOVE, { input }, token);
      expect(r.errors).toBeUndefined();
    }
    await dispatch();
    const [mail] = t.sims.mail.messages().filter((m) => m.to.includes('dung.le@example.vn'));
    expect(mail!.subject).toBe(`Phản ánh, kiến nghị ${f.code} đã được trả lời`);
    expect(mail!.text).toContain('xin lỗi ông vì sự chậm trễ');
  });

  it('a malformed e-mail or phone is refused at submission, naming the field', async () => {
    const a = await actors(t, AGENCY);
    const input = submitInput(KHAI_SINH);
    for (const [field, value] of [['email', 'an.nguyen@'], ['email', 'a@b.vn, c@d.vn'], ['phone', '09-12'], ['phone', 'call me']] as const) {
      const r = await t.gql(SUBMIT, { input: { ...input, applicant: { ...input.applicant, [field]: value } } }, a.citizen);
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: expect.stringMatching(new RegExp(`applicant\\.${field}$`)) });
    }
  });
});

describe('webhooks', () => {
  it('ADMIN registers (the secret once); deliveries are signed, in order per dossier, and listed', async () => {
    const admin = await t.token({ sub: 'admin', roles: ['ADMIN'] });
    const a = await actors(t, AGENCY);
    expect((await t.gql(CREATE_WEBHOOK, { input: { url: receiver.url, events: ['DOSSIER_SUBMITTED'] } }, a.reception)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const created = await t.gql(CREATE_WEBHOOK, { input: { url: receiver.url, events: ['DOSSIER_SUBMITTED', 'DOSSIER_STATUS_CHANGED'], agencyCode: AGENCY } }, admin);
    expect(created.errors).toBeUndefined();
    const { secret, webhook } = created.data.createWebhook;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(webhook).toMatchObject({ url: receiver.url, events: ['DOSSIER_SUBMITTED', 'DOSSIER_STATUS_CHANGED'], agencyCode: AGENCY, active: true });
    // Another agency's dossier is not this webhook's.
    const other = KHAI_SINH.agencyCodes[1]!;
    const o = await actors(t, other);
    await submitOk(t, o.citizen, submitInput(KHAI_SINH, { agencyCode: other }));

    const d = await submitOk(t, a.citizen);
    await actOk(t, a.reception, { code: d.code, action: 'RECEIVE' });
    receiver.mode = 'error';
    await dispatch();
    let list = (await t.gql(WEBHOOKS, {}, admin)).data.webhooks[0].deliveries;
    expect(list).toHaveLength(2);
    // The first event failed (500) and the second waits behind it: in order per dossier.
    expect(list.map((x: any) => [x.event, x.status, x.attempts, x.responseStatus])).toEqual([
      ['DOSSIER_STATUS_CHANGED', 'PENDING', 0, null],
      ['DOSSIER_SUBMITTED', 'PENDING', 1, 500],
    ]);
    receiver.mode = 'ok';
    await dispatchUntil(() => receiver.all.length >= 2);
    const got = receiver.unique();
    expect(got.map((x) => x.payload.type)).toEqual(['DOSSIER_SUBMITTED', 'DOSSIER_STATUS_CHANGED']);
    for (const x of got) {
      expect(verifySignature(secret, x.id, x.timestamp, x.body, x.signature)).toBe(true);
      expect(x.payload.id).toBe(x.id);
      expect(Math.abs(Number(x.timestamp) - Date.now() / 1000)).toBeLessThan(60);
    }
    expect(got[0]!.payload.data).toMatchObject({ code: d.code, agencyCode: AGENCY, status: 'SUBMITTED' });
    expect(got[1]!.payload.data).toMatchObject({ code: d.code, action: 'RECEIVE', previousStatus: 'SUBMITTED', status: 'PROCESSING' });
    expect(verifySignature('whsec_wrong', got[0]!.id, got[0]!.timestamp, got[0]!.body, got[0]!.signature)).toBe(false);

    list = (await t.gql(WEBHOOKS, {}, admin)).data.webhooks[0].deliveries;
    expect(list.map((x: any) => [x.status, x.responseStatus])).toEqual([['SENT', 204], ['SENT', 204]]);

    // Redelivery: the same id again (the receiver dedupes).
    const REDELIVER = `mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id status } }`;
    const r = await t.gql(REDELIVER, { id: list[1].id }, admin);
    expect(r.data.redeliverWebhook).toMatchObject({ id: list[1].id, status: 'PENDING' });
    await dispatchUntil(() => receiver.all.length >= 3);
    expect(receiver.all[2]!.id).toBe(got[0]!.id);
    expect(receiver.unique()).toHaveLength(2);

    const DELETE = `mutation($id: ID!) { deleteWebhook(id: $id) }`;
    expect((await t.gql(DELETE, { id: webhook.id }, admin)).data.deleteWebhook).toBe(true);
    expect((await t.gql(WEBHOOKS, {}, admin)).data.webhooks).toEqual([]);
    expect((await t.gql(DELETE, { id: webhook.id }, admin)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('a sector system hears of a new PAKN for its agency and of each change to it (FEEDBACK_CHANGED), in order', async () => {
    const admin = await t.token({ sub: 'admin', roles: ['ADMIN'] });
    const a = await actors(t, AGENCY);
    const { webhook } = (await t.gql(CREATE_WEBHOOK, { input: { url: receiver.url, events: ['FEEDBACK_CHANGED'], agencyCode: AGENCY } }, admin)).data.createWebhook;
    receiver.mode = 'ok';
    const SUBMIT_FEEDBACK = `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { feedback { code } } }`;
    const submit = async (agencyCode: string) =>
      (await t.gql(SUBMIT_FEEDBACK, { input: { title: 'Thái độ phục vụ', content: 'Cán bộ hướng dẫn chưa rõ.', agencyCode, contact: { fullName: 'Vũ Thị Hằng', email: 'hang.vu@example.vn' }, isPublic: false } })).data.submitFeedback.feedback
        .code as string;
    const mine = await submit(AGENCY);
    await submit(KHAI_SINH.agencyCodes[1]!); // another agency's: not this webhook's
    const moved = await t.gql(`mutation($input: TransitionFeedbackInput!) { transitionFeedback(input: $input) { feedback { status } } }`, { input: { code: mine, action: 'FORWARD', note: 'Chuyển bộ phận một cửa' } }, a.reception);
    expect(moved.errors).toBeUndefined();
    const heard = () => receiver.unique().filter((x) => x.payload.type === 'FEEDBACK_CHANGED');
    await dispatchUntil(() => heard().length >= 2);
    expect(heard().map((x) => x.payload.data)).toEqual([
      expect.objectContaining({ code: mine, agencyCode: AGENCY, action: 'SUBMIT', previousStatus: null, status: 'RECEIVED' }),
      expect.objectContaining({ code: mine, action: 'FORWARD', previousStatus: 'RECEIVED' }),
    ]);
    await t.gql(`mutation($id: ID!) { deleteWebhook(id: $id) }`, { id: webhook.id }, admin);
  });

  it('a receiver that hangs is timed out and retried on the schedule, then FAILED', async () => {
    const admin = await t.token({ sub: 'admin', roles: ['ADMIN'] });
    const { webhook } = (await t.gql(CREATE_WEBHOOK, { input: { url: receiver.url, events: ['DOSSIER_SUBMITTED'] } }, admin)).data.createWebhook;
    receiver.mode = 'hang';
    const a = await actors(t, AGENCY);
    await submitOk(t, a.citizen);
    const q = `query { webhooks { id deliveries { status attempts lastError } } }`;
    const mine = async () => (await t.gql(q, {}, admin)).data.webhooks.find((w: any) => w.id === webhook.id).deliveries[0];
    await dispatchUntil(async () => (await mine()).status === 'FAILED');
    expect(await mine()).toMatchObject({ status: 'FAILED', attempts: 7, lastError: expect.stringContaining('no answer within 500 ms') });
    await t.gql(`mutation($id: ID!) { deleteWebhook(id: $id) }`, { id: webhook.id }, admin);
  });

  it('URLs: refused when not http(s); private addresses are refused at delivery time without WEBHOOK_ALLOW_PRIVATE', async () => {
    const admin = await t.token({ sub: 'admin', roles: ['ADMIN'] });
    const bad = await t.gql(CREATE_WEBHOOK, { input: { url: 'ftp://example.vn/x', events: ['DOSSIER_SUBMITTED'] } }, admin);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: expect.stringMatching(/url$/) });
    const strict = httpWebhookSender({ timeoutMs: 500, allowPrivate: false, production: false });
    const port = new URL(receiver.url).port;
    const before = receiver.all.length;
    for (const url of [`http://localhost:${port}/hooks/dvc`, `http://127.0.0.1:${port}/hooks/dvc`, `http://[::1]:${port}/x`, 'http://169.254.169.254/latest/meta-data']) {
      const o = await strict.send({ url, id: 'x', timestamp: '1', body: '{}', secret: 's' });
      expect(o).toMatchObject({ ok: false, error: expect.stringMatching(/private address/) });
    }
    expect(receiver.all.length).toBe(before); // nothing reached it
    const prod = httpWebhookSender({ timeoutMs: 500, allowPrivate: true, production: true });
    expect(await prod.send({ url: 'http://example.vn/x', id: 'x', timestamp: '1', body: '{}', secret: 's' })).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/https/) });
  });
});

describe('graphql-ws', () => {
  it("a new submission publishes SUBMIT on its agency's dossierStatusChanged stream", async () => {
    const a = await actors(t, AGENCY);
    const sub = await t.subscribe(`subscription($a: String) { dossierStatusChanged(agencyCode: $a) { code action previousStatus status } }`, { a: AGENCY }, a.reception);
    const d = await submitOk(t, a.citizen);
    const e = await sub.next();
    expect(e.dossierStatusChanged).toEqual({ code: d.code, action: 'SUBMIT', previousStatus: null, status: 'SUBMITTED' });
    await sub.close();
  });
});
