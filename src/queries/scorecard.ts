import type { Db } from '../db/sql';
import type { Viewer } from '../auth/viewer';
import { mayReadScorecards } from '../auth/access';
import { computeScorecard } from '../domain/scorecard';
import { badInput, forbidden, msg } from '../errors';
import { isCalendarDate } from '../schema/scalars';
import { vnDate } from '../domain/vn-time';
import { agencyIdByCode } from '../stores/scorecard.store';
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

/** Throws UNAUTHENTICATED or FORBIDDEN unless the viewer may read scorecards (src/auth/access.ts). */
export function requireScorecardReader(viewer: Viewer): void {
  viewer.requireAuthenticated();
  if (!mayReadScorecards(viewer)) throw forbidden(msg('Bộ chỉ số đánh giá chỉ dành cho cán bộ của cơ quan, quản trị (ADMIN) và giám sát (OBSERVER)', 'Scorecards are for agency staff, ADMIN and OBSERVER'));
}

/** Throws BAD_USER_INPUT (field agencyCode) when there is no such agency. */
async function requireAgency(db: Db, agencyCode: string): Promise<void> {
  if (!(await agencyIdByCode(db, agencyCode))) throw badInput('agencyCode', msg(`Không có cơ quan mã ${agencyCode}`, `no agency ${agencyCode}`));
}

/** The query scorecard(agencyCode, from, to): for the readers of scorecards. */
export async function readScorecard(db: Db, viewer: Viewer, agencyCode: string | null, from: string, to: string, now: Date): Promise<ScorecardResult> {
  requireScorecardReader(viewer);
  return scorecard(db, agencyCode, from, to, now);
}

/** The subscription scorecardUpdated(agencyCode): checks the reader and the agency before the feed is opened. */
export async function checkScorecardWatch(db: Db, viewer: Viewer, agencyCode: string | null): Promise<void> {
  requireScorecardReader(viewer);
  if (agencyCode) await requireAgency(db, agencyCode);
}

/** The id of a scorecard's agency (for its `agency` field), or null. */
export function scorecardAgencyId(db: Db, agencyCode: string): Promise<string | null> {
  return agencyIdByCode(db, agencyCode);
}

/** A scorecard: checks the arguments, gathers the facts, applies the formulas (no access check: the feed computes it too). */
export async function scorecard(db: Db, agencyCode: string | null, from: string, to: string, now: Date): Promise<ScorecardResult> {
  if (!isCalendarDate(from)) throw badInput('from', msg('Ngày bắt đầu (from) phải có dạng YYYY-MM-DD', 'from must be YYYY-MM-DD'));
  if (!isCalendarDate(to)) throw badInput('to', msg('Ngày kết thúc (to) phải có dạng YYYY-MM-DD', 'to must be YYYY-MM-DD'));
  if (to < from) throw badInput('to', msg('Ngày kết thúc (to) không được trước ngày bắt đầu (from)', 'to must not be before from'));
  if ((Date.parse(to) - Date.parse(from)) / 86400_000 > 366) throw badInput('to', msg('Kỳ đánh giá dài tối đa một năm', 'a scorecard covers at most one year'));
  if (agencyCode) await requireAgency(db, agencyCode);
  const s = computeScorecard(await scorecardFacts(db, agencyCode, from, to, now));
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
