import { CitizenDocumentResolver, DossierResultResolver, SubmittedComponentResolver } from '../resolvers/document.resolver';
import { CitizenDocumentConnection } from './document.types';
import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import { OperationsResolver } from '../resolvers/operations.resolver';
import { EvaluationResolver, PaymentResolver } from '../resolvers/payment.resolver';
import { FeedbackResolver } from '../resolvers/feedback.resolver';
import { ScorecardResolver } from '../resolvers/scorecard.resolver';
import { FeedbackConnection } from './feedback.types';
import type { GraphQLSchema } from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import type { HubPubSub } from '../realtime/pubsub';
import { AgencyResolver, ProcedureResolver } from '../resolvers/catalogue.resolver';
import { ViewerResolver } from '../resolvers/viewer.resolver';
import { DateTimeScalar } from './scalars';
import { connectionResolver } from '../resolvers/connection.resolver';
import { ProcedureConnection } from './catalogue.types';
import { DossierConnection } from './dossier.types';
import { DossierResolver, DossierSubscriptionResolver } from '../resolvers/dossier.resolver';
import { guardArguments } from './input-guard';
import { FileResolver } from '../resolvers/file.resolver';
import { DossierLettersResolver, LetterResolver, PaymentReceiptResolver } from '../resolvers/letter.resolver';
import { DossierNotificationsResolver, WebhookResolver } from '../resolvers/notify.resolver';
import { DossierWorkflowResolver, ProcedureWorkflowResolver } from '../resolvers/workflow.resolver';
import { ReportResolver, StatisticsResolver } from '../resolvers/statistics.resolver';
import type { InputRuleOptions } from '../domain/input-rules';
import { AuditResolver, DossierAccessLogResolver, ServiceAccountResolver, StaffDirectoryResolver } from '../resolvers/account.resolver';

/**
 * http: URLs are accepted in input only when NODE_ENV is development or test (unset counts as
 * development, as in src/config.ts).
 */
export function inputRuleOptions(nodeEnv: string | undefined = process.env.NODE_ENV): InputRuleOptions {
  const env = nodeEnv ?? 'development';
  return { allowHttp: env === 'development' || env === 'test' };
}

/**
 * The hub's live schema, built from the type-graphql classes, with every argument checked
 * against the input rules before its resolver runs (src/schema/input-guard.ts).
 */
export async function buildHubSchema(pubSub: HubPubSub = createPubSub(), rules: InputRuleOptions = inputRuleOptions()): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    pubSub,
    resolvers: [ProcedureResolver, AgencyResolver, ViewerResolver, connectionResolver(ProcedureConnection),
      DossierResolver, DossierSubscriptionResolver, connectionResolver(DossierConnection), OperationsResolver,
      PaymentResolver, EvaluationResolver, FeedbackResolver, connectionResolver(FeedbackConnection), ScorecardResolver,
      FileResolver, CitizenDocumentResolver, connectionResolver(CitizenDocumentConnection), SubmittedComponentResolver, DossierResultResolver,
      DossierLettersResolver, LetterResolver, PaymentReceiptResolver, DossierNotificationsResolver, WebhookResolver,
      DossierWorkflowResolver, ProcedureWorkflowResolver, StaffDirectoryResolver, ServiceAccountResolver, AuditResolver, DossierAccessLogResolver,
      StatisticsResolver, ReportResolver],
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    emitSchemaFile: false,
  });
  return guardArguments(schema, rules);
}
