import { fromFile } from 'file-type';

/**
 * The allow-list of uploaded files (domain.md "Documents"): PDF, JPEG, PNG, DOC/DOCX, XLS/XLSX,
 * ODT, XML, ZIP. Each declared MIME type and the type(s) the bytes must show for it; what is
 * stored is the detected type, except for DOC and XLS, which share one container (OLE/CFB) the
 * magic numbers cannot tell apart.
 */
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ODT = 'application/vnd.oasis.opendocument.text';
const CFB = 'application/x-cfb';

export const ALLOWED_TYPES: Readonly<Record<string, { detected: string; stored: string; label: string }>> = {
  'application/pdf': { detected: 'application/pdf', stored: 'application/pdf', label: 'PDF' },
  'image/jpeg': { detected: 'image/jpeg', stored: 'image/jpeg', label: 'JPEG' },
  'image/png': { detected: 'image/png', stored: 'image/png', label: 'PNG' },
  'application/msword': { detected: CFB, stored: 'application/msword', label: 'DOC' },
  [DOCX]: { detected: DOCX, stored: DOCX, label: 'DOCX' },
  'application/vnd.ms-excel': { detected: CFB, stored: 'application/vnd.ms-excel', label: 'XLS' },
  [XLSX]: { detected: XLSX, stored: XLSX, label: 'XLSX' },
  [ODT]: { detected: ODT, stored: ODT, label: 'ODT' },
  'application/xml': { detected: 'application/xml', stored: 'application/xml', label: 'XML' },
  'text/xml': { detected: 'application/xml', stored: 'application/xml', label: 'XML' },
  'application/zip': { detected: 'application/zip', stored: 'application/zip', label: 'ZIP' },
};

/** The declared type as a key of ALLOWED_TYPES (lowercase, parameters dropped), or null when not allowed. */
export function allowedDeclaredType(mimeType: string): string | null {
  const t = mimeType.split(';')[0]!.trim().toLowerCase();
  return Object.hasOwn(ALLOWED_TYPES, t) ? t : null;
}

/** Is this a text XML document? file-type 16 looks for `<?xml`; an optional UTF-8 BOM and leading blanks are allowed here. */
export function looksLikeXml(head: Buffer): boolean {
  const text = head.subarray(0, 64).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return text.startsWith('<?xml');
}

/**
 * A PDF by its first bytes (`%PDF-`). Checked before file-type: file-type 16 reads up to 10 MB of
 * every PDF into one buffer (looking for Adobe Illustrator's `AIPrivateData`), i.e. a whole file
 * up to 10 MB held in memory per upload, and an Illustrator file (a valid PDF) would come out as
 * `application/postscript`.
 */
export function looksLikePdf(head: Buffer): boolean {
  return head.subarray(0, 5).toString('latin1') === '%PDF-';
}

/** The type the bytes of a file show (magic numbers), or null when unknown. */
export async function detectType(path: string, head: Buffer): Promise<string | null> {
  if (looksLikePdf(head)) return 'application/pdf';
  const r = await fromFile(path);
  if (r) return r.mime;
  return looksLikeXml(head) ? 'application/xml' : null;
}
