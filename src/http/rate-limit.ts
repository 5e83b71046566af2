import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config';
import type { Context } from '../context';
import type { Logger } from '../logger';
import type { Viewer } from '../auth/viewer';
import { DomainError, msg } from '../errors';
import { recordOf } from './request-log';

/** Root fields that cost more than 1 point by default (RATE_LIMIT_FIELD_COSTS adds or overrides). */
export const DEFAULT_FIELD_COSTS: Readonly<Record<string, number>> = {
  scorecard: 20,
  dossiers: 5,
  feedbacks: 5,
  procedures: 2,
  outboxStatus: 5,
  __schema: 10,
};

type LimitName = 'anonymous' | 'signed-in' | 'submit-dossier-hour' | 'submit-dossier-day' | 'submit-feedback-hour' | 'submit-feedback-day';

/** What one operation asks of the limits: its cost and how many submissions it makes. */
export interface OperationDemand {
  cost: number;
  submitDossier: number;
  submitFeedback: number;
}

/** Adds up an operation's root fields (through root-level fragments): no per-field work deeper down. */
export function demandOf(operation: OperationDefinitionNode, document: DocumentNode | undefined, costs: Readonly<Record<string, number>>): OperationDemand {
  const d: OperationDemand = { cost: 0, submitDossier: 0, submitFeedback: 0 };
  const visit = (set: SelectionSetNode, depth: number) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        const name = s.name.value;
        d.cost += costs[name] ?? 1;
        if (name === 'submitDossier') d.submitDossier++;
        else if (name === 'submitFeedback') d.submitFeedback++;
      } else if (depth < 5) {
        const name = s.kind === Kind.FRAGMENT_SPREAD ? s.name.value : null;
        const fragment = name === null ? undefined : document?.definitions.find((f): f is FragmentDefinitionNode => f.kind === Kind.FRAGMENT_DEFINITION && f.name.value === name);
        const inner = s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : fragment?.selectionSet;
        if (inner) visit(inner, depth + 1);
      }
    }
  };
  visit(operation.selectionSet, 0);
  return d;
}

/** The error a refused operation answers with: RATE_LIMITED, retryAfterSeconds, HTTP 429 and Retry-After. */
export function rateLimitedError(retryAfterSeconds: number, http = true): GraphQLError {
  const text = msg(`Bạn đã gửi quá nhiều yêu cầu: vui lòng thử lại sau ${retryAfterSeconds} giây`, `Too many requests: try again in ${retryAfterSeconds} s`);
  return new GraphQLError(text.en, {
    originalError: new DomainError('RATE_LIMITED', text, { retryAfterSeconds }),
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds,
      ...(http ? { http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) } } : {}),
    },
  });
}

export interface RateLimits {
  /** Refuses (throws rateLimitedError) or takes the operation's points from each limit that applies. */
  check(operation: OperationDefinitionNode, document: DocumentNode | undefined, viewer: Viewer, ip: string, http?: boolean): Promise<void>;
  plugin(): ApolloServerPlugin<Context>;
  kind: 'redis' | 'memory' | 'off';
  close(): Promise<void>;
}

/**
 * The hub's rate limits (rate-limiter-flexible): in Redis when REDIS_URL is set, so every hub
 * process draws on the same budgets (with an in-memory stand-in while Redis is unreachable),
 * in memory otherwise.
 *
 * - general: RATE_LIMIT_ANONYMOUS_POINTS per client IP, or RATE_LIMIT_SIGNED_IN_POINTS per token
 *   subject, per RATE_LIMIT_WINDOW; an operation costs the sum of its root fields' costs
 * - submitDossier: per subject, per hour and per day (a day's dossier numbers of an agency)
 * - submitFeedback: per client IP, per hour and per day (a day's PAKN numbers)
 */
export async function createRateLimits(config: Config, log: Logger, onRefusal: (limit: string) => void = () => {}): Promise<RateLimits> {
  if (!config.RATE_LIMIT_ENABLED) {
    return { kind: 'off', check: async () => {}, plugin: () => ({}), close: async () => {} };
  }
  const costs = { ...DEFAULT_FIELD_COSTS, ...config.RATE_LIMIT_FIELD_COSTS };
  let redis: Redis | null = null;
  if (config.REDIS_URL) {
    redis = new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
    redis.on('error', () => {}); // reported below and by the insurance limiter's use
    try {
      await redis.connect();
    } catch (e) {
      log.warn({ err: e }, 'rate limits: Redis is unreachable; each process limits on its own until it is back');
    }
  }
  const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix, points, duration });
    if (!redis) return memory;
    return new RateLimiterRedis({ storeClient: redis, keyPrefix: `${config.RATE_LIMIT_REDIS_PREFIX}:${keyPrefix}`, points, duration, rejectIfRedisNotReady: true, insuranceLimiter: memory });
  };
  const limiters: Record<LimitName, RateLimiterAbstract> = {
    anonymous: make('anon', config.RATE_LIMIT_ANONYMOUS_POINTS, config.RATE_LIMIT_WINDOW),
    'signed-in': make('user', config.RATE_LIMIT_SIGNED_IN_POINTS, config.RATE_LIMIT_WINDOW),
    'submit-dossier-hour': make('dossier-h', config.RATE_LIMIT_SUBMIT_DOSSIER_PER_HOUR, 3600),
    'submit-dossier-day': make('dossier-d', config.RATE_LIMIT_SUBMIT_DOSSIER_PER_DAY, 86400),
    'submit-feedback-hour': make('feedback-h', config.RATE_LIMIT_SUBMIT_FEEDBACK_PER_HOUR, 3600),
    'submit-feedback-day': make('feedback-d', config.RATE_LIMIT_SUBMIT_FEEDBACK_PER_DAY, 86400),
  };

  const take = async (limit: LimitName, key: string, points: number, http: boolean) => {
    try {
      await limiters[limit].consume(key, points);
    } catch (e) {
      if (e instanceof RateLimiterRes) {
        onRefusal(limit);
        throw rateLimitedError(Math.max(1, Math.ceil(e.msBeforeNext / 1000)), http);
      }
      // The store failed and had no stand-in: let the request through rather than refuse everyone.
      log.warn({ err: e, limit }, 'rate limit could not be checked');
    }
  };

  const check: RateLimits['check'] = async (operation, document, viewer, ip, http = true) => {
    const d = demandOf(operation, document, costs);
    const subject = viewer.subject;
    if (subject) await take('signed-in', subject, d.cost, http);
    else await take('anonymous', ip, d.cost, http);
    if (d.submitDossier && subject) {
      await take('submit-dossier-hour', subject, d.submitDossier, http);
      await take('submit-dossier-day', subject, d.submitDossier, http);
    }
    if (d.submitFeedback) {
      await take('submit-feedback-hour', ip, d.submitFeedback, http);
      await take('submit-feedback-day', ip, d.submitFeedback, http);
    }
  };

  const listener = {
    async didResolveOperation(rc: { contextValue: Context; operation: OperationDefinitionNode; document: DocumentNode }) {
      const ip = recordOf(rc.contextValue)?.ip ?? '';
      await check(rc.operation, rc.document, rc.contextValue.viewer, ip);
    },
  };

  return {
    kind: redis ? 'redis' : 'memory',
    check,
    plugin: () => ({ requestDidStart: async () => listener as never }),
    async close() {
      redis?.disconnect();
    },
  };
}
