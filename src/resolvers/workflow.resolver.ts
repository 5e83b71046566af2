import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Dossier } from '../entities';
import { DossierType, DossierActionEnum } from '../schema/dossier.types';
import { AgencyType, ProcedureType } from '../schema/catalogue.types';
import { DossierStepType, WorkflowStepType } from '../schema/workflow.types';
import { DateTimeScalar } from '../schema/scalars';
import { allowedDossierActions, dossierStepsView } from '../queries/workflow.queries';
import type { ProcedureRow } from '../stores/catalogue.store';

/**
 * The internal process, transfer (liên thông), the reception deadline and allowedActions on the
 * Dossier and Procedure types (issue 14). Everything a list of dossiers needs comes through the
 * request's loaders (agencies by id and code, a procedure's agencies): no statement per dossier.
 */
@Resolver(() => DossierType)
export class DossierWorkflowResolver {
  @FieldResolver(() => AgencyType, { description: 'Where the dossier is handled now; differs from agency after a TRANSFER (liên thông).' })
  handlingAgency(@Root() d: Dossier, @Ctx() ctx: Context) {
    return ctx.loaders.agencyById.load(d.handlingAgency?.id ?? d.agency.id);
  }

  @FieldResolver(() => DateTimeScalar, { nullable: true, description: 'Online dossiers: receive (or answer) before this instant (RECEIVE_WITHIN_MINUTES working minutes).' })
  receiveDueAt(@Root() d: Dossier): Date | null {
    return d.receiveDueAt ?? null;
  }

  @FieldResolver(() => [DossierStepType], { description: 'The internal process steps, when the procedure defines them.' })
  steps(@Root() d: Dossier, @Ctx() ctx: Context) {
    return dossierStepsView(ctx, d);
  }

  @FieldResolver(() => [DossierActionEnum], { description: 'What the viewer may do now (status x role x agency x owner x step).' })
  allowedActions(@Root() d: Dossier, @Ctx() ctx: Context) {
    return allowedDossierActions(ctx, d);
  }
}

@Resolver(() => ProcedureType)
export class ProcedureWorkflowResolver {
  @FieldResolver(() => [WorkflowStepType], { description: 'Internal process steps (quy trình nội bộ) between RECEIVE and approval; empty: the fixed lifecycle.' })
  workflow(@Root() p: ProcedureRow): WorkflowStepType[] {
    return (p.workflow ?? []).map((s, i) => ({ order: i + 1, name: s.name, role: s.role, agencyCode: s.agencyCode ?? null, share: s.share }));
  }
}
