/**
 * What the hub accepts from clients, field by field: the limits every argument and input field
 * is checked against once, at the GraphQL boundary, before any resolver or command runs
 * (src/schema/input-guard.ts applies them; README "Input limits" lists them). Pure, no I/O.
 *
 * Every string, whatever its rule, is refused when it holds NUL or another control character
 * (free text may hold \t, \n and \r), a lone UTF-16 surrogate, or more characters than its rule
 * allows. Rules for names, addresses and phones also refuse < and >, which have no place in what
 * is forwarded to the national portal and printed on letters. Format rules (phone, e-mail,
 * identity number, codes, URLs …) check any value but the empty string: whether a field is
 * required, and checks that need other fields (a citizen's 12 digits, a procedure's component
 * codes), stay with the commands.
 */

import { msg, type Bilingual } from './errors';

export interface InputRuleOptions {
  /** Accept http: URLs besides https: (NODE_ENV development or test). */
  allowHttp: boolean;
}

export interface StringRule {
  /** The rule's name, as the README table shows it. */
  readonly name: string;
  /** At most this many UTF-16 code units (JavaScript string length). */
  readonly max: number;
  /** Free text: \t, \n and \r allowed. Otherwise no control character at all. */
  readonly multiline: boolean;
  /** Refuse < and > (names, addresses, phones, document numbers). */
  readonly noAngleBrackets: boolean;
  /** Checks a non-empty value's format; returns what is wrong, or null. */
  readonly format?: (value: string, options: InputRuleOptions) => Bilingual | null;
  /** The format in words (README). */
  readonly formatText?: string;
}

/** Why a value was refused (extensions.reason). */
export type InputProblemReason =
  | 'TOO_LONG'
  | 'CONTROL_CHARACTER'
  | 'LONE_SURROGATE'
  | 'ANGLE_BRACKET'
  | 'FORMAT'
  | 'OUT_OF_RANGE'
  | 'TOO_DEEP'
  | 'TOO_LARGE'
  | 'TOO_MANY_ITEMS';

export interface InputProblem {
  reason: InputProblemReason;
  /** Completes "<field> …", e.g. "must be at most 200 characters" / "không được dài quá 200 ký tự". */
  message: Bilingual;
}

// ---------------------------------------------------------------------------------------------
// Character checks

/** Any C0/C1 control character or DEL. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Control characters other than \t \n \r. */
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when the string can be stored and sent anywhere: no NUL and no lone surrogate. */
export function isStorableText(s: string): boolean {
  return !s.includes('\u0000') && !LONE_SURROGATE.test(s);
}

// ---------------------------------------------------------------------------------------------
// Formats

const PHONE = /^\+?[0-9 .-]{8,15}$/;
const EMAIL = /^[^@\s<>"'(),;:\\]+@[^@\s<>"'(),;:\\]+\.[^@\s<>"'(),;:\\]+$/;
/** 12 digits (citizen), a tax code (10 digits, or 10-3 for a branch), or an agency's code. */
const IDENTITY_NUMBER = /^(\d{10}-\d{3}|[0-9A-Za-z.]{3,20})$/;
/** Codes of agencies, sectors, procedures, dossiers, PAKN, components; surrounding spaces allowed. */
const CODE = /^ *[0-9A-Za-z._-]* *$/;
const HEX64 = /^[0-9a-fA-F]{64}$/;
const TOKEN = /^[0-9A-Za-z]+$/;
const MIME = /^[0-9A-Za-z.+-]+\/[0-9A-Za-z.+-]+$/;
const TRACKING = /^[0-9A-Za-z-]+$/;
const BASE64URL = /^[0-9A-Za-z_-]+={0,2}$/;
/** A path on the portal (a form template such as /mau-don/tk.docx); not protocol-relative. */
const ROOT_PATH = /^\/(?![/\\])[^\s<>"'\\]*$/;

const match = (re: RegExp, problem: Bilingual) => (s: string) => (re.test(s) ? null : problem);

/** An absolute https: URL (http: too when allowed) with a host; no credentials, no white space. */
export function urlProblem(s: string, o: InputRuleOptions): Bilingual | null {
  const what = o.allowHttp ? 'an http(s) URL' : 'an https URL';
  const viWhat = o.allowHttp ? 'một đường dẫn http(s)' : 'một đường dẫn https';
  if (/[\s<>"'\\]/.test(s)) return msg(`phải là ${viWhat}, không có khoảng trắng, dấu nháy hay dấu < >`, `must be ${what} without spaces, quotes or angle brackets`);
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return msg(`phải là ${viWhat}`, `must be ${what}`);
  }
  if (u.protocol !== 'https:' && !(o.allowHttp && u.protocol === 'http:')) return msg(`phải là ${viWhat}`, `must be ${what}`);
  if (!u.hostname || u.username || u.password) return msg(`phải là ${viWhat} có tên máy chủ và không kèm thông tin đăng nhập`, `must be ${what} with a host and no credentials`);
  return null;
}

// ---------------------------------------------------------------------------------------------
// The rules

const rule = (r: StringRule) => r;
const line = (name: string, max: number, more: Partial<StringRule> = {}) =>
  rule({ name, max, multiline: false, noAngleBrackets: false, ...more });
const text = (name: string, max: number) => rule({ name, max, multiline: true, noAngleBrackets: false });
const code = (name: string, max: number) =>
  line(name, max, { format: match(CODE, msg('phải là một mã gồm chữ cái, chữ số, dấu chấm, gạch ngang và gạch dưới', 'must be a code of letters, digits, dots, dashes and underscores')), formatText: 'letters, digits, `.` `-` `_`' });

export const RULES = {
  personName: line('person or organisation name', 200, { noAngleBrackets: true }),
  address: line('address', 500, { noAngleBrackets: true }),
  phone: line('phone', 20, {
    noAngleBrackets: true,
    format: match(PHONE, msg('phải là số điện thoại: từ 8 đến 15 chữ số, khoảng trắng, dấu chấm hoặc gạch ngang, có thể bắt đầu bằng +', 'must be a phone number: 8 to 15 digits, spaces, dots or dashes, optionally after +')),
    formatText: '`+`? then 8–15 digits, spaces, `.` `-`',
  }),
  email: line('e-mail', 254, { noAngleBrackets: true, format: match(EMAIL, msg('phải là địa chỉ thư điện tử', 'must be an e-mail address')), formatText: 'local@domain.tld' }),
  identityNumber: line('identity number', 20, {
    noAngleBrackets: true,
    format: match(
      IDENTITY_NUMBER,
      msg(
        'phải là số định danh cá nhân (12 chữ số), mã số thuế (10 chữ số, hoặc 10-3) hoặc mã cơ quan',
        'must be an identity number (12 digits), a tax code (10 digits, or 10-3) or an agency code',
      ),
    ),
    formatText: '12 digits, tax code `0123456789` / `0123456789-001`, or agency code (3–20 of letters, digits, `.`)',
  }),
  agencyCode: code('agency code', 40),
  sectorCode: code('sector code', 40),
  procedureCode: code('procedure code', 60),
  dossierCode: code('dossier code', 60),
  componentCode: code('component code', 60),
  /** A dossier's or a PAKN's code. */
  code: code('dossier or PAKN code', 60),
  documentNumber: line('document number', 100, { noAngleBrackets: true }),
  /** Catalogue labels (procedure, sector and component names, subjects, legal titles): one line. */
  label: line('catalogue label', 1_000),
  feedbackTitle: line('PAKN title', 300),
  note: text('note', 2_000),
  letter: text('long free text', 10_000),
  searchText: line('search text', 200),
  fileName: line('file name', 255, { noAngleBrackets: true }),
  mimeType: line('MIME type', 100, { format: match(MIME, msg('phải là kiểu MIME, ví dụ application/pdf', 'must be a MIME type such as application/pdf')), formatText: 'type/subtype' }),
  /** A component's sha256: the command checks the 64 hex digits (and names `components`). */
  hashToken: line('hash', 128, { format: match(TOKEN, msg('chỉ gồm chữ cái và chữ số', 'must be letters and digits')), formatText: 'letters, digits' }),
  sha256: line('sha256', 64, { format: match(HEX64, msg('phải gồm 64 chữ số thập lục phân', 'must be 64 hex digits')), formatText: '64 hex digits' }),
  url: line('URL', 2_048, { format: urlProblem, formatText: '`https:` (also `http:` when NODE_ENV is development or test), with a host' }),
  webhookUrl: line('webhook URL', 2_048, {
    // A receiver on the hub's own machine may be plain http even in production (issue 13).
    format: (s, o) => (/^http:\/\/127\.0\.0\.1(:\d+)?(\/|$)/.test(s) ? urlProblem(s, { ...o, allowHttp: true }) : urlProblem(s, o)),
    formatText: 'as URL; also `http://127.0.0.1…` in production',
  }),
  templateUrl: line('template URL', 2_048, {
    format: (s, o) => (ROOT_PATH.test(s) ? null : urlProblem(s, o)),
    formatText: 'as URL, or a path on the portal such as `/mau-don/tk.docx`',
  }),
  idempotencyKey: line('idempotency key', 200),
  postalTrackingNumber: line('postal tracking number', 50, { format: match(TRACKING, msg('chỉ gồm chữ cái, chữ số và gạch ngang', 'must be letters, digits and dashes')), formatText: 'letters, digits, `-`' }),
  cursor: line('cursor', 200, { format: match(BASE64URL, msg('không phải là con trỏ phân trang do hệ thống trả về', 'is not a cursor this hub returned')), formatText: 'base64url' }),
  globalId: line('global id', 200, { format: match(BASE64URL, msg('không phải là mã định danh do hệ thống trả về', 'is not an id this hub returned')), formatText: 'base64url' }),
  /** A token subject at the identity provider, a service account's client id (issue 16). */
  subject: line('subject', 200, { format: match(/^[\w.@:|+-]+$/, msg('chỉ gồm chữ cái, chữ số và . @ : | + - _', 'must be letters, digits and . @ : | + - _')), formatText: 'letters, digits, `.` `@` `:` `|` `+` `-` `_`' }),
  /** Any String or ID not in INPUT_RULES. */
  default: text('any other string', 2_000),
} as const satisfies Record<string, StringRule>;

export type RuleName = keyof typeof RULES;

/**
 * The rule of each String/ID input field (`InputType.field`) and root argument
 * (`Query.field(arg)`); a list field's rule applies to each item. Anything not here gets
 * RULES.default. test/unit/input-rules.test.ts checks that every key names a live field.
 */
export const INPUT_RULES: Readonly<Record<string, RuleName>> = {
  // catalogue
  'Query.procedure(code)': 'procedureCode',
  'Query.procedures(after)': 'cursor',
  'Query.procedures(before)': 'cursor',
  'Query.agencies(parentCode)': 'agencyCode',
  'ProcedureFilter.text': 'searchText',
  'ProcedureFilter.sectorCode': 'sectorCode',
  'ProcedureFilter.agencyCode': 'agencyCode',
  'ProcedureInput.code': 'procedureCode',
  'ProcedureInput.name': 'label',
  'ProcedureInput.sectorCode': 'sectorCode',
  'ProcedureInput.sectorName': 'label',
  'ProcedureInput.agencyCodes': 'agencyCode',
  'ProcedureInput.steps': 'note',
  'ProcedureInput.targetSubjects': 'label',
  'ProcedureInput.resultDescription': 'note',
  'ProcedureInput.requirements': 'letter',
  'ProcedureInput.location': 'note',
  'WorkflowStepInput.name': 'label',
  'WorkflowStepInput.agencyCode': 'agencyCode',
  'ComponentSpecInput.code': 'componentCode',
  'ComponentSpecInput.name': 'label',
  'ComponentSpecInput.templateUrl': 'templateUrl',
  'FeeInput.description': 'label',
  'LegalBasisInput.number': 'documentNumber',
  'LegalBasisInput.title': 'label',
  // dossiers
  'Query.dossier(code)': 'dossierCode',
  'Query.trackDossier(code)': 'dossierCode',
  'Mutation.issueProcessControlLetter(code)': 'dossierCode',
  'Query.dossiers(after)': 'cursor',
  'Query.dossiers(before)': 'cursor',
  'Query.estimateDueDate(procedureCode)': 'procedureCode',
  'DossierFilter.agencyCode': 'agencyCode',
  'DossierFilter.procedureCode': 'procedureCode',
  'DossierFilter.applicantIdentityNumber': 'identityNumber',
  'SubmitDossierInput.procedureCode': 'procedureCode',
  'SubmitDossierInput.agencyCode': 'agencyCode',
  'SubmitDossierInput.deliveryAddress': 'address',
  'SubmitDossierInput.idempotencyKey': 'idempotencyKey',
  'ApplicantInput.fullName': 'personName',
  'ApplicantInput.identityNumber': 'identityNumber',
  'ApplicantInput.phone': 'phone',
  'ApplicantInput.email': 'email',
  'ApplicantInput.address': 'address',
  'ComponentInput.componentCode': 'componentCode',
  'ComponentInput.fileName': 'fileName',
  'ComponentInput.mimeType': 'mimeType',
  'ComponentInput.sha256': 'hashToken',
  'ComponentInput.url': 'url',
  'ComponentInput.fileId': 'globalId',
  'ComponentInput.citizenDocumentId': 'globalId',
  'TransitionDossierInput.code': 'dossierCode',
  'TransitionDossierInput.note': 'note',
  'TransitionDossierInput.apologyLetter': 'letter',
  'TransitionDossierInput.postalTrackingNumber': 'postalTrackingNumber',
  'TransitionDossierInput.targetAgencyCode': 'agencyCode',
  'ResultInput.documentNumber': 'documentNumber',
  'ResultInput.signedBy': 'personName',
  'ResultInput.fileUrl': 'url',
  'ResultInput.sha256': 'sha256',
  'ResultInput.fileId': 'globalId',
  'Subscription.dossierStatusChanged(code)': 'dossierCode',
  'Subscription.dossierStatusChanged(agencyCode)': 'agencyCode',
  // payments and evaluations
  'InitiatePaymentInput.dossierCode': 'dossierCode',
  'InitiatePaymentInput.returnUrl': 'url',
  'InitiatePaymentInput.idempotencyKey': 'idempotencyKey',
  'RecordCounterPaymentInput.dossierCode': 'dossierCode',
  'RecordCounterPaymentInput.receiptUrl': 'url',
  'EvaluateDossierInput.dossierCode': 'dossierCode',
  'EvaluateDossierInput.comment': 'note',
  'Subscription.paymentStatusChanged(dossierCode)': 'dossierCode',
  // feedback (PAKN)
  'Query.feedback(code)': 'code',
  'Query.feedbacks(after)': 'cursor',
  'Query.feedbacks(before)': 'cursor',
  'FeedbackFilter.agencyCode': 'agencyCode',
  'SubmitFeedbackInput.title': 'feedbackTitle',
  'SubmitFeedbackInput.content': 'letter',
  'SubmitFeedbackInput.agencyCode': 'agencyCode',
  'SubmitFeedbackInput.procedureCode': 'procedureCode',
  'SubmitFeedbackInput.dossierCode': 'dossierCode',
  'ContactInput.fullName': 'personName',
  'ContactInput.phone': 'phone',
  'ContactInput.email': 'email',
  'ContactInput.identityNumber': 'identityNumber',
  'TransitionFeedbackInput.code': 'code',
  'TransitionFeedbackInput.note': 'note',
  'TransitionFeedbackInput.answer': 'letter',
  'TransitionFeedbackInput.targetAgencyCode': 'agencyCode',
  // scorecard, operations, nodes
  'Query.scorecard(agencyCode)': 'agencyCode',
  'Subscription.scorecardUpdated(agencyCode)': 'agencyCode',
  'Query.processingStatistics(agencyCode)': 'agencyCode',
  'Query.reports(agencyCode)': 'agencyCode',
  'Mutation.generateReport(agencyCode)': 'agencyCode',
  'Subscription.processingStatisticsUpdated(agencyCode)': 'agencyCode',
  'Mutation.requeueDeadLetters(code)': 'code',
  'Query.node(id)': 'globalId',
  // files (issue 12)
  'CreateUploadInput.fileName': 'fileName',
  'CreateUploadInput.mimeType': 'mimeType',
  'CreateUploadInput.sha256': 'sha256',
  'SaveCitizenDocumentInput.fileId': 'globalId',
  'SaveCitizenDocumentInput.title': 'label',
  'SaveCitizenDocumentInput.documentNumber': 'documentNumber',
  'Query.myDocuments(after)': 'cursor',
  // notifications and webhooks (issue 13)
  'CreateWebhookInput.url': 'webhookUrl',
  'CreateWebhookInput.agencyCode': 'agencyCode',
  'Mutation.deleteWebhook(id)': 'globalId',
  'Mutation.redeliverWebhook(deliveryId)': 'globalId',
  // accounts and audit (issue 16)
  'Query.staffMembers(agencyCode)': 'agencyCode',
  'Query.serviceAccounts(agencyCode)': 'agencyCode',
  'AuditFilterInput.dossierCode': 'dossierCode',
  'AuditFilterInput.subject': 'subject',
  'Mutation.deactivateStaffMember(subject)': 'subject',
  'Mutation.reactivateStaffMember(subject)': 'subject',
  'Mutation.rotateServiceAccountSecret(clientId)': 'subject',
  'Mutation.deactivateServiceAccount(clientId)': 'subject',
  'CreateStaffMemberInput.subject': 'subject',
  'CreateStaffMemberInput.fullName': 'personName',
  'CreateStaffMemberInput.agencyCodes': 'agencyCode',
  'ChangeStaffMemberInput.subject': 'subject',
  'ChangeStaffMemberInput.fullName': 'personName',
  'ChangeStaffMemberInput.agencyCodes': 'agencyCode',
  'CreateServiceAccountInput.name': 'personName',
  'CreateServiceAccountInput.agencyCode': 'agencyCode',
};

/** The rule for `InputType.field` or `Root.field(arg)`. */
export function ruleFor(key: string): StringRule {
  const name = INPUT_RULES[key];
  return name ? RULES[name] : RULES.default;
}

/** What is wrong with a string under a rule, or null. Cheapest checks first. */
export function stringProblem(rule: StringRule, s: string, options: InputRuleOptions): InputProblem | null {
  if (s.length > rule.max) {
    return { reason: 'TOO_LONG', message: msg(`không được dài quá ${rule.max.toLocaleString('vi')} ký tự`, `must be at most ${rule.max.toLocaleString('en')} characters`) };
  }
  if ((rule.multiline ? CONTROL_BUT_LINES : CONTROL).test(s)) {
    return {
      reason: 'CONTROL_CHARACTER',
      message: rule.multiline
        ? msg('không được chứa ký tự NUL hay ký tự điều khiển khác (chỉ cho phép tab và xuống dòng)', 'must not contain NUL or other control characters (only tab and line breaks)')
        : msg('không được chứa ký tự NUL, xuống dòng hay ký tự điều khiển khác', 'must not contain NUL, line breaks or other control characters'),
    };
  }
  if (LONE_SURROGATE.test(s)) {
    return { reason: 'LONE_SURROGATE', message: msg('phải là văn bản Unicode hợp lệ (có ký tự thay thế đơn lẻ)', 'must be well-formed Unicode (it holds a lone surrogate)') };
  }
  if (rule.noAngleBrackets && (s.includes('<') || s.includes('>'))) return { reason: 'ANGLE_BRACKET', message: msg('không được chứa dấu < hoặc >', 'must not contain < or >') };
  if (rule.format && s !== '') {
    const p = rule.format(s, options);
    if (p) return { reason: 'FORMAT', message: p };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Lists, JSON, dates

/** Items in any list argument or input field. */
export const MAX_LIST_ITEMS = 200;

export const JSON_LIMITS = {
  /** Arrays and objects nested at most this deep ({"a":1} is depth 1). */
  maxDepth: 10,
  /** Characters of the value written as JSON (counted while walking, never by serializing). */
  maxChars: 64 * 1024,
} as const;

/**
 * What is wrong with a JSON value (formData), or null: too deep, too large, or a string or key
 * with NUL or a lone surrogate (PostgreSQL's jsonb refuses both). Walks with its own stack and
 * stops at the first problem, so a value nested 50,000 levels deep costs eleven levels of work.
 */
export function jsonProblem(value: unknown, limits: { maxDepth: number; maxChars: number } = JSON_LIMITS): InputProblem | null {
  const tooLarge: InputProblem = {
    reason: 'TOO_LARGE',
    message: msg(`khi viết dưới dạng JSON không được dài quá ${limits.maxChars.toLocaleString('vi')} ký tự`, `must be at most ${limits.maxChars.toLocaleString('en')} characters as JSON`),
  };
  const badString = (s: string): InputProblem | null =>
    isStorableText(s)
      ? null
      : {
          reason: s.includes('\u0000') ? 'CONTROL_CHARACTER' : 'LONE_SURROGATE',
          message: msg('không được chứa ký tự NUL hay ký tự thay thế đơn lẻ trong chuỗi hoặc khóa', 'must not hold NUL or lone surrogates in its strings or keys'),
        };
  let chars = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v === 'boolean') chars += 5;
    else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { reason: 'FORMAT', message: msg('chỉ được chứa số hữu hạn', 'must hold finite numbers only') };
      chars += 24;
    } else if (typeof v === 'string') {
      const p = badString(v);
      if (p) return p;
      chars += v.length + 2;
    } else if (typeof v === 'object') {
      if (depth >= limits.maxDepth) return {
          reason: 'TOO_DEEP',
          message: msg(`không được lồng mảng và đối tượng sâu quá ${limits.maxDepth} cấp`, `must not nest arrays and objects more than ${limits.maxDepth} deep`),
        };
      chars += 2;
      if (Array.isArray(v)) {
        for (const item of v) {
          stack.push([item, depth + 1]);
          chars += 1;
        }
      } else {
        for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
          const p = badString(k);
          if (p) return p;
          chars += k.length + 4;
          stack.push([item, depth + 1]);
        }
      }
    } else {
      return { reason: 'FORMAT', message: msg('phải là giá trị JSON', 'must be JSON') };
    }
    if (chars > limits.maxChars) return tooLarge;
  }
  return null;
}

/** Dates and instants the hub accepts: 1900-01-01 to 2100-12-31 (UTC). */
export const FIRST_DATE = '1900-01-01';
export const LAST_DATE = '2100-12-31';
const FIRST_MS = Date.UTC(1900, 0, 1);
const AFTER_LAST_MS = Date.UTC(2101, 0, 1);

/** An instant from 1900-01-01T00:00Z up to the end of 2100-12-31 (UTC). */
export function isInstantInRange(d: Date): boolean {
  const t = d.getTime();
  return t >= FIRST_MS && t < AFTER_LAST_MS;
}

/** A YYYY-MM-DD date string from 1900-01-01 to 2100-12-31 (compared as strings). */
export function isDateInRange(ymd: string): boolean {
  return ymd >= FIRST_DATE && ymd <= LAST_DATE;
}
