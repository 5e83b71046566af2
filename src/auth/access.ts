import DataLoader from 'dataloader';
import type { Viewer } from './viewer';
import { PROVINCE_ROLES } from '../domain/roles';
import { feedbackAccess, type Actor, type FeedbackAccess, type FeedbackStatus } from '../domain/feedback-machine';

/** What the feedback read rule looks at (a feedback row has it). */
export interface ReadableFeedback {
  status: FeedbackStatus;
  agencyCode: string | null;
  isPublic: boolean;
  contactIdentityNumber: string | null;
  submittedBy: string | null;
}
import type { Db } from '../db/sql';
import { badInput, forbidden, msg } from '../domain/errors';
import { dossierIdsInScope } from '../stores/dossier.store';
import { fileHolders } from '../stores/file.store';
import { agencyNodes, reportsHoldingFiles } from '../stores/statistics.store';

/**
 * Who may see what, in one place. Each rule is written once as a *scope* (plain data about the
 * viewer); the same scope answers for one loaded row (`inDossierScope`), for a set of ids in one
 * batched query (`dossierAccess`, through the dossier store), and as the WHERE condition of a
 * list (the dossier store turns the scope into SQL). Commands and queries call these; resolvers
 * do not decide access themselves.
 */

/** The dossiers a viewer may read: every one (ADMIN, OBSERVER: read-only drill-down), their agencies' (staff) and their own (a citizen). */
export interface DossierScope {
  /** ADMIN and OBSERVER: every dossier of the province (reading only: the machine refuses them every action). */
  province?: boolean;
  /** Agencies whose dossiers the viewer reads as staff. */
  agencyCodes: readonly string[];
  /** The citizen's identity number: dossiers they are the applicant of. */
  applicantIdentityNumber: string | null;
}

/**
 * Whether `now` holds less than `before` did: a role, an agency or (a service account) an action
 * taken away. A live graphql-ws connection whose grant narrowed ends its subscriptions, opened
 * under the wider grant (src/http/server.ts).
 */
export function lostGrant(before: Viewer, now: Viewer): boolean {
  const lost = (a: readonly string[], b: readonly string[]) => a.some((x) => !b.includes(x));
  return (
    before.subject !== now.subject ||
    lost(before.roles, now.roles) ||
    lost(before.agencyCodes, now.agencyCodes) ||
    (!!before.serviceAccount && lost(before.serviceAccount.actions, now.serviceAccount?.actions ?? []))
  );
}

/**
 * The rule: ADMIN and OBSERVER read every dossier (read-only: the machine gives them no action);
 * staff read the dossiers of the agencies in their token — the agency that received it, every
 * agency it was handed to (liên thông) and the agencies its internal process names (the
 * dossier's reader agencies); a citizen reads their own.
 */
export function dossierScope(viewer: Viewer): DossierScope {
  return {
    province: viewer.authenticated && viewer.hasRole(...PROVINCE_ROLES),
    agencyCodes: viewer.isStaff() ? [...viewer.agencyCodes] : [],
    applicantIdentityNumber: viewer.hasRole('CITIZEN') ? viewer.identityNumber : null,
  };
}

/** Whether the scope can contain any dossier at all. */
export const scopeIsEmpty = (s: DossierScope): boolean => !s.province && s.agencyCodes.length === 0 && !s.applicantIdentityNumber;

/** A loaded dossier as the read rule sees it: its agency, its reader agencies (default: its agency alone), its applicant. */
export interface ReadableDossier {
  agencyCode: string;
  readerAgencyCodes?: readonly string[];
  applicantIdentityNumber: string;
}

/** The scope's rule for one dossier already loaded. */
export function inDossierScope(s: DossierScope, d: ReadableDossier): boolean {
  const readers = d.readerAgencyCodes ?? [d.agencyCode];
  return !!s.province || readers.some((c) => s.agencyCodes.includes(c)) || (s.applicantIdentityNumber !== null && s.applicantIdentityNumber === d.applicantIdentityNumber);
}

/** May this viewer read this dossier? (the rule of `dossier(code)`, `node(id)`, payments, evaluations) */
export function mayReadDossier(viewer: Viewer, d: ReadableDossier): boolean {
  return viewer.authenticated && inDossierScope(dossierScope(viewer), d);
}

/**
 * Of these dossier ids, those the viewer may read: one query for the whole set, built from the
 * same scope as the `dossiers` list's WHERE (src/stores/dossier.store.ts scopeCondition).
 */
export async function dossierAccess(db: Db, viewer: Viewer, ids: readonly string[]): Promise<Set<string>> {
  if (!viewer.authenticated || ids.length === 0) return new Set();
  const scope = dossierScope(viewer);
  if (scopeIsEmpty(scope)) return new Set();
  return new Set(await dossierIdsInScope(db, scope, [...new Set(ids)]));
}

/** A batched access rule per request: `load(id)` → may the viewer read it. */
function accessLoader(rule: (db: Db, viewer: Viewer, ids: readonly string[]) => Promise<Set<string>>, db: Db, viewer: Viewer): DataLoader<string, boolean> {
  return new DataLoader<string, boolean>(async (ids) => {
    const allowed = await rule(db, viewer, ids);
    return ids.map((id) => allowed.has(id));
  });
}

/** dossierAccess batched per request. */
export const dossierAccessLoader = (db: Db, viewer: Viewer) => accessLoader(dossierAccess, db, viewer);

/**
 * The scope of the `dossiers` list: UNAUTHENTICATED without a token, FORBIDDEN for a viewer who
 * can read no dossier at all (neither staff of an agency nor a citizen).
 */
export function dossierListScope(viewer: Viewer): DossierScope {
  viewer.requireAuthenticated();
  const scope = dossierScope(viewer);
  if (scopeIsEmpty(scope)) throw forbidden(msg('Chỉ người nộp hồ sơ, cán bộ của cơ quan, quản trị và giám sát mới xem được danh sách hồ sơ', 'Only applicants, agency staff, ADMIN and OBSERVER can list dossiers'));
  return scope;
}

/**
 * `dossier(code)`'s rule for a dossier that exists: UNAUTHENTICATED without a token, FORBIDDEN
 * (never the data) when it is someone else's.
 */
export function requireReadDossier(viewer: Viewer, d: ReadableDossier): void {
  viewer.requireAuthenticated();
  if (!mayReadDossier(viewer, d)) throw forbidden(msg('Hồ sơ này không phải của bạn', 'This dossier belongs to someone else'));
}

/**
 * Which stream of dossierStatusChanged a viewer may follow: one dossier by its code (anyone who
 * knows it: the events carry no personal data), an agency's (its staff and the staff of the
 * agencies above it, as for the statistics; ADMIN, OBSERVER), or the province's (ADMIN,
 * OBSERVER). Returns the pub/sub scope. `agencies` (the tree) is needed only for staff following
 * an agency below their own (streamNeedsAgencyTree).
 */
export function dossierStreamScope(viewer: Viewer, args: { code?: string | null; agencyCode?: string | null }, agencies: readonly ScopeAgency[] = []): string {
  const { code, agencyCode } = args;
  if (code && agencyCode) throw badInput('agencyCode', msg('Chỉ nhập mã hồ sơ (code) hoặc mã cơ quan (agencyCode), không nhập cả hai', 'give code or agencyCode, not both'));
  if (code) return `code:${code}`;
  if (agencyCode) {
    viewer.requireAuthenticated();
    const below = () => {
      const a = agencies.find((x) => x.code === agencyCode);
      return viewer.isStaff() && !!a && staffAgencyIds(viewer, agencies).has(a.id);
    };
    if (!viewer.worksAt(agencyCode) && !viewer.hasRole(...PROVINCE_ROLES) && !below()) {
      throw forbidden(msg(`Chỉ cán bộ của cơ quan ${agencyCode} và của cơ quan cấp trên mới theo dõi được hồ sơ của cơ quan này`, `Only staff of ${agencyCode} and of the agencies above it follow its dossiers`));
    }
    return `agency:${agencyCode}`;
  }
  viewer.requireRole(...PROVINCE_ROLES);
  return 'all';
}

/** Whether dossierStreamScope must be given the agency tree: staff following an agency not their own. */
export function streamNeedsAgencyTree(viewer: Viewer, args: { code?: string | null; agencyCode?: string | null }): boolean {
  return !args.code && !!args.agencyCode && viewer.isStaff() && !viewer.worksAt(args.agencyCode) && !viewer.hasRole(...PROVINCE_ROLES);
}

// ------------------------------------------------------------------ feedback (PAKN)

/** The viewer as the PAKN machine and the feedback read rule see it; null when anonymous. */
export function actorOf(viewer: Viewer): Actor | null {
  return viewer.authenticated
    ? { subject: viewer.subject!, roles: [...viewer.roles], agencyCodes: [...viewer.agencyCodes], identityNumber: viewer.identityNumber }
    : null;
}

/**
 * The feedback a viewer may read, as data: every feedback of the province (ADMIN, OBSERVER),
 * their agencies' (staff), their own (the submitter, by token subject or identity number) and,
 * for everybody, the published ones whose submitter agreed to publication. The feedback store
 * turns it into the WHERE condition of `feedbacks`; `feedbackAccessOf` is the same rule for one
 * row (the domain's `feedbackAccess`; a command test checks that the two agree).
 */
export interface FeedbackScope {
  /** ADMIN and OBSERVER: every feedback, including those without an agency. */
  province: boolean;
  /** Agencies whose feedback the viewer reads as staff. */
  agencyCodes: readonly string[];
  /** Feedback sent with this token subject. */
  submitterSubject: string | null;
  /** Feedback whose contact has this identity number. */
  submitterIdentityNumber: string | null;
}

export function feedbackScope(viewer: Viewer): FeedbackScope {
  if (!viewer.authenticated) return { province: false, agencyCodes: [], submitterSubject: null, submitterIdentityNumber: null };
  return {
    province: viewer.hasRole(...PROVINCE_ROLES),
    agencyCodes: viewer.isStaff() ? [...viewer.agencyCodes] : [],
    submitterSubject: viewer.subject,
    submitterIdentityNumber: viewer.identityNumber,
  };
}

/** Why this viewer may read this feedback (PROVINCE, STAFF, SUBMITTER, PUBLIC), or null. */
export function feedbackAccessOf(viewer: Viewer, f: ReadableFeedback): FeedbackAccess | null {
  const { status, agencyCode, isPublic } = f;
  return feedbackAccess({ status, agencyCode, isPublic, submitterIdentityNumber: f.contactIdentityNumber, submitterSubject: f.submittedBy }, actorOf(viewer));
}

/** May this viewer read this feedback? (`feedback(code)`, `node(id)`, and before any transition) */
export function mayReadFeedback(viewer: Viewer, f: ReadableFeedback): boolean {
  return feedbackAccessOf(viewer, f) !== null;
}

/**
 * Reads it only because it is published: shown the question, the answer and the dates, nothing
 * of the submitter (no dossier code, a log without actors' names or notes). Decided per
 * feedback, so every path to a feedback (feedback, feedbacks, node, payloads) shows the same.
 */
export function readsFeedbackAsPublic(viewer: Viewer, f: ReadableFeedback): boolean {
  return feedbackAccessOf(viewer, f) === 'PUBLIC';
}

// ------------------------------------------------------------------ scorecards

/** Scorecards are for the province's staff and its observers, not anonymous callers. */
export function mayReadScorecards(viewer: Viewer): boolean {
  return viewer.authenticated && (viewer.isStaff() || viewer.hasRole('ADMIN', 'OBSERVER'));
}

// ------------------------------------------------------------------ files

/**
 * Who may read a stored file (get a signed download URL, open it as a node): its uploader; whoever
 * may read a dossier that holds it (a component, the result, a letter); the citizen whose store
 * keeps a document made of it. Batched: one query for the holders, one for the dossiers.
 */
export async function fileAccess(db: Db, viewer: Viewer, fileIds: readonly string[]): Promise<Set<string>> {
  if (!viewer.authenticated || fileIds.length === 0) return new Set();
  const holders = await fileHolders(db, [...new Set(fileIds)]);
  const readableDossiers = await dossierAccess(db, viewer, holders.flatMap((h) => h.dossierIds));
  const idn = viewer.hasRole('CITIZEN') ? viewer.identityNumber : null;
  // A report's XLSX and CSV: whoever may read the report.
  const reports = await reportsHoldingFiles(db, holders.map((h) => h.fileId));
  const agencies = reports.length ? await agencyNodes(db) : [];
  const readableReportFiles = new Set(reports.filter((r) => mayReadReport(viewer, r.agencyId, agencies)).map((r) => r.fileId));
  return new Set(
    holders
      .filter(
        (h) =>
          h.uploadedBy === viewer.subject ||
          readableReportFiles.has(h.fileId) ||
          h.dossierIds.some((id) => readableDossiers.has(id)) ||
          (idn !== null && h.ownerIdentityNumbers.includes(idn)),
      )
      .map((h) => h.fileId),
  );
}

/** fileAccess batched per request. */
export const fileAccessLoader = (db: Db, viewer: Viewer) => accessLoader(fileAccess, db, viewer);

/**
 * Whose store the viewer lists (myDocuments): a signed-in citizen's own, by identity number.
 * UNAUTHENTICATED without a token; FORBIDDEN for anyone else (staff read a document only
 * through a dossier that uses it: fileAccess).
 */
export function citizenStoreOwner(viewer: Viewer): string {
  viewer.requireAuthenticated();
  if (!viewer.hasRole('CITIZEN') || !viewer.identityNumber) {
    throw forbidden(msg('Kho dữ liệu chỉ dành cho công dân chủ sở hữu', "The store is only for the citizen it belongs to"));
  }
  return viewer.identityNumber;
}

/**
 * Dossier.notifications: who sees the recipients (e-mail, phone) in full: the applicant and the
 * agencies' people (one-stop desk, specialists, leaders, clerks), who may read the dossier at
 * all. Anyone else who reads it (a sector system, a province role) sees them masked: a system
 * has no use for a citizen's address.
 */
export function seesRecipients(viewer: Viewer, d: { applicantIdentityNumber: string }): boolean {
  if (viewer.hasRole('RECEPTION_OFFICER', 'SPECIALIST', 'LEADER', 'CLERK')) return true;
  return viewer.hasRole('CITIZEN') && viewer.identityNumber === d.applicantIdentityNumber;
}

// ------------------------------------------------------------------ statistics and reports

/** An agency of the tree the statistics scopes are cut from. */
export interface ScopeAgency {
  id: string;
  code: string;
  parentId: string | null;
}

/** The agency and every agency below it (ids). */
export function agencySubtree(agencies: readonly ScopeAgency[], rootId: string): string[] {
  const children = new Map<string | null, string[]>();
  for (const a of agencies) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a.id]);
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    out.push(id);
    for (const c of children.get(id) ?? []) walk(c);
  };
  walk(rootId);
  return out;
}

/**
 * Whose figures a viewer may read (processingStatistics, processingStatisticsUpdated, reports):
 * ADMIN and OBSERVER the province (null) or any agency with those below it; staff their agencies
 * and those below (any of those; null agencyCode: all of them); nobody else (citizens, anonymous).
 * Returns the agency ids counted, or null for the whole province. UNAUTHENTICATED without a
 * token, FORBIDDEN outside the viewer's scope, BAD_USER_INPUT for an unknown agency.
 */
export function statisticsScope(viewer: Viewer, agencyCode: string | null, agencies: readonly ScopeAgency[]): string[] | null {
  viewer.requireAuthenticated();
  const province = viewer.hasRole(...PROVINCE_ROLES);
  if (!province && !viewer.isStaff()) {
    throw forbidden(msg('Số liệu thống kê chỉ dành cho cán bộ của cơ quan, quản trị (ADMIN) và giám sát (OBSERVER)', 'Statistics are for agency staff, ADMIN and OBSERVER'));
  }
  const byCode = new Map(agencies.map((a) => [a.code, a]));
  if (agencyCode !== null) {
    const a = byCode.get(agencyCode);
    if (!a) throw badInput('agencyCode', msg(`Không có cơ quan mã ${agencyCode}`, `no agency ${agencyCode}`));
    if (!province && !staffAgencyIds(viewer, agencies).has(a.id)) {
      throw forbidden(msg(`Cán bộ chỉ xem số liệu của cơ quan mình và các cơ quan cấp dưới; ${agencyCode} không thuộc phạm vi đó`, `Staff read the figures of their agencies and those below; ${agencyCode} is not one of them`));
    }
    return agencySubtree(agencies, a.id);
  }
  return province ? null : [...staffAgencyIds(viewer, agencies)];
}

/** The agencies of a staff viewer's token and every agency below them. */
function staffAgencyIds(viewer: Viewer, agencies: readonly ScopeAgency[]): Set<string> {
  const ids = new Set<string>();
  for (const a of agencies) if (viewer.worksAt(a.code)) for (const id of agencySubtree(agencies, a.id)) ids.add(id);
  return ids;
}

/** May the viewer read a report of this agency (null: the province's)? The rule of `reports` and of the reports' files. */
export function mayReadReport(viewer: Viewer, reportAgencyId: string | null, agencies: readonly ScopeAgency[]): boolean {
  if (!viewer.authenticated) return false;
  if (viewer.hasRole(...PROVINCE_ROLES)) return true;
  if (!viewer.isStaff() || reportAgencyId === null) return false;
  return staffAgencyIds(viewer, agencies).has(reportAgencyId);
}

/** generateReport: ADMIN for any report, staff for their own agency's (the agencies in their token). */
export function requireReportMaker(viewer: Viewer, agencyCode: string | null): void {
  viewer.requireAuthenticated();
  if (viewer.hasRole('ADMIN')) return;
  // People of the agency: a sector system reads the figures but does not replace a kept report.
  const person = viewer.roles.some((r) => r !== 'SECTOR_SYSTEM' && r !== 'CITIZEN' && r !== 'OBSERVER');
  if (agencyCode !== null && person && viewer.worksAt(agencyCode)) return;
  throw forbidden(
    msg('Chỉ quản trị (ADMIN) hoặc cán bộ của chính cơ quan mới lập lại được báo cáo', 'Only ADMIN, or staff for their own agency, can generate a report'),
  );
}
