/**
 * Webhooks for sector systems (issue 13; domain.md "Notifications and webhooks"): the events
 * they subscribe to and the retry schedule. Pure.
 */

export const WEBHOOK_EVENTS = ['DOSSIER_SUBMITTED', 'DOSSIER_STATUS_CHANGED', 'PAYMENT_STATUS_CHANGED', 'FEEDBACK_CHANGED', 'EVALUATION_SUBMITTED'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The waits after each failed attempt (10 s, 1 min, 10 min, 1 h, 6 h, 24 h); past the last, FAILED. */
export const DEFAULT_WEBHOOK_RETRY_MS = [10_000, 60_000, 600_000, 3_600_000, 21_600_000, 86_400_000] as const;

/** After `attempts` failed attempts: the wait before the next, or null (FAILED). */
export function webhookRetryAfter(attempts: number, schedule: readonly number[] = DEFAULT_WEBHOOK_RETRY_MS): number | null {
  return attempts >= 1 && attempts <= schedule.length ? schedule[attempts - 1]! : null;
}
