import { Arg, Ctx, FieldResolver, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../context';
import { AgencyType } from '../schema/catalogue.types';
import { DateScalar } from '../schema/scalars';
import { ScorecardType } from '../schema/scorecard.types';
import { scorecard, type ScorecardResult } from '../queries/scorecard';
import { run } from '../commands/dossier-sql';
import { badInput, forbidden } from '../errors';
import type { Viewer } from '../auth/viewer';

/** Scorecards are for the province's staff and its observers, not anonymous callers. */
function requireScorecardReader(v: Viewer): void {
  v.requireAuthenticated();
  if (!v.isStaff() && !v.hasRole('ADMIN', 'OBSERVER')) throw forbidden('Scorecards are for agency staff, ADMIN and OBSERVER');
}

@Resolver(() => ScorecardType)
export class ScorecardResolver {
  @Query(() => ScorecardType, { description: 'Null agencyCode: the whole province.' })
  scorecard(
    @Ctx() ctx: Context,
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Arg('agencyCode', () => String, { nullable: true }) agencyCode: string | null,
  ): Promise<ScorecardResult> {
    requireScorecardReader(ctx.viewer);
    return scorecard(ctx.em, agencyCode ?? null, from, to, ctx.services.clock.now());
  }

  @Subscription(() => ScorecardType, {
    description: "Pushed whenever the agency's figures change, at most once a second per agency.",
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      requireScorecardReader(ctx.viewer);
      const { agencyCode } = args as { agencyCode?: string | null };
      if (agencyCode) {
        const [a] = await run<{ id: string }>(ctx.em, 'select id from agency where code = ?', [agencyCode]);
        if (!a) throw badInput('agencyCode', `no agency ${agencyCode}`);
      }
      return ctx.services.scorecardFeed.subscribe(agencyCode ?? null);
    },
  })
  scorecardUpdated(@Root() card: ScorecardResult, @Arg('agencyCode', () => String, { nullable: true }) _agencyCode: string | null): ScorecardResult {
    return card;
  }

  @FieldResolver(() => AgencyType, { nullable: true })
  async agency(@Root() card: ScorecardResult, @Ctx() ctx: Context) {
    if (!card.agencyCode) return null;
    const [a] = await run<{ id: string }>(ctx.em, 'select id from agency where code = ?', [card.agencyCode]);
    return a ? ctx.loaders.agencyById.load(a.id) : null;
  }
}
