import type { EntityManager } from '@mikro-orm/postgresql';
import { Dossier, DossierEvent } from '../entities';
import { badInput, forbidden } from '../errors';
import type { Viewer } from '../auth/viewer';
import type { DossierStatus } from '../domain/dossier-machine';
import { readPageArgs, toPage, type Page, type PageArgs } from './pagination';
import { isInstantInRange } from '../domain/input-rules';

export interface DossierFilter {
  status?: DossierStatus[] | null;
  agencyCode?: string | null;
  procedureCode?: string | null;
  overdue?: boolean | null;
  submittedFrom?: Date | null;
  submittedTo?: Date | null;
  applicantIdentityNumber?: string | null;
}

/** May this viewer see this dossier's data? Its applicant, and the staff of its agency. */
export function canSeeDossier(viewer: Viewer, d: Pick<Dossier, 'applicantIdentityNumber'>, agencyCode: string): boolean {
  if (viewer.worksAt(agencyCode)) return true;
  return viewer.hasRole('CITIZEN') && !!viewer.identityNumber && viewer.identityNumber === d.applicantIdentityNumber;
}

const cursorKey = (d: Dossier) => `${d.submittedAt.toISOString()}|${d.code}`;

/**
 * dossiers(filter, first, after), newest first, scoped to the viewer: a citizen sees their own
 * dossiers, staff those of the agencies in their token, a viewer who is both sees both.
 */
export async function findDossiers(
  em: EntityManager,
  viewer: Viewer,
  filter: DossierFilter | null | undefined,
  args: PageArgs,
  pageMax: number,
  now: Date,
): Promise<Page<Dossier>> {
  viewer.requireAuthenticated();
  const staffAgencies = viewer.isStaff() ? [...viewer.agencyCodes] : [];
  const ownIdn = viewer.hasRole('CITIZEN') ? viewer.identityNumber : null;
  if (staffAgencies.length === 0 && !ownIdn) throw forbidden('Only applicants and agency staff can list dossiers');
  const { limit, afterKey } = readPageArgs(args, pageMax);

  const base = () => {
    const qb = em.createQueryBuilder(Dossier, 'd').join('d.agency', 'a').join('d.procedure', 'p');
    const scope: string[] = [];
    const params: unknown[] = [];
    if (staffAgencies.length) {
      scope.push(`a.code in (${staffAgencies.map(() => '?').join(', ')})`);
      params.push(...staffAgencies);
    }
    if (ownIdn) {
      scope.push('d.applicant_identity_number = ?');
      params.push(ownIdn);
    }
    qb.where(`(${scope.join(' or ')})`, params);
    if (filter?.status?.length) qb.andWhere({ status: { $in: filter.status } });
    if (filter?.agencyCode) qb.andWhere('a.code = ?', [filter.agencyCode]);
    if (filter?.procedureCode) qb.andWhere('p.code = ?', [filter.procedureCode]);
    if (filter?.applicantIdentityNumber) qb.andWhere({ applicantIdentityNumber: filter.applicantIdentityNumber });
    if (filter?.submittedFrom) qb.andWhere({ submittedAt: { $gte: filter.submittedFrom } });
    if (filter?.submittedTo) qb.andWhere({ submittedAt: { $lt: filter.submittedTo } });
    if (filter?.overdue === true) qb.andWhere('d.due_at is not null and coalesce(d.completed_at, d.paused_at, ?) > d.due_at', [now]);
    if (filter?.overdue === false) qb.andWhere('(d.due_at is null or coalesce(d.completed_at, d.paused_at, ?) <= d.due_at)', [now]);
    return qb;
  };

  let rows: Dossier[] = [];
  if (limit > 0) {
    const qb = base().orderBy({ submittedAt: 'desc', code: 'desc' }).limit(limit + 1);
    if (afterKey !== null) {
      const sep = afterKey.indexOf('|');
      const at = new Date(afterKey.slice(0, sep));
      if (sep < 0 || Number.isNaN(at.getTime()) || !isInstantInRange(at)) throw badInput('after', 'after is not a cursor this hub returned');
      qb.andWhere('(d.submitted_at, d.code) < (?, ?)', [at, afterKey.slice(sep + 1)]);
    }
    rows = await qb.getResult();
  }
  return toPage(rows, limit, cursorKey, () => base().getCount());
}

/** The processing logs of many dossiers, oldest line first. */
export async function eventsByDossierIds(em: EntityManager, ids: readonly string[]): Promise<DossierEvent[]> {
  return em.find(DossierEvent, { dossier: { $in: [...ids] } }, { orderBy: { seq: 'asc' } });
}
