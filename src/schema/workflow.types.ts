import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { RoleEnum } from './enums';
import { AgencyType } from './catalogue.types';
import { DateTimeScalar } from './scalars';
import type { Role } from '../domain/roles';

/** One step of a procedure's internal process (quy trình nội bộ; src/domain/workflow.ts). */
@ObjectType('WorkflowStep')
export class WorkflowStepType {
  @Field(() => Int) order!: number;
  @Field(() => String) name!: string;
  @Field(() => RoleEnum) role!: Role;
  @Field(() => String, { nullable: true, description: "Null: the dossier's handling agency." }) agencyCode?: string | null;
  @Field(() => Float, { description: "Share of the procedure's working-time budget, 0 < share <= 1; shares sum to at most 1." }) share!: number;
}

@InputType('WorkflowStepInput')
export class WorkflowStepInput {
  @Field(() => String) name!: string;
  @Field(() => RoleEnum) role!: Role;
  @Field(() => String, { nullable: true }) agencyCode?: string | null;
  @Field(() => Float) share!: number;
}

/** A step as the dossier carries it: its start, due time and end. */
@ObjectType('DossierStep')
export class DossierStepType {
  @Field(() => Int) order!: number;
  @Field(() => String) name!: string;
  @Field(() => RoleEnum) role!: Role;
  @Field(() => AgencyType) agency!: AgencyType;
  @Field(() => DateTimeScalar, { nullable: true }) startedAt?: Date | string | null;
  @Field(() => DateTimeScalar, { nullable: true }) dueAt?: Date | string | null;
  @Field(() => DateTimeScalar, { nullable: true }) completedAt?: Date | string | null;
  @Field(() => Boolean) overdue!: boolean;
}
