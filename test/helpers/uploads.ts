import { createHash } from 'node:crypto';
import type { TestHub } from './test-hub';
import type { Viewer } from '../../src/auth/viewer';
import { createUpload } from '../../src/commands/create-upload.command';
import { runAs } from './commands';
import { minimalPdf } from '../../src/seed/sample-pdf';

/** Files through the real upload path (createUpload, then PUT the bytes to the hub), for tests. */

export { minimalPdf };

export const sha256Of = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const CREATE = `mutation ($input: CreateUploadInput!) { createUpload(input: $input) { fileId uploadUrl } }`;

async function put(t: TestHub, uploadUrl: string, body: Buffer): Promise<void> {
  const res = await fetch(new URL(uploadUrl, t.hub.url), { method: 'PUT', body, headers: { 'content-type': 'application/octet-stream' } });
  if (res.status !== 201 && res.status !== 200) throw new Error(`upload refused: ${res.status} ${await res.text()}`);
}

/** Uploads a PDF as the token's holder over HTTP; answers the file's global id. */
export async function uploadPdf(t: TestHub, token: string, opts: { text?: string; fileName?: string } = {}): Promise<string> {
  const pdf = minimalPdf(opts.text ?? `tep ${Math.random()}`);
  const r = await t.gql(CREATE, { input: { fileName: opts.fileName ?? 'giay-to.pdf', mimeType: 'application/pdf', sizeBytes: pdf.length, sha256: sha256Of(pdf) } }, token);
  if (r.errors) throw new Error(`createUpload: ${JSON.stringify(r.errors)}`);
  await put(t, r.data.createUpload.uploadUrl, pdf);
  return r.data.createUpload.fileId;
}

/** The same through the command tier, as a viewer; answers the file's local id. */
export async function uploadPdfAs(t: TestHub, viewer: Viewer, opts: { text?: string } = {}): Promise<string> {
  const pdf = minimalPdf(opts.text ?? `tep ${Math.random()}`);
  const tk = await runAs(t, viewer, createUpload, { fileName: 'giay-to.pdf', mimeType: 'application/pdf', sizeBytes: pdf.length, sha256: sha256Of(pdf) });
  await put(t, tk.uploadUrl, pdf);
  return tk.fileId;
}

type WithComponents = { components: { componentCode: string }[] };

/** One upload per hub and token, reused for every paper of that holder (an uploader may reuse their file). */
const uploaded = new WeakMap<TestHub, Map<string, Promise<string>>>();

/**
 * The submission as a citizen sends it online: every component is the citizen's upload (one
 * PDF, uploaded once per hub and token) instead of the fixture's url.
 */
export async function withUploads<I extends WithComponents>(t: TestHub, token: string, input: I): Promise<I> {
  const mine = uploaded.get(t) ?? new Map<string, Promise<string>>();
  uploaded.set(t, mine);
  if (!mine.has(token)) mine.set(token, uploadPdf(t, token));
  const fileId = await mine.get(token)!;
  return { ...input, components: input.components.map((c) => ({ componentCode: c.componentCode, fileId })) };
}

/** withUploads for the command tier (local ids). */
export async function withUploadsAs<I extends WithComponents>(t: TestHub, viewer: Viewer, input: I): Promise<I> {
  const key = `viewer:${viewer.subject}`;
  const mine = uploaded.get(t) ?? new Map<string, Promise<string>>();
  uploaded.set(t, mine);
  if (!mine.has(key)) mine.set(key, uploadPdfAs(t, viewer));
  const fileId = await mine.get(key)!;
  return { ...input, components: input.components.map((c) => ({ componentCode: c.componentCode, fileId })) };
}

/** Whether a test token carries the CITIZEN role (citizens send papers as uploads, never as urls). */
export function isCitizenToken(token: string | undefined): boolean {
  if (!token) return false;
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8') || '{}');
  return Array.isArray(claims.roles) && claims.roles.includes('CITIZEN');
}
