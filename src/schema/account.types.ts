import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { RoleEnum } from './enums';
import { DossierActionEnum } from './dossier.types';
import { DateTimeScalar } from './scalars';
import type { Role } from '../domain/roles';

/** Hub additions (issue 16): the staff directory, service accounts, the audit trail. */

@ObjectType('StaffChange', { description: 'Hub addition: one change to a staff member (who, when, what).' })
export class StaffChangeType {
  @Field(() => String, { description: 'CREATED, CHANGED, DEACTIVATED or REACTIVATED' }) change!: string;
  @Field(() => String, { description: 'The ADMIN (token subject) who made it.' }) changedBy!: string;
  @Field(() => DateTimeScalar) changedAt!: Date;
  @Field(() => String, { nullable: true, description: 'JSON: fullName, roles, agencyCodes, active before the change.' }) before?: string | null;
  @Field(() => String, { description: 'JSON: the same after the change.' }) after!: string;
}

@ObjectType('StaffMember', { description: 'Hub addition: a member of the staff directory; tokens are honoured only for what it grants now.' })
export class StaffMemberType {
  @Field(() => String, { description: "The subject (sub) of the member's tokens at the identity provider." }) subject!: string;
  @Field(() => String) fullName!: string;
  @Field(() => [RoleEnum]) roles!: Role[];
  @Field(() => [String]) agencyCodes!: string[];
  @Field(() => Boolean) active!: boolean;
  @Field(() => Int) version!: number;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
  @Field(() => [StaffChangeType]) changes!: StaffChangeType[];
}

@InputType('CreateStaffMemberInput')
export class CreateStaffMemberInput {
  @Field(() => String) subject!: string;
  @Field(() => String) fullName!: string;
  @Field(() => [RoleEnum]) roles!: Role[];
  @Field(() => [String], { defaultValue: [] }) agencyCodes!: string[];
}

@InputType('ChangeStaffMemberInput')
export class ChangeStaffMemberInput {
  @Field(() => String) subject!: string;
  @Field(() => String, { nullable: true }) fullName?: string | null;
  @Field(() => [RoleEnum], { nullable: true }) roles?: Role[] | null;
  @Field(() => [String], { nullable: true }) agencyCodes?: string[] | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@ObjectType('ServiceAccount', { description: "Hub addition: a sector system's OAuth2 client (POST /oauth/token, client credentials)." })
export class ServiceAccountType {
  @Field(() => String) clientId!: string;
  @Field(() => String) name!: string;
  @Field(() => String) agencyCode!: string;
  @Field(() => [DossierActionEnum], { description: 'The dossier actions it may take.' }) actions!: string[];
  @Field(() => Boolean) active!: boolean;
  @Field(() => DateTimeScalar, { nullable: true, description: 'The previous secret is accepted until then (rotation overlap).' }) previousSecretValidUntil?: Date | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
}

@ObjectType('ServiceAccountSecret', { description: 'Hub addition: the secret is shown this once; the hub keeps only its hash.' })
export class ServiceAccountSecretType {
  @Field(() => ServiceAccountType) serviceAccount!: ServiceAccountType;
  @Field(() => String) clientSecret!: string;
}

@InputType('CreateServiceAccountInput')
export class CreateServiceAccountInput {
  @Field(() => String) name!: string;
  @Field(() => String) agencyCode!: string;
  @Field(() => [DossierActionEnum]) actions!: string[];
}

@ObjectType('AuditEvent', { description: 'Hub addition: one line of the audit trail (append-only, hash-chained per day).' })
export class AuditEventType {
  @Field(() => DateTimeScalar) at!: Date;
  @Field(() => String, { nullable: true }) subject?: string | null;
  @Field(() => [RoleEnum]) roles!: Role[];
  @Field(() => String, { nullable: true, description: 'The service account (client id) that acted, if one did.' }) serviceAccount?: string | null;
  @Field(() => String, { description: 'MUTATION, READ or DOWNLOAD' }) kind!: string;
  @Field(() => String, { description: 'e.g. Mutation.transitionDossier, Dossier.applicant, GET /files' }) operation!: string;
  @Field(() => String, { nullable: true }) dossierCode?: string | null;
  @Field(() => String, { nullable: true }) documentId?: string | null;
  @Field(() => String, { nullable: true }) target?: string | null;
  @Field(() => String, { nullable: true }) ip?: string | null;
  @Field(() => String, { nullable: true }) requestId?: string | null;
  @Field(() => String, { description: 'OK or the error code' }) outcome!: string;
}

@InputType('AuditFilterInput')
export class AuditFilterInput {
  @Field(() => String, { nullable: true }) dossierCode?: string | null;
  @Field(() => String, { nullable: true }) subject?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) from?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) to?: Date | null;
}

@ObjectType('DossierAccess', { description: "Hub addition: someone else's read of a dossier (Dossier.accessLog, for its applicant)." })
export class DossierAccessType {
  @Field(() => DateTimeScalar) at!: Date;
  @Field(() => String, { description: 'Who: the staff member or system name (the subject when unnamed).' }) reader!: string;
  @Field(() => [RoleEnum]) roles!: Role[];
  @Field(() => String, { description: 'What was read, e.g. Dossier.applicant.' }) operation!: string;
}
