import type express from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Connectors } from '../connectors';
import type { JobScheduler } from '../jobs/scheduler';
import type { Context } from '../context';
import type { Logger } from '../logger';
import { Db } from '../db/sql';
import { outboxHealth } from '../stores/outbox.store';
import { deliveryHealth, type QueueHealth } from '../stores/notification.store';
import { recordOf } from './request-log';

/** Operation names are chosen by clients: the first this many distinct ones get their own series, later ones count as "other". */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/**
 * The hub's Prometheus metrics (one registry per hub):
 * - dvc_graphql_operations_total, dvc_graphql_operation_duration_seconds{operation,type,outcome}
 * - dvc_graphql_subscriptions_active
 * - dvc_outbox_pending, dvc_outbox_dead, dvc_outbox_oldest_pending_seconds (read at scrape time)
 * - dvc_job_runs_total{job,outcome}, dvc_job_duration_seconds{job}
 * - dvc_connector_calls_total, dvc_connector_call_duration_seconds{system,outcome}, dvc_connector_circuit_open{system}
 * - dvc_rate_limit_refusals_total{limit}
 * - dvc_audit_write_failures_total (audit entries lost)
 * - Node's default process metrics.
 */
export class HubMetrics {
  readonly registry = new Registry();
  private readonly operations: Counter<'operation' | 'type' | 'outcome'>;
  private readonly operationSeconds: Histogram<'operation' | 'type' | 'outcome'>;
  private readonly refusals: Counter<'limit'>;
  private readonly auditLostCount: Counter;
  /** Label children by "operation|type|outcome": no label hashing on the request path. */
  private readonly children = new Map<string, { count: { inc(): void }; seconds: { observe(v: number): void } }>();
  private readonly names = new Set<string>();
  /** Open graphql-ws connections: their `subscriptions` are counted at scrape time. */
  private readonly sockets = new Set<{ subscriptions: Record<string, unknown> }>();

  constructor(opts: { orm: MikroORM; connectors: Connectors; jobs: JobScheduler; log: Logger }) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.operations = new Counter({ name: 'dvc_graphql_operations_total', help: 'GraphQL operations over HTTP, by operation name, type and outcome (ok, error, rate_limited)', labelNames: ['operation', 'type', 'outcome'], registers });
    this.operationSeconds = new Histogram({
      name: 'dvc_graphql_operation_duration_seconds',
      help: 'Time from receiving a GraphQL request to sending its answer',
      labelNames: ['operation', 'type', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.auditLostCount = new Counter({ name: 'dvc_audit_write_failures_total', help: 'Audit entries that could not be written (failed batches after retries, full queue)', registers });
    this.refusals = new Counter({ name: 'dvc_rate_limit_refusals_total', help: 'Operations refused with RATE_LIMITED, by the limit that refused them', labelNames: ['limit'], registers });
    const sockets = this.sockets;
    new Gauge({
      name: 'dvc_graphql_subscriptions_active',
      help: 'Operations running on graphql-ws connections (live subscriptions, mostly)',
      registers,
      collect() {
        let n = 0;
        for (const s of sockets) n += Object.keys(s.subscriptions).length;
        this.set(n);
      },
    });

    // The outbox and the delivery queues: each read once per scrape, by whichever of its gauges is collected first.
    const perScrape = <T>(what: string, read: (db: Db) => Promise<T>) => {
      let current: Promise<T> | null = null;
      return () => {
        current ??= read(new Db(opts.orm.em.fork())).finally(() => setTimeout(() => (current = null), 1000).unref());
        return current.catch((e) => {
          opts.log.warn({ err: e }, `metrics: ${what} could not be read`);
          return null;
        });
      };
    };
    const outbox = perScrape('the outbox', outboxHealth);
    new Gauge({ name: 'dvc_outbox_pending', help: 'Outbox messages waiting to be sent', registers, async collect() { const h = await outbox(); if (h) this.set(h.pending); } });
    new Gauge({ name: 'dvc_outbox_dead', help: 'Outbox messages given up (dead letters) until re-queued', registers, async collect() { const h = await outbox(); if (h) this.set(h.dead); } });
    new Gauge({ name: 'dvc_outbox_oldest_pending_seconds', help: 'Age of the oldest waiting outbox message', registers, async collect() { const h = await outbox(); if (h) this.set(h.oldestPendingSeconds); } });

    const deliveries = perScrape('the delivery queues', deliveryHealth);
    const CHANNELS = ['EMAIL', 'SMS', 'WEBHOOK'] as const;
    const perChannel = (name: string, help: string, pick: (q: QueueHealth) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['channel'],
        registers,
        async collect() {
          const h = await deliveries();
          if (h) for (const c of CHANNELS) this.set({ channel: c }, pick(h[c]));
        },
      });
    perChannel('dvc_notifications_pending', 'Citizen e-mails, SMS and webhook deliveries waiting to be sent, by channel', (q) => q.pending);
    perChannel('dvc_notifications_failed', 'Messages given up after their last retry (FAILED), by channel; a webhook delivery can be redelivered', (q) => q.failed);
    perChannel('dvc_notifications_oldest_pending_seconds', 'Age of the oldest waiting message, by channel', (q) => q.oldestPendingSeconds);
    new Gauge({ name: 'dvc_letters_pending', help: 'Letters queued by changes and not yet drawn', registers, async collect() { const h = await deliveries(); if (h) this.set(h.letters.pending); } });
    new Gauge({ name: 'dvc_letters_oldest_pending_seconds', help: 'Age of the oldest letter not yet drawn', registers, async collect() { const h = await deliveries(); if (h) this.set(h.letters.oldestPendingSeconds); } });

    const jobRuns = new Counter({ name: 'dvc_job_runs_total', help: 'Job runs by outcome (ok, failed, skipped: another process held the lock)', labelNames: ['job', 'outcome'], registers });
    const jobSeconds = new Histogram({ name: 'dvc_job_duration_seconds', help: 'Duration of job runs', labelNames: ['job'], buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300], registers });
    opts.jobs.onRun((r) => {
      jobRuns.inc({ job: r.job, outcome: r.outcome });
      if (r.outcome !== 'skipped') jobSeconds.observe({ job: r.job }, r.seconds);
    });

    const calls = new Counter({ name: 'dvc_connector_calls_total', help: 'Calls to external systems by outcome (ok, timeout, network, http-server, http-client, bad-response, circuit-open)', labelNames: ['system', 'outcome'], registers });
    const callSeconds = new Histogram({ name: 'dvc_connector_call_duration_seconds', help: 'Duration of calls to external systems, retries included', labelNames: ['system', 'outcome'], buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers });
    opts.connectors.onCall?.((c) => {
      calls.inc({ system: c.system, outcome: c.outcome });
      callSeconds.observe({ system: c.system, outcome: c.outcome }, c.seconds);
    });
    new Gauge({
      name: 'dvc_connector_circuit_open',
      help: 'Whether the circuit breaker of an external system is open (1) or half-open (0.5)',
      labelNames: ['system'],
      registers,
      collect() {
        for (const [system, state] of Object.entries(opts.connectors.breakerStates())) {
          this.set({ system }, state === 'open' ? 1 : state === 'half-open' ? 0.5 : 0);
        }
      },
    });
  }

  /** A graphql-ws connection opened (its operations count as active subscriptions until it closes). */
  socketOpened(ctx: { subscriptions: Record<string, unknown> }): void {
    this.sockets.add(ctx);
  }

  socketClosed(ctx: { subscriptions: Record<string, unknown> }): void {
    this.sockets.delete(ctx);
  }

  auditLost(n: number): void {
    this.auditLostCount.inc(n);
  }

  rateLimited(limit: string): void {
    this.refusals.inc({ limit });
  }

  /** Counts one answered HTTP GraphQL operation. */
  operation(name: string | undefined, type: string | undefined, outcome: string, seconds: number): void {
    let op = name && OPERATION_NAME.test(name) ? name : name ? 'other' : '(anonymous)';
    if (!this.names.has(op) && op !== 'other') {
      if (this.names.size >= MAX_OPERATION_NAMES) op = 'other';
      else this.names.add(op);
    }
    const key = `${op}|${type ?? ''}|${outcome}`;
    let child = this.children.get(key);
    if (!child) {
      const labels = { operation: op, type: type ?? 'unknown', outcome };
      child = { count: this.operations.labels(labels), seconds: this.operationSeconds.labels(labels) };
      this.children.set(key, child);
    }
    child.count.inc();
    child.seconds.observe(seconds);
  }

  /** The Apollo plugin that counts operations when their answer is sent. */
  plugin(): ApolloServerPlugin<Context> {
    const listener = {
      willSendResponse: async (rc: { contextValue: Context; response: { body: { kind: string; singleResult?: { errors?: readonly { extensions?: Record<string, unknown> }[] } } } }) => {
        const r = recordOf(rc.contextValue);
        if (!r) return;
        const errors = rc.response.body.kind === 'single' ? rc.response.body.singleResult?.errors : undefined;
        const outcome = !errors?.length ? 'ok' : errors.some((e) => e.extensions?.code === 'RATE_LIMITED') ? 'rate_limited' : 'error';
        this.operation(r.operationName, r.operationType, outcome, (performance.now() - r.started) / 1000);
      },
    };
    return { requestDidStart: async () => listener as never };
  }

  handler(): express.RequestHandler {
    return async (_req, res) => {
      res.type(this.registry.contentType).send(await this.registry.metrics());
    };
  }
}
