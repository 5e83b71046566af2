import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { CitizenDocumentConnection, CitizenDocumentType, SaveCitizenDocumentInput } from '../schema/document.types';
import { DossierResultType, SubmittedComponentType } from '../schema/dossier.types';
import { StoredFileType } from '../schema/file.types';
import { toGlobalId } from '../schema/global-id';
import { decodeNodeId } from '../schema/global-id';
import { myDocuments } from '../queries/document.queries';
import { saveCitizenDocument } from '../commands/save-citizen-document.command';
import { citizenDocumentsByIds, type CitizenDocumentRow } from '../stores/citizen-document.store';
import type { StoredFileRow } from '../stores/file.store';
import { normalizeStored, type StoredComponent } from '../domain/components';
import type { DossierResultData } from '../domain/dossier';
import { signedDownloadUrl } from './file.resolver';
import { registerNodeType } from './viewer.resolver';

// A store document is read by whoever may read its file: the owner, and staff of an agency
// whose dossier uses it (src/auth/access.ts fileAccess).
registerNodeType('CitizenDocument', async (ctx, id) => {
  const [doc] = await citizenDocumentsByIds(ctx.db, [id]);
  return doc && (await ctx.loaders.fileAccess.load(doc.file.id)) ? doc : null;
});

@Resolver(() => CitizenDocumentType)
export class CitizenDocumentResolver {
  @Query(() => CitizenDocumentConnection, { description: "The signed-in citizen's store." })
  async myDocuments(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    const page = await myDocuments(ctx.db, ctx.viewer, { first, after });
    ctx.audit.read({ kind: 'READ', operation: 'Query.myDocuments', target: ctx.viewer.identityNumber }); // on the audit trail (issue 16)
    return page;
  }

  @Mutation(() => CitizenDocumentType)
  saveCitizenDocument(@Arg('input', () => SaveCitizenDocumentInput) input: SaveCitizenDocumentInput, @Ctx() ctx: Context): Promise<CitizenDocumentRow> {
    return ctx.run(saveCitizenDocument, {
      ...input,
      fileId: decodeNodeId(input.fileId, 'StoredFile', 'input.fileId'),
      kind: input.kind ?? 'SUBMITTED_PAPER',
    });
  }

  @FieldResolver(() => ID)
  id(@Root() d: CitizenDocumentRow): string {
    return toGlobalId('CitizenDocument', d.id);
  }
}

/** Components as stored; those from before versions read as version 1 with no file. */
@Resolver(() => SubmittedComponentType)
export class SubmittedComponentResolver {
  @FieldResolver(() => String)
  url(@Root() c: StoredComponent, @Ctx() ctx: Context): string {
    // Whoever sees the dossier may read its files (fileAccess), so the URL is signed here.
    return c.fileId ? signedDownloadUrl(ctx, c.fileId) : (c.url ?? '');
  }

  @FieldResolver(() => Int)
  version(@Root() c: StoredComponent): number {
    return normalizeStored(c).version;
  }

  @FieldResolver(() => StoredFileType, { nullable: true })
  file(@Root() c: StoredComponent, @Ctx() ctx: Context): Promise<StoredFileRow | null> | null {
    return c.fileId ? ctx.loaders.storedFileById.load(c.fileId) : null;
  }

  @FieldResolver(() => CitizenDocumentType, { nullable: true })
  reusedFrom(@Root() c: StoredComponent, @Ctx() ctx: Context): Promise<CitizenDocumentRow | null> | null {
    return c.reusedFrom ? ctx.loaders.citizenDocumentById.load(c.reusedFrom) : null;
  }
}

@Resolver(() => DossierResultType)
export class DossierResultResolver {
  @FieldResolver(() => String)
  fileUrl(@Root() r: DossierResultData, @Ctx() ctx: Context): string {
    return r.fileId ? signedDownloadUrl(ctx, r.fileId) : r.fileUrl;
  }

  @FieldResolver(() => StoredFileType, { nullable: true })
  file(@Root() r: DossierResultData, @Ctx() ctx: Context): Promise<StoredFileRow | null> | null {
    return r.fileId ? ctx.loaders.storedFileById.load(r.fileId) : null;
  }
}
