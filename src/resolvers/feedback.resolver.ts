import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs } from '../schema/common.types';
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
import type { FeedbackRow } from '../stores/feedback.store';
import { feedbackNode, feedbackOfCode, findFeedbacks } from '../queries/feedback.queries';
import { submitFeedback } from '../commands/submit-feedback.command';
import { transitionFeedback } from '../commands/transition-feedback.command';
import { readsFeedbackAsPublic } from '../auth/access';
import { FEEDBACK_ACTIONS, publicFeedbackLog, type FeedbackAction } from '../domain/feedback-machine';
import { badInput, msg } from '../errors';
import { registerNodeType } from './viewer.resolver';

registerNodeType('Feedback', (ctx, id) => feedbackNode(ctx.db, ctx.viewer, id));

@Resolver(() => FeedbackType)
export class FeedbackResolver {
  @Query(() => FeedbackType, { nullable: true })
  feedback(@Arg('code', () => String) code: string, @Ctx() ctx: Context): Promise<FeedbackRow | null> {
    return feedbackOfCode(ctx.db, ctx.viewer, code);
  }

  @Query(() => FeedbackConnection)
  feedbacks(
    @Ctx() ctx: Context,
    @Arg('filter', () => FeedbackFilterInput, { nullable: true }) filter: FeedbackFilterInput | null,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
  ) {
    return findFeedbacks(ctx.db, ctx.viewer, filter, page, ctx.services.config.PAGE_MAX, ctx.services.clock.now());
  }

  @Mutation(() => FeedbackPayload, { description: 'No login needed; a phone number or e-mail is.' })
  async submitFeedback(@Arg('input', () => SubmitFeedbackInput) input: SubmitFeedbackInput, @Ctx() ctx: Context) {
    return { feedback: await ctx.run(submitFeedback, input) };
  }

  @Mutation(() => FeedbackPayload)
  async transitionFeedback(@Arg('input', () => TransitionFeedbackInput) input: TransitionFeedbackInput, @Ctx() ctx: Context) {
    // The GraphQL enum also holds the log-only SUBMIT: an argument the command does not take.
    if (!(FEEDBACK_ACTIONS as readonly string[]).includes(input.action)) throw badInput('action', msg(`Thao tác ${input.action} do hệ thống tự ghi nhận, không gửi yêu cầu được`, `${input.action} is recorded by the hub itself, not requested`));
    return { feedback: await ctx.run(transitionFeedback, { ...input, action: input.action as FeedbackAction }) };
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
    return readsFeedbackAsPublic(ctx.viewer, f) ? publicFeedbackLog(lines) : lines;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The dossier the feedback is about; not shown to public readers.' })
  dossierCode(@Root() f: FeedbackRow, @Ctx() ctx: Context): string | null {
    return readsFeedbackAsPublic(ctx.viewer, f) ? null : (f.dossierCode ?? null);
  }

  @FieldResolver(() => SyncStateType)
  nationalSync(@Root() f: FeedbackRow, @Ctx() ctx: Context) {
    return ctx.loaders.nationalSync.load(f.id);
  }
}
