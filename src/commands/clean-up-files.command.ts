import { forbidden, msg } from '../errors';
import { contentInUse, deleteExpiredTickets, deleteUnattachedFiles, heldContents } from '../stores/file.store';
import type { CommandContext } from './command-context';

/**
 * Bytes stored this recently are left alone: longer than any upload takes from storing its bytes
 * to committing its row, so a removal never races an upload of the same content.
 */
const SETTLE_MS = 10 * 60_000;

/**
 * Removes uploads never attached to a dossier or the citizen's store within FILE_UNATTACHED_TTL
 * (24 h): their rows, and their bytes when no other row holds the same content; and forgets
 * tickets expired for as long. Rows go first, bytes after (a crash in between leaves bytes that
 * no row names, never a row without bytes); the content is checked again just before its bytes go.
 */
export async function cleanUpFiles(ctx: CommandContext, _input: Record<string, never> = {}): Promise<{ files: number; contentsRemoved: number; tickets: number }> {
  if (!ctx.viewer.isSystem) throw forbidden(msg('Việc dọn tệp do hệ thống tự chạy', 'File clean-up is run by the hub itself'));
  const { config, files } = ctx.services;
  const cutoff = new Date(ctx.now.getTime() - config.FILE_UNATTACHED_TTL * 1000);
  let removedFiles = 0;
  let contentsRemoved = 0;
  for (;;) {
    const gone = await deleteUnattachedFiles(ctx.db, cutoff, 500);
    removedFiles += gone.length;
    const settled = new Date(ctx.now.getTime() - SETTLE_MS);
    for (const sha256 of new Set(gone.filter((g) => !g.stillUsed).map((g) => g.sha256))) {
      if (await files.deleteIfUnused(sha256, settled, () => contentInUse(ctx.db, sha256))) contentsRemoved++;
    }
    if (gone.length < 500) break;
  }
  const tickets = await deleteExpiredTickets(ctx.db, cutoff);
  return { files: removedFiles, contentsRemoved, tickets };
}

/**
 * The disk's own sweep (daily): contents no stored_file row holds, stored more than
 * FILE_UNATTACHED_TTL ago (bytes kept by a process that died before committing the row, or
 * left when a clean-up was interrupted between rows and bytes), and what a crash left in the
 * store (uploads in progress, half-stored copies, contents set aside). Each content is asked
 * about again right before its bytes go (FileStore.deleteIfUnused).
 */
export async function sweepFileStore(ctx: CommandContext, _input: Record<string, never> = {}): Promise<{ scanned: number; contentsRemoved: number; leftovers: number }> {
  if (!ctx.viewer.isSystem) throw forbidden(msg('Việc dọn kho tệp do hệ thống tự chạy', 'The file store sweep is run by the hub itself'));
  const { config, files } = ctx.services;
  const cutoff = new Date(ctx.now.getTime() - config.FILE_UNATTACHED_TTL * 1000);
  let scanned = 0;
  let contentsRemoved = 0;
  for await (const batch of files.contents()) {
    scanned += batch.length;
    const old = batch.filter((c) => c.storedAt < cutoff).map((c) => c.sha256);
    if (!old.length) continue;
    const held = await heldContents(ctx.db, old);
    for (const sha256 of old.filter((x) => !held.has(x))) {
      if (await files.deleteIfUnused(sha256, cutoff, () => contentInUse(ctx.db, sha256))) contentsRemoved++;
    }
  }
  const leftovers = await files.removeLeftovers(cutoff, (sha256) => contentInUse(ctx.db, sha256));
  return { scanned, contentsRemoved, leftovers };
}
