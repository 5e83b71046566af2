import type { HubServices } from '../context';
import { run } from '../commands/dossier-sql';
import { settlePayment } from '../commands/payment.commands';
import { afterSettlement } from '../commands/payment-effects';
import { isUpstreamError } from '../connectors/upstream-error';
import type { JobDefinition } from './scheduler';

/**
 * Payments whose IPN never came: platform payments still PENDING after `afterMs` are asked
 * about (QUERY) and settled as the platform says; one still unknown or pending after
 * `expireAfterMs` is EXPIRED (the dossier can then be paid again).
 */
export function paymentReconcileJob(services: HubServices, scheduleExpr: string | null): JobDefinition {
  const { config } = services;
  return {
    name: 'payment-reconcile',
    schedule: scheduleExpr,
    quietWhenIdle: true,
    async run({ em, log, stopping }) {
      const counts = { checked: 0, paid: 0, failed: 0, expired: 0, stillPending: 0 };
      const now = services.clock.now();
      const due = await run<{ reference: string; created_at: string }>(
        em,
        `select reference, created_at from payment
          where status = 'PENDING' and channel = 'NATIONAL_PLATFORM' and created_at <= ?::timestamptz - (? * interval '1 millisecond')
          order by created_at limit 200`,
        [now, config.PAYMENT_RECONCILE_AFTER_MS],
      );
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
        const old = now.getTime() - new Date(p.created_at).getTime() >= config.PAYMENT_EXPIRE_AFTER_MS;
        const status = answer.state === 'PAID' ? 'PAID' : answer.state === 'FAILED' ? 'FAILED' : old ? 'EXPIRED' : null;
        if (!status) {
          counts.stillPending++;
          continue;
        }
        const r = await settlePayment(
          services.forkEm(),
          p.reference,
          { status, amount: status === 'PAID' ? answer.amount : undefined, transactionId: answer.transactionId ?? null, at: answer.at ?? now, actor: 'system:payment-reconciliation' },
          services.calendar,
          now,
        );
        afterSettlement(services, r);
        if (r.changed) counts[status === 'PAID' ? 'paid' : status === 'FAILED' ? 'failed' : 'expired']++;
      }
      return counts;
    },
  };
}
