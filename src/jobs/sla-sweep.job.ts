import type { HubServices } from '../context';
import { sweepSla } from '../commands/sweep-sla.command';
import { commandJob } from './command-job';
import type { JobDefinition } from './scheduler';

/** Raises DUE_SOON / OVERDUE and RECEIVE_DUE_SOON / RECEIVE_OVERDUE events (src/commands/sweep-sla.command.ts) on the configured schedule. */
export function slaSweepJob(services: HubServices, scheduleExpr: string | null): JobDefinition {
  return commandJob(services, 'sla-sweep', scheduleExpr, sweepSla);
}
