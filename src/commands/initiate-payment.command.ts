import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../db/sql';
import { badInput, conflict, forbidden, notFound, msg } from '../errors';
import type { Viewer } from '../auth/viewer';
import {
  failUnopenedPayment,
  insertPendingPayment,
  lockDossierForPayment,
  paymentById,
  paymentByIdempotencyKey,
  pendingOnlinePayment,
  setPaymentUrl,
  type DossierForPayment,
  type PaymentRow,
} from '../stores/payment.store';
import type { CommandContext } from './command-context';

export interface InitiatePaymentInput {
  dossierCode: string;
  returnUrl?: string | null;
  idempotencyKey?: string | null;
}

/** Who pays for a dossier: its applicant, or staff of its agency. */
function mayPay(viewer: Viewer, d: DossierForPayment): boolean {
  return (viewer.hasRole('CITIZEN') && viewer.identityNumber === d.applicantIdentityNumber) || viewer.worksAt(d.agencyCode);
}

/**
 * initiatePayment: a payment of the dossier's outstanding fees through the national payment
 * platform. Never a second charge: the same idempotency key returns the first payment, and a
 * payment still PENDING is returned instead of a new one (one open platform payment per dossier
 * is also a unique index). The PENDING row is written in a short transaction holding the dossier
 * row (lock, check what is owed, insert), so a counter payment and an INIT never interleave: one
 * of them sees the other. The platform is asked only after that transaction committed (never
 * with the lock held, never inside a transaction), so a crash in between leaves a PENDING
 * payment that reconciliation settles or expires.
 */
export async function initiatePayment(ctx: CommandContext, input: InitiatePaymentInput): Promise<PaymentRow> {
  const v = ctx.viewer.requireAuthenticated();
  if (input.idempotencyKey != null && (input.idempotencyKey.length < 1 || input.idempotencyKey.length > 200)) {
    throw badInput('idempotencyKey', msg('Khóa chống gửi trùng (idempotencyKey) phải dài từ 1 đến 200 ký tự', 'idempotencyKey must be 1 to 200 characters'));
  }
  if (input.returnUrl != null && !/^https?:\/\/[^\s|]+$/.test(input.returnUrl)) throw badInput('returnUrl', msg('Đường dẫn quay lại (returnUrl) phải là một đường dẫn http(s)', 'returnUrl must be an http(s) URL'));
  const { db, now } = ctx;
  // The PENDING row must be committed before the platform is asked, and the platform is never asked inside a transaction.
  if (db.inTransaction) throw new Error('initiatePayment runs on its own, not inside a transaction');
  let opened: PaymentRow | { d: DossierForPayment; id: string; reference: string };
  try {
    opened = await db.transaction(async (trx) => {
      const d = await lockDossierForPayment(trx, input.dossierCode);
      if (!d) throw notFound(msg(`Không tìm thấy hồ sơ ${input.dossierCode}`, `Dossier ${input.dossierCode} not found`));
      if (!mayPay(v, d)) throw forbidden(msg('Chỉ người nộp hồ sơ hoặc cán bộ của cơ quan mới được thanh toán cho hồ sơ này', 'Only the applicant or the agency’s staff pay for this dossier'));
      if (input.idempotencyKey) {
        const same = await paymentByIdempotencyKey(trx, { dossierId: d.id, requestedBy: v.subject, idempotencyKey: input.idempotencyKey });
        if (same) return same;
      }
      const open = await pendingOnlinePayment(trx, { dossierId: d.id });
      if (open) return open;
      if (d.outstanding <= 0) throw conflict(msg('Hồ sơ này không còn khoản phí, lệ phí nào phải nộp', 'Nothing is owed on this dossier'), 'NOTHING_TO_PAY');
      const id = randomUUID();
      const reference = `HG${now.getTime().toString(36).toUpperCase()}${id.slice(0, 8).toUpperCase()}`;
      await insertPendingPayment(trx, {
        id,
        dossierId: d.id,
        reference,
        amount: d.outstanding,
        channel: 'NATIONAL_PLATFORM',
        idempotencyKey: input.idempotencyKey ?? null,
        requestedBy: v.subject,
        now,
      });
      return { d, id, reference };
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // Behind the dossier lock this cannot happen through the hub; should a row come another way, it is the payment.
    const first = await pendingOnlinePayment(db, { dossierCode: input.dossierCode });
    if (first) return first;
    throw e;
  }
  if (!('d' in opened)) return opened;
  const { d, id, reference } = opened;
  // Committed: only now is the platform asked.
  let paymentUrl: string;
  try {
    ({ paymentUrl } = await ctx.services.connectors.payment.init({
      reference,
      amount: d.outstanding,
      description: `Thanh toan phi, le phi ho so ${d.code}`,
      at: now,
      returnUrl: input.returnUrl ?? undefined,
    }));
  } catch (e) {
    // The platform did not take the order: close this attempt so a later one can open.
    await failUnopenedPayment(db, { id, now });
    ctx.services.log.warn({ err: e, reference }, 'payment platform refused or did not answer INIT');
    throw e;
  }
  await setPaymentUrl(db, { id, paymentUrl, now });
  return (await paymentById(db, id))!;
}
