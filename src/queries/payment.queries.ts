import type { Db } from '../db/sql';
import type { Viewer } from '../auth/viewer';
import { mayReadDossier } from '../auth/access';
import { forbidden, msg } from '../errors';
import { dossierAccessFacts } from '../stores/payment.store';

/**
 * paymentStatusChanged(dossierCode): who may follow a dossier's payments — whoever may read the
 * dossier (its applicant, the staff of its agency: src/auth/access.ts). An unknown dossier is
 * refused the same way, so the answer reveals nothing.
 */
export async function requirePaymentFollower(db: Db, viewer: Viewer, dossierCode: string): Promise<void> {
  viewer.requireAuthenticated();
  const d = await dossierAccessFacts(db, dossierCode);
  if (!d || !mayReadDossier(viewer, d)) throw forbidden(msg('Chỉ người nộp hồ sơ và cán bộ của cơ quan mới theo dõi được thanh toán của hồ sơ này', 'Only the applicant and the agency’s staff follow this dossier’s payments'));
}

/** Payment.refundDue as a viewer sees it: the staff of the dossier's agency see what is to be refunded; anyone else null. */
export function refundDueSeenBy(viewer: Viewer, p: { agencyCode: string; refundDue: number }): number | null {
  return viewer.worksAt(p.agencyCode) ? p.refundDue : null;
}
