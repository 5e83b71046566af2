import type express from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import { context, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { Config } from '../config';
import type { Context } from '../context';
import { recordOf, type RequestRecord } from './request-log';

/**
 * OpenTelemetry traces: a span per GraphQL operation over HTTP (`query procedures`, kind SERVER)
 * and, inside it through the async context, a span per connector call (src/connectors/
 * resilience.ts). Nothing is set up unless OTEL_EXPORTER_OTLP_ENDPOINT is set (then spans go
 * there over OTLP/HTTP in batches) or a test hands its own exporter: without a provider the
 * hub creates no span at all.
 */
let provider: NodeTracerProvider | null = null;

export function initTracing(config: Pick<Config, 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_SERVICE_NAME'>, opts: { exporter?: SpanExporter } = {}): boolean {
  if (provider) return true;
  if (!opts.exporter && !config.OTEL_EXPORTER_OTLP_ENDPOINT) return false;
  const processor = opts.exporter
    ? new SimpleSpanProcessor(opts.exporter)
    : new BatchSpanProcessor(new OTLPTraceExporter({ url: `${config.OTEL_EXPORTER_OTLP_ENDPOINT!.replace(/\/+$/, '')}/v1/traces` }));
  provider = new NodeTracerProvider({ resource: resourceFromAttributes({ 'service.name': config.OTEL_SERVICE_NAME }), spanProcessors: [processor] });
  provider.register(); // the global tracer provider and the async-hooks context manager
  return true;
}

/** Flushes and stops tracing (shutdown, tests). */
export async function shutdownTracing(): Promise<void> {
  const p = provider;
  provider = null;
  if (!p) return;
  await p.shutdown();
  trace.disable();
  context.disable();
}

export const tracingEnabled = () => provider !== null;

const tracer = (): Tracer => trace.getTracer('dvc-hub');

/**
 * For /graphql: opens the operation's span and runs the rest of the request inside it, so that
 * connector calls made by resolvers become its children. Named `graphql` until the operation is
 * known (the plugin renames it). A no-op when tracing is off.
 */
export function traceRequests(): express.RequestHandler {
  return (req, res, next) => {
    if (!provider) return next();
    const record = res.locals.record as RequestRecord | undefined;
    const span = tracer().startSpan('graphql', { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': req.path } });
    if (record) {
      record.span = span;
      span.setAttribute('dvc.request_id', record.id);
    }
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (record?.errorCodes?.length) {
        span.setAttribute('graphql.error_codes', record.errorCodes);
        span.setStatus({ code: SpanStatusCode.ERROR, message: record.errorCodes.join(',') });
      }
      span.end();
    });
    context.with(trace.setSpan(context.active(), span), next);
  };
}

/** Names the span after the operation (`<type> <name>`) once Apollo has resolved it. */
export function tracingPlugin(): ApolloServerPlugin<Context> {
  const listener = {
    async didResolveOperation(rc: { contextValue: Context; operationName: string | null; operation: { operation: string } }) {
      const span = recordOf(rc.contextValue)?.span;
      if (!span) return;
      span.updateName(`${rc.operation.operation} ${rc.operationName ?? '(anonymous)'}`);
      span.setAttribute('graphql.operation.type', rc.operation.operation);
      if (rc.operationName) span.setAttribute('graphql.operation.name', rc.operationName);
      if (rc.contextValue.viewer?.subject) span.setAttribute('enduser.id', rc.contextValue.viewer.subject);
    },
  };
  return { requestDidStart: async () => (provider ? (listener as never) : undefined) };
}
