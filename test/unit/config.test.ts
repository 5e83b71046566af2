import { ConfigError, DEV_FILE_URL_SECRET, DEV_JWT_SECRET, DEV_PAYMENT_PARTNER_CODE, DEV_PAYMENT_SECRET, loadConfig } from '../../src/config';

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

  it('names a bad cron expression by its variable at configuration time (node-cron validate)', () => {
    let err: unknown;
    try {
      loadConfig({ JOB_OUTBOX_SCHEDULE: '*/5 * * * * * *', JOB_SLA_SWEEP_SCHEDULE: 'every minute', JOB_VERIFY_IDENTITY_SCHEDULE: '*/10 * * * * *' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).issues.map((i) => i.variable).sort()).toEqual(['JOB_OUTBOX_SCHEDULE', 'JOB_SLA_SWEEP_SCHEDULE']);
    expect((err as Error).message).toMatch(/JOB_SLA_SWEEP_SCHEDULE: "every minute" is not a valid cron expression/);
  });

  it('reads the operations block: rate limits, field costs, proxy, tracing', () => {
    const c = loadConfig({ RATE_LIMIT_WINDOW: '5m', RATE_LIMIT_FIELD_COSTS: 'scorecard=50, dossiers=8', TRUST_PROXY: 'loopback', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' });
    expect(c).toMatchObject({ RATE_LIMIT_ENABLED: true, RATE_LIMIT_WINDOW: 300, RATE_LIMIT_FIELD_COSTS: { scorecard: 50, dossiers: 8 }, TRUST_PROXY: 'loopback', RATE_LIMIT_ANONYMOUS_POINTS: 600 });
    expect(() => loadConfig({ RATE_LIMIT_FIELD_COSTS: 'scorecard:50' })).toThrow(/RATE_LIMIT_FIELD_COSTS/);
  });

  it('refuses production without a key source', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_JWKS_URL/);
  });

  /** What a production deployment sets at least (none of it a development default). */
  const PRODUCTION = {
    NODE_ENV: 'production',
    AUTH_JWKS_URL: 'https://id.example.gov.vn/jwks',
    PAYMENT_PARTNER_CODE: 'HAGIANG-DVC',
    PAYMENT_SECRET: 'a-secret-the-platform-and-the-province-agreed',
    FILE_URL_SECRET: 'the-province-s-own-file-url-key',
  };
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return '';
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as Error).message;
    }
  };

  it('starts in production when every secret is its own', () => {
    expect(problems(PRODUCTION)).toBe('');
  });

  it('refuses production without PAYMENT_SECRET and PAYMENT_PARTNER_CODE, naming both', () => {
    const { PAYMENT_PARTNER_CODE: _c, PAYMENT_SECRET: _s, ...withoutPayment } = PRODUCTION;
    const msg = problems(withoutPayment);
    expect(msg).toMatch(/PAYMENT_PARTNER_CODE/);
    expect(msg).toMatch(/PAYMENT_SECRET/);
  });

  it('refuses production with any development default, naming the variable', () => {
    expect(problems({ ...PRODUCTION, PAYMENT_SECRET: DEV_PAYMENT_SECRET })).toMatch(/PAYMENT_SECRET/);
    expect(problems({ ...PRODUCTION, PAYMENT_PARTNER_CODE: DEV_PAYMENT_PARTNER_CODE })).toMatch(/PAYMENT_PARTNER_CODE/);
    expect(problems({ ...PRODUCTION, AUTH_JWT_SECRET: DEV_JWT_SECRET })).toMatch(/AUTH_JWT_SECRET/);
    expect(problems({ ...PRODUCTION, FILE_URL_SECRET: DEV_FILE_URL_SECRET })).toMatch(/FILE_URL_SECRET/);
    const { FILE_URL_SECRET: _f, ...withoutFileKey } = PRODUCTION;
    expect(problems(withoutFileKey)).toMatch(/FILE_URL_SECRET/);
  });

  it('keeps the payment defaults for development and tests', () => {
    expect(loadConfig({})).toMatchObject({ PAYMENT_PARTNER_CODE: DEV_PAYMENT_PARTNER_CODE, PAYMENT_SECRET: DEV_PAYMENT_SECRET });
  });

  it('reads the token age cap as a duration', () => {
    expect(loadConfig({}).AUTH_MAX_TOKEN_AGE).toBe(24 * 3600);
    expect(loadConfig({ AUTH_MAX_TOKEN_AGE: '30m' }).AUTH_MAX_TOKEN_AGE).toBe(1800);
    expect(loadConfig({ AUTH_MAX_TOKEN_AGE: '600' }).AUTH_MAX_TOKEN_AGE).toBe(600);
    expect(problems({ AUTH_MAX_TOKEN_AGE: 'forever' })).toMatch(/AUTH_MAX_TOKEN_AGE/);
  });

  it('turns introspection off in production unless asked for', () => {
    expect(loadConfig({}).GRAPHQL_INTROSPECTION).toBe(true);
    expect(loadConfig(PRODUCTION).GRAPHQL_INTROSPECTION).toBe(false);
    expect(loadConfig({ ...PRODUCTION, GRAPHQL_INTROSPECTION: 'true' }).GRAPHQL_INTROSPECTION).toBe(true);
  });
});
