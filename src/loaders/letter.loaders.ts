import DataLoader from 'dataloader';
import type { Db } from '../db/sql';
import { lettersOfDossiers, receiptsOfPayments, type LetterRow } from '../stores/letter.store';
import { storedFilesByIds, type StoredFileRow } from '../stores/file.store';

/** Per-request loaders of the letters: one query per batch, never one per dossier of a list. */
export function createLetterLoaders(db: Db) {
  return {
    /** A dossier's letters, oldest first (Dossier.letters). */
    lettersByDossier: new DataLoader<string, LetterRow[]>(async (ids) => {
      const groups = new Map<string, LetterRow[]>(ids.map((id) => [id, []]));
      for (const l of await lettersOfDossiers(db, ids)) groups.get(l.dossierId)?.push(l);
      return ids.map((id) => groups.get(id)!);
    }),
    /** A payment's receipt letter, or null while it is not issued (Payment.receiptUrl). */
    receiptByPayment: new DataLoader<string, LetterRow | null>(async (ids) => {
      const byPayment = new Map<string, LetterRow>();
      for (const l of await receiptsOfPayments(db, ids)) if (l.paymentId && !byPayment.has(l.paymentId)) byPayment.set(l.paymentId, l);
      return ids.map((id) => byPayment.get(id) ?? null);
    }),
    /** Stored files by id (Letter.file). */
    storedFileById: new DataLoader<string, StoredFileRow | null>(async (ids) => {
      const byId = new Map((await storedFilesByIds(db, ids)).map((f) => [f.id, f]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
