import type { EntityManager } from '@mikro-orm/postgresql';
import {
  agenciesByIds,
  agenciesByProcedureIds,
  proceduresByIds,
  sectorsByIds,
} from '../queries/catalogue.queries';
import { byIdLoader, byKeyLoader } from './relation-loader';

/** All DataLoaders of one request (cheap to create; each batches and caches for that request only). */
export function createLoaders(em: EntityManager) {
  return {
    agencyById: byIdLoader((ids) => agenciesByIds(em, ids)),
    sectorById: byIdLoader((ids) => sectorsByIds(em, ids)),
    procedureById: byIdLoader((ids) => proceduresByIds(em, ids)),
    agenciesByProcedure: byKeyLoader((ids) => agenciesByProcedureIds(em, ids), (r) => r.procedureId, (r) => r.agencies, []),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
