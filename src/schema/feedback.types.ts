import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from './scalars';
import { NodeInterface, PageInfo } from './common.types';
import { enumObject } from './enums';
import { AgencyType, ProcedureType } from './catalogue.types';
import { SyncStateType } from './dossier.types';
import { FEEDBACK_ACTIONS, FEEDBACK_STATUSES } from '../domain/feedback-machine';

export const FeedbackStatusEnum = enumObject(FEEDBACK_STATUSES);
registerEnumType(FeedbackStatusEnum, { name: 'FeedbackStatus', description: 'Phản ánh, kiến nghị (PAKN).' });
/** SUBMIT is log-only: the first line of a feedback's history (not a transitionFeedback action). */
export const FeedbackActionEnum = enumObject([...FEEDBACK_ACTIONS, 'SUBMIT'] as const);
registerEnumType(FeedbackActionEnum, {
  name: 'FeedbackAction',
  valuesConfig: { SUBMIT: { description: 'Log only: the feedback was submitted (not a transitionFeedback action).' } },
});

@ObjectType('FeedbackEvent')
export class FeedbackEventType {
  @Field(() => DateTimeScalar) at!: Date;
  @Field(() => FeedbackActionEnum) action!: string;
  @Field(() => FeedbackStatusEnum, { nullable: true }) fromStatus?: string | null;
  @Field(() => FeedbackStatusEnum) toStatus!: string;
  @Field(() => String) actor!: string;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@ObjectType('Feedback', { implements: NodeInterface })
export class FeedbackType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'PAKN.YYYYMMDD.NNNN' }) code!: string;
  @Field(() => String) title!: string;
  @Field(() => String) content!: string;
  @Field(() => FeedbackStatusEnum) status!: string;
  @Field(() => DateTimeScalar) submittedAt!: Date;
  @Field(() => DateTimeScalar, { description: 'Deadline for the current stage, in working days (see domain.md).' }) dueAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) answeredAt?: Date | null;
  @Field(() => String, { nullable: true }) answer?: string | null;
  @Field(() => Boolean) isPublic!: boolean;
  @Field(() => AgencyType, { nullable: true }) agency?: AgencyType | null;
  @Field(() => ProcedureType, { nullable: true }) procedure?: ProcedureType | null;
  @Field(() => String, { nullable: true }) dossierCode?: string | null;
  @Field(() => [FeedbackEventType]) history!: FeedbackEventType[];
  @Field(() => SyncStateType) nationalSync!: SyncStateType;
  @Field(() => Int, { description: 'Bumped on every change; pass it back as expectedVersion.' }) version!: number;
}

@InputType('ContactInput')
export class ContactInput {
  @Field(() => String) fullName!: string;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) identityNumber?: string | null;
}

@InputType('SubmitFeedbackInput')
export class SubmitFeedbackInput {
  @Field(() => String) title!: string;
  @Field(() => String) content!: string;
  @Field(() => String, { nullable: true }) agencyCode?: string | null;
  @Field(() => String, { nullable: true }) procedureCode?: string | null;
  @Field(() => String, { nullable: true }) dossierCode?: string | null;
  @Field(() => ContactInput) contact!: ContactInput;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) isPublic?: boolean | null;
}

@InputType('TransitionFeedbackInput')
export class TransitionFeedbackInput {
  @Field(() => String) code!: string;
  @Field(() => FeedbackActionEnum) action!: string;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => String, { nullable: true }) answer?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true, description: 'FORWARD to another agency (its code). Without it FORWARD hands the feedback to its own agency’s processing unit.' })
  targetAgencyCode?: string | null;
}

@InputType('FeedbackFilter')
export class FeedbackFilterInput {
  @Field(() => [FeedbackStatusEnum], { nullable: true }) status?: string[] | null;
  @Field(() => String, { nullable: true }) agencyCode?: string | null;
  @Field(() => Boolean, { nullable: true }) overdue?: boolean | null;
}

@ObjectType('FeedbackEdge')
export class FeedbackEdge {
  @Field(() => String) cursor!: string;
  @Field(() => FeedbackType) node!: FeedbackType;
}

@ObjectType('FeedbackConnection')
export class FeedbackConnection {
  @Field(() => Int) totalCount!: number;
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => [FeedbackEdge]) edges!: FeedbackEdge[];
}

@ObjectType('FeedbackPayload')
export class FeedbackPayload {
  @Field(() => FeedbackType) feedback!: FeedbackType;
}
