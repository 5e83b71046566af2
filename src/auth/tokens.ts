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
  /** Seconds: a token must carry `exp`, at most this far ahead (AUTH_MAX_TOKEN_AGE). */
  maxTokenAge: number;
  /** The wall clock (tokens are not on the hub's business clock, which tests move). */
  now?: () => Date;
}

export type TokenVerifier = (authorization: string | undefined | null) => Promise<Viewer>;

/** Builds the function that turns an Authorization header into a Viewer. Never throws. */
export function createTokenVerifier(opts: TokenVerifierOptions): TokenVerifier {
  const secret = opts.secret ? new TextEncoder().encode(opts.secret) : undefined;
  const jwks: JWTVerifyGetKey | undefined = opts.jwksUrl ? createRemoteJWKSet(new URL(opts.jwksUrl)) : undefined;
  const now = opts.now ?? (() => new Date());
  const verifyOpts = () => ({ issuer: opts.issuer, audience: opts.audience, requiredClaims: ['exp'], currentDate: now() });

  async function verify(token: string): Promise<JWTPayload> {
    const alg = decodeAlg(token);
    let payload: JWTPayload;
    if (alg === 'HS256' && secret) payload = (await jwtVerify(token, secret, { ...verifyOpts(), algorithms: ['HS256'] })).payload;
    else if (alg !== 'HS256' && jwks) payload = (await jwtVerify(token, jwks, { ...verifyOpts(), algorithms: ['RS256', 'ES256'] })).payload;
    else throw new Error(`algorithm ${alg ?? 'unknown'} is not accepted`);
    // jose has checked that exp is there and not past; a token valid for longer than the cap is refused.
    if (payload.exp! - now().getTime() / 1000 > opts.maxTokenAge) throw new Error(`token lifetime is longer than the hub accepts (${opts.maxTokenAge} s)`);
    return payload;
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
  if (e instanceof joseErrors.JWTClaimValidationFailed) return e.reason === 'missing' ? `token has no ${e.claim} claim` : `claim ${e.claim} is not valid`;
  if (e instanceof Error) return e.message.slice(0, 200);
  return 'token rejected';
}

/** Claims: sub, roles (Role names), agencies (agency codes), idn (identity number); exp ends the viewer. */
export function viewerFromClaims(p: JWTPayload): Viewer {
  if (typeof p.sub !== 'string' || p.sub === '') throw new Error('token has no subject');
  const roles = (Array.isArray(p.roles) ? p.roles : []).filter(isRole) as Role[];
  const agencyCodes = (Array.isArray(p.agencies) ? p.agencies : []).filter((a): a is string => typeof a === 'string');
  const idn = typeof p.idn === 'string' ? p.idn : null;
  return Viewer.of({ subject: p.sub, roles, agencyCodes, identityNumber: idn, expiresAt: typeof p.exp === 'number' ? new Date(p.exp * 1000) : null });
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
