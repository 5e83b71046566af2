import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { DEFAULT_LANG, type Lang } from '../domain/errors';

/**
 * The language a client is answered in: Vietnamese unless the request prefers English
 * (`Accept-Language: en…`, ranked by q-values against `vi`). Other languages are ignored.
 */
export function languageOf(header: string | readonly string[] | null | undefined): Lang {
  if (!header) return DEFAULT_LANG;
  const h = (typeof header === 'string' ? header : header.join(',')).slice(0, 512);
  if (!/en/i.test(h)) return DEFAULT_LANG; // the common case costs one test
  let best: Lang = DEFAULT_LANG;
  let bestQ = 0;
  for (const part of h.split(',')) {
    const [tag, ...params] = part.split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    if (primary !== 'vi' && primary !== 'en') continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    if (q > bestQ) {
      best = primary;
      bestQ = q;
    }
  }
  return best;
}

/** What graphql-ws gives about a connection: its connectionParams and the upgrade request. */
interface WsConnection {
  connectionParams?: Readonly<Record<string, unknown>>;
  extra: object;
}

const wsLanguages = new WeakMap<object, Lang>();

/**
 * A graphql-ws connection's language: `connectionParams.acceptLanguage` (or `language`,
 * `Accept-Language`, `accept-language`), else the upgrade request's Accept-Language header (a
 * browser sends its own). Worked out once per connection.
 */
export function wsLanguage(ctx: WsConnection): Lang {
  const known = wsLanguages.get(ctx.extra);
  if (known) return known;
  const p = ctx.connectionParams ?? {};
  const fromParams = p.acceptLanguage ?? p.language ?? p['Accept-Language'] ?? p['accept-language'];
  const request = (ctx.extra as { request?: IncomingMessage }).request;
  const lang = languageOf(typeof fromParams === 'string' ? fromParams : request?.headers['accept-language']);
  if (ctx.connectionParams !== undefined) wsLanguages.set(ctx.extra, lang); // before connection_init the params are not known yet
  return lang;
}

/** The language of each error of a request, for the error formatter (Apollo's formatError has no context). */
const errorLanguages = new WeakMap<object, Lang>();

export function languageOfError(error: unknown): Lang | undefined {
  return typeof error === 'object' && error !== null ? errorLanguages.get(error) : undefined;
}

/** Tags a request's errors with the request's language (`contextValue.lang`) before they are formatted. */
export const languagePlugin: ApolloServerPlugin<{ lang: Lang }> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors }) {
        const lang = contextValue?.lang;
        if (lang && lang !== DEFAULT_LANG) for (const e of errors) errorLanguages.set(e, lang);
      },
    };
  },
};
