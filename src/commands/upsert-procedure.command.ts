import type { CommandContext } from './command-context';
import type { Db } from '../db/sql';
import { isBlank } from '../domain/text';
import { badInput, msg } from '../errors';
import {
  procedureSearchText,
  type AdministrativeLevel,
  type FeeKind,
  type LegalBasisData,
  type OnlineServiceLevel,
  type SubmissionChannel,
} from '../domain/catalogue';
import { validateWorkflow, type WorkflowStepDef } from '../domain/workflow';
import { agenciesByCodes, currentProcedure, procedureByCode, writeProcedure, type ProcedureRow } from '../stores/catalogue.store';

export interface ProcedureData {
  code: string;
  name: string;
  sectorCode: string;
  sectorName: string;
  level: AdministrativeLevel;
  serviceLevel: OnlineServiceLevel;
  agencyCodes: string[];
  steps: string[];
  channels: SubmissionChannel[];
  components: { code: string; name: string; required: boolean; copies?: number | null; templateUrl?: string | null }[];
  processingWorkingDays: number;
  targetSubjects: string[];
  resultDescription: string;
  requirements?: string | null;
  fees: { kind: FeeKind; amount: number; description?: string | null }[];
  legalBases: LegalBasisData[];
  location?: string | null;
  publishedAt?: string | null;
  /** The internal process; absent (null): the stored one stays (the catalogue sync carries none); [] removes it. */
  workflow?: WorkflowStepDef[] | null;
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

const CODE_RE = /^[0-9A-Za-z][0-9A-Za-z._-]{2,59}$/;

/** Checks the input before anything is written; throws BAD_USER_INPUT naming the field. */
export function validateProcedureData(d: ProcedureData): void {
  if (!CODE_RE.test(d.code)) throw badInput('code', msg('Mã thủ tục phải có dạng như 1.001193.000.00.00.H22', 'code must be a procedure code such as 1.001193.000.00.00.H22'));
  if (isBlank(d.name)) throw badInput('name', msg('Cần nhập tên thủ tục', 'name is required'));
  if (isBlank(d.sectorCode)) throw badInput('sectorCode', msg('Cần nhập mã lĩnh vực', 'sectorCode is required'));
  if (isBlank(d.sectorName)) throw badInput('sectorName', msg('Cần nhập tên lĩnh vực', 'sectorName is required'));
  if (d.agencyCodes.length === 0) throw badInput('agencyCodes', msg('Cần ít nhất một cơ quan thực hiện thủ tục', 'at least one agency must implement the procedure'));
  if (d.channels.length === 0) throw badInput('channels', msg('Cần ít nhất một cách thức thực hiện', 'at least one channel is required'));
  if (new Set(d.channels).size !== d.channels.length) throw badInput('channels', msg('Cách thức thực hiện bị lặp lại', 'channels repeat'));
  if (d.steps.some(isBlank)) throw badInput('steps', msg('Các bước thực hiện không được để trống', 'steps must not be blank'));
  if (!Number.isFinite(d.processingWorkingDays) || d.processingWorkingDays < 0 || d.processingWorkingDays > 365) {
    throw badInput('processingWorkingDays', msg('Thời hạn giải quyết phải từ 0 đến 365 ngày làm việc', 'processingWorkingDays must be between 0 and 365'));
  }
  if (isBlank(d.resultDescription)) throw badInput('resultDescription', msg('Cần mô tả kết quả thực hiện', 'resultDescription is required'));
  if (d.fees.some((f) => !Number.isInteger(f.amount) || f.amount < 0)) throw badInput('fees', msg('Mức phí, lệ phí phải là số nguyên đồng (VND), từ 0 trở lên', 'fee amounts are whole VND, 0 or more'));
  const componentCodes = d.components.map((c) => c.code);
  if (componentCodes.some(isBlank)) throw badInput('components', msg('Mã thành phần hồ sơ không được để trống', 'component codes must not be blank'));
  if (new Set(componentCodes).size !== componentCodes.length) throw badInput('components', msg('Mã thành phần hồ sơ bị lặp lại', 'component codes repeat'));
  if (d.components.some((c) => c.copies != null && c.copies < 0)) throw badInput('components', msg('Số bản phải từ 0 trở lên', 'copies must be 0 or more'));
  if (d.legalBases.some((l) => isBlank(l.number) || isBlank(l.title))) throw badInput('legalBases', msg('Mỗi căn cứ pháp lý cần có số hiệu và trích yếu', 'each legal basis needs a number and a title'));
  if (d.workflow) validateWorkflow(d.workflow, { implementingAgencyCodes: d.agencyCodes });
}

/** What a procedure says, in a form that compares equal when nothing changed. */
function canonical(p: {
  name: string; sectorCode: string; sectorName: string; level: string; serviceLevel: string; agencyCodes: string[];
  steps: string[]; channels: string[]; components: ProcedureData['components']; processingWorkingDays: number;
  targetSubjects: string[]; resultDescription: string; requirements?: string | null; fees: ProcedureData['fees'];
  legalBases: LegalBasisData[]; location?: string | null; publishedAt?: string | null; workflow?: WorkflowStepDef[] | null;
}): string {
  return JSON.stringify([
    p.name, p.sectorCode, p.sectorName, p.level, p.serviceLevel, [...p.agencyCodes].sort(), p.steps, p.channels,
    p.components.map((c) => [c.code, c.name, c.required, c.copies ?? null, c.templateUrl ?? null]),
    p.processingWorkingDays, p.targetSubjects, p.resultDescription, p.requirements ?? null,
    p.fees.map((f) => [f.kind, f.amount, f.description ?? null]),
    p.legalBases.map((l) => [l.number, l.title, l.issuedOn ?? null]), p.location ?? null, p.publishedAt ?? null,
    (p.workflow ?? []).map((s) => [s.name, s.role, s.agencyCode ?? null, s.share]),
  ]);
}

/**
 * Creates or replaces a procedure by code, with its sector, agencies, fees and components, in
 * one transaction: the write of upsertProcedure without its access check, for the catalogue sync
 * and seeding. Returns whether anything changed.
 */
export async function saveProcedure(db: Db, data: ProcedureData, now: Date): Promise<{ outcome: UpsertOutcome }> {
  validateProcedureData(data);
  return db.transaction(async (tx) => {
    const agencies = await agenciesByCodes(tx, data.agencyCodes);
    const missing = data.agencyCodes.filter((c) => !agencies.some((a) => a.code === c));
    if (missing.length) throw badInput('agencyCodes', msg(`Không có cơ quan mã: ${missing.join(', ')}`, `unknown agency code(s): ${missing.join(', ')}`));

    const existing = await currentProcedure(tx, data.code);
    const workflow = (data.workflow ?? existing?.workflow ?? []).map((s) => ({ name: s.name.trim(), role: s.role, agencyCode: s.agencyCode ?? null, share: s.share }));
    // A kept workflow must still fit the procedure's agencies (a sync may have dropped one).
    if (!data.workflow && workflow.length) validateWorkflow(workflow, { implementingAgencyCodes: data.agencyCodes });
    if (existing && canonical(existing) === canonical({ ...data, workflow })) return { outcome: 'unchanged' as const };

    await writeProcedure(
      tx,
      {
        code: data.code,
        name: data.name,
        searchText: procedureSearchText(data.name, data.code),
        sectorCode: data.sectorCode,
        sectorName: data.sectorName,
        level: data.level,
        serviceLevel: data.serviceLevel,
        steps: data.steps,
        channels: data.channels,
        processingWorkingDays: data.processingWorkingDays,
        targetSubjects: data.targetSubjects,
        resultDescription: data.resultDescription,
        requirements: data.requirements ?? null,
        legalBases: data.legalBases.map((l) => ({ number: l.number, title: l.title, issuedOn: l.issuedOn ?? null })),
        location: data.location ?? null,
        publishedAt: data.publishedAt ?? null,
        workflow,
        fees: data.fees.map((f) => ({ kind: f.kind, amount: f.amount, description: f.description ?? null })),
        components: data.components.map((c) => ({
          code: c.code, name: c.name, required: c.required, copies: c.copies ?? null, templateUrl: c.templateUrl ?? null,
        })),
      },
      agencies.map((a) => a.id),
      now,
    );
    return { outcome: existing ? ('updated' as const) : ('created' as const) };
  });
}

/**
 * upsertProcedure (ADMIN): creates or replaces a procedure by code. Submissions' cached look-ups
 * are forgotten once it is written. Returns the procedure as it now reads.
 */
export async function upsertProcedure(ctx: CommandContext, input: ProcedureData): Promise<{ procedure: ProcedureRow; outcome: UpsertOutcome }> {
  ctx.viewer.requireRole('ADMIN');
  const { outcome } = await saveProcedure(ctx.db, input, ctx.now);
  ctx.afterCommit(() => ctx.services.submissionCatalogue.clear());
  const procedure = await procedureByCode(ctx.db, input.code);
  return { procedure: procedure!, outcome };
}
