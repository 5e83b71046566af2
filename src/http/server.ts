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
import { GraphQLError, NoSchemaIntrospectionCustomRule, getOperationAST, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { createContext, systemClock, type Clock, type Context, type HubServices } from '../context';
import { createTokenVerifier } from '../auth/tokens';
import { Viewer } from '../auth/viewer';
import { lostGrant } from '../auth/access';
import { CLIENT_TEXT, createErrorFormatter, showsFieldSuggestions, toClientError } from './format-error';
import { corsMiddleware, webSocketOriginAllowed } from './cors';
import { graphqlIde } from './ide';
import { dashboard } from './dashboard';
import { languageOf, languagePlugin, wsLanguage } from './language';
import { ipnAck } from '../connectors/payment-platform';
import { buildHubSchema, inputRuleOptions } from '../schema/build';
import { MIGRATIONS } from '../../migrations';
import { WorkingCalendar } from '../domain/working-calendar';
import { createHubPubSub } from '../realtime/pubsub';
import { createSharedSubscribe } from '../realtime/subscription-execution';
import { SubmissionCatalogue } from '../queries/submission-catalogue';
import { createConnectors, type Connectors } from '../connectors';
import { identityChecker } from '../commands/identity-check';
import { ipnHandler } from './ipn';
import { createScheduler, JOB_NAMES } from '../jobs';
import { ScorecardFeed } from '../realtime/scorecard-feed';
import { StatisticsFeed } from '../realtime/statistics-feed';
import type { JobScheduler } from '../jobs/scheduler';
import { Db } from '../db/sql';
import { appliedMigrations } from '../stores/health.store';
import { createOperations } from './operations';
import { bindRecord } from './request-log';
import { installFileRoutes } from './uploads';
import { createLetterRenderer } from '../documents/pdf-renderer';
import { DiskFileStore } from '../documents/file-store';
import { NotificationTemplates } from '../outbox/notification-templates';
import { AccountDirectory } from '../auth/accounts';
import { AuditTrail } from '../auth/audit-trail';
import { auditPlugin, recordOperation } from './audit-plugin';
import { installOAuth } from './oauth';
import { DEV_JWT_SECRET } from '../config';
import { registerStaffMember } from '../stores/staff.store';

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
  /** http://host:port of the separate metrics listener (METRICS_PORT), when there is one. */
  metricsUrl: string | null;
  close(): Promise<void>;
}

function armorFor(config: Config) {
  return new ApolloArmor({
    maxDepth: { n: config.QUERY_MAX_DEPTH, exposeLimits: true },
    maxAliases: { n: config.QUERY_MAX_ALIASES, exposeLimits: true },
    costLimit: { maxCost: config.QUERY_MAX_COST, exposeLimits: true },
    // graphql-armor's token plugin throws from a plugin hook, which Apollo answers with HTTP 500;
    // the parser's own maxTokens (parseOptions below, and parse() over graphql-ws) answers 400.
    maxTokens: { enabled: false },
    maxDirectives: { n: 50, exposeLimits: true },
    blockFieldSuggestion: { enabled: !showsFieldSuggestions(config) },
  });
}

/** Is every migration this build knows applied? (for /readyz) */
async function databaseReady(orm: MikroORM): Promise<{ ok: boolean; detail: string }> {
  try {
    const applied = new Set((await appliedMigrations(new Db(orm.em))).map((name) => name.replace(/\.[jt]s$/, '')));
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
  const clock = opts.clock ?? systemClock;
  const forkEm = () => orm.em.fork();
  const services: HubServices = {
    config,
    log,
    clock,
    forkEm,
    calendar: opts.calendar ?? new WorkingCalendar(),
    pubSub: pubSub.pubSub,
    submissionCatalogue: new SubmissionCatalogue(),
    connectors,
    checkIdentity: identityChecker(connectors.population, config.IDENTITY_CHECK_TIMEOUT_MS, log),
    // Here when this process runs the job, else in the processes that do (src/jobs/scheduler.ts).
    outboxWritten: () => {
      jobs?.kick(JOB_NAMES.outbox);
      jobs?.kick(JOB_NAMES.notify);
    },
    lettersWritten: () => jobs?.kick(JOB_NAMES.letters),
    notifications: NotificationTemplates.load(config.NOTIFY_TEMPLATES_DIR, { trackingUrl: config.PORTAL_TRACKING_URL, smsAscii: config.SMS_ASCII }),
    runJob: (name) => jobs!.runNow(name),
    scorecardFeed: new ScorecardFeed({ pubSub: pubSub.pubSub, clock, forkEm }, log),
    statisticsFeed: new StatisticsFeed({ pubSub: pubSub.pubSub, clock, forkEm }, log, config.REPORT_CUTOFF_DAY, config.STATISTICS_PUSH_INTERVAL_MS),
    files: new DiskFileStore(config.FILE_STORE_DIR),
    letterRenderer: createLetterRenderer(config.LETTERS_RENDER_THREADS),
    accounts: new AccountDirectory(
      { forkEm, pubSub: pubSub.pubSub, log, now: () => new Date() },
      // Development with the public development secret only (production refuses that secret).
      { ttlMs: config.AUTH_DIRECTORY_CACHE_MS, autoRegister: config.NODE_ENV === 'development' && config.jwtSecret === DEV_JWT_SECRET },
    ),
    audit: new AuditTrail({ forkEm, log }, { flushMs: config.AUDIT_FLUSH_MS, batch: config.AUDIT_BATCH, maxQueue: config.AUDIT_MAX_QUEUE, enabled: true }),
  };
  services.accounts.start();
  for (const subject of config.AUTH_BOOTSTRAP_ADMINS) {
    await registerStaffMember(new Db(forkEm()), { subject, fullName: subject, roles: ['ADMIN'], agencyCodes: [] }, 'system:bootstrap', new Date());
  }
  jobs = createScheduler(services, connectors, orm);
  const schema = opts.schema ?? (await buildHubSchema(pubSub.pubSub, inputRuleOptions(config.NODE_ENV)));
  const verify = createTokenVerifier({
    secret: config.jwtSecret,
    jwksUrl: config.AUTH_JWKS_URL,
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    maxTokenAge: config.AUTH_MAX_TOKEN_AGE,
    jwksCooldownMs: config.AUTH_JWKS_COOLDOWN_MS,
    directory: services.accounts,
  });
  /** The viewer of each WebSocket connection, verified once at connection_init. */
  const wsViewers = new WeakMap<object, Viewer>();
  const wsValidationRules = [...specifiedRules, ...armorRulesFor(config), ...(config.GRAPHQL_INTROSPECTION ? [] : [NoSchemaIntrospectionCustomRule])];

  const ops = await createOperations({ config, log, orm, connectors, jobs }); // request log, metrics, rate limits, traces
  services.audit.onLost = (n) => ops.metrics.auditLost(n);
  const app = express();
  ops.install(app);
  app.disable('x-powered-by');
  app.set('etag', false); // GraphQL answers are not cached by ETag; hashing every body costs CPU
  app.use(corsMiddleware(config)); // browser pages on other origins (CORS_ORIGINS); src/http/cors.ts
  const httpServer = createServer(app);

  const armor = armorFor(config).protect();
  const suggestions = showsFieldSuggestions(config);
  const formatError = createErrorFormatter(log, { suggestions });
  // Frames are capped like HTTP bodies (1 MB), before anything is parsed or authenticated.
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: 1024 * 1024, verifyClient: webSocketOriginAllowed(config) });
  const wsCleanup = useServer<Record<string, unknown>>(
    {
      schema,
      subscribe: createSharedSubscribe(),
      // The same query limits as over HTTP: parse, then validate with graphql-armor's rules.
      onSubscribe: async (ctx, _id, payload) => {
        let document;
        try {
          document = parse(payload.query, { maxTokens: config.QUERY_MAX_TOKENS });
        } catch (e) {
          return [e instanceof GraphQLError ? toClientError(e, wsLanguage(ctx), suggestions) : new GraphQLError(CLIENT_TEXT.unparsable[wsLanguage(ctx)])];
        }
        const errors = validate(schema, document, wsValidationRules);
        if (errors.length) return errors.map((e) => toClientError(e, wsLanguage(ctx), suggestions));
        return ops.checkWebSocket(document, payload.operationName, wsViewers.get(ctx.extra) ?? Viewer.anonymous(), ctx.extra.request); // undefined: graphql-ws goes on
      },
      // Errors of subscription events go through the same formatter as HTTP.
      onNext: (ctx, _id, _payload, args, result) => {
        const errors = result.errors?.length ? result.errors.map((e) => formatError(e.toJSON(), e, wsLanguage(ctx))) : undefined;
        // Queries and mutations sent over graphql-ws go on the audit trail like HTTP ones (issue 16).
        const op = getOperationAST(args.document, args.operationName);
        if (op && op.operation !== 'subscription') {
          const ip = ops.clientIp(ctx.extra.request) ?? null; // through TRUST_PROXY, as over HTTP
          recordOperation(services.audit, args.contextValue as Context, op, args.variableValues as Record<string, unknown> | undefined, result.data as Record<string, unknown> | null | undefined, (errors ?? []) as never, { ip, requestId: randomUUID() });
        }
        return errors ? { ...result, errors } : undefined;
      },
      onConnect: async (ctx) => {
        const p = ctx.connectionParams ?? {};
        const authorization = (p.authorization ?? p.Authorization) as string | undefined;
        const viewer = await verify(authorization);
        wsViewers.set(ctx.extra, viewer);
        ops.metrics.socketOpened(ctx);
        if (viewer.expiresAt) endAtExpiry(ctx, viewer.expiresAt);
        if (viewer.authenticated) recheckSession(ctx, authorization!);
        return true;
      },
      onClose: (ctx) => ops.metrics.socketClosed(ctx),
      context: async (ctx) => {
        const viewer = wsViewers.get(ctx.extra) ?? Viewer.anonymous();
        const expired = viewer.expiresAt && viewer.expiresAt.getTime() <= Date.now(); // tokens live on the wall clock, not the hub's business clock
        return createContext(services, expired ? Viewer.anonymous('token expired') : viewer, wsLanguage(ctx));
      },
    },
    wsServer,
  );

  /**
   * A connection's token ends: every live subscription on it ends with UNAUTHENTICATED, and the
   * socket is closed with 4403 (Forbidden); the client reconnects with a fresh token.
   */
  function endAtExpiry(ctx: { extra: { socket: import('ws').WebSocket }; subscriptions: Record<string, unknown>; connectionParams?: Readonly<Record<string, unknown>> }, expiresAt: Date): void {
    const { socket } = ctx.extra;
    let timer: NodeJS.Timeout;
    const check = () => {
      const left = expiresAt.getTime() - Date.now();
      if (left > 0) {
        timer = setTimeout(check, Math.min(left, 2 ** 31 - 1)); // setTimeout cannot wait longer
        return;
      }
      endSession(ctx, 'sessionExpired', 'UNAUTHENTICATED', 'Forbidden: token expired');
    };
    check();
    socket.once('close', () => clearTimeout(timer));
  }

  /** Ends a graphql-ws connection: each subscription gets the error, then the socket closes with 4403. */
  function endSession(ctx: { extra: { socket: import('ws').WebSocket }; subscriptions: Record<string, unknown>; connectionParams?: Readonly<Record<string, unknown>> }, text: 'sessionExpired' | 'accessChanged', code: string, reason: string): void {
    const payload = [{ message: CLIENT_TEXT[text][wsLanguage(ctx)], extensions: { code } }];
    for (const id of Object.keys(ctx.subscriptions)) ctx.extra.socket.send(JSON.stringify({ id, type: 'error', payload }));
    ctx.extra.socket.close(4403, reason);
  }

  /**
   * Sessions that end (issue 16): every AUTH_SESSION_RECHECK_MS the connection's token is checked
   * again — its expiry and the directory (or the service account) as they are now. Refused: its
   * subscriptions end with UNAUTHENTICATED and the socket closes with 4403. Narrowed (a role or
   * an agency taken away): its subscriptions end with FORBIDDEN and the socket closes with 4403,
   * so the client subscribes again with what it holds now. Widened: operations started from now
   * on run with it.
   */
  function recheckSession(ctx: { extra: { socket: import('ws').WebSocket }; subscriptions: Record<string, unknown>; connectionParams?: Readonly<Record<string, unknown>> }, authorization: string): void {
    const { socket } = ctx.extra;
    const timer = setInterval(() => {
      void verify(authorization).then(
        (viewer) => {
          if (socket.readyState !== socket.OPEN) return;
          if (viewer.authenticated) {
            const before = wsViewers.get(ctx.extra);
            wsViewers.set(ctx.extra, viewer);
            if (!before || !lostGrant(before, viewer)) return;
            // A role or an agency taken away: the subscriptions opened under it end, and the
            // client reconnects to subscribe with what it holds now.
            clearInterval(timer);
            endSession(ctx, 'accessChanged', 'FORBIDDEN', 'Forbidden: access changed');
            return;
          }
          clearInterval(timer);
          endSession(ctx, 'sessionExpired', 'UNAUTHENTICATED', 'Forbidden: session ended');
        },
        (e) => log.warn({ err: e }, 'graphql-ws session check failed; tried again at the next check'),
      );
    }, config.AUTH_SESSION_RECHECK_MS);
    timer.unref();
    socket.once('close', () => clearInterval(timer));
  }

  const apollo = new ApolloServer<Context>({
    schema,
    plugins: [
      ...armor.plugins,
      languagePlugin,
      ...ops.plugins,
      auditPlugin(services.audit),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP caching hints are used; the plugin would otherwise wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
    ],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: config.QUERY_MAX_TOKENS },
    allowBatchedHttpRequests: false,
    // main.ts owns shutdown (HTTP, jobs, database in order); Apollo must not race it on SIGTERM.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    introspection: config.GRAPHQL_INTROSPECTION,
    formatError,
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const r = await databaseReady(orm);
    res.status(r.ok ? 200 : 503).json({ status: r.ok ? 'ready' : 'not ready', detail: r.detail });
  });
  const metrics = ops.metrics.handler();
  // Metrics tell an attacker a lot: in production only on their own port or behind a token.
  let metricsServer: Server | null = null;
  if (config.METRICS_PORT) {
    metricsServer = createServer(express().disable('x-powered-by').get('/metrics', metrics).use(jsonNotFound));
  } else if (config.METRICS_TOKEN) {
    app.get('/metrics', bearerOnly(config.METRICS_TOKEN), metrics);
  } else if (config.NODE_ENV !== 'production') {
    app.get('/metrics', metrics);
  } else {
    log.warn('/metrics is not served: set METRICS_PORT (a port of its own) or METRICS_TOKEN (a bearer token)');
  }
  app.post('/payments/ipn', express.json({ limit: '64kb' }), ipnHandler(services));
  installFileRoutes(app, services); // PUT /uploads/:ticketId, GET /files/:id (signed); src/http/uploads.ts
  installOAuth(app, services); // POST /oauth/token (service accounts, client credentials); src/http/oauth.ts
  app.use(graphqlIde(config, log)); // GET /graphql for browsers, /graphql/ide/… assets; src/http/ide.ts
  app.use(dashboard(config, log, services.accounts)); // GET /dashboard, /dashboard/assets/…, development sign-in; src/http/dashboard.ts
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    ops.graphqlMiddleware,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => bindRecord(createContext(services, await verify(req.headers.authorization), languageOf(req.headers['accept-language'])), res),
    }),
  );
  app.use(jsonNotFound);
  app.use(jsonErrors(log));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(listen.port, listen.host ?? config.HOST, () => resolve());
  });
  const url = urlOf(httpServer);
  let metricsUrl: string | null = null;
  if (metricsServer) {
    await new Promise<void>((resolve, reject) => {
      metricsServer!.once('error', reject);
      metricsServer!.listen(config.METRICS_PORT, listen.host ?? config.HOST, () => resolve());
    });
    metricsUrl = urlOf(metricsServer);
  }

  if (config.JOBS_ENABLED) jobs.start();
  services.scorecardFeed.start();
  services.statisticsFeed.start();

  let closing: Promise<void> | null = null;
  return {
    httpServer,
    url,
    services,
    schema,
    jobs,
    metricsUrl,
    close() {
      closing ??= (async () => {
        await apollo.stop(); // stops taking requests, drains HTTP and the graphql-ws server
        await jobs!.stop(); // no new runs; the runs in progress finish their current unit of work
        connectors.notifiers.mailer?.close(); // the pooled SMTP connections
        await services.scorecardFeed.stop();
        await services.letterRenderer.close();
        await services.audit.drain();
        await services.accounts.stop();
        await services.statisticsFeed.stop();
        wsServer.close();
        await pubSub.close();
        await ops.close();
        await new Promise((resolve) => (metricsServer?.listening ? metricsServer.close(resolve) : resolve(undefined)));
      })();
      return closing;
    },
  };
}

function urlOf(server: Server): string {
  const addr = server.address() as AddressInfo;
  const host = addr.address === '0.0.0.0' || addr.address === '::' ? '127.0.0.1' : addr.address;
  return `http://${host}:${addr.port}`;
}

/** graphql-armor's validation rules (depth, aliases, cost, directives), for graphql-ws. */
function armorRulesFor(config: Config) {
  return armorFor(config).protect().validationRules;
}

/** Lets a request through only with `Authorization: Bearer <token>` (compared in constant time). */
function bearerOnly(token: string): express.RequestHandler {
  const expected = Buffer.from(`Bearer ${token}`);
  return (req, res, next) => {
    const got = Buffer.from(req.headers.authorization ?? '');
    if (got.length === expected.length && timingSafeEqual(got, expected)) return next();
    res.status(401).json({ errors: [{ message: 'This needs the metrics bearer token', extensions: { code: 'UNAUTHENTICATED' } }] });
  };
}

const jsonNotFound: express.RequestHandler = (req, res) => {
  const message = CLIENT_TEXT.notServed(req.method, req.path.slice(0, 200))[languageOf(req.headers['accept-language'])];
  res.status(404).json({ errors: [{ message, extensions: { code: 'NOT_FOUND' } }] });
};

/**
 * The last word on every HTTP error: JSON, never a stack trace or a file path, in every mode.
 * Body-parser refusals (malformed JSON, too large, bad encoding) are the client's mistake: 4xx.
 */
function jsonErrors(log: Logger): express.ErrorRequestHandler {
  return (err, req, res, _next) => {
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 600 ? err.status : 500;
    let text = CLIENT_TEXT.internal;
    if (status < 500) {
      text = err.type === 'entity.parse.failed' ? CLIENT_TEXT.badJson : err.type === 'entity.too.large' ? CLIENT_TEXT.tooLarge : CLIENT_TEXT.unreadable;
    } else {
      log.error({ err, route: req.path }, 'HTTP request failed');
    }
    if (res.headersSent) return;
    const message = text[languageOf(req.headers['accept-language'])];
    if (req.path === '/payments/ipn') {
      res.status(status).json(ipnAck(false, message));
      return;
    }
    res.status(status).json({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
  };
}
