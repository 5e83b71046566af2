import { Migration } from '@mikro-orm/migrations';

/** Citizens' feedback (phản ánh, kiến nghị — PAKN), its processing log and its daily code sequence. */
export class Migration20261123000005_feedback extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table feedback (
        id uuid primary key,
        code varchar(20) not null unique,
        title text not null,
        content text not null,
        status varchar(25) not null,
        version int not null default 1,
        agency_id uuid null references agency(id) on delete restrict,
        procedure_id uuid null references procedure(id) on delete restrict,
        dossier_code varchar(60) null,
        contact_full_name text not null,
        contact_phone text null,
        contact_email text null,
        contact_identity_number varchar(20) null,
        submitted_by text null,
        is_public boolean not null default false,
        submitted_at timestamptz not null,
        due_at timestamptz not null,
        clock_started_at timestamptz not null,
        paused_working_minutes int not null default 0,
        supplement_requests int not null default 0,
        paused_from varchar(25) null,
        paused_at timestamptz null,
        answer_due_at timestamptz not null,
        answered_at timestamptz null,
        answered_on_time boolean null,
        answer text null,
        published_at timestamptz null,
        updated_at timestamptz not null
      );`);
    this.addSql(`create index feedback_agency_idx on feedback (agency_id, submitted_at desc);`);
    this.addSql(`create index feedback_contact_idx on feedback (contact_identity_number) where contact_identity_number is not null;`);
    this.addSql(`create index feedback_submitter_idx on feedback (submitted_by) where submitted_by is not null;`);
    this.addSql(`
      create table feedback_event (
        id uuid primary key,
        feedback_id uuid not null references feedback(id) on delete cascade,
        seq int not null,
        at timestamptz not null,
        action varchar(25) not null,
        from_status varchar(25) null,
        to_status varchar(25) not null,
        actor text not null,
        actor_role varchar(30) null,
        note text null,
        on_time boolean null,
        unique (feedback_id, seq)
      );`);
    this.addSql(`create table feedback_sequence (day date primary key, last int not null);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists feedback_sequence, feedback_event, feedback cascade;');
  }
}
