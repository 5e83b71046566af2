import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { EvaluationCriterionEnum, EvaluationType, PaymentType } from './dossier.types';

@InputType('InitiatePaymentInput')
export class InitiatePaymentInput {
  @Field(() => String) dossierCode!: string;
  @Field(() => String, { nullable: true }) returnUrl?: string | null;
  @Field(() => String, { nullable: true }) idempotencyKey?: string | null;
}

@ObjectType('PaymentPayload')
export class PaymentPayload {
  @Field(() => PaymentType) payment!: PaymentType;
}

@InputType('RecordCounterPaymentInput', { description: 'A fee paid at the one-stop desk (operators; not in the public contract).' })
export class RecordCounterPaymentInput {
  @Field(() => String) dossierCode!: string;
  @Field(() => Int, { description: 'VND' }) amount!: number;
  @Field(() => String, { nullable: true }) receiptUrl?: string | null;
}

@InputType('CriterionScoreInput')
export class CriterionScoreInput {
  @Field(() => EvaluationCriterionEnum) criterion!: keyof typeof EvaluationCriterionEnum;
  @Field(() => Int) score!: number;
}

@InputType('EvaluateDossierInput')
export class EvaluateDossierInput {
  @Field(() => String) dossierCode!: string;
  @Field(() => [CriterionScoreInput]) scores!: CriterionScoreInput[];
  @Field(() => String, { nullable: true }) comment?: string | null;
}

@ObjectType('EvaluationPayload')
export class EvaluationPayload {
  @Field(() => EvaluationType) evaluation!: EvaluationType;
}
