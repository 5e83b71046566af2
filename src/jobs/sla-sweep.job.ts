import type { EntityManager } from '@mikro-orm/postgresql';
import { run } from '../commands/dossier-sql';
import type { WorkingCalendar } from '../domain/working-calendar';
import type { DossierStatus } from '../domain/dossier-machine';
import { pgArray } from '../stores/outbox.store';
import { publishDossierStatus, type DossierStatusEventPayload, type HubPubSub } from '../realtime/pubsub';
import type { JobDefinition } from './scheduler';

export type SlaNoticeKind = 'DUE_SOON' | 'OVERDUE';

/**
 * Which notice a running dossier deserves now (pure): OVERDUE once its appointment has passed,
 * DUE_SOON when one working day or less is left, none otherwise.
 */
export function slaNotice(dueAt: Date, now: Date, calendar: WorkingCalendar): SlaNoticeKind | null {
  if (now.getTime() > dueAt.getTime()) return 'OVERDUE';
  return calendar.dueDate(now, 1).getTime() >= dueAt.getTime() ? 'DUE_SOON' : null;
}

// Running (not finished, not paused) dossiers whose appointment is at most a fortnight away:
// one working day can span a long holiday, so the calendar decides among these.
const CANDIDATES = `select d.id, d.code, d.status, d.due_at, a.code as agency_code
  from dossier d join agency a on a.id = d.agency_id
 where d.completed_at is null and d.paused_at is null and d.due_at is not null
   and d.status not in ('DELIVERED','REJECTED','WITHDRAWN','STOPPED')
   and d.due_at <= ?::timestamptz + interval '15 days'`;

const RAISE = `insert into dossier_sla_notice (dossier_id, kind, due_at)
  select * from unnest(?::uuid[], ?::text[], ?::timestamptz[])
  on conflict do nothing
  returning dossier_id, kind`;

/**
 * The SLA sweep: raises a dossierStatusChanged event (action DUE_SOON or OVERDUE, status
 * unchanged) once per dossier, kind and appointment. The notice row and the event are raised
 * together; a new appointment (EXTEND, a supplement) can be warned about again.
 */
export async function sweepSla(em: EntityManager, calendar: WorkingCalendar, pubSub: HubPubSub, now: Date) {
  const rows = await run<{ id: string; code: string; status: DossierStatus; due_at: Date; agency_code: string }>(em, CANDIDATES, [now]);
  const due = rows
    .map((r) => ({ r, kind: slaNotice(new Date(r.due_at), now, calendar) }))
    .filter((x): x is { r: (typeof rows)[number]; kind: SlaNoticeKind } => x.kind !== null);
  if (!due.length) return { dueSoon: 0, overdue: 0 };
  const raised = await run<{ dossier_id: string; kind: SlaNoticeKind }>(em, RAISE, [
    pgArray(due.map((x) => x.r.id)),
    pgArray(due.map((x) => x.kind)),
    pgArray(due.map((x) => new Date(x.r.due_at).toISOString())),
  ]);
  const fresh = new Set(raised.map((x) => `${x.dossier_id}:${x.kind}`));
  const counts = { dueSoon: 0, overdue: 0 };
  for (const { r, kind } of due) {
    if (!fresh.has(`${r.id}:${kind}`)) continue;
    const event: DossierStatusEventPayload = {
      code: r.code,
      agencyCode: r.agency_code,
      action: kind,
      previousStatus: r.status,
      status: r.status,
      at: now.toISOString(),
      dueAt: new Date(r.due_at).toISOString(),
      overdue: kind === 'OVERDUE',
    };
    publishDossierStatus(pubSub, event);
    counts[kind === 'OVERDUE' ? 'overdue' : 'dueSoon']++;
  }
  return counts;
}

export function slaSweepJob(calendar: WorkingCalendar, pubSub: HubPubSub, now: () => Date, scheduleExpr: string | null): JobDefinition {
  return {
    name: 'sla-sweep',
    schedule: scheduleExpr,
    quietWhenIdle: true,
    run: ({ em }) => sweepSla(em, calendar, pubSub, now()),
  };
}
