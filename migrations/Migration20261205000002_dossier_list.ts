import { Migration } from '@mikro-orm/migrations';

/**
 * The dossiers list in its own order (newest first: submitted_at, then code) for ADMIN and
 * OBSERVER, who read every dossier (issue 15): without this index the province's first page
 * sorted every dossier (bench list: 584 ms over 1M dossiers). Staff lists keep the
 * reader-agency GIN index. On a large live table, create it CONCURRENTLY by hand before
 * migrating (then this statement finds it and does nothing).
 */
export class Migration20261205000002_dossier_list extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index if not exists dossier_submitted_code_idx on dossier (submitted_at desc, code desc);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists dossier_submitted_code_idx;`);
  }
}
