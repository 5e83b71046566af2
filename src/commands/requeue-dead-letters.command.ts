import type { CommandContext } from './command-context';
import { requeueDead } from '../stores/outbox.store';

export interface RequeueDeadLettersInput {
  /** A dossier's or a feedback's code; null: every dead letter. */
  code: string | null;
}

/**
 * requeueDeadLetters (ADMIN): puts dead-lettered outbox messages back in the queue, as they
 * were, so each aggregate's messages are sent again in their order; returns how many.
 */
export async function requeueDeadLetters(ctx: CommandContext, input: RequeueDeadLettersInput): Promise<number> {
  const viewer = ctx.viewer.requireRole('ADMIN');
  const n = await requeueDead(ctx.db, input.code);
  if (n) ctx.afterCommit(() => ctx.services.outboxWritten());
  ctx.services.log.info({ code: input.code, requeued: n, by: viewer.subject }, 'dead letters re-queued');
  return n;
}
