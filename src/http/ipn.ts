import type { Request, Response } from 'express';
import type { HubServices } from '../context';
import { Viewer } from '../auth/viewer';
import { ipnAck } from '../connectors/payment-platform';
import { DomainError } from '../errors';
import { runCommand } from '../commands/command-context';
import { isAmountMismatch, settlePayment } from '../commands/settle-payment.command';

/**
 * POST /payments/ipn: the payment platform's result message. Verified before anything else
 * (bad checksum, wrong partner, malformed: 400, nothing changed, logged); then settled by the
 * settlePayment command as the platform (system:payment-platform); then answered. Idempotent
 * (the same IPN again answers "taken" and changes nothing); amount and reference must match the
 * payment.
 */
export function ipnHandler(services: HubServices) {
  const platform = Viewer.system('payment-platform');
  return async (req: Request, res: Response) => {
    const log = services.log.child({ route: 'payments/ipn' });
    const parsed = services.connectors.payment.parseIpn(req.body);
    if (!parsed.ok) {
      log.warn({ reason: parsed.reason, message: parsed.message, reference: (req.body as { MaThamChieu?: unknown })?.MaThamChieu }, 'IPN refused');
      res.status(400).json(ipnAck(false, parsed.message));
      return;
    }
    const ipn = parsed.ipn;
    try {
      const r = await runCommand({ services, viewer: platform }, settlePayment, {
        reference: ipn.reference,
        status: ipn.paid ? 'PAID' : 'FAILED',
        amount: ipn.amount,
        transactionId: ipn.transactionId,
        at: ipn.at,
      });
      log.info({ reference: ipn.reference, paid: ipn.paid, changed: r.changed, status: r.payment.status }, r.changed ? 'IPN settled a payment' : 'IPN repeated: nothing changed');
      res.status(200).json(ipnAck(true));
    } catch (e) {
      if (isAmountMismatch(e)) {
        log.warn({ reference: ipn.reference, err: e.message }, 'IPN refused: it does not match the payment');
        res.status(400).json(ipnAck(false, e.message));
        return;
      }
      if (e instanceof DomainError && e.code === 'NOT_FOUND') {
        log.warn({ reference: ipn.reference }, 'IPN for an unknown payment');
        res.status(404).json(ipnAck(false, 'Không tìm thấy giao dịch'));
        return;
      }
      log.error({ err: e, reference: ipn.reference }, 'IPN could not be processed');
      res.status(500).json({ MaLoi: '99', MoTaLoi: 'Lỗi hệ thống, vui lòng gửi lại' });
    }
  };
}
