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

/** The repository's copy of the public contract (copied in from shared/contract/ when it changes). */
const CONTRACT_PATH = resolve(__dirname, '../../contract/schema.graphql');

/**
 * The root fields the hub serves so far. Each issue widens this list; once it names every
 * root field, the check below is findBreakingChanges(contract, live) on the whole contract.
 */
const COVERED: Record<'Query' | 'Mutation' | 'Subscription', string[]> = {
  Query: ['node', 'me', 'agencies', 'procedure', 'procedures', 'estimateDueDate', 'dossier', 'dossiers', 'trackDossier', 'feedbacks', 'feedback', 'scorecard', 'myDocuments', 'webhooks', 'processingStatistics', 'reports'],
  Mutation: ['upsertProcedure', 'syncCatalogue', 'submitDossier', 'transitionDossier', 'initiatePayment', 'submitFeedback', 'transitionFeedback', 'evaluateDossier', 'createUpload', 'saveCitizenDocument', 'createWebhook', 'deleteWebhook', 'redeliverWebhook', 'generateReport'],
  Subscription: ['dossierStatusChanged', 'paymentStatusChanged', 'scorecardUpdated', 'processingStatisticsUpdated'],
};

/**
 * Contract v2 parts the hub does not serve yet, each owned by the open issue that builds it.
 * The tests below require the hub's gaps to be exactly these: a new breaking change fails, and
 * so does a gap that was closed but is still listed here (remove it when its issue lands).
 */
const NOT_YET: Record<string, { types: string[]; rootFields: string[]; breaking: string[] }> = {
};
const notYet = (k: 'types' | 'rootFields' | 'breaking') => Object.values(NOT_YET).flatMap((g) => g[k]).sort();

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

describe('public contract (contract/schema.graphql)', () => {
  const contract = buildSchema(readFileSync(CONTRACT_PATH, 'utf8'));

  it('the live schema holds the covered part of the contract with no breaking change', async () => {
    const live = await buildHubSchema();
    const breaking = findBreakingChanges(coveredContract(contract), live).map((b) => `${b.type}: ${b.description}`);
    // Only the v2 parts that open issues build are missing; nothing the hub already covers broke.
    const covered = coveredContract(contract);
    const reachableTypes = notYet('types').filter((t) => covered.getType(t)).map((t) => `TYPE_REMOVED: ${t} was removed.`);
    expect(breaking.sort()).toEqual([...notYet('breaking'), ...reachableTypes].sort());
  });

  it('every root field of the contract is covered or owned by an open issue, and the whole contract differs only by those issues', async () => {
    const uncovered: string[] = [];
    for (const [root, type] of [['Query', contract.getQueryType()], ['Mutation', contract.getMutationType()], ['Subscription', contract.getSubscriptionType()]] as const) {
      const names = Object.keys(type!.getFields());
      expect(COVERED[root].filter((n) => !names.includes(n))).toEqual([]);
      uncovered.push(...names.filter((n) => !COVERED[root].includes(n)).map((n) => `${root}.${n}`));
    }
    expect(uncovered.sort()).toEqual(notYet('rootFields'));
    const live = await buildHubSchema();
    const missingRoots = notYet('rootFields').map((f) => `FIELD_REMOVED: ${f} was removed.`);
    const breaking = findBreakingChanges(contract, live).map((b) => `${b.type}: ${b.description}`);
    const missingTypes = notYet('types').map((t) => `TYPE_REMOVED: ${t} was removed.`);
    expect(breaking.sort()).toEqual([...notYet('breaking'), ...missingTypes, ...missingRoots].sort());
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
