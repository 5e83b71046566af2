import type { CommandContext } from './command-context';
import { badInput, conflict, forbidden, msg, notFound } from '../errors';
import { directoryProblems } from '../domain/staff';
import type { Role } from '../domain/roles';
import { insertStaffMember, staffMember, updateStaffMember, type StaffMemberRow } from '../stores/staff.store';
import { agenciesByCodes } from '../stores/catalogue.store';
import type { Db } from '../db/sql';

/**
 * The staff directory (issue 16), kept by ADMIN: each change writes the member and its log line
 * (who, when, before, after) in one statement; after the commit every hub process drops its
 * cached lookup, so the change holds from the next request.
 */

function requireAdmin(ctx: CommandContext): string {
  const v = ctx.viewer.requireRole('ADMIN');
  return v.subject;
}

function refuseProblems(e: { roles: readonly string[]; agencyCodes: readonly string[]; subject?: string; fullName?: string }): void {
  const p = directoryProblems(e)[0];
  if (p) throw badInput(p.field, p.message);
}

async function requireAgencies(db: Db, codes: readonly string[]): Promise<void> {
  const found = new Set((await agenciesByCodes(db, codes)).map((a) => a.code));
  const missing = codes.filter((c) => !found.has(c));
  if (missing.length) throw badInput('agencyCodes', msg(`Không có cơ quan: ${missing.join(', ')}`, `no such agency: ${missing.join(', ')}`));
}

export interface CreateStaffMemberInput {
  subject: string;
  fullName: string;
  roles: Role[];
  agencyCodes: string[];
}

export async function createStaffMember(ctx: CommandContext, input: CreateStaffMemberInput): Promise<StaffMemberRow> {
  const by = requireAdmin(ctx);
  refuseProblems(input);
  await requireAgencies(ctx.db, input.agencyCodes);
  const row = await insertStaffMember(ctx.db, { ...input, fullName: input.fullName.trim() }, by, ctx.now);
  if (!row) throw conflict(msg(`Cán bộ ${input.subject} đã có trong danh bạ`, `${input.subject} is already in the directory`), 'STAFF_EXISTS');
  ctx.afterCommit(() => ctx.services.accounts.changed({ subject: row.subject }));
  return row;
}

export interface ChangeStaffMemberInput {
  subject: string;
  fullName?: string | null;
  roles?: Role[] | null;
  agencyCodes?: string[] | null;
  expectedVersion?: number | null;
}

export async function changeStaffMember(ctx: CommandContext, input: ChangeStaffMemberInput): Promise<StaffMemberRow> {
  const by = requireAdmin(ctx);
  const current = await staffMember(ctx.db, input.subject);
  if (!current) throw notFound(msg(`Không có cán bộ ${input.subject} trong danh bạ`, `${input.subject} is not in the directory`));
  const next = { roles: input.roles ?? current.roles, agencyCodes: input.agencyCodes ?? current.agencyCodes, fullName: input.fullName ?? undefined };
  refuseProblems(next);
  if (input.agencyCodes) await requireAgencies(ctx.db, input.agencyCodes);
  const change = { fullName: input.fullName?.trim() ?? undefined, roles: input.roles ?? undefined, agencyCodes: input.agencyCodes ?? undefined };
  return write(ctx, input.subject, change, 'CHANGED', by, input.expectedVersion ?? null);
}

export async function setStaffMemberActive(ctx: CommandContext, input: { subject: string; active: boolean }): Promise<StaffMemberRow> {
  const by = requireAdmin(ctx);
  if (!input.active && input.subject === by) throw forbidden(msg('Không tự khóa tài khoản của chính mình được', 'you cannot deactivate yourself'));
  return write(ctx, input.subject, { active: input.active }, input.active ? 'REACTIVATED' : 'DEACTIVATED', by, null);
}

async function write(ctx: CommandContext, subject: string, change: Parameters<typeof updateStaffMember>[2], kind: 'CHANGED' | 'DEACTIVATED' | 'REACTIVATED', by: string, expectedVersion: number | null): Promise<StaffMemberRow> {
  const row = await updateStaffMember(ctx.db, subject, change, kind, by, ctx.now, expectedVersion);
  if (!row) {
    const exists = await staffMember(ctx.db, subject);
    if (!exists) throw notFound(msg(`Không có cán bộ ${subject} trong danh bạ`, `${subject} is not in the directory`));
    throw conflict(msg(`Thông tin cán bộ vừa được người khác cập nhật (phiên bản ${exists.version}); hãy tải lại`, `the member changed meanwhile (version ${exists.version})`), 'STALE_VERSION');
  }
  ctx.afterCommit(() => ctx.services.accounts.changed({ subject }));
  return row;
}
