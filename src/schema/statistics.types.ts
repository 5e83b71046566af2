import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { NodeInterface } from './common.types';
import { DateScalar, DateTimeScalar } from './scalars';
import { enumObject } from './enums';
import { AgencyType } from './catalogue.types';
import { REPORT_PERIODS, STATISTICS_GROUPS } from '../domain/statistics';

/** The contract's groups, and DAY (the hub's own, for the dashboard's trend: at most 93 days). */
export const StatisticsGroupEnum = enumObject([...STATISTICS_GROUPS, 'DAY'] as const);
registerEnumType(StatisticsGroupEnum, {
  name: 'StatisticsGroup',
  valuesConfig: { DAY: { description: 'Hub extension (not in the contract): per Vietnam day, at most 93 days; received by the day of receipt, resolved by the day it ended.' } },
});

export const ReportPeriodEnum = enumObject(REPORT_PERIODS);
registerEnumType(ReportPeriodEnum, { name: 'ReportPeriod' });

@ObjectType('ProcessingStatistics', { description: 'One row of the TTHC handling report (tiếp nhận / đã giải quyết / đang giải quyết).' })
export class ProcessingStatisticsType {
  @Field(() => String, { description: "The group's key (agency code, sector code, procedure code, channel, YYYY-MM); 'TOTAL' for the sum." }) key!: string;
  @Field(() => String) label!: string;
  @Field(() => Int) carriedOver!: number;
  @Field(() => Int) received!: number;
  @Field(() => Int) receivedOnline!: number;
  @Field(() => Int) receivedCounter!: number;
  @Field(() => Int) receivedPostal!: number;
  @Field(() => Int) resolved!: number;
  @Field(() => Int) resolvedEarly!: number;
  @Field(() => Int) resolvedOnTime!: number;
  @Field(() => Int) resolvedLate!: number;
  @Field(() => Int) inProgress!: number;
  @Field(() => Int) inProgressOnTime!: number;
  @Field(() => Int) inProgressOverdue!: number;
  @Field(() => Int) withdrawn!: number;
  @Field(() => Int) rejected!: number;
  @Field(() => Float, { nullable: true, description: 'Percent of resolved that were early or on time; null when nothing was resolved.' }) onTimeRate?: number | null;
}

@ObjectType('Report', { implements: NodeInterface })
export class ReportType {
  @Field(() => ID) id!: string;
  @Field(() => ReportPeriodEnum) period!: string;
  @Field(() => AgencyType, { nullable: true, description: 'Null for the whole province.' }) agency?: unknown;
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => DateScalar, { description: 'The deadline for this report (domain.md).' }) dueBy!: string;
  @Field(() => DateTimeScalar) generatedAt!: Date;
  @Field(() => [ProcessingStatisticsType]) rows!: ProcessingStatisticsType[];
  @Field(() => String) xlsxUrl!: string;
  @Field(() => String) csvUrl!: string;
}
