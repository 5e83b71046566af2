/**
 * Citizen notifications (issue 13; domain.md "Notifications and webhooks"): which events tell
 * the applicant (or the PAKN submitter), the templates' variables and how they are filled, SMS
 * that fit one segment, and recipients masked for other viewers. Pure, no I/O: the templates'
 * text is read from files at start (src/outbox/notification-templates.ts).
 */
import type { LetterKind } from './letters';
import type { DossierAction } from './dossier-machine';
import { vnDateTimeText } from './vn-time';

/** What a notification tells (Notification.template). One template per event and channel. */
export const NOTIFICATION_TEMPLATES = [
  'RECEIVED',
  'SUPPLEMENT_REQUESTED',
  'REJECTED',
  'APOLOGY',
  'PAYMENT_DUE',
  'PAYMENT_RECEIVED',
  'RESULT_READY',
  'DELIVERED',
  'FEEDBACK_ANSWERED',
] as const;
export type NotificationTemplate = (typeof NOTIFICATION_TEMPLATES)[number];

/**
 * The letter an e-mail of a template carries as a PDF attachment, when the change that caused
 * both issued one (src/domain/letter-rules.ts): the receipt with RECEIVED, the supplement
 * request, the rejection, the apology, the fee receipt, the process-control sheet with DELIVERED.
 */
export const LETTER_OF_TEMPLATE: Partial<Record<NotificationTemplate, LetterKind>> = {
  RECEIVED: 'RECEIPT',
  SUPPLEMENT_REQUESTED: 'SUPPLEMENT_REQUEST',
  REJECTED: 'REJECTION',
  APOLOGY: 'APOLOGY',
  PAYMENT_RECEIVED: 'PAYMENT_RECEIPT',
  DELIVERED: 'PROCESS_CONTROL',
};

export const NOTIFICATION_CHANNELS = ['EMAIL', 'SMS'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** What a dossier change is, as far as telling the applicant goes. */
export interface DossierChangeFacts {
  action: DossierAction | 'PAYMENT_SETTLED' | 'IDENTITY_CHECKED';
  /** Supplement requests so far, this one included. */
  supplementRequests: number;
  /** The result was issued after the appointment (a late result: an apology is owed). */
  late: boolean;
}

/**
 * The templates a dossier change sends, in order: receipt (with the due date), supplement
 * request (and, from the second one, the apology: form 04), rejection, extension (apology),
 * payment due, payment received, result ready (and the apology when late), delivered. Other
 * changes (internal steps, withdrawal, identity) tell nobody.
 */
export function dossierNotifications(c: DossierChangeFacts): NotificationTemplate[] {
  switch (c.action) {
    case 'RECEIVE':
      return ['RECEIVED'];
    case 'REQUEST_SUPPLEMENT':
      return c.supplementRequests >= 2 ? ['SUPPLEMENT_REQUESTED', 'APOLOGY'] : ['SUPPLEMENT_REQUESTED'];
    case 'REJECT':
      return ['REJECTED'];
    case 'EXTEND':
      return ['APOLOGY'];
    case 'REQUEST_PAYMENT':
      return ['PAYMENT_DUE'];
    case 'PAYMENT_SETTLED':
      return ['PAYMENT_RECEIVED'];
    case 'ISSUE_RESULT':
      return c.late ? ['RESULT_READY', 'APOLOGY'] : ['RESULT_READY'];
    case 'DELIVER':
      return ['DELIVERED'];
    default:
      return [];
  }
}

/** A feedback (PAKN) change: only the answer is told. */
export function feedbackNotifications(action: string): NotificationTemplate[] {
  return action === 'ANSWER' ? ['FEEDBACK_ANSWERED'] : [];
}

/** The variables every template may use ({{name}}). */
export const TEMPLATE_VARIABLES = ['code', 'procedure', 'agency', 'dueAt', 'trackingUrl', 'applicant', 'note', 'amount', 'answer'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateVars = Record<TemplateVariable, string>;

export interface TemplateFacts {
  code: string;
  procedureName: string;
  agencyName: string;
  dueAt: Date | null;
  applicantName: string;
  note?: string | null;
  /** VND (payment due or received). */
  amount?: number | null;
  answer?: string | null;
}

/** The tracking link: PORTAL_TRACKING_URL with the code (appended after `=` or `/`, else as /<code>). */
export function trackingLink(base: string, code: string): string {
  const c = encodeURIComponent(code);
  return /[=/]$/.test(base) ? `${base}${c}` : `${base}/${c}`;
}

export function templateVars(f: TemplateFacts, trackingBase: string): TemplateVars {
  return {
    code: f.code,
    procedure: f.procedureName,
    agency: f.agencyName,
    dueAt: f.dueAt ? vnDateTimeText(f.dueAt) : '',
    trackingUrl: trackingLink(trackingBase, f.code),
    applicant: f.applicantName,
    note: (f.note ?? '').trim(),
    amount: f.amount != null ? `${f.amount.toLocaleString('vi-VN')} đồng` : '',
    answer: (f.answer ?? '').trim(),
  };
}

const VAR_RE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Names a template uses that are not variables (a template with any is refused at start). */
export function unknownVariables(template: string): string[] {
  const known = new Set<string>(TEMPLATE_VARIABLES);
  return [...new Set([...template.matchAll(VAR_RE)].map((m) => m[1]!).filter((n) => !known.has(n)))];
}

export function renderTemplate(template: string, vars: TemplateVars): string {
  return template.replace(VAR_RE, (_all, name: string) => vars[name as TemplateVariable] ?? '');
}

/** An e-mail template file: a first line `Subject: …` (or `Tiêu đề: …`), a blank line, the body. */
export function parseEmailTemplate(text: string): { subject: string; body: string } | null {
  const m = /^(?:Subject|Tiêu đề)\s*:\s*(.+?)\r?\n\r?\n([\s\S]*)$/.exec(text.replace(/^\uFEFF/, ''));
  if (!m) return null;
  return { subject: m[1]!.trim(), body: m[2]!.replace(/\s+$/, '') + '\n' };
}

// ------------------------------------------------------------------ SMS

/** Vietnamese without its diacritics (đ → d), for GSM-7 SMS. */
export function foldDiacritics(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€';

/** Septets of a GSM-7 text (an extension character takes two), or null when a character is not GSM-7. */
export function gsm7Length(s: string): number | null {
  let n = 0;
  for (const ch of s) {
    if (GSM_BASIC.includes(ch)) n += 1;
    else if (GSM_EXTENDED.includes(ch)) n += 2;
    else return null;
  }
  return n;
}

/** One segment: 160 GSM-7 septets, or 70 UCS-2 characters. */
export const SMS_GSM7_LIMIT = 160;
export const SMS_UCS2_LIMIT = 70;

/** The length of a text as its encoding counts it, and that encoding's limit. */
export function smsMeasure(s: string, ascii: boolean): { length: number; limit: number } {
  if (ascii) return { length: gsm7Length(s) ?? Infinity, limit: SMS_GSM7_LIMIT };
  const gsm = gsm7Length(s);
  // A text that happens to be GSM-7 goes as GSM-7 even when diacritics are kept.
  if (gsm !== null) return { length: gsm, limit: SMS_GSM7_LIMIT };
  let units = 0;
  for (const ch of s) units += ch.length; // UTF-16 code units: a character outside the BMP takes two
  return { length: units, limit: SMS_UCS2_LIMIT };
}

/** A text as it will be sent: folded to GSM-7 when `ascii` (anything left outside GSM-7 becomes `?`). */
export function smsText(s: string, ascii: boolean): string {
  const flat = s.replace(/\s*\n\s*/g, ' ').replace(/[ \t]+/g, ' ').trim();
  if (!ascii) return flat;
  return [...foldDiacritics(flat)].map((ch) => (gsm7Length(ch) === null ? '?' : ch)).join('');
}

const ELLIPSIS_ASCII = '...';
const ELLIPSIS = '…';

/** Cuts `s` to at most `budget` (as measured) at a word boundary, with an ellipsis. */
function cut(s: string, budget: number, ascii: boolean): string {
  const ell = ascii || gsm7Length(s) !== null ? ELLIPSIS_ASCII : ELLIPSIS;
  const chars = [...s];
  let lo = 0;
  let hi = chars.length;
  // The longest prefix whose measure with the ellipsis fits.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (smsMeasure(chars.slice(0, mid).join('') + ell, ascii).length <= budget) lo = mid;
    else hi = mid - 1;
  }
  let prefix = chars.slice(0, lo).join('');
  const space = prefix.lastIndexOf(' ');
  if (space > prefix.length * 0.6) prefix = prefix.slice(0, space);
  return prefix.replace(/[\s,.;:-]+$/, '') + ell;
}

/** The free texts that may be shortened when an SMS is too long. */
const SHRINKABLE: TemplateVariable[] = ['procedure', 'agency', 'note', 'answer', 'applicant'];

/**
 * An SMS body within one segment: the template rendered and folded; when too long, the free
 * texts (procedure, agency, note, answer, applicant name) are shortened to one common length,
 * the longest as much as needed (each cut at a word, with an ellipsis; dropped below 8
 * characters), keeping the code, the dates, the amount and the link whole; only if that is not
 * enough is the message itself cut at a word.
 */
export function fitSms(template: string, vars: TemplateVars, ascii: boolean): string {
  const render = (v: TemplateVars) => smsText(renderTemplate(template, v), ascii);
  const full = render(vars);
  const m = smsMeasure(full, ascii);
  if (m.length <= m.limit) return full;
  const used = new Set([...template.matchAll(VAR_RE)].map((x) => x[1]));
  const free = SHRINKABLE.filter((n) => used.has(n) && vars[n]);
  const folded = Object.fromEntries(free.map((n) => [n, smsText(vars[n], ascii)])) as Partial<TemplateVars>;
  const capped = (cap: number): TemplateVars => {
    const v = { ...vars };
    for (const n of free) {
      const value = folded[n]!;
      if (smsMeasure(value, ascii).length > cap) v[n] = cap >= 8 ? cut(value, cap, ascii) : '';
    }
    return v;
  };
  const fits = (cap: number) => {
    const x = smsMeasure(render(capped(cap)), ascii);
    return x.length <= x.limit;
  };
  const longest = Math.max(0, ...free.map((n) => smsMeasure(folded[n]!, ascii).length));
  if (free.length && fits(0)) {
    // The largest common length that fits.
    let lo = 0;
    let hi = longest;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(mid)) lo = mid;
      else hi = mid - 1;
    }
    return render(capped(lo));
  }
  const shortest = render(capped(0));
  return cut(shortest, m.limit, ascii);
}

// ------------------------------------------------------------------ recipients

/** a***@example.vn: the first character and the domain (not even the length of the rest). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** *******678: the last three digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `${'*'.repeat(Math.max(3, digits.length - 3))}${digits.slice(-3)}`;
}

export function maskRecipient(channel: NotificationChannel, recipient: string): string {
  return channel === 'EMAIL' ? maskEmail(recipient) : maskPhone(recipient);
}

/**
 * The number an SMS goes to: a Vietnamese mobile number as 84xxxxxxxxx, or null (a landline,
 * a foreign number or something unreadable gets no SMS).
 */
export function smsNumber(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/[\s.-]/g, '');
  const m = /^(?:\+?84|0)([35789]\d{8})$/.exec(digits);
  return m ? `84${m[1]}` : null;
}

/** Why an e-mail address cannot receive mail (null: it can): one address, no display name, no list. */
export function emailProblem(email: string): string | null {
  if (email.length > 254) return 'too long';
  return /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(email) ? null : 'not an e-mail address';
}

/** Why a phone number is not one (null: it is): 8 to 15 digits, spaces, dots or dashes, optionally after +. */
export function phoneProblem(phone: string): string | null {
  const digits = phone.replace(/[\s.-]/g, '');
  return /^\+?\d{8,15}$/.test(digits) && /^\+?[0-9 .-]+$/.test(phone) ? null : 'not a phone number';
}

/** The recipients of a person's notifications: one per channel given. */
export function recipientsOf(contact: { email?: string | null; phone?: string | null }): { channel: NotificationChannel; recipient: string }[] {
  const out: { channel: NotificationChannel; recipient: string }[] = [];
  const email = contact.email?.trim();
  if (email) out.push({ channel: 'EMAIL', recipient: email });
  const phone = smsNumber(contact.phone);
  if (phone) out.push({ channel: 'SMS', recipient: phone });
  return out;
}

/** A rendered notification, ready to be written with the change that causes it. */
export interface NotificationDraft {
  template: NotificationTemplate;
  channel: NotificationChannel;
  recipient: string;
  /** E-mail only. */
  subject: string | null;
  body: string;
}
