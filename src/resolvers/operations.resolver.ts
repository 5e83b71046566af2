import { Arg, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { outboxCounts, requeueDead } from '../stores/outbox.store';

@ObjectType('OutboxStatus', { description: 'Messages for the national portal, by state (operators).' })
export class OutboxStatusType {
  @Field(() => Int) pending!: number;
  @Field(() => Int, { description: 'Dead letters: given up after OUTBOX_MAX_ATTEMPTS failures or refused by the portal; requeueDeadLetters sends them again.' })
  dead!: number;
  @Field(() => Int) sent!: number;
}

/** Operator fields beyond the public contract (additions only; ADMIN). */
@Resolver()
export class OperationsResolver {
  @Query(() => OutboxStatusType)
  async outboxStatus(@Ctx() ctx: Context): Promise<OutboxStatusType> {
    ctx.viewer.requireRole('ADMIN', 'OBSERVER');
    return outboxCounts(ctx.em);
  }

  @Mutation(() => Int, { description: 'Puts dead-lettered outbox messages back in the queue (all, or one dossier’s or feedback’s); returns how many.' })
  async requeueDeadLetters(@Ctx() ctx: Context, @Arg('code', () => String, { nullable: true }) code: string | null): Promise<number> {
    ctx.viewer.requireRole('ADMIN');
    const n = await requeueDead(ctx.em, code);
    if (n) ctx.services.outboxWritten();
    ctx.services.log.info({ code, requeued: n, by: ctx.viewer.subject }, 'dead letters re-queued');
    return n;
  }
}


