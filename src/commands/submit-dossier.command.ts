import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Dossier } from '../entities';
import { isUniqueViolation, json, run, toDossier, type DossierRow } from './dossier-sql';
import type { IdentityChecker } from './identity-check';
import { outboxInsertFrom } from '../stores/outbox.store';
import { DOSSIER_SYNC, nationalRecord, type DossierSyncPayload } from '../outbox/national-messages';
import type { SubmissionCatalogue, SubmissionTarget } from '../queries/submission-catalogue';
import { isBlank } from '../domain/text';
import { DomainError, badInput, forbidden } from '../errors';
import type { Viewer } from '../auth/viewer';
import type { SubmissionChannel } from '../domain/catalogue';
import { dossierCodePrefix, identityNumberProblem, vnDate, type ApplicantKind, type DeliveryMethod } from '../domain/dossier';
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

/**
 * The whole submission in one statement (one transaction): the earlier dossier of the same
 * idempotency key if there is one; otherwise the agency's next daily number (the upsert's row
 * lock makes it unique under concurrency), the dossier with its code, its SUBMIT log line and
 * the outbox message that tells the national portal.
 * The first column says which of the two came back.
 */
const SUBMIT = `with prior as (
  select * from dossier where submitted_by = ? and idempotency_key = ?
), s as (
  insert into dossier_sequence (agency_code, day, last)
  select ?, ?::date, 1 where not exists (select 1 from prior)
  on conflict (agency_code, day) do update set last = dossier_sequence.last + 1
  returning last
), d as (
  insert into dossier (id, code, procedure_id, agency_id, channel, status, applicant_kind, applicant_full_name,
         applicant_identity_number, applicant_birth_date, applicant_phone, applicant_email, applicant_address,
         applicant_verification,
         components, form_data, fees, total_fees, components_count, delivery, delivery_address, submitted_at, submitted_by,
         idempotency_key, created_at, updated_at)
  select ?, ? || lpad(s.last::text, 4, '0'), ?, ?, ?, 'SUBMITTED', ?, ?, ?, ?::date, ?, ?, ?, ?,
         ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?
    from s where s.last <= 9999
  returning *
), e as (
  insert into dossier_event (id, dossier_id, seq, at, action, from_status, to_status, actor, actor_role, note)
  select ?, d.id, 1, d.submitted_at, 'SUBMIT', null, 'SUBMITTED', d.submitted_by, ?, ? from d
), o as (
  ${outboxInsertFrom('d', `jsonb_set(?::jsonb, '{record,MaHoSo}', to_jsonb(d.code))`)}
)
select true as "created_", d.* from d
union all
select false, prior.* from prior`;

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
  checkIdentity?: IdentityChecker,
): Promise<Dossier> {
  const role = submitterRole(viewer, data);
  const subject = viewer.subject!;
  const key = data.idempotencyKey ?? null;
  if (key != null && (key.length < 1 || key.length > 200)) {
    throw badInput('idempotencyKey', 'idempotencyKey must be 1 to 200 characters');
  }
  const { procedure, agency, implementsIt } = await catalogue.get(em, data.procedureCode, data.agencyCode);
  if (!procedure) throw badInput('procedureCode', `no procedure ${data.procedureCode} in the catalogue`);
  if (!agency) throw badInput('agencyCode', `no agency ${data.agencyCode}`);
  validate(data, procedure, implementsIt);

  const a = data.applicant;
  // Checked against the population database before the insert, so the answer is stored with
  // the dossier and sent to the national portal; PENDING (retried by a job) if it cannot answer.
  const verification = checkIdentity ? await checkIdentity({ ...a, fullName: a.fullName.trim() }) : undefined;
  const components = data.components.map((c) => ({ ...c, sha256: c.sha256.toLowerCase() }));
  const record = nationalRecord({
    code: '', // set by the statement from the number it draws
    channel: data.channel,
    status: 'SUBMITTED',
    applicantKind: a.kind,
    applicantFullName: a.fullName.trim(),
    applicantIdentityNumber: a.identityNumber,
    applicantVerification: verification ?? 'PENDING',
    submittedAt: now,
    components,
    fees: procedure.fees,
    paidAmount: 0,
    procedureCode: procedure.code,
    procedureName: procedure.name,
    sectorCode: procedure.sectorCode,
    agencyCode: agency.code,
  });
  const params = [
    subject, key,
    agency.code, vnDate(now),
    randomUUID(), dossierCodePrefix(agency.code, now), procedure.id, agency.id, data.channel,
    a.kind, a.fullName.trim(), a.identityNumber, a.birthDate ?? null, a.phone ?? null, a.email ?? null, a.address ?? null,
    verification ?? 'PENDING',
    json(components), json(data.formData), json(procedure.fees), procedure.fees.reduce((n, f) => n + f.amount, 0), components.length,
    data.delivery, data.deliveryAddress ?? null, now, subject, key, now, now,
    randomUUID(), role, `${data.channel} submission`,
    randomUUID(), DOSSIER_SYNC, json({ record, progress: null } satisfies DossierSyncPayload),
  ];
  let rows: (DossierRow & { created_: boolean })[];
  try {
    rows = await run(em, SUBMIT, params);
  } catch (e) {
    // Two retries with the same key raced past `prior`: the loser returns the winner's dossier.
    if (!(key && isUniqueViolation(e))) throw e;
    rows = await run(em, SUBMIT, params);
  }
  const [row] = rows;
  if (!row) throw new DomainError('CONFLICT', 'The agency has used every dossier number for today');
  const { created_: _created, ...dossier } = row;
  return toDossier(em, dossier as DossierRow);
}
