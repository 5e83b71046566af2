import { sql, type Db } from '../db/sql';
import type { Role } from '../domain/roles';
import type { DirectoryEntry } from '../domain/staff';

/** The staff directory (migrations/…_accounts_audit): members and the log of their changes. */

export interface StaffMemberRow extends DirectoryEntry {
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface StaffChangeRow {
  id: string;
  subject: string;
  change: 'CREATED' | 'CHANGED' | 'DEACTIVATED' | 'REACTIVATED';
  changedBy: string;
  changedAt: Date;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

interface StaffRecord {
  subject: string;
  full_name: string;
  agency_codes: string[];
  roles: string[];
  active: boolean;
  version: number;
  created_at: string | Date;
  updated_at: string | Date;
}

const toMember = (r: StaffRecord): StaffMemberRow => ({
  subject: r.subject,
  fullName: r.full_name,
  agencyCodes: r.agency_codes,
  roles: r.roles as Role[],
  active: r.active,
  version: r.version,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

const snapshot = (m: { fullName: string; roles: readonly string[]; agencyCodes: readonly string[]; active: boolean }) => ({ fullName: m.fullName, roles: [...m.roles], agencyCodes: [...m.agencyCodes], active: m.active });

export async function staffMembersBySubject(db: Db, subjects: readonly string[]): Promise<StaffMemberRow[]> {
  if (subjects.length === 0) return [];
  return (await db.all<StaffRecord>(sql`select * from staff_member where subject = any(${sql.array(subjects, 'text')})`)).map(toMember);
}

export async function staffMember(db: Db, subject: string): Promise<StaffMemberRow | null> {
  return (await staffMembersBySubject(db, [subject]))[0] ?? null;
}

export async function listStaffMembers(db: Db, filter: { agencyCode?: string | null; active?: boolean | null; limit: number }): Promise<StaffMemberRow[]> {
  const conds = [sql`true`];
  if (filter.agencyCode) conds.push(sql`${filter.agencyCode} = any(agency_codes)`);
  if (filter.active != null) conds.push(sql`active = ${filter.active}`);
  return (await db.all<StaffRecord>(sql`select * from staff_member where ${sql.join(conds, ' and ')} order by subject limit ${filter.limit}`)).map(toMember);
}

/**
 * Creates a member and its CREATED log line in one statement; null when the subject exists.
 */
export async function insertStaffMember(db: Db, m: { subject: string; fullName: string; roles: readonly string[]; agencyCodes: readonly string[] }, by: string, now: Date): Promise<StaffMemberRow | null> {
  const row = await db.one<StaffRecord>(sql`
    with m as (
      insert into staff_member (subject, full_name, agency_codes, roles, active, version, created_at, updated_at)
      values (${m.subject}, ${m.fullName}, ${sql.array(m.agencyCodes, 'text')}, ${sql.array(m.roles, 'text')}, true, 1, ${now}, ${now})
      on conflict (subject) do nothing
      returning *
    ), log as (
      insert into staff_change (subject, change, changed_by, changed_at, before, after)
      select subject, 'CREATED', ${by}, ${now}, null, ${sql.json(snapshot({ ...m, active: true }))} from m
    )
    select * from m`);
  return row ? toMember(row) : null;
}

/**
 * Changes a member (only the given parts) and logs before and after in the same statement;
 * guarded by the version when one is expected. Null: no such member, or another version.
 */
export async function updateStaffMember(
  db: Db,
  subject: string,
  change: { fullName?: string; roles?: readonly string[]; agencyCodes?: readonly string[]; active?: boolean },
  kind: StaffChangeRow['change'],
  by: string,
  now: Date,
  expectedVersion: number | null,
): Promise<StaffMemberRow | null> {
  const set = [sql`version = s.version + 1`, sql`updated_at = ${now}`];
  if (change.fullName !== undefined) set.push(sql`full_name = ${change.fullName}`);
  if (change.roles !== undefined) set.push(sql`roles = ${sql.array(change.roles, 'text')}`);
  if (change.agencyCodes !== undefined) set.push(sql`agency_codes = ${sql.array(change.agencyCodes, 'text')}`);
  if (change.active !== undefined) set.push(sql`active = ${change.active}`);
  const row = await db.one<StaffRecord>(sql`
    with old as (
      select * from staff_member where subject = ${subject} ${expectedVersion == null ? sql.empty : sql`and version = ${expectedVersion}`} for update
    ), u as (
      update staff_member s set ${sql.join(set)} from old where s.subject = old.subject returning s.*
    ), log as (
      insert into staff_change (subject, change, changed_by, changed_at, before, after)
      select u.subject, ${kind}, ${by}, ${now},
        jsonb_build_object('fullName', old.full_name, 'roles', to_jsonb(old.roles), 'agencyCodes', to_jsonb(old.agency_codes), 'active', old.active),
        jsonb_build_object('fullName', u.full_name, 'roles', to_jsonb(u.roles), 'agencyCodes', to_jsonb(u.agency_codes), 'active', u.active)
      from u join old on old.subject = u.subject
    )
    select * from u`);
  return row ? toMember(row) : null;
}

/**
 * Registers (or widens) a member the way an operator would: the union of what they hold and what
 * is given; active again. Used by the demo seed and test helpers, never by a request.
 */
export async function registerStaffMember(db: Db, m: { subject: string; fullName: string; roles: readonly string[]; agencyCodes: readonly string[] }, by: string, now: Date): Promise<void> {
  await db.all(sql`
    with m as (
      insert into staff_member as s (subject, full_name, agency_codes, roles, active, version, created_at, updated_at)
      values (${m.subject}, ${m.fullName}, ${sql.array(m.agencyCodes, 'text')}, ${sql.array(m.roles, 'text')}, true, 1, ${now}, ${now})
      on conflict (subject) do update set
        agency_codes = array(select distinct unnest(s.agency_codes || excluded.agency_codes) order by 1),
        roles = array(select distinct unnest(s.roles || excluded.roles) order by 1),
        active = true, version = s.version + 1, updated_at = excluded.updated_at
      where not (s.agency_codes @> excluded.agency_codes and s.roles @> excluded.roles and s.active)
      returning *
    )
    insert into staff_change (subject, change, changed_by, changed_at, before, after)
    select subject, case when version = 1 then 'CREATED' else 'CHANGED' end, ${by}, ${now}, null,
      jsonb_build_object('fullName', full_name, 'roles', to_jsonb(roles), 'agencyCodes', to_jsonb(agency_codes), 'active', active)
    from m`);
}

interface ChangeRecord {
  id: string;
  subject: string;
  change: StaffChangeRow['change'];
  changed_by: string;
  changed_at: string | Date;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

export async function staffChangesOf(db: Db, subjects: readonly string[]): Promise<StaffChangeRow[]> {
  if (subjects.length === 0) return [];
  const rows = await db.all<ChangeRecord>(sql`select * from staff_change where subject = any(${sql.array(subjects, 'text')}) order by changed_at, id`);
  return rows.map((r) => ({ id: String(r.id), subject: r.subject, change: r.change, changedBy: r.changed_by, changedAt: new Date(r.changed_at), before: r.before, after: r.after }));
}
