import { forbidden, msg } from '../errors';
import type { CommandContext } from './command-context';
import { SLA_LOOKAHEAD_DAYS, slaNotice, type SlaNoticeKind } from '../domain/dossier-sla';
import { raiseSlaNotices, slaCandidates, type SlaCandidate } from '../stores/dossier.store';
import { publishDossierStatus, type DossierStatusEventPayload } from '../realtime/pubsub';

/**
 * The SLA sweep: raises a dossierStatusChanged event (action DUE_SOON or OVERDUE, status
 * unchanged) once per dossier, kind and appointment. The notice rows are written first; the
 * events of the notices not raised before are published after that. A new appointment (EXTEND,
 * a supplement) can be warned about again. Run by the sla-sweep job as the hub itself.
 */
export async function sweepSla(ctx: CommandContext, _input: Record<string, never> = {}): Promise<{ dueSoon: number; overdue: number }> {
  if (!ctx.viewer.isSystem) throw forbidden(msg('Việc rà soát thời hạn xử lý do hệ thống tự chạy', 'The SLA sweep is run by the hub itself'));
  const now = ctx.now;
  const due = (await slaCandidates(ctx.db, now, SLA_LOOKAHEAD_DAYS))
    .map((r) => ({ r, kind: slaNotice(r.dueAt, now, ctx.calendar) }))
    .filter((x): x is { r: SlaCandidate; kind: SlaNoticeKind } => x.kind !== null);
  const counts = { dueSoon: 0, overdue: 0 };
  if (!due.length) return counts;
  const raised = await raiseSlaNotices(
    ctx.db,
    due.map(({ r, kind }) => ({ dossierId: r.id, kind, dueAt: r.dueAt })),
  );
  const fresh = new Set(raised.map((x) => `${x.dossierId}:${x.kind}`));
  for (const { r, kind } of due) {
    if (!fresh.has(`${r.id}:${kind}`)) continue;
    const event: DossierStatusEventPayload = {
      code: r.code,
      agencyCode: r.agencyCode,
      action: kind,
      previousStatus: r.status,
      status: r.status,
      at: now.toISOString(),
      dueAt: r.dueAt.toISOString(),
      overdue: kind === 'OVERDUE',
    };
    ctx.afterCommit(() => publishDossierStatus(ctx.services.pubSub, event));
    counts[kind === 'OVERDUE' ? 'overdue' : 'dueSoon']++;
  }
  return counts;
}
