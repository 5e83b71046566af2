import { vnDate } from '../../src/domain/vn-time';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { actOk, actors, citizen, KHAI_SINH, SUBMIT, submitInput, TRANSITION } from '../helpers/dossier-fixtures';
import { minimalPdf, sha256Of, uploadPdf } from '../helpers/uploads';

/**
 * Issue 12, papers: components from uploads and from the citizen's store, online supplements
 * with versions, the result as a stored file entering the store, reuse, who may download what,
 * the national record's flags and the scorecard's digitisation indicators. Over HTTP, real bytes.
 */

const AGENCY = KHAI_SINH.agencyCodes[0]!;
const OTHER_AGENCY = KHAI_SINH.agencyCodes[1]!;
const [CODE_A, CODE_B] = KHAI_SINH.components.filter((c) => c.required).map((c) => c.code);

const FILE = `file { id fileName mimeType sizeBytes sha256 downloadUrl }`;
const PAPERS = `code status version supplementRequests
  components { componentCode fileName mimeType sizeBytes sha256 url version ${FILE} reusedFrom { id kind title certified } }
  result { documentNumber fileUrl sha256 ${FILE} }
  history { action note }`;
const DOSSIER = `query ($code: String!) { dossier(code: $code) { ${PAPERS} } }`;
const MY_DOCUMENTS = `{ myDocuments(first: 10) { totalCount edges { cursor node { id kind title documentNumber validUntil certified sourceDossierCode ${FILE} } } pageInfo { hasNextPage endCursor } } }`;
const SAVE = `mutation ($input: SaveCitizenDocumentInput!) { saveCitizenDocument(input: $input) { id kind title certified documentNumber validUntil ${FILE} } }`;

describe('papers of a dossier: uploads, supplements, results and the citizen’s store (issue 12)', () => {
  let t: TestHub;
  let a: Awaited<ReturnType<typeof actors>>;
  let otherStaff: string;
  let stranger: string;

  beforeAll(async () => {
    t = await startTestHub();
    a = await actors(t, AGENCY);
    otherStaff = await t.token({ sub: `reception@${OTHER_AGENCY}`, roles: ['RECEPTION_OFFICER'], agencies: [OTHER_AGENCY] });
    stranger = await t.token({ sub: 'citizen-stranger', roles: ['CITIZEN'], idn: citizen(1).identityNumber });
  });
  afterAll(() => t?.stop());

  const download = async (url: string) => {
    const res = await fetch(new URL(url, t.hub.url));
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') };
  };
  const gqlOk = async (query: string, variables: Record<string, unknown>, token: string) => {
    const r = await t.gql(query, variables, token);
    expect(r.errors).toBeUndefined();
    return r.data;
  };
  const errorOf = async (query: string, variables: Record<string, unknown>, token: string) => (await t.gql(query, variables, token)).errors?.[0]?.extensions;
  const dossier = async (code: string, token = a.reception) => (await gqlOk(DOSSIER, { code }, token)).dossier;

  /** A citizen's submission whose papers are their own new uploads. */
  async function submitWithUploads(token = a.citizen, idn = citizen().identityNumber) {
    const base = submitInput(KHAI_SINH, { idn });
    const components = [];
    for (const c of base.components) components.push({ componentCode: c.componentCode, fileId: await uploadPdf(t, token, { text: `${c.componentCode} ${Math.random()}`, fileName: `${c.componentCode} – bản chụp.pdf` }) });
    const r = await gqlOk(SUBMIT, { input: { ...base, components } }, token);
    return { code: r.submitDossier.dossier.code as string, fileIds: components.map((c) => c.fileId) };
  }

  it('keeps uploaded papers as stored files: version 1, signed URLs for the applicant and the agency, nothing for others', async () => {
    const { code, fileIds } = await submitWithUploads();
    const d = await dossier(code, a.citizen);
    expect(d.components.map((c: any) => [c.componentCode, c.version, c.file.id, c.reusedFrom])).toEqual([
      [CODE_A, 1, fileIds[0], null],
      [CODE_B, 1, fileIds[1], null],
    ]);
    const first = d.components[0];
    expect(first).toMatchObject({ fileName: `${CODE_A} – bản chụp.pdf`, mimeType: 'application/pdf', sha256: first.file.sha256 });
    // the component's url is a signed download of the same bytes, for the applicant and the agency's staff
    const got = await download(first.url);
    expect(got.status).toBe(200);
    expect(sha256Of(got.body)).toBe(first.sha256);
    const staffView = await dossier(code, a.reception);
    expect(staffView.components[0].file.downloadUrl).toMatch(/\/files\/[0-9a-f-]{36}\?exp=\d+&sig=/);
    expect((await download(staffView.components[0].file.downloadUrl)).status).toBe(200);
    // staff of another agency and another citizen can neither read the dossier nor open the file as a node
    const node = `query ($id: ID!) { node(id: $id) { ... on StoredFile { id downloadUrl } } }`;
    expect((await gqlOk(node, { id: fileIds[0] }, otherStaff)).node).toBeNull();
    expect((await gqlOk(node, { id: fileIds[0] }, stranger)).node).toBeNull();
    expect((await gqlOk(node, { id: fileIds[0] }, a.specialist)).node).toMatchObject({ id: fileIds[0], downloadUrl: expect.stringContaining('/files/') });
    // a tampered signature is refused
    expect((await download(first.url.replace(/sig=[^&]+/, 'sig=' + 'A'.repeat(43)))).status).toBe(403);
  });

  it('an online supplement replaces the papers asked for: version 2, the log says what changed, the old file stays readable', async () => {
    const { code, fileIds } = await submitWithUploads();
    await actOk(t, a.reception, { code, action: 'RECEIVE' });
    // the request names the papers; it carries no file, and only the procedure's own codes
    expect(await errorOf(TRANSITION, { input: { code, action: 'REQUEST_SUPPLEMENT', note: 'x', components: [{ componentCode: CODE_A, fileId: fileIds[0] }] } }, a.reception)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'components[0]',
    });
    expect(await errorOf(TRANSITION, { input: { code, action: 'REQUEST_SUPPLEMENT', note: 'x', components: [{ componentCode: 'NOT-A-PART' }] } }, a.reception)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'components[0].componentCode',
    });
    await actOk(t, a.reception, { code, action: 'REQUEST_SUPPLEMENT', note: 'Bản chụp mờ', components: [{ componentCode: CODE_A }] });
    // the supplement must carry what was asked for; a paper of someone else is refused; nothing changes meanwhile
    const otherPaper = await uploadPdf(t, a.citizen);
    expect(await errorOf(TRANSITION, { input: { code, action: 'SUPPLEMENT' } }, a.citizen)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'components' });
    expect(await errorOf(TRANSITION, { input: { code, action: 'SUPPLEMENT', components: [{ componentCode: CODE_B, fileId: otherPaper }] } }, a.citizen)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'components',
    });
    const strangers = await uploadPdf(t, stranger);
    expect(await errorOf(TRANSITION, { input: { code, action: 'SUPPLEMENT', components: [{ componentCode: CODE_A, fileId: strangers }] } }, a.citizen)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'components[0].fileId',
    });
    expect((await dossier(code)).status).toBe('SUPPLEMENT_REQUESTED');

    const clearer = await uploadPdf(t, a.citizen, { text: 'ban ro', fileName: 'bản rõ.pdf' });
    const after = await actOk(t, a.citizen, { code, action: 'SUPPLEMENT', components: [{ componentCode: CODE_A, fileId: clearer }] });
    expect(after.status).toBe('PROCESSING');
    const d = await dossier(code);
    expect(d.components.map((c: any) => [c.componentCode, c.version, c.file.id])).toEqual([
      [CODE_B, 1, fileIds[1]],
      [CODE_A, 2, clearer],
    ]);
    expect(d.history.at(-1)).toEqual({ action: 'SUPPLEMENT', note: `Bổ sung thành phần hồ sơ: ${CODE_A} (thay thế, bản 2)` });
    // the replaced version is kept with the dossier: its staff can still open it
    const old = await gqlOk(`query ($id: ID!) { node(id: $id) { ... on StoredFile { downloadUrl } } }`, { id: fileIds[0] }, a.specialist);
    expect((await download(old.node.downloadUrl)).status).toBe(200);
    // components only go with SUPPLEMENT and REQUEST_SUPPLEMENT
    expect(await errorOf(TRANSITION, { input: { code, action: 'SUBMIT_FOR_APPROVAL', components: [{ componentCode: CODE_A, fileId: clearer }] } }, a.specialist)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'components',
    });
  });

  it('the result issued as a stored file enters the applicant’s store; the applicant reuses it and a saved certified copy in a later dossier', async () => {
    const { code } = await submitWithUploads();
    for (const [tok, action] of [[a.reception, 'RECEIVE'], [a.specialist, 'SUBMIT_FOR_APPROVAL'], [a.leader, 'APPROVE']] as const) await actOk(t, tok, { code, action });
    // the clerk's own upload only
    const citizensFile = await uploadPdf(t, a.citizen);
    expect(await errorOf(TRANSITION, { input: { code, action: 'ISSUE_RESULT', result: { documentNumber: '12/GKS', signedBy: 'Chủ tịch', fileId: citizensFile } } }, a.clerk)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'result.fileId',
    });
    const resultPdf = minimalPdf('Giay khai sinh');
    const resultFile = await uploadPdf(t, a.clerk, { text: 'Giay khai sinh', fileName: 'Giấy khai sinh.pdf' });
    await actOk(t, a.clerk, { code, action: 'ISSUE_RESULT', result: { documentNumber: '12/GKS', signedBy: 'Chủ tịch UBND', fileId: resultFile } });
    const d = await dossier(code, a.citizen);
    expect(d.result).toMatchObject({ documentNumber: '12/GKS', file: { id: resultFile, fileName: 'Giấy khai sinh.pdf', sha256: sha256Of(resultPdf) } });
    expect(sha256Of((await download(d.result.fileUrl)).body)).toBe(d.result.sha256);

    const store = (await gqlOk(MY_DOCUMENTS, {}, a.citizen)).myDocuments;
    const result = store.edges.map((e: any) => e.node).find((n: any) => n.sourceDossierCode === code);
    expect(result).toMatchObject({ kind: 'RESULT', documentNumber: '12/GKS', certified: false, file: { id: resultFile } });
    expect(result.title.length).toBeGreaterThan(0);
    expect((await download(result.file.downloadUrl)).status).toBe(200);
    // the store is the owner's alone
    expect((await gqlOk(MY_DOCUMENTS, {}, stranger)).myDocuments.edges.map((e: any) => e.node.id)).not.toContain(result.id);
    expect(await errorOf(MY_DOCUMENTS, {}, a.reception)).toMatchObject({ code: 'FORBIDDEN' });
    expect((await t.gql(MY_DOCUMENTS, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    // a citizen keeps an upload as an electronic certified copy; results are not theirs to add; nor someone else's file
    const copy = await uploadPdf(t, a.citizen, { fileName: 'Bản sao CCCD.pdf' });
    const saved = (await gqlOk(SAVE, { input: { fileId: copy, title: 'Bản sao chứng thực CCCD', kind: 'CERTIFIED_COPY', documentNumber: 'CT-1', validUntil: '2031-01-31' } }, a.citizen)).saveCitizenDocument;
    expect(saved).toMatchObject({ kind: 'CERTIFIED_COPY', certified: true, validUntil: '2031-01-31', file: { id: copy, fileName: 'Bản sao CCCD.pdf' } });
    expect(await errorOf(SAVE, { input: { fileId: copy, title: 'x', kind: 'RESULT' } }, a.citizen)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'kind' });
    expect(await errorOf(SAVE, { input: { fileId: await uploadPdf(t, stranger), title: 'x' } }, a.citizen)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fileId' });
    expect(await errorOf(SAVE, { input: { fileId: copy, title: '   ' } }, a.citizen)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
    expect(await errorOf(SAVE, { input: { fileId: await uploadPdf(t, a.reception), title: 'x' } }, a.reception)).toMatchObject({ code: 'FORBIDDEN' });
    expect((await gqlOk(MY_DOCUMENTS, {}, a.citizen)).myDocuments.totalCount).toBe(store.totalCount + 1);

    // reuse in a new dossier: both come from the store, without uploading again
    const base = submitInput(KHAI_SINH);
    const input = { ...base, components: [{ componentCode: CODE_A, citizenDocumentId: saved.id }, { componentCode: CODE_B, citizenDocumentId: result.id }] };
    // another citizen cannot name this citizen's documents
    const theirs = { ...submitInput(KHAI_SINH, { idn: citizen(1).identityNumber }), components: input.components };
    expect(await errorOf(SUBMIT, { input: theirs }, stranger)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'components[0].citizenDocumentId' });
    const reused = (await gqlOk(SUBMIT, { input }, a.citizen)).submitDossier.dossier.code as string;
    const r = await dossier(reused);
    expect(r.components.map((c: any) => [c.componentCode, c.file.id, c.reusedFrom])).toEqual([
      [CODE_A, copy, { id: saved.id, kind: 'CERTIFIED_COPY', title: 'Bản sao chứng thực CCCD', certified: true }],
      [CODE_B, resultFile, { id: result.id, kind: 'RESULT', title: result.title, certified: false }],
    ]);
    // the staff handling the new dossier may read the reused documents through it
    const docNode = `query ($id: ID!) { node(id: $id) { ... on CitizenDocument { id title file { downloadUrl } } } }`;
    expect((await gqlOk(docNode, { id: saved.id }, a.reception)).node).toMatchObject({ id: saved.id, file: { downloadUrl: expect.stringContaining('/files/') } });
    expect((await gqlOk(docNode, { id: saved.id }, otherStaff)).node).toBeNull();
    expect((await gqlOk(docNode, { id: saved.id }, stranger)).node).toBeNull();

    // the national record says which papers are stored, reused and certified
    await actOk(t, a.reception, { code: reused, action: 'RECEIVE' });
    await t.hub.services.runJob('outbox-dispatch');
    const record = t.sims.national.dossier(reused)!.record;
    expect(record.TrangThaiHoSo).toBe(2);
    expect(record.TaiLieuNop).toEqual([
      { MaThanhPhanHoSo: CODE_A, TenTaiLieu: 'Bản sao CCCD.pdf', DuongDanTaiLieu: null, DuocSoHoa: 1, LaBanSaoDienTu: 1, DuocTaiSuDung: 1 },
      { MaThanhPhanHoSo: CODE_B, TenTaiLieu: 'Giấy khai sinh.pdf', DuongDanTaiLieu: null, DuocSoHoa: 1, LaBanSaoDienTu: 0, DuocTaiSuDung: 1 },
    ]);

    // the scorecard counts the reuse, the certified copy and the result linked for reuse
    const today = vnDate(new Date()); // the scorecard's days are Vietnam's
    const admin = await t.token({ roles: ['ADMIN'] });
    const card = (await gqlOk(`query ($a: String!, $f: Date!, $t: Date!) { scorecard(agencyCode: $a, from: $f, to: $t) { indicators { key numerator denominator } } }`, { a: AGENCY, f: today, t: today }, admin)).scorecard;
    const ind = (k: string) => card.indicators.find((i: any) => i.key === k);
    expect(ind('DIGITIZATION_REUSED_DATA').numerator).toBeGreaterThanOrEqual(2);
    expect(ind('DIGITIZATION_E_CERTIFIED_COPIES').numerator).toBeGreaterThanOrEqual(1);
    expect(ind('DIGITIZATION_LINKED_FOR_REUSE').numerator).toBeGreaterThanOrEqual(1);
    expect(ind('DIGITIZATION_REUSED_DATA').denominator).toBeGreaterThan(ind('DIGITIZATION_REUSED_DATA').numerator);
  });

  it('url components stay for staff at the counter and sector systems; foreign ids are refused at the boundary', async () => {
    const counter = { ...submitInput(KHAI_SINH), channel: 'COUNTER' };
    const d = (await gqlOk(SUBMIT, { input: counter }, a.reception)).submitDossier.dossier;
    const v = await dossier(d.code);
    expect(v.components[0]).toMatchObject({ url: counter.components[0].url, version: 1, file: null, reusedFrom: null });
    const wrongType = Buffer.from(`Dossier:${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`).toString('base64url');
    expect(await errorOf(SUBMIT, { input: { ...counter, components: [{ componentCode: CODE_A, fileId: wrongType }] } }, a.reception)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.components[0].fileId',
    });
  });
});
