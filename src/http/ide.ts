import { hubOnlyContentSecurityPolicy, sendHubPage, serveHubPageAssets } from './page-security';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express from 'express';
import type { Config } from '../config';
import type { Logger } from '../logger';

/** Where the IDE's assets are served from (the bundle of scripts/build-ide.mjs). */
export const IDE_ASSETS_PATH = '/graphql/ide';

/**
 * dist/ide, built by `npm run build` (scripts/build-ide.mjs): from dist/src/http/ide.js it is
 * ../../ide; from src/http/ide.ts (ts-jest, ts-node) it is ../../dist/ide.
 */
export function ideAssetsDir(): string | null {
  for (const dir of [resolve(__dirname, '../../ide'), resolve(__dirname, '../../dist/ide')]) {
    if (existsSync(join(dir, 'main.js'))) return dir;
  }
  return null;
}

/**
 * The GraphQL IDE (GraphiQL) for browsers: GET /graphql asking for HTML gets the page; its
 * scripts, styles, fonts and Monaco's workers come from /graphql/ide/… on this hub, never from
 * another host (the page's Content-Security-Policy forbids it too). Requests that do not ask
 * for HTML (fetch, curl, a GraphQL client) go on to Apollo. Off unless GRAPHQL_IDE (default:
 * on outside production).
 */
export function graphqlIde(config: Config, log: Logger): express.Router {
  const router = express.Router();
  if (!config.GRAPHQL_IDE) return router;
  const dir = ideAssetsDir();
  if (!dir) log.warn('GRAPHQL_IDE is on but the IDE is not built (dist/ide): run `npm run build`');
  if (!config.GRAPHQL_INTROSPECTION) log.warn('GRAPHQL_IDE is on but GRAPHQL_INTROSPECTION is off: the IDE cannot show the schema or its docs');

  router.get('/graphql', (req, res, next) => {
    if (req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) !== 'text/html') return next();
    sendHubPage(res, contentSecurityPolicy(req.headers.host), PAGE, !!dir, 'The GraphQL IDE is not built on this server: run `npm run build` (scripts/build-ide.mjs), then restart.\n');
  });
  serveHubPageAssets(router, IDE_ASSETS_PATH, dir, 'IDE');
  return router;
}

/**
 * Everything from this hub only. Monaco injects style attributes (hence 'unsafe-inline' for
 * styles, not scripts); graphql-ws connects back to the same host (spelled out: older browsers
 * do not count ws: under 'self').
 */
function contentSecurityPolicy(host: string | undefined): string {
  return hubOnlyContentSecurityPolicy(host, { img: 'blob:', font: 'data:', worker: 'blob:' });
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dvc-hub · GraphQL IDE</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${IDE_ASSETS_PATH}/main.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql"><noscript>The GraphQL IDE needs JavaScript.</noscript></div>
<script type="module" src="${IDE_ASSETS_PATH}/main.js"></script>
</body>
</html>
`;
