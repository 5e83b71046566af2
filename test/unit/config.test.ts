import { ConfigError, DEV_JWT_SECRET, loadConfig } from '../../src/config';

describe('configuration', () => {
  it('has working defaults for a first run', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(4000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.jwtSecret).toBe(DEV_JWT_SECRET);
    expect(c.SEED_DEMO).toBe(true);
  });

  it('reads every documented variable', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/dvc',
      AUTH_JWT_SECRET: 'a-secret-of-enough-length',
      REDIS_URL: 'redis://127.0.0.1:6379',
      NATIONAL_PORTAL_URL: 'http://127.0.0.1:4101',
      POPULATION_DB_URL: 'http://127.0.0.1:4102',
      PAYMENT_PLATFORM_URL: 'http://127.0.0.1:4103',
      SEED_DEMO: 'false',
    });
    expect(c).toMatchObject({ PORT: 8080, REDIS_URL: 'redis://127.0.0.1:6379', SEED_DEMO: false, jwtSecret: 'a-secret-of-enough-length' });
  });

  it('uses no built-in secret when a JWKS URL is given', () => {
    expect(loadConfig({ AUTH_JWKS_URL: 'https://id.example.gov.vn/jwks' }).jwtSecret).toBeUndefined();
  });

  it('names every bad variable in one clear error', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'not a url', AUTH_JWT_SECRET: 'short', LOG_LEVEL: 'loud' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    for (const name of ['PORT', 'DATABASE_URL', 'AUTH_JWT_SECRET', 'LOG_LEVEL']) expect(msg).toContain(name);
  });

  it('refuses production without a key source', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_JWKS_URL/);
  });
});
