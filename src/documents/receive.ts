import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** How many leading bytes are kept for type detection (file-type reads at most ~4 KB). */
export const HEAD_BYTES = 4100;

export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} bytes`);
  }
}

export interface Received {
  /** The temporary file (the caller moves it into the store or removes it). */
  path: string;
  sha256: string;
  size: number;
  /** The first HEAD_BYTES bytes (or all, when shorter), for type detection. */
  head: Buffer;
}

/**
 * Streams a body to a fresh temporary file in `dir` while hashing and counting it: memory holds
 * one chunk at a time plus the first HEAD_BYTES. Over `maxBytes` the stream is aborted with
 * TooLargeError; on any failure the temporary file is removed.
 */
export async function receiveToTemp(stream: Readable, dir: string, maxBytes: number): Promise<Received> {
  const path = join(dir, `${randomUUID()}.upload`);
  const hash = createHash('sha256');
  let size = 0;
  const headChunks: Buffer[] = [];
  let headLength = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) {
        done(new TooLargeError(maxBytes));
        return;
      }
      hash.update(chunk);
      if (headLength < HEAD_BYTES) {
        const part = chunk.subarray(0, HEAD_BYTES - headLength);
        headChunks.push(Buffer.from(part));
        headLength += part.length;
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(stream, meter, createWriteStream(path, { flags: 'wx' }));
  } catch (e) {
    await rm(path, { force: true });
    throw e;
  }
  return { path, sha256: hash.digest('hex'), size, head: Buffer.concat(headChunks) };
}
