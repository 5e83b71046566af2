import type { EntityManager } from '@mikro-orm/postgresql';
import { Agency, Procedure, ProcedureComponent, ProcedureFee, Sector } from '../entities';
import { byIdLoader, collectionLoader } from './relation-loader';

/** All DataLoaders of one request (cheap to create; each batches and caches for that request only). */
export function createLoaders(em: EntityManager) {
  return {
    agencyById: byIdLoader(em, Agency),
    sectorById: byIdLoader(em, Sector),
    procedureById: byIdLoader(em, Procedure),
    procedureAgencies: collectionLoader<Procedure, Agency>(em, 'agencies', (p) => p.agencies),
    procedureFees: collectionLoader<Procedure, ProcedureFee>(em, 'fees', (p) => p.fees),
    procedureComponents: collectionLoader<Procedure, ProcedureComponent>(em, 'components', (p) => p.components),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
