import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { actors, actOk, citizen, KHAI_SINH, submitInput, submitOk, WITH_FEES } from '../helpers/dossier-fixtures';
import { runAs, viewerOf } from '../helpers/commands';
import { Db, sql } from '../../src/db/sql';
import { amountInWords, formatVnd } from '../../src/domain/letters';
import { vnDateTimeText, vnYear } from '../../src/domain/vn-time';
import { issueLetters } from '../../src/commands/issue-letters.command';
import { Viewer } from '../../src/auth/viewer';
import { pendingLetterRequests } from '../../src/stores/letter.store';

/**
 * Issue 12: the official letters issued with the changes that cause them, over HTTP against a
 * real hub: the request is written with the change, the letters worker issues it (run here
 * through runJob, as the scheduler does after its kick), the applicant downloads the PDF through
 * its signed URL, and pdftotext (poppler-utils) finds the code, the name and the dates in it.
 */
let t: TestHub;
const dir = mkdtempSync(join(tmpdir(), 'letters-it-'));
beforeAll(async () => {
  // Failed letters are due again at once, so that the retry test needs no waiting.
  t = await startTestHub({ env: { LETTERS_BACKOFF_BASE_MS: '0', LETTERS_BACKOFF_MAX_MS: '0', PAYMENT_RECONCILE_AFTER_MS: '0' } });
});
afterAll(async () => {
  await t?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const AGENCY = KHAI_SINH.agencyCodes[0];
const OTHER_AGENCY = KHAI_SINH.agencyCodes[1];
const FEE_AGENCY = WITH_FEES.agencyCodes[0];
const FEES = WITH_FEES.fees.reduce((s, f) => s + f.amount, 0);
const RESULT = { documentNumber: '7/2026/TLKS', signedBy: 'Chủ tịch UBND', fileUrl: 'https://files.example.gov.vn/kq.pdf', sha256: 'c'.repeat(64) };
const YEAR = vnYear(new Date());

const LETTERS = `query($c: String!) { dossier(code: $c) { code dueAt letters { kind number title issuedAt file { id fileName mimeType sizeBytes downloadUrl } } } }`;

async function gqlOk(query: string, variables: Record<string, unknown>, token?: string) {
  const r = await t.gql(query, variables, token);
  expect(r.errors).toBeUndefined();
  return r.data;
}

/** The letters worker, once (the scheduler runs it after a kick and on its schedule). */
const issue = () => t.hub.services.runJob('letters');

async function lettersOf(code: string, token: string) {
  return (await gqlOk(LETTERS, { c: code }, token)).dossier as { code: string; dueAt: string; letters: any[] };
}

/** Downloads a signed URL as the hub serves it and extracts the PDF's text (whitespace normalised). */
async function pdfText(url: string): Promise<string> {
  const res = await fetch(url.startsWith('http') ? url : `${t.hub.url}${url}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

const seqOf = (number: string) => Number(number.split('/').at(-1));

async function received(agencyCode = AGENCY, procedure = KHAI_SINH, idn = citizen().identityNumber) {
  const a = await actors(t, agencyCode, idn);
  const d = await submitOk(t, a.citizen, submitInput(procedure, { agencyCode, idn }));
  await actOk(t, a.reception, { code: d.code, action: 'RECEIVE' });
  return { a, code: d.code as string };
}

describe('letters issued with the changes that cause them', () => {
  it('RECEIVE → the RECEIPT (Mẫu 01): the applicant downloads it; it names the code, the applicant and the appointment', async () => {
    const { a, code } = await received();
    // Queued with the change; nothing issued before the worker runs.
    expect((await lettersOf(code, a.citizen)).letters).toEqual([]);
    expect(await issue()).toMatchObject({ issued: 1, failed: 0 });
    const d = await lettersOf(code, a.citizen);
    expect(d.letters).toHaveLength(1);
    const [receipt] = d.letters;
    expect(receipt).toMatchObject({ kind: 'RECEIPT', title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', file: { mimeType: 'application/pdf' } });
    expect(receipt.number).toMatch(new RegExp(`^RECEIPT/${AGENCY.replace(/\./g, '\\.')}/${YEAR}/\\d+$`));
    expect(receipt.file.downloadUrl).toMatch(/^\/files\/[0-9a-f-]+\?exp=\d+&sig=/);
    const text = await pdfText(receipt.file.downloadUrl);
    expect(text).toContain(code);
    expect(text).toContain(citizen().fullName);
    expect(text).toContain(vnDateTimeText(new Date(d.dueAt))); // the appointment
    expect(text).toContain(receipt.number);
    // Staff of the agency read it too.
    expect((await lettersOf(code, a.reception)).letters[0].file.downloadUrl).toBeTruthy();
  });

  it('the second supplement request yields SUPPLEMENT_REQUEST and APOLOGY; the apology gives its reason', async () => {
    const { a, code } = await received();
    await actOk(t, a.reception, { code, action: 'REQUEST_SUPPLEMENT', note: 'Thiếu giấy chứng sinh bản chính' });
    await actOk(t, a.citizen, { code, action: 'SUPPLEMENT', note: 'Đã bổ sung' });
    await actOk(t, a.reception, { code, action: 'REQUEST_SUPPLEMENT', note: 'Thiếu bản sao giấy đăng ký kết hôn', apologyLetter: 'Hướng dẫn lần trước chưa đầy đủ' });
    expect(await issue()).toMatchObject({ issued: 4, failed: 0 });
    const { letters } = await lettersOf(code, a.citizen);
    expect(letters.map((l) => l.kind)).toEqual(['RECEIPT', 'SUPPLEMENT_REQUEST', 'SUPPLEMENT_REQUEST', 'APOLOGY']);
    const first = await pdfText(letters[1].file.downloadUrl);
    expect(first).toContain('Thiếu giấy chứng sinh bản chính');
    expect(first).toContain(code);
    const apology = await pdfText(letters[3].file.downloadUrl);
    expect(apology).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(apology).toContain('Hướng dẫn lần trước chưa đầy đủ');
    expect(apology).toContain('lần thứ 2');
    expect(apology).toContain(citizen().fullName);
  });

  it('REJECT → REJECTION with the reason; EXTEND → APOLOGY with the new date', async () => {
    const r = await received();
    await actOk(t, r.a.reception, { code: r.code, action: 'REJECT', note: 'Người yêu cầu không thuộc đối tượng của thủ tục' });
    const e = await received();
    const before = await lettersOf(e.code, e.a.citizen);
    const newDueAt = new Date(new Date(before.dueAt).getTime() + 7 * 86_400_000);
    await actOk(t, e.a.reception, { code: e.code, action: 'EXTEND', apologyLetter: 'Cần xác minh thêm tại nơi cư trú', newDueAt: newDueAt.toISOString() });
    expect(await issue()).toMatchObject({ issued: 4, failed: 0 });

    const rejected = (await lettersOf(r.code, r.a.citizen)).letters;
    expect(rejected.map((l) => l.kind)).toEqual(['RECEIPT', 'REJECTION']);
    const rejection = await pdfText(rejected[1].file.downloadUrl);
    expect(rejection).toContain('Người yêu cầu không thuộc đối tượng của thủ tục');
    expect(rejection).toContain(r.code);

    const extended = (await lettersOf(e.code, e.a.citizen)).letters;
    expect(extended.map((l) => l.kind)).toEqual(['RECEIPT', 'APOLOGY']);
    const apology = await pdfText(extended[1].file.downloadUrl);
    expect(apology).toContain(vnDateTimeText(newDueAt)); // the new date
    expect(apology).toContain(vnDateTimeText(new Date(before.dueAt))); // and the one it replaces
    expect(apology).toContain('Cần xác minh thêm tại nơi cư trú');
  });

  it('numbers go 1, 2, … per kind, agency and year; another agency counts on its own', async () => {
    const x = await received(OTHER_AGENCY);
    const y = await received(OTHER_AGENCY);
    await issue();
    const nx = (await lettersOf(x.code, x.a.citizen)).letters[0].number;
    const ny = (await lettersOf(y.code, y.a.citizen)).letters[0].number;
    // The first receipts of OTHER_AGENCY in this database: 1 and 2, whatever AGENCY has issued
    // (in either order: the worker issues several letters at once).
    expect([nx, ny].sort()).toEqual([`RECEIPT/${OTHER_AGENCY}/${YEAR}/1`, `RECEIPT/${OTHER_AGENCY}/${YEAR}/2`]);
  });

  it('two workers at once share the queue: every letter once, numbers without gaps or repeats', async () => {
    const codes: string[] = [];
    const a = await actors(t, AGENCY);
    for (let i = 0; i < 6; i++) {
      const d = await submitOk(t, a.citizen, submitInput(KHAI_SINH, { agencyCode: AGENCY }));
      await actOk(t, a.reception, { code: d.code, action: 'REJECT', note: `Lý do ${i}` });
      codes.push(d.code);
    }
    const worker = () => runAs(t, Viewer.system('letters'), issueLetters, {});
    const [w1, w2] = await Promise.all([worker(), worker()]);
    expect(w1.issued + w2.issued).toBe(6);
    const numbers: string[] = [];
    for (const code of codes) {
      const ls = (await lettersOf(code, a.citizen)).letters;
      expect(ls.map((l) => l.kind)).toEqual(['REJECTION']);
      numbers.push(ls[0].number);
    }
    const seqs = numbers.map(seqOf).sort((p, q) => p - q);
    expect(new Set(seqs).size).toBe(6);
    expect(seqs.at(-1)! - seqs[0]).toBe(5); // consecutive
  });

  it('a letter that fails is rolled back, recorded, retried, and issued once with the number it would have had', async () => {
    const { a, code } = await received();
    const files = t.hub.services.files;
    const put = files.put.bind(files);
    files.put = async () => {
      throw new Error('disk full (test)');
    };
    try {
      expect(await issue()).toMatchObject({ issued: 0, failed: 1 });
    } finally {
      files.put = put;
    }
    const pending = await pendingLetterRequests(new Db(t.orm.em.fork()));
    expect(pending).toEqual([expect.objectContaining({ kind: 'RECEIPT', attempts: 1, lastError: 'disk full (test)' })]);
    expect((await lettersOf(code, a.citizen)).letters).toEqual([]);
    const db = new Db(t.orm.em.fork());
    const last = await db.one<{ last: number }>(sql`select last from letter_sequence where kind = 'RECEIPT' and agency_code = ${AGENCY}`);

    expect(await issue()).toMatchObject({ issued: 1, failed: 0 });
    expect(await issue()).toMatchObject({ issued: 0, failed: 0 });
    const { letters } = await lettersOf(code, a.citizen);
    expect(letters).toHaveLength(1);
    expect(seqOf(letters[0].number)).toBe(last!.last + 1); // the failed attempt drew no number
    expect(await pendingLetterRequests(new Db(t.orm.em.fork()))).toEqual([]);
    // A request redone after its letter committed (say, marked undone by hand) finds the letter: none issued twice.
    await db.all(sql`update letter_request set done_at = null where dossier_id = (select id from dossier where code = ${code})`);
    expect(await issue()).toMatchObject({ issued: 1 });
    expect((await lettersOf(code, a.citizen)).letters).toHaveLength(1);
  });

  it('a platform payment paid at the simulator and a counter payment → PAYMENT_RECEIPT; Payment.receiptUrl downloads it, the amount in words', async () => {
    const PAYMENTS = `query($c: String!) { dossier(code: $c) { payments { status channel amount receiptUrl } letters { kind number } } }`;
    // Online, through the national platform's simulator.
    const online = await received(FEE_AGENCY, WITH_FEES);
    await actOk(t, online.a.reception, { code: online.code, action: 'REQUEST_PAYMENT', note: 'Nộp lệ phí' });
    const payment = (
      await gqlOk(`mutation($input: InitiatePaymentInput!) { initiatePayment(input: $input) { payment { reference } } }`, { input: { dossierCode: online.code } }, online.a.citizen)
    ).initiatePayment.payment;
    const paid = await fetch(`${t.sims.urls.payment}/_sim/pay/${encodeURIComponent(payment.reference)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'paid' }),
    });
    expect(((await paid.json()) as { hubStatus: number }).hubStatus).toBe(200);
    // At the counter.
    const counter = await received(FEE_AGENCY, WITH_FEES);
    await gqlOk(`mutation($input: RecordCounterPaymentInput!) { recordCounterPayment(input: $input) { payment { status } } }`, { input: { dossierCode: counter.code, amount: FEES } }, counter.a.reception);
    await issue();

    for (const { a, code } of [online, counter]) {
      const d = (await gqlOk(PAYMENTS, { c: code }, a.citizen)).dossier;
      expect(d.letters.map((l: any) => l.kind)).toEqual(['RECEIPT', 'PAYMENT_RECEIPT']);
      expect(d.payments).toHaveLength(1);
      expect(d.payments[0]).toMatchObject({ status: 'PAID', amount: FEES });
      expect(d.payments[0].receiptUrl).toMatch(/^\/files\/[0-9a-f-]+\?exp=\d+&sig=/);
      const text = await pdfText(d.payments[0].receiptUrl);
      expect(text).toContain('BIÊN LAI THU TIỀN PHÍ, LỆ PHÍ');
      expect(text).toContain(`${formatVnd(FEES)} đồng`);
      expect(text).toContain(amountInWords(FEES));
      expect(text).toContain(code);
    }
    expect(await pdfText((await gqlOk(PAYMENTS, { c: online.code }, online.a.citizen)).dossier.payments[0].receiptUrl)).toContain('Thanh toán trực tuyến');
    expect(await pdfText((await gqlOk(PAYMENTS, { c: counter.code }, counter.a.citizen)).dossier.payments[0].receiptUrl)).toContain('Nộp tại Bộ phận Một cửa');
  });

  it('DELIVER → PROCESS_CONTROL with the log; on demand for the agency’s staff only; nobody else gets a URL', async () => {
    const { a, code } = await received();
    await actOk(t, a.specialist, { code, action: 'SUBMIT_FOR_APPROVAL' });
    await actOk(t, a.leader, { code, action: 'APPROVE' });
    await actOk(t, a.clerk, { code, action: 'ISSUE_RESULT', result: RESULT });
    await actOk(t, a.reception, { code, action: 'DELIVER' });
    await issue();
    const { letters } = await lettersOf(code, a.citizen);
    expect(letters.map((l) => l.kind)).toEqual(['RECEIPT', 'PROCESS_CONTROL']);
    const sheet = await pdfText(letters[1].file.downloadUrl);
    expect(sheet).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(sheet).toContain(code);
    expect(sheet).toContain('Tiếp nhận');
    expect(sheet).toContain('Trả kết quả');

    const ISSUE = `mutation($c: String!) { issueProcessControlLetter(code: $c) { kind number file { downloadUrl } } }`;
    const now = (await gqlOk(ISSUE, { c: code }, a.specialist)).issueProcessControlLetter;
    expect(now.kind).toBe('PROCESS_CONTROL');
    expect(seqOf(now.number)).toBe(seqOf(letters[1].number) + 1);
    expect(now.file.downloadUrl).toBeTruthy();
    expect((await lettersOf(code, a.citizen)).letters).toHaveLength(3);

    const other = await actors(t, OTHER_AGENCY);
    expect((await t.gql(ISSUE, { c: code }, other.reception)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(ISSUE, { c: code }, a.citizen)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Staff of another agency and another citizen reach neither the dossier nor the letter's file.
    const fileId = letters[0].file.id;
    const NODE = `query($id: ID!) { node(id: $id) { ... on StoredFile { downloadUrl } } }`;
    expect((await gqlOk(NODE, { id: fileId }, a.citizen)).node.downloadUrl).toBeTruthy();
    expect((await gqlOk(NODE, { id: fileId }, other.reception)).node).toBeNull();
    expect((await t.gql(LETTERS, { c: code }, other.reception)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const stranger = await t.token({ sub: 'citizen-x', roles: ['CITIZEN'], idn: citizen(5).identityNumber });
    expect((await gqlOk(NODE, { id: fileId }, stranger)).node).toBeNull();
    // The signed URL itself is bound to its file: tampered, refused.
    const tampered = letters[0].file.downloadUrl.replace(/sig=([0-9a-f])/, (_: string, c: string) => `sig=${c === '0' ? '1' : '0'}`);
    expect((await fetch(`${t.hub.url}${tampered}`)).status).toBe(403);
  });

  it('Dossier.letters of a list is one query for all the dossiers', async () => {
    const a = await actors(t, AGENCY);
    t.sql.length = 0;
    const r = await gqlOk(`{ dossiers(first: 20) { edges { node { code letters { kind file { fileName } } } } } }`, {}, a.reception);
    expect(r.dossiers.edges.length).toBeGreaterThan(3);
    expect(t.sql.filter((q) => /from letter\b/.test(q))).toHaveLength(1);
  });
});

describe('with the jobs on', () => {
  let h: TestHub;
  beforeAll(async () => {
    // The schedule is far off: only the kick after the commit can issue the letter in time.
    h = await startTestHub({ env: { JOBS_ENABLED: 'true', JOB_LETTERS_SCHEDULE: '0 0 0 1 1 *' } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('the worker is kicked after the commit: the receipt is there moments after RECEIVE', async () => {
    const a = await actors(h, AGENCY);
    const d = await submitOk(h, a.citizen, submitInput(KHAI_SINH, { agencyCode: AGENCY }));
    await actOk(h, a.reception, { code: d.code, action: 'RECEIVE' });
    let kinds: string[] = [];
    for (let i = 0; i < 100 && kinds.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const r = await h.gql(`query($c: String!) { dossier(code: $c) { letters { kind } } }`, { c: d.code }, a.citizen);
      kinds = r.data.dossier.letters.map((l: { kind: string }) => l.kind);
    }
    expect(kinds).toEqual(['RECEIPT']);
  });
});
