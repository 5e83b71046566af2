import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { receiveToTemp } from './receive';

/**
 * Where file bytes live, by content: a file is named by its sha256 (64 lowercase hex digits) and
 * by nothing a client wrote (file names are metadata in stored_file). The hub speaks to this
 * interface only, so an S3-compatible bucket (key = sha256) can replace the disk.
 */
export interface FileStore {
  /** A human name for logs: `disk:/var/lib/dvc-hub/files`, `s3:bucket`. */
  readonly description: string;
  /**
   * Takes a local temporary file already hashed and checked (the upload handler streamed it) and
   * keeps it under its sha256; the temporary file is gone afterwards. Storing the same content
   * twice keeps one copy.
   */
  putFile(tempPath: string, sha256: string): Promise<void>;
  /** Streams bytes in (never whole in memory), hashing and counting them, and keeps them by their sha256. */
  put(stream: Readable): Promise<{ sha256: string; size: number }>;
  /** The bytes of a stored file, or of the inclusive range [start, end]. */
  open(sha256: string, range?: { start: number; end: number }): Promise<Readable>;
  exists(sha256: string): Promise<boolean>;
  /** Removes the content (no error when it is already gone). */
  delete(sha256: string): Promise<void>;
  /** A directory on local disk for uploads in progress (streamed there, then putFile). */
  tempDir(): Promise<string>;
  /**
   * Removes the content unless it was stored or stored again at or after `touchedBefore`, or
   * `inUse()` says a row holds it; `inUse` is asked before and again after the content is set
   * aside, so an upload of the same bytes racing the removal keeps them (putFile of existing
   * content marks it stored again). True when the bytes went.
   */
  deleteIfUnused(sha256: string, touchedBefore: Date, inUse: () => Promise<boolean>): Promise<boolean>;
  /**
   * The stored contents, a batch at a time (one directory of the disk, one listing page of a
   * bucket): their keys and when each was last stored.
   */
  contents(): AsyncIterable<{ sha256: string; storedAt: Date }[]>;
  /**
   * Removes what a crash left behind before `before`: uploads in progress, half-stored copies;
   * contents set aside by an interrupted deleteIfUnused go back when `inUse` says so, else go.
   * Answers how many were removed.
   */
  removeLeftovers(before: Date, inUse: (sha256: string) => Promise<boolean>): Promise<number>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** The only way a key becomes a path: 64 hex digits, checked, or nothing. */
function checkedKey(sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error('file store: the key must be a lowercase sha256 (64 hex digits)');
  return sha256;
}

/** Content-addressed files under a directory: `<dir>/ab/cd/<sha256>`; uploads in progress in `<dir>/tmp`. */
export class DiskFileStore implements FileStore {
  constructor(private readonly dir: string) {}

  get description(): string {
    return `disk:${this.dir}`;
  }

  private pathOf(sha256: string): string {
    const k = checkedKey(sha256);
    return join(this.dir, k.slice(0, 2), k.slice(2, 4), k);
  }

  async tempDir(): Promise<string> {
    const t = join(this.dir, 'tmp');
    await mkdir(t, { recursive: true });
    return t;
  }

  async putFile(tempPath: string, sha256: string): Promise<void> {
    const target = this.pathOf(sha256);
    // Content already here is marked stored again (its mtime), so a removal racing this upload
    // sees it (deleteIfUnused); gone meanwhile, it is written anew.
    const now = new Date();
    const kept = await utimes(target, now, now).then(
      () => true,
      (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return false;
        throw e;
      },
    );
    if (kept) {
      await rm(tempPath, { force: true });
      return;
    }
    await mkdir(join(target, '..'), { recursive: true });
    // A rename inside one file system is atomic: a reader never sees half a file. Two uploads of
    // the same bytes may both rename; the content is the same.
    const staged = `${target}.${randomUUID()}.part`;
    await rename(tempPath, staged);
    await rename(staged, target);
  }

  async put(stream: Readable): Promise<{ sha256: string; size: number }> {
    const received = await receiveToTemp(stream, await this.tempDir(), Number.MAX_SAFE_INTEGER);
    await this.putFile(received.path, received.sha256);
    return { sha256: received.sha256, size: received.size };
  }

  async open(sha256: string, range?: { start: number; end: number }): Promise<Readable> {
    const path = this.pathOf(sha256);
    await stat(path); // ENOENT now, not as a stream error after the headers went out
    return createReadStream(path, range ? { start: range.start, end: range.end } : {});
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  }

  async delete(sha256: string): Promise<void> {
    try {
      await unlink(this.pathOf(sha256));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }

  private get trashDir(): string {
    return join(this.dir, 'trash');
  }

  async deleteIfUnused(sha256: string, touchedBefore: Date, inUse: () => Promise<boolean>): Promise<boolean> {
    const path = this.pathOf(sha256);
    const before = await statOrNull(path);
    if (!before || before.mtimeMs >= touchedBefore.getTime() || (await inUse())) return false;
    // Set aside (atomic), then look again: stored again meanwhile (mtime) or now held by a row.
    await mkdir(this.trashDir, { recursive: true });
    const aside = join(this.trashDir, `${sha256}.${Date.now()}.${randomUUID()}`); // when set aside: removeLeftovers leaves recent ones
    try {
      await rename(path, aside);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
    const after = await stat(aside);
    if (after.mtimeMs !== before.mtimeMs || (await inUse())) {
      await this.restore(aside, path);
      return false;
    }
    await unlink(aside);
    return true;
  }

  /** Puts set-aside content back (an upload that wrote it anew meanwhile holds the same bytes). */
  private async restore(aside: string, path: string): Promise<void> {
    await mkdir(join(path, '..'), { recursive: true });
    await rename(aside, path);
  }

  async *contents(): AsyncIterable<{ sha256: string; storedAt: Date }[]> {
    for (const a of await dirNames(this.dir, /^[0-9a-f]{2}$/)) {
      for (const b of await dirNames(join(this.dir, a), /^[0-9a-f]{2}$/)) {
        const dir = join(this.dir, a, b);
        const batch: { sha256: string; storedAt: Date }[] = [];
        for (const name of await readdir(dir).catch(() => [] as string[])) {
          if (!SHA256.test(name)) continue; // .part copies: removeLeftovers
          const st = await statOrNull(join(dir, name));
          if (st?.isFile()) batch.push({ sha256: name, storedAt: st.mtime });
        }
        if (batch.length) yield batch;
      }
    }
  }

  async removeLeftovers(before: Date, inUse: (sha256: string) => Promise<boolean>): Promise<number> {
    let removed = 0;
    const old = async (p: string) => ((await statOrNull(p))?.mtimeMs ?? Infinity) < before.getTime();
    // Uploads in progress when the process died.
    for (const name of await readdir(join(this.dir, 'tmp')).catch(() => [] as string[])) {
      const p = join(this.dir, 'tmp', name);
      if (await old(p)) (await rm(p, { force: true }), removed++);
    }
    // Half-stored copies (between the two renames of putFile).
    for (const a of await dirNames(this.dir, /^[0-9a-f]{2}$/)) {
      for (const b of await dirNames(join(this.dir, a), /^[0-9a-f]{2}$/)) {
        for (const name of await readdir(join(this.dir, a, b)).catch(() => [] as string[])) {
          const p = join(this.dir, a, b, name);
          if (name.endsWith('.part') && (await old(p))) (await rm(p, { force: true }), removed++);
        }
      }
    }
    // Contents set aside by a removal that was interrupted.
    for (const name of await readdir(this.trashDir).catch(() => [] as string[])) {
      const [sha256 = '', setAsideAt = ''] = name.split('.');
      const p = join(this.trashDir, name);
      if (!SHA256.test(sha256) || !(Number(setAsideAt) < before.getTime())) continue;
      if ((await inUse(sha256)) && !(await this.exists(sha256))) await this.restore(p, this.pathOf(sha256));
      else (await rm(p, { force: true }), removed++);
    }
    return removed;
  }
}

async function statOrNull(path: string) {
  try {
    return await stat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** The subdirectories of `dir` whose names match `re`, sorted. */
async function dirNames(dir: string, re: RegExp): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && re.test(e.name)).map((e) => e.name).sort();
}
