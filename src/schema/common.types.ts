import { Field, ID, InterfaceType, ObjectType } from 'type-graphql';

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
}
