import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { LETTER_KINDS } from '../domain/letters';
import { enumObject } from './enums';
import { DateTimeScalar } from './scalars';
import { StoredFileType } from './file.types';

export const LetterKindEnum = enumObject(LETTER_KINDS);
registerEnumType(LetterKindEnum, { name: 'LetterKind', description: 'Official letters (phiếu) of the one-stop process; see domain.md.' });

@ObjectType('Letter')
export class LetterType {
  @Field(() => LetterKindEnum) kind!: string;
  @Field(() => String, { description: '<kind>/<agency code>/<year>/<sequence>' }) number!: string;
  @Field(() => String) title!: string;
  @Field(() => DateTimeScalar) issuedAt!: Date;
  @Field(() => StoredFileType) file!: unknown;
}
