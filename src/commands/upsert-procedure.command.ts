import type { EntityManager } from '@mikro-orm/postgresql';
import { Agency, Procedure, Sector } from '../entities';
import { isBlank } from '../domain/text';
import { badInput } from '../errors';
import {
  procedureSearchText,
  type AdministrativeLevel,
  type FeeKind,
  type LegalBasisData,
  type OnlineServiceLevel,
  type SubmissionChannel,
} from '../domain/catalogue';

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
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

const CODE_RE = /^[0-9A-Za-z][0-9A-Za-z._-]{2,59}$/;

/** Checks the input before anything is written; throws BAD_USER_INPUT naming the field. */
export function validateProcedureData(d: ProcedureData): void {
  if (!CODE_RE.test(d.code)) throw badInput('code', 'code must be a procedure code such as 1.001193.000.00.00.H22');
  if (isBlank(d.name)) throw badInput('name', 'name is required');
  if (isBlank(d.sectorCode)) throw badInput('sectorCode', 'sectorCode is required');
  if (isBlank(d.sectorName)) throw badInput('sectorName', 'sectorName is required');
  if (d.agencyCodes.length === 0) throw badInput('agencyCodes', 'at least one agency must implement the procedure');
  if (d.channels.length === 0) throw badInput('channels', 'at least one channel is required');
  if (new Set(d.channels).size !== d.channels.length) throw badInput('channels', 'channels repeat');
  if (d.steps.some(isBlank)) throw badInput('steps', 'steps must not be blank');
  if (!Number.isFinite(d.processingWorkingDays) || d.processingWorkingDays < 0 || d.processingWorkingDays > 365) {
    throw badInput('processingWorkingDays', 'processingWorkingDays must be between 0 and 365');
  }
  if (isBlank(d.resultDescription)) throw badInput('resultDescription', 'resultDescription is required');
  if (d.fees.some((f) => !Number.isInteger(f.amount) || f.amount < 0)) throw badInput('fees', 'fee amounts are whole VND, 0 or more');
  const componentCodes = d.components.map((c) => c.code);
  if (componentCodes.some(isBlank)) throw badInput('components', 'component codes must not be blank');
  if (new Set(componentCodes).size !== componentCodes.length) throw badInput('components', 'component codes repeat');
  if (d.components.some((c) => c.copies != null && c.copies < 0)) throw badInput('components', 'copies must be 0 or more');
  if (d.legalBases.some((l) => isBlank(l.number) || isBlank(l.title))) throw badInput('legalBases', 'each legal basis needs a number and a title');
}

/** What a procedure says, in a form that compares equal when nothing changed. */
function canonical(p: {
  name: string; sectorCode: string; sectorName: string; level: string; serviceLevel: string; agencyCodes: string[];
  steps: string[]; channels: string[]; components: ProcedureData['components']; processingWorkingDays: number;
  targetSubjects: string[]; resultDescription: string; requirements?: string | null; fees: ProcedureData['fees'];
  legalBases: LegalBasisData[]; location?: string | null; publishedAt?: string | null;
}): string {
  return JSON.stringify([
    p.name, p.sectorCode, p.sectorName, p.level, p.serviceLevel, [...p.agencyCodes].sort(), p.steps, p.channels,
    p.components.map((c) => [c.code, c.name, c.required, c.copies ?? null, c.templateUrl ?? null]),
    p.processingWorkingDays, p.targetSubjects, p.resultDescription, p.requirements ?? null,
    p.fees.map((f) => [f.kind, f.amount, f.description ?? null]),
    p.legalBases.map((l) => [l.number, l.title, l.issuedOn ?? null]), p.location ?? null, p.publishedAt ?? null,
  ]);
}

/**
 * Creates or replaces a procedure by code, with its sector, agencies, fees and components, in
 * one transaction. Returns the procedure and whether anything changed.
 */
export async function upsertProcedure(
  em: EntityManager,
  data: ProcedureData,
  now: Date,
): Promise<{ procedure: Procedure; outcome: UpsertOutcome }> {
  validateProcedureData(data);
  return em.transactional(async (tx) => {
    const agencies = await tx.find(Agency, { code: { $in: data.agencyCodes } });
    const missing = data.agencyCodes.filter((c) => !agencies.some((a) => a.code === c));
    if (missing.length) throw badInput('agencyCodes', `unknown agency code(s): ${missing.join(', ')}`);

    let sector = await tx.findOne(Sector, { code: data.sectorCode });
    const existing = await tx.findOne(Procedure, { code: data.code }, { populate: ['sector', 'agencies'] });

    if (existing) {
      const before = canonical({
        ...existing,
        sectorCode: existing.sector.getEntity().code,
        sectorName: existing.sector.getEntity().name,
        agencyCodes: existing.agencies.getItems().map((a) => a.code),
      });
      if (before === canonical(data)) return { procedure: existing as Procedure, outcome: 'unchanged' as const };
    }

    if (!sector) {
      sector = tx.create(Sector, { code: data.sectorCode, name: data.sectorName });
    } else if (sector.name !== data.sectorName) {
      sector.name = data.sectorName;
    }

    const fields = {
      name: data.name,
      searchText: procedureSearchText(data.name, data.code),
      sector,
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
      fees: data.fees.map((f) => ({ kind: f.kind, amount: f.amount, description: f.description ?? null })),
      components: data.components.map((c) => ({
        code: c.code, name: c.name, required: c.required, copies: c.copies ?? null, templateUrl: c.templateUrl ?? null,
      })),
      updatedAt: now,
    };
    const outcome: UpsertOutcome = existing ? 'updated' : 'created';
    let procedure: Procedure;
    if (existing) {
      procedure = existing as Procedure;
      tx.assign(procedure, fields);
    } else {
      procedure = tx.create(Procedure, { code: data.code, ...fields, createdAt: now });
    }
    procedure.agencies.set(agencies);
    await tx.flush();
    return { procedure, outcome };
  });
}
