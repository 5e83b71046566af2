import { Arg, Ctx, FieldResolver, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../context';
import { AgencyType } from '../schema/catalogue.types';
import { DateScalar } from '../schema/scalars';
import { ScorecardType } from '../schema/scorecard.types';
import { checkScorecardWatch, readScorecard, scorecardAgencyId, type ScorecardResult } from '../queries/scorecard';

@Resolver(() => ScorecardType)
export class ScorecardResolver {
  @Query(() => ScorecardType, { description: 'Null agencyCode: the whole province.' })
  scorecard(
    @Ctx() ctx: Context,
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Arg('agencyCode', () => String, { nullable: true }) agencyCode: string | null,
  ): Promise<ScorecardResult> {
    return readScorecard(ctx.db, ctx.viewer, agencyCode ?? null, from, to, ctx.services.clock.now());
  }

  @Subscription(() => ScorecardType, {
    description: "Pushed whenever the agency's figures change, at most once a second per agency.",
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const { agencyCode } = args as { agencyCode?: string | null };
      await checkScorecardWatch(ctx.db, ctx.viewer, agencyCode ?? null);
      return ctx.services.scorecardFeed.subscribe(agencyCode ?? null);
    },
  })
  scorecardUpdated(@Root() card: ScorecardResult, @Arg('agencyCode', () => String, { nullable: true }) _agencyCode: string | null): ScorecardResult {
    return card;
  }

  @FieldResolver(() => AgencyType, { nullable: true })
  async agency(@Root() card: ScorecardResult, @Ctx() ctx: Context) {
    if (!card.agencyCode) return null;
    const id = await scorecardAgencyId(ctx.db, card.agencyCode);
    return id ? ctx.loaders.agencyById.load(id) : null;
  }
}
