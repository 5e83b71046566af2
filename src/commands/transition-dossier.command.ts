import type { Dossier } from '../entities';
import { badInput, conflict, forbidden, msg } from '../errors';
import { viDossierAction } from '../domain/labels-vi';
import type { CommandContext } from './command-context';
import { decideTransition, type DossierAction } from '../domain/dossier-machine';
import { DOSSIER_CHANGE_REASONS } from '../domain/dossier-change';
import { publishDossierStatus } from '../realtime/pubsub';
import { changeDossierRetrying, snapshotOf, type DecideChange } from './change-dossier';
import { randomUUID } from 'node:crypto';
import { applySupplement, checkCodesOfProcedure, componentsFromInputs, normalizeStored, supplementNote, type ComponentGiver, type ComponentInputData } from '../domain/components';
import { componentFiles, loadComponentSources, type ComponentSources } from './dossier-components';
import { linkDossierFiles } from '../stores/file.store';
import { resultIntoStore } from '../stores/citizen-document.store';
import type { DossierForChange, FollowUp } from '../stores/dossier.store';
import { currentStep } from '../domain/workflow';

export type { TransitionResult } from './change-dossier';

export interface TransitionDossierInput {
  code: string;
  action: DossierAction;
  note?: string | null;
  expectedVersion?: number | null;
  apologyLetter?: string | null;
  newDueAt?: Date | null;
  /** ISSUE_RESULT: a stored file (fileId, decoded) or a file kept elsewhere (fileUrl and sha256). */
  result?: { documentNumber: string; signedBy: string; fileId?: string | null; fileUrl?: string | null; sha256?: string | null } | null;
  postalTrackingNumber?: string | null;
  /** SUPPLEMENT: the new or replacing components. REQUEST_SUPPLEMENT: the components asked for (componentCode only). */
  components?: ComponentInputData[] | null;
  /** TRANSFER: the agency that takes over (liên thông). */
  targetAgencyCode?: string | null;
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
  // A sector system's service account takes only the actions ADMIN granted it (issue 16).
  if (v.serviceAccount && !v.serviceAccount.actions.includes(input.action)) {
    throw forbidden(msg(`Tài khoản hệ thống này không được cấp thao tác ${viDossierAction(input.action)}`, `This service account may not ${input.action}`));
  }
  const actor = { subject: v.subject, roles: [...v.roles], agencyCodes: [...v.agencyCodes], identityNumber: v.identityNumber };
  const sources = await loadComponentSources(ctx, input.components ?? [], input.result?.fileId ? [input.result.fileId] : []);
  const decide: DecideChange = (d, agencyCode, read) => {
    // The machine authorizes on the dossier as read (its agency, its applicant), before anything else.
    const outcome = decideTransition(snapshotOf(d, agencyCode, read), actor, input);
    if (input.expectedVersion != null && input.expectedVersion !== d.version) {
      throw conflict(
        msg(
          `Hồ sơ vừa được người khác cập nhật: phiên bản hiện tại là ${d.version}, không phải ${input.expectedVersion}; hãy tải lại hồ sơ`,
          `The dossier changed meanwhile: version is ${d.version}, not ${input.expectedVersion}`,
        ),
        DOSSIER_CHANGE_REASONS.STALE_VERSION,
      );
    }
    const papers = papersOf(input, d, read, ctx.now, { subject: v.subject, mayGiveUrls: outcome.actorRole !== 'CITIZEN', applicantIdentityNumber: d.applicantIdentityNumber }, sources);
    const result = resultOf(input, read, v.subject, sources, ctx.now);
    return {
      outcome,
      action: input.action,
      actorSubject: v.subject,
      note: input.note ?? papers.note ?? processNote(input, d, read),
      input: { ...input, result: result?.data ?? null, components: papers.components, requestedComponents: papers.requested },
      logData: {
        apologyLetter: input.apologyLetter,
        newDueAt: outcome.newDueAt?.toISOString(),
        documentNumber: input.result?.documentNumber,
        postalTrackingNumber: input.postalTrackingNumber,
        requestedComponents: papers.requested ?? undefined,
        components: papers.changes,
        ...(input.action === 'TRANSFER' && { fromAgencyCode: read.handlingAgencyCode, toAgencyCode: outcome.transferTo }),
        ...(input.action === 'COMPLETE_STEP' && { step: currentStep(d.steps)?.order }),
      },
      also: [...papers.also, ...(result?.also ?? [])],
    };
  };
  const { dossier, event, letters } = await changeDossierRetrying(ctx.db, input.code, decide, ctx.calendar, ctx.now, ctx.services.notifications);
  ctx.afterCommit(() => publishDossierStatus(ctx.services.pubSub, event));
  ctx.afterCommit(() => ctx.services.outboxWritten());
  if (letters) ctx.afterCommit(() => ctx.services.lettersWritten());
  return dossier;
}

/** The log line's words for a hand-over or a finished step, when the actor wrote none. */
function processNote(input: TransitionDossierInput, d: Dossier, read: DossierForChange): string | null {
  if (input.action === 'TRANSFER') return `Chuyển xử lý liên thông: ${read.handlingAgencyName} (${read.handlingAgencyCode}) → ${input.targetAgencyCode?.trim()}`;
  if (input.action === 'COMPLETE_STEP') {
    const step = currentStep(d.steps);
    return step ? `Hoàn thành bước ${step.order}/${d.steps.length}: ${step.name}` : null;
  }
  return null;
}

/** What a transition does with components: SUPPLEMENT adds or replaces them, REQUEST_SUPPLEMENT names those asked for. */
function papersOf(input: TransitionDossierInput, d: Dossier, read: DossierForChange, now: Date, giver: ComponentGiver, sources: ComponentSources) {
  const given = input.components ?? null;
  const none = { components: null, requested: null, changes: undefined, note: null, also: [] as FollowUp[] };
  const codes = new Set(read.procedureComponents.map((c) => c.code));
  if (input.action === 'REQUEST_SUPPLEMENT') {
    if (!given?.length) return none;
    const i = given.findIndex((c) => c.fileId || c.citizenDocumentId || c.url);
    if (i >= 0) {
      throw badInput(
        `components[${i}]`,
        msg('Yêu cầu bổ sung chỉ nêu mã thành phần hồ sơ cần bổ sung (componentCode), không kèm tệp', 'A supplement request names the components asked for by componentCode only, with no file'),
      );
    }
    checkCodesOfProcedure(given.map((c) => c.componentCode), codes, read.procedureCode, 'components');
    return { ...none, requested: [...new Set(given.map((c) => c.componentCode))] };
  }
  if (input.action === 'SUPPLEMENT') {
    const requested = d.requestedComponents ?? [];
    if (!given?.length) {
      // On paper at the counter the officer records it; online, the papers asked for must come with it.
      if (requested.length && !giver.mayGiveUrls) {
        throw badInput('components', msg(`Cần gửi kèm các thành phần đã được yêu cầu bổ sung: ${requested.join(', ')}`, `Send the components asked for: ${requested.join(', ')}`));
      }
      return none;
    }
    checkCodesOfProcedure(given.map((c) => c.componentCode), codes, read.procedureCode, 'components');
    const added = componentsFromInputs(given, giver, sources.files, sources.documents);
    const { components, changes } = applySupplement(d.components.map(normalizeStored), added, requested);
    return { components, requested: null, changes, note: supplementNote(changes), also: linkDossierFiles(componentFiles(added), now) };
  }
  if (given?.length) {
    throw badInput('components', msg('Chỉ thao tác bổ sung hồ sơ (SUPPLEMENT) và yêu cầu bổ sung (REQUEST_SUPPLEMENT) nhận thành phần hồ sơ', 'Only SUPPLEMENT and REQUEST_SUPPLEMENT take components'));
  }
  return none;
}

/** ISSUE_RESULT with a stored file: the result keeps the file, which enters the applicant's store. */
function resultOf(input: TransitionDossierInput, read: DossierForChange, subject: string, sources: ComponentSources, now: Date) {
  const r = input.result;
  if (input.action !== 'ISSUE_RESULT' || !r) return null;
  if (!r.fileId) return { data: { documentNumber: r.documentNumber, signedBy: r.signedBy, fileUrl: r.fileUrl ?? '', sha256: (r.sha256 ?? '').toLowerCase() }, also: [] };
  const f = sources.files.get(r.fileId);
  if (!f || f.uploadedBy !== subject) throw badInput('result.fileId', msg('Không có tệp kết quả này trong các tệp bạn đã tải lên', 'No such result file among your uploads'));
  const citizenDocumentId = randomUUID();
  const title = read.procedureResultDescription?.trim() || `Kết quả giải quyết thủ tục ${read.procedureName}`;
  return {
    data: { documentNumber: r.documentNumber, signedBy: r.signedBy, fileUrl: '', sha256: f.sha256, fileId: f.id, citizenDocumentId },
    also: [
      ...linkDossierFiles([{ fileId: f.id, purpose: 'RESULT' }], now),
      resultIntoStore({ id: citizenDocumentId, title, documentNumber: r.documentNumber, fileId: f.id, at: now, createdBy: subject }),
    ],
  };
}
