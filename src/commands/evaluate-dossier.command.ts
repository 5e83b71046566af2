import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../db/sql';
import { badInput, conflict, forbidden, notFound, msg } from '../errors';
import { viDossierStatus } from '../domain/labels-vi';
import { EVALUATION_CRITERIA, isSatisfied, meanScore, scoresProblem } from '../domain/evaluation';
import { dossierForEvaluation, insertEvaluation, type EvaluationRow } from '../stores/evaluation.store';
import type { CommandContext } from './command-context';
import { writeEvaluationNotices } from './notify-effects';

export interface EvaluateDossierInput {
  dossierCode: string;
  scores: { criterion: string; score: number }[];
  comment?: string | null;
}

/**
 * evaluateDossier: the dossier's applicant rates it once, after the result is ready or
 * delivered, on all eight criteria. The province's scorecard is marked for recomputing once it
 * is written (the agency's own is marked by its next dossier event).
 */
export async function evaluateDossier(ctx: CommandContext, input: EvaluateDossierInput): Promise<EvaluationRow> {
  const v = ctx.viewer.requireAuthenticated();
  const problem = scoresProblem(input.scores);
  if (problem) throw badInput('scores', problem);
  if (input.comment != null && input.comment.length > 2000) throw badInput('comment', msg('Ý kiến đánh giá không được dài quá 2.000 ký tự', 'comment is at most 2,000 characters'));
  const d = await dossierForEvaluation(ctx.db, input.dossierCode);
  if (!d) throw notFound(msg(`Không tìm thấy hồ sơ ${input.dossierCode}`, `Dossier ${input.dossierCode} not found`));
  if (!v.hasRole('CITIZEN') || v.identityNumber !== d.applicantIdentityNumber) throw forbidden(msg('Chỉ người nộp hồ sơ mới được đánh giá hồ sơ', 'Only the applicant evaluates a dossier'));
  if (d.status !== 'RESULT_READY' && d.status !== 'DELIVERED') {
    throw conflict(
      msg(
        `Chỉ đánh giá được hồ sơ khi đã có kết quả; hồ sơ đang ở trạng thái ${viDossierStatus(d.status)}`,
        `A dossier is evaluated once its result is ready; it is ${d.status}`,
      ),
      'NOT_FINISHED',
    );
  }
  const scores = EVALUATION_CRITERIA.map((c) => ({ criterion: c, score: input.scores.find((s) => s.criterion === c)!.score }));
  let evaluation: EvaluationRow;
  try {
    evaluation = await ctx.db.transaction(async (db) => {
      const written = await insertEvaluation(db, {
      id: randomUUID(),
      dossierId: d.id,
      dossierCode: d.code,
      scores,
      mean: meanScore(scores).toFixed(3),
      satisfied: isSatisfied(scores),
      comment: input.comment ?? null,
      evaluatedBy: v.subject,
      now: ctx.now,
      });
      await writeEvaluationNotices(db, { dossierId: d.id, dossierCode: d.code, satisfied: written.satisfied, mean: meanScore(scores).toFixed(3), now: ctx.now });
      return written;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(msg('Hồ sơ này đã được đánh giá', 'This dossier has already been evaluated'), 'ALREADY_EVALUATED');
    throw e;
  }
  ctx.afterCommit(() => ctx.services.outboxWritten()); // the webhook deliveries
  ctx.afterCommit(() => ctx.services.scorecardFeed.markDirty(null)); // the province; the agency's own is marked by its next dossier event
  return evaluation;
}
