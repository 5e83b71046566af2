import { uploadPdf } from '../helpers/uploads';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { actors, citizen, KHAI_SINH, SUBMIT, submitInput, TRANSITION, WITH_FEES, actOk, submitOk, submitAs } from '../helpers/dossier-fixtures';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.stop();
});
afterEach(() => t.setNow(null));

const AGENCY = KHAI_SINH.agencyCodes[0];
const OTHER_AGENCY = KHAI_SINH.agencyCodes[1];
const RESULT = { documentNumber: '123/2026/TLKS', signedBy: 'Chủ tịch UBND', fileUrl: 'https://files.example.gov.vn/kq.pdf', sha256: 'b'.repeat(64) };

const submit = (token: string, input = submitInput(KHAI_SINH)) => submitOk(t, token, input);

const act = (token: string, input: Record<string, unknown>) => actOk(t, token, input);

async function actError(token: string, input: Record<string, unknown>) {
  const r = await t.gql(TRANSITION, { input }, token);
  expect(r.data).toBeNull();
  return r.errors![0];
}

describe('a whole journey over HTTP, watched over WebSocket', () => {
  it('submit → receive → supplement → approval → return → approve → result → deliver', async () => {
    const a = await actors(t, AGENCY);
    // Friday 2026-11-27 16:30 in Hà Nội
    t.setNow(new Date('2026-11-27T16:30:00+07:00'));
    const d0 = await submit(a.citizen);
    expect(d0).toMatchObject({ status: 'SUBMITTED', version: 1, channel: 'ONLINE', receivedAt: null, dueAt: null, supplementRequests: 0 });
    expect(d0.code).toMatch(new RegExp(`^${AGENCY.replace(/\./g, '\\.')}-261127-\\d{4}$`));
    expect(d0.history).toEqual([expect.objectContaining({ action: 'SUBMIT', toStatus: 'SUBMITTED', actorRole: 'CITIZEN' })]);

    const byCode = await t.subscribe(`subscription($c: String) { dossierStatusChanged(code: $c) { code agencyCode action previousStatus status at dueAt overdue } }`, { c: d0.code });
    const byAgency = await t.subscribe(`subscription($a: String) { dossierStatusChanged(agencyCode: $a) { code status } }`, { a: AGENCY }, a.reception);

    const received = await act(a.reception, { code: d0.code, action: 'RECEIVE', expectedVersion: 1 });
    // 0.5 working day = 4 h: Friday 16:30–17:00, then Monday 07:00–10:30
    expect(received).toMatchObject({ status: 'PROCESSING', version: 2, receivedAt: '2026-11-27T16:30:00+07:00', dueAt: '2026-11-30T10:30:00+07:00' });
    expect(await byCode.next()).toEqual({
      dossierStatusChanged: {
        code: d0.code, agencyCode: AGENCY, action: 'RECEIVE', previousStatus: 'SUBMITTED', status: 'PROCESSING',
        at: '2026-11-27T16:30:00+07:00', dueAt: '2026-11-30T10:30:00+07:00', overdue: false,
      },
    });
    expect(await byAgency.next()).toEqual({ dossierStatusChanged: { code: d0.code, status: 'PROCESSING' } });

    // Monday 08:00 the officer asks for a paper; the applicant brings it at 14:00: the clock stood still 4 working hours.
    t.setNow(new Date('2026-11-30T08:00:00+07:00'));
    const asked = await act(a.reception, { code: d0.code, action: 'REQUEST_SUPPLEMENT', note: 'Thiếu giấy chứng sinh bản chính' });
    expect(asked).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', supplementRequests: 1 });
    t.setNow(new Date('2026-11-30T14:00:00+07:00'));
    const supplied = await act(a.citizen, { code: d0.code, action: 'SUPPLEMENT', note: 'Đã bổ sung' });
    expect(supplied).toMatchObject({ status: 'PROCESSING', dueAt: '2026-11-30T16:30:00+07:00' });

    await act(a.specialist, { code: d0.code, action: 'SUBMIT_FOR_APPROVAL' });
    await act(a.leader, { code: d0.code, action: 'RETURN_FOR_REVISION', note: 'Sửa lại nơi sinh' });
    await act(a.specialist, { code: d0.code, action: 'SUBMIT_FOR_APPROVAL' });
    await act(a.leader, { code: d0.code, action: 'APPROVE' });
    const issued = await act(a.clerk, { code: d0.code, action: 'ISSUE_RESULT', result: RESULT });
    expect(issued).toMatchObject({ status: 'RESULT_READY', completedAt: '2026-11-30T14:00:00+07:00', result: { documentNumber: RESULT.documentNumber }, overdue: false });
    const delivered = await act(a.reception, { code: d0.code, action: 'DELIVER', expectedVersion: issued.version });
    expect(delivered).toMatchObject({ status: 'DELIVERED', deliveredAt: '2026-11-30T14:00:00+07:00' });
    expect(delivered.history.map((h: any) => h.action)).toEqual([
      'SUBMIT', 'RECEIVE', 'REQUEST_SUPPLEMENT', 'SUPPLEMENT', 'SUBMIT_FOR_APPROVAL', 'RETURN_FOR_REVISION',
      'SUBMIT_FOR_APPROVAL', 'APPROVE', 'ISSUE_RESULT', 'DELIVER',
    ]);
    expect(delivered.history.map((h: any) => h.toStatus).at(-1)).toBe('DELIVERED');
    const statuses: string[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await byCode.next()).dossierStatusChanged.status);
    expect(statuses).toEqual([
      'SUPPLEMENT_REQUESTED', 'PROCESSING', 'AWAITING_APPROVAL', 'PROCESSING', 'AWAITING_APPROVAL', 'APPROVED', 'RESULT_READY', 'DELIVERED',
    ]);
    await byCode.close();
    await byAgency.close();
  });
});

describe('side paths and refusals', () => {
  it('a second supplement request needs an apology letter', async () => {
    const a = await actors(t, AGENCY);
    const d = await submit(a.citizen);
    await act(a.reception, { code: d.code, action: 'REQUEST_SUPPLEMENT', note: 'Thiếu tờ khai' });
    await act(a.citizen, { code: d.code, action: 'SUPPLEMENT' });
    await act(a.reception, { code: d.code, action: 'RECEIVE' });
    const e = await actError(a.reception, { code: d.code, action: 'REQUEST_SUPPLEMENT', note: 'Thiếu bản sao' });
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'apologyLetter', reason: 'SECOND_SUPPLEMENT_NEEDS_APOLOGY' });
    const after = await t.gql(`query($c: String!) { dossier(code: $c) { status version supplementRequests history { action } } }`, { c: d.code }, a.reception);
    expect(after.data.dossier).toMatchObject({ status: 'PROCESSING', supplementRequests: 1 });
    expect(after.data.dossier.history).toHaveLength(4);
    const ok = await act(a.reception, { code: d.code, action: 'REQUEST_SUPPLEMENT', note: 'Thiếu bản sao', apologyLetter: 'Xin lỗi vì hướng dẫn chưa đầy đủ' });
    expect(ok).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', supplementRequests: 2 });
  });

  it('rejection needs a reason; withdrawal is the applicant’s own', async () => {
    const a = await actors(t, AGENCY);
    const d1 = await submit(a.citizen);
    expect((await actError(a.reception, { code: d1.code, action: 'REJECT' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    expect(await act(a.reception, { code: d1.code, action: 'REJECT', note: 'Không thuộc thẩm quyền' })).toMatchObject({ status: 'REJECTED' });

    const d2 = await submit(a.citizen);
    expect((await actError(a.reception, { code: d2.code, action: 'WITHDRAW' })).extensions?.code).toBe('FORBIDDEN');
    const other = await t.token({ roles: ['CITIZEN'], idn: citizen(1).identityNumber });
    expect((await actError(other, { code: d2.code, action: 'WITHDRAW' })).extensions?.code).toBe('FORBIDDEN');
    const w = await act(a.citizen, { code: d2.code, action: 'WITHDRAW', note: 'Không còn nhu cầu' });
    expect(w).toMatchObject({ status: 'WITHDRAWN' });
    expect(w.completedAt).not.toBeNull();
  });

  it('refuses staff of another agency, stale versions and actions the status does not allow — and changes nothing', async () => {
    const a = await actors(t, AGENCY);
    const stranger = await actors(t, OTHER_AGENCY);
    const d = await submit(a.citizen);
    const e1 = await actError(stranger.reception, { code: d.code, action: 'RECEIVE' });
    expect(e1.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(e1)).not.toContain('SUBMITTED');
    const e2 = await actError(a.reception, { code: d.code, action: 'RECEIVE', expectedVersion: 7 });
    expect(e2.extensions?.code).toBe('CONFLICT');
    const e3 = await actError(a.reception, { code: d.code, action: 'DELIVER' });
    expect(e3.extensions?.code).toBe('CONFLICT');
    expect(e3.message).toContain('SUBMITTED');
    const e4 = await actError(a.specialist, { code: d.code, action: 'RECEIVE' });
    expect(e4.extensions?.code).toBe('FORBIDDEN');
    const e5 = await actError(a.reception, { code: d.code, action: 'SUBMIT' });
    expect(e5.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'action' });
    const e6 = await actError(a.reception, { code: 'NOPE-000000-0000', action: 'RECEIVE' });
    expect(e6.extensions?.code).toBe('NOT_FOUND');
    const now = await t.gql(`query($c: String!) { dossier(code: $c) { status version history { action } } }`, { c: d.code }, a.reception);
    expect(now.data.dossier).toEqual({ status: 'SUBMITTED', version: 1, history: [{ action: 'SUBMIT' }] });
  });

  it('unpaid fees block DELIVER', async () => {
    const agency = WITH_FEES.agencyCodes[0];
    const a = await actors(t, agency);
    const d = await submit(a.citizen, submitInput(WITH_FEES));
    expect(d.outstandingFees).toBe(WITH_FEES.fees.reduce((s, f) => s + f.amount, 0));
    for (const [tok, action] of [[a.reception, 'RECEIVE'], [a.specialist, 'SUBMIT_FOR_APPROVAL'], [a.leader, 'APPROVE']] as const) {
      await act(tok, { code: d.code, action });
    }
    await act(a.clerk, { code: d.code, action: 'ISSUE_RESULT', result: RESULT });
    const e = await actError(a.reception, { code: d.code, action: 'DELIVER' });
    expect(e.extensions).toMatchObject({ code: 'CONFLICT', reason: 'UNPAID_FEES' });
  });

  it('EXTEND sets a new appointment with an apology and keeps the status', async () => {
    const a = await actors(t, AGENCY);
    const d = await submit(a.citizen);
    const r = await act(a.reception, { code: d.code, action: 'RECEIVE' });
    const later = new Date(new Date(r.dueAt).getTime() + 3 * 86400_000).toISOString();
    expect((await actError(a.reception, { code: d.code, action: 'EXTEND', newDueAt: later })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'apologyLetter' });
    const x = await act(a.reception, { code: d.code, action: 'EXTEND', newDueAt: later, apologyLetter: 'Mẫu 04: xin lỗi và hẹn lại' });
    expect(x.status).toBe('PROCESSING');
    expect(new Date(x.dueAt).toISOString()).toBe(later);
  });
});

describe('submission rules', () => {
  it('checks procedure, agency, channel, components and identity, and changes nothing when refused', async () => {
    const a = await actors(t, AGENCY);
    const base = submitInput(KHAI_SINH);
    const paper = await uploadPdf(t, a.citizen);
    const mine = { ...base, components: base.components.map((c) => ({ componentCode: c.componentCode, fileId: paper })) };
    const someoneElses = await uploadPdf(t, await t.token({ sub: 'citizen-other', roles: ['CITIZEN'], idn: citizen(1).identityNumber }));
    const firstPaper = (patch: Record<string, unknown>) => [{ ...mine.components[0], ...patch }, ...mine.components.slice(1)];
    const cases: [Record<string, unknown>, string, string][] = [
      [{ procedureCode: '9.999999.000.00.00.H22' }, 'procedureCode', 'BAD_USER_INPUT'],
      [{ agencyCode: WITH_FEES.agencyCodes.find((c) => !KHAI_SINH.agencyCodes.includes(c)) ?? '000.00.12.H22' }, 'agencyCode', 'BAD_USER_INPUT'],
      [{ components: [] }, 'components', 'BAD_USER_INPUT'],
      // a citizen sends uploads, never a url; a file must be their own; one source per component
      [{ components: base.components }, 'components[0].url', 'BAD_USER_INPUT'],
      [{ components: firstPaper({ fileId: someoneElses }) }, 'components[0].fileId', 'BAD_USER_INPUT'],
      [{ components: firstPaper({ url: 'https://x.example/a.pdf' }) }, 'components[0]', 'BAD_USER_INPUT'],
      [{ components: firstPaper({ fileId: 'bm90LWFuLWlk' }) }, 'input.components[0].fileId', 'BAD_USER_INPUT'],
      [{ components: firstPaper({ sha256: 'b'.repeat(64) }) }, 'components[0].sha256', 'BAD_USER_INPUT'],
      [{ components: [...mine.components, { ...mine.components[0], componentCode: 'NOT_A_PART' }] }, `components[${mine.components.length}].componentCode`, 'BAD_USER_INPUT'],
      [{ applicant: { ...base.applicant, identityNumber: '12345' } }, 'applicant.identityNumber', 'FORBIDDEN'],
      [{ channel: 'COUNTER' }, 'channel', 'BAD_USER_INPUT'],
    ];
    for (const [patch, field, code] of cases) {
      const r = await t.gql(SUBMIT, { input: { ...mine, ...patch } }, a.citizen);
      expect(r.errors?.[0].extensions?.code).toBe(code);
      if (code === 'BAD_USER_INPUT') expect(r.errors?.[0].extensions?.field).toBe(field);
    }
    // staff at the counter may enter a dossier for anyone, with a bad identity number still refused
    const counter = await submitAs(t, { input: { ...base, channel: 'COUNTER', applicant: { ...base.applicant, identityNumber: '12345' } } }, a.reception);
    expect(counter.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'applicant.identityNumber' });
    const anon = await submitAs(t, { input: base });
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const listed = await t.gql(`{ dossiers(first: 100) { totalCount } }`, {}, a.citizen);
    const before = listed.data.dossiers.totalCount;
    expect((await t.gql(`{ dossiers(first: 100) { totalCount } }`, {}, a.citizen)).data.dossiers.totalCount).toBe(before);
  });

  it('sees a procedure change made through upsertProcedure at once', async () => {
    const a = await actors(t, AGENCY);
    const admin = await t.token({ roles: ['ADMIN'] });
    const code = '9.999101.000.00.00.H22';
    const upsert = (channels: string[]) =>
      t.gql(`mutation($i: ProcedureInput!) { upsertProcedure(input: $i) { procedure { code channels } } }`, {
        i: {
          code, name: 'Thủ tục thử nghiệm kênh', sectorCode: KHAI_SINH.sectorCode, sectorName: 'Hộ tịch', level: 'COMMUNE',
          serviceLevel: 'PARTIAL_ONLINE', agencyCodes: [AGENCY], steps: ['Nộp'], channels, components: [], processingWorkingDays: 1,
          targetSubjects: ['Công dân'], resultDescription: 'Giấy xác nhận', fees: [], legalBases: [],
        },
      }, admin);
    expect((await upsert(['COUNTER', 'ONLINE'])).errors).toBeUndefined();
    const input = { ...submitInput(KHAI_SINH), procedureCode: code, components: [] };
    expect((await submitAs(t, { input }, a.citizen)).errors).toBeUndefined();
    expect((await upsert(['COUNTER'])).errors).toBeUndefined();
    const refused = await submitAs(t, { input }, a.citizen);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'channel' });
  });

  it('gives unique codes under parallel submissions and honours idempotency keys', async () => {
    const a = await actors(t, AGENCY);
    const many = await Promise.all(Array.from({ length: 25 }, () => submitAs(t, { input: submitInput(KHAI_SINH) }, a.citizen)));
    const codes = many.map((r) => r.data.submitDossier.dossier.code);
    expect(new Set(codes).size).toBe(25);
    const seqs = codes.map((c) => Number(c.slice(-4))).sort((x, y) => x - y);
    expect(seqs.at(-1)! - seqs[0]).toBe(24);

    const key = `key-${Date.now()}`;
    const same = await Promise.all(Array.from({ length: 5 }, () => submitAs(t, { input: submitInput(KHAI_SINH, { key }) }, a.citizen)));
    const sameCodes = new Set(same.map((r) => r.data.submitDossier.dossier.code));
    expect(sameCodes.size).toBe(1);
    const again = await submitAs(t, { input: submitInput(KHAI_SINH, { key }) }, a.citizen);
    expect(again.data.submitDossier.dossier.code).toBe([...sameCodes][0]);
  });
});

describe('concurrency', () => {
  it('submissions and transitions on one agency at the same time neither deadlock nor lose a change', async () => {
    const a = await actors(t, AGENCY);
    const ready = await Promise.all(Array.from({ length: 12 }, () => submit(a.citizen)));
    const results = await Promise.all([
      ...ready.map((d) => t.gql(TRANSITION, { input: { code: d.code, action: 'RECEIVE' } }, a.reception)),
      ...Array.from({ length: 12 }, () => submitAs(t, { input: submitInput(KHAI_SINH) }, a.citizen)),
    ]);
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    for (const d of ready) {
      const now = await t.gql(`query($c: String!) { dossier(code: $c) { status version history { action } } }`, { c: d.code }, a.reception);
      expect(now.data.dossier).toEqual({ status: 'PROCESSING', version: 2, history: [{ action: 'SUBMIT' }, { action: 'RECEIVE' }] });
    }
  });

  it('many transitions of the same dossier at once: each is decided on fresh data, none is lost or half-written', async () => {
    const a = await actors(t, AGENCY);
    const d = await submit(a.citizen);
    await act(a.reception, { code: d.code, action: 'RECEIVE' });
    const apologyLetter = 'Thư xin lỗi';
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.gql(TRANSITION, { input: { code: d.code, action: 'EXTEND', apologyLetter, newDueAt: new Date(Date.now() + (i + 30) * 86400_000).toISOString() } }, a.reception),
      ),
    );
    // Each request is decided on the data it finally wrote over: a later appointment wins, and one
    // that is no longer later than the current one (a faster request moved it) is refused.
    const ok = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(ok.length).toBeGreaterThan(0);
    expect(refused.map((r) => r.errors?.[0].extensions?.reason)).toEqual(refused.map(() => 'NEW_DUE_AT_NOT_LATER'));
    const versions = ok.map((r) => r.data.transitionDossier.dossier.version).sort((x: number, y: number) => x - y);
    expect(versions).toEqual(ok.map((_, i) => 3 + i)); // each success wrote its own version
    const now = await t.gql(`query($c: String!) { dossier(code: $c) { version dueAt history { action } } }`, { c: d.code }, a.reception);
    expect(now.data.dossier.version).toBe(2 + ok.length);
    expect(now.data.dossier.history.map((h: any) => h.action)).toEqual(['SUBMIT', 'RECEIVE', ...Array(ok.length).fill('EXTEND')]);
    const latest = Math.max(...ok.map((r) => Date.parse(r.data.transitionDossier.dossier.dueAt)));
    expect(Date.parse(now.data.dossier.dueAt)).toBe(latest);
    // A stale expectedVersion is still refused after the race.
    const stale = await t.gql(TRANSITION, { input: { code: d.code, action: 'EXTEND', apologyLetter, expectedVersion: 2, newDueAt: new Date(Date.now() + 90 * 86400_000).toISOString() } }, a.reception);
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
  });
});

describe('who sees what', () => {
  it('dossier(code): the applicant, the agency’s staff, ADMIN and OBSERVER (read-only, issue 15); trackDossier for anyone without personal data', async () => {
    const a = await actors(t, AGENCY);
    const d = await submit(a.citizen);
    const q = `query($c: String!) { dossier(code: $c) { code applicant { identityNumber } } }`;
    expect((await t.gql(q, { c: d.code }, a.citizen)).data.dossier.code).toBe(d.code);
    expect((await t.gql(q, { c: d.code }, a.reception)).data.dossier.code).toBe(d.code);
    const stranger = await actors(t, OTHER_AGENCY, citizen(2).identityNumber);
    expect((await t.gql(q, { c: d.code }, await t.token({ roles: ['OBSERVER'] }))).data.dossier.code).toBe(d.code);
    for (const tok of [stranger.reception, stranger.citizen]) {
      const r = await t.gql(q, { c: d.code }, tok);
      expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(r)).not.toContain(citizen().identityNumber);
    }
    expect((await t.gql(q, { c: d.code })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const byNode = `query($id: ID!) { node(id: $id) { __typename ... on Dossier { code } } }`;
    expect((await t.gql(byNode, { id: d.id }, a.citizen)).data.node).toEqual({ __typename: 'Dossier', code: d.code });
    expect((await t.gql(byNode, { id: d.id }, stranger.reception)).data.node).toBeNull();
    expect((await t.gql(byNode, { id: d.id })).data.node).toBeNull();
    const tr = await t.gql(`query($c: String!) { trackDossier(code: $c) { code procedureName agencyName status receivedAt dueAt } }`, { c: d.code });
    expect(tr.data.trackDossier).toMatchObject({ code: d.code, procedureName: 'Đăng ký khai sinh', status: 'SUBMITTED' });
    expect(JSON.stringify(tr)).not.toContain(citizen().fullName);
    expect((await t.gql(`{ trackDossier(code: "NOPE-000000-0000") { code } }`)).data.trackDossier).toBeNull();
  });

  it('dossiers(): scoped to the viewer, with filters and overdue', async () => {
    const a = await actors(t, AGENCY, citizen(3).identityNumber);
    const d = await submit(a.citizen, submitInput(KHAI_SINH, { idn: citizen(3).identityNumber }));
    const list = async (tok: string, filter: Record<string, unknown> = {}) =>
      (await t.gql(`query($f: DossierFilter) { dossiers(filter: $f, first: 100) { totalCount edges { node { code applicant { identityNumber } agency { code } } } } }`, { f: filter }, tok)).data.dossiers;
    const mine = await list(a.citizen);
    expect(mine.edges.every((e: any) => e.node.applicant.identityNumber === citizen(3).identityNumber)).toBe(true);
    expect(mine.edges.map((e: any) => e.node.code)).toContain(d.code);
    const staff = await list(a.reception, { status: ['SUBMITTED'] });
    expect(staff.edges.every((e: any) => e.node.agency.code === AGENCY)).toBe(true);
    const stranger = await actors(t, OTHER_AGENCY);
    expect((await list(stranger.reception)).edges.map((e: any) => e.node.code)).not.toContain(d.code);
    // received long ago and due long past: overdue
    t.setNow(new Date('2026-01-05T08:00:00+07:00'));
    const old = await submit(a.citizen, submitInput(KHAI_SINH, { idn: citizen(3).identityNumber }));
    await act(a.reception, { code: old.code, action: 'RECEIVE' });
    t.setNow(null);
    const overdue = await list(a.reception, { overdue: true });
    expect(overdue.edges.map((e: any) => e.node.code)).toContain(old.code);
    expect(overdue.edges.map((e: any) => e.node.code)).not.toContain(d.code);
    const paged = await t.gql(`{ dossiers(first: 2) { pageInfo { hasNextPage endCursor } edges { node { code } } } }`, {}, a.reception);
    const next = await t.gql(`query($a: String) { dossiers(first: 2, after: $a) { edges { node { code } } } }`, { a: paged.data.dossiers.pageInfo.endCursor }, a.reception);
    const firstCodes = paged.data.dossiers.edges.map((e: any) => e.node.code);
    for (const e of next.data.dossiers.edges) expect(firstCodes).not.toContain(e.node.code);
  });

  it('subscriptions: by code for anyone, by agency for its staff only, everything for ADMIN/OBSERVER', async () => {
    const a = await actors(t, AGENCY);
    const q = `subscription($a: String) { dossierStatusChanged(agencyCode: $a) { code status } }`;
    const refused = await t.subscribe(q, { a: AGENCY }, (await actors(t, OTHER_AGENCY)).reception);
    expect(JSON.stringify(await refused.error())).toContain('FORBIDDEN');
    const anon = await t.subscribe(`subscription { dossierStatusChanged { code } }`);
    expect(JSON.stringify(await anon.error())).toContain('UNAUTHENTICATED');
    const deep = await t.subscribe(`subscription { dossierStatusChanged { code a0: code a1: code a2: code a3: code a4: code a5: code a6: code a7: code a8: code a9: code a10: code a11: code a12: code a13: code a14: code a15: code } }`);
    expect(JSON.stringify(await deep.error())).toContain('QUERY_TOO_COMPLEX');
    const observer = await t.subscribe(`subscription { dossierStatusChanged { code status } }`, {}, await t.token({ roles: ['OBSERVER'] }));
    const d = await submit(a.citizen);
    await act(a.reception, { code: d.code, action: 'RECEIVE' });
    expect(await observer.next()).toEqual({ dossierStatusChanged: { code: d.code, status: 'PROCESSING' } });
    await Promise.all([refused.close(), anon.close(), observer.close(), deep.close()]);
  });

  it('estimateDueDate follows the working calendar', async () => {
    const r = await t.gql(`query($p: String!, $at: DateTime) { estimateDueDate(procedureCode: $p, submittedAt: $at) }`, {
      p: KHAI_SINH.code,
      at: '2026-11-28T09:00:00+07:00', // Saturday: counting starts Monday 07:00
    });
    expect(r.data.estimateDueDate).toBe('2026-11-30T11:00:00+07:00');
    const bad = await t.gql(`{ estimateDueDate(procedureCode: "nope") }`);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'procedureCode' });
  });
});
