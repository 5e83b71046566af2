// Uploading a file to a running hub the way a portal does: createUpload (declared name, type,
// size, sha256), then PUT the bytes to the one-time uploadUrl. Plain Node, no compile step; used
// by scripts/upload.mjs (npm run upload) and scripts/demo.mjs.
import { createHash } from 'node:crypto';

/** A small valid one-page PDF saying `text` (ASCII), so the hub's type check sees a real PDF. */
export function samplePdf(text) {
  const stream = `BT /F1 14 Tf 20 80 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = Buffer.byteLength(out);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}


/** createUpload, then PUT: the stored file's id (a global id for ComponentInput.fileId). */
export async function uploadFile({ hubUrl, token, fileName, mimeType, bytes, language = 'vi' }) {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const res = await fetch(`${hubUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': language, authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'mutation($input: CreateUploadInput!) { createUpload(input: $input) { fileId uploadUrl } }',
      variables: { input: { fileName, mimeType, sizeBytes: bytes.length, sha256 } },
    }),
  }).catch((e) => {
    throw new Error(`the hub does not answer at ${hubUrl} (${e.cause?.code ?? e.message}): start it with npm start, or set HUB_URL`);
  });
  const body = await res.json().catch(() => null);
  const err = body?.errors?.[0];
  if (!body?.data?.createUpload) throw new Error(err ? `${err.extensions?.code}: ${err.message}` : `HTTP ${res.status} without a GraphQL answer`);
  const { fileId, uploadUrl } = body.data.createUpload;
  const put = await fetch(new URL(uploadUrl, hubUrl), { method: 'PUT', body: bytes, headers: { 'content-type': 'application/octet-stream' } });
  if (put.status !== 201) throw new Error(`upload of ${fileName} refused: HTTP ${put.status} ${await put.text()}`);
  return fileId;
}
