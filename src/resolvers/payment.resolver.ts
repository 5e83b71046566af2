import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../context';
import { EvaluationType, PaymentType } from '../schema/dossier.types';
import { EvaluateDossierInput, EvaluationPayload, InitiatePaymentInput, PaymentPayload, RecordCounterPaymentInput } from '../schema/payment.types';
import { toGlobalId } from '../schema/global-id';
import { initiatePayment, recordCounterPayment, type PaymentRow } from '../commands/payment.commands';
import { afterSettlement } from '../commands/payment-effects';
import { evaluateDossier, type EvaluationRow } from '../commands/evaluate-dossier.command';
import { canSeeDossier } from '../queries/dossier.queries';
import { Dossier } from '../entities';
import { forbidden } from '../errors';
import type { PaymentEventPayload } from '../realtime/pubsub';

@Resolver(() => PaymentType)
export class PaymentResolver {
  @Mutation(() => PaymentPayload)
  async initiatePayment(@Arg('input', () => InitiatePaymentInput) input: InitiatePaymentInput, @Ctx() ctx: Context) {
    const { services } = ctx;
    const payment = await initiatePayment(ctx.em, ctx.viewer, input, services.connectors.payment, services.clock.now(), services.log);
    return { payment };
  }

  @Mutation(() => PaymentPayload, { description: 'Records a fee paid at the one-stop desk (RECEPTION_OFFICER of the dossier’s agency).' })
  async recordCounterPayment(@Arg('input', () => RecordCounterPaymentInput) input: RecordCounterPaymentInput, @Ctx() ctx: Context) {
    const { services } = ctx;
    const r = await recordCounterPayment(ctx.em, ctx.viewer, input, services.calendar, services.clock.now());
    afterSettlement(services, r);
    return { payment: r.payment };
  }

  @Subscription(() => PaymentType, {
    description: 'For the applicant and the staff of the dossier’s agency.',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const { dossierCode } = args as { dossierCode: string };
      ctx.viewer.requireAuthenticated();
      const d = await ctx.em.findOne(Dossier, { code: dossierCode }, { populate: ['agency'] });
      if (!d || !canSeeDossier(ctx.viewer, d, d.agency.getEntity().code)) throw forbidden('Only the applicant and the agency’s staff follow this dossier’s payments');
      return ctx.services.pubSub.subscribe('PAYMENT_STATUS', dossierCode);
    },
  })
  paymentStatusChanged(@Root() p: PaymentEventPayload, @Arg('dossierCode', () => String) _dossierCode: string): PaymentEventPayload {
    return p;
  }

  @FieldResolver(() => ID)
  id(@Root() p: PaymentRow | PaymentEventPayload): string {
    return toGlobalId('Payment', p.id);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'VND the platform took beyond what was owed (the fees were paid some other way meanwhile); only what was owed is credited, this is to be refunded. 0 when nothing is due. Null for viewers other than staff of the dossier’s agency.',
  })
  refundDue(@Root() p: PaymentRow | PaymentEventPayload, @Ctx() ctx: Context): number | null {
    return ctx.viewer.worksAt(p.agencyCode) ? p.refundDue : null;
  }
}

@Resolver(() => EvaluationType)
export class EvaluationResolver {
  @Mutation(() => EvaluationPayload)
  async evaluateDossier(@Arg('input', () => EvaluateDossierInput) input: EvaluateDossierInput, @Ctx() ctx: Context) {
    const evaluation = await evaluateDossier(ctx.em, ctx.viewer, input, ctx.services.clock.now());
    void ctx.services.scorecardFeed.markDirty(null); // the province; the agency's own is marked by its next dossier event
    return { evaluation };
  }

  @FieldResolver(() => ID)
  id(@Root() e: EvaluationRow): string {
    return toGlobalId('Evaluation', e.id);
  }
}

