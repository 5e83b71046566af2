import type { Db } from '../db/sql';
import type { AgencyRow } from '../stores/catalogue.store';
import { agenciesByIds, agencyRowsByCodes, agenciesByProcedureIds, proceduresByIds, sectorsByIds } from '../stores/catalogue.store';
import { byIdLoader, byKeyLoader } from './relation-loader';

/** All DataLoaders of one request (cheap to create; each batches and caches for that request only). */
export function createLoaders(db: Db) {
  return {
    agencyById: byIdLoader((ids) => agenciesByIds(db, ids)),
    agencyByCode: byKeyLoader((codes) => agencyRowsByCodes(db, codes), (r) => r.code, (r): AgencyRow | null => r, null),
    sectorById: byIdLoader((ids) => sectorsByIds(db, ids)),
    procedureById: byIdLoader((ids) => proceduresByIds(db, ids)),
    agenciesByProcedure: byKeyLoader((ids) => agenciesByProcedureIds(db, ids), (r) => r.procedureId, (r) => r.agencies, []),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
