import { mkdtempSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { EXE, PNG, minimalDocx, minimalPdf, renameInZip, sha, zipOf } from '../helpers/sample-files';

/**
 * Issue 12, "ZIP of those": a ZIP upload is listed and each entry typed from its first bytes
 * (never extracted); refused, with a code, when an entry is not of an allowed type, is itself a
 * ZIP, has an unsafe name, when there are too many entries, or when it unpacks to too much.
 */

/** The ZIP with its (one) entry's uncompressed size rewritten in the local header and the central directory. */
function understated(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  if (out.readUInt32LE(22) !== 0) out.writeUInt32LE(size, 22); // local header (0 when a data descriptor follows)
  const central = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  out.writeUInt32LE(size, central + 24);
  return out;
}

const CREATE = `mutation ($input: CreateUploadInput!) { createUpload(input: $input) { fileId uploadUrl } }`;
const FILE = `query ($id: ID!) { node(id: $id) { ... on StoredFile { id mimeType sizeBytes } } }`;
const MAX = 256 * 1024; // FILE_MAX_BYTES: the ZIP may unpack to 4 × this

describe('ZIP uploads: only a ZIP of allowed types (issue 12)', () => {
  let t: TestHub;
  let dir: string;
  let citizen: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dvc-zips-'));
    t = await startTestHub({ env: { FILE_STORE_DIR: dir, FILE_MAX_BYTES: String(MAX), ZIP_MAX_ENTRIES: '20' } });
    citizen = await t.token({ sub: 'citizen-an', roles: ['CITIZEN'], idn: '001090000001' });
  });
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const storedContents = () =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !join(e.parentPath, e.name).startsWith(join(dir, 'tmp')))
      .map((e) => e.name)
      .sort();
  const tempFiles = () => (existsSync(join(dir, 'tmp')) ? readdirSync(join(dir, 'tmp')) : []);

  /** createUpload + PUT; the HTTP status and the answer's body. */
  async function upload(bytes: Buffer, mimeType = 'application/zip', fileName = 'hồ sơ.zip') {
    const c = await t.gql(CREATE, { input: { fileName, mimeType, sizeBytes: bytes.length, sha256: sha(bytes) } }, citizen);
    expect(c.errors).toBeUndefined();
    const { fileId, uploadUrl } = c.data.createUpload as { fileId: string; uploadUrl: string };
    const r = await fetch(`${t.hub.url}${uploadUrl}`, { method: 'PUT', body: bytes, headers: { 'content-type': 'application/octet-stream' } });
    return { fileId, status: r.status, body: (await r.json()) as { mimeType?: string; error?: { code: string; message: string; field?: string } } };
  }

  it('accepts a ZIP of PDFs (and of the other allowed types, DOCX included), and a DOCX alone as a DOCX', async () => {
    const pdfs = await zipOf([
      { name: 'Giấy khai sinh.pdf', bytes: minimalPdf('khai sinh') },
      { name: 'giay-to/CCCD mat truoc.pdf', bytes: minimalPdf('cccd'), store: true },
      { name: 'giay-to/Xac nhan cu tru.pdf', bytes: minimalPdf('cu tru') },
    ]);
    const ok = await upload(pdfs);
    expect(ok).toMatchObject({ status: 201, body: { mimeType: 'application/zip', sizeBytes: pdfs.length } });
    expect((await t.gql(FILE, { id: ok.fileId }, citizen)).data.node).toMatchObject({ mimeType: 'application/zip' });
    expect(storedContents()).toContain(sha(pdfs));

    const docx = await minimalDocx();
    const mixed = await zipOf([
      { name: 'don.docx', bytes: docx },
      { name: 'anh.png', bytes: PNG },
      { name: 'to-khai.xml', bytes: Buffer.from('<?xml version="1.0"?><ToKhai><HoTen>Nguyễn Văn Ất</HoTen></ToKhai>') },
      { name: 'ban-sao.pdf', bytes: minimalPdf('ban sao') },
    ]);
    expect(await upload(mixed)).toMatchObject({ status: 201, body: { mimeType: 'application/zip' } });
    // A folder zipped on a Mac: its AppleDouble and .DS_Store entries come along and pass; an
    // executable under such a name does not.
    const appleDouble = Buffer.concat([Buffer.from([0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00]), Buffer.alloc(74)]);
    const dsStore = Buffer.concat([Buffer.from([0x00, 0x00, 0x00, 0x01, 0x42, 0x75, 0x64, 0x31]), Buffer.alloc(2040)]);
    const fromMac = await zipOf([
      { name: 'giay-to/Giấy khai sinh.pdf', bytes: minimalPdf('mac') },
      { name: 'giay-to/.DS_Store', bytes: dsStore },
      { name: '__MACOSX/giay-to/._Giấy khai sinh.pdf', bytes: appleDouble },
    ]);
    expect(await upload(fromMac)).toMatchObject({ status: 201, body: { mimeType: 'application/zip' } });
    const disguised = await zipOf([{ name: 'a.pdf', bytes: minimalPdf('a') }, { name: '__MACOSX/._a.pdf', bytes: EXE }]);
    expect(await upload(disguised)).toMatchObject({ status: 415, body: { error: { code: 'ZIP_ENTRY_TYPE_NOT_ALLOWED' } } });
    const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    expect(await upload(docx, DOCX, 'đơn.docx')).toMatchObject({ status: 201, body: { mimeType: DOCX } });
    expect(tempFiles()).toEqual([]);
  });

  it('refuses a ZIP holding an .exe, a ZIP, a traversal or absolute name, too many entries, a bomb, a size that lies, or damaged bytes; nothing is kept', async () => {
    const pdf = minimalPdf('refused');
    const cases: [string, Buffer, number, string][] = [
      ['an .exe inside', await zipOf([{ name: 'ok.pdf', bytes: pdf }, { name: 'setup.exe', bytes: EXE }]), 415, 'ZIP_ENTRY_TYPE_NOT_ALLOWED'],
      ['an .exe named .pdf inside', await zipOf([{ name: 'hoa-don.pdf', bytes: EXE }]), 415, 'ZIP_ENTRY_TYPE_NOT_ALLOWED'],
      ['an empty file inside', await zipOf([{ name: 'ok.pdf', bytes: pdf }, { name: 'empty.pdf', bytes: Buffer.alloc(0) }]), 415, 'ZIP_ENTRY_TYPE_NOT_ALLOWED'],
      ['a ZIP inside', await zipOf([{ name: 'ok.pdf', bytes: pdf }, { name: 'more.zip', bytes: await zipOf([{ name: 'a.pdf', bytes: pdf }]) }]), 415, 'ZIP_NESTED'],
      ['a ../ name', renameInZip(await zipOf([{ name: 'xx/xx/evil.pdf', bytes: pdf }]), 'xx/xx/evil.pdf', '../../evil.pdf'), 400, 'ZIP_UNSAFE_NAME'],
      ['a ..\\ name', renameInZip(await zipOf([{ name: 'xx/xx/evil.pdf', bytes: pdf }]), 'xx/xx/evil.pdf', '..\\..\\evil.pdf'), 400, 'ZIP_UNSAFE_NAME'],
      ['an absolute name', renameInZip(await zipOf([{ name: 'xetc/evil.pdf', bytes: pdf }]), 'xetc/evil.pdf', '/etc/evil.pdf'), 400, 'ZIP_UNSAFE_NAME'],
      ['a drive letter', renameInZip(await zipOf([{ name: 'xxWindows/a.pdf', bytes: pdf }]), 'xxWindows/a.pdf', 'C:Windows/a.pdf'), 400, 'ZIP_UNSAFE_NAME'],
      ['21 entries', await zipOf(Array.from({ length: 21 }, (_, i) => ({ name: `p${i}.pdf`, bytes: minimalPdf(`p${i}`) }))), 400, 'ZIP_TOO_MANY_ENTRIES'],
      // 1.1 MB of a PDF padded with blanks deflates to ~1 KB: over 4 × FILE_MAX_BYTES unpacked.
      ['a bomb', await zipOf([{ name: 'bom.pdf', bytes: Buffer.concat([pdf, Buffer.alloc(1100 * 1024, 0x20)]) }]), 400, 'ZIP_BOMB'],
      // Declares 150 KB unpacked (central directory and local header) but inflates to 300 KB: seen
      // only by reading the entry through (type detection alone stops after its first chunk).
      ['an entry unpacking to more than it declares', understated(await zipOf([{ name: 'a.pdf', bytes: Buffer.concat([pdf, Buffer.alloc(300 * 1024, 0x20)]) }]), 150 * 1024), 400, 'ZIP_UNREADABLE'],
      ['damaged bytes', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), 400, 'ZIP_UNREADABLE'],
    ];
    const before = storedContents();
    for (const [what, bytes, status, code] of cases) {
      expect(bytes.length).toBeLessThan(MAX);
      const r = await upload(bytes);
      expect({ what, status: r.status, code: r.body.error?.code, field: r.body.error?.field }).toEqual({ what, status, code, field: 'mimeType' });
      expect(r.body.error!.message.length).toBeGreaterThan(10);
      expect((await t.gql(FILE, { id: r.fileId }, citizen)).data.node).toBeNull();
    }
    expect(storedContents()).toEqual(before);
    expect(tempFiles()).toEqual([]);
  });

  it('names the entry in the message, in the client language', async () => {
    const bytes = await zipOf([{ name: 'Tờ khai.pdf', bytes: minimalPdf('x') }, { name: 'cài đặt.exe', bytes: EXE }]);
    const c = await t.gql(CREATE, { input: { fileName: 'a.zip', mimeType: 'application/zip', sizeBytes: bytes.length, sha256: sha(bytes) } }, citizen);
    const put = (lang: string) =>
      fetch(`${t.hub.url}${c.data.createUpload.uploadUrl}`, { method: 'PUT', body: bytes, headers: { 'accept-language': lang } }).then((r) => r.json() as Promise<{ error: { message: string } }>);
    expect((await put('vi')).error.message).toContain('Mục "cài đặt.exe" trong tệp ZIP không thuộc loại được chấp nhận');
    expect((await put('en')).error.message).toContain('The entry "cài đặt.exe" is not of an accepted type');
  });
});
