import { Migration } from '@mikro-orm/migrations';

/**
 * The transactional outbox (messages for the national portal, written in the same statement as
 * the change they report), the queue index of identity re-verification, and the SLA sweep's
 * notices.
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
    // Dossiers whose applicant the population database has not answered for yet (the job's queue).
    this.addSql(`create index dossier_verification_pending_idx on dossier (submitted_at) where applicant_verification = 'PENDING';`);
    // The SLA sweep's notices: one per dossier, kind and appointment, so each is raised once
    // (a new appointment after EXTEND or a supplement can be warned about again).
    this.addSql(`
      create table dossier_sla_notice (
        dossier_id uuid not null references dossier(id) on delete cascade,
        kind varchar(10) not null check (kind in ('DUE_SOON','OVERDUE')),
        due_at timestamptz not null,
        raised_at timestamptz not null default now(),
        primary key (dossier_id, kind, due_at)
      );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists outbox;');
    this.addSql('drop table if exists dossier_sla_notice;');
    this.addSql('drop index if exists dossier_verification_pending_idx;');
  }
}
