import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  buildSchema,
  findBreakingChanges,
  GraphQLObjectType,
  GraphQLSchema,
  type GraphQLFieldConfigMap,
} from 'graphql';
import { buildHubSchema } from '../../src/schema/build';

/** The public contract, kept beside the repository in shared/. */
const CONTRACT_PATH = resolve(__dirname, '../../../shared/contract/schema.graphql');

/**
 * The root fields the hub serves so far. Each issue widens this list; once it names every
 * root field, the check below is findBreakingChanges(contract, live) on the whole contract.
 */
const COVERED: Record<'Query' | 'Mutation' | 'Subscription', string[]> = {
  Query: ['node', 'me', 'agencies', 'procedure', 'procedures', 'estimateDueDate', 'dossier', 'dossiers', 'trackDossier', 'feedbacks', 'feedback', 'scorecard'],
  Mutation: ['upsertProcedure', 'syncCatalogue', 'submitDossier', 'transitionDossier', 'initiatePayment', 'submitFeedback', 'transitionFeedback', 'evaluateDossier'],
  Subscription: ['dossierStatusChanged', 'paymentStatusChanged', 'scorecardUpdated'],
};

function pick(type: GraphQLObjectType | null | undefined, names: string[]): GraphQLObjectType | undefined {
  if (!type || names.length === 0) return undefined;
  const config = type.toConfig();
  const fields: GraphQLFieldConfigMap<unknown, unknown> = {};
  for (const n of names) {
    if (!config.fields[n]) throw new Error(`${type.name}.${n} is not in the contract`);
    fields[n] = config.fields[n];
  }
  return new GraphQLObjectType({ ...config, fields });
}

/** The contract cut down to the covered root fields and every type they reach. */
function coveredContract(contract: GraphQLSchema): GraphQLSchema {
  return new GraphQLSchema({
    query: pick(contract.getQueryType(), COVERED.Query),
    mutation: pick(contract.getMutationType(), COVERED.Mutation),
    subscription: pick(contract.getSubscriptionType(), COVERED.Subscription),
  });
}

describe('public contract (shared/contract/schema.graphql)', () => {
  const contract = buildSchema(readFileSync(CONTRACT_PATH, 'utf8'));

  it('the live schema holds the covered part of the contract with no breaking change', async () => {
    const live = await buildHubSchema();
    const breaking = findBreakingChanges(coveredContract(contract), live);
    expect(breaking.map((b) => `${b.type}: ${b.description}`)).toEqual([]);
  });

  it('the covered part is the whole contract: every root field, and findBreakingChanges(contract, live) is empty', async () => {
    for (const [root, type] of [['Query', contract.getQueryType()], ['Mutation', contract.getMutationType()], ['Subscription', contract.getSubscriptionType()]] as const) {
      expect(Object.keys(type!.getFields()).sort()).toEqual([...COVERED[root]].sort());
    }
    expect(findBreakingChanges(contract, await buildHubSchema()).map((b) => `${b.type}: ${b.description}`)).toEqual([]);
  });

  it('the covered part reaches the catalogue, agency, viewer and dossier types', () => {
    const covered = coveredContract(contract);
    for (const name of [
      'Procedure', 'Agency', 'Sector', 'Fee', 'DossierComponentSpec', 'LegalBasis', 'ProcedureConnection', 'ProcedureInput', 'Viewer', 'Role', 'Node', 'PageInfo',
      'Dossier', 'DossierEvent', 'DossierConnection', 'DossierTracking', 'SubmitDossierInput', 'TransitionDossierInput', 'DossierStatusEvent', 'Payment', 'Evaluation', 'SyncState',
      'Feedback', 'FeedbackConnection', 'SubmitFeedbackInput', 'TransitionFeedbackInput', 'Scorecard', 'Indicator', 'ScorecardGroupScore', 'EvaluateDossierInput', 'InitiatePaymentInput',
    ]) {
      expect(covered.getType(name)).toBeDefined();
    }
  });

  it('would see a breaking change (the check is able to fail)', async () => {
    const live = await buildHubSchema();
    const weakened = buildSchema(
      readFileSync(CONTRACT_PATH, 'utf8').replace('processingWorkingDays: Float!', 'processingWorkingDays: String!'),
    );
    expect(findBreakingChanges(coveredContract(weakened), live).length).toBeGreaterThan(0);
  });
});
