import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from './scalars';
import { NodeInterface } from './common.types';
import { enumObject } from './enums';
import { NOTIFICATION_CHANNELS } from '../domain/notifications';
import { WEBHOOK_EVENTS } from '../domain/webhooks';

/** Citizen notifications and sector systems' webhooks (issue 13, contract v2). */

export const NotificationChannelEnum = enumObject(NOTIFICATION_CHANNELS);
registerEnumType(NotificationChannelEnum, { name: 'NotificationChannel' });
export const DeliveryStatusEnum = enumObject(['PENDING', 'SENT', 'FAILED'] as const);
registerEnumType(DeliveryStatusEnum, { name: 'DeliveryStatus' });
export const WebhookEventEnum = enumObject(WEBHOOK_EVENTS);
registerEnumType(WebhookEventEnum, { name: 'WebhookEvent' });

@ObjectType('Notification')
export class NotificationType {
  @Field(() => NotificationChannelEnum) channel!: keyof typeof NotificationChannelEnum;
  @Field(() => String, { description: 'Masked for viewers other than the applicant and staff.' }) recipient!: string;
  @Field(() => String, { description: 'What it tells, e.g. RECEIVED, SUPPLEMENT_REQUESTED, RESULT_READY.' }) template!: string;
  @Field(() => DeliveryStatusEnum) status!: keyof typeof DeliveryStatusEnum;
  @Field(() => Int) attempts!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) sentAt?: Date | null;
  @Field(() => String, { nullable: true }) lastError?: string | null;
}

@ObjectType('WebhookDelivery')
export class WebhookDeliveryType {
  @Field(() => ID) id!: string;
  @Field(() => WebhookEventEnum) event!: keyof typeof WebhookEventEnum;
  @Field(() => DeliveryStatusEnum) status!: keyof typeof DeliveryStatusEnum;
  @Field(() => Int) attempts!: number;
  @Field(() => Int, { nullable: true }) responseStatus?: number | null;
  @Field(() => String, { nullable: true }) lastError?: string | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) nextAttemptAt?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) deliveredAt?: Date | null;
}

@ObjectType('Webhook', { implements: NodeInterface })
export class WebhookType {
  @Field(() => ID) id!: string;
  @Field(() => String) url!: string;
  @Field(() => [WebhookEventEnum]) events!: (keyof typeof WebhookEventEnum)[];
  @Field(() => String, { nullable: true, description: "Only events of this agency's dossiers; null: all." }) agencyCode?: string | null;
  @Field(() => Boolean) active!: boolean;
  @Field(() => DateTimeScalar) createdAt!: Date;
}

@InputType('CreateWebhookInput')
export class CreateWebhookInput {
  @Field(() => String) url!: string;
  @Field(() => [WebhookEventEnum]) events!: (keyof typeof WebhookEventEnum)[];
  @Field(() => String, { nullable: true }) agencyCode?: string | null;
}

@ObjectType('CreateWebhookPayload')
export class CreateWebhookPayload {
  @Field(() => WebhookType) webhook!: WebhookType;
  @Field(() => String, { description: 'The signing secret, shown only here.' }) secret!: string;
}
