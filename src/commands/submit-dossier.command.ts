import type { EntityManager } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Agency, Dossier, DossierEvent, Procedure } from '../entities';
import type { SubmissionCatalogue, SubmissionTarget } from '../queries/submission-catalogue';
import { isBlank } from '../domain/text';
import { AppError, badInput, forbidden } from '../errors';
import type { Viewer } from '../auth/viewer';
import type { SubmissionChannel } from '../domain/catalogue';
import { formatDossierCode, identityNumberProblem, vnDate, type ApplicantKind, type DeliveryMethod } from '../domain/dossier';
import type { Role } from '../domain/dossier-machine';
import { isCalendarDate } from '../schema/scalars';

export interface SubmitDossierData {
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
  components: { componentCode: string; fileName: string; mimeType: string; sizeBytes: number; sha256: string; url: string }[];
  formData?: unknown;
  delivery: DeliveryMethod;
  deliveryAddress?: string | null;
  idempotencyKey?: string | null;
}

const SHA256_RE = /^[0-9a-f]{64}$/i;
const MAX_COMPONENT_BYTES = 50 * 1024 * 1024;

/** Who may submit, and as what: a citizen for themself, or agency staff at the counter for anyone. */
function submitterRole(viewer: Viewer, data: SubmitDossierData): Role {
  viewer.requireAuthenticated();
  if (viewer.hasRole('RECEPTION_OFFICER', 'SECTOR_SYSTEM')) {
    if (!viewer.agencyCodes.includes(data.agencyCode)) throw forbidden('Staff submit only to their own agency');
    return viewer.hasRole('RECEPTION_OFFICER') ? 'RECEPTION_OFFICER' : 'SECTOR_SYSTEM';
  }
  if (viewer.hasRole('CITIZEN')) {
    if (!viewer.identityNumber || viewer.identityNumber !== data.applicant.identityNumber) {
      throw forbidden('A citizen submits only for themself: the applicant identity number must be yours');
    }
    if (data.channel === 'COUNTER') throw badInput('channel', 'COUNTER dossiers are entered by the one-stop desk');
    return 'CITIZEN';
  }
  throw forbidden('Submitting needs the CITIZEN role, or a one-stop desk role of the agency');
}

function validate(data: SubmitDossierData, procedure: NonNullable<SubmissionTarget['procedure']>, agencyImplements: boolean): void {
  if (!agencyImplements) throw badInput('agencyCode', `agency ${data.agencyCode} does not carry out procedure ${data.procedureCode}`);
  if (!procedure.channels.includes(data.channel)) {
    throw badInput('channel', `procedure ${procedure.code} is not offered through ${data.channel} (offered: ${procedure.channels.join(', ')})`);
  }
  const a = data.applicant;
  if (isBlank(a.fullName)) throw badInput('applicant.fullName', 'the applicant name is required');
  const idProblem = identityNumberProblem(a.kind, a.identityNumber);
  if (idProblem) throw badInput('applicant.identityNumber', idProblem);
  if (a.birthDate != null && !isCalendarDate(a.birthDate)) throw badInput('applicant.birthDate', 'birthDate must be YYYY-MM-DD');
  if (a.email != null && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(a.email)) throw badInput('applicant.email', 'email is not an e-mail address');
  if (data.delivery === 'POSTAL' && isBlank(data.deliveryAddress)) throw badInput('deliveryAddress', 'postal delivery needs an address');

  const specs = new Map(procedure.components.map((c) => [c.code, c]));
  const given = new Set<string>();
  for (const c of data.components) {
    if (!specs.has(c.componentCode)) throw badInput('components', `component ${c.componentCode} is not part of procedure ${procedure.code}`);
    if (isBlank(c.fileName) || isBlank(c.mimeType)) throw badInput('components', `component ${c.componentCode} needs a file name and a MIME type`);
    if (!Number.isInteger(c.sizeBytes) || c.sizeBytes <= 0 || c.sizeBytes > MAX_COMPONENT_BYTES) {
      throw badInput('components', `component ${c.componentCode}: sizeBytes must be between 1 and ${MAX_COMPONENT_BYTES}`);
    }
    if (!SHA256_RE.test(c.sha256)) throw badInput('components', `component ${c.componentCode}: sha256 must be 64 hex digits`);
    if (!/^https?:\/\/\S+$/.test(c.url)) throw badInput('components', `component ${c.componentCode}: url must be http(s)`);
    given.add(c.componentCode);
  }
  const missing = procedure.components.filter((c) => c.required && !given.has(c.code)).map((c) => c.code);
  if (missing.length) throw badInput('components', `required component(s) missing: ${missing.join(', ')}`);
}

/** The next number of the agency's daily sequence; the row lock makes it unique under concurrency. */
async function nextSequence(em: EntityManager, agencyCode: string, day: string): Promise<number> {
  const rows = await em.getConnection().execute<{ last: number }[]>(
    `insert into dossier_sequence (agency_code, day, last) values (?, ?, 1)
     on conflict (agency_code, day) do update set last = dossier_sequence.last + 1
     returning last`,
    [agencyCode, day],
    'all',
    em.getTransactionContext(), // on the transaction's own connection
  );
  return rows[0].last;
}

/**
 * submitDossier: checks the procedure, the agency, the channel, the components and the
 * applicant, then writes the dossier with its code and its first log line in one transaction.
 * A retry with the same idempotency key (per submitter) returns the dossier created first.
 */
export async function submitDossier(
  em: EntityManager,
  viewer: Viewer,
  data: SubmitDossierData,
  now: Date,
  catalogue: SubmissionCatalogue,
): Promise<Dossier> {
  const role = submitterRole(viewer, data);
  const subject = viewer.subject!;
  if (data.idempotencyKey != null && (data.idempotencyKey.length < 1 || data.idempotencyKey.length > 200)) {
    throw badInput('idempotencyKey', 'idempotencyKey must be 1 to 200 characters');
  }
  const findFirst = () =>
    data.idempotencyKey ? em.fork().findOne(Dossier, { submittedBy: subject, idempotencyKey: data.idempotencyKey }) : null;
  const earlier = await findFirst();
  if (earlier) return earlier;

  const { procedure, agency, implementsIt } = await catalogue.get(em, data.procedureCode, data.agencyCode);
  if (!procedure) throw badInput('procedureCode', `no procedure ${data.procedureCode} in the catalogue`);
  if (!agency) throw badInput('agencyCode', `no agency ${data.agencyCode}`);
  validate(data, procedure, implementsIt);

  try {
    return await em.transactional(async (tx) => {
      const seq = await nextSequence(tx, agency.code, vnDate(now));
      const a = data.applicant;
      const dossier = tx.create(Dossier, {
        code: formatDossierCode(agency.code, now, seq),
        procedure: tx.getReference(Procedure, procedure.id),
        agency: tx.getReference(Agency, agency.id),
        channel: data.channel,
        status: 'SUBMITTED',
        applicantKind: a.kind,
        applicantFullName: a.fullName.trim(),
        applicantIdentityNumber: a.identityNumber,
        applicantBirthDate: a.birthDate ?? null,
        applicantPhone: a.phone ?? null,
        applicantEmail: a.email ?? null,
        applicantAddress: a.address ?? null,
        components: data.components.map((c) => ({ ...c, sha256: c.sha256.toLowerCase() })),
        formData: data.formData ?? null,
        fees: procedure.fees,
        delivery: data.delivery,
        deliveryAddress: data.deliveryAddress ?? null,
        submittedAt: now,
        submittedBy: subject,
        idempotencyKey: data.idempotencyKey ?? null,
        createdAt: now,
        updatedAt: now,
      });
      tx.create(DossierEvent, {
        dossier,
        seq: 1,
        at: now,
        action: 'SUBMIT',
        fromStatus: null,
        toStatus: 'SUBMITTED',
        actor: subject,
        actorRole: role,
        note: `${data.channel} submission`,
      });
      await tx.flush();
      return dossier;
    });
  } catch (e) {
    // Two retries with the same key raced: the loser returns the winner's dossier.
    if (e instanceof UniqueConstraintViolationException && data.idempotencyKey) {
      const first = await findFirst();
      if (first) return first;
    }
    if (e instanceof RangeError) throw new AppError('CONFLICT', 'The agency has used every dossier number for today');
    throw e;
  }
}
