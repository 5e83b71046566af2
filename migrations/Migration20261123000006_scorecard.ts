import { Migration } from '@mikro-orm/migrations';

/**
 * What the scorecard reads over hundreds of thousands of dossiers, kept as plain columns so a
 * period's figures are one pass over an index range: the dossier's total fees and number of
 * submitted files (both fixed at submission), and indexes by receipt time.
 */
export class Migration20261123000006_scorecard extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table dossier add column total_fees int not null default 0;`);
    this.addSql(`alter table dossier add column components_count int not null default 0;`);
    this.addSql(`update dossier set total_fees = coalesce((select sum((f->>'amount')::int) from jsonb_array_elements(fees) f), 0),
                                    components_count = jsonb_array_length(components);`);
    this.addSql(`create index dossier_received_idx on dossier (received_at) where received_at is not null;`);
    this.addSql(`create index dossier_agency_received_idx on dossier (agency_id, received_at) where received_at is not null;`);
    this.addSql(`create index feedback_dossier_idx on feedback (dossier_code) where dossier_code is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists dossier_received_idx, dossier_agency_received_idx, feedback_dossier_idx;');
    this.addSql('alter table dossier drop column if exists total_fees, drop column if exists components_count;');
  }
}
