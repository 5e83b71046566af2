import type { EntityManager } from '@mikro-orm/postgresql';
import { computeScorecard } from '../domain/scorecard';
import { badInput } from '../errors';
import { isCalendarDate } from '../schema/scalars';
import { vnDate } from '../domain/vn-time';
import { run } from '../commands/dossier-sql';
import { scorecardFacts } from './scorecard.queries';

export interface ScorecardResult {
  agencyCode: string | null;
  from: string;
  to: string;
  totalScore: number;
  maxScore: number;
  groups: { group: string; score: number; maxScore: number }[];
  indicators: { key: string; group: string; name: string; numerator: number; denominator: number; ratio: number | null; score: number; maxScore: number }[];
  computedAt: Date;
}

/** scorecard(agencyCode, from, to): checks the arguments, gathers the facts, applies the formulas. */
export async function scorecard(em: EntityManager, agencyCode: string | null, from: string, to: string, now: Date): Promise<ScorecardResult> {
  if (!isCalendarDate(from)) throw badInput('from', 'from must be YYYY-MM-DD');
  if (!isCalendarDate(to)) throw badInput('to', 'to must be YYYY-MM-DD');
  if (to < from) throw badInput('to', 'to must not be before from');
  if ((Date.parse(to) - Date.parse(from)) / 86400_000 > 366) throw badInput('to', 'a scorecard covers at most one year');
  if (agencyCode) {
    const [a] = await run<{ id: string }>(em, 'select id from agency where code = ?', [agencyCode]);
    if (!a) throw badInput('agencyCode', `no agency ${agencyCode}`);
  }
  const s = computeScorecard(await scorecardFacts(em, agencyCode, from, to, now));
  return {
    agencyCode,
    from,
    to,
    totalScore: s.totalScore,
    maxScore: s.maxScore,
    groups: s.groups,
    indicators: s.indicators.map((i) => ({ ...i, numerator: i.numerator ?? 0, denominator: i.denominator ?? 0 })),
    computedAt: now,
  };
}

/** The current quarter up to today (Vietnam dates): the period scorecardUpdated pushes. */
export function currentQuarter(now: Date): { from: string; to: string } {
  const today = vnDate(now);
  const month = Number(today.slice(5, 7));
  const first = String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0');
  return { from: `${today.slice(0, 4)}-${first}-01`, to: today };
}
