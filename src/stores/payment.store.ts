import { sql, type Db, type Sql } from '../db/sql';

/**
 * Fee payments (thanh toán phí, lệ phí): every statement on the payment table, and the dossier
 * row lock the payment commands take. Rows are mapped here, once.
 */

export type PaymentStatus = 'PENDING' | 'PAID' | 'FAILED' | 'EXPIRED' | 'CANCELLED' | 'REFUNDED';
export type PaymentChannel = 'NATIONAL_PLATFORM' | 'COUNTER';

/** A payment as commands and resolvers use it. */
export interface PaymentRow {
  id: string;
  dossierId: string;
  dossierCode: string;
  reference: string;
  amount: number;
  currency: string;
  status: PaymentStatus;
  channel: PaymentChannel;
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

/** What PAYMENT_COLUMNS selects. */
interface PaymentRecord {
  id: string;
  dossier_id: string;
  dossier_code: string;
  reference: string;
  amount: number;
  currency: string;
  status: PaymentStatus;
  channel: PaymentChannel;
  transaction_id: string | null;
  payment_url: string | null;
  receipt_url: string | null;
  created_at: string | Date;
  paid_at: string | Date | null;
  refund_due: number | null;
  agency_code: string;
}

/** A payment with its dossier's code and agency (`p` joined to `d`). */
const PAYMENT_COLUMNS = sql.raw(`p.id, p.dossier_id, d.code as dossier_code, p.reference, p.amount, p.currency, p.status, p.channel,
  p.transaction_id, p.payment_url, p.receipt_url, p.created_at, p.paid_at, p.refund_due,
  (select a.code from agency a where a.id = d.agency_id) as agency_code`);

export function toPaymentRow(r: PaymentRecord): PaymentRow {
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

async function onePayment(db: Db, where: Sql, lock = false): Promise<PaymentRow | null> {
  const r = await db.one<PaymentRecord>(
    sql`select ${PAYMENT_COLUMNS} from payment p join dossier d on d.id = p.dossier_id where ${where}${lock ? sql.raw(' for update of p') : sql.empty}`,
  );
  return r ? toPaymentRow(r) : null;
}

/** The payments of many dossiers in one statement, oldest first. */
export async function paymentsOfDossiers(db: Db, dossierIds: readonly string[]): Promise<PaymentRow[]> {
  const rows = await db.all<PaymentRecord>(
    sql`select ${PAYMENT_COLUMNS} from payment p join dossier d on d.id = p.dossier_id
      where p.dossier_id in (select unnest(${sql.array(dossierIds, 'uuid')})) order by p.created_at, p.id`,
  );
  return rows.map(toPaymentRow);
}

export function paymentById(db: Db, id: string): Promise<PaymentRow | null> {
  return onePayment(db, sql`p.id = ${id}`);
}

/**
 * The payment with this reference; with `lock`, its row is held until the transaction ends
 * (the settlement's first step: a second settlement of it waits, then sees the first).
 */
export function paymentByReference(db: Db, args: { reference: string; lock?: boolean }): Promise<PaymentRow | null> {
  return onePayment(db, sql`p.reference = ${args.reference}`, args.lock ?? false);
}

/** The payment a payer opened earlier with the same idempotency key, if any. */
export function paymentByIdempotencyKey(db: Db, args: { dossierId: string; requestedBy: string; idempotencyKey: string }): Promise<PaymentRow | null> {
  return onePayment(db, sql`p.dossier_id = ${args.dossierId} and p.requested_by = ${args.requestedBy} and p.idempotency_key = ${args.idempotencyKey}`);
}

/** The platform payment of the dossier still waiting for its result, if any (at most one: a unique index). */
export function pendingOnlinePayment(db: Db, args: { dossierId: string } | { dossierCode: string }): Promise<PaymentRow | null> {
  const dossier = 'dossierId' in args ? sql`p.dossier_id = ${args.dossierId}` : sql`d.code = ${args.dossierCode}`;
  return onePayment(db, sql`${dossier} and p.status = 'PENDING' and p.channel = 'NATIONAL_PLATFORM'`);
}

/** The dossier as a payment needs it. */
export interface DossierForPayment {
  id: string;
  code: string;
  agencyCode: string;
  applicantIdentityNumber: string;
  /** What is still owed (never below 0). */
  outstanding: number;
  procedureName: string;
}

/**
 * The dossier as a payment needs it, its row held until the transaction of `db` ends (the
 * dossier alone, not its agency or procedure, as changeDossier's locked read): whoever else
 * pays or opens a payment for it waits, then reads what this transaction left. Statements after
 * this one see every payment committed before the lock was granted.
 */
export async function lockDossierForPayment(db: Db, code: string): Promise<DossierForPayment | null> {
  if (!db.inTransaction) throw new Error('lockDossierForPayment holds a row lock: call it inside db.transaction');
  const r = await db.one<{ id: string; code: string; agency_code: string; applicant_identity_number: string; procedure_name: string; outstanding: number | string }>(
    sql`select d.id, d.code, a.code as agency_code, d.applicant_identity_number, p.name as procedure_name,
            greatest(0, d.total_fees - d.paid_amount) as outstanding
       from dossier d join agency a on a.id = d.agency_id join procedure p on p.id = d.procedure_id where d.code = ${code}
        for no key update of d`,
  );
  return r
    ? { id: r.id, code: r.code, agencyCode: r.agency_code, applicantIdentityNumber: r.applicant_identity_number, outstanding: Number(r.outstanding), procedureName: r.procedure_name }
    : null;
}

/** Who may read a dossier's payments: the facts the access rule needs (src/auth/access.ts), or null. */
export async function dossierAccessFacts(
  db: Db,
  code: string,
): Promise<{ agencyCode: string; readerAgencyCodes: string[]; applicantIdentityNumber: string } | null> {
  const r = await db.one<{ agency_code: string; reader_codes: string[]; applicant_identity_number: string }>(
    sql`select a.code as agency_code, array(select x.code::text from agency x where x.id = any(d.reader_agency_ids)) as reader_codes, d.applicant_identity_number
          from dossier d join agency a on a.id = d.agency_id where d.code = ${code}`,
  );
  return r ? { agencyCode: r.agency_code, readerAgencyCodes: r.reader_codes, applicantIdentityNumber: r.applicant_identity_number } : null;
}

/** A new PENDING payment (a counter payment is settled at once, in the same transaction). */
export async function insertPendingPayment(
  db: Db,
  p: {
    id: string;
    dossierId: string;
    reference: string;
    amount: number;
    channel: PaymentChannel;
    requestedBy: string;
    idempotencyKey?: string | null;
    receiptUrl?: string | null;
    now: Date;
  },
): Promise<void> {
  await db.all(
    sql`insert into payment ${sql.values({
      id: p.id,
      dossier_id: p.dossierId,
      reference: p.reference,
      amount: p.amount,
      currency: 'VND',
      status: 'PENDING',
      channel: p.channel,
      idempotency_key: p.idempotencyKey ?? null,
      receipt_url: p.receiptUrl ?? null,
      requested_by: p.requestedBy,
      created_at: p.now,
      updated_at: p.now,
    })}`,
  );
}

/** The platform did not take the order: the attempt is closed (FAILED), so a later one can open. */
export async function failUnopenedPayment(db: Db, args: { id: string; now: Date }): Promise<void> {
  await db.all(sql`update payment set status = 'FAILED', updated_at = ${args.now} where id = ${args.id} and status = 'PENDING'`);
}

/** The platform's URL for the payer, once it took the order. */
export async function setPaymentUrl(db: Db, args: { id: string; paymentUrl: string; now: Date }): Promise<void> {
  await db.all(sql`update payment set ${sql.set({ payment_url: args.paymentUrl, updated_at: args.now })} where id = ${args.id}`);
}

/**
 * The settlement of a payment. Status and refund_due in one statement: the dossier_fact
 * trigger sees both. A transaction id already known is kept when none is given.
 */
export async function writeSettlement(
  db: Db,
  s: { id: string; status: 'PAID' | 'FAILED' | 'EXPIRED'; transactionId: string | null; paidAt: Date | null; refundDue: number; now: Date },
): Promise<void> {
  await db.all(
    sql`update payment set status = ${s.status}, transaction_id = coalesce(${s.transactionId}, transaction_id), paid_at = ${s.paidAt},
        settled_at = ${s.now}, updated_at = ${s.now}, refund_due = ${s.refundDue}
      where id = ${s.id}`,
  );
}

/** Platform payments still PENDING `afterMs` after they were opened: reconciliation asks the platform about them, oldest first. */
export async function paymentsDueForReconciliation(db: Db, args: { now: Date; afterMs: number; limit: number }): Promise<{ reference: string; createdAt: Date }[]> {
  const rows = await db.all<{ reference: string; created_at: string | Date }>(
    sql`select reference, created_at from payment
      where status = 'PENDING' and channel = 'NATIONAL_PLATFORM' and created_at <= ${args.now}::timestamptz - (${args.afterMs} * interval '1 millisecond')
      order by created_at limit ${args.limit}`,
  );
  return rows.map((r) => ({ reference: r.reference, createdAt: new Date(r.created_at) }));
}

/** The dossier a payment belongs to (node(id) checks access through it), or null. */
export async function dossierIdOfPayment(db: Db, id: string): Promise<string | null> {
  return (await db.one<{ dossier_id: string }>(sql`select dossier_id from payment where id = ${id}`))?.dossier_id ?? null;
}
