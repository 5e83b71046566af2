import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { startTestHub, type TestHub } from '../helpers/test-hub';

/**
 * Issue 16, tokens: aud and iss checked when configured; RS256 keys from a JWKS endpoint, cached
 * and fetched again when a token names a kid the hub does not hold — the identity provider
 * rotates its keys and the hub, not restarted, follows.
 */
let t: TestHub;
let jwks: Server;
let served: JWK[] = [];
let fetches = 0;
const keys: Record<string, { privateKey: KeyLike; jwk: JWK }> = {};

async function key(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  keys[kid] = { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
  return keys[kid]!.jwk;
}
const sign = (kid: string, claims: { iss?: string; aud?: string } = {}) =>
  new SignJWT({ roles: ['OBSERVER'] })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setSubject('idp|observer')
    .setIssuer(claims.iss ?? 'https://idp.example.gov.vn')
    .setAudience(claims.aud ?? 'dvc-hub')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(keys[kid]!.privateKey);
const ME = '{ me { subject roles } }';

beforeAll(async () => {
  served = [await key('k1')];
  await key('k2');
  jwks = createServer((_req, res) => {
    fetches++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: served }));
  });
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
  t = await startTestHub({ env: { AUTH_JWKS_URL: url, AUTH_ISSUER: 'https://idp.example.gov.vn', AUTH_AUDIENCE: 'dvc-hub', AUTH_JWKS_COOLDOWN_MS: '0' } });
  await t.token({ sub: 'idp|observer', roles: ['OBSERVER'] }); // registers the subject in the directory
});
afterAll(async () => {
  await t?.stop();
  await new Promise((r) => jwks?.close(r));
});

describe('tokens from the identity provider (JWKS)', () => {
  it('checks iss and aud when configured', async () => {
    expect((await t.gql(ME, {}, await sign('k1'))).data.me).toEqual({ subject: 'idp|observer', roles: ['OBSERVER'] });
    expect((await t.gql(ME, {}, await sign('k1', { aud: 'another-service' }))).data.me).toBeNull();
    expect((await t.gql(ME, {}, await sign('k1', { iss: 'https://evil.example' }))).data.me).toBeNull();
  });

  it('caches the key set, and fetches it again when a token names an unknown kid (rotation without restart)', async () => {
    const before = fetches;
    await t.gql(ME, {}, await sign('k1'));
    await t.gql(ME, {}, await sign('k1'));
    expect(fetches).toBe(before); // cached
    served = [keys.k2!.jwk]; // the identity provider rotates: k1 retired, k2 published
    expect((await t.gql(ME, {}, await sign('k2'))).data.me).toEqual({ subject: 'idp|observer', roles: ['OBSERVER'] });
    expect(fetches).toBe(before + 1);
    // k1 is gone from the fetched set: its tokens are refused now.
    expect((await t.gql(ME, {}, await sign('k1'))).data.me).toBeNull();
  });
});
