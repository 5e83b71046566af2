import { Migration } from '@mikro-orm/migrations';

/**
 * Accounts and audit (issue 16; README "Accounts and audit").
 *
 * staff_member: the staff directory. A staff token is honoured only for the roles and agencies
 * its subject holds here now (src/domain/staff.ts effectiveGrant). staff_change: every change to
 * it (who, when, what, before and after).
 *
 * service_account: a sector system's OAuth2 client (client credentials at POST /oauth/token):
 * its agency, the dossier actions it may take, its secret as an scrypt hash; a rotated secret
 * stays valid until previous_valid_until. hub_key: the hub's own signing keys (service-account
 * tokens), made by the first process that needs one; never leaves the database.
 *
 * audit_event: append-only and tamper-evident. Each row carries the hash of the previous row of
 * its day (Vietnam date) and its own hash; UPDATE, DELETE and TRUNCATE are revoked from the
 * hub's role AND refused by a trigger (a superuser ignores grants). `npm run audit:verify` walks
 * the chains.
 */
export class Migration20261204000050_accounts_audit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table staff_member (
      subject text primary key,
      full_name text not null,
      agency_codes text[] not null default '{}',
      roles text[] not null default '{}',
      active boolean not null default true,
      version int not null default 1,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );`);
    this.addSql(`create table staff_change (
      id bigserial primary key,
      subject text not null references staff_member(subject),
      change text not null check (change in ('CREATED', 'CHANGED', 'DEACTIVATED', 'REACTIVATED')),
      changed_by text not null,
      changed_at timestamptz not null,
      before jsonb,
      after jsonb not null
    );`);
    this.addSql(`create index staff_change_subject_idx on staff_change (subject, changed_at);`);
    this.addSql(`create table service_account (
      id uuid primary key,
      client_id text not null unique,
      name text not null,
      agency_code text not null,
      actions text[] not null,
      secret_hash text not null,
      previous_secret_hash text,
      previous_valid_until timestamptz,
      active boolean not null default true,
      version int not null default 1,
      created_by text not null,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );`);
    this.addSql(`create table service_account_change (
      id bigserial primary key,
      service_account_id uuid not null references service_account(id),
      change text not null check (change in ('CREATED', 'SECRET_ROTATED', 'DEACTIVATED')),
      changed_by text not null,
      changed_at timestamptz not null,
      detail jsonb not null default '{}'
    );`);
    this.addSql(`create table hub_key (
      name text primary key,
      secret text not null,
      created_at timestamptz not null
    );`);
    this.addSql(`create table audit_event (
      id bigserial primary key,
      day date not null,
      seq int not null check (seq > 0),
      at timestamptz not null,
      subject text,
      roles text[] not null default '{}',
      service_account_id uuid,
      kind text not null check (kind in ('MUTATION', 'READ', 'DOWNLOAD')),
      operation text not null,
      dossier_id uuid,
      dossier_code text,
      document_id uuid,
      target text,
      ip text,
      request_id text,
      outcome text not null,
      prev_hash text not null,
      hash text not null,
      unique (day, seq)
    );`);
    this.addSql(`create index audit_event_dossier_idx on audit_event (dossier_id, at) where dossier_id is not null;`);
    this.addSql(`create index audit_event_dossier_code_idx on audit_event (dossier_code, at) where dossier_code is not null;`);
    this.addSql(`create index audit_event_subject_idx on audit_event (subject, at);`);
    this.addSql(`create index audit_event_at_idx on audit_event (at);`);
    this.addSql(`create function audit_event_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_event is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`create trigger audit_event_no_update before update or delete on audit_event for each row execute function audit_event_append_only();`);
    this.addSql(`create trigger audit_event_no_truncate before truncate on audit_event for each statement execute function audit_event_append_only();`);
    // The hub's role (the one running migrations) and everybody else may only insert and read.
    this.addSql(`revoke update, delete, truncate on audit_event from public;`);
    this.addSql(`do $$ begin execute format('revoke update, delete, truncate on audit_event from %I', current_user); end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists audit_event;`);
    this.addSql(`drop function if exists audit_event_append_only();`);
    this.addSql(`drop table if exists hub_key;`);
    this.addSql(`drop table if exists service_account_change;`);
    this.addSql(`drop table if exists service_account;`);
    this.addSql(`drop table if exists staff_change;`);
    this.addSql(`drop table if exists staff_member;`);
  }
}
