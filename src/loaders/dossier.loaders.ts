import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DossierEvent } from '../entities';
import { eventsByDossierIds } from '../queries/dossier.queries';
import { syncStates, type SyncState } from '../stores/outbox.store';
import { Db } from '../db/sql';
import { paymentsOfDossiers, type PaymentRow } from '../stores/payment.store';
import { evaluationsOfDossiers, type EvaluationRow } from '../stores/evaluation.store';
import { feedbackEventsOf } from '../stores/feedback.store';
import type { FeedbackLogLine } from '../domain/feedback-machine';

/** An aggregate the outbox holds nothing for yet. */
const NOTHING_SENT: SyncState = { status: 'PENDING', attempts: 0, lastSyncedAt: null, lastError: null };

/** Per-request loaders of the dossier side. */
export function createDossierLoaders(em: EntityManager) {
  return {
    /** A dossier's processing log, for many dossiers in one query. */
    historyByDossier: new DataLoader<string, DossierEvent[]>(async (ids) => {
      const groups = new Map<string, DossierEvent[]>(ids.map((id) => [id, []]));
      for (const e of await eventsByDossierIds(em, ids)) groups.get(e.dossier.id)?.push(e);
      return ids.map((id) => groups.get(id)!);
    }),
    /** A dossier's payments, oldest first. */
    paymentsByDossier: new DataLoader<string, PaymentRow[]>(async (ids) => {
      const groups = new Map<string, PaymentRow[]>(ids.map((id) => [id, []]));
      for (const p of await paymentsOfDossiers(new Db(em), ids)) groups.get(p.dossierId)?.push(p);
      return ids.map((id) => groups.get(id)!);
    }),
    /** A dossier's evaluation, or null. */
    evaluationByDossier: new DataLoader<string, EvaluationRow | null>(async (ids) => {
      const byId = new Map((await evaluationsOfDossiers(new Db(em), ids)).map((e) => [e.dossierId, e]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** A feedback's log, oldest line first. */
    feedbackHistory: new DataLoader<string, FeedbackLogLine[]>(async (ids) => {
      const groups = new Map<string, FeedbackLogLine[]>(ids.map((id) => [id, []]));
      for (const { feedbackId, ...line } of await feedbackEventsOf(new Db(em), ids)) groups.get(feedbackId)?.push(line);
      return ids.map((id) => groups.get(id)!);
    }),
    /** How far the national portal has caught up with each dossier (or feedback), from the outbox. */
    nationalSync: new DataLoader<string, SyncState>(async (ids) => {
      const states = await syncStates(new Db(em), ids);
      return ids.map((id) => states.get(id) ?? NOTHING_SENT);
    }),
  };
}
