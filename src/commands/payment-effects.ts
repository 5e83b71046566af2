import type { PaymentEventPayload } from '../realtime/pubsub';
import { publishDossierStatus } from '../realtime/pubsub';
import type { PaymentRow } from '../stores/payment.store';
import type { CommandContext } from './command-context';
import type { SettlementResult } from './settle-payment.command';

/** paymentStatusChanged's payload for a payment row. */
export function paymentEvent(p: PaymentRow): PaymentEventPayload {
  return {
    id: p.id,
    dossierCode: p.dossierCode,
    amount: p.amount,
    currency: p.currency,
    status: p.status,
    channel: p.channel,
    reference: p.reference,
    transactionId: p.transactionId,
    paymentUrl: p.paymentUrl,
    createdAt: p.createdAt.toISOString(),
    paidAt: p.paidAt?.toISOString() ?? null,
    receiptUrl: p.receiptUrl,
    refundDue: p.refundDue,
    agencyCode: p.agencyCode,
  };
}

/**
 * What follows a settlement once it is committed (registered on ctx.afterCommit): warn of a
 * refund due, tell the payment's subscribers, tell the dossier's, and let the dispatcher send
 * the dossier's national-portal message. Nothing when the settlement changed nothing.
 */
export function afterSettlement(ctx: CommandContext, r: SettlementResult): void {
  if (!r.changed) return;
  const { services } = ctx;
  ctx.afterCommit(() => {
    if (r.payment.refundDue > 0) {
      // Only what was owed was credited: someone has to give the rest back to the payer.
      services.log.warn(
        { reference: r.payment.reference, dossierCode: r.payment.dossierCode, amount: r.payment.amount, refundDue: r.payment.refundDue },
        'payment took more than the dossier owed: refund due',
      );
    }
  });
  ctx.afterCommit(() => services.pubSub.publish('PAYMENT_STATUS', r.payment.dossierCode, paymentEvent(r.payment)));
  const change = r.dossierChange;
  if (change) {
    ctx.afterCommit(() => publishDossierStatus(services.pubSub, change.event));
    ctx.afterCommit(() => services.outboxWritten());
    if (change.letters) ctx.afterCommit(() => services.lettersWritten());
  }
}
