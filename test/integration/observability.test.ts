import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { actOk, actors, KHAI_SINH, submitInput, submitOk } from '../helpers/dossier-fixtures';

jest.setTimeout(60_000);

describe('request log and metrics', () => {
  let t: TestHub;
  const lines: Record<string, any>[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
        done();
      },
    });
    t = await startTestHub({ log: createLogger('info', 'dvc-hub', sink), env: { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_ANONYMOUS_POINTS: '50' } });
  });
  afterAll(() => t.stop());

  const requestLines = () => lines.filter((l) => l.msg === 'request');

  it('writes one JSON line per request with its id (given or made), operation, viewer, duration and error codes', async () => {
    const token = await t.token({ sub: 'citizen-obs', roles: ['CITIZEN'] });
    const res = await fetch(`${t.hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'portal-req-42', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'query Agencies { agencies { code } }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('portal-req-42');
    await res.json();
    const bad = await fetch(`${t.hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query Missing { dossier(code: "X") { code } }' }) });
    const madeId = bad.headers.get('x-request-id');
    expect(madeId).toMatch(/^[0-9a-f-]{36}$/);
    await bad.json();
    await new Promise((r) => setTimeout(r, 50)); // the line is written when the response closes
    const first = requestLines().filter((l) => l.reqId === 'portal-req-42');
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ method: 'POST', path: '/graphql', status: 200, op: 'Agencies', opType: 'query', subject: 'citizen-obs' });
    expect(typeof first[0]!.ms).toBe('number');
    expect(first[0]!.errors).toBeUndefined();
    const second = requestLines().filter((l) => l.reqId === madeId);
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({ op: 'Missing', opType: 'query', errors: ['UNAUTHENTICATED'] });
    expect(second[0]!.subject).toBeUndefined();
  });

  it('exports GraphQL, subscription, outbox, job, connector and rate-limit metrics', async () => {
    const a = await actors(t, KHAI_SINH.agencyCodes[0]!);
    await submitOk(t, a.citizen); // a population-database call and an outbox message
    await t.hub.jobs.runNow('outbox-dispatch').catch(() => undefined);
    const sub = await t.subscribe('subscription { scorecardUpdated { __typename } }', {}, a.leader);
    // Use up an anonymous budget to see a refusal counted.
    for (let i = 0; i < 30; i++) await t.gql('query Burn { a: agencies { code } b: agencies { code } }');
    const text = await (await fetch(`${t.hub.url}/metrics`)).text();
    expect(text).toMatch(/dvc_graphql_operations_total\{operation="Agencies",type="query",outcome="ok"\} 1/);
    expect(text).toMatch(/dvc_graphql_operations_total\{operation="Burn",type="query",outcome="rate_limited"\} \d+/);
    expect(text).toMatch(/dvc_graphql_operation_duration_seconds_bucket\{le="[\d.]+",operation="Agencies",type="query",outcome="ok"\}/);
    expect(text).toMatch(/dvc_graphql_subscriptions_active 1/);
    expect(text).toMatch(/dvc_outbox_pending \d+/);
    expect(text).toMatch(/dvc_outbox_dead 0/);
    expect(text).toMatch(/dvc_outbox_oldest_pending_seconds [\d.e+-]+/);
    expect(text).toMatch(/dvc_job_runs_total\{job="[\w-]+",outcome="(ok|skipped)"\} 1/);
    expect(text).toMatch(/dvc_connector_calls_total\{system="population",outcome="ok"\} \d+/);
    expect(text).toMatch(/dvc_connector_call_duration_seconds_count\{system="population",outcome="ok"\} \d+/);
    expect(text).toMatch(/dvc_rate_limit_refusals_total\{limit="anonymous"\} \d+/);
    await sub.close();
  });

  it('exports the delivery queues and the letters still to draw, and sees them drain or fail', async () => {
    const a = await actors(t, KHAI_SINH.agencyCodes[0]!);
    const input = submitInput(KHAI_SINH);
    const d = await submitOk(t, a.citizen, { ...input, applicant: { ...input.applicant, email: 'do.thi.lan@example.vn', phone: '0912 345 679' } } as never);
    await actOk(t, a.reception, { code: d.code, action: 'RECEIVE' }); // an e-mail, an SMS and the receipt letter
    await new Promise((r) => setTimeout(r, 1100)); // a scrape's reading is kept for a second (the test before scraped)
    const gauge = async (name: string, channel?: string) => {
      const text = await (await fetch(`${t.hub.url}/metrics`)).text();
      const m = new RegExp(`^${name}${channel ? `\\{channel="${channel}"\\}` : ''} ([\\d.e+-]+)$`, 'm').exec(text);
      expect(m).not.toBeNull();
      return Number(m![1]);
    };
    expect(await gauge('dvc_notifications_pending', 'EMAIL')).toBeGreaterThanOrEqual(1);
    expect(await gauge('dvc_notifications_pending', 'SMS')).toBeGreaterThanOrEqual(1);
    expect(await gauge('dvc_notifications_oldest_pending_seconds', 'EMAIL')).toBeGreaterThanOrEqual(0);
    expect(await gauge('dvc_letters_pending')).toBeGreaterThanOrEqual(1);
    expect(await gauge('dvc_notifications_failed', 'WEBHOOK')).toBe(0);
    // The gateway refuses the number for good (code 01): the SMS is given up; the e-mail goes.
    t.sims.sms.setAnswerCode('01');
    try {
      await t.hub.jobs.runNow('letters');
      await new Promise((r) => setTimeout(r, 1100));
      expect(await gauge('dvc_letters_pending')).toBe(0);
      expect(await gauge('dvc_letters_oldest_pending_seconds')).toBe(0);
      await t.hub.jobs.runNow('notify-dispatch');
      await new Promise((r) => setTimeout(r, 1100));
      expect(await gauge('dvc_notifications_pending', 'EMAIL')).toBe(0);
      expect(await gauge('dvc_notifications_pending', 'SMS')).toBe(0);
      expect(await gauge('dvc_notifications_failed', 'SMS')).toBeGreaterThanOrEqual(1);
    } finally {
      t.sims.sms.setAnswerCode('00');
    }
  });

  it('logs and counts an operation started over graphql-ws too', async () => {
    const a = await actors(t, KHAI_SINH.agencyCodes[0]!);
    const sub = await t.subscribe('subscription Watch { scorecardUpdated { __typename } }', {}, a.leader);
    await sub.close();
    const line = lines.find((l) => l.msg === 'graphql-ws operation' && l.operationName === 'Watch');
    expect(line).toMatchObject({ transport: 'graphql-ws', operationType: 'subscription', subject: `leader@${KHAI_SINH.agencyCodes[0]}`, outcome: 'started' });
    expect(line!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const text = await (await fetch(`${t.hub.url}/metrics`)).text();
    expect(text).toMatch(/dvc_graphql_operations_total\{operation="Watch",type="subscription",outcome="started"\} 1/);
  });
});
