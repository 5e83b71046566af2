import type { EntityManager } from '@mikro-orm/postgresql';
import { run } from '../commands/dossier-sql';

/** The dossier a payment or an evaluation belongs to (node(id) checks access through it). */
export async function dossierIdOf(em: EntityManager, kind: 'payment' | 'evaluation', id: string): Promise<string | null> {
  const sql = kind === 'payment' ? 'select dossier_id from payment where id = ?' : 'select dossier_id from evaluation where id = ?';
  const [row] = await run<{ dossier_id: string }>(em, sql, [id]);
  return row?.dossier_id ?? null;
}
