import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LetterContent } from '../domain/letters';
import { renderLetterPdf } from './pdf';

/**
 * Draws letters' PDFs off the event loop. pdfkit draws a letter synchronously (~10 ms of CPU):
 * on the thread that answers requests, each letter would hold every request arriving meanwhile.
 * `threads` worker threads draw them instead (each parses the fonts once); 0 draws inline (and so
 * does a process running from the TypeScript sources, as the tests do, where no compiled thread
 * script exists).
 */
export interface LetterRenderer {
  readonly kind: 'threads' | 'inline';
  render(content: LetterContent): Promise<Buffer>;
  close(): Promise<void>;
}

const inline: LetterRenderer = { kind: 'inline', render: renderLetterPdf, close: async () => undefined };

export function createLetterRenderer(threads: number): LetterRenderer {
  const script = join(__dirname, 'pdf-thread.js');
  if (threads <= 0 || !existsSync(script)) return inline;
  type Pending = { resolve: (b: Buffer) => void; reject: (e: Error) => void };
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let turn = 0;
  let closing = false;
  /** A thread, replaced by a fresh one should it die (what it was drawing fails; the worker retries it). */
  const spawn = (slot: number): Worker => {
    const w = new Worker(script);
    w.unref(); // an idle drawing thread never keeps the process alive
    const mine = new Set<number>();
    w.on('message', (m: { id: number; pdf?: Uint8Array; error?: string }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      mine.delete(m.id);
      if (m.pdf) p.resolve(Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength));
      else p.reject(new Error(m.error ?? 'letter drawing failed'));
    });
    const fail = (e: Error) => {
      for (const id of mine) {
        pending.get(id)?.reject(e);
        pending.delete(id);
      }
      mine.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => {
      fail(new Error(`the letter drawing thread exited (${code})`));
      if (!closing) workers[slot] = spawn(slot);
    });
    owned.set(w, mine);
    return w;
  };
  const owned = new WeakMap<Worker, Set<number>>();
  const workers: Worker[] = [];
  for (let i = 0; i < threads; i++) workers.push(spawn(i));
  return {
    kind: 'threads',
    render(content) {
      const id = nextId++;
      const w = workers[turn++ % workers.length];
      return new Promise<Buffer>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        owned.get(w)!.add(id);
        w.postMessage({ id, content });
      });
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
