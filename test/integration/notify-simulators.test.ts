import { startSmtpSink, type SmtpSink } from '../../src/connectors/simulators/smtp-sink';
import { startSmsGatewaySimulator, type SmsGatewaySimulator } from '../../src/connectors/simulators/sms-gateway';
import { httpSmsGateway, smtpMailer } from '../../src/connectors/notifiers';

/** The SMTP sink and the SMS gateway simulator, spoken to by the hub's own clients over real SMTP and HTTP. */
describe('notification simulators', () => {
  let sink: SmtpSink;
  let sms: SmsGatewaySimulator;
  beforeAll(async () => {
    sink = await startSmtpSink();
    sms = await startSmsGatewaySimulator();
  });
  afterAll(async () => {
    await sink.close();
    await sms.close();
  });

  it('the SMTP sink keeps what it receives, parsed, and serves it on GET /_sim/messages', async () => {
    const mailer = smtpMailer(sink.smtpUrl, '"Dịch vụ công" <no-reply@dvc.test>', 2000);
    const sent = await mailer.send({ to: 'an.nguyen@example.vn', subject: 'Hồ sơ đã được tiếp nhận', text: 'Mã hồ sơ: X-1', notificationId: 'n-1' });
    expect(sent).toEqual({ ok: true, retryable: false });
    const list = (await (await fetch(`${sink.url}/_sim/messages`)).json()) as any[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ seq: 1, to: ['an.nguyen@example.vn'], subject: 'Hồ sơ đã được tiếp nhận', headers: { 'x-dvc-notification-id': 'n-1' } });
    expect(list[0].text.trim()).toBe('Mã hồ sơ: X-1');
    mailer.close();
  });

  it('faults: refused (451, retryable), down (connection cut), then back up', async () => {
    const mailer = smtpMailer(sink.smtpUrl, 'no-reply@dvc.test', 1000);
    sink.clearMessages();
    await fetch(`${sink.url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'error' }) });
    const refused = await mailer.send({ to: 'a@example.vn', subject: 's', text: 't', notificationId: 'n-2' });
    expect(refused).toMatchObject({ ok: false, retryable: true, responseStatus: 451 });
    sink.setFaults({ mode: 'down' });
    const down = await mailer.send({ to: 'a@example.vn', subject: 's', text: 't', notificationId: 'n-3' });
    expect(down).toMatchObject({ ok: false, retryable: true });
    sink.setFaults({ mode: 'ok' });
    expect(await mailer.send({ to: 'a@example.vn', subject: 's', text: 't', notificationId: 'n-4' })).toMatchObject({ ok: true });
    expect(sink.messages().map((m) => m.headers['x-dvc-notification-id'])).toEqual(['n-4']);
    mailer.close();
  });

  it('the SMS gateway answers {code:"00"}, refuses a malformed phone (permanent) and answers error codes and 500s on demand', async () => {
    const gw = httpSmsGateway(sms.sendUrl, 'DVC', 1000);
    expect(await gw.send({ phone: '0912345678', message: 'Ho so X-1 da duoc tiep nhan', notificationId: 's-1' })).toMatchObject({ ok: true });
    expect(await gw.send({ phone: '12', message: 'x', notificationId: 's-2' })).toMatchObject({ ok: false, retryable: false });
    sms.setAnswerCode('99');
    expect(await gw.send({ phone: '0912345678', message: 'x', notificationId: 's-3' })).toMatchObject({ ok: false, retryable: true });
    sms.setAnswerCode('00');
    sms.setFaults({ mode: 'error' });
    expect(await gw.send({ phone: '0912345678', message: 'x', notificationId: 's-4' })).toMatchObject({ ok: false, retryable: true, responseStatus: 500 });
    sms.setFaults({ mode: 'ok' });
    // A resend of the same request id is accepted once.
    expect(await gw.send({ phone: '0912345678', message: 'Ho so X-1 da duoc tiep nhan', notificationId: 's-1' })).toMatchObject({ ok: true });
    const requests = (await (await fetch(`${sms.url}/_sim/requests`)).json()) as any[];
    expect(requests.length).toBe(5);
    expect(requests[0].body).toEqual({ phone: '0912345678', message: 'Ho so X-1 da duoc tiep nhan', brandname: 'DVC', requestId: 's-1' });
    expect(sms.sms().map((m) => m.requestId)).toEqual(['s-1']);
  });
});
