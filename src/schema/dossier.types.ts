import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar, JSONScalar } from './scalars';
import { NodeInterface, PageInfo } from './common.types';
import { enumObject, RoleEnum, SubmissionChannelEnum } from './enums';
import { AgencyType, FeeType, ProcedureType } from './catalogue.types';
import { DOSSIER_ACTIONS, DOSSIER_STATUSES, LOG_ONLY_ACTIONS, type DossierStatus, type LoggedAction, type Role } from '../domain/dossier-machine';
import {
  APPLICANT_KINDS,
  DELIVERY_METHODS,
  IDENTITY_VERIFICATIONS,
  type ApplicantKind,
  type DeliveryMethod,
  type IdentityVerification,
} from '../domain/dossier';
import type { SubmissionChannel } from '../domain/catalogue';
import { EVALUATION_CRITERIA } from '../domain/evaluation';
import { StoredFileType } from './file.types';
import { CitizenDocumentType } from './document.types';

export const DossierStatusEnum = enumObject(DOSSIER_STATUSES);
registerEnumType(DossierStatusEnum, { name: 'DossierStatus', description: 'Trạng thái hồ sơ. The national status code sent on sync is in brackets.' });

/** Requestable actions, then the log-only ones (src/domain/dossier-machine.ts). */
export const DossierActionEnum = enumObject([...DOSSIER_ACTIONS, ...LOG_ONLY_ACTIONS] as const);
registerEnumType(DossierActionEnum, {
  name: 'DossierAction',
  valuesConfig: {
    SUBMIT: { description: 'Log only: the dossier was submitted (not a transitionDossier action).' },
    PAYMENT_SETTLED: { description: 'Log only: the payment platform confirmed payment (not a transitionDossier action).' },
    IDENTITY_CHECKED: { description: 'Log only: the population database answered for the applicant after submission (not a transitionDossier action).' },
    DUE_SOON: { description: 'Event only: one working day is left before the appointment (SLA sweep).' },
    OVERDUE: { description: 'Event only: the appointment has passed and the dossier is not finished (SLA sweep).' },
    TRANSFER: { description: 'Hand the dossier to another agency (liên thông); targetAgencyCode required.' },
    COMPLETE_STEP: { description: 'Finish the current internal process step and start the next.' },
    RECEIVE_DUE_SOON: { description: 'Event only: 15 working minutes or less are left to receive an online dossier (SLA sweep).' },
    RECEIVE_OVERDUE: { description: 'Event only: an online dossier was not received within RECEIVE_WITHIN_MINUTES working minutes (SLA sweep).' },
  },
});

export const ApplicantKindEnum = enumObject(APPLICANT_KINDS);
registerEnumType(ApplicantKindEnum, { name: 'ApplicantKind', description: 'Loại đối tượng: 1 công dân, 2 doanh nghiệp, 3 cơ quan nhà nước, 4 tổ chức khác.' });
export const IdentityVerificationEnum = enumObject(IDENTITY_VERIFICATIONS);
registerEnumType(IdentityVerificationEnum, { name: 'IdentityVerification' });
export const DeliveryMethodEnum = enumObject(DELIVERY_METHODS);
registerEnumType(DeliveryMethodEnum, { name: 'DeliveryMethod' });
export const SyncStatusEnum = enumObject(['PENDING', 'SYNCED', 'FAILED'] as const);
registerEnumType(SyncStatusEnum, { name: 'SyncStatus' });
export const PaymentStatusEnum = enumObject(['PENDING', 'PAID', 'FAILED', 'EXPIRED', 'CANCELLED', 'REFUNDED'] as const);
registerEnumType(PaymentStatusEnum, { name: 'PaymentStatus' });
export const PaymentChannelEnum = enumObject(['NATIONAL_PLATFORM', 'COUNTER'] as const);
registerEnumType(PaymentChannelEnum, { name: 'PaymentChannel' });
export const EvaluationCriterionEnum = enumObject(EVALUATION_CRITERIA);
registerEnumType(EvaluationCriterionEnum, { name: 'EvaluationCriterion', description: 'The eight survey criteria.' });

@ObjectType('SyncState')
export class SyncStateType {
  @Field(() => SyncStatusEnum) status!: keyof typeof SyncStatusEnum;
  @Field(() => Int) attempts!: number;
  @Field(() => DateTimeScalar, { nullable: true }) lastSyncedAt?: Date | null;
  @Field(() => String, { nullable: true }) lastError?: string | null;
}

@ObjectType('Applicant')
export class ApplicantType {
  @Field(() => ApplicantKindEnum) kind!: ApplicantKind;
  @Field(() => String) fullName!: string;
  @Field(() => String, { description: 'Số định danh cá nhân (12 digits) or tax code for organisations.' }) identityNumber!: string;
  @Field(() => DateScalar, { nullable: true }) birthDate?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) address?: string | null;
  @Field(() => IdentityVerificationEnum) verification!: IdentityVerification;
}

@ObjectType('SubmittedComponent')
export class SubmittedComponentType {
  @Field(() => String) componentCode!: string;
  @Field(() => String) fileName!: string;
  @Field(() => String) mimeType!: string;
  @Field(() => Int) sizeBytes!: number;
  @Field(() => String) sha256!: string;
  @Field(() => String, { description: 'For a stored file: a short-lived signed download URL.' }) url!: string;
  @Field(() => Int, { description: '1 when submitted; +1 each time a SUPPLEMENT replaces it.' }) version!: number;
  @Field(() => StoredFileType, { nullable: true, description: 'The stored file; null for a url-only component entered by staff.' }) file?: StoredFileType | null;
  @Field(() => CitizenDocumentType, { nullable: true, description: 'Set when the applicant reused a document from their store.' }) reusedFrom?: CitizenDocumentType | null;
}

@ObjectType('DossierResult')
export class DossierResultType {
  @Field(() => String) documentNumber!: string;
  @Field(() => DateTimeScalar) issuedAt!: Date | string;
  @Field(() => String) signedBy!: string;
  @Field(() => String) fileUrl!: string;
  @Field(() => String) sha256!: string;
  @Field(() => StoredFileType, { nullable: true }) file?: StoredFileType | null;
}

@ObjectType('DossierEvent', { description: 'One line of the processing log (phiếu kiểm soát quá trình giải quyết).' })
export class DossierEventType {
  @Field(() => DateTimeScalar) at!: Date;
  @Field(() => DossierActionEnum) action!: LoggedAction;
  @Field(() => DossierStatusEnum, { nullable: true }) fromStatus?: DossierStatus | null;
  @Field(() => DossierStatusEnum) toStatus!: DossierStatus;
  @Field(() => String) actor!: string;
  @Field(() => RoleEnum) actorRole!: Role;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@ObjectType('Payment', { implements: NodeInterface })
export class PaymentType {
  @Field(() => ID) id!: string;
  @Field(() => String) dossierCode!: string;
  @Field(() => Int) amount!: number;
  @Field(() => String) currency!: string;
  @Field(() => PaymentStatusEnum) status!: keyof typeof PaymentStatusEnum;
  @Field(() => PaymentChannelEnum) channel!: keyof typeof PaymentChannelEnum;
  @Field(() => String, { description: 'Mã tham chiếu sent to the platform.' }) reference!: string;
  @Field(() => String, { nullable: true, description: 'Mã giao dịch returned by the platform.' }) transactionId?: string | null;
  @Field(() => String, { nullable: true }) paymentUrl?: string | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) paidAt?: Date | null;
  @Field(() => String, { nullable: true }) receiptUrl?: string | null;
}

@ObjectType('CriterionScore')
export class CriterionScoreType {
  @Field(() => EvaluationCriterionEnum) criterion!: keyof typeof EvaluationCriterionEnum;
  @Field(() => Int, { description: '1 (very poor) to 5 (very good).' }) score!: number;
}

@ObjectType('Evaluation', { implements: NodeInterface })
export class EvaluationType {
  @Field(() => ID) id!: string;
  @Field(() => String) dossierCode!: string;
  @Field(() => [CriterionScoreType]) scores!: CriterionScoreType[];
  @Field(() => Boolean, { description: 'False when the mean score is below 3.' }) satisfied!: boolean;
  @Field(() => String, { nullable: true }) comment?: string | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
}

@ObjectType('Dossier', { implements: NodeInterface })
export class DossierType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Mã hồ sơ: <agency code>-<YYMMDD of receipt or submission>-<4-digit daily sequence per agency>.' }) code!: string;
  @Field(() => ProcedureType) procedure!: ProcedureType;
  @Field(() => AgencyType) agency!: AgencyType;
  @Field(() => ApplicantType) applicant!: ApplicantType;
  @Field(() => SubmissionChannelEnum) channel!: SubmissionChannel;
  @Field(() => DossierStatusEnum) status!: DossierStatus;
  @Field(() => Int, { description: 'Bumped on every change; pass it back as expectedVersion.' }) version!: number;
  @Field(() => DateTimeScalar) submittedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) receivedAt?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Ngày hẹn trả, from the working-time calendar; moved by pauses and EXTEND.' }) dueAt?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Ngày kết thúc xử lý.' }) completedAt?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) deliveredAt?: Date | null;
  @Field(() => Boolean) overdue!: boolean;
  @Field(() => Int) supplementRequests!: number;
  @Field(() => DeliveryMethodEnum) delivery!: DeliveryMethod;
  @Field(() => [SubmittedComponentType]) components!: SubmittedComponentType[];
  @Field(() => [FeeType]) fees!: FeeType[];
  @Field(() => Int, { description: 'VND still to pay (hub addition).' }) outstandingFees!: number;
  @Field(() => [PaymentType]) payments!: PaymentType[];
  @Field(() => DossierResultType, { nullable: true }) result?: DossierResultType | null;
  @Field(() => [DossierEventType]) history!: DossierEventType[];
  @Field(() => EvaluationType, { nullable: true }) evaluation?: EvaluationType | null;
  @Field(() => SyncStateType) nationalSync!: SyncStateType;
}

@ObjectType('DossierTracking', { description: 'What anyone may see by dossier code: no personal data.' })
export class DossierTrackingType {
  @Field(() => String) code!: string;
  @Field(() => String) procedureName!: string;
  @Field(() => String) agencyName!: string;
  @Field(() => DossierStatusEnum) status!: DossierStatus;
  @Field(() => DateTimeScalar, { nullable: true }) receivedAt?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) dueAt?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) completedAt?: Date | null;
}

@InputType('DossierFilter')
export class DossierFilterInput {
  @Field(() => [DossierStatusEnum], { nullable: true }) status?: DossierStatus[] | null;
  @Field(() => String, { nullable: true, description: 'The agency that received the dossier or the one handling it now (liên thông).' }) agencyCode?: string | null;
  @Field(() => String, { nullable: true }) procedureCode?: string | null;
  @Field(() => Boolean, { nullable: true }) overdue?: boolean | null;
  @Field(() => DateTimeScalar, { nullable: true }) submittedFrom?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) submittedTo?: Date | null;
  @Field(() => String, { nullable: true }) applicantIdentityNumber?: string | null;
}

@ObjectType('DossierEdge')
export class DossierEdge {
  @Field(() => String) cursor!: string;
  @Field(() => DossierType) node!: DossierType;
}

@ObjectType('DossierConnection')
export class DossierConnection {
  @Field(() => Int) totalCount!: number;
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => [DossierEdge]) edges!: DossierEdge[];
}

@InputType('ApplicantInput')
export class ApplicantInput {
  @Field(() => ApplicantKindEnum, { nullable: true, defaultValue: 'CITIZEN' }) kind?: ApplicantKind | null;
  @Field(() => String) fullName!: string;
  @Field(() => String) identityNumber!: string;
  @Field(() => DateScalar, { nullable: true }) birthDate?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) address?: string | null;
}

@InputType('ComponentInput', {
  description:
    "Exactly one of fileId (uploaded with createUpload), citizenDocumentId (from the applicant's store) or url with its metadata (staff and sector systems only).",
})
export class ComponentInput {
  @Field(() => String) componentCode!: string;
  @Field(() => ID, { nullable: true }) fileId?: string | null;
  @Field(() => ID, { nullable: true }) citizenDocumentId?: string | null;
  @Field(() => String, { nullable: true }) fileName?: string | null;
  @Field(() => String, { nullable: true }) mimeType?: string | null;
  @Field(() => Int, { nullable: true }) sizeBytes?: number | null;
  @Field(() => String, { nullable: true }) sha256?: string | null;
  @Field(() => String, { nullable: true }) url?: string | null;
}

@InputType('SubmitDossierInput')
export class SubmitDossierInput {
  @Field(() => String) procedureCode!: string;
  @Field(() => String) agencyCode!: string;
  @Field(() => SubmissionChannelEnum, { nullable: true, defaultValue: 'ONLINE' }) channel?: SubmissionChannel | null;
  @Field(() => ApplicantInput) applicant!: ApplicantInput;
  @Field(() => [ComponentInput]) components!: ComponentInput[];
  @Field(() => JSONScalar, { nullable: true }) formData?: unknown;
  @Field(() => DeliveryMethodEnum, { nullable: true, defaultValue: 'ONLINE' }) delivery?: DeliveryMethod | null;
  @Field(() => String, { nullable: true }) deliveryAddress?: string | null;
  @Field(() => String, { nullable: true, description: 'A retry with the same key returns the dossier created first.' }) idempotencyKey?: string | null;
}

@InputType('ResultInput')
export class ResultInput {
  @Field(() => String) documentNumber!: string;
  @Field(() => String) signedBy!: string;
  @Field(() => ID, { nullable: true, description: 'The signed result document, uploaded with createUpload (preferred over fileUrl).' }) fileId?: string | null;
  @Field(() => String, { nullable: true }) fileUrl?: string | null;
  @Field(() => String, { nullable: true }) sha256?: string | null;
}

@InputType('TransitionDossierInput')
export class TransitionDossierInput {
  @Field(() => String) code!: string;
  @Field(() => DossierActionEnum) action!: LoggedAction;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => Int, { nullable: true, description: 'When given and not the current version, the call fails with CONFLICT.' }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true }) apologyLetter?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) newDueAt?: Date | null;
  @Field(() => ResultInput, { nullable: true }) result?: ResultInput | null;
  @Field(() => String, { nullable: true }) postalTrackingNumber?: string | null;
  @Field(() => [ComponentInput], { nullable: true, description: 'SUPPLEMENT: the new or replacing components.' }) components?: ComponentInput[] | null;
  @Field(() => String, { nullable: true, description: 'TRANSFER: the agency that takes over.' }) targetAgencyCode?: string | null;
}

@ObjectType('DossierPayload')
export class DossierPayload {
  @Field(() => DossierType) dossier!: DossierType;
}

@ObjectType('DossierStatusEvent')
export class DossierStatusEventType {
  @Field(() => String) code!: string;
  @Field(() => String) agencyCode!: string;
  @Field(() => String, { nullable: true, description: 'Where it is handled now (liên thông); null: agencyCode.' }) handlingAgencyCode?: string | null;
  @Field(() => DossierActionEnum) action!: LoggedAction;
  @Field(() => DossierStatusEnum, { nullable: true }) previousStatus?: DossierStatus | null;
  @Field(() => DossierStatusEnum) status!: DossierStatus;
  @Field(() => DateTimeScalar) at!: Date | string;
  @Field(() => DateTimeScalar, { nullable: true }) dueAt?: Date | string | null;
  @Field(() => Boolean) overdue!: boolean;
}

