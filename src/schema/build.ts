import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import { OperationsResolver } from '../resolvers/operations.resolver';
import { EvaluationResolver, PaymentResolver } from '../resolvers/payment.resolver';
import { FeedbackResolver } from '../resolvers/feedback.resolver';
import { ScorecardResolver } from '../resolvers/scorecard.resolver';
import { FeedbackConnection } from './feedback.types';
import type { GraphQLSchema } from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import type { HubPubSub } from '../pubsub';
import { AgencyResolver, ProcedureResolver } from '../resolvers/catalogue.resolver';
import { ViewerResolver } from '../resolvers/viewer.resolver';
import { DateTimeScalar } from './scalars';
import { connectionResolver } from '../resolvers/connection.resolver';
import { ProcedureConnection } from './catalogue.types';
import { DossierConnection } from './dossier.types';
import { DossierResolver, DossierSubscriptionResolver } from '../resolvers/dossier.resolver';

/** The hub's live schema, built from the type-graphql classes. */
export async function buildHubSchema(pubSub: HubPubSub = createPubSub()): Promise<GraphQLSchema> {
  return buildSchema({
    pubSub,
    resolvers: [ProcedureResolver, AgencyResolver, ViewerResolver, connectionResolver(ProcedureConnection),
      DossierResolver, DossierSubscriptionResolver, connectionResolver(DossierConnection), OperationsResolver,
      PaymentResolver, EvaluationResolver, FeedbackResolver, connectionResolver(FeedbackConnection), ScorecardResolver],
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    emitSchemaFile: false,
  });
}
