#!/usr/bin/env node
// npm run -s upload -- --token "$TOKEN" [file] : uploads a file to the running hub and prints its fileId.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { samplePdf, uploadFile } from './upload-file.mjs';

const USAGE = `Uploads a file to the running hub (createUpload, then PUT) and prints its fileId, for
ComponentInput.fileId, ResultInput.fileId or saveCitizenDocument.

  npm run -s upload -- --token "$TOKEN" don-de-nghi.pdf
  npm run -s upload -- --token "$TOKEN" --name "Tờ khai.pdf"      (no file: a small sample PDF)

Options: --token (required), --name (the file name to declare), --type (MIME type; from the
extension otherwise), --hub (default HUB_URL or http://localhost:4000)`;

const TYPES = { '.pdf': 'application/pdf', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.xml': 'application/xml', '.zip': 'application/zip',
  '.doc': 'application/msword', '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '.odt': 'application/vnd.oasis.opendocument.text' };

let values, positionals;
try {
  ({ values, positionals } = parseArgs({
    allowPositionals: true,
    options: { token: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' }, hub: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  }));
} catch (e) {
  process.stderr.write(`${e.message}\n\n${USAGE}\n`);
  process.exit(2);
}
if (values.help || !values.token || positionals.length > 1) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(values.help ? 0 : 2);
}
const file = positionals[0];
const fileName = values.name ?? (file ? basename(file) : 'mau.pdf');
const bytes = file ? readFileSync(file) : samplePdf(`Mau giay to ${new Date().toISOString()}`);
const mimeType = values.type ?? TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
try {
  process.stdout.write(`${await uploadFile({ hubUrl: (values.hub ?? process.env.HUB_URL ?? 'http://localhost:4000').replace(/\/+$/, ''), token: values.token, fileName, mimeType, bytes })}\n`);
} catch (e) {
  process.stderr.write(`upload failed: ${e.message}\n`);
  process.exit(1);
}
