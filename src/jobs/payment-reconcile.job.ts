import type { HubServices } from '../context';
import { Viewer } from '../auth/viewer';
import { Db } from '../db/sql';
import { runCommand } from '../commands/command-context';
import { settlePayment } from '../commands/settle-payment.command';
import { paymentsDueForReconciliation } from '../stores/payment.store';
import { isUpstreamError } from '../connectors/upstream-error';
import type { JobDefinition } from './scheduler';

/**
 * Payments whose IPN never came: platform payments still PENDING after `afterMs` are asked
 * about (QUERY) and settled as the platform says, through settlePayment as
 * system:payment-reconciliation; one still unknown or pending after `expireAfterMs` is EXPIRED
 * (the dossier can then be paid again).
 */
export function paymentReconcileJob(services: HubServices, scheduleExpr: string | null): JobDefinition {
  const { config } = services;
  const viewer = Viewer.system('payment-reconciliation');
  return {
    name: 'payment-reconcile',
    schedule: scheduleExpr,
    quietWhenIdle: true,
    async run({ em, log, stopping }) {
      const counts = { checked: 0, paid: 0, failed: 0, expired: 0, stillPending: 0 };
      const now = services.clock.now();
      const due = await paymentsDueForReconciliation(new Db(em), { now, afterMs: config.PAYMENT_RECONCILE_AFTER_MS, limit: 200 });
      for (const p of due) {
        if (stopping()) break;
        counts.checked++;
        let answer;
        try {
          answer = await services.connectors.payment.query(p.reference);
        } catch (e) {
          if (isUpstreamError(e) && e.retryable) break; // the platform is down: next run
          log.warn({ err: e, reference: p.reference }, 'payment query failed');
          continue;
        }
        const old = now.getTime() - p.createdAt.getTime() >= config.PAYMENT_EXPIRE_AFTER_MS;
        const status = answer.state === 'PAID' ? 'PAID' : answer.state === 'FAILED' ? 'FAILED' : old ? 'EXPIRED' : null;
        if (!status) {
          counts.stillPending++;
          continue;
        }
        const r = await runCommand({ services, viewer, now }, settlePayment, {
          reference: p.reference,
          status,
          amount: status === 'PAID' ? answer.amount : undefined,
          transactionId: answer.transactionId ?? null,
          at: answer.at ?? now,
        });
        if (r.changed) counts[status === 'PAID' ? 'paid' : status === 'FAILED' ? 'failed' : 'expired']++;
      }
      return counts;
    },
  };
}
