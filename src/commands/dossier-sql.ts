import type { EntityManager } from '@mikro-orm/postgresql';
import { Db } from '../db/sql';

/**
 * @deprecated A bridge for the code that still writes positional `?` SQL outside src/stores/
 * (payments, evaluations, feedback, scorecard, the payment-reconcile job). The dossier's own
 * statements live in src/stores/dossier.store.ts. Delete this file once nothing imports it.
 */

export { isUniqueViolation } from '../db/sql';

/** @deprecated write the statement in a store with `sql` (src/db/sql.ts). */
export function run<T = Record<string, any>>(em: EntityManager, text: string, params: unknown[], trx?: unknown): Promise<T[]> {
  return new Db(em, trx).legacyRun(text, params) as Promise<T[]>;
}

/** @deprecated use `sql.json(v)`. JSON parameter for a jsonb column (null stays SQL null). */
export const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
