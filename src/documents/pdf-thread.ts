/**
 * The body of a letter-drawing thread (src/documents/pdf-renderer.ts): draws the letters it is
 * sent and answers with their bytes. Loaded from the compiled dist/ (npm start, benchmarks).
 */
import { parentPort } from 'node:worker_threads';
import type { LetterContent } from '../domain/letters';
import { renderLetterPdf } from './pdf';

parentPort?.on('message', (m: { id: number; content: LetterContent }) => {
  renderLetterPdf(m.content).then(
    (pdf) => parentPort!.postMessage({ id: m.id, pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength) }),
    (e: unknown) => parentPort!.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
