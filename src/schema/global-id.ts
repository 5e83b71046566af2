/** Relay global ids: base64url("Type:localId"). */
export function toGlobalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

export function fromGlobalId(globalId: string): { type: string; id: string } | null {
  let decoded: string;
  try {
    decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  } catch {
    return null;
  }
  const i = decoded.indexOf(':');
  if (i <= 0 || i === decoded.length - 1) return null;
  return { type: decoded.slice(0, i), id: decoded.slice(i + 1) };
}

/** Opaque cursors over a sort key. */
export const encodeCursor = (key: string) => Buffer.from(`c:${key}`, 'utf8').toString('base64url');
/** The sort key of a cursor; null for anything the hub did not make (keys never hold control characters). */
export function decodeCursor(cursor: string): string | null {
  const s = Buffer.from(cursor, 'base64url').toString('utf8');
  return s.startsWith('c:') && !/[\u0000-\u001f\u007f-\u009f]/.test(s) ? s.slice(2) : null;
}
