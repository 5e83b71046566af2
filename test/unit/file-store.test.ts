import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskFileStore } from '../../src/documents/file-store';

/** The disk store's removal and sweep rules (issue 12: a crash leaves at most what the clean-up removes). */
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const DAY = 24 * 3600_000;
let dir: string;
let store: DiskFileStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dvc-files-'));
  store = new DiskFileStore(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const pathOf = (h: string) => join(dir, h.slice(0, 2), h.slice(2, 4), h);
/** Stores `text` and dates it `ageMs` back. */
async function stored(text: string, ageMs = 2 * DAY): Promise<string> {
  const tmp = join(await store.tempDir(), `t-${text}`);
  writeFileSync(tmp, text);
  await store.putFile(tmp, sha(text));
  const then = new Date(Date.now() - ageMs);
  utimesSync(pathOf(sha(text)), then, then);
  return sha(text);
}
const dayAgo = () => new Date(Date.now() - DAY);

describe('DiskFileStore.deleteIfUnused', () => {
  it('removes old content nobody holds', async () => {
    const h = await stored('orphan');
    expect(await store.deleteIfUnused(h, dayAgo(), async () => false)).toBe(true);
    expect(existsSync(pathOf(h))).toBe(false);
    expect(readdirSync(join(dir, 'trash'))).toEqual([]);
  });

  it('keeps content stored recently without asking, and content a row holds', async () => {
    const recent = await stored('recent', 60_000);
    let asked = 0;
    expect(await store.deleteIfUnused(recent, dayAgo(), async () => (asked++, false))).toBe(false);
    expect(asked).toBe(0);
    const held = await stored('held');
    expect(await store.deleteIfUnused(held, dayAgo(), async () => true)).toBe(false);
    expect(existsSync(pathOf(recent)) && existsSync(pathOf(held))).toBe(true);
  });

  it('keeps content a row took between the two questions (it is put back)', async () => {
    const h = await stored('raced');
    let calls = 0;
    expect(await store.deleteIfUnused(h, dayAgo(), async () => calls++ > 0)).toBe(false);
    expect(calls).toBe(2);
    expect(existsSync(pathOf(h))).toBe(true);
  });

  it('keeps content uploaded again while it was being removed (putFile marks it stored again)', async () => {
    const h = await stored('again');
    const tmp = join(await store.tempDir(), 'upload-again');
    writeFileSync(tmp, 'again');
    // The upload stores the same bytes right after the first question, before its row commits.
    expect(await store.deleteIfUnused(h, dayAgo(), async () => (existsSync(tmp) && (await store.putFile(tmp, h)), false))).toBe(false);
    expect(existsSync(pathOf(h))).toBe(true);
  });
});

describe('DiskFileStore.contents and removeLeftovers', () => {
  it('lists stored contents with when each was stored', async () => {
    const a = await stored('a');
    const b = await stored('b', 1000);
    const seen = new Map<string, Date>();
    for await (const batch of store.contents()) for (const c of batch) seen.set(c.sha256, c.storedAt);
    expect([...seen.keys()].sort()).toEqual([a, b].sort());
    expect(seen.get(a)!.getTime()).toBeLessThan(Date.now() - DAY);
  });

  it('removes old uploads in progress and half-stored copies, puts back set-aside content still held, keeps recent ones', async () => {
    const tmpDir = await store.tempDir();
    const old = new Date(Date.now() - 2 * DAY);
    writeFileSync(join(tmpDir, 'old-upload'), 'x');
    utimesSync(join(tmpDir, 'old-upload'), old, old);
    writeFileSync(join(tmpDir, 'new-upload'), 'y');
    const h = sha('part');
    mkdirSync(join(dir, h.slice(0, 2), h.slice(2, 4)), { recursive: true });
    const part = `${pathOf(h)}.0000.part`;
    writeFileSync(part, 'part');
    utimesSync(part, old, old);
    // Set aside by a removal that was interrupted: one still held (goes back), one not (goes), one recent (left).
    mkdirSync(join(dir, 'trash'));
    const held = sha('held');
    const loose = sha('loose');
    writeFileSync(join(dir, 'trash', `${held}.${old.getTime()}.u1`), 'held');
    writeFileSync(join(dir, 'trash', `${loose}.${old.getTime()}.u2`), 'loose');
    const recentAside = `${loose}.${Date.now()}.u3`;
    writeFileSync(join(dir, 'trash', recentAside), 'loose');
    const removed = await store.removeLeftovers(dayAgo(), async (x) => x === held);
    expect(removed).toBe(3);
    expect(readdirSync(tmpDir)).toEqual(['new-upload']);
    expect(existsSync(part)).toBe(false);
    expect(existsSync(pathOf(held))).toBe(true);
    expect(readdirSync(join(dir, 'trash'))).toEqual([recentAside]);
  });
});
