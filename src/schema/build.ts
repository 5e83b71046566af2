import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { AgencyResolver, ProcedureResolver } from '../resolvers/catalogue.resolver';
import { ViewerResolver } from '../resolvers/viewer.resolver';
import { DateTimeScalar } from './scalars';
import { connectionResolver } from '../resolvers/connection.resolver';
import { ProcedureConnection } from './catalogue.types';

/** The hub's live schema, built from the type-graphql classes. */
export async function buildHubSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [ProcedureResolver, AgencyResolver, ViewerResolver, connectionResolver(ProcedureConnection)],
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    emitSchemaFile: false,
  });
}
