import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from './scalars';
import { NodeInterface, PageInfo } from './common.types';
import { WorkflowStepInput } from './workflow.types';
import {
  AdministrativeLevelEnum,
  FeeKindEnum,
  OnlineServiceLevelEnum,
  SubmissionChannelEnum,
} from './enums';
import type { AdministrativeLevel, FeeKind, OnlineServiceLevel, SubmissionChannel } from '../domain/catalogue';

/*
 * Output types of the catalogue use `simpleResolvers`: their plain fields are read by graphql-js's
 * default resolver instead of a type-graphql wrapper per field (a catalogue page has about a
 * thousand fields). Fields with a @FieldResolver keep theirs. These types have no field
 * middlewares or @Authorized fields; a field that needs one must set `simple: false`.
 */

@ObjectType('Agency', { implements: NodeInterface, simpleResolvers: true })
export class AgencyType {
  @Field(() => ID)
  id!: string;
  @Field(() => String, { description: 'Mã định danh đơn vị, e.g. 000.00.15.H22.' })
  code!: string;
  @Field(() => String)
  name!: string;
  @Field(() => AdministrativeLevelEnum)
  level!: AdministrativeLevel;
  @Field(() => AgencyType, { nullable: true })
  parent?: AgencyType | null;
  @Field(() => String, { nullable: true, description: "Phone of the agency's one-stop desk (Bộ phận Một cửa)." })
  oneStopPhone?: string | null;
}

@ObjectType('Sector', { simpleResolvers: true })
export class SectorType {
  @Field(() => String)
  code!: string;
  @Field(() => String)
  name!: string;
}

@ObjectType('Fee', { simpleResolvers: true })
export class FeeType {
  @Field(() => FeeKindEnum)
  kind!: FeeKind;
  @Field(() => Int, { description: 'Amount in VND.' })
  amount!: number;
  @Field(() => String, { nullable: true })
  description?: string | null;
}

@ObjectType('DossierComponentSpec', { description: 'Thành phần hồ sơ.', simpleResolvers: true })
export class DossierComponentSpecType {
  @Field(() => String)
  code!: string;
  @Field(() => String)
  name!: string;
  @Field(() => Boolean)
  required!: boolean;
  @Field(() => Int, { nullable: true })
  copies?: number | null;
  @Field(() => String, { nullable: true })
  templateUrl?: string | null;
}

@ObjectType('LegalBasis', { description: 'Căn cứ pháp lý.', simpleResolvers: true })
export class LegalBasisType {
  @Field(() => String)
  number!: string;
  @Field(() => String)
  title!: string;
  @Field(() => DateScalar, { nullable: true })
  issuedOn?: string | null;
}

@ObjectType('Procedure', {
  implements: NodeInterface,
  description: 'Thủ tục hành chính: every field that the rules require to be published.',
  simpleResolvers: true,
})
export class ProcedureType {
  @Field(() => ID)
  id!: string;
  @Field(() => String, { description: 'Mã TTHC, e.g. 1.001193.000.00.00.H22.' })
  code!: string;
  @Field(() => String)
  name!: string;
  @Field(() => SectorType)
  sector!: SectorType;
  @Field(() => AdministrativeLevelEnum)
  level!: AdministrativeLevel;
  @Field(() => OnlineServiceLevelEnum)
  serviceLevel!: OnlineServiceLevel;
  @Field(() => [AgencyType])
  agencies!: AgencyType[];
  @Field(() => [String], { description: 'Trình tự thực hiện.' })
  steps!: string[];
  @Field(() => [SubmissionChannelEnum], { description: 'Cách thức thực hiện.' })
  channels!: SubmissionChannel[];
  @Field(() => [DossierComponentSpecType])
  components!: DossierComponentSpecType[];
  @Field(() => Float, { description: 'Thời hạn giải quyết in working days; 0.5 is four working hours.' })
  processingWorkingDays!: number;
  @Field(() => [String], { description: 'Đối tượng thực hiện.' })
  targetSubjects!: string[];
  @Field(() => String, { description: 'Kết quả thực hiện.' })
  resultDescription!: string;
  @Field(() => String, { nullable: true, description: 'Yêu cầu, điều kiện.' })
  requirements?: string | null;
  @Field(() => [FeeType])
  fees!: FeeType[];
  @Field(() => [LegalBasisType])
  legalBases!: LegalBasisType[];
  @Field(() => String, { nullable: true, description: 'Địa điểm, thời gian thực hiện.' })
  location?: string | null;
  @Field(() => DateScalar, { nullable: true })
  publishedAt?: string | null;
  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

@InputType('ProcedureFilter')
export class ProcedureFilterInput {
  @Field(() => String, {
    nullable: true,
    description:
      "Matches name or code; case- and diacritic-insensitive ('dang ky khai sinh' finds 'Đăng ký khai sinh'), every word in any order. " +
      'Ranked: the code or the whole name first, then names that start with the text, then the other matches by code; ' +
      "when no procedure has every word, names like the text (a typo: 'khai sih' finds 'Đăng ký khai sinh'), most alike first.",
  })
  text?: string | null;
  @Field(() => String, { nullable: true })
  sectorCode?: string | null;
  @Field(() => String, { nullable: true })
  agencyCode?: string | null;
  @Field(() => AdministrativeLevelEnum, { nullable: true })
  level?: AdministrativeLevel | null;
  @Field(() => OnlineServiceLevelEnum, { nullable: true })
  serviceLevel?: OnlineServiceLevel | null;
}

@ObjectType('ProcedureEdge', { simpleResolvers: true })
export class ProcedureEdge {
  @Field(() => String)
  cursor!: string;
  @Field(() => ProcedureType)
  node!: ProcedureType;
}

@ObjectType('ProcedureConnection', { simpleResolvers: true })
export class ProcedureConnection {
  @Field(() => Int)
  totalCount!: number;
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
  @Field(() => [ProcedureEdge])
  edges!: ProcedureEdge[];
}

@InputType('FeeInput')
export class FeeInput {
  @Field(() => FeeKindEnum)
  kind!: FeeKind;
  @Field(() => Int)
  amount!: number;
  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType('ComponentSpecInput')
export class ComponentSpecInput {
  @Field(() => String)
  code!: string;
  @Field(() => String)
  name!: string;
  @Field(() => Boolean)
  required!: boolean;
  @Field(() => Int, { nullable: true })
  copies?: number | null;
  @Field(() => String, { nullable: true })
  templateUrl?: string | null;
}

@InputType('LegalBasisInput')
export class LegalBasisInput {
  @Field(() => String)
  number!: string;
  @Field(() => String)
  title!: string;
  @Field(() => DateScalar, { nullable: true })
  issuedOn?: string | null;
}

@InputType('ProcedureInput')
export class ProcedureInput {
  @Field(() => String)
  code!: string;
  @Field(() => String)
  name!: string;
  @Field(() => String)
  sectorCode!: string;
  @Field(() => String)
  sectorName!: string;
  @Field(() => AdministrativeLevelEnum)
  level!: AdministrativeLevel;
  @Field(() => OnlineServiceLevelEnum)
  serviceLevel!: OnlineServiceLevel;
  @Field(() => [String])
  agencyCodes!: string[];
  @Field(() => [String])
  steps!: string[];
  @Field(() => [SubmissionChannelEnum])
  channels!: SubmissionChannel[];
  @Field(() => [ComponentSpecInput])
  components!: ComponentSpecInput[];
  @Field(() => Float)
  processingWorkingDays!: number;
  @Field(() => [String])
  targetSubjects!: string[];
  @Field(() => String)
  resultDescription!: string;
  @Field(() => String, { nullable: true })
  requirements?: string | null;
  @Field(() => [FeeInput])
  fees!: FeeInput[];
  @Field(() => [LegalBasisInput])
  legalBases!: LegalBasisInput[];
  @Field(() => String, { nullable: true })
  location?: string | null;
  @Field(() => DateScalar, { nullable: true })
  publishedAt?: string | null;
  @Field(() => [WorkflowStepInput], {
    nullable: true,
    description: 'Internal process steps (quy trình nội bộ), in order. Absent: the stored ones stay; []: none (the fixed lifecycle).',
  })
  workflow?: WorkflowStepInput[] | null;
}

@ObjectType('ProcedurePayload')
export class ProcedurePayload {
  @Field(() => ProcedureType)
  procedure!: ProcedureType;
}

@ObjectType('CatalogueSyncReport')
export class CatalogueSyncReport {
  @Field(() => Int)
  created!: number;
  @Field(() => Int)
  updated!: number;
  @Field(() => Int)
  unchanged!: number;
  @Field(() => Int)
  failed!: number;
  @Field(() => DateTimeScalar)
  finishedAt!: Date;
}
