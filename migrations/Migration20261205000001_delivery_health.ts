import { Migration } from '@mikro-orm/migrations';

/**
 * The metrics scrape reads the open and given-up parts of the notification and webhook queues
 * (README "Operations": dvc_notifications_*): the PENDING rows have their partial index already
 * (the dispatcher's); these cover the FAILED ones, so a scrape never walks the SENT history.
 */
export class Migration20261205000001_delivery_health extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index notification_failed_idx on notification (channel) where status = 'FAILED';`);
    this.addSql(`create index webhook_delivery_failed_idx on webhook_delivery (webhook_id) where status = 'FAILED';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists notification_failed_idx;`);
    this.addSql(`drop index if exists webhook_delivery_failed_idx;`);
  }
}
