import { FieldResolver, Int, Resolver, Root, type ClassType } from 'type-graphql';
import type { Page } from '../queries/pagination';

/** totalCount of any connection type: counted only when the client asks for it. */
export function connectionResolver(connection: ClassType) {
  @Resolver(() => connection)
  class ConnectionResolver {
    @FieldResolver(() => Int)
    totalCount(@Root() page: Page<unknown>): Promise<number> {
      return page.count();
    }
  }
  return ConnectionResolver;
}
