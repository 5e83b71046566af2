import type { Dossier } from '../entities';
import { conflict, msg } from '../errors';
import type { CommandContext } from './command-context';
import { decideTransition, type DossierAction } from '../domain/dossier-machine';
import { DOSSIER_CHANGE_REASONS } from '../domain/dossier-change';
import { publishDossierStatus } from '../realtime/pubsub';
import { changeDossierRetrying, snapshotOf, type ChangeInput, type DecideChange } from './change-dossier';

export type { TransitionResult } from './change-dossier';

export interface TransitionDossierInput {
  code: string;
  action: DossierAction;
  note?: string | null;
  expectedVersion?: number | null;
  apologyLetter?: string | null;
  newDueAt?: Date | null;
  result?: ChangeInput['result'];
  postalTrackingNumber?: string | null;
}
/** @deprecated the former name */
export type TransitionDossierData = TransitionDossierInput;

/**
 * transitionDossier: reads the dossier, lets the state machine decide (authorization first, so
 * FORBIDDEN reveals nothing; then the expected version), and writes the change with its log
 * line and national-portal message in one statement guarded by the version read (the change
 * path, src/commands/change-dossier.ts). After the commit: dossierStatusChanged is published and
 * the outbox dispatcher kicked.
 */
export async function transitionDossier(ctx: CommandContext, input: TransitionDossierInput): Promise<Dossier> {
  const v = ctx.viewer.requireAuthenticated();
  const actor = { subject: v.subject, roles: [...v.roles], agencyCodes: [...v.agencyCodes], identityNumber: v.identityNumber };
  const decide: DecideChange = (d, agencyCode) => {
    // The machine authorizes on the dossier as read (its agency, its applicant), before anything else.
    const outcome = decideTransition(snapshotOf(d, agencyCode), actor, input);
    if (input.expectedVersion != null && input.expectedVersion !== d.version) {
      throw conflict(
        msg(
          `Hồ sơ vừa được người khác cập nhật: phiên bản hiện tại là ${d.version}, không phải ${input.expectedVersion}; hãy tải lại hồ sơ`,
          `The dossier changed meanwhile: version is ${d.version}, not ${input.expectedVersion}`,
        ),
        DOSSIER_CHANGE_REASONS.STALE_VERSION,
      );
    }
    return {
      outcome,
      action: input.action,
      actorSubject: v.subject,
      note: input.note,
      input,
      logData: {
        apologyLetter: input.apologyLetter,
        newDueAt: outcome.newDueAt?.toISOString(),
        documentNumber: input.result?.documentNumber,
        postalTrackingNumber: input.postalTrackingNumber,
      },
    };
  };
  const { dossier, event } = await changeDossierRetrying(ctx.db, input.code, decide, ctx.calendar, ctx.now, ctx.services.notifications);
  ctx.afterCommit(() => publishDossierStatus(ctx.services.pubSub, event));
  ctx.afterCommit(() => ctx.services.outboxWritten());
  return dossier;
}
