import { randomUUID } from 'node:crypto';
import type { CommandContext } from './command-context';
import { actorOf, mayReadFeedback } from '../auth/access';
import { badInput, conflict, forbidden, notFound, msg } from '../errors';
import { decideFeedbackTransition, type FeedbackAction } from '../domain/feedback-machine';
import { feedbackByCode, feedbackById, snapshotOfFeedback, updateFeedback, type FeedbackRow } from '../stores/feedback.store';
import { agencyIdByCode } from '../stores/scorecard.store';
import { FEEDBACK_FORWARD, nationalFeedbackRecord } from '../outbox/national-messages';
import { writeFeedbackChangeNotices } from './notify-effects';

export interface TransitionFeedbackInput {
  code: string;
  action: FeedbackAction;
  note?: string | null;
  answer?: string | null;
  expectedVersion?: number | null;
  /** FORWARD to another agency (not yet a field of the contract's TransitionFeedbackInput). */
  targetAgencyCode?: string | null;
}

/**
 * transitionFeedback: signed-in callers who may read the feedback; the PAKN state machine
 * decides (roles, agency, status, input, deadlines); the change, its log line and the
 * national-portal message are one statement, in a transaction with the feedback row locked.
 */
export async function transitionFeedback(ctx: CommandContext, input: TransitionFeedbackInput): Promise<FeedbackRow> {
  const viewer = ctx.viewer.requireAuthenticated();
  const actor = actorOf(viewer)!;
  const { now } = ctx;
  const feedback = await ctx.db.transaction(async (db) => {
    const f = await feedbackByCode(db, input.code, { lock: true });
    if (!f) throw notFound(msg(`Không tìm thấy phản ánh, kiến nghị ${input.code}`, `Feedback ${input.code} not found`));
    if (!mayReadFeedback(viewer, f)) throw forbidden(msg('Phản ánh, kiến nghị này thuộc cơ quan khác', 'This feedback belongs to another agency'));
    const o = decideFeedbackTransition(snapshotOfFeedback(f), actor, input, { now, calendar: ctx.calendar });
    if (input.expectedVersion != null && input.expectedVersion !== f.version) {
      throw conflict(
        msg(
          `Phản ánh, kiến nghị vừa được người khác cập nhật: phiên bản hiện tại là ${f.version}, không phải ${input.expectedVersion}`,
          `The feedback changed meanwhile: version is ${f.version}, not ${input.expectedVersion}`,
        ),
        'STALE_VERSION',
      );
    }
    let agencyId = f.agencyId;
    if (o.changesAgency) {
      agencyId = await agencyIdByCode(db, o.agencyCode!);
      if (!agencyId) throw badInput('targetAgencyCode', msg(`Không có cơ quan mã ${o.agencyCode}`, `no agency ${o.agencyCode}`));
    }
    const next: FeedbackRow = {
      ...f,
      status: o.to,
      version: f.version + 1,
      agencyId,
      agencyCode: o.agencyCode,
      dueAt: o.stageDeadline ?? f.dueAt,
      clockStartedAt: o.clockStartedAt,
      pausedWorkingMinutes: o.pausedWorkingMinutes,
      supplementRequests: o.supplementRequests,
      pausedFrom: o.resumeTo,
      pausedAt: o.pausedAt,
      answerDueAt: o.answerDueAt,
      answeredAt: o.answers ? now : f.answeredAt,
      answeredOnTime: o.answers ? o.onTime : f.answeredOnTime,
      answer: o.answers ? o.answer : f.answer,
    };
    const written = await updateFeedback(db, {
      before: f,
      after: next,
      publishes: o.publishes,
      now,
      event: { id: randomUUID(), action: input.action, actor: viewer.subject, actorRole: o.actorRole, note: input.note ?? input.answer ?? null, onTime: o.onTime },
      message: { messageId: randomUUID(), topic: FEEDBACK_FORWARD, payload: { record: nationalFeedbackRecord(next) } },
    });
    if (!written) throw conflict(msg('Phản ánh, kiến nghị vừa được người khác cập nhật', 'The feedback changed meanwhile'), 'STALE_VERSION');
    const after = (await feedbackById(db, f.id))!;
    // The submitter is told of the answer, sector systems of every change: with the change (issue 13).
    await writeFeedbackChangeNotices(db, ctx.services.notifications, { before: f, after, action: input.action, now });
    return after;
  });

  ctx.afterCommit(() => ctx.services.outboxWritten());
  ctx.afterCommit(() => ctx.services.scorecardFeed.markDirty(feedback.agencyCode));
  return feedback;
}
