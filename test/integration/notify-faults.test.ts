import { startTestHub, type TestHub } from '../helpers/test-hub';
import { actOk, actors, KHAI_SINH, submitInput, submitOk } from '../helpers/dossier-fixtures';
import { startWebhookReceiver, verifySignature, type WebhookReceiver } from '../helpers/webhook-receiver';

/**
 * The fault test of issue 13: the SMTP sink and the webhook receiver are down while dossiers
 * change under load; they come back; every message arrives (at least once: the receiver
 * dedupes by id) and, per dossier, in the order the changes were made. The hub's own jobs run
 * (JOBS_ENABLED), kicked after each commit and on their schedule.
 */
let t: TestHub;
let receiver: WebhookReceiver;
const AGENCY = KHAI_SINH.agencyCodes[0]!;
const DOSSIERS = 24;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  t = await startTestHub({
    env: {
      JOBS_ENABLED: 'true',
      JOB_NOTIFY_SCHEDULE: '* * * * * *',
      NOTIFY_BACKOFF_BASE_MS: '100',
      NOTIFY_BACKOFF_MAX_MS: '400',
      NOTIFY_MAX_ATTEMPTS: '100',
      NOTIFY_TIMEOUT_MS: '1000',
      WEBHOOK_TIMEOUT_MS: '500',
      // 40 s of retries: on a loaded CI machine the load phase alone can outlast a shorter schedule,
      // and deliveries would be given up (FAILED) before the receiver comes back.
      WEBHOOK_RETRY_SCHEDULE: Array.from({ length: 200 }, () => '200ms').join(','),
      WEBHOOK_ALLOW_PRIVATE: 'true',
      // What is tested here is delivery through faults, not the letters: e-mails go without waiting for theirs.
      NOTIFY_LETTER_WAIT_MS: '0',
    },
  });
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
  await t.stop();
});

it('SMTP sink and webhook receiver down under load, then back: every message delivered, in order per dossier', async () => {
  const admin = await t.token({ sub: 'admin', roles: ['ADMIN'] });
  const created = await t.gql(
    `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret } }`,
    { input: { url: receiver.url, events: ['DOSSIER_SUBMITTED', 'DOSSIER_STATUS_CHANGED'] } },
    admin,
  );
  const secret = created.data.createWebhook.secret as string;
  const a = await actors(t, AGENCY);
  t.sims.mail.clearMessages();
  t.sims.mail.setFaults({ mode: 'down' });
  receiver.mode = 'down';

  // Under load: the dossiers change concurrently, each through its own steps in order.
  const started = Date.now();
  const codes = await Promise.all(
    Array.from({ length: DOSSIERS }, async (_, i) => {
      const input = submitInput(KHAI_SINH);
      const d = await submitOk(t, a.citizen, { ...input, applicant: { ...input.applicant, email: `citizen${i}@example.vn` } } as never);
      await actOk(t, a.reception, { code: d.code, action: 'RECEIVE' });
      await actOk(t, a.reception, { code: d.code, action: 'REQUEST_SUPPLEMENT', note: `Bổ sung giấy tờ ${i}` });
      await actOk(t, a.citizen, { code: d.code, action: 'SUPPLEMENT', note: 'Đã bổ sung' });
      return d.code as string;
    }),
  );
  const elapsed = Date.now() - started;
  // The hub kept serving while both were down (the requests only wrote rows).
  expect(elapsed).toBeLessThan(15_000);
  await sleep(1500); // the dispatcher keeps failing meanwhile
  expect(t.sims.mail.messages()).toHaveLength(0);
  expect(receiver.all).toHaveLength(0);
  // A flaky return: the receiver first answers 500 for a while, the mail server refuses (451).
  receiver.mode = 'error';
  t.sims.mail.setFaults({ mode: 'error', errorRate: 0.5 });
  await sleep(700);
  receiver.mode = 'ok';
  t.sims.mail.setFaults({ mode: 'ok' });

  const expectedMails = DOSSIERS * 2; // RECEIVED, SUPPLEMENT_REQUESTED
  const expectedHooks = DOSSIERS * 4; // SUBMITTED, then RECEIVE, REQUEST_SUPPLEMENT, SUPPLEMENT
  const deadline = Date.now() + 30_000;
  const mailIds = () => new Set(t.sims.mail.messages().map((m) => m.headers['x-dvc-notification-id']));
  while ((mailIds().size < expectedMails || receiver.unique().length < expectedHooks) && Date.now() < deadline) await sleep(200);
  expect(mailIds().size).toBe(expectedMails);
  expect(receiver.unique()).toHaveLength(expectedHooks);

  // E-mail: in first-arrival order per dossier, the receipt before the supplement request.
  const firstMails = new Map<string, string>();
  for (const m of t.sims.mail.messages()) if (!firstMails.has(m.headers['x-dvc-notification-id']!)) firstMails.set(m.headers['x-dvc-notification-id']!, m.subject);
  for (const code of codes) {
    const subjects = [...firstMails.values()].filter((s) => s.includes(code));
    expect(subjects).toEqual([`Hồ sơ ${code} đã được tiếp nhận`, `Hồ sơ ${code} cần bổ sung, hoàn thiện`]);
  }
  // Webhooks: signed, and in order per dossier (a later event waited for the earlier one).
  for (const code of codes) {
    const events = receiver.unique().filter((x) => x.payload.data.code === code);
    expect(events.map((x) => x.payload.data.action ?? x.payload.type)).toEqual(['DOSSIER_SUBMITTED', 'RECEIVE', 'REQUEST_SUPPLEMENT', 'SUPPLEMENT']);
    for (const x of events) expect(verifySignature(secret, x.id, x.timestamp, x.body, x.signature)).toBe(true);
  }
  // Every row says SENT.
  const rows = await t.hub.services.forkEm().getConnection().execute(
    `select (select count(*) from notification where status <> 'SENT' and channel = 'EMAIL')::int as mail_open,
            (select count(*) from webhook_delivery where status <> 'SENT')::int as hooks_open`,
  );
  expect(rows[0]).toEqual({ mail_open: 0, hooks_open: 0 });
}, 120_000);
