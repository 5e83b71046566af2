import { Migration } from '@mikro-orm/migrations';

/**
 * The transactional outbox (messages for the national portal, written in the same statement as
 * the change they report), and the dossier columns the jobs keep: identity re-verification and
 * the SLA sweep's last warning.
 */
export class Migration20261123000003_outbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table outbox (
        id bigserial primary key,
        message_id uuid not null unique,
        topic varchar(30) not null,
        aggregate_id uuid not null,
        aggregate_code text not null,
        payload jsonb not null,
        status varchar(10) not null default 'PENDING' check (status in ('PENDING','SENT','DEAD')),
        attempts int not null default 0,
        next_attempt_at timestamptz not null default now(),
        last_error text null,
        created_at timestamptz not null default now(),
        sent_at timestamptz null
      );`);
    // Messages not yet delivered, per aggregate in order: the dispatcher's heads, nationalSync.
    this.addSql(`create index outbox_open_idx on outbox (aggregate_id, id) where status <> 'SENT';`);
    this.addSql(`create index outbox_aggregate_idx on outbox (aggregate_id, id);`);
    this.addSql(`alter table dossier add column verification_attempts int not null default 0;`);
    this.addSql(`alter table dossier add column verification_checked_at timestamptz null;`);
    this.addSql(`create index dossier_verification_pending_idx on dossier (submitted_at) where applicant_verification = 'PENDING';`);
    this.addSql(`alter table dossier add column sla_state varchar(10) not null default 'OK' check (sla_state in ('OK','DUE_SOON','OVERDUE'));`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists outbox;');
    this.addSql('drop index if exists dossier_verification_pending_idx;');
    this.addSql('alter table dossier drop column if exists verification_attempts, drop column if exists verification_checked_at, drop column if exists sla_state;');
  }
}
