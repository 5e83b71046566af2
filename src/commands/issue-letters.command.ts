import { forbidden, msg } from '../errors';
import { claimLetterRequest, markLetterRequestFailed, type LetterRequestRow } from '../stores/letter.store';
import type { CommandContext } from './command-context';
import { issueClaimedLetter, letterRetryMs } from './letters';

export interface IssueLettersInput {
  /** True once shutdown began: the run stops between letters. */
  stopping?: () => boolean;
}

/**
 * The letters worker (src/jobs/letters.job.ts): issues the queued letters that are due, one
 * transaction each (claimed FOR UPDATE SKIP LOCKED, so several processes share the queue and
 * none issues a letter twice). A failure rolls its letter back, is recorded on the request
 * (attempts, last_error) and retried after a backoff; the run goes on with the next.
 */
export async function issueLetters(ctx: CommandContext, input: IssueLettersInput = {}): Promise<{ issued: number; failed: number }> {
  if (!ctx.viewer.isSystem) throw forbidden(msg('Phiếu được hệ thống tự phát hành', 'Letters are issued by the hub itself'));
  const { config, log } = ctx.services;
  const counts = { issued: 0, failed: 0 };
  const started = Date.now();
  /** Failed in this run: left for a later run, after their backoff. */
  const failed: string[] = [];
  let drained = false;
  // Lanes overlap one letter's database round trips with another's drawing (on its thread).
  const lane = async () => {
    while (!drained && !input.stopping?.() && Date.now() - started < config.LETTERS_MAX_RUN_MS) {
      let claimed: LetterRequestRow | undefined;
      try {
        const issued = await ctx.db.transaction(async (db) => {
          claimed = await claimLetterRequest(db, { except: failed });
          return claimed ? issueClaimedLetter(db, ctx.services, claimed) : undefined;
        });
        if (!issued) {
          drained = true;
          return;
        }
        counts.issued++;
      } catch (e) {
        if (!claimed) throw e; // the queue itself could not be read: the run fails (and is logged)
        const error = e instanceof Error ? e.message : String(e);
        const attempts = claimed.attempts + 1;
        failed.push(claimed.id);
        await markLetterRequestFailed(ctx.db, {
          id: claimed.id,
          error,
          retryInMs: letterRetryMs(attempts, config.LETTERS_BACKOFF_BASE_MS, config.LETTERS_BACKOFF_MAX_MS),
        });
        counts.failed++;
        log.warn({ dossierCode: claimed.dossierCode, kind: claimed.kind, cause: claimed.cause, attempts, err: error }, 'letter not issued: retried later');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, config.LETTERS_CONCURRENCY) }, lane));
  return counts;
}
