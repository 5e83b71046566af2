import { FieldResolver, Int, Resolver, Root, type ClassType } from 'type-graphql';
import type { Page } from '../queries/pagination';

/**
 * totalCount of any connection type: counted only when the client asks for it. A page that
 * already knows its total (read with the page) gives it as a plain number, without a promise.
 */
export function connectionResolver(connection: ClassType) {
  @Resolver(() => connection)
  class ConnectionResolver {
    @FieldResolver(() => Int)
    totalCount(@Root() page: Page<unknown> & { totalCount?: number }): number | Promise<number> {
      return page.totalCount ?? page.count();
    }
  }
  return ConnectionResolver;
}
