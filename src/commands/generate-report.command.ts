import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { agencySubtree, requireReportMaker } from '../auth/access';
import { badInput, forbidden, msg } from '../errors';
import { isCalendarDate } from '../schema/scalars';
import { periodTitle, reportDeadline, reportPeriodOf, reportsDue, type ReportPeriod } from '../domain/statistics';
import { vnDate } from '../domain/vn-time';
import { reportCsv, reportXlsx } from '../documents/report-files';
import { processingStatistics } from '../queries/statistics.queries';
import { agencyNodes, fillStatDays, keepReport, keptReport, type AgencyNode, type ReportRecord } from '../stores/statistics.store';
import type { CommandContext } from './command-context';

export interface GenerateReportInput {
  period: ReportPeriod;
  /** Any day of the period (YYYY-MM-DD); the period is the one that contains it. */
  from: string;
  /** Null: the province. */
  agencyCode: string | null;
}

const PROVINCE_NAME = 'Toàn tỉnh';

/**
 * generateReport: (re)makes a report now — the period's rows grouped by agency (the national
 * form), its XLSX and CSV kept in the file store, the snapshot replacing the kept one of the same
 * period and agency. ADMIN for any, staff for an agency in their token (src/auth/access.ts).
 */
export async function generateReport(ctx: CommandContext, input: GenerateReportInput): Promise<ReportRecord> {
  requireReportMaker(ctx.viewer, input.agencyCode);
  if (!isCalendarDate(input.from)) throw badInput('from', msg('Ngày (from) phải có dạng YYYY-MM-DD', 'from must be YYYY-MM-DD'));
  const agencies = await agencyNodes(ctx.db);
  const agency = input.agencyCode === null ? null : (agencies.find((a) => a.code === input.agencyCode) ?? null);
  if (input.agencyCode !== null && !agency) throw badInput('agencyCode', msg(`Không có cơ quan mã ${input.agencyCode}`, `no agency ${input.agencyCode}`));
  return makeReport(ctx, input.period, input.from, agency, agencies, true);
}

/**
 * The report job's run: every report due now (REPORT_DAYS_BEFORE days before its deadline, not
 * passed) that is not kept yet, for the province and for each top agency (departments, districts:
 * the agencies without a parent, whose reports cover those below them). A kept report is never
 * made again by the job (a snapshot; generateReport replaces it). It also sums the days that are
 * over (dossier_stat_day) so that no statistics request has to.
 */
export async function makeDueReports(ctx: CommandContext, _input: Record<string, never> = {}): Promise<{ made: number; kept: number }> {
  if (!ctx.viewer.isSystem) throw forbidden(msg('Báo cáo định kỳ do hệ thống tự lập', 'Periodic reports are made by the hub itself'));
  const { REPORT_DAYS_BEFORE, REPORT_CUTOFF_DAY } = ctx.services.config;
  const today = vnDate(ctx.now);
  // Sum the days that are over before anyone asks (else the first statistics request of the day does).
  await fillStatDays(ctx.db, new Date(Date.parse(`${today}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10));
  const agencies = await agencyNodes(ctx.db);
  let made = 0;
  let kept = 0;
  for (const agency of [null, ...agencies.filter((a) => a.parentId === null)]) {
    for (const due of reportsDue(today, agency ? 'AGENCY' : 'PROVINCE', REPORT_DAYS_BEFORE, REPORT_CUTOFF_DAY)) {
      if (await keptReport(ctx.db, due.period, due.from, agency?.id ?? null)) {
        kept++;
        continue;
      }
      await makeReport(ctx, due.period, due.from, agency, agencies, false);
      made++;
    }
  }
  return { made, kept };
}

async function makeReport(ctx: CommandContext, period: ReportPeriod, day: string, agency: AgencyNode | null, agencies: AgencyNode[], replace: boolean): Promise<ReportRecord> {
  const cutoff = ctx.services.config.REPORT_CUTOFF_DAY;
  const span = reportPeriodOf(period, day, cutoff);
  const agencyIds = agency ? agencySubtree(agencies, agency.id) : null;
  const rows = await processingStatistics(ctx.db, { agencyCode: agency?.code ?? null, from: span.from, to: span.to, groupBy: 'AGENCY', agencyIds, agencies }, ctx.now, cutoff);
  const dueBy = reportDeadline(span, agency ? 'AGENCY' : 'PROVINCE');
  const sheet = { title: `Kỳ báo cáo ${periodTitle(span)}`, unit: agency?.name ?? PROVINCE_NAME, from: span.from, to: span.to, dueBy, generatedAt: ctx.now, rows };
  const base = `bao-cao-${span.key}-${agency?.code ?? 'toan-tinh'}`;
  const files = [];
  for (const [ext, mimeType, bytes] of [
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await reportXlsx(sheet)],
    ['csv', 'text/csv; charset=utf-8', reportCsv(sheet)],
  ] as const) {
    const stored = await ctx.services.files.put(Readable.from([bytes]));
    files.push({ id: randomUUID(), sha256: stored.sha256, size: stored.size, mimeType, fileName: `${base}.${ext}` });
  }
  return keepReport(
    ctx.db,
    {
      id: randomUUID(),
      period,
      agencyId: agency?.id ?? null,
      from: span.from,
      to: span.to,
      dueBy,
      generatedAt: ctx.now,
      generatedBy: ctx.viewer.subject ?? 'system',
      rows,
      xlsxFileId: files[0]!.id,
      csvFileId: files[1]!.id,
    },
    files,
    replace,
  );
}
