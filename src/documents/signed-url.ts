import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring URLs of the hub's file routes: sig = hex HMAC-SHA256(secret, "<purpose>\n<id>\n<exp>"),
 * exp in Unix seconds. The purpose keeps an upload signature from opening a download and back.
 */
export type UrlPurpose = 'upload' | 'download';

export function signature(secret: string, purpose: UrlPurpose, id: string, exp: number): string {
  return createHmac('sha256', secret).update(`${purpose}\n${id}\n${exp}`).digest('hex');
}

/** `?exp=…&sig=…` for `id`, valid until `expiresAt`. */
export function signedQuery(secret: string, purpose: UrlPurpose, id: string, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return `exp=${exp}&sig=${signature(secret, purpose, id, exp)}`;
}

/** 'ok', or why the URL is refused: a signature that is not ours ('bad-signature') or a past expiry ('expired'). */
export function checkSignature(secret: string, purpose: UrlPurpose, id: string, exp: unknown, sig: unknown, now: Date): 'ok' | 'bad-signature' | 'expired' {
  if (typeof exp !== 'string' || !/^\d{1,12}$/.test(exp) || typeof sig !== 'string' || !/^[0-9a-f]{64}$/.test(sig)) return 'bad-signature';
  const expected = Buffer.from(signature(secret, purpose, id, Number(exp)), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(sig, 'hex'))) return 'bad-signature';
  return Number(exp) * 1000 <= now.getTime() ? 'expired' : 'ok';
}

/** The URL a client uses: absolute under FILE_PUBLIC_BASE_URL when set, else a path on the hub. */
export function hubUrl(base: string | undefined, path: string): string {
  return base ? `${base.replace(/\/+$/, '')}${path}` : path;
}

export const uploadPath = (secret: string, ticketId: string, expiresAt: Date) => `/uploads/${ticketId}?${signedQuery(secret, 'upload', ticketId, expiresAt)}`;
export const downloadPath = (secret: string, fileId: string, expiresAt: Date) => `/files/${fileId}?${signedQuery(secret, 'download', fileId, expiresAt)}`;
