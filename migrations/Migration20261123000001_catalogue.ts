import { Migration } from '@mikro-orm/migrations';

/** Catalogue: agencies (three levels), sectors, procedures (components and fees as JSON values) and who implements them. */
export class Migration20261123000001_catalogue extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table agency (
        id uuid primary key,
        code varchar(40) not null unique,
        name text not null,
        level varchar(10) not null check (level in ('PROVINCE','DISTRICT','COMMUNE')),
        parent_id uuid null references agency(id) on delete restrict,
        one_stop_phone text null,
        created_at timestamptz not null default now()
      );`);
    this.addSql(`create index agency_parent_idx on agency(parent_id);`);
    this.addSql(`
      create table sector (
        id uuid primary key,
        code varchar(40) not null unique,
        name text not null
      );`);
    this.addSql(`
      create table procedure (
        id uuid primary key,
        code varchar(60) not null unique,
        name text not null,
        search_text text not null,
        sector_id uuid not null references sector(id) on delete restrict,
        level varchar(10) not null check (level in ('PROVINCE','DISTRICT','COMMUNE')),
        service_level varchar(20) not null check (service_level in ('FULL_ONLINE','PARTIAL_ONLINE','NOT_ONLINE')),
        steps jsonb not null,
        channels jsonb not null,
        processing_working_days double precision not null check (processing_working_days >= 0),
        target_subjects jsonb not null,
        result_description text not null,
        requirements text null,
        components jsonb not null default '[]',
        fees jsonb not null default '[]',
        legal_bases jsonb not null,
        location text null,
        published_at date null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);
    this.addSql(`create index procedure_sector_idx on procedure(sector_id);`);
    this.addSql(`
      create table procedure_agency (
        procedure_id uuid not null references procedure(id) on delete cascade,
        agency_id uuid not null references agency(id) on delete cascade,
        primary key (procedure_id, agency_id)
      );`);
    this.addSql(`create index procedure_agency_agency_idx on procedure_agency(agency_id);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists procedure_agency, procedure, sector, agency cascade;');
  }
}
