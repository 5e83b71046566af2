import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer';
import { badInput, conflict, forbidden, notFound } from '../errors';
import { isUniqueViolation, json, run } from './dossier-sql';
import { pgArray } from '../stores/outbox.store';
import { EVALUATION_CRITERIA, isSatisfied, meanScore, scoresProblem, type EvaluationCriterion } from '../domain/evaluation';

export interface EvaluationRow {
  id: string;
  dossierId: string;
  dossierCode: string;
  scores: { criterion: EvaluationCriterion; score: number }[];
  satisfied: boolean;
  comment: string | null;
  createdAt: Date;
}

const toRow = (r: Record<string, any>): EvaluationRow => ({
  id: r.id,
  dossierId: r.dossier_id,
  dossierCode: r.dossier_code,
  scores: r.scores,
  satisfied: r.satisfied,
  comment: r.comment ?? null,
  createdAt: new Date(r.created_at),
});

export async function evaluationsOfDossiers(em: EntityManager, ids: readonly string[]): Promise<EvaluationRow[]> {
  const rows = await run<Record<string, any>>(
    em,
    `select e.*, d.code as dossier_code from evaluation e join dossier d on d.id = e.dossier_id where e.dossier_id in (select unnest(?::uuid[]))`,
    [pgArray(ids)],
  );
  return rows.map(toRow);
}

/**
 * evaluateDossier: the dossier's applicant rates it once, after the result is ready or
 * delivered, on all eight criteria.
 */
export async function evaluateDossier(
  em: EntityManager,
  viewer: Viewer,
  data: { dossierCode: string; scores: { criterion: string; score: number }[]; comment?: string | null },
  now: Date,
): Promise<EvaluationRow> {
  const v = viewer.requireAuthenticated();
  const problem = scoresProblem(data.scores);
  if (problem) throw badInput('scores', problem);
  if (data.comment != null && data.comment.length > 2000) throw badInput('comment', 'comment is at most 2,000 characters');
  const [d] = await run<Record<string, any>>(em, `select id, code, status, applicant_identity_number from dossier where code = ?`, [data.dossierCode]);
  if (!d) throw notFound(`Dossier ${data.dossierCode}`);
  if (!v.hasRole('CITIZEN') || v.identityNumber !== d.applicant_identity_number) throw forbidden('Only the applicant evaluates a dossier');
  if (d.status !== 'RESULT_READY' && d.status !== 'DELIVERED') {
    throw conflict(`A dossier is evaluated once its result is ready; it is ${d.status}`, 'NOT_FINISHED');
  }
  const scores = EVALUATION_CRITERIA.map((c) => ({ criterion: c, score: data.scores.find((s) => s.criterion === c)!.score }));
  try {
    const [row] = await run<Record<string, any>>(
      em,
      `insert into evaluation (id, dossier_id, scores, mean, satisfied, comment, evaluated_by, created_at)
       values (?, ?, ?::jsonb, ?, ?, ?, ?, ?) returning *, ?::text as dossier_code`,
      [randomUUID(), d.id, json(scores), meanScore(scores).toFixed(3), isSatisfied(scores), data.comment ?? null, v.subject, now, d.code],
    );
    return toRow(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('This dossier has already been evaluated', 'ALREADY_EVALUATED');
    throw e;
  }
}
