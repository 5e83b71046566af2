import { Migration } from '@mikro-orm/migrations';

/** The covering columns of the dossier_fact indexes (as Migration20261204000002, plus received_late). */
const FACTS =
  'procedure_id, due_at, completed_at, paused_at, many_supplements, online, has_result, electronic_result, citizen, population_checked, has_fees, components_count, paid_online, unhappy, components_reused, components_certified, result_in_store, received_late';

const PAID_ONLINE = `p.status = 'PAID' and p.channel = 'NATIONAL_PLATFORM' and p.refund_due < p.amount`;

/**
 * Internal process, transfer (liên thông) and the reception rule (issue 14):
 * - procedure.workflow: the procedure's internal process steps (quy trình nội bộ), [] = none;
 * - dossier.steps: the steps the dossier started with at RECEIVE (a snapshot, with each step's
 *   start, due and end);
 * - dossier.handling_agency_id: where the dossier is handled now (agency_id stays where it was
 *   received); dossier.reader_agency_ids: every agency whose staff read it (the receiving one,
 *   every agency it was handed to, the agencies its steps name). A BEFORE INSERT trigger fills
 *   both from agency_id, so every insert path keeps them right;
 * - dossier.receive_due_at: online dossiers must be received within RECEIVE_WITHIN_MINUTES
 *   working minutes; dossier_sla_notice accepts RECEIVE_DUE_SOON / RECEIVE_OVERDUE;
 * - dossier_fact: agency_id now follows the handling agency (processing is scored where it is
 *   done), receiving_agency_id keeps the desk, received_late marks a dossier received after its
 *   receive_due_at.
 */
export class Migration20261204000040_workflow extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table procedure add column workflow jsonb not null default '[]';`);
    this.addSql(`alter table dossier add column handling_agency_id uuid null references agency(id),
      add column reader_agency_ids uuid[] null,
      add column steps jsonb not null default '[]',
      add column receive_due_at timestamptz null;`);
    this.addSql(`update dossier set handling_agency_id = agency_id, reader_agency_ids = array[agency_id];`);
    this.addSql(`
  create function dossier_agency_defaults() returns trigger language plpgsql as $$
  begin
    new.handling_agency_id := coalesce(new.handling_agency_id, new.agency_id);
    new.reader_agency_ids := coalesce(new.reader_agency_ids, array[new.agency_id]);
    return new;
  end $$;`);
    this.addSql(`create trigger dossier_agency_defaults before insert on dossier for each row execute function dossier_agency_defaults();`);
    this.addSql(`alter table dossier alter column handling_agency_id set not null, alter column reader_agency_ids set not null;`);
    this.addSql(`create index dossier_handling_submitted_idx on dossier(handling_agency_id, submitted_at desc);`);
    this.addSql(`create index dossier_readers_idx on dossier using gin (reader_agency_ids);`);
    this.addSql(`create index dossier_receive_due_idx on dossier(receive_due_at) where status = 'SUBMITTED' and receive_due_at is not null;`);
    this.addSql(`alter table dossier_sla_notice alter column kind type varchar(20);`);
    this.addSql(`alter table dossier_sla_notice drop constraint if exists dossier_sla_notice_kind_check;`);
    this.addSql(`alter table dossier_sla_notice add constraint dossier_sla_notice_kind_check check (kind in ('DUE_SOON','OVERDUE','RECEIVE_DUE_SOON','RECEIVE_OVERDUE'));`);
    this.addSql(`alter table dossier_fact add column receiving_agency_id uuid null, add column received_late boolean not null default false;`);
    this.addSql(`
  create or replace function dossier_fact_sync() returns trigger language plpgsql as $$
  begin
    if new.received_at is null then
      return new;
    end if;
    insert into dossier_fact (dossier_id, agency_id, receiving_agency_id, procedure_id, received_at, due_at, completed_at, paused_at, many_supplements, online,
                              has_result, electronic_result, citizen, population_checked, has_fees, components_count, paid_online, unhappy,
                              components_reused, components_certified, result_in_store, received_late)
    values (new.id, new.handling_agency_id, new.agency_id, new.procedure_id, new.received_at, new.due_at, new.completed_at, new.paused_at, new.supplement_requests > 1,
            new.channel = 'ONLINE', new.result is not null,
            coalesce(new.result->>'fileId', '') <> ''
              or (coalesce(btrim(new.result->>'fileUrl'), '') <> '' and coalesce(btrim(new.result->>'sha256'), '') <> ''),
            new.applicant_kind = 'CITIZEN', new.applicant_verification in ('VERIFIED', 'MISMATCH'), new.total_fees > 0, new.components_count,
            exists (select 1 from payment p where p.dossier_id = new.id and ${PAID_ONLINE}),
            exists (select 1 from evaluation e where e.dossier_id = new.id and not e.satisfied)
              or exists (select 1 from feedback fb where fb.dossier_code = new.code and fb.status <> 'REJECTED'),
            new.components_reused, new.components_certified, coalesce(new.result->>'citizenDocumentId', '') <> '',
            new.receive_due_at is not null and new.received_at > new.receive_due_at)
    on conflict (dossier_id) do update set
      agency_id = excluded.agency_id, receiving_agency_id = excluded.receiving_agency_id, procedure_id = excluded.procedure_id,
      received_at = excluded.received_at, due_at = excluded.due_at,
      completed_at = excluded.completed_at, paused_at = excluded.paused_at, many_supplements = excluded.many_supplements,
      online = excluded.online, has_result = excluded.has_result, electronic_result = excluded.electronic_result,
      citizen = excluded.citizen, population_checked = excluded.population_checked, has_fees = excluded.has_fees,
      components_count = excluded.components_count, components_reused = excluded.components_reused,
      components_certified = excluded.components_certified, result_in_store = excluded.result_in_store,
      received_late = excluded.received_late;
    return new;
  end $$;`);
    this.addSql(`update dossier_fact set receiving_agency_id = agency_id;`);
    this.addSql(`drop index if exists dossier_fact_received_idx;`);
    this.addSql(`drop index if exists dossier_fact_agency_received_idx;`);
    this.addSql(`create index dossier_fact_received_idx on dossier_fact (received_at) include (agency_id, dossier_id, ${FACTS});`);
    this.addSql(`create index dossier_fact_agency_received_idx on dossier_fact (agency_id, received_at) include (dossier_id, ${FACTS});`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table dossier_fact drop column receiving_agency_id, drop column received_late;`);
    this.addSql(`drop trigger if exists dossier_agency_defaults on dossier; drop function if exists dossier_agency_defaults;`);
    this.addSql(`alter table dossier drop column handling_agency_id, drop column reader_agency_ids, drop column steps, drop column receive_due_at;`);
    this.addSql(`alter table procedure drop column workflow;`);
  }
}
