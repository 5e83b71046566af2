import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

jest.setTimeout(60_000);

const MAIN = resolve(__dirname, '../../dist/src/main.js'); // npm test builds first (pretest)

/** Runs the hub as `npm start` does, until it exits: its exit code and every line it printed. */
function runHub(env: Record<string, string>): Promise<{ code: number | null; lines: string[] }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', AUTH_JWT_SECRET: 'startup-test-secret-0123456789', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, lines: out.split('\n').filter(Boolean) });
    });
  });
}

const oneJsonLine = (lines: string[]) => {
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, any>;
};

(existsSync(MAIN) ? describe : describe.skip)('start-up failures explain themselves (node dist/src/main.js)', () => {
  it('an unreachable database: one JSON line naming DATABASE_URL and the host, not the password; exit ≠ 0', async () => {
    const { code, lines } = await runHub({ DATABASE_URL: 'postgres://dvc:s3cret-pass@127.0.0.1:1/dvc', PORT: '0' });
    expect(code).not.toBe(0);
    const line = oneJsonLine(lines);
    expect(line).toMatchObject({ level: 60, variable: 'DATABASE_URL', host: '127.0.0.1', port: 1 });
    expect(line.msg).toContain('DATABASE_URL');
    expect(line.msg).toContain('127.0.0.1');
    expect(lines[0]).not.toContain('s3cret-pass');
  });

  it('a host that does not resolve is named too', async () => {
    const { code, lines } = await runHub({ DATABASE_URL: 'postgres://dvc:s3cret-pass@no-such-host.invalid:5432/dvc', PORT: '0' });
    expect(code).not.toBe(0);
    const line = oneJsonLine(lines);
    expect(line).toMatchObject({ variable: 'DATABASE_URL', host: 'no-such-host.invalid' });
    expect(lines[0]).not.toContain('s3cret-pass');
  });

  it('a busy port is said once, before the database is touched; exit ≠ 0', async () => {
    const busy: Server = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    const port = (busy.address() as { port: number }).port;
    try {
      // The database URL is unreachable too: the port is checked first, so only the port is reported.
      const { code, lines } = await runHub({ PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: 'postgres://dvc@127.0.0.1:1/dvc' });
      expect(code).not.toBe(0);
      const line = oneJsonLine(lines);
      expect(line).toMatchObject({ level: 60, variable: 'PORT', port });
      expect(line.msg).toContain(`port ${port}`);
      expect(line.msg).toContain('already in use');
    } finally {
      busy.close();
    }
  });

  it('a bad cron expression names its variable; exit ≠ 0', async () => {
    const { code, lines } = await runHub({ JOB_SLA_SWEEP_SCHEDULE: 'every minute' });
    expect(code).not.toBe(0);
    const line = oneJsonLine(lines);
    expect(line.variables).toEqual(['JOB_SLA_SWEEP_SCHEDULE']);
    expect(line.msg).toContain('JOB_SLA_SWEEP_SCHEDULE');
  });

  it('production with a connector URL unset refuses to start (no payments from a simulator), naming each; exit ≠ 0', async () => {
    const PROD = {
      NODE_ENV: 'production',
      CORS_ORIGINS: 'https://dichvucong.example.vn',
      PAYMENT_PARTNER_CODE: 'HAGIANG-DVC',
      PAYMENT_SECRET: 'production-payment-secret-0123456789',
      FILE_URL_SECRET: 'production-file-url-secret-0123456789',
      PORT: '0',
    };
    const { code, lines } = await runHub({ ...PROD, NATIONAL_PORTAL_URL: 'https://dichvucong.gov.vn/api', SMTP_URL: 'smtp://mail.example.vn:25' });
    expect(code).not.toBe(0);
    const line = oneJsonLine(lines);
    expect(line.variables).toEqual(['POPULATION_DB_URL', 'PAYMENT_PLATFORM_URL', 'SMS_GATEWAY_URL']);
    expect(line.msg).toContain('CONNECTOR_SIMULATORS=true');
  });
});
