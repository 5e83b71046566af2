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
