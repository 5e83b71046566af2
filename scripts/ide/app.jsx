// The hub's GraphQL IDE: GraphiQL, bundled at build time (scripts/build-ide.mjs) and served by
// src/http/ide.ts at GET /graphql for browsers. Queries and mutations go over HTTP, subscriptions
// over graphql-ws, both on the page's own /graphql.
import './monaco-env.js';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';
import 'graphiql/style.css';

const endpoint = location.origin + location.pathname.replace(/\/+$/, '');
const wsUrl = endpoint.replace(/^http/, 'ws');

// The hub reads a WebSocket's token from connection_init's `authorization`, not from HTTP
// headers: one graphql-ws client per Authorization header typed in the Headers editor.
let ws = null;
let wsAuthorization;
function wsClientFor(authorization) {
  if (!ws || authorization !== wsAuthorization) {
    ws?.dispose();
    wsAuthorization = authorization;
    ws = createClient({ url: wsUrl, lazy: true, connectionParams: authorization ? { authorization } : {} });
  }
  return ws;
}

function fetcher(params, opts) {
  const headers = opts?.headers ?? {};
  const authorization = headers.authorization ?? headers.Authorization;
  return createGraphiQLFetcher({ url: endpoint, wsClient: wsClientFor(authorization), enableIncrementalDelivery: false })(params, opts);
}

const DEFAULT_QUERY = `# dvc-hub: GraphQL queries, mutations and subscriptions (graphql-ws) on this /graphql.
#
# Signed-in calls need a bearer token (npm run token -- …): put it in the Headers tab as
#   { "authorization": "Bearer <token>" }
# It is sent with HTTP requests and, for subscriptions, in graphql-ws's connection_init.
# Press Ctrl+Enter (or the ▶ button) to run; the Docs button (top left) shows the schema.

query Catalogue {
  procedures(first: 5) {
    totalCount
    edges { node { code name } }
  }
}
`;

const url = new URLSearchParams(location.search);
createRoot(document.getElementById('graphiql')).render(
  <GraphiQL
    fetcher={fetcher}
    defaultQuery={DEFAULT_QUERY}
    initialQuery={url.get('query') ?? undefined}
    initialVariables={url.get('variables') ?? undefined}
    defaultEditorToolsVisibility={url.has('variables') ? 'variables' : false}
    shouldPersistHeaders={false}
  />,
);
