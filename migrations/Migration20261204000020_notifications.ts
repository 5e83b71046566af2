import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 13: telling citizens and sector systems.
 *
 * notification: one e-mail or SMS to a dossier's applicant (or a PAKN's submitter), rendered and
 * written by the same statement (or transaction) as the change that causes it, then sent by the
 * notification dispatcher in order per dossier (or feedback) and channel. FAILED = given up.
 *
 * webhook / webhook_delivery: sector systems' subscriptions (ADMIN) and one row per event and
 * matching webhook, written with the change; `payload` is the body {id, type, createdAt, data},
 * delivered in order per webhook and dossier (aggregate_key) on the retry schedule.
 *
 * delivery_attempt: every attempt of either, with what came back.
 */
export class Migration20261204000020_notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table notification (
      id uuid primary key,
      seq bigserial not null,
      dossier_id uuid references dossier(id) on delete cascade,
      feedback_id uuid references feedback(id) on delete cascade,
      aggregate_key text not null,
      template text not null,
      channel text not null check (channel in ('EMAIL', 'SMS')),
      recipient text not null,
      subject text,
      body text not null,
      status text not null default 'PENDING' check (status in ('PENDING', 'SENT', 'FAILED')),
      attempts int not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text,
      created_at timestamptz not null,
      sent_at timestamptz
    );`);
    this.addSql(`create index notification_dossier_idx on notification (dossier_id, seq) where dossier_id is not null;`);
    this.addSql(`create index notification_feedback_idx on notification (feedback_id, seq) where feedback_id is not null;`);
    this.addSql(`create index notification_open_idx on notification (channel, aggregate_key, seq) where status = 'PENDING';`);

    this.addSql(`create table webhook (
      id uuid primary key,
      url text not null,
      events text[] not null,
      agency_code text,
      secret text not null,
      active boolean not null default true,
      created_by text not null,
      created_at timestamptz not null,
      deleted_at timestamptz
    );`);
    this.addSql(`create index webhook_active_idx on webhook (active) where active;`);
    this.addSql(`create table webhook_delivery (
      id uuid primary key,
      seq bigserial not null,
      webhook_id uuid not null references webhook(id) on delete cascade,
      event text not null,
      event_id uuid not null,
      aggregate_key text not null,
      payload jsonb not null,
      status text not null default 'PENDING' check (status in ('PENDING', 'SENT', 'FAILED')),
      attempts int not null default 0,
      response_status int,
      last_error text,
      created_at timestamptz not null,
      next_attempt_at timestamptz not null default now(),
      delivered_at timestamptz
    );`);
    this.addSql(`create index webhook_delivery_webhook_idx on webhook_delivery (webhook_id, seq desc);`);
    this.addSql(`create index webhook_delivery_open_idx on webhook_delivery (webhook_id, aggregate_key, seq) where status = 'PENDING';`);

    this.addSql(`create table delivery_attempt (
      id bigserial primary key,
      notification_id uuid references notification(id) on delete cascade,
      webhook_delivery_id uuid references webhook_delivery(id) on delete cascade,
      at timestamptz not null,
      ok boolean not null,
      response_status int,
      error text,
      duration_ms int not null,
      check ((notification_id is null) <> (webhook_delivery_id is null))
    );`);
    this.addSql(`create index delivery_attempt_notification_idx on delivery_attempt (notification_id) where notification_id is not null;`);
    this.addSql(`create index delivery_attempt_webhook_idx on delivery_attempt (webhook_delivery_id) where webhook_delivery_id is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists delivery_attempt;');
    this.addSql('drop table if exists webhook_delivery;');
    this.addSql('drop table if exists webhook;');
    this.addSql('drop table if exists notification;');
  }
}
