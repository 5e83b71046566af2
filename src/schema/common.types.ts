import { ArgsType, Field, ID, Int, InterfaceType, ObjectType } from 'type-graphql';

/** Relay-style global object identification. `resolveType` reads the `__typename` the node resolver sets. */
@InterfaceType('Node', {
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class NodeInterface {
  @Field(() => ID)
  id!: string;
}

@ObjectType('PageInfo')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field(() => Boolean, { description: 'Backward (last): more edges exist before this page. Forward (first): the page was read after a cursor (after).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;
}

/**
 * The arguments of every connection field (Relay): first/after page forward, last/before
 * backward, in the connection's one order; first and last together are refused. With neither
 * first nor last, a page holds 20 edges.
 */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, forward (default 20 when last is not given; at most PAGE_MAX).' })
  first?: number | null;
  @Field(() => String, { nullable: true })
  after?: string | null;
  @Field(() => Int, { nullable: true, description: 'Page size, backward: the last edges before `before` (or of the whole list).' })
  last?: number | null;
  @Field(() => String, { nullable: true })
  before?: string | null;
}
