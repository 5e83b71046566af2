import { badInput, msg } from '../domain/errors';
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The local id of a global id of `type` (a UUID), for an input field; BAD_USER_INPUT naming the
 * field when it is not one (another type's id, or something the hub never gave).
 */
export function decodeNodeId(globalId: string, type: string, field: string): string {
  const parsed = fromGlobalId(globalId);
  if (!parsed || parsed.type !== type || !UUID.test(parsed.id)) {
    throw badInput(field, msg(`${field} không phải là mã ${type} do hệ thống cấp`, `${field} is not a ${type} id this hub gave`), 'NOT_AN_ID');
  }
  return parsed.id.toLowerCase();
}
