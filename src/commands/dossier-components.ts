import type { CommandContext } from './command-context';
import { referencedIds, type ComponentInputData, type DocumentFacts, type FileFacts, type StoredComponent } from '../domain/components';
import { storedFilesByIds, type DossierFilePurpose } from '../stores/file.store';
import { citizenDocumentsByIds } from '../stores/citizen-document.store';

/** What submission and transitions share about components: loading what inputs name, linking files. */

/** The files and store documents component inputs (and a result) name, loaded in one round. */
export interface ComponentSources {
  files: Map<string, FileFacts>;
  documents: Map<string, DocumentFacts>;
}

export async function loadComponentSources(ctx: CommandContext, inputs: readonly ComponentInputData[], extraFileIds: readonly string[] = []): Promise<ComponentSources> {
  const { fileIds, documentIds } = referencedIds(inputs);
  const [files, documents] = await Promise.all([storedFilesByIds(ctx.db, [...fileIds, ...extraFileIds]), citizenDocumentsByIds(ctx.db, documentIds)]);
  return {
    files: new Map(files.map((f) => [f.id, f])),
    documents: new Map(documents.map((d) => [d.id, { id: d.id, ownerIdentityNumber: d.ownerIdentityNumber, certified: d.certified, file: d.file }])),
  };
}

/** The stored files of components, to link to their dossier. */
export function componentFiles(components: readonly StoredComponent[]): { fileId: string; purpose: DossierFilePurpose }[] {
  return components.flatMap((c) => (c.fileId ? [{ fileId: c.fileId, purpose: 'COMPONENT' as const }] : []));
}
