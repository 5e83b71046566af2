import { createRemoteJWKSet, jwtVerify, SignJWT, errors as joseErrors, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { Viewer } from './viewer';
import { isRole, type Role } from './roles';

export interface TokenVerifierOptions {
  /** HS256 shared secret (development, tests). */
  secret?: string;
  /** RS256/ES256 keys (production). */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

export type TokenVerifier = (authorization: string | undefined | null) => Promise<Viewer>;

/** Builds the function that turns an Authorization header into a Viewer. Never throws. */
export function createTokenVerifier(opts: TokenVerifierOptions): TokenVerifier {
  const secret = opts.secret ? new TextEncoder().encode(opts.secret) : undefined;
  const jwks: JWTVerifyGetKey | undefined = opts.jwksUrl ? createRemoteJWKSet(new URL(opts.jwksUrl)) : undefined;
  const verifyOpts = { issuer: opts.issuer, audience: opts.audience };

  async function verify(token: string): Promise<JWTPayload> {
    const alg = decodeAlg(token);
    if (alg === 'HS256' && secret) return (await jwtVerify(token, secret, { ...verifyOpts, algorithms: ['HS256'] })).payload;
    if (alg !== 'HS256' && jwks) return (await jwtVerify(token, jwks, { ...verifyOpts, algorithms: ['RS256', 'ES256'] })).payload;
    throw new Error(`algorithm ${alg ?? 'unknown'} is not accepted`);
  }

  return async (authorization) => {
    if (!authorization) return Viewer.anonymous();
    const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!m) return Viewer.anonymous('expected "Bearer <token>"');
    try {
      return viewerFromClaims(await verify(m[1]));
    } catch (e) {
      return Viewer.anonymous(describeJoseError(e));
    }
  };
}

function decodeAlg(token: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));
    return typeof header.alg === 'string' ? header.alg : undefined;
  } catch {
    return undefined;
  }
}

function describeJoseError(e: unknown): string {
  if (e instanceof joseErrors.JWTExpired) return 'token expired';
  if (e instanceof joseErrors.JWSSignatureVerificationFailed) return 'signature does not match';
  if (e instanceof joseErrors.JWTClaimValidationFailed) return `claim ${e.claim} is not valid`;
  if (e instanceof Error) return e.message.slice(0, 200);
  return 'token rejected';
}

/** Claims: sub, roles (Role names), agencies (agency codes), idn (identity number). */
export function viewerFromClaims(p: JWTPayload): Viewer {
  if (typeof p.sub !== 'string' || p.sub === '') throw new Error('token has no subject');
  const roles = (Array.isArray(p.roles) ? p.roles : []).filter(isRole) as Role[];
  const agencyCodes = (Array.isArray(p.agencies) ? p.agencies : []).filter((a): a is string => typeof a === 'string');
  const idn = typeof p.idn === 'string' ? p.idn : null;
  return Viewer.of({ subject: p.sub, roles, agencyCodes, identityNumber: idn });
}

export interface DevTokenClaims {
  sub: string;
  roles: Role[];
  agencies?: string[];
  idn?: string;
  expiresIn?: string;
}

/** Signs an HS256 token (development tokens and tests). */
export async function signDevToken(secret: string, c: DevTokenClaims): Promise<string> {
  const payload: JWTPayload = { roles: c.roles, agencies: c.agencies ?? [] };
  if (c.idn) payload.idn = c.idn;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(c.sub)
    .setIssuedAt()
    .setExpirationTime(c.expiresIn ?? '12h')
    .sign(new TextEncoder().encode(secret));
}
