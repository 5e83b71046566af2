import { sql, type Db } from '../db/sql';
import type { EvaluationCriterion } from '../domain/evaluation';

/** Satisfaction evaluations of dossiers (đánh giá mức độ hài lòng): one per dossier, by its applicant. */

export interface EvaluationRow {
  id: string;
  dossierId: string;
  dossierCode: string;
  scores: { criterion: EvaluationCriterion; score: number }[];
  satisfied: boolean;
  comment: string | null;
  createdAt: Date;
}

/** An evaluation row with its dossier's code. */
interface EvaluationRecord {
  id: string;
  dossier_id: string;
  dossier_code: string;
  scores: { criterion: EvaluationCriterion; score: number }[];
  satisfied: boolean;
  comment: string | null;
  created_at: string | Date;
}

export const toEvaluationRow = (r: EvaluationRecord): EvaluationRow => ({
  id: r.id,
  dossierId: r.dossier_id,
  dossierCode: r.dossier_code,
  scores: r.scores,
  satisfied: r.satisfied,
  comment: r.comment ?? null,
  createdAt: new Date(r.created_at),
});

/** The evaluations of many dossiers in one statement (at most one each). */
export async function evaluationsOfDossiers(db: Db, dossierIds: readonly string[]): Promise<EvaluationRow[]> {
  const rows = await db.all<EvaluationRecord>(
    sql`select e.*, d.code as dossier_code from evaluation e join dossier d on d.id = e.dossier_id
      where e.dossier_id in (select unnest(${sql.array(dossierIds, 'uuid')}))`,
  );
  return rows.map(toEvaluationRow);
}

/** The dossier as an evaluation needs it: whose it is and whether it is finished. */
export async function dossierForEvaluation(db: Db, code: string): Promise<{ id: string; code: string; status: string; applicantIdentityNumber: string } | null> {
  const r = await db.one<{ id: string; code: string; status: string; applicant_identity_number: string }>(
    sql`select id, code, status, applicant_identity_number from dossier where code = ${code}`,
  );
  return r ? { id: r.id, code: r.code, status: r.status, applicantIdentityNumber: r.applicant_identity_number } : null;
}

/** Writes the evaluation; a second one of the dossier is a unique violation (isUniqueViolation). */
export async function insertEvaluation(
  db: Db,
  e: {
    id: string;
    dossierId: string;
    dossierCode: string;
    scores: { criterion: EvaluationCriterion; score: number }[];
    /** numeric(4,3), as text */
    mean: string;
    satisfied: boolean;
    comment: string | null;
    evaluatedBy: string;
    now: Date;
  },
): Promise<EvaluationRow> {
  const row = await db.one<EvaluationRecord>(
    sql`insert into evaluation ${sql.values({
      id: e.id,
      dossier_id: e.dossierId,
      scores: sql.json(e.scores),
      mean: e.mean,
      satisfied: e.satisfied,
      comment: e.comment,
      evaluated_by: e.evaluatedBy,
      created_at: e.now,
    })} returning *, ${e.dossierCode}::text as dossier_code`,
  );
  return toEvaluationRow(row!);
}

/** The dossier an evaluation belongs to (node(id) checks access through it), or null. */
export async function dossierIdOfEvaluation(db: Db, id: string): Promise<string | null> {
  return (await db.one<{ dossier_id: string }>(sql`select dossier_id from evaluation where id = ${id}`))?.dossier_id ?? null;
}
