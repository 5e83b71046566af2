import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer';
import { badInput } from '../errors';
import { FEEDBACK_SELECT, toFeedbackRow, type FeedbackRow } from '../commands/feedback.commands';
import { run } from '../commands/dossier-sql';
import { pgArray } from '../stores/outbox.store';
import { readPageArgs, toPage, type Page, type PageArgs } from './pagination';
import { isInstantInRange } from '../domain/input-rules';

export interface FeedbackFilter {
  status?: string[] | null;
  agencyCode?: string | null;
  overdue?: boolean | null;
}

/** The statuses in which no stage deadline runs any more. */
const CLOSED = `('REJECTED','PUBLISHED','SUPPLEMENT_REQUESTED')`;

/**
 * feedbacks(filter, first, after), newest first: ADMIN and OBSERVER see all; staff the feedback
 * of their agencies; a signed-in submitter their own (by token subject or identity number); and
 * everybody the published, public ones.
 */
export async function findFeedbacks(em: EntityManager, viewer: Viewer, filter: FeedbackFilter | null | undefined, args: PageArgs, pageMax: number, now: Date): Promise<Page<FeedbackRow>> {
  const { limit, afterKey } = readPageArgs(args, pageMax);
  const scope: string[] = [`(f.status = 'PUBLISHED' and f.is_public)`];
  const params: unknown[] = [];
  if (viewer.authenticated) {
    if (viewer.hasRole('ADMIN', 'OBSERVER')) scope.push('true');
    if (viewer.isStaff() && viewer.agencyCodes.length) {
      scope.push(`a.code in (${viewer.agencyCodes.map(() => '?').join(', ')})`);
      params.push(...viewer.agencyCodes);
    }
    scope.push('f.submitted_by = ?');
    params.push(viewer.subject);
    if (viewer.identityNumber) {
      scope.push('f.contact_identity_number = ?');
      params.push(viewer.identityNumber);
    }
  }
  const where = [`(${scope.join(' or ')})`];
  if (filter?.status?.length) {
    where.push(`f.status in (${filter.status.map(() => '?').join(', ')})`);
    params.push(...filter.status);
  }
  if (filter?.agencyCode) {
    where.push('a.code = ?');
    params.push(filter.agencyCode);
  }
  if (filter?.overdue === true) {
    where.push(`f.status not in ${CLOSED} and not (f.status = 'ANSWERED' and not f.is_public) and f.due_at < ?`);
    params.push(now);
  }
  if (filter?.overdue === false) {
    where.push(`(f.status in ${CLOSED} or (f.status = 'ANSWERED' and not f.is_public) or f.due_at >= ?)`);
    params.push(now);
  }
  const pageWhere = [...where];
  const pageParams = [...params];
  if (afterKey !== null) {
    const sep = afterKey.indexOf('|');
    const at = new Date(afterKey.slice(0, sep));
    if (sep < 0 || Number.isNaN(at.getTime()) || !isInstantInRange(at)) throw badInput('after', 'after is not a cursor this hub returned');
    pageWhere.push('(f.submitted_at, f.code) < (?, ?)');
    pageParams.push(at, afterKey.slice(sep + 1));
  }
  const rows = limit > 0
    ? (await run<Record<string, any>>(em, `${FEEDBACK_SELECT} where ${pageWhere.join(' and ')} order by f.submitted_at desc, f.code desc limit ?`, [...pageParams, limit + 1])).map(toFeedbackRow)
    : [];
  return toPage(rows, limit, (f) => `${f.submittedAt.toISOString()}|${f.code}`, async () => {
    const [{ n }] = await run<{ n: number }>(em, `select count(*)::int as n from feedback f left join agency a on a.id = f.agency_id where ${where.join(' and ')}`, params);
    return n;
  });
}

export async function feedbackEvents(em: EntityManager, ids: readonly string[]) {
  return run<{ feedback_id: string; at: string; action: string; from_status: string | null; to_status: string; actor: string; note: string | null }>(
    em,
    `select feedback_id, at, action, from_status, to_status, actor, note from feedback_event where feedback_id in (select unnest(?::uuid[])) order by seq`,
    [pgArray(ids)],
  );
}
