/**
 * The citizen notification templates, read once at start from NOTIFY_TEMPLATES_DIR (default:
 * the project's templates/notifications): `<TEMPLATE>.email.txt` (a `Subject:` line, a blank
 * line, the body) and `<TEMPLATE>.sms.txt` for each template of src/domain/notifications.ts.
 * A province edits the files and restarts; a missing file or an unknown {{variable}} stops the
 * start with the file named. Drafts are rendered here, with the change that causes them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  fitSms,
  NOTIFICATION_TEMPLATES,
  parseEmailTemplate,
  recipientsOf,
  renderTemplate,
  templateVars,
  unknownVariables,
  type NotificationDraft,
  type NotificationTemplate,
  type TemplateFacts,
} from '../domain/notifications';

export interface NotificationSettings {
  /** PORTAL_TRACKING_URL */
  trackingUrl: string;
  /** SMS_ASCII */
  smsAscii: boolean;
}

/** templates/notifications of the project, from src/outbox (ts-jest) or dist/src/outbox (built). */
export function defaultTemplatesDir(): string {
  for (const up of ['../..', '../../..']) {
    const dir = resolve(__dirname, up, 'templates/notifications');
    if (existsSync(dir)) return dir;
  }
  return resolve(process.cwd(), 'templates/notifications');
}

export class NotificationTemplates {
  private constructor(
    private readonly email: ReadonlyMap<NotificationTemplate, { subject: string; body: string }>,
    private readonly sms: ReadonlyMap<NotificationTemplate, string>,
    readonly settings: NotificationSettings,
  ) {}

  /** Reads and checks every template; throws naming each file that is missing or wrong. */
  static load(dir: string | undefined, settings: NotificationSettings): NotificationTemplates {
    const root = dir ?? defaultTemplatesDir();
    const problems: string[] = [];
    const email = new Map<NotificationTemplate, { subject: string; body: string }>();
    const sms = new Map<NotificationTemplate, string>();
    const read = (file: string): string | null => {
      const p = join(root, file);
      try {
        return readFileSync(p, 'utf8');
      } catch {
        problems.push(`${p}: missing`);
        return null;
      }
    };
    for (const t of NOTIFICATION_TEMPLATES) {
      const e = read(`${t}.email.txt`);
      if (e !== null) {
        const parsed = parseEmailTemplate(e);
        if (!parsed) problems.push(`${join(root, `${t}.email.txt`)}: must start with "Subject: …", then a blank line, then the body`);
        else {
          const unknown = unknownVariables(parsed.subject + parsed.body);
          if (unknown.length) problems.push(`${join(root, `${t}.email.txt`)}: unknown variable(s) ${unknown.join(', ')}`);
          email.set(t, parsed);
        }
      }
      const s = read(`${t}.sms.txt`);
      if (s !== null) {
        const unknown = unknownVariables(s);
        if (unknown.length) problems.push(`${join(root, `${t}.sms.txt`)}: unknown variable(s) ${unknown.join(', ')}`);
        sms.set(t, s.trim());
      }
    }
    if (problems.length) throw new Error(`notification templates (NOTIFY_TEMPLATES_DIR=${root}):\n  ${problems.join('\n  ')}`);
    return new NotificationTemplates(email, sms, settings);
  }

  /** Every notification the templates send to a person's e-mail and phone, rendered. */
  drafts(templates: readonly NotificationTemplate[], contact: { email?: string | null; phone?: string | null }, facts: TemplateFacts): NotificationDraft[] {
    if (!templates.length) return [];
    const to = recipientsOf(contact);
    if (!to.length) return [];
    const vars = templateVars(facts, this.settings.trackingUrl);
    const out: NotificationDraft[] = [];
    for (const template of templates) {
      for (const r of to) {
        if (r.channel === 'EMAIL') {
          const t = this.email.get(template)!;
          out.push({ template, channel: 'EMAIL', recipient: r.recipient, subject: renderTemplate(t.subject, vars).replace(/\s+/g, ' ').trim(), body: renderTemplate(t.body, vars) });
        } else {
          out.push({ template, channel: 'SMS', recipient: r.recipient, subject: null, body: fitSms(this.sms.get(template)!, vars, this.settings.smsAscii) });
        }
      }
    }
    return out;
  }
}
