import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { AgencyType, ProcedureType } from '../schema/catalogue.types';
import { SyncStateType } from '../schema/dossier.types';
import {
  FeedbackConnection,
  FeedbackEventType,
  FeedbackFilterInput,
  FeedbackPayload,
  FeedbackType,
  SubmitFeedbackInput,
  TransitionFeedbackInput,
} from '../schema/feedback.types';
import { toGlobalId } from '../schema/global-id';
import { feedbackByCode, feedbackById, snapshotOfFeedback, submitFeedback, transitionFeedback, viewerActor, type FeedbackRow } from '../commands/feedback.commands';
import { findFeedbacks } from '../queries/feedback.queries';
import { canReadFeedback, feedbackAccess, FEEDBACK_ACTIONS, publicFeedbackLog, type FeedbackAction } from '../domain/feedback-machine';
import { badInput, forbidden } from '../errors';
import { registerNodeType } from './viewer.resolver';

const readable = (ctx: Context, f: FeedbackRow) => canReadFeedback(snapshotOfFeedback(f), viewerActor(ctx.viewer));
/**
 * Reads it only because it is published: the question, the answer and the dates, nothing of the
 * submitter. Decided per feedback in the fields below, so every path to a feedback (feedback,
 * feedbacks, node, payloads) shows the same.
 */
const publicOnly = (ctx: Context, f: FeedbackRow) => feedbackAccess(snapshotOfFeedback(f), viewerActor(ctx.viewer)) === 'PUBLIC';

registerNodeType('Feedback', async (ctx, id) => {
  const f = await feedbackById(ctx.em, id);
  return f && readable(ctx, f) ? f : null;
});

@Resolver(() => FeedbackType)
export class FeedbackResolver {
  @Query(() => FeedbackType, { nullable: true })
  async feedback(@Arg('code', () => String) code: string, @Ctx() ctx: Context): Promise<FeedbackRow | null> {
    const f = await feedbackByCode(ctx.em, code);
    if (!f) return null;
    if (!readable(ctx, f)) {
      if (ctx.viewer.tokenError) ctx.viewer.requireAuthenticated();
      throw forbidden('This feedback is not public');
    }
    return f;
  }

  @Query(() => FeedbackConnection)
  feedbacks(
    @Ctx() ctx: Context,
    @Arg('filter', () => FeedbackFilterInput, { nullable: true }) filter: FeedbackFilterInput | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    if (ctx.viewer.tokenError) ctx.viewer.requireAuthenticated();
    return findFeedbacks(ctx.em, ctx.viewer, filter, { first, after }, ctx.services.config.PAGE_MAX, ctx.services.clock.now());
  }

  @Mutation(() => FeedbackPayload, { description: 'No login needed; a phone number or e-mail is.' })
  async submitFeedback(@Arg('input', () => SubmitFeedbackInput) input: SubmitFeedbackInput, @Ctx() ctx: Context) {
    if (ctx.viewer.tokenError) ctx.viewer.requireAuthenticated();
    const { services } = ctx;
    const feedback = await submitFeedback(ctx.em, ctx.viewer, input, services.clock.now(), services.calendar);
    services.outboxWritten();
    void services.scorecardFeed.markDirty(feedback.agencyCode);
    return { feedback };
  }

  @Mutation(() => FeedbackPayload)
  async transitionFeedback(@Arg('input', () => TransitionFeedbackInput) input: TransitionFeedbackInput, @Ctx() ctx: Context) {
    if (!(FEEDBACK_ACTIONS as readonly string[]).includes(input.action)) throw badInput('action', `${input.action} is recorded by the hub itself, not requested`);
    const { services } = ctx;
    const feedback = await transitionFeedback(ctx.em, ctx.viewer, { ...input, action: input.action as FeedbackAction }, services.clock.now(), services.calendar);
    services.outboxWritten();
    void services.scorecardFeed.markDirty(feedback.agencyCode);
    return { feedback };
  }

  @FieldResolver(() => ID)
  id(@Root() f: FeedbackRow): string {
    return toGlobalId('Feedback', f.id);
  }

  @FieldResolver(() => AgencyType, { nullable: true })
  agency(@Root() f: FeedbackRow, @Ctx() ctx: Context) {
    return f.agencyId ? ctx.loaders.agencyById.load(f.agencyId) : null;
  }

  @FieldResolver(() => ProcedureType, { nullable: true })
  procedure(@Root() f: FeedbackRow, @Ctx() ctx: Context) {
    return f.procedureId ? ctx.loaders.procedureById.load(f.procedureId) : null;
  }

  @FieldResolver(() => [FeedbackEventType])
  async history(@Root() f: FeedbackRow, @Ctx() ctx: Context) {
    const lines = await ctx.loaders.feedbackHistory.load(f.id);
    return publicOnly(ctx, f) ? publicFeedbackLog(lines) : lines;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The dossier the feedback is about; not shown to public readers.' })
  dossierCode(@Root() f: FeedbackRow, @Ctx() ctx: Context): string | null {
    return publicOnly(ctx, f) ? null : (f.dossierCode ?? null);
  }

  @FieldResolver(() => SyncStateType)
  nationalSync(@Root() f: FeedbackRow, @Ctx() ctx: Context) {
    return ctx.loaders.nationalSync.load(f.id);
  }
}
