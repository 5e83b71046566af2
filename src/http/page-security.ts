import express from 'express';

/**
 * The Content-Security-Policy of the pages the hub serves itself (the GraphQL IDE, the
 * dashboard): everything from this hub only, styles may be inline attributes (never scripts),
 * and graphql-ws connects back to the same host (spelled out: older browsers do not count ws:
 * under 'self'). `more` adds sources to a directive, or a directive, for one page.
 */
export function hubOnlyContentSecurityPolicy(host: string | undefined, more: { img?: string; font?: string; worker?: string } = {}): string {
  const sameHost = host && /^[A-Za-z0-9.\-:[\]]+$/.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data:${more.img ? ` ${more.img}` : ''}`,
    `font-src 'self'${more.font ? ` ${more.font}` : ''}`,
    ...(more.worker ? [`worker-src 'self' ${more.worker}`] : []),
    `connect-src 'self'${sameHost}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * Sends one of the hub's own pages with its security headers (`csp`), or 503 with `notBuilt`
 * when its assets were not built (`built` false).
 */
export function sendHubPage(res: express.Response, csp: string, page: string, built: boolean, notBuilt: string): void {
  res.set({ 'content-security-policy': csp, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-cache' });
  if (!built) {
    res.status(503).type('text/plain').send(notBuilt);
    return;
  }
  res.type('html').send(page);
}

/** A page's built assets (`dir`, when built) under `path`, and a JSON 404 naming `what` for any other asset there. */
export function serveHubPageAssets(router: express.Router, path: string, dir: string | null, what: string): void {
  if (dir) router.use(path, express.static(dir, { index: false, redirect: false, maxAge: '1h', fallthrough: true }));
  router.use(path, (req, res) => {
    res.status(404).json({ errors: [{ message: `No ${what} asset at ${req.originalUrl.slice(0, 200)}`, extensions: { code: 'NOT_FOUND' } }] });
  });
}
