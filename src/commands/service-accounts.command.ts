import { randomBytes } from 'node:crypto';
import type { CommandContext } from './command-context';
import { badInput, msg, notFound } from '../errors';
import { isRequestableAction } from '../domain/dossier-machine';
import { hashSecret, newSecret } from '../auth/secrets';
import { agenciesByCodes } from '../stores/catalogue.store';
import {
  deactivateServiceAccount as deactivateRow,
  insertServiceAccount,
  rotateServiceAccountSecret as rotateRow,
  type ServiceAccountRow,
} from '../stores/service-account.store';

/**
 * Service accounts of sector systems (issue 16), managed by ADMIN: one agency, the dossier
 * actions it may take; the secret is shown once and kept as an scrypt hash.
 */

export interface CreateServiceAccountInput {
  name: string;
  agencyCode: string;
  actions: string[];
}

export async function createServiceAccount(ctx: CommandContext, input: CreateServiceAccountInput): Promise<{ account: ServiceAccountRow; clientSecret: string }> {
  const by = ctx.viewer.requireRole('ADMIN').subject;
  if (!input.name.trim()) throw badInput('name', msg('Cần tên hệ thống', 'name is required'));
  const bad = input.actions.filter((a) => !isRequestableAction(a));
  if (input.actions.length === 0 || bad.length) throw badInput('actions', msg(`Thao tác không hợp lệ: ${bad.join(', ') || '(trống)'}`, `not dossier actions: ${bad.join(', ') || '(none)'}`));
  if ((await agenciesByCodes(ctx.db, [input.agencyCode])).length === 0) throw badInput('agencyCode', msg(`Không có cơ quan ${input.agencyCode}`, `no such agency ${input.agencyCode}`));
  const clientSecret = newSecret();
  const clientId = `sa-${randomBytes(9).toString('base64url')}`;
  const account = await insertServiceAccount(ctx.db, { clientId, name: input.name.trim(), agencyCode: input.agencyCode, actions: [...new Set(input.actions)], secretHash: await hashSecret(clientSecret) }, by, ctx.now);
  return { account, clientSecret };
}

/** A new secret; the old one keeps working for `overlapSeconds` (0: at once no more). */
export async function rotateServiceAccountSecret(ctx: CommandContext, input: { clientId: string; overlapSeconds: number }): Promise<{ account: ServiceAccountRow; clientSecret: string }> {
  const by = ctx.viewer.requireRole('ADMIN').subject;
  if (input.overlapSeconds < 0 || input.overlapSeconds > 30 * 86400) throw badInput('overlapSeconds', msg('Thời gian chồng lấn từ 0 đến 30 ngày', 'overlap is 0 to 30 days'));
  const clientSecret = newSecret();
  const account = await rotateRow(ctx.db, input.clientId, await hashSecret(clientSecret), new Date(Date.now() + input.overlapSeconds * 1000), by, ctx.now);
  if (!account) throw notFound(msg('Không có tài khoản hệ thống này (hoặc đã bị khóa)', 'no such active service account'));
  ctx.afterCommit(() => ctx.services.accounts.changed({ serviceAccountId: account.id }));
  return { account, clientSecret };
}

export async function deactivateServiceAccount(ctx: CommandContext, input: { clientId: string }): Promise<ServiceAccountRow> {
  const by = ctx.viewer.requireRole('ADMIN').subject;
  const account = await deactivateRow(ctx.db, input.clientId, by, ctx.now);
  if (!account) throw notFound(msg('Không có tài khoản hệ thống này', 'no such service account'));
  ctx.afterCommit(() => ctx.services.accounts.changed({ serviceAccountId: account.id }));
  return account;
}

