import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DossierEvent } from '../entities';
import { eventsByDossierIds } from '../queries/dossier.queries';

/** Per-request loaders of the dossier side. */
export function createDossierLoaders(em: EntityManager) {
  return {
    /** A dossier's processing log, for many dossiers in one query. */
    historyByDossier: new DataLoader<string, DossierEvent[]>(async (ids) => {
      const groups = new Map<string, DossierEvent[]>(ids.map((id) => [id, []]));
      for (const e of await eventsByDossierIds(em, ids)) groups.get(e.dossier.id)?.push(e);
      return ids.map((id) => groups.get(id)!);
    }),
  };
}
