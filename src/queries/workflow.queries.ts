import { machineSnapshot } from '../commands/change-dossier';
import type { Context } from '../context';
import type { Dossier } from '../entities';
import { allowedActions, type DossierAction } from '../domain/dossier-machine';
import { stepAgency, stepOverdue } from '../domain/workflow';
import type { AgencyRow } from '../stores/catalogue.store';

/**
 * Reads of the internal process and transfer (issue 14), through the request's loaders only:
 * a page of dossiers costs one statement per kind of fact (agencies by id, agencies by code, the
 * procedures' agencies), never one per dossier.
 */

async function agencyCode(ctx: Context, id: string): Promise<string> {
  const a = await ctx.loaders.agencyById.load(id);
  if (!a) throw new Error(`agency ${id} not found`);
  return a.code;
}

/** Dossier.steps: the dossier's steps with their agency (the step's own, else the handling agency). */
export async function dossierStepsView(ctx: Context, d: Dossier) {
  if (!d.steps?.length) return [];
  const handling = await agencyCode(ctx, d.handlingAgency?.id ?? d.agency.id);
  const now = ctx.services.clock.now();
  return Promise.all(
    d.steps.map(async (s) => ({
      order: s.order,
      name: s.name,
      role: s.role,
      agency: (await ctx.loaders.agencyByCode.load(stepAgency(s, handling))) as AgencyRow,
      startedAt: s.startedAt,
      dueAt: s.dueAt,
      completedAt: s.completedAt,
      overdue: stepOverdue(s, now, d.pausedAt),
    })),
  );
}

/**
 * Dossier.allowedActions: the dossier machine's allowedActions on the same snapshot the change
 * path builds (src/commands/change-dossier.ts machineSnapshot), for the request's viewer.
 */
export async function allowedDossierActions(ctx: Context, d: Dossier): Promise<DossierAction[]> {
  const v = ctx.viewer;
  if (!v.authenticated || v.isSystem) return [];
  const [receiving, handling, agencies] = await Promise.all([
    agencyCode(ctx, d.agency.id),
    agencyCode(ctx, d.handlingAgency?.id ?? d.agency.id),
    ctx.loaders.agenciesByProcedure.load(d.procedure.id),
  ]);
  return allowedActions(
    machineSnapshot(d, { agencyCode: receiving, handlingAgencyCode: handling, implementingAgencyCodes: agencies.map((a) => a.code) }),
    { subject: v.subject!, roles: [...v.roles], agencyCodes: [...v.agencyCodes], identityNumber: v.identityNumber },
  );
}
