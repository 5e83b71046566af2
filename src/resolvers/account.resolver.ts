import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import type { Dossier } from '../entities';
import { DossierType } from '../schema/dossier.types';
import {
  AuditEventType,
  AuditFilterInput,
  ChangeStaffMemberInput,
  CreateServiceAccountInput,
  CreateStaffMemberInput,
  DossierAccessType,
  ServiceAccountSecretType,
  ServiceAccountType,
  StaffChangeType,
  StaffMemberType,
} from '../schema/account.types';
import { changeStaffMember, createStaffMember, setStaffMemberActive } from '../commands/staff-directory.command';
import { createServiceAccount, deactivateServiceAccount, rotateServiceAccountSecret } from '../commands/service-accounts.command';
import { auditEvents, dossierAccessLog, serviceAccounts, staffChanges, staffMembers } from '../queries/account.queries';
import type { StaffMemberRow } from '../stores/staff.store';
import type { ServiceAccountRow } from '../stores/service-account.store';
import type { AuditRow } from '../stores/audit.store';

const serviceAccountOut = (a: ServiceAccountRow): ServiceAccountType => ({
  clientId: a.clientId,
  name: a.name,
  agencyCode: a.agencyCode,
  actions: a.actions,
  active: a.active,
  previousSecretValidUntil: a.previousValidUntil && a.previousValidUntil.getTime() > Date.now() ? a.previousValidUntil : null,
  createdAt: a.createdAt,
});

const limitOf = (ctx: Context, first: number) => Math.max(1, Math.min(first, ctx.services.config.PAGE_MAX));

/** Hub additions (issue 16): the staff directory and service accounts, for ADMIN. */
@Resolver(() => StaffMemberType)
export class StaffDirectoryResolver {
  @Query(() => [StaffMemberType], { description: 'Hub addition (ADMIN): the staff directory.' })
  staffMembers(
    @Ctx() ctx: Context,
    @Arg('agencyCode', () => String, { nullable: true }) agencyCode: string | null,
    @Arg('active', () => Boolean, { nullable: true }) active: boolean | null,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
  ): Promise<StaffMemberRow[]> {
    return staffMembers(ctx.db, ctx.viewer, { agencyCode, active }, limitOf(ctx, first));
  }

  @Mutation(() => StaffMemberType, { description: 'Hub addition (ADMIN): adds a staff member (subject as at the identity provider).' })
  createStaffMember(@Arg('input', () => CreateStaffMemberInput) input: CreateStaffMemberInput, @Ctx() ctx: Context) {
    return ctx.run(createStaffMember, input);
  }

  @Mutation(() => StaffMemberType, { description: "Hub addition (ADMIN): changes a member's name, roles or agencies (takes effect on their next request)." })
  changeStaffMember(@Arg('input', () => ChangeStaffMemberInput) input: ChangeStaffMemberInput, @Ctx() ctx: Context) {
    return ctx.run(changeStaffMember, input);
  }

  @Mutation(() => StaffMemberType, { description: 'Hub addition (ADMIN): refuses the member from their next request and ends their live subscriptions within a minute.' })
  deactivateStaffMember(@Arg('subject', () => String) subject: string, @Ctx() ctx: Context) {
    return ctx.run(setStaffMemberActive, { subject, active: false });
  }

  @Mutation(() => StaffMemberType, { description: 'Hub addition (ADMIN): honours a deactivated member again.' })
  reactivateStaffMember(@Arg('subject', () => String) subject: string, @Ctx() ctx: Context) {
    return ctx.run(setStaffMemberActive, { subject, active: true });
  }

  @FieldResolver(() => [StaffChangeType])
  async changes(@Root() m: StaffMemberRow, @Ctx() ctx: Context): Promise<StaffChangeType[]> {
    return (await staffChanges(ctx.db, ctx.viewer, m.subject)).map((c) => ({ ...c, before: c.before ? JSON.stringify(c.before) : null, after: JSON.stringify(c.after) }));
  }
}

@Resolver(() => ServiceAccountType)
export class ServiceAccountResolver {
  @Query(() => [ServiceAccountType], { description: "Hub addition (ADMIN): sector systems' service accounts." })
  async serviceAccounts(
    @Ctx() ctx: Context,
    @Arg('agencyCode', () => String, { nullable: true }) agencyCode: string | null,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
  ): Promise<ServiceAccountType[]> {
    return (await serviceAccounts(ctx.db, ctx.viewer, agencyCode, limitOf(ctx, first))).map(serviceAccountOut);
  }

  @Mutation(() => ServiceAccountSecretType, { description: 'Hub addition (ADMIN): a service account for an agency and the dossier actions it may take; the secret is shown once.' })
  async createServiceAccount(@Arg('input', () => CreateServiceAccountInput) input: CreateServiceAccountInput, @Ctx() ctx: Context): Promise<ServiceAccountSecretType> {
    const { account, clientSecret } = await ctx.run(createServiceAccount, input);
    return { serviceAccount: serviceAccountOut(account), clientSecret };
  }

  @Mutation(() => ServiceAccountSecretType, { description: 'Hub addition (ADMIN): a new secret (shown once); the old one is accepted for overlapSeconds more.' })
  async rotateServiceAccountSecret(
    @Arg('clientId', () => String) clientId: string,
    @Arg('overlapSeconds', () => Int, { defaultValue: 86400 }) overlapSeconds: number,
    @Ctx() ctx: Context,
  ): Promise<ServiceAccountSecretType> {
    const { account, clientSecret } = await ctx.run(rotateServiceAccountSecret, { clientId, overlapSeconds });
    return { serviceAccount: serviceAccountOut(account), clientSecret };
  }

  @Mutation(() => ServiceAccountType, { description: 'Hub addition (ADMIN): no new token is issued and tokens already issued are refused from the next request.' })
  async deactivateServiceAccount(@Arg('clientId', () => String) clientId: string, @Ctx() ctx: Context): Promise<ServiceAccountType> {
    return serviceAccountOut(await ctx.run(deactivateServiceAccount, { clientId }));
  }
}

@Resolver(() => AuditEventType)
export class AuditResolver {
  @Query(() => [AuditEventType], { description: 'Hub addition (ADMIN): the audit trail by dossier, subject or period, newest first.' })
  async auditEvents(
    @Ctx() ctx: Context,
    @Arg('filter', () => AuditFilterInput, { nullable: true }) filter: AuditFilterInput | null,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
  ): Promise<AuditEventType[]> {
    const rows = await auditEvents(ctx.db, ctx.viewer, filter ?? {}, limitOf(ctx, first));
    return rows.map((r: AuditRow) => ({ ...r, serviceAccount: r.serviceAccountId, roles: r.roles as AuditEventType['roles'] }));
  }
}

@Resolver(() => DossierType)
export class DossierAccessLogResolver {
  @FieldResolver(() => [DossierAccessType], { description: "Hub addition: who else read this dossier's personal data (its applicant, and ADMIN)." })
  accessLog(@Root() d: Dossier, @Ctx() ctx: Context, @Arg('first', () => Int, { defaultValue: 50 }) first: number) {
    return dossierAccessLog(ctx.db, ctx.viewer, d, limitOf(ctx, first));
  }
}
