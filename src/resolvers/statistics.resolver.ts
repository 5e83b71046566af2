import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../context';
import { AgencyType } from '../schema/catalogue.types';
import { DateScalar } from '../schema/scalars';
import { toGlobalId } from '../schema/global-id';
import { ProcessingStatisticsType, ReportPeriodEnum, ReportType, StatisticsGroupEnum } from '../schema/statistics.types';
import { readProcessingStatistics, readReport, readReports, type GroupedRow, type StatisticsGrouping } from '../queries/statistics.queries';
import { checkStatisticsWatch } from '../queries/statistics-watch';
import { generateReport } from '../commands/generate-report.command';
import type { ReportPeriod } from '../domain/statistics';
import type { ReportRecord } from '../stores/statistics.store';
import { signedDownloadUrl } from './file.resolver';
import { registerNodeType } from './viewer.resolver';

registerNodeType('Report', (ctx, id) => readReport(ctx.db, ctx.viewer, id));

@Resolver(() => ProcessingStatisticsType)
export class StatisticsResolver {
  @Query(() => [ProcessingStatisticsType], { description: "Staff see their agencies (and those below); ADMIN and OBSERVER the province. Null agencyCode: the viewer's widest scope." })
  processingStatistics(
    @Ctx() ctx: Context,
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Arg('agencyCode', () => String, { nullable: true }) agencyCode: string | null,
    @Arg('groupBy', () => StatisticsGroupEnum, { nullable: true }) groupBy: StatisticsGrouping | null,
  ): Promise<GroupedRow[]> {
    const { clock, config } = ctx.services;
    return readProcessingStatistics(ctx.db, ctx.viewer, { agencyCode: agencyCode ?? null, from, to, groupBy: groupBy ?? 'AGENCY' }, clock.now(), config.REPORT_CUTOFF_DAY);
  }

  @Subscription(() => [ProcessingStatisticsType], {
    description: "The current report month's rows, pushed when they change, at most once a second.",
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const { agencyCode, groupBy } = args as { agencyCode?: string | null; groupBy?: StatisticsGrouping | null };
      const watch = await checkStatisticsWatch(ctx.db, ctx.viewer, agencyCode ?? null, groupBy ?? 'AGENCY');
      return ctx.services.statisticsFeed.subscribe(watch);
    },
  })
  processingStatisticsUpdated(
    @Root() rows: GroupedRow[],
    @Arg('agencyCode', () => String, { nullable: true }) _agencyCode: string | null,
    @Arg('groupBy', () => StatisticsGroupEnum, { nullable: true }) _groupBy: StatisticsGrouping | null,
  ): GroupedRow[] {
    return rows;
  }
}

@Resolver(() => ReportType)
export class ReportResolver {
  @Query(() => [ReportType])
  reports(
    @Ctx() ctx: Context,
    @Arg('period', () => ReportPeriodEnum, { nullable: true }) period: ReportPeriod | null,
    @Arg('agencyCode', () => String, { nullable: true }) agencyCode: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
  ): Promise<ReportRecord[]> {
    return readReports(ctx.db, ctx.viewer, { period: period ?? null, agencyCode: agencyCode ?? null, first: first ?? 20 });
  }

  @Mutation(() => ReportType, { description: 'ADMIN, or staff for their agency: (re)generate a report now; a kept report is replaced only by this.' })
  generateReport(
    @Ctx() ctx: Context,
    @Arg('period', () => ReportPeriodEnum) period: ReportPeriod,
    @Arg('from', () => DateScalar) from: string,
    @Arg('agencyCode', () => String, { nullable: true }) agencyCode: string | null,
  ): Promise<ReportRecord> {
    return ctx.run(generateReport, { period, from, agencyCode: agencyCode ?? null });
  }

  @FieldResolver(() => ID)
  id(@Root() r: ReportRecord): string {
    return toGlobalId('Report', r.id);
  }

  @FieldResolver(() => AgencyType, { nullable: true })
  agency(@Root() r: ReportRecord, @Ctx() ctx: Context) {
    return r.agencyId ? ctx.loaders.agencyById.load(r.agencyId) : null;
  }

  @FieldResolver(() => String)
  xlsxUrl(@Root() r: ReportRecord, @Ctx() ctx: Context): string {
    return signedDownloadUrl(ctx, r.xlsxFileId);
  }

  @FieldResolver(() => String)
  csvUrl(@Root() r: ReportRecord, @Ctx() ctx: Context): string {
    return signedDownloadUrl(ctx, r.csvFileId);
  }
}
