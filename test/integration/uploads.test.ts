import { mkdtempSync, readdirSync, rmSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { EXE, PNG, minimalPdf, sha } from '../helpers/sample-files';

/** Issue 12, files: createUpload → PUT the bytes → signed download; every refusal; the clean-up job. */


const CREATE = `mutation ($input: CreateUploadInput!) { createUpload(input: $input) { fileId uploadUrl expiresAt } }`;
const FILE = `query ($id: ID!) { node(id: $id) { ... on StoredFile { id fileName mimeType sizeBytes sha256 uploadedAt downloadUrl } } }`;
const MAX = 64 * 1024;

describe('uploads and downloads over HTTP (issue 12)', () => {
  let t: TestHub;
  let dir: string;
  let citizen: string;
  let other: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dvc-files-'));
    t = await startTestHub({ env: { FILE_STORE_DIR: dir, FILE_MAX_BYTES: String(MAX) } });
    citizen = await t.token({ sub: 'citizen-an', roles: ['CITIZEN'], idn: '001090000001' });
    other = await t.token({ sub: 'citizen-binh', roles: ['CITIZEN'], idn: '001090000002' });
  });
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => t.setNow(null));

  async function ticket(input: { fileName: string; mimeType: string; sizeBytes: number; sha256: string }, token = citizen) {
    const r = await t.gql(CREATE, { input }, token);
    expect(r.errors).toBeUndefined();
    return r.data.createUpload as { fileId: string; uploadUrl: string; expiresAt: string };
  }
  const put = (url: string, body: Buffer) => fetch(`${t.hub.url}${url}`, { method: 'PUT', body, headers: { 'content-type': 'application/octet-stream' } });
  /** Every stored content under the store (not the temporary folder). */
  const storedContents = () =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !join(e.parentPath, e.name).startsWith(join(dir, 'tmp')))
      .map((e) => e.name);
  const tempFiles = () => (existsSync(join(dir, 'tmp')) ? readdirSync(join(dir, 'tmp')) : []);

  it('uploads a real PDF and downloads it back identical, with its type, length and Vietnamese name', async () => {
    const pdf = minimalPdf();
    const tk = await ticket({ fileName: 'C:\\giấy tờ\\Đơn đề nghị – Nguyễn Văn Ất.pdf', mimeType: 'application/pdf', sizeBytes: pdf.length, sha256: sha(pdf) });
    expect(tk.uploadUrl).toMatch(/^\/uploads\/[0-9a-f-]{36}\?exp=\d+&sig=[0-9a-f]{64}$/);
    expect(new Date(tk.expiresAt).getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    const res = await put(tk.uploadUrl, pdf);
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ sha256: sha(pdf), sizeBytes: pdf.length, mimeType: 'application/pdf' });
    expect(storedContents()).toContain(sha(pdf));
    expect(tempFiles()).toEqual([]);

    const f = (await t.gql(FILE, { id: tk.fileId }, citizen)).data.node;
    expect(f).toMatchObject({ id: tk.fileId, fileName: 'Đơn đề nghị – Nguyễn Văn Ất.pdf', mimeType: 'application/pdf', sizeBytes: pdf.length, sha256: sha(pdf) });
    expect(f.downloadUrl).toMatch(/^\/files\/[0-9a-f-]{36}\?exp=\d+&sig=[0-9a-f]{64}$/);
    // Only the uploader gets the file (and its URL) for now.
    expect((await t.gql(FILE, { id: tk.fileId }, other)).data.node).toBeNull();

    const dl = await fetch(`${t.hub.url}${f.downloadUrl}`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('application/pdf');
    expect(dl.headers.get('content-length')).toBe(String(pdf.length));
    const cd = dl.headers.get('content-disposition')!;
    expect(cd).toContain(`filename*=UTF-8''${encodeURIComponent('Đơn đề nghị – Nguyễn Văn Ất.pdf')}`);
    expect(cd).toMatch(/filename="Don de nghi _ Nguyen Van At\.pdf"/);
    expect(Buffer.from(await dl.arrayBuffer()).equals(pdf)).toBe(true);

    // A range request: 206 with exactly those bytes.
    const part = await fetch(`${t.hub.url}${f.downloadUrl}`, { headers: { range: 'bytes=5-14' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 5-14/${pdf.length}`);
    expect(part.headers.get('content-length')).toBe('10');
    expect(Buffer.from(await part.arrayBuffer()).equals(pdf.subarray(5, 15))).toBe(true);
    const tail = await fetch(`${t.hub.url}${f.downloadUrl}`, { headers: { range: 'bytes=-6' } });
    expect(Buffer.from(await tail.arrayBuffer()).toString('latin1')).toBe('%%EOF\n');
    expect((await fetch(`${t.hub.url}${f.downloadUrl}`, { headers: { range: `bytes=${pdf.length}-` } })).status).toBe(416);

    // The same ticket again: refused (one-time), the stored file unchanged.
    const again = await put(tk.uploadUrl, pdf);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('TICKET_USED');
  });

  it('refuses a tampered or expired download URL with 403', async () => {
    const pdf = minimalPdf('second');
    const tk = await ticket({ fileName: 'b.pdf', mimeType: 'application/pdf', sizeBytes: pdf.length, sha256: sha(pdf) });
    expect((await put(tk.uploadUrl, pdf)).status).toBe(201);
    const url: string = (await t.gql(FILE, { id: tk.fileId }, citizen)).data.node.downloadUrl;
    const exp = Number(/exp=(\d+)/.exec(url)![1]);
    const tampered = [
      url.replace(/sig=([0-9a-f])/, (_m, c: string) => `sig=${c === '0' ? '1' : '0'}`),
      url.replace(/exp=\d+/, `exp=${exp + 3600}`),
      url.replace(/&sig=[0-9a-f]+/, ''),
      url.replace('/files/', '/files/00000000-0000-4000-8000-000000000000?x=').replace(/\?x=[^?]*\?/, '?'),
    ];
    for (const u of tampered) {
      const r = await fetch(`${t.hub.url}${u}`);
      expect(r.status).toBe(403);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('BAD_SIGNATURE');
    }
    // An upload signature does not open a download.
    const uploadSig = /sig=([0-9a-f]+)/.exec(tk.uploadUrl)![1];
    expect((await fetch(`${t.hub.url}${url.replace(/sig=[0-9a-f]+/, `sig=${uploadSig}`)}`)).status).toBe(403);
    t.setNow(new Date((exp + 1) * 1000));
    const late = await fetch(`${t.hub.url}${url}`);
    expect(late.status).toBe(403);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('URL_EXPIRED');
  });

  it('refuses a wrong hash, a size over the limit or unlike the declared one, exe or png bytes declared as PDF; nothing is kept', async () => {
    const pdf = minimalPdf('refusals');
    const before = storedContents();
    const refusals: [string, Buffer, { mimeType: string; sizeBytes: number; sha256: string }, number, string][] = [
      ['wrong hash', pdf, { mimeType: 'application/pdf', sizeBytes: pdf.length, sha256: sha(Buffer.from('other')) }, 400, 'HASH_MISMATCH'],
      ['bigger than declared', Buffer.concat([pdf, Buffer.from('more')]), { mimeType: 'application/pdf', sizeBytes: pdf.length, sha256: sha(pdf) }, 400, 'SIZE_MISMATCH'],
      ['smaller than declared', pdf.subarray(0, 100), { mimeType: 'application/pdf', sizeBytes: pdf.length, sha256: sha(pdf) }, 400, 'SIZE_MISMATCH'],
      ['exe declared as pdf', EXE, { mimeType: 'application/pdf', sizeBytes: EXE.length, sha256: sha(EXE) }, 415, 'TYPE_NOT_ALLOWED'],
      ['png declared as pdf', PNG, { mimeType: 'application/pdf', sizeBytes: PNG.length, sha256: sha(PNG) }, 415, 'TYPE_MISMATCH'],
    ];
    for (const [what, bytes, declared, status, code] of refusals) {
      const tk = await ticket({ fileName: `${what}.pdf`, ...declared });
      const r = await put(tk.uploadUrl, bytes);
      expect({ what, status: r.status, code: ((await r.json()) as { error: { code: string } }).error.code }).toEqual({ what, status, code });
      expect((await t.gql(FILE, { id: tk.fileId }, citizen)).data.node).toBeNull();
    }
    // Over FILE_MAX_BYTES: refused when declared, and when a body runs past it.
    const big = Buffer.concat([pdf, Buffer.alloc(MAX, 0x20)]);
    const declaredBig = await t.gql(CREATE, { input: { fileName: 'big.pdf', mimeType: 'application/pdf', sizeBytes: big.length, sha256: sha(big) } }, citizen);
    expect(declaredBig.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sizeBytes', reason: 'TOO_LARGE' });
    const tk = await ticket({ fileName: 'big.pdf', mimeType: 'application/pdf', sizeBytes: MAX, sha256: sha(big.subarray(0, MAX)) });
    const r = await put(tk.uploadUrl, big);
    expect(r.status).toBe(413);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('TOO_LARGE');
    expect(storedContents()).toEqual(before);
    expect(tempFiles()).toEqual([]);
    // A PNG declared as PNG is fine.
    const png = await ticket({ fileName: 'ảnh.png', mimeType: 'image/png', sizeBytes: PNG.length, sha256: sha(PNG) });
    expect((await put(png.uploadUrl, PNG)).status).toBe(201);
  });

  it('refuses at createUpload: not signed in, a type off the allow-list, a malformed sha256', async () => {
    const input = { fileName: 'a.pdf', mimeType: 'application/pdf', sizeBytes: 10, sha256: 'a'.repeat(64) };
    expect((await t.gql(CREATE, { input })).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const exe = await t.gql(CREATE, { input: { ...input, fileName: 'b.exe', mimeType: 'application/x-msdownload' } }, citizen);
    expect(exe.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'mimeType' });
    const bad = await t.gql(CREATE, { input: { ...input, sha256: 'xyz' } }, citizen);
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(bad.errors![0]!.extensions)).toMatch(/sha256/);
  });

  it('refuses an expired ticket, and a tampered upload signature', async () => {
    const pdf = minimalPdf('late');
    const tk = await ticket({ fileName: 'late.pdf', mimeType: 'application/pdf', sizeBytes: pdf.length, sha256: sha(pdf) });
    expect((await put(tk.uploadUrl.replace(/sig=[0-9a-f]{4}/, 'sig=ffff'), pdf)).status).toBe(403);
    t.setNow(new Date(Date.now() + 16 * 60_000));
    const r = await put(tk.uploadUrl, pdf);
    expect(r.status).toBe(403); // the URL expires with the ticket
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('URL_EXPIRED');
  });

  it('the clean-up job removes files never attached after 24 h, and their bytes when no other file holds them', async () => {
    const pdf = minimalPdf('cleanup');
    const first = await ticket({ fileName: 'one.pdf', mimeType: 'application/pdf', sizeBytes: pdf.length, sha256: sha(pdf) });
    expect((await put(first.uploadUrl, pdf)).status).toBe(201);
    const path = join(dir, sha(pdf).slice(0, 2), sha(pdf).slice(2, 4), sha(pdf));
    expect(statSync(path).size).toBe(pdf.length);
    const base = Date.now();
    t.setNow(new Date(base + 23 * 3600_000));
    expect(await t.hub.services.runJob('file-cleanup')).toMatchObject({ files: 0 });
    // The same content uploaded again an hour later: one copy on disk, two rows.
    const second = await ticket({ fileName: 'two.pdf', mimeType: 'application/pdf', sizeBytes: pdf.length, sha256: sha(pdf) });
    expect((await put(second.uploadUrl, pdf)).status).toBe(201);
    t.setNow(new Date(base + 24 * 3600_000 + 60_000));
    const run1 = await t.hub.services.runJob('file-cleanup');
    expect(run1?.files).toBeGreaterThanOrEqual(1);
    expect((await t.gql(FILE, { id: first.fileId }, citizen)).data.node).toBeNull();
    expect((await t.gql(FILE, { id: second.fileId }, citizen)).data.node).not.toBeNull();
    expect(existsSync(path)).toBe(true); // still held by the second
    t.setNow(new Date(base + 47 * 3600_000 + 60_000));
    await t.hub.services.runJob('file-cleanup');
    expect((await t.gql(FILE, { id: second.fileId }, citizen)).data.node).toBeNull();
    expect(existsSync(path)).toBe(false);
  });

  it('the daily sweep removes bytes no row holds (a crash before the commit) once old, and what an interrupted upload left', async () => {
    // Bytes stored by a process that died before committing their row; and one held by an upload.
    const orphan = minimalPdf('orphan bytes');
    await t.hub.services.files.put(Readable.from([orphan]));
    const heldPdf = minimalPdf('held bytes');
    const tk = await ticket({ fileName: 'held.pdf', mimeType: 'application/pdf', sizeBytes: heldPdf.length, sha256: sha(heldPdf) });
    expect((await put(tk.uploadUrl, heldPdf)).status).toBe(201);
    const at = (h: string) => join(dir, h.slice(0, 2), h.slice(2, 4), h);
    writeFileSync(join(dir, 'tmp', 'interrupted-upload'), 'half an upload');

    const base = Date.now();
    t.setNow(new Date(base + 3600_000)); // an hour later: too young to judge
    expect(await t.hub.services.runJob('file-sweep')).toMatchObject({ contentsRemoved: 0, leftovers: 0 });
    expect(existsSync(at(sha(orphan)))).toBe(true);
    t.setNow(new Date(base + 25 * 3600_000));
    const run = await t.hub.services.runJob('file-sweep');
    expect(run).toMatchObject({ contentsRemoved: 1, leftovers: 1 });
    expect(run!.scanned).toBeGreaterThanOrEqual(2);
    expect(existsSync(at(sha(orphan)))).toBe(false);
    expect(existsSync(at(sha(heldPdf)))).toBe(true); // its row (unattached, but not yet cleaned up) holds it
    expect(existsSync(join(dir, 'tmp', 'interrupted-upload'))).toBe(false);
  });
});
