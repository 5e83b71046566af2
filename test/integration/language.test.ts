import { startTestHub, type TestHub } from '../helpers/test-hub';
import { actors, citizen, KHAI_SINH, submitOk, submitInput, TRANSITION } from '../helpers/dossier-fixtures';

/**
 * Issue 11, "Vietnamese first": every refusal a citizen can see is in Vietnamese by default and
 * in English when the request asks for it (Accept-Language over HTTP; connectionParams or the
 * upgrade request's header over graphql-ws). Codes, fields and reasons do not change.
 */
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.stop();
});

const AGENCY = KHAI_SINH.agencyCodes[0];
const EN = { 'accept-language': 'en-US,en;q=0.9,vi;q=0.5' };
const DOSSIER = `query($code: String!) { dossier(code: $code) { code } }`;
const AGENCY_STREAM = `subscription($agencyCode: String) { dossierStatusChanged(agencyCode: $agencyCode) { code } }`;

describe('over HTTP', () => {
  it('a FORBIDDEN refusal is in Vietnamese by default and in English with Accept-Language: en; the code is the same', async () => {
    const owner = await actors(t, AGENCY);
    const d = await submitOk(t, owner.citizen);
    const other = await t.token({ sub: 'citizen-other', roles: ['CITIZEN'], idn: citizen(5).identityNumber });
    const vi = await t.gql(DOSSIER, { code: d.code }, other);
    const en = await t.gql(DOSSIER, { code: d.code }, other, EN);
    expect(vi.errors?.[0]).toMatchObject({ message: 'Hồ sơ này không phải của bạn', extensions: { code: 'FORBIDDEN' } });
    expect(en.errors?.[0]).toMatchObject({ message: 'This dossier belongs to someone else', extensions: { code: 'FORBIDDEN' } });
    // A browser's own header: Vietnamese first, English second.
    const browser = await t.gql(DOSSIER, { code: d.code }, other, { 'accept-language': 'vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7' });
    expect(browser.errors?.[0].message).toBe('Hồ sơ này không phải của bạn');
  });

  it('a rule of the dossier machine and a missing dossier, in both languages, with the same code, field and reason', async () => {
    const a = await actors(t, AGENCY);
    const d = await submitOk(t, a.citizen, submitInput(KHAI_SINH, { key: 'lang-1' }));
    const input = { code: d.code, action: 'REJECT', expectedVersion: d.version };
    const vi = await t.gql(TRANSITION, { input }, a.reception);
    const en = await t.gql(TRANSITION, { input }, a.reception, { 'accept-language': 'en' });
    expect(vi.errors?.[0]).toMatchObject({ message: 'Thao tác “từ chối (REJECT)” cần ghi rõ lý do.', extensions: { code: 'BAD_USER_INPUT', field: 'note', reason: 'NOTE_REQUIRED' } });
    expect(en.errors?.[0]).toMatchObject({ message: 'REJECT needs a note giving the reason.', extensions: vi.errors?.[0].extensions });

    const missing = { code: `${AGENCY}-261123-9999`, action: 'RECEIVE', expectedVersion: 1 };
    const nf = await t.gql(TRANSITION, { input: missing }, a.reception);
    expect(nf.errors?.[0]).toMatchObject({ message: `Không tìm thấy hồ sơ ${AGENCY}-261123-9999`, extensions: { code: 'NOT_FOUND' } });
    const nfEn = await t.gql(TRANSITION, { input: missing }, a.reception, EN);
    expect(nfEn.errors?.[0].message).toBe(`Dossier ${AGENCY}-261123-9999 not found`);
  });

  it('UNAUTHENTICATED, an input limit and a scalar refusal are in Vietnamese by default', async () => {
    const unauth = await t.gql(`{ dossiers(first: 1) { totalCount } }`);
    expect(unauth.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^Bạn cần đăng nhập/), extensions: { code: 'UNAUTHENTICATED' } });
    const limit = await t.gql(`query($c: String!) { trackDossier(code: $c) { code } }`, { c: 'x'.repeat(61) });
    expect(limit.errors?.[0]).toMatchObject({ message: 'Trường code không được dài quá 60 ký tự', extensions: { code: 'BAD_USER_INPUT', field: 'code', reason: 'TOO_LONG' } });
    const limitEn = await t.gql(`query($c: String!) { trackDossier(code: $c) { code } }`, { c: 'x'.repeat(61) }, undefined, EN);
    expect(limitEn.errors?.[0]).toMatchObject({ message: 'code must be at most 60 characters', extensions: limit.errors?.[0].extensions });
    const scalar = await t.gql(`query($d: DateTime!) { estimateDueDate(procedureCode: "${KHAI_SINH.code}", submittedAt: $d) }`, { d: 'hôm qua' });
    expect(scalar.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(scalar.errors?.[0].message).toMatch(/^Biến "\$d" có giá trị không hợp lệ/);
  });

  it('the hub’s own answers: a query error, a query too complex, 404 and 400 JSON bodies', async () => {
    const invalid = await t.gql(`{ nope }`);
    expect(invalid.errors?.[0].message).toMatch(/^Câu truy vấn không hợp lệ: /);
    expect((await t.gql(`{ nope }`, undefined, undefined, EN)).errors?.[0].message).not.toMatch(/Câu truy vấn/);
    const deep = `{ procedures { edges { node { agencies { parent { parent { parent { parent { parent { parent { parent { parent { code } } } } } } } } } } } } }`;
    const complex = await t.gql(deep);
    expect(complex.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^Câu truy vấn quá phức tạp: vượt giới hạn độ sâu 10/), extensions: { code: 'QUERY_TOO_COMPLEX' } });
    expect((await t.gql(deep, undefined, undefined, EN)).errors?.[0].message).toMatch(/^Query depth limit of 10 exceeded/);

    const nf = await fetch(`${t.hub.url}/khong-co`);
    expect(nf.status).toBe(404);
    expect(await nf.json()).toEqual({ errors: [{ message: 'Không có dịch vụ nào tại GET /khong-co', extensions: { code: 'NOT_FOUND' } }] });
    const nfEn = await fetch(`${t.hub.url}/khong-co`, { headers: EN });
    expect(((await nfEn.json()) as { errors: { message: string }[] }).errors[0].message).toBe('Nothing is served at GET /khong-co');
    const bad = await fetch(`${t.hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ errors: [{ message: 'Nội dung yêu cầu không phải là JSON hợp lệ', extensions: { code: 'BAD_REQUEST' } }] });
  });
});

describe('over graphql-ws', () => {
  it('a refused subscription is in Vietnamese by default, in English from connectionParams or the upgrade request’s header', async () => {
    const someone = await t.token({ sub: 'citizen-ws', roles: ['CITIZEN'], idn: citizen(2).identityNumber });
    const first = async (connection?: Parameters<TestHub['subscribe']>[3]) => {
      const sub = await t.subscribe(AGENCY_STREAM, { agencyCode: AGENCY }, someone, connection);
      const e = await sub.error();
      await sub.close();
      return (Array.isArray(e) ? e : [e])[0];
    };
    const vi = await first();
    expect(vi).toMatchObject({ message: `Chỉ cán bộ của cơ quan ${AGENCY} và của cơ quan cấp trên mới theo dõi được hồ sơ của cơ quan này`, extensions: { code: 'FORBIDDEN' } });
    expect(await first({ connectionParams: { acceptLanguage: 'en' } })).toMatchObject({ message: `Only staff of ${AGENCY} and of the agencies above it follow its dossiers`, extensions: { code: 'FORBIDDEN' } });
    expect(await first({ headers: { 'accept-language': 'en-GB,en;q=0.8' } })).toMatchObject({ message: `Only staff of ${AGENCY} and of the agencies above it follow its dossiers` });
    expect(await first({ headers: { 'accept-language': 'en' }, connectionParams: { acceptLanguage: 'vi' } })).toMatchObject({ message: vi.message });
  });

  it('a subscription that does not validate is refused in the connection’s language', async () => {
    const sub = await t.subscribe(`subscription { nope }`, {}, undefined);
    const e = await sub.error();
    await sub.close();
    expect((Array.isArray(e) ? e : [e])[0].message).toMatch(/^Câu truy vấn không hợp lệ: /);
  });
});
