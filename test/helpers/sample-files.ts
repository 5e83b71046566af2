import { createHash } from 'node:crypto';
import { ZipFile } from 'yazl';

/** Real file bytes for the upload tests (issue 12). */

export { minimalPdf } from '../../src/seed/sample-pdf';

export const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from('IEND'),
  Buffer.from([0xae, 0x42, 0x60, 0x82]),
]);
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62, 0x90), Buffer.from('This program cannot be run in DOS mode.')]);
export const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A ZIP of these entries, built with yazl (deflated unless `store`). */
export async function zipOf(entries: { name: string; bytes: Buffer; store?: boolean }[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const e of entries) zip.addBuffer(e.bytes, e.name, { compress: !e.store });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

/**
 * The same ZIP with an entry name changed in the local header and the central directory (yazl
 * refuses unsafe names; the CRC covers the data, not the name). `from` and `to` have one length.
 */
export function renameInZip(zip: Buffer, from: string, to: string): Buffer {
  const a = Buffer.from(from);
  const b = Buffer.from(to);
  if (a.length !== b.length) throw new Error('renameInZip: names of one length only');
  const out = Buffer.from(zip);
  let found = 0;
  for (let i = out.indexOf(a); i !== -1; i = out.indexOf(a, i + a.length)) {
    b.copy(out, i);
    found++;
  }
  if (found < 2) throw new Error(`renameInZip: ${from} found ${found} times`);
  return out;
}

/** A minimal DOCX (an OOXML package: a ZIP whose parts name it a word-processing document). */
export function minimalDocx(text = 'Đơn đề nghị'): Promise<Buffer> {
  const xml = (body: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`);
  return zipOf([
    {
      name: '[Content_Types].xml',
      bytes: xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      bytes: xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
    },
    { name: 'word/document.xml', bytes: xml(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`) },
  ]);
}
