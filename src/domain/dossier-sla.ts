import type { WorkingCalendar } from './working-calendar';

/**
 * The SLA sweep's notices (events of dossierStatusChanged, status unchanged): DUE_SOON / OVERDUE
 * of the appointment, RECEIVE_DUE_SOON / RECEIVE_OVERDUE of the reception deadline.
 */
export const SLA_NOTICE_KINDS = ['DUE_SOON', 'OVERDUE', 'RECEIVE_DUE_SOON', 'RECEIVE_OVERDUE'] as const;
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

/** RECEIVE_DUE_SOON is raised this many working minutes before receiveDueAt. */
export const RECEIVE_DUE_SOON_MINUTES = 15;

/**
 * The reception deadline (004 Đ12.1a): an ONLINE dossier must be received (or answered) within
 * `minutes` working minutes, counted from the next working period when submitted off-hours.
 * Counter and postal dossiers are received on the spot: none.
 */
export function receiveDueAt(submittedAt: Date, channel: string, minutes: number, calendar: WorkingCalendar): Date | null {
  return channel === 'ONLINE' ? calendar.addWorkingMinutes(submittedAt, minutes) : null;
}

/** Which reception notice a SUBMITTED online dossier deserves now (pure). */
export function receiveNotice(dueAt: Date, now: Date, calendar: WorkingCalendar): 'RECEIVE_DUE_SOON' | 'RECEIVE_OVERDUE' | null {
  if (now.getTime() > dueAt.getTime()) return 'RECEIVE_OVERDUE';
  return calendar.workingMinutesBetween(now, dueAt) <= RECEIVE_DUE_SOON_MINUTES ? 'RECEIVE_DUE_SOON' : null;
}
