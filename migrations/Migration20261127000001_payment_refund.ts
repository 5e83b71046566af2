import { Migration } from '@mikro-orm/migrations';

/** Of the dossier's payments (alias p), those that count as "paid online". */
const PAID_ONLINE = `p.status = 'PAID' and p.channel = 'NATIONAL_PLATFORM' and p.refund_due < p.amount`;
const PAID_ONLINE_BEFORE = `p.status = 'PAID' and p.channel = 'NATIONAL_PLATFORM'`;

/** dossier_fact_sync of Migration20261123000007, with `paidOnline` as the condition on a payment p. */
const factSync = (paidOnline: string) => `
  create or replace function dossier_fact_sync() returns trigger language plpgsql as $$
  begin
    if new.received_at is null then
      return new;
    end if;
    insert into dossier_fact (dossier_id, agency_id, procedure_id, received_at, due_at, completed_at, paused_at, many_supplements, online,
                              has_result, electronic_result, citizen, population_checked, has_fees, components_count, paid_online, unhappy)
    values (new.id, new.agency_id, new.procedure_id, new.received_at, new.due_at, new.completed_at, new.paused_at, new.supplement_requests > 1,
            new.channel = 'ONLINE', new.result is not null,
            coalesce(btrim(new.result->>'fileUrl'), '') <> '' and coalesce(btrim(new.result->>'sha256'), '') <> '',
            new.applicant_kind = 'CITIZEN', new.applicant_verification in ('VERIFIED', 'MISMATCH'), new.total_fees > 0, new.components_count,
            -- paid or complained about before it was received (REQUEST_PAYMENT may come first)
            exists (select 1 from payment p where p.dossier_id = new.id and ${paidOnline}),
            exists (select 1 from evaluation e where e.dossier_id = new.id and not e.satisfied)
              or exists (select 1 from feedback fb where fb.dossier_code = new.code and fb.status <> 'REJECTED'))
    on conflict (dossier_id) do update set
      agency_id = excluded.agency_id, procedure_id = excluded.procedure_id, received_at = excluded.received_at, due_at = excluded.due_at,
      completed_at = excluded.completed_at, paused_at = excluded.paused_at, many_supplements = excluded.many_supplements,
      online = excluded.online, has_result = excluded.has_result, electronic_result = excluded.electronic_result,
      citizen = excluded.citizen, population_checked = excluded.population_checked, has_fees = excluded.has_fees,
      components_count = excluded.components_count;
    return new;
  end $$;`;

/** dossier_fact_paid of Migration20261123000007, with the same condition on the trigger's row. */
const factPaid = (paidOnline: string) => `
  create or replace function dossier_fact_paid() returns trigger language plpgsql as $$
  begin
    if ${paidOnline.replaceAll('p.', 'new.')} then
      update dossier_fact set paid_online = true where dossier_id = new.dossier_id and not paid_online;
    end if;
    return new;
  end $$;`;

/**
 * payment.refund_due: the VND a PAID platform payment took beyond what the dossier still owed
 * when it was settled (the fees were paid some other way meanwhile). Only what was owed is
 * credited to the dossier; the rest is to be refunded to the payer. 0 for every other payment.
 *
 * "Paid online" for the scorecard (dossier_fact.paid_online) then means a PAID platform payment
 * that paid some of the fees, not one refunded in full: both dossier_fact functions of
 * Migration20261123000007 are replaced with that condition (their triggers stay; the settling
 * update writes status and refund_due in one statement, so the row the trigger sees holds both).
 */
export class Migration20261127000001_payment_refund extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table payment add column refund_due int not null default 0;`);
    this.addSql(`alter table payment add constraint payment_refund_due_check check (refund_due >= 0 and refund_due <= amount);`);
    this.addSql(factSync(PAID_ONLINE));
    this.addSql(factPaid(PAID_ONLINE));
  }

  override async down(): Promise<void> {
    this.addSql(factSync(PAID_ONLINE_BEFORE));
    this.addSql(factPaid(PAID_ONLINE_BEFORE));
    this.addSql(`alter table payment drop column refund_due;`);
  }
}
