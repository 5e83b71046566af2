import { Migration } from '@mikro-orm/migrations';

/** Fee payments (national platform and counter) and satisfaction evaluations of dossiers. */
export class Migration20261123000004_payments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table payment (
        id uuid primary key,
        dossier_id uuid not null references dossier(id) on delete restrict,
        reference varchar(60) not null unique,
        amount int not null check (amount > 0),
        currency varchar(3) not null default 'VND',
        status varchar(10) not null check (status in ('PENDING','PAID','FAILED','EXPIRED','CANCELLED','REFUNDED')),
        channel varchar(20) not null check (channel in ('NATIONAL_PLATFORM','COUNTER')),
        transaction_id text null,
        payment_url text null,
        receipt_url text null,
        idempotency_key text null,
        requested_by text not null,
        created_at timestamptz not null,
        paid_at timestamptz null,
        settled_at timestamptz null,
        updated_at timestamptz not null
      );`);
    this.addSql(`create index payment_dossier_idx on payment (dossier_id, created_at);`);
    // Never a second charge: one open platform payment per dossier; a retried request with the same key gets the first.
    this.addSql(`create unique index payment_one_pending_idx on payment (dossier_id) where status = 'PENDING' and channel = 'NATIONAL_PLATFORM';`);
    this.addSql(`create unique index payment_idempotency_idx on payment (dossier_id, requested_by, idempotency_key) where idempotency_key is not null;`);
    this.addSql(`create index payment_pending_idx on payment (created_at) where status = 'PENDING';`);
    this.addSql(`
      create table evaluation (
        id uuid primary key,
        dossier_id uuid not null unique references dossier(id) on delete restrict,
        scores jsonb not null,
        mean numeric(4,3) not null,
        satisfied boolean not null,
        comment text null,
        evaluated_by text not null,
        created_at timestamptz not null
      );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists evaluation, payment;');
  }
}
