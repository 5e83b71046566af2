import pino, { type Logger } from 'pino';

export function createLogger(level: string, name = 'dvc-hub'): Logger {
  return pino({
    name,
    level,
    // Personal data must not reach the logs through request bodies or tokens.
    redact: { paths: ['req.headers.authorization', '*.authorization', '*.identityNumber', '*.token'], censor: '[redacted]' },
  });
}

export type { Logger };
