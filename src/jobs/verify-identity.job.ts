import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PopulationRegistry } from '../connectors/population';
import { isUpstreamError } from '../connectors/upstream-error';
import { json, run, toDossier, type DossierRow } from '../commands/dossier-sql';
import { outboxInsertFrom } from '../stores/outbox.store';
import { DOSSIER_SYNC, nationalRecord, type DossierSyncPayload } from '../outbox/national-messages';
import type { JobDefinition } from './scheduler';

const PENDING = `select d.*, d.applicant_birth_date::text as "birth_date_", a.code as "agency_code_", p.code as "procedure_code_",
       p.name as "procedure_name_", s.code as "sector_code_"
  from dossier d join agency a on a.id = d.agency_id join procedure p on p.id = d.procedure_id join sector s on s.id = p.sector_id
 where d.applicant_verification = 'PENDING' and d.applicant_kind = 'CITIZEN' and d.applicant_birth_date is not null
 order by d.submitted_at
 limit ?`;

/** The answer, its log line and the updated national record, in one statement (compare-and-set on version). */
const WRITE = `with u as (
  update dossier set applicant_verification = ?, version = version + 1, updated_at = ?
   where id = ? and version = ? and applicant_verification = 'PENDING'
  returning *
), e as (
  insert into dossier_event (id, dossier_id, seq, at, action, from_status, to_status, actor, actor_role, note)
  select ?, u.id, u.version, ?, 'IDENTITY_CHECKED', u.status, u.status, 'system:population-database', 'SECTOR_SYSTEM', ? from u
), o as (
  ${outboxInsertFrom('u')}
)
select u.id from u`;

/**
 * Asks the population database again for applicants it could not answer for at submission.
 * Runs until every PENDING citizen is answered; a database that is still down ends the run
 * early (the next run tries again), and a dossier changed meanwhile is taken next time.
 */
export async function verifyPendingIdentities(em: EntityManager, population: PopulationRegistry, now: () => Date, batch: number, stopping: () => boolean) {
  const counts = { checked: 0, verified: 0, mismatch: 0, unanswered: 0 };
  const rows = await run<Record<string, any>>(em, PENDING, [batch]);
  for (const r of rows) {
    if (stopping()) break;
    counts.checked++;
    let status: 'VERIFIED' | 'MISMATCH';
    try {
      const answer = await population.lookup({ identityNumber: r.applicant_identity_number, fullName: r.applicant_full_name, birthDate: r.birth_date_ });
      status = answer.status === 'VERIFIED' ? 'VERIFIED' : 'MISMATCH';
    } catch (e) {
      counts.unanswered++;
      if (isUpstreamError(e) && (e.reason === 'circuit-open' || e.retryable)) break; // still down: next run
      continue;
    }
    const at = now();
    const { birth_date_: _b, agency_code_, procedure_code_, procedure_name_, sector_code_, ...dossierRow } = r;
    const d = toDossier(em, dossierRow as DossierRow);
    const payload: DossierSyncPayload = {
      record: nationalRecord({
        ...d,
        applicantVerification: status,
        procedureCode: procedure_code_,
        procedureName: procedure_name_,
        sectorCode: sector_code_,
        agencyCode: agency_code_,
      }),
      progress: null,
    };
    const written = await run(em, WRITE, [
      status, at, r.id, r.version,
      randomUUID(), at, status === 'VERIFIED' ? 'Đã xác thực với CSDL quốc gia về dân cư' : 'Thông tin không khớp CSDL quốc gia về dân cư',
      randomUUID(), DOSSIER_SYNC, json(payload),
    ]);
    if (written.length) counts[status === 'VERIFIED' ? 'verified' : 'mismatch']++;
  }
  return counts;
}

export function verifyIdentityJob(population: PopulationRegistry, now: () => Date, scheduleExpr: string | null): JobDefinition {
  return {
    name: 'verify-identity',
    schedule: scheduleExpr,
    quietWhenIdle: true,
    run: ({ em, stopping }) => verifyPendingIdentities(em, population, now, 200, stopping),
  };
}
