import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import type { Dossier } from '../entities';
import { DossierType, PaymentType } from '../schema/dossier.types';
import { LetterType } from '../schema/letter.types';
import { StoredFileType } from '../schema/file.types';
import { issueProcessControlLetter } from '../commands/issue-process-control-letter.command';
import { downloadPath, hubUrl } from '../documents/signed-url';
import type { LetterRow } from '../stores/letter.store';
import type { StoredFileRow } from '../stores/file.store';
import type { PaymentRow } from '../stores/payment.store';
import type { PaymentEventPayload } from '../realtime/pubsub';

/** A signed download URL of a file for this request's viewer, or null when they may not read it. */
async function signedUrl(ctx: Context, fileId: string): Promise<string | null> {
  if (!(await ctx.loaders.fileAccess.load(fileId))) return null;
  ctx.audit.read({ kind: 'READ', operation: 'StoredFile.downloadUrl', documentId: fileId });
  const { config, clock } = ctx.services;
  const expiresAt = new Date(clock.now().getTime() + config.FILE_DOWNLOAD_URL_TTL * 1000);
  return hubUrl(config.FILE_PUBLIC_BASE_URL, downloadPath(config.FILE_URL_SECRET, fileId, expiresAt));
}

@Resolver(() => DossierType)
export class DossierLettersResolver {
  @FieldResolver(() => [LetterType], { description: 'Official letters issued on this dossier (forms 01-05, receipts).' })
  letters(@Root() d: Dossier, @Ctx() ctx: Context): Promise<LetterRow[]> {
    ctx.audit.dossierRead('Dossier.letters', d); // personal data: on the audit trail (issue 16)
    return ctx.loaders.lettersByDossier.load(d.id);
  }
}

@Resolver(() => LetterType)
export class LetterResolver {
  @FieldResolver(() => StoredFileType)
  async file(@Root() l: LetterRow, @Ctx() ctx: Context): Promise<StoredFileRow> {
    const f = await ctx.loaders.storedFileById.load(l.fileId);
    if (!f) throw new Error(`letter ${l.number}: its file ${l.fileId} is missing`);
    return f;
  }

  @Mutation(() => LetterType, {
    description:
      'Hub addition: issues the process-control sheet (Mẫu 05, phiếu kiểm soát quá trình giải quyết hồ sơ) of a dossier as its log stands now; for the staff of the dossier’s agency.',
  })
  issueProcessControlLetter(@Arg('code', () => String) code: string, @Ctx() ctx: Context): Promise<LetterRow> {
    return ctx.run(issueProcessControlLetter, { code });
  }
}

@Resolver(() => PaymentType)
export class PaymentReceiptResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The receipt (biên lai, a PAYMENT_RECEIPT letter): a signed download URL for viewers who may read it; a counter payment without one shows the receipt URL recorded with it.',
  })
  async receiptUrl(@Root() p: PaymentRow | PaymentEventPayload, @Ctx() ctx: Context): Promise<string | null> {
    const letter = await ctx.loaders.receiptByPayment.load(p.id);
    if (letter) return signedUrl(ctx, letter.fileId);
    return p.receiptUrl ?? null;
  }
}
