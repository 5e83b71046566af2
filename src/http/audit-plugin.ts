import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, valueFromASTUntyped, type FieldNode, type OperationDefinitionNode } from 'graphql';
import type { Context } from '../context';
import { actorOf, type AuditTrail } from '../auth/audit-trail';
import { recordOf } from './request-log';

const DOSSIER_CODE_FIELDS = new Set(['transitionDossier', 'issueProcessControlLetter', 'dossier', 'requeueDeadLetters']);

/** The dossier or feedback an operation names in its arguments (code, dossierCode, input.code …). */
export function targetOf(field: FieldNode, variables: Record<string, unknown> | undefined): { dossierCode: string | null; target: string | null } {
  let dossierCode: string | null = null;
  let target: string | null = null;
  for (const arg of field.arguments ?? []) {
    const value = valueFromASTUntyped(arg.value, variables) as unknown;
    const look = (v: unknown, name: string) => {
      if (typeof v !== 'string' || v.length > 200) return;
      if (name === 'dossierCode') dossierCode ??= v;
      else if (name === 'code' || name === 'subject' || name === 'clientId' || name === 'id') target ??= v;
    };
    look(value, arg.name.value);
    if (value && typeof value === 'object') for (const [k, v] of Object.entries(value as Record<string, unknown>)) look(v, k);
  }
  // These name their dossier by `code`.
  if (!dossierCode && target && DOSSIER_CODE_FIELDS.has(field.name.value)) dossierCode = target;
  return { dossierCode, target };
}

type ErrorLike = { path?: readonly (string | number)[]; extensions?: Record<string, unknown> };

/**
 * Hands one operation's audit entries to the trail: one per root field of a mutation (its
 * outcome: OK or the error code), one per refused root query field, and the operation's reads
 * of personal data (ctx.audit). Nothing here waits for the database.
 */
export function recordOperation(
  trail: AuditTrail,
  ctx: Context,
  op: OperationDefinitionNode | null | undefined,
  variables: Record<string, unknown> | undefined,
  data: Record<string, unknown> | null | undefined,
  errors: readonly ErrorLike[],
  where: { ip: string | null; requestId: string | null },
): void {
  const reads = ctx.audit?.reads;
  if (!op && !reads?.size) return;
  const who = { ...actorOf(ctx.viewer), ...where, at: new Date() };
  const errorOf = (key: string) => errors.find((e) => e.path?.[0] === key);
  if (op && op.operation !== 'subscription') {
    for (const sel of op.selectionSet.selections) {
      if (sel.kind !== Kind.FIELD || sel.name.value.startsWith('__')) continue;
      const key = sel.alias?.value ?? sel.name.value;
      const error = errorOf(key);
      const code = error ? String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') : 'OK';
      const mutation = op.operation === 'mutation';
      // Queries: only the refused ones here (the reads themselves are recorded by their fields).
      if (!mutation && code !== 'FORBIDDEN' && code !== 'UNAUTHENTICATED') continue;
      let { dossierCode, target } = targetOf(sel, variables);
      // submitDossier: the code is known once made (when the answer selects it).
      const answered = data?.[key] as { dossier?: { code?: unknown } } | null | undefined;
      if (!dossierCode && typeof answered?.dossier?.code === 'string') dossierCode = answered.dossier.code;
      trail.record({ ...who, kind: mutation ? 'MUTATION' : 'READ', operation: `${mutation ? 'Mutation' : 'Query'}.${sel.name.value}`, dossierId: null, dossierCode, documentId: null, target: target === dossierCode ? null : target, outcome: code });
    }
  }
  for (const r of reads?.values() ?? []) {
    trail.record({ ...who, kind: r.kind, operation: r.operation, dossierId: r.dossierId ?? null, dossierCode: r.dossierCode ?? null, documentId: r.documentId ?? null, target: r.target ?? null, outcome: 'OK' });
  }
  reads?.clear();
}

/** recordOperation for every HTTP GraphQL request, when its answer is sent. */
export function auditPlugin(trail: AuditTrail): ApolloServerPlugin<Context> {
  const listener = {
    async willSendResponse(rc: {
      contextValue: Context;
      operation?: OperationDefinitionNode | null;
      request: { variables?: Record<string, unknown> };
      response: { body: { kind: string; singleResult?: { data?: Record<string, unknown> | null; errors?: readonly ErrorLike[] } } };
    }) {
      const record = recordOf(rc.contextValue);
      const single = rc.response.body.kind === 'single' ? rc.response.body.singleResult : undefined;
      recordOperation(trail, rc.contextValue, rc.operation, rc.request.variables, single?.data, single?.errors ?? [], { ip: record?.ip ?? null, requestId: record?.id ?? null });
    },
  };
  return { requestDidStart: async () => listener as never };
}
