import { Arg, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { outboxStatus } from '../queries/outbox.queries';
import { requeueDeadLetters } from '../commands/requeue-dead-letters.command';

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
  outboxStatus(@Ctx() ctx: Context): Promise<OutboxStatusType> {
    return outboxStatus(ctx.db, ctx.viewer);
  }

  @Mutation(() => Int, { description: 'Puts dead-lettered outbox messages back in the queue (all, or one dossier’s or feedback’s); returns how many.' })
  requeueDeadLetters(@Ctx() ctx: Context, @Arg('code', () => String, { nullable: true }) code: string | null): Promise<number> {
    return ctx.run(requeueDeadLetters, { code: code ?? null });
  }
}


