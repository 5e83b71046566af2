import { Db } from '../db/sql';
import type { Logger } from '../logger';
import type { NationalPortal } from '../connectors/national-portal';
import { isUpstreamError } from '../connectors/upstream-error';
import { claimDue, markFailed, markSent, type OutboxMessage } from '../stores/outbox.store';
import { DOSSIER_SYNC, FEEDBACK_FORWARD, type DossierSyncPayload } from '../outbox/national-messages';
import type { JobCounts, JobDefinition } from './scheduler';

export interface DispatchSettings {
  /** Heads claimed per round. */
  batchSize: number;
  /** Messages (of different aggregates) in flight at once. */
  concurrency: number;
  /** Failed attempts after which a message is dead-lettered. */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A run ends after this long even if work is left (the next run goes on). */
  maxRunMs: number;
}

/** Exponential backoff with full jitter: a random wait in [base, min(max, base·2^(n−1))]. */
export function backoffMs(attempt: number, s: Pick<DispatchSettings, 'backoffBaseMs' | 'backoffMaxMs'>, random = Math.random): number {
  const cap = Math.min(s.backoffMaxMs, s.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
  return s.backoffBaseMs + random() * Math.max(0, cap - s.backoffBaseMs);
}

/** Sends one message; its parts carry keys derived from the message id, so a resend is harmless. */
async function deliver(portal: NationalPortal, m: OutboxMessage): Promise<void> {
  switch (m.topic) {
    case DOSSIER_SYNC: {
      const p = m.payload as DossierSyncPayload;
      await portal.upsertDossier(p.record, m.messageId);
      if (p.progress) await portal.addProgress(p.progress, `${m.messageId}.progress`);
      return;
    }
    case FEEDBACK_FORWARD:
      await portal.forwardFeedback((m.payload as { record: Parameters<NationalPortal['forwardFeedback']>[0] }).record, m.messageId);
      return;
    default:
      throw new Error(`unknown outbox topic ${m.topic}`);
  }
}

/**
 * One dispatch run: claims the due heads of each aggregate's queue, sends them (different
 * aggregates in parallel, each aggregate strictly in order because only its head is ever
 * claimed), marks what was delivered, and reschedules or dead-letters what failed. Repeats
 * until nothing is due, the run is too long, shutdown begins, or the portal's circuit is open.
 */
export async function dispatchOutbox(db: Db, portal: NationalPortal, s: DispatchSettings, log: Logger, stopping: () => boolean): Promise<JobCounts> {
  const counts = { sent: 0, failed: 0, deadLettered: 0, rounds: 0 };
  const started = Date.now();
  while (!stopping() && Date.now() - started < s.maxRunMs) {
    const due = await claimDue(db, s.batchSize);
    if (!due.length) break;
    counts.rounds++;
    const sent: string[] = [];
    let circuitOpen = false;
    let next = 0;
    const lane = async () => {
      while (next < due.length && !circuitOpen && !stopping()) {
        const m = due[next++];
        try {
          await deliver(portal, m);
          sent.push(m.id);
        } catch (e) {
          if (isUpstreamError(e) && e.reason === 'circuit-open') {
            circuitOpen = true; // not an attempt: the portal was not even asked
            return;
          }
          const attempts = m.attempts + 1;
          const retryable = !isUpstreamError(e) || e.retryable;
          const dead = !retryable || attempts >= s.maxAttempts;
          const message = e instanceof Error ? e.message : String(e);
          await markFailed(db, { id: m.id, error: message, retryInMs: dead ? 0 : backoffMs(attempts, s), dead });
          counts.failed++;
          if (dead) {
            counts.deadLettered++;
            log.warn({ messageId: m.messageId, aggregate: m.aggregateCode, attempts, err: message }, 'outbox message dead-lettered');
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(s.concurrency, due.length) }, lane));
    await markSent(db, sent);
    counts.sent += sent.length;
    if (circuitOpen) {
      log.debug('national portal circuit open: dispatch waits for the next run');
      break;
    }
  }
  return counts;
}

export function outboxDispatchJob(portal: NationalPortal, settings: DispatchSettings, scheduleExpr: string | null): JobDefinition {
  return {
    name: 'outbox-dispatch',
    schedule: scheduleExpr,
    quietWhenIdle: true,
    run: ({ em, log, stopping }) => dispatchOutbox(new Db(em), portal, settings, log, stopping),
  };
}
