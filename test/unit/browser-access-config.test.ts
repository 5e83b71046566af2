import { loadConfig } from '../../src/config';
import { originAllowed } from '../../src/http/cors';
import { showsFieldSuggestions } from '../../src/http/format-error';

/** Issue 11, browser access: CORS_ORIGINS, GRAPHQL_IDE and field suggestions by NODE_ENV. */
const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_JWKS_URL: 'https://id.example.gov.vn/jwks',
  PAYMENT_PARTNER_CODE: 'HAGIANG-DVC',
  PAYMENT_SECRET: 'production-payment-secret-0123456789',
  FILE_URL_SECRET: 'production-file-url-secret-0123456789',
};

describe('CORS_ORIGINS', () => {
  it('is a comma list of origins, trimmed, lower-cased, without a trailing slash; unset: none', () => {
    expect(loadConfig({}).CORS_ORIGINS).toEqual([]);
    const c = loadConfig({ CORS_ORIGINS: ' https://DichVuCong.HaGiang.gov.vn/ ,http://localhost:5173,https://dichvucong.hagiang.gov.vn' });
    expect(c.CORS_ORIGINS).toEqual(['https://dichvucong.hagiang.gov.vn', 'http://localhost:5173']);
    expect(originAllowed(c, 'http://localhost:5173')).toBe(true);
    expect(originAllowed(c, 'https://DICHVUCONG.hagiang.gov.vn')).toBe(true);
    expect(originAllowed(c, 'http://localhost:5174')).toBe(false);
    expect(originAllowed(c, 'https://dichvucong.hagiang.gov.vn.evil.example')).toBe(false);
  });

  it('refuses what is not an origin, naming the variable', () => {
    for (const bad of ['dichvucong.gov.vn', 'https://portal.gov.vn/app', 'ftp://portal.gov.vn', 'https://*.gov.vn']) {
      expect(() => loadConfig({ CORS_ORIGINS: bad })).toThrow(/CORS_ORIGINS: .*not an origin/);
    }
  });

  it("allows '*' in development and test, and production refuses it at configuration time", () => {
    expect(originAllowed(loadConfig({ CORS_ORIGINS: '*' }), 'https://anything.example')).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test', CORS_ORIGINS: '*' }).CORS_ORIGINS).toEqual(['*']);
    expect(() => loadConfig({ ...PRODUCTION, CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS: production must list the portal origins/);
    expect(() => loadConfig({ ...PRODUCTION, CORS_ORIGINS: 'https://dichvucong.hagiang.gov.vn,*' })).toThrow(/CORS_ORIGINS/);
    expect(loadConfig({ ...PRODUCTION, CORS_ORIGINS: 'https://dichvucong.hagiang.gov.vn' }).CORS_ORIGINS).toEqual(['https://dichvucong.hagiang.gov.vn']);
  });
});

describe('GRAPHQL_IDE and field suggestions', () => {
  it('the IDE is on by default in development and test, off in production unless GRAPHQL_IDE=true', () => {
    expect(loadConfig({}).GRAPHQL_IDE).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).GRAPHQL_IDE).toBe(true);
    expect(loadConfig({ GRAPHQL_IDE: 'false' }).GRAPHQL_IDE).toBe(false);
    expect(loadConfig(PRODUCTION).GRAPHQL_IDE).toBe(false);
    expect(loadConfig({ ...PRODUCTION, GRAPHQL_IDE: 'true' }).GRAPHQL_IDE).toBe(true);
    expect(() => loadConfig({ GRAPHQL_IDE: 'yes' })).toThrow(/GRAPHQL_IDE/);
  });

  it('"Did you mean …" is shown in development only', () => {
    expect(showsFieldSuggestions(loadConfig({}))).toBe(true);
    expect(showsFieldSuggestions(loadConfig({ NODE_ENV: 'test' }))).toBe(false);
    expect(showsFieldSuggestions(loadConfig(PRODUCTION))).toBe(false);
  });
});
