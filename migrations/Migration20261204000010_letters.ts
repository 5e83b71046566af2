import { Migration } from '@mikro-orm/migrations';

/**
 * Official letters (issue 12; domain.md "Documents, letters and the citizen's store").
 *
 * letter_request: the durable queue. A dossier change (or a PAID payment) writes its requests in
 * the statement that writes the change, with the facts the letter states as they were then; the
 * letters worker issues them after the commit. (dossier_id, kind, cause) is unique: a retried
 * change or settlement never queues a letter twice.
 *
 * letter_sequence: the last number per (kind, agency code, year) — `<kind>/<agency>/<year>/<seq>`;
 * drawn inside the transaction that issues the letter, so a failed issue leaves no gap.
 *
 * letter: an issued letter, its PDF a stored_file (linked to the dossier in dossier_file as
 * LETTER). (dossier_id, kind, cause) is unique as well: a request redone after a crash finds the
 * letter it already issued instead of issuing a second.
 */
export class Migration20261204000010_letters extends Migration {
  override async up(): Promise<void> {
    const kinds = `'RECEIPT', 'SUPPLEMENT_REQUEST', 'REJECTION', 'APOLOGY', 'PROCESS_CONTROL', 'PAYMENT_RECEIPT'`;
    this.addSql(`create table letter_sequence (
      kind text not null check (kind in (${kinds})),
      agency_code text not null,
      year int not null,
      last int not null check (last > 0),
      primary key (kind, agency_code, year)
    );`);
    this.addSql(`create table letter_request (
      id uuid primary key,
      dossier_id uuid not null references dossier(id) on delete cascade,
      kind text not null check (kind in (${kinds})),
      cause text not null,
      payment_id uuid references payment(id),
      facts jsonb not null,
      created_at timestamptz not null,
      attempts int not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text,
      done_at timestamptz,
      unique (dossier_id, kind, cause)
    );`);
    this.addSql(`create index letter_request_due_idx on letter_request (next_attempt_at) where done_at is null;`);
    this.addSql(`create table letter (
      id uuid primary key,
      dossier_id uuid not null references dossier(id) on delete cascade,
      kind text not null check (kind in (${kinds})),
      cause text not null,
      seq int not null check (seq > 0),
      number text not null unique,
      title text not null,
      issued_at timestamptz not null,
      file_id uuid not null references stored_file(id),
      payment_id uuid references payment(id),
      request_id uuid references letter_request(id) on delete set null,
      unique (dossier_id, kind, cause)
    );`);
    this.addSql(`create index letter_dossier_idx on letter (dossier_id, issued_at, id);`);
    this.addSql(`create index letter_payment_idx on letter (payment_id) where payment_id is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table letter;`);
    this.addSql(`drop table letter_request;`);
    this.addSql(`drop table letter_sequence;`);
  }
}
