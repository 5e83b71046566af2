import type { HubServices } from '../context';
import { publishDossierStatus } from '../pubsub';
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
  };
}

/** After a settlement committed: tell subscribers, and let the dispatcher send the dossier's message. */
export function afterSettlement(services: HubServices, r: SettlementResult): void {
  if (!r.changed) return;
  services.pubSub.publish('PAYMENT_STATUS', r.payment.dossierCode, paymentEvent(r.payment));
  if (r.dossierChange) {
    publishDossierStatus(services.pubSub, r.dossierChange.event);
    services.outboxWritten();
  }
}
