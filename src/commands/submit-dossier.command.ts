import { randomUUID } from 'node:crypto';
import type { Dossier } from '../entities';
import type { CommandContext } from './command-context';
import { insertSubmission } from '../stores/dossier.store';
import { receiveDueAt } from '../domain/dossier-sla';
import { DOSSIER_SYNC, nationalRecord, type DossierSyncPayload } from '../outbox/national-messages';
import type { SubmissionTarget } from '../queries/submission-catalogue';
import { isBlank } from '../domain/text';
import { DomainError, badInput, forbidden, msg } from '../errors';
import type { Viewer } from '../auth/viewer';
import type { SubmissionChannel } from '../domain/catalogue';
import { dossierCodePrefix, identityNumberProblem, vnDate, type ApplicantKind, type DeliveryMethod } from '../domain/dossier';
import type { Role } from '../domain/dossier-machine';
import { isCalendarDate } from '../schema/scalars';
import { checkCodesOfProcedure, componentFacts, componentsFromInputs, type ComponentInputData } from '../domain/components';
import { linkDossierFiles } from '../stores/file.store';
import { componentFiles, loadComponentSources } from './dossier-components';
import { publishSubmission } from '../realtime/pubsub';
import { emailProblem, phoneProblem } from '../domain/notifications';
import { submissionFollowUps } from './notify-effects';

export interface SubmitDossierInput {
  procedureCode: string;
  agencyCode: string;
  channel: SubmissionChannel;
  applicant: {
    kind: ApplicantKind;
    fullName: string;
    identityNumber: string;
    birthDate?: string | null;
    phone?: string | null;
    email?: string | null;
    address?: string | null;
  };
  components: ComponentInputData[];
  formData?: unknown;
  delivery: DeliveryMethod;
  deliveryAddress?: string | null;
  idempotencyKey?: string | null;
}


/** Who may submit, and as what: a citizen for themself, or agency staff at the counter for anyone. */
function submitterRole(viewer: Viewer, data: SubmitDossierInput): Role {
  viewer.requireAuthenticated();
  if (viewer.hasRole('RECEPTION_OFFICER', 'SECTOR_SYSTEM')) {
    if (!viewer.agencyCodes.includes(data.agencyCode)) throw forbidden(msg('Cán bộ chỉ được nộp hồ sơ vào cơ quan của mình', 'Staff submit only to their own agency'));
    return viewer.hasRole('RECEPTION_OFFICER') ? 'RECEPTION_OFFICER' : 'SECTOR_SYSTEM';
  }
  if (viewer.hasRole('CITIZEN')) {
    if (!viewer.identityNumber || viewer.identityNumber !== data.applicant.identityNumber) {
      throw forbidden(
        msg(
          'Công dân chỉ được nộp hồ sơ cho chính mình: số định danh của người nộp phải là số định danh của bạn',
          'A citizen submits only for themself: the applicant identity number must be yours',
        ),
      );
    }
    if (data.channel === 'COUNTER') throw badInput('channel', msg('Hồ sơ nộp trực tiếp (COUNTER) do bộ phận một cửa nhập', 'COUNTER dossiers are entered by the one-stop desk'));
    return 'CITIZEN';
  }
  throw forbidden(msg('Nộp hồ sơ cần vai trò công dân, hoặc vai trò một cửa của cơ quan', 'Submitting needs the CITIZEN role, or a one-stop desk role of the agency'));
}

function validate(data: SubmitDossierInput, procedure: NonNullable<SubmissionTarget['procedure']>, agencyImplements: boolean): void {
  if (!agencyImplements) throw badInput(
      'agencyCode',
      msg(`Cơ quan ${data.agencyCode} không giải quyết thủ tục ${data.procedureCode}`, `agency ${data.agencyCode} does not carry out procedure ${data.procedureCode}`),
    );
  if (!procedure.channels.includes(data.channel)) {
    throw badInput(
      'channel',
      msg(
        `Thủ tục ${procedure.code} không được thực hiện qua kênh ${data.channel} (các kênh: ${procedure.channels.join(', ')})`,
        `procedure ${procedure.code} is not offered through ${data.channel} (offered: ${procedure.channels.join(', ')})`,
      ),
    );
  }
  const a = data.applicant;
  if (isBlank(a.fullName)) throw badInput('applicant.fullName', msg('Cần nhập họ tên người nộp hồ sơ', 'the applicant name is required'));
  const idProblem = identityNumberProblem(a.kind, a.identityNumber);
  if (idProblem) throw badInput('applicant.identityNumber', idProblem);
  if (a.birthDate != null && !isCalendarDate(a.birthDate)) throw badInput('applicant.birthDate', msg('Ngày sinh phải có dạng YYYY-MM-DD', 'birthDate must be YYYY-MM-DD'));
  if (a.email != null && a.email !== '' && emailProblem(a.email)) throw badInput('applicant.email', msg('Thư điện tử không đúng định dạng', 'email is not an e-mail address'));
  if (a.phone != null && a.phone !== '' && phoneProblem(a.phone)) {
    throw badInput('applicant.phone', msg('Số điện thoại không đúng định dạng (ví dụ 0912 345 678 hoặc +84 912 345 678)', 'phone is not a phone number (e.g. 0912 345 678 or +84 912 345 678)'));
  }
  if (data.delivery === 'POSTAL' && isBlank(data.deliveryAddress)) throw badInput('deliveryAddress', msg('Nhận kết quả qua bưu chính cần có địa chỉ nhận', 'postal delivery needs an address'));

  checkCodesOfProcedure(data.components.map((c) => c.componentCode), new Set(procedure.components.map((c) => c.code)), procedure.code, 'components');
  const given = new Set(data.components.map((c) => c.componentCode));
  const missing = procedure.components.filter((c) => c.required && !given.has(c.code)).map((c) => c.code);
  if (missing.length) throw badInput('components', msg(`Còn thiếu thành phần hồ sơ bắt buộc: ${missing.join(', ')}`, `required component(s) missing: ${missing.join(', ')}`));
}

/**
 * submitDossier: checks the procedure, the agency, the channel, the components and the
 * applicant, asks the population database about the applicant (briefly: PENDING if it cannot
 * answer), then writes the dossier with its code, its first log line and the national-portal
 * message in one statement (src/stores/dossier.store.ts insertSubmission). A retry with the
 * same idempotency key (per submitter) returns the dossier created first. After the commit the
 * outbox dispatcher is kicked.
 */
export async function submitDossier(ctx: CommandContext, input: SubmitDossierInput): Promise<Dossier> {
  const role = submitterRole(ctx.viewer, input);
  const subject = ctx.viewer.subject!;
  const now = ctx.now;
  const key = input.idempotencyKey ?? null;
  if (key != null && (key.length < 1 || key.length > 200)) {
    throw badInput('idempotencyKey', msg('Khóa chống gửi trùng (idempotencyKey) phải dài từ 1 đến 200 ký tự', 'idempotencyKey must be 1 to 200 characters'));
  }
  const { procedure, agency, implementsIt } = await ctx.services.submissionCatalogue.get(ctx.db, input.procedureCode, input.agencyCode);
  if (!procedure) throw badInput(
      'procedureCode',
      msg(`Không có thủ tục ${input.procedureCode} trong danh mục thủ tục hành chính`, `no procedure ${input.procedureCode} in the catalogue`),
    );
  if (!agency) throw badInput('agencyCode', msg(`Không có cơ quan mã ${input.agencyCode}`, `no agency ${input.agencyCode}`));
  validate(input, procedure, implementsIt);

  const a = input.applicant;
  const fullName = a.fullName.trim();
  // Checked against the population database before the insert, so the answer is stored with
  // the dossier and sent to the national portal; PENDING (retried by a job) if it cannot answer.
  const checkIdentity = ctx.services.checkIdentity;
  const verification = (checkIdentity ? await checkIdentity({ ...a, fullName }) : undefined) ?? 'PENDING';
  const sources = await loadComponentSources(ctx, input.components);
  const giver = { subject, mayGiveUrls: role !== 'CITIZEN', applicantIdentityNumber: a.identityNumber };
  const components = componentsFromInputs(input.components, giver, sources.files, sources.documents);
  const facts = componentFacts(components);
  const record = nationalRecord({
    code: '', // set by the statement from the number it draws
    channel: input.channel,
    status: 'SUBMITTED',
    applicantKind: a.kind,
    applicantFullName: fullName,
    applicantIdentityNumber: a.identityNumber,
    applicantVerification: verification,
    submittedAt: now,
    components,
    fees: procedure.fees,
    paidAmount: 0,
    procedureCode: procedure.code,
    procedureName: procedure.name,
    sectorCode: procedure.sectorCode,
    agencyCode: agency.code,
  });
  const written = await insertSubmission(ctx.db, {
    submittedBy: subject,
    idempotencyKey: key,
    sequence: { agencyCode: agency.code, day: vnDate(now) },
    dossier: {
      id: randomUUID(),
      codePrefix: dossierCodePrefix(agency.code, now),
      procedureId: procedure.id,
      agencyId: agency.id,
      channel: input.channel,
      applicant: {
        kind: a.kind,
        fullName,
        identityNumber: a.identityNumber,
        birthDate: a.birthDate ?? null,
        phone: a.phone ?? null,
        email: a.email ?? null,
        address: a.address ?? null,
        verification,
      },
      components,
      componentsReused: facts.reused,
      componentsCertified: facts.certified,
      formData: input.formData ?? null,
      fees: procedure.fees,
      totalFees: procedure.fees.reduce((n, f) => n + f.amount, 0),
      delivery: input.delivery,
      deliveryAddress: input.deliveryAddress ?? null,
      submittedAt: now,
      receiveDueAt: receiveDueAt(now, input.channel, ctx.services.config.RECEIVE_WITHIN_MINUTES, ctx.calendar),
    },
    log: { id: randomUUID(), actorRole: role, note: `${input.channel} submission` },
    outbox: { messageId: randomUUID(), topic: DOSSIER_SYNC, payload: { record, progress: null } satisfies DossierSyncPayload },
    also: [
      ...linkDossierFiles(componentFiles(components), now),
      ...submissionFollowUps({ agencyCode: agency.code, procedureCode: procedure.code, channel: input.channel, submittedAt: now }),
    ],
  });
  if (!written) {
    throw new DomainError('CONFLICT', msg('Cơ quan đã dùng hết số hồ sơ của ngày hôm nay', 'The agency has used every dossier number for today'), { reason: 'SEQUENCE_EXHAUSTED' });
  }
  ctx.afterCommit(() => ctx.services.outboxWritten());
  if (written.created) {
    // Dashboards and sector systems on the agency's stream see new dossiers live.
    const d = written.dossier;
    ctx.afterCommit(() =>
      publishSubmission(ctx.services.pubSub, {
        code: d.code,
        agencyCode: agency.code,
        action: 'SUBMIT',
        previousStatus: null,
        status: d.status,
        at: d.submittedAt.toISOString(),
        dueAt: null,
        overdue: false,
      }),
    );
  }
  return written.dossier;
}
