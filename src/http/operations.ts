import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type express from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import { getOperationAST, type DocumentNode, type GraphQLError } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Context } from '../context';
import type { Connectors } from '../connectors';
import type { JobScheduler } from '../jobs/scheduler';
import type { Viewer } from '../auth/viewer';
import { HubMetrics } from './metrics';
import { createRateLimits, type RateLimits } from './rate-limit';
import { requestLog, requestRecordPlugin } from './request-log';
import { initTracing, traceRequests, tracingPlugin } from './tracing';

/** Express `trust proxy` from TRUST_PROXY: a flag, a hop count, or a list of addresses and subnets. */
export function trustProxySetting(value: string | undefined): boolean | number | string[] {
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * The operations side of the hub, wired into server.ts in a few lines: the request log, the
 * metrics, the rate limits and the traces (README "Operations").
 */
export interface Operations {
  metrics: HubMetrics;
  rateLimits: RateLimits;
  /** Trust proxy and the request log: install before any route. */
  install(app: express.Express): void;
  /** For /graphql, before Apollo's middleware: the operation's span. */
  graphqlMiddleware: express.RequestHandler;
  plugins: ApolloServerPlugin<Context>[];
  /** The rate limits over graphql-ws (a query or mutation may come that way too): errors, or undefined to go on. */
  checkWebSocket(document: DocumentNode, operationName: string | null | undefined, viewer: Viewer, request: IncomingMessage): Promise<GraphQLError[] | undefined>;
  /** The client's address of a request that did not go through express (a WebSocket's upgrade): TRUST_PROXY applies. */
  clientIp(request: IncomingMessage): string | undefined;
  close(): Promise<void>;
}

export async function createOperations(opts: { config: Config; log: Logger; orm: MikroORM; connectors: Connectors; jobs: JobScheduler }): Promise<Operations> {
  const { config, log } = opts;
  initTracing(config);
  const metrics = new HubMetrics(opts);
  const rateLimits = await createRateLimits(config, log, (limit) => metrics.rateLimited(limit));
  log.info({ rateLimits: rateLimits.kind }, 'rate limits');
  let app: express.Express | undefined;
  // The client's address as express sees it (TRUST_PROXY applies to WebSockets too).
  const clientIp = (request: IncomingMessage): string | undefined =>
    app ? (Object.create(app.request, { headers: { value: request.headers }, socket: { value: request.socket } }) as express.Request).ip : request.socket.remoteAddress;
  return {
    clientIp,
    metrics,
    rateLimits,
    install(a) {
      app = a;
      a.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
      a.use(requestLog(log));
    },
    graphqlMiddleware: traceRequests(),
    plugins: [requestRecordPlugin(), rateLimits.plugin(), metrics.plugin(), tracingPlugin()],
    async checkWebSocket(document, operationName, viewer, request) {
      const operation = getOperationAST(document, operationName);
      if (!operation) return undefined; // graphql-ws answers that itself
      const ip = clientIp(request);
      const name = operationName ?? operation.name?.value;
      const started = performance.now();
      // One log line and one count per operation started over graphql-ws, like HTTP requests have.
      const logStart = (outcome: string) => {
        metrics.operation(name, operation.operation, outcome, (performance.now() - started) / 1000);
        log.info({ transport: 'graphql-ws', requestId: randomUUID(), operationName: name ?? null, operationType: operation.operation, subject: viewer.subject, ip, outcome }, 'graphql-ws operation');
      };
      try {
        await rateLimits.check(operation, document, viewer, ip ?? '', false);
        logStart('started');
        return undefined;
      } catch (e) {
        logStart('rate_limited');
        return [e as GraphQLError];
      }
    },
    close: () => rateLimits.close(),
  };
}
