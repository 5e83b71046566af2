import { z } from 'zod';
import { validate as validCron } from 'node-cron';

/** Optional URL: empty strings count as unset. */
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.string().url().optional());
const optionalString = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const DEV_JWT_SECRET = 'dvc-hub-development-secret-not-for-production';
/** The payment settings' development defaults: public (they are in this file), so production refuses them. */
export const DEV_PAYMENT_PARTNER_CODE = 'DVCHUB';
export const DEV_PAYMENT_SECRET = 'dvc-hub-payment-dev-secret';
/** Files (issue 12): the development key of signed upload and download URLs; production refuses it. */
export const DEV_FILE_URL_SECRET = 'dvc-hub-file-url-dev-secret';

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback)
    .transform((v) => v === 'true' || v === '1');
const optionalFlag = z.preprocess((v) => (v === '' ? undefined : v), z.enum(['true', 'false', '1', '0']).optional()).transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'));

/** A duration: seconds, or a number with s, m, h or d (e.g. 86400, 30m, 24h, 7d); in seconds. */
const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      const m = /^\s*(\d+)\s*([smhd]?)\s*$/.exec(v);
      if (!m || Number(m[1]) <= 0) {
        ctx.addIssue({ code: 'custom', message: 'must be a positive duration: seconds, or a number with s, m, h or d (e.g. 24h)' });
        return z.NEVER;
      }
      return Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
    });

/** CORS_ORIGINS: a comma list of origins (scheme://host[:port]) or `*`; empty: none. */
const originList = z
  .string()
  .default('')
  .transform((v, ctx) => {
    const origins = v.split(',').map((o) => o.trim().replace(/\/+$/, '').toLowerCase()).filter(Boolean);
    for (const o of origins) {
      if (o === '*') continue;
      let parsed: URL | null = null;
      try {
        parsed = new URL(o);
      } catch {
        /* refused below */
      }
      if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== o || !/^([a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/.test(parsed.hostname)) {
        ctx.addIssue({ code: 'custom', message: `"${o}" is not an origin: write scheme://host[:port] (no path), e.g. https://dichvucong.example.gov.vn` });
        return z.NEVER;
      }
    }
    return [...new Set(origins)];
  });

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: port(4000),
    HOST: z.string().default('0.0.0.0'),
    /** postgres://user:pass@host:5432/db. Unset: an embedded PGlite database is started. */
    DATABASE_URL: optionalUrl,
    /** Directory for the embedded database's files; unset: in memory (lost on exit). */
    EMBEDDED_DB_DIR: optionalString,
    DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    /** HS256 secret for bearer tokens (development and tests). */
    AUTH_JWT_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16, 'must be at least 16 characters').optional()),
    /** JWKS endpoint for RS256 tokens (production). */
    AUTH_JWKS_URL: optionalUrl,
    AUTH_ISSUER: optionalString,
    AUTH_AUDIENCE: optionalString,
    /** Longest a bearer token may still be valid for (its `exp` at most this far ahead); tokens without `exp` are refused. */
    AUTH_MAX_TOKEN_AGE: duration('24h'),
    /** ── Accounts and audit (issue 16); see README "Accounts and audit". ── */
    /** JWKS: least time between two fetches of the key set (a token with an unknown kid fetches it again after this). */
    AUTH_JWKS_COOLDOWN_MS: z.coerce.number().int().min(0).default(30_000),
    /** How long a staff-directory or service-account lookup is kept in the process (changes drop it at once, in every process). */
    AUTH_DIRECTORY_CACHE_MS: z.coerce.number().int().min(0).default(10_000),
    /** graphql-ws connections check their token's expiry and the directory this often. */
    AUTH_SESSION_RECHECK_MS: z.coerce.number().int().min(50).default(30_000),
    /** Subjects registered as ADMIN in the directory at start when absent (the operator's first account). */
    AUTH_BOOTSTRAP_ADMINS: z.string().default('').transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),
    /** Lifetime of a service account's token from POST /oauth/token. */
    SERVICE_TOKEN_TTL: duration('15m'),
    /** The audit trail's writer: a batch every AUDIT_FLUSH_MS or AUDIT_BATCH entries; at most AUDIT_MAX_QUEUE waiting. */
    AUDIT_FLUSH_MS: z.coerce.number().int().min(1).default(250),
    AUDIT_BATCH: z.coerce.number().int().min(1).max(5000).default(500),
    AUDIT_MAX_QUEUE: z.coerce.number().int().min(1).default(100_000),
    /** ── end of Accounts and audit ── */
    /** Introspection: default on in development and tests, off in production (front-ends use the committed schema.graphql). */
    GRAPHQL_INTROSPECTION: optionalFlag,
    /** Serve /metrics on this port only (not on PORT). */
    METRICS_PORT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(65535).optional()),
    /** When set, /metrics on PORT needs `Authorization: Bearer <METRICS_TOKEN>`. */
    METRICS_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16, 'must be at least 16 characters').optional()),
    REDIS_URL: optionalUrl,
    NATIONAL_PORTAL_URL: optionalUrl,
    POPULATION_DB_URL: optionalUrl,
    PAYMENT_PLATFORM_URL: optionalUrl,
    /**
     * Where a connector URL is unset, run the project's simulators in-process instead (demo and
     * benches). Default: on outside production; production refuses to start without every URL
     * unless this is set, so a live hub never takes payments from a simulator.
     */
    CONNECTOR_SIMULATORS: optionalFlag,
    /** MaDoiTac and the checksum secret; production must set both (the development defaults are public). */
    PAYMENT_PARTNER_CODE: z.string().min(1).default(DEV_PAYMENT_PARTNER_CODE),
    PAYMENT_SECRET: z.string().min(1).default(DEV_PAYMENT_SECRET),
    PAYMENT_IPN_URL: optionalUrl,
    /** Connectors (src/connectors): per-attempt timeout, retries after the first attempt, backoff start. */
    CONNECTOR_TIMEOUT_MS: z.coerce.number().int().min(1).default(5000),
    CONNECTOR_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
    CONNECTOR_BACKOFF_MS: z.coerce.number().int().min(0).default(200),
    /** Consecutive failed attempts that open a connector's circuit breaker, and how long it stays open. */
    CONNECTOR_BREAKER_THRESHOLD: z.coerce.number().int().min(1).default(5),
    CONNECTOR_BREAKER_HALF_OPEN_MS: z.coerce.number().int().min(1).default(10000),
    /** Sent to the national portal as X-API-Key when set. */
    NATIONAL_PORTAL_API_KEY: optionalString,
    /** `npm run simulators`: interface and ports. */
    SIM_HOST: z.string().default('127.0.0.1'),
    SIM_NATIONAL_PORT: port(4101),
    SIM_POPULATION_PORT: port(4102),
    SIM_PAYMENT_PORT: port(4103),
    SIM_SMTP_PORT: port(4104),
    SIM_MAIL_PORT: port(4105),
    SIM_SMS_PORT: port(4106),
    /** Load the demo catalogue when the database holds no procedure. */
    SEED_DEMO: flag('true'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Query limits (graphql-armor). */
    QUERY_MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(10),
    QUERY_MAX_ALIASES: z.coerce.number().int().min(1).max(100).default(15),
    QUERY_MAX_COST: z.coerce.number().int().min(100).default(20000),
    QUERY_MAX_TOKENS: z.coerce.number().int().min(100).default(2000),
    /** Largest page a connection field returns. */
    PAGE_MAX: z.coerce.number().int().min(1).max(1000).default(100),
    /** Online dossiers must be received (or answered) within this many working minutes (004 Đ12.1a). */
    RECEIVE_WITHIN_MINUTES: z.coerce.number().int().min(1).max(10_000).default(60),
    /** Jobs (node-cron; 6 fields = with seconds; Vietnam time). JOBS_ENABLED=false: this process runs none. */
    JOBS_ENABLED: flag('true'),
    JOB_OUTBOX_SCHEDULE: z.string().default('* * * * * *'),
    JOB_VERIFY_IDENTITY_SCHEDULE: z.string().default('*/30 * * * * *'),
    JOB_SLA_SWEEP_SCHEDULE: z.string().default('0 * * * * *'),
    JOB_CATALOGUE_SYNC_SCHEDULE: z.string().default('0 30 1 * * *'),
    /** Outbox dispatcher. */
    OUTBOX_BATCH: z.coerce.number().int().min(1).max(5000).default(500),
    OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(32),
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(12),
    OUTBOX_BACKOFF_BASE_MS: z.coerce.number().int().min(0).default(1000),
    OUTBOX_BACKOFF_MAX_MS: z.coerce.number().int().min(0).default(600_000),
    OUTBOX_MAX_RUN_MS: z.coerce.number().int().min(100).default(20_000),
    JOB_PAYMENT_RECONCILE_SCHEDULE: z.string().default('0 */5 * * * *'),
    /** Platform payments still PENDING this long are asked about (QUERY) by reconciliation. */
    PAYMENT_RECONCILE_AFTER_MS: z.coerce.number().int().min(0).default(15 * 60_000),
    /** …and EXPIRED when still unknown or pending after this long. */
    PAYMENT_EXPIRE_AFTER_MS: z.coerce.number().int().min(0).default(24 * 3600_000),
    /** How long submitDossier waits for the population database before accepting as PENDING. */
    IDENTITY_CHECK_TIMEOUT_MS: z.coerce.number().int().min(50).default(1500),
    /** Browser access (issue 11, web): origins whose pages may call the hub (`*`: any, development and test only); the GraphQL IDE at GET /graphql (default: on outside production). */
    CORS_ORIGINS: originList,
    GRAPHQL_IDE: optionalFlag,
    /** ── Operations (issue 11): rate limits, request log, tracing; see README "Operations". ── */
    /** Express `trust proxy`: unset = the socket's address is the client; `true`, a hop count, or a comma list of proxy addresses/subnets (loopback, 10.0.0.0/8 …). */
    TRUST_PROXY: optionalString,
    /** RATE_LIMIT_ENABLED=false turns every limit off (tests of other things, a trusted network). */
    RATE_LIMIT_ENABLED: flag('true'),
    /** The general budget: points per window, per client IP for anonymous calls and per token subject for signed-in ones; an operation costs the sum of its root fields' costs. */
    RATE_LIMIT_WINDOW: duration('60s'),
    RATE_LIMIT_ANONYMOUS_POINTS: z.coerce.number().int().min(1).default(600),
    RATE_LIMIT_SIGNED_IN_POINTS: z.coerce.number().int().min(1).default(1200),
    /** Costs of root fields (`field=points`, comma-separated) over the defaults; any other root field costs 1. */
    RATE_LIMIT_FIELD_COSTS: z.string().default('').transform((v, ctx) => {
      const costs: Record<string, number> = {};
      for (const part of v.split(',').map((p) => p.trim()).filter(Boolean)) {
        const m = /^([_A-Za-z][_0-9A-Za-z]*)\s*=\s*(\d+)$/.exec(part);
        if (!m) {
          ctx.addIssue({ code: 'custom', message: `"${part}" is not field=points (e.g. scorecard=20,dossiers=5)` });
          return z.NEVER;
        }
        costs[m[1]!] = Number(m[2]);
      }
      return costs;
    }),
    /** submitDossier per token subject: per hour and per day (a day's dossier numbers belong to every citizen of the agency). */
    RATE_LIMIT_SUBMIT_DOSSIER_PER_HOUR: z.coerce.number().int().min(1).default(20),
    RATE_LIMIT_SUBMIT_DOSSIER_PER_DAY: z.coerce.number().int().min(1).default(50),
    /** submitFeedback per client IP: per hour and per day (PAKN numbers are per day too). */
    RATE_LIMIT_SUBMIT_FEEDBACK_PER_HOUR: z.coerce.number().int().min(1).default(20),
    RATE_LIMIT_SUBMIT_FEEDBACK_PER_DAY: z.coerce.number().int().min(1).default(100),
    /** Prefix of the limits' keys in Redis (hubs sharing a Redis share the limits under the same prefix). */
    RATE_LIMIT_REDIS_PREFIX: z.string().min(1).default('dvc-hub:rl'),
    /** OpenTelemetry: traces are exported (OTLP over HTTP) only when this is set, e.g. http://collector:4318. */
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
    OTEL_SERVICE_NAME: z.string().default('dvc-hub'),
    /** ── end of Operations ── */
    /** ── Files (issue 12): uploads, the file store, signed downloads; see README "Files". ── */
    /** Directory of the disk file store (content-addressed by sha256); created when first needed. */
    FILE_STORE_DIR: z.string().min(1).default('.data/files'),
    /** Largest file accepted by createUpload and the upload PUT (bytes; default 50 MB). */
    FILE_MAX_BYTES: z.coerce.number().int().min(1).default(50 * 1024 * 1024),
    /** HMAC-SHA256 key of the signed upload and download URLs; production sets its own. */
    FILE_URL_SECRET: z.string().min(16, 'must be at least 16 characters').default(DEV_FILE_URL_SECRET),
    /** How long a download URL stays valid, and an upload ticket. */
    FILE_DOWNLOAD_URL_TTL: duration('15m'),
    FILE_UPLOAD_TTL: duration('15m'),
    /** The hub's public address for upload and download URLs (e.g. https://hub.example.gov.vn); unset: URLs are paths on the hub (/uploads/…, /files/…). */
    FILE_PUBLIC_BASE_URL: optionalUrl,
    /** Files never attached to a dossier or the citizen's store are removed after this long, by this job. */
    FILE_UNATTACHED_TTL: duration('24h'),
    JOB_FILE_CLEANUP_SCHEDULE: z.string().default('0 17 * * * *'),
    /** The disk's sweep for bytes no row holds and crash leftovers (daily, at night). */
    JOB_FILE_SWEEP_SCHEDULE: z.string().default('0 40 3 * * *'),
    /** A ZIP upload (src/domain/zip-rules.ts): at most this many entries, unpacking to at most ZIP_MAX_UNCOMPRESSED_BYTES (unset: 4 × FILE_MAX_BYTES). */
    ZIP_MAX_ENTRIES: z.coerce.number().int().min(1).default(1000),
    ZIP_MAX_UNCOMPRESSED_BYTES: z.coerce.number().int().min(1).optional(),
    /** ── end of Files ── */
    /** ── Letters (issue 12): the PDFs issued with the changes that cause them; see README "Letters". ── */
    /** The place written before a letter's date ("Hà Giang, ngày … tháng … năm …"). */
    LETTER_PLACE: z.string().min(1).default('Hà Giang'),
    /** The superior body in a letter's header for agencies without a parent agency (e.g. the provincial departments). */
    LETTER_SUPERIOR_BODY: z.string().default('Ủy ban nhân dân tỉnh Hà Giang'),
    /** Does this process run the letters worker? false: requests still queue with the changes; other processes (with jobs on) issue them — e.g. a worker process keeping the PDF CPU off the API. */
    LETTERS_WORKER: flag('true'),
    /** The letters worker: kicked after every change that queues a letter; this schedule catches up what a kick missed (retries). */
    JOB_LETTERS_SCHEDULE: z.string().default('*/10 * * * * *'),
    /** Threads drawing letters' PDFs off the event loop (0: drawn on it). */
    LETTERS_RENDER_THREADS: z.coerce.number().int().min(0).max(16).default(1),
    /** Letters the worker of one process issues at once (each in its own transaction). */
    LETTERS_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(3),
    /** A failed letter is tried again after a backoff growing from BASE to MAX (with jitter). */
    LETTERS_BACKOFF_BASE_MS: z.coerce.number().int().min(0).default(2000),
    LETTERS_BACKOFF_MAX_MS: z.coerce.number().int().min(0).default(600_000),
    /** A worker run ends after this long even if letters are left (the next run goes on). */
    LETTERS_MAX_RUN_MS: z.coerce.number().int().min(100).default(20_000),
    /** ── end of Letters ── */
    /** ── Notifications and webhooks (issue 13); see README "Notifications and webhooks". ── */
    /** smtp://user:pass@host:port (smtps:// for implicit TLS). Unset: an in-process SMTP sink. */
    SMTP_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^smtps?:\/\/\S+$/, 'must be smtp://[user:pass@]host:port or smtps://…').optional()),
    /** From: of citizen e-mail. */
    MAIL_FROM: z.string().min(3).default('"Dịch vụ công trực tuyến" <no-reply@dichvucong.localhost>'),
    /** The brandname SMS gateway's send endpoint (POST JSON {phone, message, brandname}). Unset: an in-process simulator. */
    SMS_GATEWAY_URL: optionalUrl,
    SMS_BRANDNAME: z.string().min(1).max(11).default('DVC'),
    /** Fold Vietnamese diacritics out of SMS (one 160-character GSM-7 segment); false: UCS-2 (70 characters). */
    SMS_ASCII: flag('true'),
    /** The citizen's tracking page; the dossier code is appended (…?code=<code> when it ends with `=`, else /<code>). */
    PORTAL_TRACKING_URL: z.string().url().default('https://dichvucong.localhost/tra-cuu?code='),
    /** Directory of the templates (<EVENT>.email.txt, <EVENT>.sms.txt); default: templates/notifications of the project. */
    NOTIFY_TEMPLATES_DIR: optionalString,
    /** Notification delivery: attempts before FAILED, backoff, per-send timeout, in flight at once. */
    NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
    NOTIFY_BACKOFF_BASE_MS: z.coerce.number().int().min(0).default(30_000),
    NOTIFY_BACKOFF_MAX_MS: z.coerce.number().int().min(0).default(3_600_000),
    NOTIFY_TIMEOUT_MS: z.coerce.number().int().min(50).default(15_000),
    NOTIFY_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
    NOTIFY_BATCH: z.coerce.number().int().min(1).max(5000).default(500),
    JOB_NOTIFY_SCHEDULE: z.string().default('*/5 * * * * *'),
    /** How long an e-mail waits for the letter its change issued (drawn right after the commit) before it goes without. */
    NOTIFY_LETTER_WAIT_MS: z.coerce.number().int().min(0).default(120_000),
    /** Webhooks: timeout per delivery, the retry waits after each failure (then FAILED), private addresses. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(50).default(10_000),
    WEBHOOK_RETRY_SCHEDULE: z
      .string()
      .default('10s,1m,10m,1h,6h,24h')
      .transform((v, ctx) => {
        const out: number[] = [];
        for (const part of v.split(',').map((x) => x.trim()).filter(Boolean)) {
          const m = /^(\d+)(ms|s|m|h|d)$/.exec(part);
          if (!m) {
            ctx.addIssue({ code: 'custom', message: `"${part}" is not a wait such as 10s, 1m, 6h or 500ms` });
            return z.NEVER;
          }
          out.push(Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd']);
        }
        return out;
      }),
    /** Deliver to private, loopback and link-local addresses (a receiver on this machine or the LAN); never in production unless set. */
    WEBHOOK_ALLOW_PRIVATE: flag('false'),
    /** ── end of Notifications and webhooks ── */
    /** ── Statistics and reports (issue 15); see README "Statistics, reports and the dashboard". ── */
    /** The data cut-off (NĐ 09/2019/NĐ-CP): the report month runs from the day after this day of the previous month to this day (1..27; default 14: 15th to 14th). */
    REPORT_CUTOFF_DAY: z.coerce.number().int().min(1).max(27).default(14),
    /** The report job makes each due report this many days before its deadline. */
    REPORT_DAYS_BEFORE: z.coerce.number().int().min(0).max(60).default(2),
    JOB_REPORTS_SCHEDULE: z.string().default('0 5 * * * *'),
    /** processingStatisticsUpdated pushes a scope at most once per this many milliseconds. */
    STATISTICS_PUSH_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
    /** ── end of Statistics ── */
  })
  .superRefine((c, ctx) => {
    // A bad cron expression is named at configuration time, not when the scheduler starts.
    for (const [variable, expression] of Object.entries(c)) {
      if (/^JOB_\w+_SCHEDULE$/.test(variable) && !validCron(expression as string)) {
        ctx.addIssue({ code: 'custom', path: [variable], message: `"${expression}" is not a valid cron expression (5 or 6 fields, e.g. "0 */5 * * * *")` });
      }
    }
    if (c.NODE_ENV !== 'production') return;
    const refuse = (variable: string, message: string) => ctx.addIssue({ code: 'custom', path: [variable], message });
    if (c.CORS_ORIGINS.includes('*')) refuse('CORS_ORIGINS', 'production must list the portal origins that may call the hub, not `*`');
    if (!c.AUTH_JWT_SECRET && !c.AUTH_JWKS_URL) refuse('AUTH_JWKS_URL', 'production needs AUTH_JWKS_URL (RS256) or AUTH_JWT_SECRET (HS256)');
    if (c.AUTH_JWT_SECRET === DEV_JWT_SECRET) refuse('AUTH_JWT_SECRET', 'production must not use the development secret');
    // Anyone who read this file could sign IPNs with the defaults: production sets its own.
    if (c.PAYMENT_PARTNER_CODE === DEV_PAYMENT_PARTNER_CODE) refuse('PAYMENT_PARTNER_CODE', 'production needs the partner code (MaDoiTac) the payment platform issued, not the development default');
    if (c.PAYMENT_SECRET === DEV_PAYMENT_SECRET) refuse('PAYMENT_SECRET', 'production needs the checksum secret agreed with the payment platform, not the development default');
    if (c.FILE_URL_SECRET === DEV_FILE_URL_SECRET) refuse('FILE_URL_SECRET', 'production needs its own key for signed file URLs, not the development default');
  });

export type Config = Omit<z.infer<typeof schema>, 'GRAPHQL_INTROSPECTION' | 'GRAPHQL_IDE' | 'CONNECTOR_SIMULATORS'> & {
  /** CONNECTOR_SIMULATORS, or its default for NODE_ENV (on outside production). */
  CONNECTOR_SIMULATORS: boolean;
  /** GRAPHQL_IDE, or its default for NODE_ENV (on outside production). */
  GRAPHQL_IDE: boolean;
  jwtSecret: string | undefined;
  /** GRAPHQL_INTROSPECTION, or its default for NODE_ENV. */
  GRAPHQL_INTROSPECTION: boolean;
};

export class ConfigError extends Error {
  constructor(
    message: string,
    /** Each bad variable and what is wrong with it. */
    readonly issues: { variable: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** Reads and validates configuration; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    const issues = parsed.error.issues.map((i) => ({ variable: i.path.join('.') || '(env)', message: i.message }));
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`, issues);
  }
  const c = parsed.data;
  // Without any key source, development uses a fixed, loudly named secret so `npm run token` works.
  const jwtSecret = c.AUTH_JWT_SECRET ?? (c.AUTH_JWKS_URL ? undefined : DEV_JWT_SECRET);
  return {
    ...c,
    jwtSecret,
    GRAPHQL_INTROSPECTION: c.GRAPHQL_INTROSPECTION ?? c.NODE_ENV !== 'production', GRAPHQL_IDE: c.GRAPHQL_IDE ?? c.NODE_ENV !== 'production',
    CONNECTOR_SIMULATORS: c.CONNECTOR_SIMULATORS ?? c.NODE_ENV !== 'production',
  };
}
