import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer';
import type { PaymentPlatform } from '../connectors/payment-platform';
import type { WorkingCalendar } from '../domain/working-calendar';
import { paymentRecorded } from '../domain/dossier-machine';
import { badInput, conflict, forbidden, notFound } from '../errors';
import type { Logger } from '../logger';
import { isUniqueViolation, run } from './dossier-sql';
import { pgArray } from '../stores/outbox.store';
import { changeDossier, snapshotOf, type TransitionResult } from './change-dossier';
import { Db } from '../db/sql';

/** A payment row as the resolvers use it. */
export interface PaymentRow {
  id: string;
  dossierId: string;
  dossierCode: string;
  reference: string;
  amount: number;
  currency: string;
  status: 'PENDING' | 'PAID' | 'FAILED' | 'EXPIRED' | 'CANCELLED' | 'REFUNDED';
  channel: 'NATIONAL_PLATFORM' | 'COUNTER';
  transactionId: string | null;
  paymentUrl: string | null;
  receiptUrl: string | null;
  createdAt: Date;
  paidAt: Date | null;
  /** VND the platform took beyond what the dossier still owed when it was settled: to be refunded. */
  refundDue: number;
  /** The dossier's agency (whose staff see refundDue). */
  agencyCode: string;
}

const PAYMENT_COLUMNS = `p.id, p.dossier_id, d.code as dossier_code, p.reference, p.amount, p.currency, p.status, p.channel,
  p.transaction_id, p.payment_url, p.receipt_url, p.created_at, p.paid_at, p.refund_due,
  (select a.code from agency a where a.id = d.agency_id) as agency_code`;

export function toPaymentRow(r: Record<string, any>): PaymentRow {
  return {
    id: r.id,
    dossierId: r.dossier_id,
    dossierCode: r.dossier_code,
    reference: r.reference,
    amount: r.amount,
    currency: r.currency,
    status: r.status,
    channel: r.channel,
    transactionId: r.transaction_id ?? null,
    paymentUrl: r.payment_url ?? null,
    receiptUrl: r.receipt_url ?? null,
    createdAt: new Date(r.created_at),
    paidAt: r.paid_at ? new Date(r.paid_at) : null,
    refundDue: r.refund_due ?? 0,
    agencyCode: r.agency_code,
  };
}

export async function paymentsOfDossiers(em: EntityManager, dossierIds: readonly string[]): Promise<PaymentRow[]> {
  const rows = await run<Record<string, any>>(
    em,
    `select ${PAYMENT_COLUMNS} from payment p join dossier d on d.id = p.dossier_id
      where p.dossier_id in (select unnest(?::uuid[])) order by p.created_at, p.id`,
    [pgArray(dossierIds)],
  );
  return rows.map(toPaymentRow);
}

async function paymentBy(em: EntityManager, where: string, params: unknown[], trx?: unknown, lock = false): Promise<PaymentRow | null> {
  const [r] = await run<Record<string, any>>(
    em,
    `select ${PAYMENT_COLUMNS} from payment p join dossier d on d.id = p.dossier_id where ${where}${lock ? ' for update of p' : ''}`,
    params,
    trx,
  );
  return r ? toPaymentRow(r) : null;
}

interface DossierForPayment {
  id: string;
  code: string;
  agencyCode: string;
  applicantIdentityNumber: string;
  outstanding: number;
  procedureName: string;
}

/**
 * The dossier as a payment needs it, its row held until `trx` ends (the dossier alone, not its
 * agency or procedure, as changeDossier's READ_LOCKED): whoever else pays or opens a payment for
 * it waits, then reads what this transaction left. Statements after this one see every payment
 * committed before the lock was granted.
 */
async function lockDossierForPayment(em: EntityManager, code: string, trx: unknown): Promise<DossierForPayment | null> {
  const [r] = await run<Record<string, any>>(
    em,
    `select d.id, d.code, a.code as agency_code, d.applicant_identity_number, p.name as procedure_name,
            greatest(0, d.total_fees - d.paid_amount) as outstanding
       from dossier d join agency a on a.id = d.agency_id join procedure p on p.id = d.procedure_id where d.code = ?
        for no key update of d`,
    [code],
    trx,
  );
  return r
    ? { id: r.id, code: r.code, agencyCode: r.agency_code, applicantIdentityNumber: r.applicant_identity_number, outstanding: Number(r.outstanding), procedureName: r.procedure_name }
    : null;
}

/** The applicant, or staff of the dossier's agency. */
function mayPay(viewer: Viewer, d: DossierForPayment): boolean {
  return (viewer.hasRole('CITIZEN') && viewer.identityNumber === d.applicantIdentityNumber) || viewer.worksAt(d.agencyCode);
}

export interface InitiatePaymentData {
  dossierCode: string;
  returnUrl?: string | null;
  idempotencyKey?: string | null;
}

/** The platform payment of the dossier still waiting for its result, if any (at most one: a unique index). */
const PENDING_ONLINE = `p.dossier_id = ? and p.status = 'PENDING' and p.channel = 'NATIONAL_PLATFORM'`;

/**
 * initiatePayment: a payment of the dossier's outstanding fees through the national platform.
 * Never a second charge: the same idempotency key returns the first payment, and a payment
 * still PENDING is returned instead of a new one (one open platform payment per dossier is
 * also a unique index). The PENDING row is written in a short transaction holding the dossier
 * row (lock, check what is owed, insert), so a counter payment and an INIT never interleave:
 * one of them sees the other. The row is written before the platform is asked (never with the
 * lock held), so a crash in between leaves a PENDING payment that reconciliation settles or expires.
 */
export async function initiatePayment(
  em: EntityManager,
  viewer: Viewer,
  data: InitiatePaymentData,
  platform: PaymentPlatform,
  now: Date,
  log: Logger,
): Promise<PaymentRow> {
  const v = viewer.requireAuthenticated();
  if (data.idempotencyKey != null && (data.idempotencyKey.length < 1 || data.idempotencyKey.length > 200)) {
    throw badInput('idempotencyKey', 'idempotencyKey must be 1 to 200 characters');
  }
  if (data.returnUrl != null && !/^https?:\/\/[^\s|]+$/.test(data.returnUrl)) throw badInput('returnUrl', 'returnUrl must be an http(s) URL');
  let opened: PaymentRow | { d: DossierForPayment; id: string; reference: string };
  try {
    opened = await em.getConnection().transactional(async (trx) => {
      const d = await lockDossierForPayment(em, data.dossierCode, trx);
      if (!d) throw notFound(`Dossier ${data.dossierCode}`);
      if (!mayPay(v, d)) throw forbidden('Only the applicant or the agency’s staff pay for this dossier');
      if (data.idempotencyKey) {
        const same = await paymentBy(em, 'p.dossier_id = ? and p.requested_by = ? and p.idempotency_key = ?', [d.id, v.subject, data.idempotencyKey], trx);
        if (same) return same;
      }
      const open = await paymentBy(em, PENDING_ONLINE, [d.id], trx);
      if (open) return open;
      if (d.outstanding <= 0) throw conflict('Nothing is owed on this dossier', 'NOTHING_TO_PAY');
      const id = randomUUID();
      const reference = `HG${now.getTime().toString(36).toUpperCase()}${id.slice(0, 8).toUpperCase()}`;
      await run(
        em,
        `insert into payment (id, dossier_id, reference, amount, currency, status, channel, idempotency_key, requested_by, created_at, updated_at)
         values (?, ?, ?, ?, 'VND', 'PENDING', 'NATIONAL_PLATFORM', ?, ?, ?, ?)`,
        [id, d.id, reference, d.outstanding, data.idempotencyKey ?? null, v.subject, now, now],
        trx,
      );
      return { d, id, reference };
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // Behind the dossier lock this cannot happen through the hub; should a row come another way, it is the payment.
    const first = await paymentBy(em, `d.code = ? and p.status = 'PENDING' and p.channel = 'NATIONAL_PLATFORM'`, [data.dossierCode]);
    if (first) return first;
    throw e;
  }
  if (!('d' in opened)) return opened;
  const { d, id, reference } = opened;
  let paymentUrl: string;
  try {
    ({ paymentUrl } = await platform.init({
      reference,
      amount: d.outstanding,
      description: `Thanh toan phi, le phi ho so ${d.code}`,
      at: now,
      returnUrl: data.returnUrl ?? undefined,
    }));
  } catch (e) {
    // The platform did not take the order: close this attempt so a later one can open.
    await run(em, `update payment set status = 'FAILED', updated_at = ? where id = ? and status = 'PENDING'`, [now, id]);
    log.warn({ err: e, reference }, 'payment platform refused or did not answer INIT');
    throw e;
  }
  await run(em, `update payment set payment_url = ?, updated_at = ? where id = ?`, [paymentUrl, now, id]);
  return (await paymentBy(em, 'p.id = ?', [id]))!;
}

export interface SettlementResult {
  payment: PaymentRow;
  /** False when the payment was already settled (a replayed IPN): nothing was changed. */
  changed: boolean;
  /** The dossier's change when the payment was PAID. */
  dossierChange: TransitionResult | null;
}

export class PaymentMismatchError extends Error {}

/** What settles a payment: the platform's answer, or the desk taking the money. */
export interface Settlement {
  status: 'PAID' | 'FAILED' | 'EXPIRED';
  amount?: number;
  transactionId?: string | null;
  at: Date;
  actor: string;
}

/**
 * Settles a PENDING payment: PAID (the dossier's paid amount grows; an AWAITING_PAYMENT dossier
 * whose fees are now paid goes back to where it was, its clock resumed; a PAYMENT_SETTLED log
 * line and a national-portal message are written) or FAILED / EXPIRED. One transaction, with
 * the payment row locked: the same settlement twice changes nothing the second time.
 */
export async function settlePayment(
  em: EntityManager,
  reference: string,
  result: Settlement,
  calendar: WorkingCalendar,
  now: Date,
): Promise<SettlementResult> {
  return em.getConnection().transactional((trx) => settleInTransaction(em, trx, reference, result, calendar, now));
}

/**
 * settlePayment's body, inside the caller's transaction `trx`: locks the payment row, then (PAID)
 * the dossier row. A PAID payment credits the dossier only what it still owes when settled,
 * never more: what the payer paid beyond that (the fees were paid some other way meanwhile) is
 * recorded on the payment as refund_due and in the PAYMENT_SETTLED log line, to be refunded.
 */
async function settleInTransaction(
  em: EntityManager,
  trx: unknown,
  reference: string,
  result: Settlement,
  calendar: WorkingCalendar,
  now: Date,
): Promise<SettlementResult> {
  const p = await paymentBy(em, 'p.reference = ?', [reference], trx, true);
  if (!p) throw notFound(`Payment ${reference}`);
  // The platform may confirm a payment the hub had already given up on (EXPIRED by reconciliation,
  // or FAILED): the payer's money was taken, so it is recorded and credited (any excess refunded).
  const latePaid = result.status === 'PAID' && p.channel === 'NATIONAL_PLATFORM' && (p.status === 'EXPIRED' || p.status === 'FAILED');
  if (p.status !== 'PENDING' && !latePaid) return { payment: p, changed: false, dossierChange: null };
  if (result.status === 'PAID' && result.amount !== undefined && result.amount !== p.amount) {
    throw new PaymentMismatchError(`amount ${result.amount} does not match the payment's ${p.amount}`);
  }
  let dossierChange: TransitionResult | null = null;
  let credited = 0;
  if (result.status === 'PAID') {
    dossierChange = await changeDossier(
      new Db(em, trx),
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
          actorSubject: result.actor,
          note: refundDue > 0 ? `${paid}; ${refundDue.toLocaleString('vi-VN')} VND vượt số phải nộp, chờ hoàn trả` : paid,
          logData: {
            reference: p.reference,
            amount: p.amount,
            transactionId: result.transactionId ?? undefined,
            channel: p.channel,
            ...(refundDue > 0 ? { credited, refundDue } : {}),
          },
          paidDelta: credited,
          paidOnlineDelta: p.channel === 'NATIONAL_PLATFORM' ? credited : 0,
        };
      },
      calendar,
      now,
    );
  }
  // Status and refund_due in one statement: the dossier_fact trigger sees both.
  await run(
    em,
    `update payment set status = ?, transaction_id = coalesce(?, transaction_id), paid_at = ?, settled_at = ?, updated_at = ?, refund_due = ? where id = ?`,
    [result.status, result.transactionId ?? null, result.status === 'PAID' ? result.at : null, now, now, result.status === 'PAID' ? p.amount - credited : 0, p.id],
    trx,
  );
  return { payment: (await paymentBy(em, 'p.id = ?', [p.id], trx))!, changed: true, dossierChange };
}

/**
 * A payment taken at the counter by the one-stop desk of the dossier's agency: recorded PAID at
 * once, with the same effect on the dossier as a platform payment. The check of what is owed and
 * the credit are one step: one transaction that holds the dossier row from the check to the
 * commit, so concurrent counter payments, INITs and IPN settlements of the dossier queue behind
 * it and see what it paid. Refused while a platform payment is PENDING: the payer may be paying
 * online right now, and taking the money here too would charge twice.
 */
export async function recordCounterPayment(
  em: EntityManager,
  viewer: Viewer,
  data: { dossierCode: string; amount: number; receiptUrl?: string | null },
  calendar: WorkingCalendar,
  now: Date,
): Promise<SettlementResult> {
  const v = viewer.requireAuthenticated();
  if (!Number.isInteger(data.amount) || data.amount <= 0) throw badInput('amount', 'amount is whole VND, more than 0');
  return em.getConnection().transactional(async (trx) => {
    const d = await lockDossierForPayment(em, data.dossierCode, trx);
    if (!d) throw notFound(`Dossier ${data.dossierCode}`);
    if (!v.worksAt(d.agencyCode) || !v.hasRole('RECEPTION_OFFICER', 'SECTOR_SYSTEM')) throw forbidden('Counter payments are recorded by the one-stop desk of the dossier’s agency');
    const online = await paymentBy(em, PENDING_ONLINE, [d.id], trx);
    if (online) {
      throw conflict(
        `An online payment of this dossier (${online.reference}) is waiting for the national payment platform’s result; take no money at the counter until it is settled`,
        'PLATFORM_PAYMENT_PENDING',
      );
    }
    if (d.outstanding <= 0) throw conflict('Nothing is owed on this dossier', 'NOTHING_TO_PAY');
    if (data.amount > d.outstanding) throw badInput('amount', `only ${d.outstanding} VND is owed`);
    const id = randomUUID();
    const reference = `QUAY${now.getTime().toString(36).toUpperCase()}${id.slice(0, 6).toUpperCase()}`;
    await run(
      em,
      `insert into payment (id, dossier_id, reference, amount, currency, status, channel, receipt_url, requested_by, created_at, updated_at)
       values (?, ?, ?, ?, 'VND', 'PENDING', 'COUNTER', ?, ?, ?, ?)`,
      [id, d.id, reference, data.amount, data.receiptUrl ?? null, v.subject, now, now],
      trx,
    );
    return settleInTransaction(em, trx, reference, { status: 'PAID', amount: data.amount, at: now, actor: v.subject }, calendar, now);
  });
}
