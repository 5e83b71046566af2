import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { ConnectionArgs } from '../schema/common.types';
import type { Context } from '../context';
import { Dossier } from '../entities';
import { badInput, msg } from '../errors';
import { viDossierAction } from '../domain/labels-vi';
import { dossierStream } from '../queries/dossier-stream';
import {
  ApplicantType,
  DossierConnection,
  DossierEventType,
  DossierFilterInput,
  DossierPayload,
  DossierResultType,
  SubmittedComponentType,
  DossierStatusEventType,
  DossierTrackingType,
  DossierType,
  EvaluationType,
  PaymentType,
  SubmitDossierInput,
  SyncStateType,
  TransitionDossierInput,
} from '../schema/dossier.types';
import { AgencyType, ProcedureType } from '../schema/catalogue.types';
import { DateTimeScalar } from '../schema/scalars';
import { toGlobalId } from '../schema/global-id';
import { submitDossier } from '../commands/submit-dossier.command';
import { transitionDossier } from '../commands/transition-dossier.command';
import { findDossiers, readableDossier, readableDossierById, readableDossierIdOf, trackDossierByCode } from '../queries/dossier.queries';
import { estimateDueDate } from '../queries/catalogue.queries';
import { isOverdue } from '../domain/dossier';
import { isRequestableAction } from '../domain/dossier-machine';
import type { DossierStatusEventPayload } from '../realtime/pubsub';
import { registerNodeType } from './viewer.resolver';
import { decodeNodeId } from '../schema/global-id';
import type { ComponentInput } from '../schema/dossier.types';
import type { ComponentInputData } from '../domain/components';

registerNodeType('Dossier', (ctx, id) => readableDossierById(ctx.db, ctx.viewer, id));
// Payments and evaluations are read with their dossier (Dossier.payments, Dossier.evaluation): the same viewers.
registerNodeType('Payment', async (ctx, id) => {
  const dossierId = await readableDossierIdOf(ctx.db, ctx.loaders.dossierAccess, 'payment', id);
  return dossierId ? ((await ctx.loaders.paymentsByDossier.load(dossierId)).find((p) => p.id === id) ?? null) : null;
});
registerNodeType('Evaluation', async (ctx, id) => {
  const dossierId = await readableDossierIdOf(ctx.db, ctx.loaders.dossierAccess, 'evaluation', id);
  const e = dossierId ? await ctx.loaders.evaluationByDossier.load(dossierId) : null;
  return e?.id === id ? e : null;
});

/** Component inputs with their file and document ids decoded (BAD_USER_INPUT on a foreign id). */
function componentInputs(list: readonly ComponentInput[], field: string): ComponentInputData[] {
  return list.map((c, i) => ({
    ...c,
    fileId: c.fileId ? decodeNodeId(c.fileId, 'StoredFile', `${field}[${i}].fileId`) : null,
    citizenDocumentId: c.citizenDocumentId ? decodeNodeId(c.citizenDocumentId, 'CitizenDocument', `${field}[${i}].citizenDocumentId`) : null,
  }));
}

@Resolver(() => DossierType)
export class DossierResolver {
  @Query(() => DossierType, { nullable: true })
  dossier(@Arg('code', () => String) code: string, @Ctx() ctx: Context): Promise<Dossier | null> {
    return readableDossier(ctx.db, ctx.viewer, code);
  }

  @Query(() => DossierConnection)
  dossiers(
    @Ctx() ctx: Context,
    @Arg('filter', () => DossierFilterInput, { nullable: true }) filter: DossierFilterInput | null,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
  ) {
    return findDossiers(ctx.db, ctx.viewer, filter, page, ctx.services.config.PAGE_MAX, ctx.services.clock.now());
  }

  @Query(() => DossierTrackingType, { nullable: true, description: 'Public look-up by code (tra cứu hồ sơ).' })
  trackDossier(@Arg('code', () => String) code: string, @Ctx() ctx: Context): Promise<DossierTrackingType | null> {
    return trackDossierByCode(ctx.db, code);
  }

  @Query(() => DateTimeScalar, { description: 'Ngày hẹn trả if the dossier were received at submittedAt (default: now).' })
  async estimateDueDate(
    @Ctx() ctx: Context,
    @Arg('procedureCode', () => String) procedureCode: string,
    @Arg('submittedAt', () => DateTimeScalar, { nullable: true }) submittedAt: Date | null,
  ): Promise<Date> {
    return estimateDueDate(ctx.db, ctx.services.calendar, procedureCode, submittedAt ?? ctx.services.clock.now());
  }

  @Mutation(() => DossierPayload)
  async submitDossier(@Arg('input', () => SubmitDossierInput) input: SubmitDossierInput, @Ctx() ctx: Context) {
    const dossier = await ctx.run(submitDossier, {
      ...input,
      components: componentInputs(input.components, 'input.components'),
      channel: input.channel ?? 'ONLINE',
      delivery: input.delivery ?? 'ONLINE',
      applicant: { ...input.applicant, kind: input.applicant.kind ?? 'CITIZEN' },
    });
    return { dossier };
  }

  @Mutation(() => DossierPayload)
  async transitionDossier(@Arg('input', () => TransitionDossierInput) input: TransitionDossierInput, @Ctx() ctx: Context) {
    const { action } = input;
    if (!isRequestableAction(action)) throw badInput('action', msg(`Thao tác ${viDossierAction(action)} do hệ thống tự ghi nhận, không gửi yêu cầu được`, `${action} is recorded by the hub itself, not requested`));
    const { result, components } = input;
    const dossier = await ctx.run(transitionDossier, {
      ...input,
      action,
      components: components && componentInputs(components, 'input.components'),
      result: result && { ...result, fileId: result.fileId ? decodeNodeId(result.fileId, 'StoredFile', 'input.result.fileId') : null },
    });
    return { dossier };
  }

  @FieldResolver(() => ID)
  id(@Root() d: Dossier): string {
    return toGlobalId('Dossier', d.id);
  }

  @FieldResolver(() => ProcedureType)
  procedure(@Root() d: Dossier, @Ctx() ctx: Context) {
    return ctx.loaders.procedureById.load(d.procedure.id);
  }

  @FieldResolver(() => AgencyType)
  agency(@Root() d: Dossier, @Ctx() ctx: Context) {
    return ctx.loaders.agencyById.load(d.agency.id);
  }

  @FieldResolver(() => ApplicantType)
  applicant(@Root() d: Dossier, @Ctx() ctx: Context): ApplicantType {
    ctx.audit.dossierRead('Dossier.applicant', d); // personal data: on the audit trail (issue 16)
    return {
      kind: d.applicantKind,
      fullName: d.applicantFullName,
      identityNumber: d.applicantIdentityNumber,
      birthDate: d.applicantBirthDate,
      phone: d.applicantPhone,
      email: d.applicantEmail,
      address: d.applicantAddress,
      verification: d.applicantVerification,
    };
  }

  @FieldResolver(() => [SubmittedComponentType])
  components(@Root() d: Dossier, @Ctx() ctx: Context) {
    ctx.audit.dossierRead('Dossier.components', d);
    return d.components;
  }

  @FieldResolver(() => DossierResultType, { nullable: true })
  result(@Root() d: Dossier, @Ctx() ctx: Context) {
    ctx.audit.dossierRead('Dossier.result', d);
    return d.result ?? null;
  }

  @FieldResolver(() => Boolean)
  overdue(@Root() d: Dossier, @Ctx() ctx: Context): boolean {
    return isOverdue(d, ctx.services.clock.now());
  }

  @FieldResolver(() => Int)
  outstandingFees(@Root() d: Dossier): number {
    return d.outstandingFees;
  }

  @FieldResolver(() => [DossierEventType])
  history(@Root() d: Dossier, @Ctx() ctx: Context) {
    return ctx.loaders.historyByDossier.load(d.id);
  }

  @FieldResolver(() => [PaymentType])
  payments(@Root() d: Dossier, @Ctx() ctx: Context) {
    return ctx.loaders.paymentsByDossier.load(d.id);
  }

  @FieldResolver(() => EvaluationType, { nullable: true })
  evaluation(@Root() d: Dossier, @Ctx() ctx: Context) {
    return ctx.loaders.evaluationByDossier.load(d.id);
  }

  @FieldResolver(() => SyncStateType)
  nationalSync(@Root() d: Dossier, @Ctx() ctx: Context): Promise<SyncStateType> {
    return ctx.loaders.nationalSync.load(d.id);
  }
}

@Resolver()
export class DossierSubscriptionResolver {
  @Subscription(() => DossierStatusEventType, {
    description: 'By code: anyone who knows it (no personal data in the event). By agencyCode: staff of that agency or of an agency above it, ADMIN, OBSERVER. Neither: ADMIN or OBSERVER.',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      return ctx.services.pubSub.subscribe('DOSSIER_STATUS', await dossierStream(ctx.db, ctx.viewer, args as { code?: string | null; agencyCode?: string | null }));
    },
  })
  dossierStatusChanged(
    @Root() event: DossierStatusEventPayload,
    @Arg('code', () => String, { nullable: true }) _code: string | null,
    @Arg('agencyCode', () => String, { nullable: true }) _agencyCode: string | null,
  ): DossierStatusEventPayload {
    return event;
  }
}

