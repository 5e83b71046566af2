import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from './scalars';
import { enumObject } from './enums';
import { AgencyType } from './catalogue.types';
import { SCORECARD_GROUPS } from '../domain/scorecard';

export const ScorecardGroupEnum = enumObject(SCORECARD_GROUPS);
registerEnumType(ScorecardGroupEnum, { name: 'ScorecardGroup', description: 'The six groups of the real-time service-quality index set (QĐ 766/QĐ-TTg).' });

@ObjectType('Indicator')
export class IndicatorType {
  @Field(() => String) key!: string;
  @Field(() => ScorecardGroupEnum) group!: string;
  @Field(() => String) name!: string;
  @Field(() => Float) numerator!: number;
  @Field(() => Float) denominator!: number;
  @Field(() => Float, { nullable: true, description: 'Percent, 0 to 100; null when the denominator is 0.' }) ratio?: number | null;
  @Field(() => Float) score!: number;
  @Field(() => Float) maxScore!: number;
}

@ObjectType('ScorecardGroupScore')
export class ScorecardGroupScoreType {
  @Field(() => ScorecardGroupEnum) group!: string;
  @Field(() => Float) score!: number;
  @Field(() => Float) maxScore!: number;
}

@ObjectType('Scorecard')
export class ScorecardType {
  @Field(() => AgencyType, { nullable: true, description: 'Null for the whole province.' }) agency?: unknown;
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => Float) totalScore!: number;
  @Field(() => Float) maxScore!: number;
  @Field(() => [ScorecardGroupScoreType]) groups!: ScorecardGroupScoreType[];
  @Field(() => [IndicatorType]) indicators!: IndicatorType[];
  @Field(() => DateTimeScalar) computedAt!: Date | string;
}
