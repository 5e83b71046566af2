import { Migration } from '@mikro-orm/migrations';

/** The columns the statistics read, carried by both indexes (index-only scans). */
const STAT_COLUMNS = 'agency_id, procedure_id, channel, due_at, completed_at, paused_at, ending';

/**
 * Processing statistics and periodic reports (issue 15).
 *
 * dossier_stat: one narrow row per RECEIVED dossier (received = tiếp nhận, the national form's
 * "nhận giải quyết"; a dossier refused or withdrawn before receipt is not handled and has no row),
 * kept by a trigger in the same transaction as every change of the dossier: channel, the
 * dates, and how it ended (RESOLVED for RESULT_READY/DELIVERED, WITHDRAWN, REJECTED for REJECTED
 * or STOPPED). open_until = completed_at or infinity, so "carried over into a window" (received
 * before it, not ended before it) is a range scan too. src/domain/statistics.ts says what counts.
 *
 * report: the kept snapshots (rows as JSON with their XLSX and CSV files), one per period, its
 * first day and agency (null: the province); generateReport replaces one, the job never does.
 */
export class Migration20261204000030_statistics extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table dossier_stat (
        dossier_id uuid primary key references dossier(id) on delete cascade,
        agency_id uuid not null,
        procedure_id uuid not null,
        channel varchar(10) not null,
        received_at timestamptz not null,
        due_at timestamptz null,
        completed_at timestamptz null,
        paused_at timestamptz null,
        ending varchar(10) null check (ending in ('RESOLVED', 'WITHDRAWN', 'REJECTED')),
        open_until timestamptz generated always as (coalesce(completed_at, 'infinity'::timestamptz)) stored
      );`);
    this.addSql(`create index dossier_stat_received_idx on dossier_stat (received_at) include (${STAT_COLUMNS});`);
    this.addSql(`create index dossier_stat_open_idx on dossier_stat (open_until, received_at) include (${STAT_COLUMNS});`);
    // A dossier is overdue at an instant t (src/domain/statistics.ts) when due_at < t <= its overdue
    // stop: completion, or the start of a pause that began before it fell due. Summed per day by
    // the day it fell due and the day it stopped (a difference array over days).
    this.addSql(`
      create function dossier_stat_overdue_stop(completed_at timestamptz, paused_at timestamptz, due_at timestamptz) returns timestamptz
        language sql immutable as $$ select least(completed_at, case when paused_at is not null and due_at >= paused_at then paused_at end) $$;`);
    this.addSql(`create index dossier_stat_due_idx on dossier_stat (due_at) include (agency_id, channel, completed_at, paused_at);`);
    this.addSql(`create index dossier_stat_overdue_stop_idx on dossier_stat (dossier_stat_overdue_stop(completed_at, paused_at, due_at)) include (agency_id, channel, due_at);`);
    this.addSql(`
      create function dossier_stat_sync() returns trigger language plpgsql as $$
      begin
        if new.received_at is null then
          return new;
        end if;
        if tg_op = 'UPDATE' and old.received_at is not distinct from new.received_at and old.due_at is not distinct from new.due_at
           and old.completed_at is not distinct from new.completed_at and old.paused_at is not distinct from new.paused_at
           and old.status = new.status and old.agency_id = new.agency_id and old.procedure_id = new.procedure_id and old.channel = new.channel then
          return new;
        end if;
        insert into dossier_stat (dossier_id, agency_id, procedure_id, channel, received_at, due_at, completed_at, paused_at, ending)
        values (new.id, new.agency_id, new.procedure_id, new.channel, new.received_at, new.due_at, new.completed_at, new.paused_at,
                case when new.status in ('RESULT_READY', 'DELIVERED') then 'RESOLVED' when new.status = 'WITHDRAWN' then 'WITHDRAWN'
                     when new.status in ('REJECTED', 'STOPPED') then 'REJECTED' end)
        on conflict (dossier_id) do update set
          agency_id = excluded.agency_id, procedure_id = excluded.procedure_id, channel = excluded.channel, received_at = excluded.received_at,
          due_at = excluded.due_at, completed_at = excluded.completed_at, paused_at = excluded.paused_at, ending = excluded.ending;
        return new;
      end $$;`);
    this.addSql(`create trigger dossier_stat_sync after insert or update on dossier for each row execute function dossier_stat_sync();`);
    this.addSql(`
      insert into dossier_stat (dossier_id, agency_id, procedure_id, channel, received_at, due_at, completed_at, paused_at, ending)
      select id, agency_id, procedure_id, channel, received_at, due_at, completed_at, paused_at,
             case when status in ('RESULT_READY', 'DELIVERED') then 'RESOLVED' when status = 'WITHDRAWN' then 'WITHDRAWN'
                  when status in ('REJECTED', 'STOPPED') then 'REJECTED' end
        from dossier where received_at is not null
      on conflict do nothing;`);
    // Closed days, summed: what was received and what ended each Vietnam day, per agency and
    // channel, for the days up to dossier_stat_fill.filled_through (filled on demand by the
    // statistics store; a day is closed once it is over, so a live change never touches these
    // rows). A change to a dossier_stat row that does concern a filled day (a back-dated write,
    // a correction) drops the filled days from that day on; they are summed again when next read.
    this.addSql(`
      create table dossier_stat_day (
        day date not null,
        agency_id uuid not null,
        channel varchar(10) not null,
        received int not null default 0,
        completed int not null default 0,
        resolved_early int not null default 0,
        resolved_on_time int not null default 0,
        resolved_late int not null default 0,
        withdrawn int not null default 0,
        rejected int not null default 0,
        overdue_started int not null default 0,
        overdue_stopped int not null default 0,
        primary key (day, agency_id, channel)
      );`);
    this.addSql(`create table dossier_stat_fill (id boolean primary key default true check (id), filled_through date null);`);
    this.addSql(`insert into dossier_stat_fill (id, filled_through) values (true, null);`);
    this.addSql(`
      create function dossier_stat_day_guard() returns trigger language plpgsql as $$
      declare
        f date;
        d date := null;
        tz constant text := 'Asia/Ho_Chi_Minh';
        old_start date;
        old_stop date;
        new_start date;
        new_stop date;
      begin
        select filled_through into f from dossier_stat_fill;
        if f is null then
          return null;
        end if;
        -- The days a row's overdue interval starts and stops on, as dossier_stat_day counts them
        -- (only when it starts on a day before it stops).
        if tg_op <> 'INSERT' then
          old_start := (old.due_at at time zone tz)::date;
          old_stop := (dossier_stat_overdue_stop(old.completed_at, old.paused_at, old.due_at) at time zone tz)::date;
          if old_start is null or (old_stop is not null and old_start >= old_stop) then
            old_start := null;
            old_stop := null;
          end if;
        end if;
        if tg_op <> 'DELETE' then
          new_start := (new.due_at at time zone tz)::date;
          new_stop := (dossier_stat_overdue_stop(new.completed_at, new.paused_at, new.due_at) at time zone tz)::date;
          if new_start is null or (new_stop is not null and new_start >= new_stop) then
            new_start := null;
            new_stop := null;
          end if;
        end if;
        if tg_op = 'DELETE' then
          d := least((old.received_at at time zone tz)::date, (old.completed_at at time zone tz)::date, old_start, old_stop);
        else
          if tg_op = 'INSERT' or (old_start, old.agency_id, old.channel) is distinct from (new_start, new.agency_id, new.channel) then
            d := least(d, old_start, new_start);
          end if;
          if tg_op = 'INSERT' or (old_stop, old.agency_id, old.channel) is distinct from (new_stop, new.agency_id, new.channel) then
            d := least(d, old_stop, new_stop);
          end if;
          if tg_op = 'INSERT' or (old.received_at, old.agency_id, old.channel) is distinct from (new.received_at, new.agency_id, new.channel) then
            d := least(d, (new.received_at at time zone 'Asia/Ho_Chi_Minh')::date);
            if tg_op = 'UPDATE' then
              d := least(d, (old.received_at at time zone 'Asia/Ho_Chi_Minh')::date);
            end if;
          end if;
          if tg_op = 'INSERT' or (old.completed_at, old.ending, old.due_at, old.agency_id, old.channel) is distinct from (new.completed_at, new.ending, new.due_at, new.agency_id, new.channel) then
            d := least(d, (new.completed_at at time zone 'Asia/Ho_Chi_Minh')::date);
            if tg_op = 'UPDATE' then
              d := least(d, (old.completed_at at time zone 'Asia/Ho_Chi_Minh')::date);
            end if;
          end if;
        end if;
        if d is not null and d <= f then
          delete from dossier_stat_day where day >= d;
          update dossier_stat_fill set filled_through = d - 1;
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger dossier_stat_day_guard after insert or update or delete on dossier_stat for each row execute function dossier_stat_day_guard();`);
    this.addSql(`
      create table report (
        id uuid primary key,
        period varchar(10) not null check (period in ('MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR')),
        agency_id uuid null references agency(id) on delete cascade,
        period_from date not null,
        period_to date not null,
        due_by date not null,
        generated_at timestamptz not null,
        generated_by text not null,
        rows jsonb not null,
        xlsx_file_id uuid not null references stored_file(id),
        csv_file_id uuid not null references stored_file(id)
      );`);
    this.addSql(`create unique index report_period_idx on report (period, period_from, coalesce(agency_id, '00000000-0000-0000-0000-000000000000'::uuid));`);
    this.addSql(`create index report_listing_idx on report (period_from desc, period);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists report;');
    this.addSql('drop trigger if exists dossier_stat_day_guard on dossier_stat;');
    this.addSql('drop function if exists dossier_stat_day_guard;');
    this.addSql('drop index if exists dossier_stat_overdue_stop_idx;');
    this.addSql('drop function if exists dossier_stat_overdue_stop;');
    this.addSql('drop table if exists dossier_stat_day, dossier_stat_fill;');
    this.addSql('drop trigger if exists dossier_stat_sync on dossier;');
    this.addSql('drop function if exists dossier_stat_sync;');
    this.addSql('drop table if exists dossier_stat;');
  }
}
