import { Field, ObjectType } from 'type-graphql';
import { RoleEnum } from './enums';
import type { Role } from '../auth/roles';

@ObjectType('Viewer')
export class ViewerType {
  @Field(() => String)
  subject!: string;
  @Field(() => [RoleEnum])
  roles!: Role[];
  @Field(() => [String])
  agencyCodes!: string[];
  @Field(() => String, { nullable: true })
  identityNumber?: string | null;
}
