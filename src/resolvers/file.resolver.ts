import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { CreateUploadInput, StoredFileType, UploadTicketType } from '../schema/file.types';
import { toGlobalId } from '../schema/global-id';
import { createUpload } from '../commands/create-upload.command';
import { storedFileForDownload } from '../queries/file.queries';
import { downloadPath, hubUrl } from '../documents/signed-url';
import type { StoredFileRow } from '../stores/file.store';
import { registerNodeType } from './viewer.resolver';

registerNodeType('StoredFile', async (ctx, id) => {
  const file = await storedFileForDownload(ctx.db, id);
  return file && (await ctx.loaders.fileAccess.load(file.id)) ? file : null;
});

@Resolver(() => StoredFileType)
export class FileResolver {
  @Mutation(() => UploadTicketType)
  async createUpload(@Arg('input', () => CreateUploadInput) input: CreateUploadInput, @Ctx() ctx: Context): Promise<UploadTicketType> {
    const t = await ctx.run(createUpload, input);
    return { ...t, fileId: toGlobalId('StoredFile', t.fileId) };
  }

  @FieldResolver(() => ID)
  id(@Root() f: StoredFileRow): string {
    return toGlobalId('StoredFile', f.id);
  }

  @FieldResolver(() => Date)
  uploadedAt(@Root() f: StoredFileRow): Date {
    return f.createdAt;
  }

  @FieldResolver(() => String, { nullable: true })
  async downloadUrl(@Root() f: StoredFileRow, @Ctx() ctx: Context): Promise<string | null> {
    return (await ctx.loaders.fileAccess.load(f.id)) ? signedDownloadUrl(ctx, f.id) : null;
  }
}

/** A short-lived signed URL of a stored file (the caller has decided that the viewer may read it). */
export function signedDownloadUrl(ctx: Context, fileId: string): string {
  ctx.audit.read({ kind: 'READ', operation: 'StoredFile.downloadUrl', documentId: fileId }); // the link to a paper: on the audit trail (issue 16)
  const { config, clock } = ctx.services;
  const expiresAt = new Date(clock.now().getTime() + config.FILE_DOWNLOAD_URL_TTL * 1000);
  return hubUrl(config.FILE_PUBLIC_BASE_URL, downloadPath(config.FILE_URL_SECRET, fileId, expiresAt));
}
