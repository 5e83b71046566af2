import { randomUUID } from 'node:crypto';
import { badInput, conflict, forbidden, notFound, msg } from '../errors';
import { insertPendingPayment, lockDossierForPayment, pendingOnlinePayment } from '../stores/payment.store';
import type { CommandContext } from './command-context';
import { afterSettlement } from './payment-effects';
import { settleInTransaction, type SettlementResult } from './settle-payment.command';

export interface RecordCounterPaymentInput {
  dossierCode: string;
  /** Whole VND. */
  amount: number;
  receiptUrl?: string | null;
}

/**
 * recordCounterPayment: a payment taken at the counter by the one-stop desk (bộ phận một cửa) of
 * the dossier's agency: recorded PAID at once, with the same effect on the dossier as a platform
 * payment. The check of what is owed and the credit are one step: one transaction that holds the
 * dossier row from the check to the commit, so concurrent counter payments, INITs and IPN
 * settlements of the dossier queue behind it and see what it paid. Refused while a platform
 * payment is PENDING: the payer may be paying online right now, and taking the money here too
 * would charge twice.
 */
export async function recordCounterPayment(ctx: CommandContext, input: RecordCounterPaymentInput): Promise<SettlementResult> {
  const v = ctx.viewer.requireAuthenticated();
  if (!Number.isInteger(input.amount) || input.amount <= 0) throw badInput('amount', msg('Số tiền phải là số nguyên đồng (VND), lớn hơn 0', 'amount is whole VND, more than 0'));
  const { now } = ctx;
  const r = await ctx.db.transaction(async (db) => {
    const d = await lockDossierForPayment(db, input.dossierCode);
    if (!d) throw notFound(msg(`Không tìm thấy hồ sơ ${input.dossierCode}`, `Dossier ${input.dossierCode} not found`));
    if (!v.worksAt(d.agencyCode) || !v.hasRole('RECEPTION_OFFICER', 'SECTOR_SYSTEM')) throw forbidden(msg('Khoản nộp tại quầy do bộ phận một cửa của cơ quan giải quyết hồ sơ ghi nhận', 'Counter payments are recorded by the one-stop desk of the dossier’s agency'));
    const online = await pendingOnlinePayment(db, { dossierId: d.id });
    if (online) {
      throw conflict(
        msg(
          `Hồ sơ đang có một giao dịch thanh toán trực tuyến (${online.reference}) chờ kết quả từ Nền tảng thanh toán quốc gia; chưa thu tiền tại quầy cho đến khi giao dịch này có kết quả`,
          `An online payment of this dossier (${online.reference}) is waiting for the national payment platform’s result; take no money at the counter until it is settled`,
        ),
        'PLATFORM_PAYMENT_PENDING',
      );
    }
    if (d.outstanding <= 0) throw conflict(msg('Hồ sơ này không còn khoản phí, lệ phí nào phải nộp', 'Nothing is owed on this dossier'), 'NOTHING_TO_PAY');
    if (input.amount > d.outstanding) throw badInput('amount', msg(`Hồ sơ chỉ còn phải nộp ${d.outstanding.toLocaleString('vi')} đồng`, `only ${d.outstanding} VND is owed`));
    const id = randomUUID();
    const reference = `QUAY${now.getTime().toString(36).toUpperCase()}${id.slice(0, 6).toUpperCase()}`;
    await insertPendingPayment(db, { id, dossierId: d.id, reference, amount: input.amount, channel: 'COUNTER', receiptUrl: input.receiptUrl ?? null, requestedBy: v.subject, now });
    return settleInTransaction(db, { reference, status: 'PAID', amount: input.amount, at: now }, v.subject, ctx.calendar, now, ctx.services.notifications);
  });
  afterSettlement(ctx, r);
  return r;
}
