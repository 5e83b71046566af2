import type { HubServices } from '../context';
import { publishDossierStatus } from '../realtime/pubsub';
import type { PaymentRow, SettlementResult } from './payment.commands';

/** paymentStatusChanged's payload for a payment row. */
export function paymentEvent(p: PaymentRow) {
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

/** After a settlement committed: warn of a refund due, tell subscribers, and let the dispatcher send the dossier's message. */
export function afterSettlement(services: HubServices, r: SettlementResult): void {
  if (!r.changed) return;
  if (r.payment.refundDue > 0) {
    // Only what was owed was credited: someone has to give the rest back to the payer.
    services.log.warn(
      { reference: r.payment.reference, dossierCode: r.payment.dossierCode, amount: r.payment.amount, refundDue: r.payment.refundDue },
      'payment took more than the dossier owed: refund due',
    );
  }
  services.pubSub.publish('PAYMENT_STATUS', r.payment.dossierCode, paymentEvent(r.payment));
  if (r.dossierChange) {
    publishDossierStatus(services.pubSub, r.dossierChange.event);
    services.outboxWritten();
  }
}
