import { forbidden, msg } from '../errors';
import type { CommandContext } from './command-context';
import { SLA_LOOKAHEAD_DAYS, receiveNotice, slaNotice, type SlaNoticeKind } from '../domain/dossier-sla';
import { raiseSlaNotices, receiveCandidates, slaCandidates } from '../stores/dossier.store';
import { publishDossierStatus, type DossierStatusEventPayload } from '../realtime/pubsub';

/** How many notices of each kind a sweep raised. */
export type SweepCounts = {
  dueSoon: number;
  overdue: number;
  receiveDueSoon: number;
  receiveOverdue: number;
};

const COUNTER: Record<SlaNoticeKind, keyof SweepCounts> = {
  DUE_SOON: 'dueSoon',
  OVERDUE: 'overdue',
  RECEIVE_DUE_SOON: 'receiveDueSoon',
  RECEIVE_OVERDUE: 'receiveOverdue',
};

/**
 * The SLA sweep: raises a dossierStatusChanged event (action DUE_SOON or OVERDUE of the
 * appointment, RECEIVE_DUE_SOON or RECEIVE_OVERDUE of the reception deadline of a SUBMITTED
 * online dossier; status unchanged) once per dossier, kind and deadline. The notice rows are
 * written first; the events of the notices not raised before are published after that. A new
 * appointment (EXTEND, a supplement) can be warned about again. Run by the sla-sweep job as the
 * hub itself.
 */
export async function sweepSla(ctx: CommandContext, _input: Record<string, never> = {}): Promise<SweepCounts> {
  if (!ctx.viewer.isSystem) throw forbidden(msg('Việc rà soát thời hạn xử lý do hệ thống tự chạy', 'The SLA sweep is run by the hub itself'));
  const now = ctx.now;
  const due: { id: string; kind: SlaNoticeKind; dueAt: Date; event: Omit<DossierStatusEventPayload, 'action' | 'overdue'> }[] = [];
  for (const r of await slaCandidates(ctx.db, now, SLA_LOOKAHEAD_DAYS)) {
    const kind = slaNotice(r.dueAt, now, ctx.calendar);
    if (!kind) continue;
    const event = { code: r.code, agencyCode: r.agencyCode, handlingAgencyCode: r.handlingAgencyCode, previousStatus: r.status, status: r.status, at: now.toISOString(), dueAt: r.dueAt.toISOString() };
    due.push({ id: r.id, kind, dueAt: r.dueAt, event });
  }
  for (const r of await receiveCandidates(ctx.db, now, SLA_LOOKAHEAD_DAYS)) {
    const kind = receiveNotice(r.receiveDueAt, now, ctx.calendar);
    if (!kind) continue;
    // dueAt of a reception notice is the reception deadline (the dossier has no appointment yet).
    const event = { code: r.code, agencyCode: r.agencyCode, previousStatus: 'SUBMITTED' as const, status: 'SUBMITTED' as const, at: now.toISOString(), dueAt: r.receiveDueAt.toISOString() };
    due.push({ id: r.id, kind, dueAt: r.receiveDueAt, event });
  }
  const counts: SweepCounts = { dueSoon: 0, overdue: 0, receiveDueSoon: 0, receiveOverdue: 0 };
  if (!due.length) return counts;
  const raised = await raiseSlaNotices(
    ctx.db,
    due.map(({ id, kind, dueAt }) => ({ dossierId: id, kind, dueAt })),
  );
  const fresh = new Set(raised.map((x) => `${x.dossierId}:${x.kind}`));
  for (const { id, kind, event } of due) {
    if (!fresh.has(`${id}:${kind}`)) continue;
    const payload: DossierStatusEventPayload = { ...event, action: kind, overdue: kind === 'OVERDUE' || kind === 'RECEIVE_OVERDUE' };
    ctx.afterCommit(() => publishDossierStatus(ctx.services.pubSub, payload));
    counts[COUNTER[kind]]++;
  }
  return counts;
}
