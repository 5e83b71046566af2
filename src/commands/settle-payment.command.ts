import type { Db } from '../db/sql';
import { DomainError, forbidden, notFound, msg } from '../errors';
import type { WorkingCalendar } from '../domain/working-calendar';
import { paymentRecorded } from '../domain/dossier-machine';
import { paymentById, paymentByReference, writeSettlement, type PaymentRow } from '../stores/payment.store';
import { changeDossier, snapshotOf, type TransitionResult } from './change-dossier';
import type { CommandContext } from './command-context';
import { afterSettlement } from './payment-effects';
import type { NotificationTemplates } from '../outbox/notification-templates';
import { writePaymentNotices } from './notify-effects';

/** What settles a payment: the platform's answer (IPN or reconciliation's query), or the desk taking the money. */
export interface SettlePaymentInput {
  /** The payment's reference (mã tham chiếu). */
  reference: string;
  status: 'PAID' | 'FAILED' | 'EXPIRED';
  /** What the platform says was paid: must be the payment's amount. */
  amount?: number;
  transactionId?: string | null;
  /** When it was paid, as the platform says. */
  at: Date;
}

export interface SettlementResult {
  payment: PaymentRow;
  /** False when the payment was already settled (a replayed IPN): nothing was changed. */
  changed: boolean;
  /** The dossier's change when the payment was PAID. */
  dossierChange: TransitionResult | null;
}

/** The reason of the error a settlement whose amount is not the payment's throws (the IPN answers 400). */
export const AMOUNT_MISMATCH = 'AMOUNT_MISMATCH';
export const isAmountMismatch = (e: unknown): e is DomainError => e instanceof DomainError && e.reason === AMOUNT_MISMATCH;

/**
 * settlePayment: a PENDING payment is PAID (the dossier's paid amount grows; an AWAITING_PAYMENT
 * dossier whose fees are now paid goes back to where it was, its clock resumed; a PAYMENT_SETTLED
 * log line and a national-portal message are written) or FAILED / EXPIRED. Only the hub itself
 * settles: the IPN handler (system:payment-platform) and reconciliation
 * (system:payment-reconciliation). One transaction, with the payment row locked: the same
 * settlement twice changes nothing the second time.
 */
export async function settlePayment(ctx: CommandContext, input: SettlePaymentInput): Promise<SettlementResult> {
  const v = ctx.viewer.requireAuthenticated();
  if (!v.isSystem) throw forbidden(msg('Thanh toán chỉ được ghi nhận theo thông báo của nền tảng thanh toán và khi đối soát', 'Payments are settled by the payment platform’s messages and by reconciliation'));
  const r = await ctx.db.transaction((db) => settleInTransaction(db, input, v.subject, ctx.calendar, ctx.now, ctx.services.notifications));
  afterSettlement(ctx, r);
  return r;
}

/**
 * The settlement, inside the transaction of `db` (settlePayment's, or a counter payment's):
 * locks the payment row, then (PAID) the dossier row through changeDossier. A PAID payment
 * credits the dossier only what it still owes when settled, never more: what the payer paid
 * beyond that (the fees were paid some other way meanwhile) is recorded on the payment as
 * refund_due and in the PAYMENT_SETTLED log line, to be refunded.
 */
export async function settleInTransaction(
  db: Db,
  input: SettlePaymentInput,
  actor: string,
  calendar: WorkingCalendar,
  now: Date,
  /** Notifications and webhooks written with the settlement (issue 13). */
  notify?: NotificationTemplates,
): Promise<SettlementResult> {
  if (!db.inTransaction) throw new Error('settleInTransaction runs inside db.transaction');
  const p = await paymentByReference(db, { reference: input.reference, lock: true });
  if (!p) throw notFound(msg(`Không tìm thấy giao dịch thanh toán ${input.reference}`, `Payment ${input.reference} not found`));
  // The platform may confirm a payment the hub had already given up on (EXPIRED by reconciliation,
  // or FAILED): the payer's money was taken, so it is recorded and credited (any excess refunded).
  const latePaid = input.status === 'PAID' && p.channel === 'NATIONAL_PLATFORM' && (p.status === 'EXPIRED' || p.status === 'FAILED');
  if (p.status !== 'PENDING' && !latePaid) return { payment: p, changed: false, dossierChange: null };
  if (input.status === 'PAID' && input.amount !== undefined && input.amount !== p.amount) {
    throw new DomainError(
      'BAD_USER_INPUT',
      msg(`Số tiền ${input.amount} không khớp với số tiền của giao dịch (${p.amount})`, `amount ${input.amount} does not match the payment's ${p.amount}`),
      { field: 'amount', reason: AMOUNT_MISMATCH },
    );
  }
  let dossierChange: TransitionResult | null = null;
  let credited = 0;
  if (input.status === 'PAID') {
    dossierChange = await changeDossier(
      db,
      p.dossierCode,
      (d, agencyCode) => {
        // Read under the dossier's lock: only what is still owed is credited.
        credited = Math.min(p.amount, d.outstandingFees);
        const refundDue = p.amount - credited;
        // Paid in full while waiting for it: back to where the dossier was; otherwise only recorded.
        const outcome = paymentRecorded({ ...snapshotOf(d, agencyCode), outstandingFees: d.outstandingFees - credited });
        const paid = `${p.channel === 'COUNTER' ? 'Nộp tại quầy' : 'Thanh toán trực tuyến'} ${p.amount.toLocaleString('vi-VN')} VND (${p.reference})`;
        return {
          outcome,
          action: 'PAYMENT_SETTLED',
          actorSubject: actor,
          note: refundDue > 0 ? `${paid}; ${refundDue.toLocaleString('vi-VN')} VND vượt số phải nộp, chờ hoàn trả` : paid,
          logData: {
            reference: p.reference,
            amount: p.amount,
            transactionId: input.transactionId ?? undefined,
            channel: p.channel,
            ...(refundDue > 0 ? { credited, refundDue } : {}),
          },
          paidDelta: credited,
          paidOnlineDelta: p.channel === 'NATIONAL_PLATFORM' ? credited : 0,
          // Its receipt (biên lai) is queued with the change, in this transaction.
          payment: { id: p.id, amount: p.amount, channel: p.channel, reference: p.reference, transactionId: input.transactionId ?? null, paidAt: input.at },
        };
      },
      calendar,
      now,
      notify,
    );
  }
  await writeSettlement(db, {
    id: p.id,
    status: input.status,
    transactionId: input.transactionId ?? null,
    paidAt: input.status === 'PAID' ? input.at : null,
    refundDue: input.status === 'PAID' ? p.amount - credited : 0,
    now,
  });
  const payment = (await paymentById(db, p.id))!;
  if (notify) await writePaymentNotices(db, payment, now);
  return { payment, changed: true, dossierChange };
}
