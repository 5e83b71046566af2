import { randomUUID } from 'node:crypto';
import type express from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Span } from '@opentelemetry/api';
import type { Logger } from '../logger';
import type { Context } from '../context';

/**
 * What the hub learns about one HTTP request while serving it, filled in by the request log
 * (id, client IP, timing), the Apollo plugins (operation, viewer, error codes) and read by the
 * log line, the metrics and the rate limiter. One small object per request.
 */
export interface RequestRecord {
  id: string;
  /** The client's address (express `req.ip`: X-Forwarded-For only through TRUST_PROXY). */
  ip: string;
  /** performance.now() when the request arrived. */
  started: number;
  operationName?: string;
  operationType?: string;
  subject?: string | null;
  errorCodes?: string[];
  /** The operation's span, when tracing is on. */
  span?: Span;
}

/** A symbol property, not a WeakMap: Apollo shallow-copies the context per operation (own symbols are copied). */
const RECORD = Symbol('dvc-hub.request-record');

/** The record of the HTTP request a GraphQL context was made for (none over WebSocket). */
export const recordOf = (ctx: object): RequestRecord | undefined => (ctx as { [RECORD]?: RequestRecord })[RECORD];

/** Links a GraphQL context to its HTTP request's record (in the Apollo context function). */
export function bindRecord<C extends object>(ctx: C, res: express.Response): C {
  const r = res.locals.record as RequestRecord | undefined;
  if (r) (ctx as { [RECORD]?: RequestRecord })[RECORD] = r;
  return ctx;
}

/** A client's request id is kept when it looks like one; otherwise the hub makes one. */
const REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;
/** Probes and scrapes are logged at debug level only. */
const QUIET = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The request log: an id for every request (from `x-request-id` or a new UUID, echoed in the
 * response's `x-request-id`), and ONE JSON line when the response is done: method, path,
 * status, duration, client IP, and for GraphQL the operation's name and type, the viewer's
 * subject and the error codes of the answer.
 */
export function requestLog(log: Logger): express.RequestHandler {
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', id);
    const record: RequestRecord = { id, ip: req.ip ?? req.socket.remoteAddress ?? '', started: performance.now() };
    const path = req.path; // before a mounted router makes it relative
    res.locals.record = record;
    res.once('close', () => {
      const level = QUIET.has(path) ? 'debug' : 'info';
      if (!log.isLevelEnabled(level)) return;
      log[level](
        {
          reqId: id,
          method: req.method,
          path,
          status: res.writableFinished ? res.statusCode : 499, // 499: the client went away first
          ms: Math.round((performance.now() - record.started) * 10) / 10,
          ip: record.ip,
          op: record.operationName,
          opType: record.operationType,
          subject: record.subject ?? undefined,
          errors: record.errorCodes,
        },
        'request',
      );
    });
    next();
  };
}

/**
 * Fills the request's record from Apollo: the operation once resolved, the viewer, and the
 * codes of the errors in the answer. One listener object shared by every request.
 */
export function requestRecordPlugin(): ApolloServerPlugin<Context> {
  const listener = {
    async didResolveOperation(rc: { contextValue: Context; operationName: string | null; operation: { operation: string } }) {
      const r = recordOf(rc.contextValue);
      if (!r) return;
      r.operationName = rc.operationName ?? undefined;
      r.operationType = rc.operation.operation;
    },
    async willSendResponse(rc: { contextValue: Context; response: { body: { kind: string; singleResult?: { errors?: readonly { extensions?: Record<string, unknown> }[] } } } }) {
      const r = recordOf(rc.contextValue);
      if (!r) return;
      r.subject = rc.contextValue.viewer?.subject ?? null;
      const errors = rc.response.body.kind === 'single' ? rc.response.body.singleResult?.errors : undefined;
      if (errors?.length) r.errorCodes = [...new Set(errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
    },
  };
  return { requestDidStart: async () => listener as never };
}
