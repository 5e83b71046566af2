import { randomUUID } from 'node:crypto';
import type { Db } from '../db/sql';
import type { Dossier } from '../entities';
import type { FollowUp } from '../stores/dossier.store';
import type { ChangedFields } from '../domain/dossier-change';
import type { DossierAction } from '../domain/dossier-machine';
import { isOverdue } from '../domain/dossier';
import { dossierNotifications, feedbackNotifications, type NotificationTemplate } from '../domain/notifications';
import type { NotificationTemplates } from '../outbox/notification-templates';
import {
  agencyCodeOfDossier,
  agencyNameByCode,
  insertFeedbackNotifications,
  insertWebhookDeliveries,
  notificationFollowUps,
  webhookFollowUp,
  type NotificationWrite,
  type WebhookEventWrite,
} from '../stores/notification.store';
import type { FeedbackRow } from '../stores/feedback.store';
import type { PaymentRow } from '../stores/payment.store';

/**
 * What a change tells citizens and sector systems (issue 13), written with the change: the
 * applicant's e-mail and SMS (rendered from the templates) and one webhook delivery per
 * matching webhook. Dossier changes hand them to their one statement as follow-ups; feedback,
 * payment and evaluation changes insert them in their own transaction. Nothing is sent here:
 * the notification dispatcher sends after the commit (src/jobs/notify-dispatch.job.ts).
 */

/** A dossier change as the change path decided it. */
export interface DossierChangeNotice {
  /** The dossier as read (before the change). */
  dossier: Dossier;
  /** The columns the change sets. */
  set: ChangedFields;
  action: DossierAction | 'PAYMENT_SETTLED' | 'IDENTITY_CHECKED';
  note: string | null | undefined;
  logData: Record<string, unknown> | undefined;
  paidDelta: number | undefined;
  agencyCode: string;
  agencyName: string;
  procedureName: string;
  now: Date;
}

const withIds = (drafts: ReturnType<NotificationTemplates['drafts']>): NotificationWrite[] => drafts.map((d) => ({ ...d, id: randomUUID() }));

/** The notifications and webhook deliveries of a dossier change, as follow-ups of its statement. */
export function dossierChangeFollowUps(templates: NotificationTemplates, c: DossierChangeNotice): FollowUp[] {
  const d = c.dossier;
  const n = c.set;
  const after = { ...d, ...n } as Dossier & ChangedFields;
  const list: NotificationTemplate[] = dossierNotifications({
    action: c.action,
    supplementRequests: n.supplementRequests ?? d.supplementRequests,
    late: c.action === 'ISSUE_RESULT' && isOverdue({ dueAt: n.dueAt ?? d.dueAt, completedAt: n.completedAt ?? c.now }, c.now),
  });
  const drafts: NotificationWrite[] = [];
  const contact = { email: d.applicantEmail, phone: d.applicantPhone };
  const apology = typeof c.logData?.apologyLetter === 'string' ? c.logData.apologyLetter : null;
  for (const template of list) {
    const amount =
      template === 'PAYMENT_DUE' ? d.outstandingFees : template === 'PAYMENT_RECEIVED' ? Number(c.logData?.amount ?? c.paidDelta ?? 0) : null;
    drafts.push(
      ...withIds(
        templates.drafts([template], contact, {
          code: d.code,
          procedureName: c.procedureName,
          agencyName: c.agencyName,
          dueAt: after.dueAt ?? null,
          applicantName: d.applicantFullName,
          note: template === 'APOLOGY' ? (apology ?? c.note) : c.note,
          amount,
        }),
      ),
    );
  }
  const out = notificationFollowUps(drafts, c.now);
  // The status stream's event, for sector systems (no personal data); identity answers are not steps.
  if (c.action !== 'IDENTITY_CHECKED') {
    out.push(
      webhookFollowUp({
        event: 'DOSSIER_STATUS_CHANGED',
        eventId: randomUUID(),
        agencyCode: c.agencyCode,
        createdAt: c.now,
        data: {
          code: d.code,
          agencyCode: c.agencyCode,
          action: c.action,
          previousStatus: d.status,
          status: n.status,
          at: c.now.toISOString(),
          dueAt: after.dueAt?.toISOString() ?? null,
          overdue: isOverdue(after, c.now),
        },
      }),
    );
  }
  return out;
}

/** DOSSIER_SUBMITTED deliveries, as a follow-up of the submission statement (the code is drawn there). */
export function submissionFollowUps(s: {
  agencyCode: string;
  procedureCode: string;
  channel: string;
  submittedAt: Date;
  dueAt?: Date | null;
}): FollowUp[] {
  return [
    webhookFollowUp({
      event: 'DOSSIER_SUBMITTED',
      eventId: randomUUID(),
      agencyCode: s.agencyCode,
      createdAt: s.submittedAt,
      data: { code: null, agencyCode: s.agencyCode, procedureCode: s.procedureCode, channel: s.channel, status: 'SUBMITTED', submittedAt: s.submittedAt.toISOString() },
    }),
  ];
}

/** A feedback change: the submitter told of the answer, FEEDBACK_CHANGED to sector systems (in the change's transaction). */
export async function writeFeedbackChangeNotices(db: Db, templates: NotificationTemplates, f: { before: FeedbackRow; after: FeedbackRow; action: string; now: Date }): Promise<void> {
  const list = feedbackNotifications(f.action);
  if (list.length) {
    const a = f.after;
    const agencyName = (await agencyNameByCode(db, a.agencyCode)) ?? 'Cơ quan tiếp nhận';
    const drafts = withIds(
      templates.drafts(list, { email: a.contactEmail, phone: a.contactPhone }, {
        code: a.code,
        procedureName: a.procedureCode ?? '',
        agencyName,
        dueAt: null,
        applicantName: a.contactFullName,
        answer: a.answer,
      }),
    );
    await insertFeedbackNotifications(db, a.id, drafts, f.now);
  }
  await writeFeedbackWebhooks(db, f.after, f.action, f.before.status, f.now);
}

/** A new feedback: FEEDBACK_CHANGED (action SUBMIT) to sector systems, in the submission's transaction. */
export function writeFeedbackSubmittedNotices(db: Db, f: FeedbackRow, now: Date): Promise<void> {
  return writeFeedbackWebhooks(db, f, 'SUBMIT', null, now);
}

/** FEEDBACK_CHANGED to the sector systems following the feedback's agency, in order per feedback. */
function writeFeedbackWebhooks(db: Db, f: FeedbackRow, action: string, previousStatus: string | null, now: Date): Promise<void> {
  return insertWebhookDeliveries(db, {
    event: 'FEEDBACK_CHANGED',
    eventId: randomUUID(),
    agencyCode: f.agencyCode,
    aggregateKey: f.code,
    createdAt: now,
    data: { code: f.code, agencyCode: f.agencyCode, action, previousStatus, status: f.status, at: now.toISOString() },
  });
}

/** PAYMENT_STATUS_CHANGED to sector systems, in the settlement's transaction (ordered with the dossier's events). */
export async function writePaymentNotices(db: Db, p: PaymentRow, now: Date): Promise<void> {
  const e: WebhookEventWrite & { aggregateKey: string } = {
    event: 'PAYMENT_STATUS_CHANGED',
    eventId: randomUUID(),
    agencyCode: p.agencyCode,
    aggregateKey: p.dossierCode,
    createdAt: now,
    data: { dossierCode: p.dossierCode, reference: p.reference, amount: p.amount, currency: p.currency, status: p.status, channel: p.channel, paidAt: p.paidAt?.toISOString() ?? null },
  };
  await insertWebhookDeliveries(db, e);
}

/** EVALUATION_SUBMITTED to sector systems. */
export async function writeEvaluationNotices(db: Db, e: { dossierId: string; dossierCode: string; satisfied: boolean; mean: string; now: Date }): Promise<void> {
  await insertWebhookDeliveries(db, {
    event: 'EVALUATION_SUBMITTED',
    eventId: randomUUID(),
    agencyCode: await agencyCodeOfDossier(db, e.dossierId),
    aggregateKey: e.dossierCode,
    createdAt: e.now,
    data: { dossierCode: e.dossierCode, satisfied: e.satisfied, meanScore: Number(e.mean), at: e.now.toISOString() },
  });
}
