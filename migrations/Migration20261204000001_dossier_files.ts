import { Migration } from '@mikro-orm/migrations';

/**
 * citizen_document: the citizen's store (kho dữ liệu điện tử của cá nhân), per identity number;
 * results enter it on ISSUE_RESULT, a citizen keeps uploaded papers in it, and a component may
 * reuse one.
 *
 * dossier_file: which stored files a dossier holds, and as what (a submitted component, the
 * result, an official letter). Whoever may read the dossier may download its files; the row is
 * written by the same statement as the change that brings the file in.
 */
export class Migration20261204000001_dossier_files extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table dossier_file (
      dossier_id uuid not null references dossier(id) on delete cascade,
      file_id uuid not null references stored_file(id),
      purpose text not null check (purpose in ('COMPONENT', 'RESULT', 'LETTER')),
      created_at timestamptz not null,
      primary key (file_id, dossier_id, purpose)
    );`);
    this.addSql(`create index dossier_file_dossier_idx on dossier_file (dossier_id);`);
    this.addSql(`create table citizen_document (
      id uuid primary key,
      owner_identity_number text not null,
      kind text not null check (kind in ('RESULT', 'SUBMITTED_PAPER', 'CERTIFIED_COPY')),
      title text not null,
      document_number text,
      issued_at timestamptz,
      valid_until date,
      certified boolean not null default false,
      source_dossier_id uuid references dossier(id),
      file_id uuid not null references stored_file(id),
      created_by text not null,
      created_at timestamptz not null
    );`);
    this.addSql(`create index citizen_document_owner_idx on citizen_document (owner_identity_number, created_at desc, id desc);`);
    this.addSql(`create index citizen_document_file_idx on citizen_document (file_id);`);
    this.addSql(`create unique index citizen_document_result_idx on citizen_document (source_dossier_id) where kind = 'RESULT';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table citizen_document;`);
    this.addSql(`drop table dossier_file;`);
  }
}
