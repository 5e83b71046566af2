import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Config } from './config';
import type { Logger } from './logger';
import { createContext, systemClock, type Clock, type Context, type HubServices } from './context';
import { createTokenVerifier } from './auth/tokens';
import { createErrorFormatter, toClientError } from './format-error';
import { buildHubSchema } from './schema/build';
import { MIGRATIONS } from '../migrations';
import { WorkingCalendar } from './domain/working-calendar';
import { createHubPubSub } from './pubsub';
import { createSharedSubscribe } from './subscription-execution';
import { SubmissionCatalogue } from './queries/submission-catalogue';
import { createConnectors, type Connectors } from './connectors';
import { identityChecker } from './commands/identity-check';
import { ipnHandler } from './commands/payment-ipn';
import { createScheduler, JOB_NAMES } from './jobs';
import { ScorecardFeed } from './scorecard-feed';
import type { JobScheduler } from './jobs/scheduler';
import { Gauge } from 'prom-client';

export interface HubOptions {
  config: Config;
  orm: MikroORM;
  log: Logger;
  clock?: Clock;
  calendar?: WorkingCalendar;
  schema?: GraphQLSchema;
  /** Connector clients; default: built from the configuration's URLs. */
  connectors?: Connectors;
}

export interface Hub {
  httpServer: Server;
  /** http://host:port, known once listening. */
  url: string;
  services: HubServices;
  schema: GraphQLSchema;
  /** The jobs of this process (scheduled only when JOBS_ENABLED). */
  jobs: JobScheduler;
  close(): Promise<void>;
}

function armorFor(config: Config) {
  return new ApolloArmor({
    maxDepth: { n: config.QUERY_MAX_DEPTH, exposeLimits: true },
    maxAliases: { n: config.QUERY_MAX_ALIASES, exposeLimits: true },
    costLimit: { maxCost: config.QUERY_MAX_COST, exposeLimits: true },
    maxTokens: { n: config.QUERY_MAX_TOKENS, exposeLimits: true },
    maxDirectives: { n: 50, exposeLimits: true },
    blockFieldSuggestion: { enabled: true },
  });
}

/** Is every migration this build knows applied? (for /readyz) */
async function databaseReady(orm: MikroORM): Promise<{ ok: boolean; detail: string }> {
  try {
    const rows = await orm.em.getConnection().execute<{ name: string }[]>('select name from mikro_orm_migrations');
    const applied = new Set(rows.map((r) => r.name.replace(/\.[jt]s$/, '')));
    const pending = MIGRATIONS.filter((m) => !applied.has(m.name)).map((m) => m.name);
    return pending.length ? { ok: false, detail: `pending migrations: ${pending.join(', ')}` } : { ok: true, detail: 'ok' };
  } catch (e) {
    return { ok: false, detail: `database unreachable: ${(e as Error).message}` };
  }
}

/**
 * One HTTP server: GraphQL queries and mutations at /graphql, graphql-ws subscriptions on the
 * same port and path, /healthz, /readyz and /metrics.
 */
export async function startHub(opts: HubOptions, listen: { port: number; host?: string } = { port: opts.config.PORT }): Promise<Hub> {
  const { config, orm, log } = opts;
  const pubSub = createHubPubSub(config.REDIS_URL);
  log.info({ pubSub: pubSub.kind }, 'subscriptions pub/sub');
  const connectors = opts.connectors ?? createConnectors(config, log);
  let jobs: JobScheduler | undefined;
  const services: HubServices = {
    config,
    log,
    clock: opts.clock ?? systemClock,
    forkEm: () => orm.em.fork(),
    calendar: opts.calendar ?? new WorkingCalendar(),
    pubSub: pubSub.pubSub,
    submissionCatalogue: new SubmissionCatalogue(),
    connectors,
    checkIdentity: identityChecker(connectors.population, config.IDENTITY_CHECK_TIMEOUT_MS, log),
    outboxWritten: () => {
      if (config.JOBS_ENABLED) jobs?.kick(JOB_NAMES.outbox);
    },
    runJob: (name) => jobs!.runNow(name),
    scorecardFeed: undefined as unknown as ScorecardFeed,
  };
  services.scorecardFeed = new ScorecardFeed(services, log);
  jobs = createScheduler(services, connectors, orm);
  const schema = opts.schema ?? (await buildHubSchema(pubSub.pubSub));
  const verify = createTokenVerifier({
    secret: config.jwtSecret,
    jwksUrl: config.AUTH_JWKS_URL,
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // GraphQL answers are not cached by ETag; hashing every body costs CPU
  const httpServer = createServer(app);

  const armor = armorFor(config).protect();
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsCleanup = useServer<Record<string, unknown>>(
    {
      schema,
      subscribe: createSharedSubscribe(),
      // The same query limits as over HTTP: parse, then validate with graphql-armor's rules.
      onSubscribe: (_ctx, _id, payload) => {
        let document;
        try {
          document = parse(payload.query, { maxTokens: config.QUERY_MAX_TOKENS });
        } catch (e) {
          return [e instanceof GraphQLError ? e : new GraphQLError('Could not parse the query')];
        }
        const errors = validate(schema, document, [...specifiedRules, ...armor.validationRules]);
        if (errors.length) return errors.map((e) => toClientError(e));
        return undefined; // graphql-ws goes on with its own parse and execution
      },
      context: async (ctx) => {
        const p = ctx.connectionParams ?? {};
        const auth = (p.authorization ?? p.Authorization) as string | undefined;
        return createContext(services, await verify(auth));
      },
    },
    wsServer,
  );

  const apollo = new ApolloServer<Context>({
    schema,
    plugins: [
      ...armor.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP caching hints are used; the plugin would otherwise wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
    ],
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: false,
    // main.ts owns shutdown (HTTP, jobs, database in order); Apollo must not race it on SIGTERM.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    formatError: createErrorFormatter(log),
  });
  await apollo.start();

  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'dvc_connector_circuit_open',
    help: 'Whether the circuit breaker of an external system is open (1) or half-open (0.5)',
    labelNames: ['system'],
    registers: [registry],
    collect() {
      for (const [system, state] of Object.entries(connectors.breakerStates())) {
        this.set({ system }, state === 'open' ? 1 : state === 'half-open' ? 0.5 : 0);
      }
    },
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const r = await databaseReady(orm);
    res.status(r.ok ? 200 : 503).json({ status: r.ok ? 'ready' : 'not ready', detail: r.detail });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  app.post('/payments/ipn', express.json({ limit: '64kb' }), ipnHandler(services));
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createContext(services, await verify(req.headers.authorization)),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(listen.port, listen.host ?? config.HOST, () => resolve());
  });
  const addr = httpServer.address() as AddressInfo;
  const host = addr.address === '0.0.0.0' || addr.address === '::' ? '127.0.0.1' : addr.address;
  const url = `http://${host}:${addr.port}`;

  if (config.JOBS_ENABLED) jobs.start();
  services.scorecardFeed.start();

  let closing: Promise<void> | null = null;
  return {
    httpServer,
    url,
    services,
    schema,
    jobs,
    close() {
      closing ??= (async () => {
        await apollo.stop(); // stops taking requests, drains HTTP and the graphql-ws server
        await jobs!.stop(); // no new runs; the runs in progress finish their current unit of work
        await services.scorecardFeed.stop();
        wsServer.close();
        await pubSub.close();
      })();
      return closing;
    },
  };
}
