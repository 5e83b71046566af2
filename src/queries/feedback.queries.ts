import type { Db } from '../db/sql';
import type { Viewer } from '../auth/viewer';
import { feedbackScope, mayReadFeedback } from '../auth/access';
import { forbidden, msg } from '../errors';
import { countFeedbacks, feedbackByCode, feedbackById, feedbackPage, type FeedbackListFilter, type FeedbackRow } from '../stores/feedback.store';
import { parseInstantCodeKey, parseWindowKeys, readPageArgs, toPage, type Page, type PageArgs } from './pagination';

export type FeedbackFilter = FeedbackListFilter;

/** A token that was sent must be valid, even where no login is needed. */
function refuseInvalidToken(viewer: Viewer): void {
  if (viewer.tokenError) viewer.requireAuthenticated();
}

/** feedback(code): null when there is none; FORBIDDEN when the viewer may not read it. */
export async function feedbackOfCode(db: Db, viewer: Viewer, code: string): Promise<FeedbackRow | null> {
  const f = await feedbackByCode(db, code);
  if (!f) return null;
  if (!mayReadFeedback(viewer, f)) {
    refuseInvalidToken(viewer);
    throw forbidden(msg('Phản ánh, kiến nghị này không được công khai', 'This feedback is not public'));
  }
  return f;
}

/** node(id) of a Feedback: null when there is none or the viewer may not read it. */
export async function feedbackNode(db: Db, viewer: Viewer, id: string): Promise<FeedbackRow | null> {
  const f = await feedbackById(db, id);
  return f && mayReadFeedback(viewer, f) ? f : null;
}

/**
 * feedbacks(filter, first/after or last/before), newest first, in the viewer's read scope (src/auth/access.ts):
 * ADMIN and OBSERVER see all; staff the feedback of their agencies; a signed-in submitter their
 * own (by token subject or identity number); and everybody the published, public ones.
 */
export async function findFeedbacks(db: Db, viewer: Viewer, filter: FeedbackFilter | null | undefined, args: PageArgs, pageMax: number, now: Date): Promise<Page<FeedbackRow>> {
  refuseInvalidToken(viewer);
  const w = parseWindowKeys(readPageArgs(args, pageMax), parseInstantCodeKey);
  const scope = feedbackScope(viewer);
  const rows = w.limit > 0 ? await feedbackPage(db, { scope, filter, now, ...w }) : [];
  return toPage(rows, w, (f) => `${f.submittedAt.toISOString()}|${f.code}`, () => countFeedbacks(db, { scope, filter, now }));
}
