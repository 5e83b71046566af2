import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Db } from '../db/sql';

/** Service accounts of sector systems and the hub's own signing keys (migrations/…_accounts_audit). */

export interface ServiceAccountRow {
  id: string;
  clientId: string;
  name: string;
  agencyCode: string;
  actions: string[];
  secretHash: string;
  previousSecretHash: string | null;
  previousValidUntil: Date | null;
  active: boolean;
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

interface Record_ {
  id: string;
  client_id: string;
  name: string;
  agency_code: string;
  actions: string[];
  secret_hash: string;
  previous_secret_hash: string | null;
  previous_valid_until: string | Date | null;
  active: boolean;
  version: number;
  created_by: string;
  created_at: string | Date;
  updated_at: string | Date;
}

const toRow = (r: Record_): ServiceAccountRow => ({
  id: r.id,
  clientId: r.client_id,
  name: r.name,
  agencyCode: r.agency_code,
  actions: r.actions,
  secretHash: r.secret_hash,
  previousSecretHash: r.previous_secret_hash,
  previousValidUntil: r.previous_valid_until ? new Date(r.previous_valid_until) : null,
  active: r.active,
  version: r.version,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

export async function insertServiceAccount(db: Db, a: { clientId: string; name: string; agencyCode: string; actions: readonly string[]; secretHash: string }, by: string, now: Date): Promise<ServiceAccountRow> {
  const id = randomUUID();
  const row = await db.one<Record_>(sql`
    with a as (
      insert into service_account ${sql.values({ id, client_id: a.clientId, name: a.name, agency_code: a.agencyCode, actions: sql.array(a.actions, 'text'), secret_hash: a.secretHash, active: true, version: 1, created_by: by, created_at: now, updated_at: now })}
      returning *
    ), log as (
      insert into service_account_change (service_account_id, change, changed_by, changed_at, detail)
      select id, 'CREATED', ${by}, ${now}, jsonb_build_object('agencyCode', agency_code, 'actions', to_jsonb(actions)) from a
    )
    select * from a`);
  return toRow(row!);
}

export async function serviceAccountsById(db: Db, ids: readonly string[]): Promise<ServiceAccountRow[]> {
  if (ids.length === 0) return [];
  return (await db.all<Record_>(sql`select * from service_account where id = any(${sql.array(ids, 'uuid')})`)).map(toRow);
}

export async function serviceAccountByClientId(db: Db, clientId: string): Promise<ServiceAccountRow | null> {
  const r = await db.one<Record_>(sql`select * from service_account where client_id = ${clientId}`);
  return r ? toRow(r) : null;
}

export async function listServiceAccounts(db: Db, agencyCode: string | null, limit: number): Promise<ServiceAccountRow[]> {
  return (await db.all<Record_>(sql`select * from service_account ${agencyCode ? sql`where agency_code = ${agencyCode}` : sql.empty} order by created_at, id limit ${limit}`)).map(toRow);
}

/** A new secret; the current one stays valid until `previousValidUntil` (the overlap). */
export async function rotateServiceAccountSecret(db: Db, clientId: string, secretHash: string, previousValidUntil: Date, by: string, now: Date): Promise<ServiceAccountRow | null> {
  const row = await db.one<Record_>(sql`
    with a as (
      update service_account set previous_secret_hash = secret_hash, previous_valid_until = ${previousValidUntil}, secret_hash = ${secretHash},
        version = version + 1, updated_at = ${now}
      where client_id = ${clientId} and active
      returning *
    ), log as (
      insert into service_account_change (service_account_id, change, changed_by, changed_at, detail)
      select id, 'SECRET_ROTATED', ${by}, ${now}, jsonb_build_object('previousValidUntil', previous_valid_until) from a
    )
    select * from a`);
  return row ? toRow(row) : null;
}

export async function deactivateServiceAccount(db: Db, clientId: string, by: string, now: Date): Promise<ServiceAccountRow | null> {
  const row = await db.one<Record_>(sql`
    with a as (
      update service_account set active = false, version = version + 1, updated_at = ${now}
      where client_id = ${clientId}
      returning *
    ), log as (
      insert into service_account_change (service_account_id, change, changed_by, changed_at)
      select id, 'DEACTIVATED', ${by}, ${now} from a
    )
    select * from a`);
  return row ? toRow(row) : null;
}

/** The hub's signing key by name, made (random, 32 bytes) by whichever process asks first. */
export async function hubKey(db: Db, name: string, now: Date): Promise<string> {
  await db.all(sql`insert into hub_key (name, secret, created_at) values (${name}, ${randomBytes(32).toString('base64url')}, ${now}) on conflict (name) do nothing`);
  const r = await db.one<{ secret: string }>(sql`select secret from hub_key where name = ${name}`);
  return r!.secret;
}
