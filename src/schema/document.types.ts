import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { NodeInterface, PageInfo } from './common.types';
import { DateScalar, DateTimeScalar } from './scalars';
import { enumObject } from './enums';
import { StoredFileType } from './file.types';

export const CitizenDocumentKindEnum = enumObject(['RESULT', 'SUBMITTED_PAPER', 'CERTIFIED_COPY'] as const);
registerEnumType(CitizenDocumentKindEnum, { name: 'CitizenDocumentKind' });

@ObjectType('CitizenDocument', { implements: NodeInterface, description: "A document in the citizen's store (kho dữ liệu điện tử của cá nhân)." })
export class CitizenDocumentType {
  @Field(() => ID) id!: string;
  @Field(() => CitizenDocumentKindEnum) kind!: keyof typeof CitizenDocumentKindEnum;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) documentNumber?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) issuedAt?: Date | null;
  @Field(() => DateScalar, { nullable: true }) validUntil?: string | null;
  @Field(() => Boolean) certified!: boolean;
  @Field(() => String, { nullable: true }) sourceDossierCode?: string | null;
  @Field(() => StoredFileType) file!: StoredFileType;
}

@ObjectType('CitizenDocumentEdge')
export class CitizenDocumentEdge {
  @Field(() => String) cursor!: string;
  @Field(() => CitizenDocumentType) node!: CitizenDocumentType;
}

@ObjectType('CitizenDocumentConnection')
export class CitizenDocumentConnection {
  @Field(() => Int) totalCount!: number;
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => [CitizenDocumentEdge]) edges!: CitizenDocumentEdge[];
}

@InputType('SaveCitizenDocumentInput')
export class SaveCitizenDocumentInput {
  @Field(() => ID) fileId!: string;
  @Field(() => String) title!: string;
  @Field(() => CitizenDocumentKindEnum, { nullable: true, defaultValue: 'SUBMITTED_PAPER' }) kind?: keyof typeof CitizenDocumentKindEnum | null;
  @Field(() => String, { nullable: true }) documentNumber?: string | null;
  @Field(() => DateScalar, { nullable: true }) validUntil?: string | null;
}
