import { Agency } from './agency.entity';
import { Sector } from './sector.entity';
import { Procedure } from './procedure.entity';
import { Dossier, DossierEvent } from './dossier.entity';

export { Agency, Sector, Procedure, Dossier, DossierEvent };

/** Every entity the ORM knows; keep in step with migrations/. */
export const ENTITIES = [Agency, Sector, Procedure, Dossier, DossierEvent];
