import { randomUUID } from 'node:crypto';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { KHAI_SINH, citizen } from '../helpers/dossier-fixtures';

jest.setTimeout(60_000);

const CATALOGUE = 'query Catalogue { agencies { code } }';
const FEEDBACK = `mutation Feedback($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { feedback { code } } }`;
const DOSSIER = `mutation Submit($input: SubmitDossierInput!) { submitDossier(input: $input) { dossier { code } } }`;
const feedbackInput = () => ({
  title: 'Chậm trả kết quả',
  content: 'Hồ sơ của tôi đã quá hạn hai ngày mà chưa có kết quả.',
  agencyCode: KHAI_SINH.agencyCodes[0],
  procedureCode: KHAI_SINH.code,
  contact: { fullName: citizen().fullName, phone: '0912345678' },
  isPublic: true,
});

/** POST /graphql returning status, headers and body (the test hub's gql() hides the headers). */
async function post(t: TestHub, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] } };
}

const codes = (r: { body: { errors?: { extensions?: Record<string, any> }[] } }) => (r.body.errors ?? []).map((e) => e.extensions?.code);

describe('rate limits', () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({
      env: {
        RATE_LIMIT_ENABLED: 'true',
        TRUST_PROXY: 'loopback',
        RATE_LIMIT_ANONYMOUS_POINTS: '4',
        RATE_LIMIT_SIGNED_IN_POINTS: '6',
        RATE_LIMIT_FIELD_COSTS: 'procedures=3',
        RATE_LIMIT_SUBMIT_FEEDBACK_PER_HOUR: '2',
        RATE_LIMIT_SUBMIT_DOSSIER_PER_HOUR: '2',
      },
    });
  });
  afterAll(() => t.stop());

  it('refuses an anonymous client past its budget with RATE_LIMITED, retryAfterSeconds and Retry-After; per IP', async () => {
    const ip = { 'x-forwarded-for': '203.0.113.10' };
    for (let i = 0; i < 4; i++) expect((await post(t, CATALOGUE, {}, ip)).status).toBe(200);
    const refused = await post(t, CATALOGUE, {}, ip);
    expect(refused.status).toBe(429);
    expect(codes(refused)).toEqual(['RATE_LIMITED']);
    const seconds = refused.body.errors![0]!.extensions!.retryAfterSeconds;
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(refused.headers.get('retry-after')).toBe(String(seconds));
    expect(refused.body.errors![0]!.extensions!.http).toBeUndefined();
    expect(refused.body.errors![0]!.message).toBe(`Bạn đã gửi quá nhiều yêu cầu: vui lòng thử lại sau ${seconds} giây`);
    const inEnglish = await post(t, CATALOGUE, {}, { ...ip, 'accept-language': 'en' });
    expect(inEnglish.body.errors![0]!.message).toMatch(/^Too many requests: try again in \d+ s$/);
    // Another client (another address, through the trusted proxy) has its own budget.
    expect((await post(t, CATALOGUE, {}, { 'x-forwarded-for': '203.0.113.11' })).status).toBe(200);
  });

  it('charges heavy root fields their cost', async () => {
    const ip = { 'x-forwarded-for': '203.0.113.20' };
    expect((await post(t, 'query { procedures(first: 1) { totalCount } }', {}, ip)).status).toBe(200); // 3 of 4
    expect(codes(await post(t, 'query { a: agencies { code } b: agencies { code } }', {}, ip))).toEqual(['RATE_LIMITED']); // 2 more: over
  });

  it('counts a signed-in viewer per token subject, whatever its address', async () => {
    const ip = { 'x-forwarded-for': '203.0.113.30' };
    const one = { ...ip, authorization: `Bearer ${await t.token({ sub: 'citizen-rl-1', roles: ['CITIZEN'] })}` };
    const two = { ...ip, authorization: `Bearer ${await t.token({ sub: 'citizen-rl-2', roles: ['CITIZEN'] })}` };
    for (let i = 0; i < 6; i++) expect((await post(t, CATALOGUE, {}, one)).status).toBe(200);
    expect(codes(await post(t, CATALOGUE, {}, one))).toEqual(['RATE_LIMITED']);
    expect((await post(t, CATALOGUE, {}, two)).status).toBe(200); // same address, other subject
    expect((await post(t, CATALOGUE, {}, ip)).status).toBe(200); // same address, anonymous: the IP's own budget
  });

  it('limits submitFeedback per IP, apart from the general budget', async () => {
    const ip = { 'x-forwarded-for': '203.0.113.40' };
    for (let i = 0; i < 2; i++) {
      const r = await post(t, FEEDBACK, { input: feedbackInput() }, ip);
      expect(r.body.errors).toBeUndefined();
    }
    const refused = await post(t, FEEDBACK, { input: feedbackInput() }, ip);
    expect(refused.status).toBe(429);
    expect(codes(refused)).toEqual(['RATE_LIMITED']);
    // Three in one request count as three.
    const three = `mutation($input: SubmitFeedbackInput!) { a: submitFeedback(input: $input) { feedback { code } } b: submitFeedback(input: $input) { feedback { code } } c: submitFeedback(input: $input) { feedback { code } } }`;
    expect(codes(await post(t, three, { input: feedbackInput() }, { 'x-forwarded-for': '203.0.113.41' }))).toEqual(['RATE_LIMITED']);
  });

  it('limits submitDossier per subject (one token cannot use up an agency day of numbers)', async () => {
    const token = await t.token({ sub: 'citizen-rl-dossier', roles: ['CITIZEN'], idn: citizen().identityNumber });
    const h = { authorization: `Bearer ${token}` };
    // The limit counts attempts before they run: two invalid submissions use it up too.
    for (let i = 0; i < 2; i++) expect(codes(await post(t, DOSSIER, { input: { procedureCode: 'nope' } }, h))).not.toContain('RATE_LIMITED');
    const refused = await post(t, DOSSIER, { input: { procedureCode: 'nope' } }, h);
    expect(codes(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY says to trust the proxy', async () => {
    const u = await startTestHub({ seed: false, env: { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_ANONYMOUS_POINTS: '2' } });
    try {
      expect((await post(u, CATALOGUE, {}, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(200);
      expect((await post(u, CATALOGUE, {}, { 'x-forwarded-for': '198.51.100.2' })).status).toBe(200);
      expect(codes(await post(u, CATALOGUE, {}, { 'x-forwarded-for': '198.51.100.3' }))).toEqual(['RATE_LIMITED']);
    } finally {
      await u.stop();
    }
  });

  it('applies over graphql-ws too', async () => {
    const u = await startTestHub({ seed: false, env: { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_ANONYMOUS_POINTS: '1' } });
    try {
      expect((await post(u, CATALOGUE)).status).toBe(200);
      const sub = await u.subscribe('subscription { scorecardUpdated { __typename } }');
      const err = await sub.error(5000);
      expect(JSON.stringify(err)).toContain('RATE_LIMITED');
      await sub.close();
    } finally {
      await u.stop();
    }
  });
});

const redisUrl = process.env.REDIS_URL;
(redisUrl ? describe : describe.skip)('rate limits across hubs (Redis)', () => {
  it('two hubs sharing Redis share one budget', async () => {
    const env = { RATE_LIMIT_ENABLED: 'true', REDIS_URL: redisUrl!, RATE_LIMIT_REDIS_PREFIX: `test-rl-${randomUUID()}`, RATE_LIMIT_ANONYMOUS_POINTS: '3' };
    const a = await startTestHub({ seed: false, env });
    const b = await startTestHub({ seed: false, env });
    try {
      expect(a.hub.url).not.toBe(b.hub.url);
      expect((await post(a, CATALOGUE)).status).toBe(200);
      expect((await post(b, CATALOGUE)).status).toBe(200);
      expect((await post(a, CATALOGUE)).status).toBe(200);
      const refused = await post(b, CATALOGUE); // the fourth, on the other hub
      expect(refused.status).toBe(429);
      expect(codes(refused)).toEqual(['RATE_LIMITED']);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
