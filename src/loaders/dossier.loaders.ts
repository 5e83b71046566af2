import DataLoader from 'dataloader';
import type { DossierEvent } from '../entities';
import type { Viewer } from '../auth/viewer';
import type { Db } from '../db/sql';
import { dossierAccessLoader, fileAccessLoader } from '../auth/access';
import { eventsOfDossiers } from '../stores/dossier.store';
import { syncStates, type SyncState } from '../stores/outbox.store';
import { paymentsOfDossiers, type PaymentRow } from '../stores/payment.store';
import { evaluationsOfDossiers, type EvaluationRow } from '../stores/evaluation.store';
import { feedbackEventsOf } from '../stores/feedback.store';
import { storedFilesByIds } from '../stores/file.store';
import { citizenDocumentsByIds } from '../stores/citizen-document.store';
import { byIdLoader } from './relation-loader';
import type { FeedbackLogLine } from '../domain/feedback-machine';
import { deliveriesOfWebhooks, notificationsOfDossiers, type DeliveryStatus, type NotificationRow, type WebhookDeliveryRow } from '../stores/notification.store';

/** An aggregate the outbox holds nothing for yet. */
const NOTHING_SENT: SyncState = { status: 'PENDING', attempts: 0, lastSyncedAt: null, lastError: null };

/** Per-request loaders of the dossier side. */
export function createDossierLoaders(db: Db, viewer: Viewer) {
  return {
    /** May the request's viewer read this dossier? (src/auth/access.ts dossierAccess, one query per batch) */
    dossierAccess: dossierAccessLoader(db, viewer),
    /** May the request's viewer read this stored file? (src/auth/access.ts fileAccess) */
    fileAccess: fileAccessLoader(db, viewer),
    /** Stored files by id (components, results, store documents). */
    storedFileById: byIdLoader((ids) => storedFilesByIds(db, ids)),
    /** Store documents by id (a component's reusedFrom). */
    citizenDocumentById: byIdLoader((ids) => citizenDocumentsByIds(db, ids)),
    /** A dossier's processing log, for many dossiers in one query. */
    historyByDossier: new DataLoader<string, DossierEvent[]>(async (ids) => {
      const groups = new Map<string, DossierEvent[]>(ids.map((id) => [id, []]));
      for (const e of await eventsOfDossiers(db, ids)) groups.get(e.dossier.id)?.push(e);
      return ids.map((id) => groups.get(id)!);
    }),
    /** A dossier's payments, oldest first. */
    paymentsByDossier: new DataLoader<string, PaymentRow[]>(async (ids) => {
      const groups = new Map<string, PaymentRow[]>(ids.map((id) => [id, []]));
      for (const p of await paymentsOfDossiers(db, ids)) groups.get(p.dossierId)?.push(p);
      return ids.map((id) => groups.get(id)!);
    }),
    /** A dossier's evaluation, or null. */
    evaluationByDossier: new DataLoader<string, EvaluationRow | null>(async (ids) => {
      const byId = new Map((await evaluationsOfDossiers(db, ids)).map((e) => [e.dossierId, e]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** A feedback's log, oldest line first. */
    feedbackHistory: new DataLoader<string, FeedbackLogLine[]>(async (ids) => {
      const groups = new Map<string, FeedbackLogLine[]>(ids.map((id) => [id, []]));
      for (const { feedbackId, ...line } of await feedbackEventsOf(db, ids)) groups.get(feedbackId)?.push(line);
      return ids.map((id) => groups.get(id)!);
    }),
    /** A dossier's notifications to its applicant, oldest first (issue 13). */
    notificationsByDossier: new DataLoader<string, NotificationRow[]>(async (ids) => {
      const groups = new Map<string, NotificationRow[]>(ids.map((id) => [id, []]));
      for (const n of await notificationsOfDossiers(db, ids)) groups.get(n.dossierId!)?.push(n);
      return ids.map((id) => groups.get(id)!);
    }),
    /** A webhook's latest deliveries (per status and page size asked), one query per batch of the same arguments. */
    webhookDeliveries: new DataLoader<{ webhookId: string; status: DeliveryStatus | null; first: number }, WebhookDeliveryRow[], string>(
      async (keys) => {
        const out = new Map<string, WebhookDeliveryRow[]>();
        const byArgs = new Map<string, typeof keys[number][]>();
        for (const k of keys) byArgs.set(`${k.status}:${k.first}`, [...(byArgs.get(`${k.status}:${k.first}`) ?? []), k]);
        for (const group of byArgs.values()) {
          const { status, first } = group[0]!;
          const rows = await deliveriesOfWebhooks(db, group.map((k) => k.webhookId), status, first);
          for (const k of group) out.set(`${k.webhookId}:${status}:${first}`, rows.filter((r) => r.webhookId === k.webhookId));
        }
        return keys.map((k) => out.get(`${k.webhookId}:${k.status}:${k.first}`) ?? []);
      },
      { cacheKeyFn: (k) => `${k.webhookId}:${k.status}:${k.first}` },
    ),
    /** How far the national portal has caught up with each dossier (or feedback), from the outbox. */
    nationalSync: new DataLoader<string, SyncState>(async (ids) => {
      const states = await syncStates(db, ids);
      return ids.map((id) => states.get(id) ?? NOTHING_SENT);
    }),
  };
}
