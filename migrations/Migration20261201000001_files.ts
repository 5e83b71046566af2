import { Migration } from '@mikro-orm/migrations';

/**
 * Uploaded files (issue 12). stored_file: one row per upload that passed the checks; its bytes
 * are in the FileStore under sha256 (several rows may share one content). attached_at is set
 * when a dossier or the citizen's store takes the file; rows never attached are removed after
 * 24 h (with the bytes when no other row holds the same sha256). upload_ticket: what
 * createUpload promised to accept, once, before expires_at; its id is the stored file's id.
 */
export class Migration20261201000001_files extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table upload_ticket (
      id uuid primary key,
      file_name text not null,
      mime_type text not null,
      size_bytes bigint not null check (size_bytes >= 0),
      sha256 char(64) not null check (sha256 ~ '^[0-9a-f]{64}$'),
      uploaded_by text not null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz
    );`);
    this.addSql(`create index upload_ticket_expires_idx on upload_ticket (expires_at);`);
    this.addSql(`create table stored_file (
      id uuid primary key,
      sha256 char(64) not null check (sha256 ~ '^[0-9a-f]{64}$'),
      size_bytes bigint not null check (size_bytes >= 0),
      mime_type text not null,
      file_name text not null,
      uploaded_by text not null,
      created_at timestamptz not null,
      attached_at timestamptz
    );`);
    this.addSql(`create index stored_file_sha256_idx on stored_file (sha256);`);
    this.addSql(`create index stored_file_unattached_idx on stored_file (created_at) where attached_at is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table stored_file;`);
    this.addSql(`drop table upload_ticket;`);
  }
}
