import { Migration } from '@mikro-orm/migrations';

/**
 * dossier_fact: one narrow row per received dossier with exactly what the scorecard counts, kept
 * by triggers in the same transaction as every change of the dossier, its payments, its
 * evaluation and complaints about it. A province-wide quarter is then one pass over ~100-byte
 * rows instead of the wide dossier rows with their JSON.
 */
export class Migration20261123000007_dossier_fact extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table dossier_fact (
        dossier_id uuid primary key references dossier(id) on delete cascade,
        agency_id uuid not null,
        procedure_id uuid not null,
        received_at timestamptz not null,
        due_at timestamptz null,
        completed_at timestamptz null,
        paused_at timestamptz null,
        many_supplements boolean not null,
        online boolean not null,
        has_result boolean not null,
        electronic_result boolean not null,
        citizen boolean not null,
        population_checked boolean not null,
        has_fees boolean not null,
        components_count int not null,
        paid_online boolean not null default false,
        unhappy boolean not null default false
      );`);
    // Covering indexes: a period's facts are read by index-only scans (the rows are narrow anyway).
    const facts = 'procedure_id, due_at, completed_at, paused_at, many_supplements, online, has_result, electronic_result, citizen, population_checked, has_fees, components_count, paid_online, unhappy';
    this.addSql(`create index dossier_fact_received_idx on dossier_fact (received_at) include (agency_id, dossier_id, ${facts});`);
    this.addSql(`create index dossier_fact_agency_received_idx on dossier_fact (agency_id, received_at) include (dossier_id, ${facts});`);
    // From the dossier row itself.
    this.addSql(`
      create function dossier_fact_sync() returns trigger language plpgsql as $$
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
                exists (select 1 from payment p where p.dossier_id = new.id and p.status = 'PAID' and p.channel = 'NATIONAL_PLATFORM'),
                exists (select 1 from evaluation e where e.dossier_id = new.id and not e.satisfied)
                  or exists (select 1 from feedback fb where fb.dossier_code = new.code and fb.status <> 'REJECTED'))
        on conflict (dossier_id) do update set
          agency_id = excluded.agency_id, procedure_id = excluded.procedure_id, received_at = excluded.received_at, due_at = excluded.due_at,
          completed_at = excluded.completed_at, paused_at = excluded.paused_at, many_supplements = excluded.many_supplements,
          online = excluded.online, has_result = excluded.has_result, electronic_result = excluded.electronic_result,
          citizen = excluded.citizen, population_checked = excluded.population_checked, has_fees = excluded.has_fees,
          components_count = excluded.components_count;
        return new;
      end $$;`);
    this.addSql(`create trigger dossier_fact_sync after insert or update on dossier for each row execute function dossier_fact_sync();`);
    // Paid online: a platform payment became PAID.
    this.addSql(`
      create function dossier_fact_paid() returns trigger language plpgsql as $$
      begin
        if new.status = 'PAID' and new.channel = 'NATIONAL_PLATFORM' then
          update dossier_fact set paid_online = true where dossier_id = new.dossier_id and not paid_online;
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger dossier_fact_paid after insert or update of status on payment for each row execute function dossier_fact_paid();`);
    // Unsatisfied: an unsatisfied evaluation, or a complaint (feedback naming the dossier, not rejected).
    this.addSql(`
      create function dossier_fact_unhappy_evaluation() returns trigger language plpgsql as $$
      begin
        if not new.satisfied then
          update dossier_fact set unhappy = true where dossier_id = new.dossier_id and not unhappy;
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger dossier_fact_unhappy_evaluation after insert on evaluation for each row execute function dossier_fact_unhappy_evaluation();`);
    this.addSql(`
      create function dossier_fact_complaint() returns trigger language plpgsql as $$
      begin
        if new.dossier_code is not null then
          update dossier_fact f set unhappy = exists (select 1 from evaluation e where e.dossier_id = f.dossier_id and not e.satisfied)
                                    or exists (select 1 from feedback fb where fb.dossier_code = new.dossier_code and fb.status <> 'REJECTED')
            from dossier d where d.code = new.dossier_code and f.dossier_id = d.id;
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger dossier_fact_complaint after insert or update of status on feedback for each row execute function dossier_fact_complaint();`);
    // The dossiers already there.
    this.addSql(`update dossier set updated_at = updated_at where received_at is not null;`);
    this.addSql(`update dossier_fact f set paid_online = true where exists (select 1 from payment p where p.dossier_id = f.dossier_id and p.status = 'PAID' and p.channel = 'NATIONAL_PLATFORM');`);
    this.addSql(`update dossier_fact f set unhappy = true where exists (select 1 from evaluation e where e.dossier_id = f.dossier_id and not e.satisfied)
                   or exists (select 1 from dossier d join feedback fb on fb.dossier_code = d.code where d.id = f.dossier_id and fb.status <> 'REJECTED');`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists dossier_fact_sync on dossier; drop trigger if exists dossier_fact_paid on payment;');
    this.addSql('drop trigger if exists dossier_fact_unhappy_evaluation on evaluation; drop trigger if exists dossier_fact_complaint on feedback;');
    this.addSql('drop function if exists dossier_fact_sync, dossier_fact_paid, dossier_fact_unhappy_evaluation, dossier_fact_complaint;');
    this.addSql('drop table if exists dossier_fact;');
  }
}
