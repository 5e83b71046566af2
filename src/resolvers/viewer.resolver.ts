import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { ViewerType } from '../schema/viewer.types';
import { NodeInterface } from '../schema/common.types';
import { fromGlobalId } from '../schema/global-id';

/** Loads a node by global id, or null when it does not exist or the viewer may not see it. */
type NodeFetcher = (ctx: Context, id: string) => Promise<object | null>;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const nodeFetchers: Record<string, NodeFetcher> = {
  Agency: (ctx, id) => ctx.loaders.agencyById.load(id),
  Procedure: (ctx, id) => ctx.loaders.procedureById.load(id),
};

/** Lets later modules make their types reachable through node(id) (each checks access itself). */
export function registerNodeType(typename: string, fetch: NodeFetcher): void {
  nodeFetchers[typename] = fetch;
}

/** The types node(id) resolves (a test checks that every Node type of the schema is one). */
export const nodeTypeNames = (): string[] => Object.keys(nodeFetchers);

@Resolver()
export class ViewerResolver {
  @Query(() => ViewerType, { nullable: true })
  me(@Ctx() ctx: Context): ViewerType | null {
    const v = ctx.viewer;
    if (!v.authenticated) {
      if (v.tokenError) v.requireAuthenticated(); // a bad token is an error, not "anonymous"
      return null;
    }
    return { subject: v.subject!, roles: [...v.roles], agencyCodes: [...v.agencyCodes], identityNumber: v.identityNumber };
  }

  @Query(() => NodeInterface, { nullable: true })
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<object | null> {
    const parsed = fromGlobalId(id);
    if (!parsed || !UUID_RE.test(parsed.id)) return null;
    const fetch = nodeFetchers[parsed.type];
    if (!fetch) return null;
    const found = await fetch(ctx, parsed.id);
    return found ? Object.assign(found, { __typename: parsed.type }) : null;
  }
}
