import { randomUUID } from 'node:crypto';
import { forbidden, notFound, msg } from '../errors';
import { processControlRequest } from '../domain/letter-rules';
import { readDossierForChange } from '../stores/dossier.store';
import { claimLetterRequest, insertLetterRequest, type LetterRow } from '../stores/letter.store';
import type { CommandContext } from './command-context';
import { issueClaimedLetter } from './letters';

/**
 * issueProcessControlLetter (hub addition): the process-control sheet (Mẫu 05, phiếu kiểm soát
 * quá trình giải quyết hồ sơ) of a dossier as its log stands now, for the staff of the dossier's
 * agency, issued at once. The request and its letter commit together: a failure leaves neither.
 */
export async function issueProcessControlLetter(ctx: CommandContext, input: { code: string }): Promise<LetterRow> {
  const v = ctx.viewer.requireAuthenticated();
  return ctx.db.transaction(async (db) => {
    const read = await readDossierForChange(db, input.code, { lock: false });
    if (!read) throw notFound(msg(`Không tìm thấy hồ sơ ${input.code}`, `Dossier ${input.code} not found`));
    if (!v.worksAt(read.agencyCode)) {
      throw forbidden(msg('Phiếu kiểm soát quá trình do cán bộ của cơ quan giải quyết hồ sơ lập', 'The process-control sheet is issued by the staff of the dossier’s agency'));
    }
    const d = read.dossier;
    const spec = processControlRequest(
      {
        version: d.version,
        dossier: {
          code: d.code,
          submittedAt: d.submittedAt,
          receivedAt: d.receivedAt ?? null,
          dueAt: d.dueAt ?? null,
          delivery: d.delivery,
          deliveryAddress: d.deliveryAddress ?? null,
          components: d.components,
          fees: d.fees,
          applicant: { name: d.applicantFullName, identityNumber: d.applicantIdentityNumber, address: d.applicantAddress ?? undefined },
        },
        agency: { code: read.agencyCode, name: read.agencyName, parentName: read.agencyParentName ?? undefined },
        procedure: { name: read.procedureName, components: read.procedureComponents },
      },
      randomUUID(),
    );
    const id = await insertLetterRequest(db, d.id, spec, ctx.now);
    const req = await claimLetterRequest(db, { id });
    if (!req) throw new Error('the request just queued could not be claimed');
    return issueClaimedLetter(db, ctx.services, req);
  });
}
