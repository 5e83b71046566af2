import type { Dossier } from '../entities';
import { conflict, forbidden, msg } from '../errors';
import { DomainError } from '../domain/errors';
import type { CommandContext } from './command-context';
import { identityChecked } from '../domain/dossier-machine';
import { DOSSIER_CHANGE_REASONS, identityCheckNote, POPULATION_DATABASE_ACTOR } from '../domain/dossier-change';
import { changeDossierRetrying, snapshotOf, type DecideChange } from './change-dossier';

export interface RecordIdentityAnswerInput {
  code: string;
  /** What the population database said about the applicant. */
  answer: 'VERIFIED' | 'MISMATCH';
}

/**
 * Records the population database's late answer for an applicant it could not answer for at
 * submission (the verify-identity job): the dossier's applicant verification, an
 * IDENTITY_CHECKED log line and the updated national record (no progress line: not a step of
 * processing), through the same change path as transitions. The status and the clock stay; no
 * dossierStatusChanged event is published. Null when there is nothing to record: the identity
 * was answered for meanwhile. Only the hub itself (a system viewer) records answers.
 */
export async function recordIdentityAnswer(ctx: CommandContext, input: RecordIdentityAnswerInput): Promise<Dossier | null> {
  if (!ctx.viewer.isSystem) throw forbidden(msg('Kết quả đối chiếu thông tin công dân do hệ thống tự ghi nhận', 'Identity answers are recorded by the hub itself'));
  const decide: DecideChange = (d, agencyCode) => {
    if (d.applicantVerification !== 'PENDING') {
      throw conflict(
        msg(`Thông tin người nộp hồ sơ ${d.code} đã được đối chiếu`, `The applicant of ${d.code} was answered for already`),
        DOSSIER_CHANGE_REASONS.IDENTITY_ALREADY_ANSWERED,
      );
    }
    return {
      outcome: identityChecked(snapshotOf(d, agencyCode)),
      action: 'IDENTITY_CHECKED',
      actorSubject: POPULATION_DATABASE_ACTOR,
      note: identityCheckNote(input.answer),
      identityAnswer: input.answer,
      processingStep: false,
    };
  };
  try {
    const { dossier } = await changeDossierRetrying(ctx.db, input.code, decide, ctx.calendar, ctx.now);
    ctx.afterCommit(() => ctx.services.outboxWritten());
    return dossier;
  } catch (e) {
    if (e instanceof DomainError && e.reason === DOSSIER_CHANGE_REASONS.IDENTITY_ALREADY_ANSWERED) return null;
    throw e;
  }
}
