import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../context';
import { EvaluationType, PaymentType } from '../schema/dossier.types';
import { EvaluateDossierInput, EvaluationPayload, InitiatePaymentInput, PaymentPayload, RecordCounterPaymentInput } from '../schema/payment.types';
import { toGlobalId } from '../schema/global-id';
import { initiatePayment } from '../commands/initiate-payment.command';
import { recordCounterPayment } from '../commands/record-counter-payment.command';
import { evaluateDossier } from '../commands/evaluate-dossier.command';
import { refundDueSeenBy, requirePaymentFollower } from '../queries/payment.queries';
import type { PaymentRow } from '../stores/payment.store';
import type { EvaluationRow } from '../stores/evaluation.store';
import type { PaymentEventPayload } from '../realtime/pubsub';

@Resolver(() => PaymentType)
export class PaymentResolver {
  @Mutation(() => PaymentPayload)
  async initiatePayment(@Arg('input', () => InitiatePaymentInput) input: InitiatePaymentInput, @Ctx() ctx: Context) {
    return { payment: await ctx.run(initiatePayment, input) };
  }

  @Mutation(() => PaymentPayload, { description: 'Records a fee paid at the one-stop desk (RECEPTION_OFFICER of the dossier’s agency).' })
  async recordCounterPayment(@Arg('input', () => RecordCounterPaymentInput) input: RecordCounterPaymentInput, @Ctx() ctx: Context) {
    return { payment: (await ctx.run(recordCounterPayment, input)).payment };
  }

  @Subscription(() => PaymentType, {
    description: 'For the applicant and the staff of the dossier’s agency.',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const { dossierCode } = args as { dossierCode: string };
      await requirePaymentFollower(ctx.db, ctx.viewer, dossierCode);
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
    return refundDueSeenBy(ctx.viewer, p);
  }
}

@Resolver(() => EvaluationType)
export class EvaluationResolver {
  @Mutation(() => EvaluationPayload)
  async evaluateDossier(@Arg('input', () => EvaluateDossierInput) input: EvaluateDossierInput, @Ctx() ctx: Context) {
    return { evaluation: await ctx.run(evaluateDossier, input) };
  }

  @FieldResolver(() => ID)
  id(@Root() e: EvaluationRow): string {
    return toGlobalId('Evaluation', e.id);
  }
}
