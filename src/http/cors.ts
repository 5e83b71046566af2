import type { IncomingMessage } from 'node:http';
import type express from 'express';
import type { Config } from '../config';

/** Request headers a browser page may send (GraphQL clients, tracing, Apollo's CSRF header). */
export const CORS_ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'accept',
  'accept-language',
  'x-request-id',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'traceparent',
  'tracestate',
];
/** Response headers a page may read. */
export const CORS_EXPOSED_HEADERS = ['x-request-id', 'retry-after'];
export const CORS_MAX_AGE_SECONDS = 3600;

/** Does CORS_ORIGINS let this origin in? ('*' only outside production: config.ts refuses it there). */
export function originAllowed(config: Pick<Config, 'CORS_ORIGINS'>, origin: string): boolean {
  return config.CORS_ORIGINS.includes('*') || config.CORS_ORIGINS.includes(origin.toLowerCase());
}

/**
 * CORS for browser pages on other origins (CORS_ORIGINS). A listed origin's preflight is answered
 * 204 with the methods, headers and max-age, and its requests carry
 * Access-Control-Allow-Origin; an unlisted origin's preflight is refused with 403 and no
 * Access-Control-* header, so the browser never sends the request. Tokens travel in the
 * Authorization header, not in cookies: no Allow-Credentials. Apollo's CSRF prevention still
 * refuses "simple" requests (no preflight) that lack a JSON content type or
 * apollo-require-preflight.
 */
export function corsMiddleware(config: Pick<Config, 'CORS_ORIGINS'>): express.RequestHandler {
  const any = config.CORS_ORIGINS.includes('*');
  return (req, res, next) => {
    const origin = req.headers.origin;
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (config.CORS_ORIGINS.length) res.vary('Origin');
    if (!origin) return next();
    if (!originAllowed(config, origin)) {
      if (!preflight) return next(); // same-origin pages send Origin too; without the header a browser hides the answer from other origins
      res.status(403).json({
        errors: [{ message: `Cross-origin requests from ${origin.slice(0, 200)} are not allowed (CORS_ORIGINS)`, extensions: { code: 'FORBIDDEN' } }],
      });
      return;
    }
    res.set('access-control-allow-origin', any ? '*' : origin);
    if (!preflight) {
      res.set('access-control-expose-headers', CORS_EXPOSED_HEADERS.join(', '));
      return next();
    }
    res.set({
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': CORS_ALLOWED_HEADERS.join(', '),
      'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
    });
    res.status(204).end();
  };
}

/**
 * Browsers do not apply CORS to WebSockets: the graphql-ws upgrade is checked here. Clients that
 * send no Origin (servers, scripts) pass; a browser page passes when it is on the hub's own host
 * (the IDE) or on a listed origin.
 */
export function webSocketOriginAllowed(config: Pick<Config, 'CORS_ORIGINS'>) {
  return ({ origin, req }: { origin: string; req: IncomingMessage }): boolean => {
    if (!origin) return true;
    if (originAllowed(config, origin)) return true;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  };
}
