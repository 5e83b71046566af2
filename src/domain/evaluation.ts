/** Satisfaction evaluations of dossiers: the eight survey criteria and their rules. Pure. */
import { msg, type Bilingual } from './errors';

export const EVALUATION_CRITERIA = [
  'GUIDANCE_CLARITY', 'FORM_ACCURACY', 'EASE_OF_USE', 'SERVICE_CAPABILITY', 'PROCESSING_TIME', 'STAFF_ATTITUDE', 'ONLINE_RESULT_DELIVERY', 'ONLINE_PAYMENT',
] as const;
export type EvaluationCriterion = (typeof EVALUATION_CRITERIA)[number];

export function meanScore(scores: readonly { score: number }[]): number {
  return scores.reduce((a, s) => a + s.score, 0) / scores.length;
}

/** Satisfied unless the mean score is below 3 (the contract). */
export function isSatisfied(scores: readonly { score: number }[]): boolean {
  return meanScore(scores) >= 3;
}

/** Problems with a set of scores: every criterion exactly once, each a whole number 1–5. */
export function scoresProblem(scores: readonly { criterion: string; score: number }[]): Bilingual | null {
  const seen = new Set<string>();
  for (const s of scores) {
    if (!(EVALUATION_CRITERIA as readonly string[]).includes(s.criterion)) return msg(`Không có tiêu chí đánh giá ${s.criterion}`, `unknown criterion ${s.criterion}`);
    if (seen.has(s.criterion)) return msg(`Tiêu chí ${s.criterion} được chấm điểm hai lần`, `criterion ${s.criterion} is scored twice`);
    seen.add(s.criterion);
    if (!Number.isInteger(s.score) || s.score < 1 || s.score > 5) {
      return msg(`Điểm của tiêu chí ${s.criterion} phải là số nguyên từ 1 đến 5`, `the score of ${s.criterion} must be a whole number from 1 to 5`);
    }
  }
  const missing = EVALUATION_CRITERIA.filter((c) => !seen.has(c));
  return missing.length ? msg(`Cần chấm điểm mọi tiêu chí; còn thiếu: ${missing.join(', ')}`, `every criterion needs a score; missing: ${missing.join(', ')}`) : null;
}
