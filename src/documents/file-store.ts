import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, unlink } from 'node:fs/promises';
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
    if (await this.exists(sha256)) {
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
}
