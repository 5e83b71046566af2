import { Migration } from '@mikro-orm/migrations';

/** Dossiers (hồ sơ), their processing log, and the per-agency daily code sequence. */
export class Migration20261123000002_dossiers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table dossier (
        id uuid primary key,
        code varchar(60) not null unique,
        procedure_id uuid not null references procedure(id) on delete restrict,
        agency_id uuid not null references agency(id) on delete restrict,
        channel varchar(10) not null check (channel in ('COUNTER','ONLINE','POSTAL')),
        status varchar(30) not null,
        version int not null default 1,
        applicant_kind varchar(20) not null,
        applicant_full_name text not null,
        applicant_identity_number varchar(20) not null,
        applicant_birth_date date null,
        applicant_phone text null,
        applicant_email text null,
        applicant_address text null,
        applicant_verification varchar(10) not null default 'PENDING',
        components jsonb not null,
        form_data jsonb null,
        fees jsonb not null,
        paid_amount int not null default 0,
        delivery varchar(10) not null,
        delivery_address text null,
        postal_tracking_number text null,
        submitted_at timestamptz not null,
        received_at timestamptz null,
        due_at timestamptz null,
        paused_at timestamptz null,
        paused_from varchar(30) null,
        completed_at timestamptz null,
        delivered_at timestamptz null,
        supplement_requests int not null default 0,
        result jsonb null,
        submitted_by text not null,
        idempotency_key text null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);
    this.addSql(`create unique index dossier_idempotency_idx on dossier(submitted_by, idempotency_key) where idempotency_key is not null;`);
    this.addSql(`create index dossier_agency_submitted_idx on dossier(agency_id, submitted_at desc);`);
    this.addSql(`create index dossier_applicant_idx on dossier(applicant_identity_number, submitted_at desc);`);
    this.addSql(`create index dossier_status_idx on dossier(status);`);
    this.addSql(`create index dossier_due_idx on dossier(due_at) where completed_at is null;`);
    this.addSql(`
      create table dossier_event (
        id uuid primary key,
        dossier_id uuid not null references dossier(id) on delete cascade,
        seq int not null,
        at timestamptz not null,
        action varchar(30) not null,
        from_status varchar(30) null,
        to_status varchar(30) not null,
        actor text not null,
        actor_role varchar(30) not null,
        note text null,
        data jsonb null,
        unique (dossier_id, seq)
      );`);
    this.addSql(`
      create table dossier_sequence (
        agency_code varchar(40) not null,
        day date not null,
        last int not null,
        primary key (agency_code, day)
      );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists dossier_sequence, dossier_event, dossier cascade;');
  }
}
