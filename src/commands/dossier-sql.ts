import type { EntityManager } from '@mikro-orm/postgresql';
import { Dossier } from '../entities';

/**
 * Raw SQL for the dossier write paths. Submissions and transitions write the dossier, its log
 * line (and, from issue 4, the outbox message) in ONE statement: a data-modifying CTE is a
 * single transaction in PostgreSQL, so the change and its consequences commit together without
 * BEGIN/COMMIT round trips or MikroORM's unit of work. Rows come back as `dossier.*` and are
 * hydrated into a managed Dossier with `em.map` so the resolvers see the usual entity.
 */

/** A dossier row (column names) plus whatever extra columns a statement selected. */
export type DossierRow = Record<string, unknown> & { id: string; version: number };

/**
 * Runs a statement: in autocommit (the statement is the transaction), or inside `trx` (a
 * transaction context from `getConnection().transactional`).
 */
export function run<T = DossierRow>(em: EntityManager, sql: string, params: unknown[], trx?: unknown): Promise<T[]> {
  return em.getConnection().execute<T[]>(sql, params, 'all', trx as never);
}

/** Hydrates a `dossier.*` row into the request's identity map. */
export function toDossier(em: EntityManager, row: DossierRow): Dossier {
  return em.map(Dossier, row);
}

/** JSON parameter for a jsonb column (null stays SQL null). */
export const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/** PostgreSQL's unique_violation, however the driver wrapped it. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string }; name?: string } | null;
  return !!err && (err.code === '23505' || err.cause?.code === '23505' || err.name === 'UniqueConstraintViolationException');
}
