import { Migration } from '@mikro-orm/migrations';

const PAID_ONLINE = `p.status = 'PAID' and p.channel = 'NATIONAL_PLATFORM' and p.refund_due < p.amount`;

/** The covering columns of the dossier_fact indexes (Migration20261123000007), with the store's facts. */
const FACTS =
  'procedure_id, due_at, completed_at, paused_at, many_supplements, online, has_result, electronic_result, citizen, population_checked, has_fees, components_count, paid_online, unhappy, components_reused, components_certified, result_in_store';

/**
 * Components from stored files and the citizen's store (issue 12):
 * - dossier.requested_components: the component codes the open supplement request asked for
 *   (REQUEST_SUPPLEMENT sets them, SUPPLEMENT checks them and clears them);
 * - dossier.components_reused / components_certified: of the current components, those reused
 *   from the applicant's store, and the electronic certified copies (set with the components);
 * - dossier_fact gains the same two counts and result_in_store (the result entered the store), and
 *   an electronic result is now also one given as a stored file (result.fileId).
 */
export class Migration20261204000002_components extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table dossier add column requested_components jsonb null,
      add column components_reused int not null default 0,
      add column components_certified int not null default 0;`);
    this.addSql(`alter table dossier_fact add column components_reused int not null default 0,
      add column components_certified int not null default 0,
      add column result_in_store boolean not null default false;`);
    this.addSql(`
  create or replace function dossier_fact_sync() returns trigger language plpgsql as $$
  begin
    if new.received_at is null then
      return new;
    end if;
    insert into dossier_fact (dossier_id, agency_id, procedure_id, received_at, due_at, completed_at, paused_at, many_supplements, online,
                              has_result, electronic_result, citizen, population_checked, has_fees, components_count, paid_online, unhappy,
                              components_reused, components_certified, result_in_store)
    values (new.id, new.agency_id, new.procedure_id, new.received_at, new.due_at, new.completed_at, new.paused_at, new.supplement_requests > 1,
            new.channel = 'ONLINE', new.result is not null,
            coalesce(new.result->>'fileId', '') <> ''
              or (coalesce(btrim(new.result->>'fileUrl'), '') <> '' and coalesce(btrim(new.result->>'sha256'), '') <> ''),
            new.applicant_kind = 'CITIZEN', new.applicant_verification in ('VERIFIED', 'MISMATCH'), new.total_fees > 0, new.components_count,
            -- paid or complained about before it was received (REQUEST_PAYMENT may come first)
            exists (select 1 from payment p where p.dossier_id = new.id and ${PAID_ONLINE}),
            exists (select 1 from evaluation e where e.dossier_id = new.id and not e.satisfied)
              or exists (select 1 from feedback fb where fb.dossier_code = new.code and fb.status <> 'REJECTED'),
            new.components_reused, new.components_certified, coalesce(new.result->>'citizenDocumentId', '') <> '')
    on conflict (dossier_id) do update set
      agency_id = excluded.agency_id, procedure_id = excluded.procedure_id, received_at = excluded.received_at, due_at = excluded.due_at,
      completed_at = excluded.completed_at, paused_at = excluded.paused_at, many_supplements = excluded.many_supplements,
      online = excluded.online, has_result = excluded.has_result, electronic_result = excluded.electronic_result,
      citizen = excluded.citizen, population_checked = excluded.population_checked, has_fees = excluded.has_fees,
      components_count = excluded.components_count, components_reused = excluded.components_reused,
      components_certified = excluded.components_certified, result_in_store = excluded.result_in_store;
    return new;
  end $$;`);
    this.addSql(`drop index if exists dossier_fact_received_idx;`);
    this.addSql(`drop index if exists dossier_fact_agency_received_idx;`);
    this.addSql(`create index dossier_fact_received_idx on dossier_fact (received_at) include (agency_id, dossier_id, ${FACTS});`);
    this.addSql(`create index dossier_fact_agency_received_idx on dossier_fact (agency_id, received_at) include (dossier_id, ${FACTS});`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table dossier_fact drop column components_reused, drop column components_certified, drop column result_in_store;`);
    this.addSql(`alter table dossier drop column requested_components, drop column components_reused, drop column components_certified;`);
  }
}
