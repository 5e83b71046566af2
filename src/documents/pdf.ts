import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import type { LetterBlock, LetterContent } from '../domain/letters';

/**
 * Draws a letter's content (src/domain/letters.ts) as an A4 PDF in Vietnamese. The text is set in
 * DejaVu Serif, whole TrueType files from the `dejavu-fonts-ttf` npm package, embedded (subset) in
 * every PDF so that any reader shows "Ủy ban nhân dân", "Nguyễn", "đ", "ữ" without fonts of its own.
 */
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
type Font = fontkit.Font;
let fonts: { regular: Font; bold: Font; italic: Font } | undefined;
/**
 * The three faces, parsed once per process by fontkit (pdfkit's own font engine) and handed to
 * every document as font objects: parsing the TTFs per letter cost more than drawing it.
 * pdfkit still subsets per document, so each PDF embeds only the glyphs it uses.
 */
function loadFonts() {
  const face = (file: string) => {
    const font = fontkit.create(readFileSync(join(FONT_DIR, file))) as fontkit.Font;
    // fontkit caches one glyph object per glyph id with the characters of its FIRST lookup. The
    // subsetter of one PDF looks up the parts of composed letters (the "o" of "ộ") by id alone,
    // caching them without characters, and the next PDF then gets no ToUnicode entry for "o":
    // its text could not be copied or searched. Looking every character up first fixes them.
    for (const cp of font.characterSet) font.glyphForCodePoint(cp);
    return font;
  };
  fonts ??= { regular: face('DejaVuSerif.ttf'), bold: face('DejaVuSerif-Bold.ttf'), italic: face('DejaVuSerif-Italic.ttf') };
  return fonts;
}

const SIZE = 11;
const MARGIN = { top: 56, bottom: 56, left: 70, right: 56 };

/** The PDF bytes of a letter. */
export function renderLetterPdf(letter: LetterContent): Promise<Buffer> {
  const f = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    info: { Title: `${letter.title} ${letter.number}`, Subject: letter.number, Creator: 'dvc-hub', CreationDate: letter.issuedAt },
    bufferPages: false,
    // Start in DejaVu rather than pdfkit's default Helvetica (whose metrics it would parse for every letter).
    font: f.regular as unknown as string,
  });
  // pdfkit takes a fontkit font object where its types only list a path or bytes.
  doc.registerFont('R', f.regular as unknown as Buffer);
  doc.registerFont('B', f.bold as unknown as Buffer);
  doc.registerFont('I', f.italic as unknown as Buffer);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc, letter);
  doc.end();
  return done;
}

function draw(doc: PDFKit.PDFDocument, l: LetterContent): void {
  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const leftW = width * 0.42;
  const rightX = left + leftW;
  const rightW = width - leftW;
  const top = MARGIN.top;

  // The form's name, top right, small.
  doc.font('I').fontSize(9).text(l.form, left, top - 28, { width, align: 'right' });

  // Header: the agency (left) and the national motto (right), both centred in their column.
  doc.font('R').fontSize(SIZE - 1);
  let y = top;
  l.agencyLines.forEach((line, i) => {
    doc.font(i === l.agencyLines.length - 1 ? 'B' : 'R').text(line, left, y, { width: leftW, align: 'center' });
    y = doc.y;
  });
  const leftEnd = y;
  doc.font('B').fontSize(SIZE - 1).text(l.nationLines[0], rightX, top, { width: rightW, align: 'center' });
  doc.font('B').fontSize(SIZE).text(l.nationLines[1], rightX, doc.y, { width: rightW, align: 'center', underline: true });
  const rightEnd = doc.y;

  y = Math.max(leftEnd, rightEnd) + 6;
  // The number is long (SUPPLEMENT_REQUEST/<agency>/<year>/<seq>) and must stay on one line: shrink it to fit.
  doc.font('R').fontSize(SIZE - 1);
  const fit = Math.min(SIZE - 1, ((SIZE - 1) * (leftW - 4)) / doc.widthOfString(l.numberLine));
  doc.fontSize(fit).text(l.numberLine, left, y, { width: leftW, align: 'center', lineBreak: false });
  doc.y = y + doc.currentLineHeight(true);
  const numEnd = doc.y;
  doc.font('I').fontSize(SIZE).text(l.placeDate, rightX, y, { width: rightW, align: 'center' });
  y = Math.max(numEnd, doc.y) + 18;

  // Title and subtitle.
  doc.font('B').fontSize(SIZE + 2).text(l.title, left, y, { width, align: 'center' });
  for (const s of l.subtitle) doc.font('B').fontSize(SIZE).text(s, left, doc.y + 2, { width, align: 'center' });
  doc.moveDown(1);

  // Body.
  for (const b of l.body) block(doc, b, left, width);

  // Signatures, side by side.
  doc.moveDown(1.5);
  if (doc.y > doc.page.height - MARGIN.bottom - 80) doc.addPage();
  const sy = doc.y;
  const colW = width / Math.max(1, l.signatures.length);
  const offset = l.signatures.length === 1 ? width / 2 : 0;
  const cw = l.signatures.length === 1 ? width / 2 : colW;
  l.signatures.forEach((s, i) => {
    const x = left + offset + i * colW;
    doc.font('B').fontSize(SIZE).text(s.role, x, sy, { width: cw, align: 'center' });
    if (s.note) doc.font('I').fontSize(SIZE - 1).text(s.note, x, doc.y, { width: cw, align: 'center' });
  });
}

function block(doc: PDFKit.PDFDocument, b: LetterBlock, left: number, width: number): void {
  if ('table' in b) {
    table(doc, b.table, left, width);
    return;
  }
  const indent = (b.indent ?? 0) * 18;
  doc
    .font(b.bold ? 'B' : b.italic ? 'I' : 'R')
    .fontSize(SIZE)
    .text(b.text, left + indent, doc.y + 3, { width: width - indent, align: b.center ? 'center' : 'justify' });
}

function table(doc: PDFKit.PDFDocument, t: { columns: string[]; widths: number[]; rows: string[][] }, left: number, width: number): void {
  const ws = t.widths.map((w) => w * width);
  const pad = 3;
  let y = doc.y + 8;
  const row = (cells: string[], font: string) => {
    doc.font(font).fontSize(SIZE - 2);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: ws[i] - 2 * pad }))) + 2 * pad;
    if (y + h > doc.page.height - MARGIN.bottom) {
      doc.addPage();
      y = MARGIN.top;
    }
    let x = left;
    cells.forEach((c, i) => {
      doc.rect(x, y, ws[i], h).stroke();
      doc.text(c, x + pad, y + pad, { width: ws[i] - 2 * pad, align: i === 0 ? 'center' : 'left' });
      x += ws[i];
    });
    y += h;
  };
  row(t.columns, 'B');
  for (const r of t.rows) row(r, 'R');
  doc.x = left;
  doc.y = y + 4;
}
