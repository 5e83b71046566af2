import type { FeeData } from './catalogue';
import type { DeliveryMethod } from './dossier';
import type { LetterAgency, LetterApplicant, LetterFacts, LetterKind, ProcessLogLine } from './letters';
import { viDossierActionName, viRoleName } from './labels-vi';

/**
 * Which change issues which letter (domain.md "Documents, letters and the citizen's store"), and
 * the facts each letter states, taken from the dossier as the change leaves it. Pure: the change
 * path (src/commands/change-dossier.ts) queues what this answers in the statement that writes the
 * change; the letters worker adds the number, the date and the place, and draws the PDF.
 *
 *   RECEIVE             → RECEIPT (Mẫu 01, with the appointment)
 *   REQUEST_SUPPLEMENT  → SUPPLEMENT_REQUEST (Mẫu 02), plus APOLOGY (Mẫu 04) from the second request on
 *   REJECT              → REJECTION (Mẫu 03)
 *   EXTEND              → APOLOGY (Mẫu 04, with the new appointment)
 *   DELIVER             → PROCESS_CONTROL (Mẫu 05; also on demand)
 *   a payment PAID      → PAYMENT_RECEIPT (biên lai), online or at the counter
 */

/** The letters a change causes, in the order they are issued. */
export function lettersCausedBy(action: string, supplementRequestsAfter: number): LetterKind[] {
  switch (action) {
    case 'RECEIVE':
      return ['RECEIPT'];
    case 'REQUEST_SUPPLEMENT':
      return supplementRequestsAfter >= 2 ? ['SUPPLEMENT_REQUEST', 'APOLOGY'] : ['SUPPLEMENT_REQUEST'];
    case 'REJECT':
      return ['REJECTION'];
    case 'EXTEND':
      return ['APOLOGY'];
    case 'DELIVER':
      return ['PROCESS_CONTROL'];
    case 'PAYMENT_SETTLED':
      return ['PAYMENT_RECEIPT'];
    default:
      return [];
  }
}

type WithoutIssue<T> = T extends unknown ? Omit<T, 'seq' | 'issuedAt' | 'place'> : never;

/**
 * A letter's facts as the change knows them: all but its sequence number, its date and the place
 * written before it (the worker adds those when it issues the letter). A PROCESS_CONTROL sheet
 * carries `logUpTo` (the dossier's version): its log lines are read when it is drawn, up to that
 * line (the log is never edited, so the sheet shows the log as it stood).
 */
export type QueuedLetterFacts = WithoutIssue<LetterFacts> & { logUpTo?: number };

export interface LetterRequestSpec {
  kind: LetterKind;
  /** Unique per dossier and kind: the same cause never issues the same kind twice. */
  cause: string;
  paymentId: string | null;
  facts: QueuedLetterFacts;
}

/** The dossier as the change leaves it (what the letters state). */
export interface DossierForLetters {
  code: string;
  submittedAt: Date;
  receivedAt: Date | null;
  dueAt: Date | null;
  delivery: DeliveryMethod;
  deliveryAddress: string | null;
  components: readonly { componentCode: string }[];
  fees: readonly FeeData[];
  applicant: LetterApplicant;
}

export interface PaymentForLetters {
  id: string;
  amount: number;
  channel: 'NATIONAL_PLATFORM' | 'COUNTER';
  reference: string;
  transactionId: string | null;
  paidAt: Date;
}

export interface ChangeForLetters {
  action: string;
  /** The dossier's version after the change (the cause key: one change, one set of letters). */
  version: number;
  note?: string | null;
  apologyLetter?: string | null;
  /** REQUEST_SUPPLEMENT: the component codes asked for (else the note says what is missing). */
  requestedComponents?: readonly string[] | null;
  /** The supplement requests so far, this one included. */
  supplementRequests: number;
  /** The appointment before the change (EXTEND's apology states the old and the new one). */
  dueAtBefore: Date | null;
  dossier: DossierForLetters;
  agency: LetterAgency;
  procedure: { name: string; components: readonly { code: string; name: string }[] };
  /** PAYMENT_SETTLED: the payment that was PAID. */
  payment?: PaymentForLetters | null;
}

const blank = (s: string | null | undefined): s is null | undefined => !s || !s.trim();

/** Component codes → the procedure's names for them (a code it does not know stays as it is). */
export function componentNames(codes: readonly string[], procedure: ChangeForLetters['procedure']): string[] {
  const names = new Map(procedure.components.map((c) => [c.code, c.name]));
  return [...new Set(codes.map((c) => names.get(c) ?? c))];
}

function pickUp(d: DossierForLetters, agencyName: string): string {
  switch (d.delivery) {
    case 'ONLINE':
      return 'Trực tuyến trên Cổng Dịch vụ công';
    case 'POSTAL':
      return d.deliveryAddress ? `Qua dịch vụ bưu chính công ích, địa chỉ: ${d.deliveryAddress}` : 'Qua dịch vụ bưu chính công ích';
    default:
      return agencyName;
  }
}

function feeName(fees: readonly FeeData[]): string {
  const kinds = new Set(fees.filter((f) => f.amount > 0).map((f) => f.kind));
  if (kinds.size === 1) return kinds.has('CHARGE') ? 'Lệ phí' : 'Phí';
  return 'Phí, lệ phí';
}

const PAYMENT_METHOD: Record<PaymentForLetters['channel'], string> = {
  NATIONAL_PLATFORM: 'Thanh toán trực tuyến qua Nền tảng thanh toán trên Cổng Dịch vụ công quốc gia',
  COUNTER: 'Nộp tại Bộ phận Một cửa',
};

/** The letters a change causes, with their facts; nothing for a change that causes none. */
export function letterRequestsFor(c: ChangeForLetters): LetterRequestSpec[] {
  const d = c.dossier;
  const common = { agency: c.agency, dossierCode: d.code, procedureName: c.procedure.name, applicant: d.applicant };
  const receivedAt = d.receivedAt ?? d.submittedAt;
  const cause = `${c.action}#${c.version}`;
  const out: LetterRequestSpec[] = [];
  for (const kind of lettersCausedBy(c.action, c.supplementRequests)) {
    const spec = (facts: QueuedLetterFacts, paymentId: string | null = null, why = cause) => out.push({ kind, cause: why, paymentId, facts });
    switch (kind) {
      case 'RECEIPT':
        if (!d.dueAt) break; // a receipt without an appointment is no receipt: RECEIVE always sets one
        spec({
          ...common,
          kind,
          receivedAt,
          dueAt: d.dueAt,
          components: componentNames(
            d.components.map((x) => x.componentCode),
            c.procedure,
          ),
          pickUp: pickUp(d, c.agency.name),
        });
        break;
      case 'SUPPLEMENT_REQUEST': {
        const asked = componentNames(c.requestedComponents ?? [], c.procedure);
        const note = blank(c.note) ? '' : c.note.trim();
        spec({
          ...common,
          kind,
          receivedAt,
          papers: asked.length ? asked : [note || 'Hoàn thiện hồ sơ theo hướng dẫn của cán bộ tiếp nhận'],
          reason: asked.length && note ? note : 'Thành phần hồ sơ chưa đầy đủ, hợp lệ theo quy định của thủ tục hành chính.',
        });
        break;
      }
      case 'REJECTION':
        spec({ ...common, kind, receivedAt, reason: blank(c.note) ? 'Hồ sơ không đủ điều kiện tiếp nhận, giải quyết.' : c.note.trim() });
        break;
      case 'APOLOGY': {
        const reason = [c.apologyLetter, c.note].find((s) => !blank(s))?.trim() ?? 'Hồ sơ cần thêm thời gian xem xét.';
        if (c.action === 'EXTEND') {
          if (!d.dueAt) break;
          spec({ ...common, kind, receivedAt, dueAt: c.dueAtBefore, newDueAt: d.dueAt, reason });
        } else {
          spec({ ...common, kind, receivedAt, dueAt: d.dueAt, reason, supplementRequest: c.supplementRequests });
        }
        break;
      }
      case 'PROCESS_CONTROL':
        spec({ ...common, kind, receivedAt, dueAt: d.dueAt, log: [], logUpTo: c.version });
        break;
      case 'PAYMENT_RECEIPT': {
        const p = c.payment;
        if (!p) break;
        spec(
          {
            ...common,
            kind,
            paidAt: p.paidAt,
            amount: p.amount,
            method: PAYMENT_METHOD[p.channel],
            transactionRef: p.transactionId ?? p.reference,
            feeName: feeName(d.fees),
          },
          p.id,
          `PAYMENT#${p.id}`,
        );
        break;
      }
    }
  }
  return out;
}

/** PROCESS_CONTROL on demand (any time, by the agency's staff): the log as it stands at `version`. */
export function processControlRequest(c: Omit<ChangeForLetters, 'action' | 'supplementRequests' | 'dueAtBefore'>, demandId: string): LetterRequestSpec {
  const d = c.dossier;
  return {
    kind: 'PROCESS_CONTROL',
    cause: `DEMAND#${demandId}`,
    paymentId: null,
    facts: {
      kind: 'PROCESS_CONTROL',
      agency: c.agency,
      dossierCode: d.code,
      procedureName: c.procedure.name,
      applicant: d.applicant,
      receivedAt: d.receivedAt ?? d.submittedAt,
      dueAt: d.dueAt,
      log: [],
      logUpTo: c.version,
    },
  };
}

const DATE_FIELDS = ['receivedAt', 'dueAt', 'newDueAt', 'paidAt'] as const;

/**
 * Facts read back from their JSON snapshot (dates were written as ISO strings), made whole for
 * letterContent: the number, the date, the place, the log of a PROCESS_CONTROL sheet, and the
 * superior body when the agency has none of its own.
 */
export function issueFacts(
  stored: Record<string, unknown>,
  issue: { seq: number; issuedAt: Date; place: string; defaultParentName?: string | null; log?: ProcessLogLine[] },
): LetterFacts {
  const f: Record<string, unknown> = { ...stored };
  for (const k of DATE_FIELDS) if (typeof f[k] === 'string') f[k] = new Date(f[k] as string);
  delete f.logUpTo;
  const agency = f.agency as LetterAgency;
  if (!agency.parentName && issue.defaultParentName) f.agency = { ...agency, parentName: issue.defaultParentName };
  if (f.kind === 'PROCESS_CONTROL') f.log = issue.log ?? [];
  return { ...f, seq: issue.seq, issuedAt: issue.issuedAt, place: issue.place } as LetterFacts;
}

/** One line of the processing log as the store gives it. */
export interface LoggedStep {
  at: Date;
  action: string;
  actor: string;
  actorRole: string;
  note: string | null;
}

/** The dossier's log as the lines of a process-control sheet (Mẫu 05): when, who (and as what), what, the note. */
export function processLogLines(steps: readonly LoggedStep[], agencyName: string): ProcessLogLine[] {
  return steps.map((s) => {
    const who = s.actor.startsWith('system:') ? 'Hệ thống' : s.actor;
    const role = viRoleName(s.actorRole);
    const name = viDossierActionName(s.action);
    return {
      at: s.at,
      by: s.actorRole === 'CITIZEN' ? `${who} (${role})` : `${who} (${role}), ${agencyName}`,
      action: name.charAt(0).toLocaleUpperCase('vi') + name.slice(1),
      note: s.note ?? undefined,
    };
  });
}
