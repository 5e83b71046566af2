import { createRemoteJWKSet, jwtVerify, SignJWT, errors as joseErrors, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { Viewer } from './viewer';
import { isRole, type Role } from './roles';
import { effectiveGrant, needsDirectory, type Claimed } from '../domain/staff';
import type { AccountDirectory } from './accounts';

/** Seconds of clock skew allowed on nbf and iat. */
export const CLOCK_SKEW_SECONDS = 60;
/** The key id, issuer and audience of the hub's own service-account tokens (POST /oauth/token). */
export const SERVICE_TOKEN_KID = 'dvc-hub-service';
export const SERVICE_TOKEN_ISSUER = 'dvc-hub';
export const SERVICE_TOKEN_AUDIENCE = 'dvc-hub:service';
/** What a refused directory lookup says (the same for unknown and deactivated: nothing to learn from it). */
export const ACCOUNT_REFUSED = 'tài khoản không có hoặc đã bị khóa trong danh bạ cán bộ (account unknown or deactivated)';

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
  /** JWKS: the least time between two fetches (an unknown kid refetches after it). */
  jwksCooldownMs?: number;
  /** The staff directory and service accounts; without it, claims are believed (unit tests of tokens). */
  directory?: AccountDirectory;
}

export type TokenVerifier = (authorization: string | undefined | null) => Promise<Viewer>;

/**
 * Builds the function that turns an Authorization header into a Viewer: a bad token gives an
 * anonymous viewer with the reason (never a throw); only an unreachable directory throws (an
 * internal error, not the caller's fault).
 */
export function createTokenVerifier(opts: TokenVerifierOptions): TokenVerifier {
  const secret = opts.secret ? new TextEncoder().encode(opts.secret) : undefined;
  // jose caches the key set and fetches it again when a token names a kid it does not hold
  // (key rotation at the identity provider without restarting the hub), at most once per cooldown.
  const jwks: JWTVerifyGetKey | undefined = opts.jwksUrl ? createRemoteJWKSet(new URL(opts.jwksUrl), { cooldownDuration: opts.jwksCooldownMs ?? 30_000 }) : undefined;
  const now = opts.now ?? (() => new Date());
  // exp is checked strictly below; the tolerance is for nbf (and iat, checked here too).
  const verifyOpts = () => ({ issuer: opts.issuer, audience: opts.audience, requiredClaims: ['exp'], currentDate: now(), clockTolerance: CLOCK_SKEW_SECONDS });

  function checkTimes(payload: JWTPayload): void {
    const t = now().getTime() / 1000;
    if (payload.exp! <= t) throw new joseErrors.JWTExpired('"exp" claim timestamp check failed', payload, 'exp', 'check_failed');
    if (payload.iat !== undefined && (typeof payload.iat !== 'number' || payload.iat > t + CLOCK_SKEW_SECONDS)) throw new Error('token issued in the future (iat)');
    // jose has checked that exp is there; a token valid for longer than the cap is refused.
    if (payload.exp! - t > opts.maxTokenAge) throw new Error(`token lifetime is longer than the hub accepts (${opts.maxTokenAge} s)`);
  }

  async function verify(token: string): Promise<{ payload: JWTPayload; service: boolean }> {
    const { alg, kid } = decodeHeader(token);
    let payload: JWTPayload;
    if (alg === 'HS256' && kid === SERVICE_TOKEN_KID && opts.directory) {
      const key = await opts.directory.serviceTokenKey();
      payload = (await jwtVerify(token, key, { requiredClaims: ['exp', 'sa'], issuer: SERVICE_TOKEN_ISSUER, audience: SERVICE_TOKEN_AUDIENCE, currentDate: now(), clockTolerance: CLOCK_SKEW_SECONDS, algorithms: ['HS256'] })).payload;
      checkTimes(payload);
      return { payload, service: true };
    }
    if (alg === 'HS256' && secret) payload = (await jwtVerify(token, secret, { ...verifyOpts(), algorithms: ['HS256'] })).payload;
    else if (alg !== 'HS256' && jwks) payload = (await jwtVerify(token, jwks, { ...verifyOpts(), algorithms: ['RS256', 'ES256'] })).payload;
    else throw new Error(`algorithm ${alg ?? 'unknown'} is not accepted`);
    checkTimes(payload);
    return { payload, service: false };
  }

  /** The viewer the hub honours: a service account as the hub knows it now, staff narrowed by the directory. */
  async function honoured(payload: JWTPayload, service: boolean): Promise<Viewer> {
    const directory = opts.directory;
    if (service) {
      const account = await directory!.serviceAccount(String(payload.sa));
      if (!account || !account.active) return Viewer.anonymous(ACCOUNT_REFUSED);
      return Viewer.of({
        subject: `service:${account.clientId}`,
        roles: ['SECTOR_SYSTEM'],
        agencyCodes: [account.agencyCode],
        expiresAt: new Date(payload.exp! * 1000),
        serviceAccount: { id: account.id, clientId: account.clientId, actions: account.actions },
      });
    }
    const viewer = viewerFromClaims(payload);
    if (!directory) return viewer;
    const claimed = claimedOf(payload);
    if (!needsDirectory(claimed)) return viewer;
    let entry = await directory.staffEntry(viewer.subject!);
    if (!entry && claimed.roles?.length) entry = await directory.autoRegister(viewer.subject!, [...claimed.roles.filter((r) => r !== 'CITIZEN')], [...(claimed.agencyCodes ?? [])]);
    const grant = effectiveGrant(claimed, entry);
    return grant ? viewer.withGrant(grant) : Viewer.anonymous(ACCOUNT_REFUSED);
  }

  return async (authorization) => {
    if (!authorization) return Viewer.anonymous();
    const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!m) return Viewer.anonymous('expected "Bearer <token>"');
    let verified: { payload: JWTPayload; service: boolean };
    try {
      verified = await verify(m[1]);
    } catch (e) {
      return Viewer.anonymous(describeJoseError(e));
    }
    try {
      return await honoured(verified.payload, verified.service);
    } catch (e) {
      if (e instanceof Error && e.message === 'token has no subject') return Viewer.anonymous(e.message);
      throw e; // the directory is unreachable: an internal error, not a bad token
    }
  };
}

/** The token's roles and agencies claims as given (undefined: no such claim). */
function claimedOf(p: JWTPayload): Claimed {
  return {
    roles: Array.isArray(p.roles) ? (p.roles.filter(isRole) as Role[]) : undefined,
    agencyCodes: Array.isArray(p.agencies) ? p.agencies.filter((a): a is string => typeof a === 'string') : undefined,
  };
}

function decodeHeader(token: string): { alg?: string; kid?: string } {
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));
    return { alg: typeof header.alg === 'string' ? header.alg : undefined, kid: typeof header.kid === 'string' ? header.kid : undefined };
  } catch {
    return {};
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

/** Signs a service account's token with the hub's own key (POST /oauth/token). */
export async function signServiceToken(key: Uint8Array, a: { id: string; clientId: string; agencyCode: string }, lifetimeSeconds: number, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ sa: a.id, roles: ['SECTOR_SYSTEM'], agencies: [a.agencyCode] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: SERVICE_TOKEN_KID })
    .setSubject(`service:${a.clientId}`)
    .setIssuer(SERVICE_TOKEN_ISSUER)
    .setAudience(SERVICE_TOKEN_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + lifetimeSeconds)
    .sign(key);
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
