// Development tokens in plain JavaScript (no compile step): the claims and secret of
// src/auth/tokens.ts signDevToken and src/config.ts (test/unit/dev-token.test.ts checks both).
import { SignJWT } from 'jose';

/** src/config.ts DEV_JWT_SECRET: what the hub verifies with when AUTH_JWT_SECRET is unset. */
export const DEV_JWT_SECRET = 'dvc-hub-development-secret-not-for-production';

/** The contract's Role enum (src/domain/roles.ts ROLES). */
export const ROLES = ['CITIZEN', 'RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'CLERK', 'SECTOR_SYSTEM', 'ADMIN', 'OBSERVER'];

/** The secret the hub started from this environment verifies HS256 tokens with, or null (JWKS only). */
export function devSecret(env = process.env) {
  if (env.AUTH_JWT_SECRET) return env.AUTH_JWT_SECRET;
  return env.AUTH_JWKS_URL ? null : DEV_JWT_SECRET;
}

/** An HS256 token with sub, roles, agencies and idn, valid for expiresIn (default 12h). */
export function signDevToken(secret, { sub, roles, agencies = [], idn, expiresIn = '12h' }) {
  const payload = { roles, agencies };
  if (idn) payload.idn = idn;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
