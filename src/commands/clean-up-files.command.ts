import { forbidden, msg } from '../errors';
import { contentInUse, deleteExpiredTickets, deleteUnattachedFiles } from '../stores/file.store';
import type { CommandContext } from './command-context';

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
    for (const sha256 of new Set(gone.filter((g) => !g.stillUsed).map((g) => g.sha256))) {
      if (await contentInUse(ctx.db, sha256)) continue;
      await files.delete(sha256);
      contentsRemoved++;
    }
    if (gone.length < 500) break;
  }
  const tickets = await deleteExpiredTickets(ctx.db, cutoff);
  return { files: removedFiles, contentsRemoved, tickets };
}
