import type { WorkingCalendar } from './working-calendar';

/** The SLA sweep's notices (events DUE_SOON / OVERDUE of dossierStatusChanged, status unchanged). */
export const SLA_NOTICE_KINDS = ['DUE_SOON', 'OVERDUE'] as const;
export type SlaNoticeKind = (typeof SLA_NOTICE_KINDS)[number];

/**
 * Which notice a running dossier deserves now (pure): OVERDUE once its appointment has passed,
 * DUE_SOON when one working day or less is left, none otherwise.
 */
export function slaNotice(dueAt: Date, now: Date, calendar: WorkingCalendar): SlaNoticeKind | null {
  if (now.getTime() > dueAt.getTime()) return 'OVERDUE';
  return calendar.dueDate(now, 1).getTime() >= dueAt.getTime() ? 'DUE_SOON' : null;
}

/**
 * The sweep looks at running dossiers whose appointment is at most this many days away: one
 * working day can span a long holiday, so the calendar decides among these.
 */
export const SLA_LOOKAHEAD_DAYS = 15;
