import type { HubServices } from '../context';
import { Viewer } from '../auth/viewer';
import { runCommand } from '../commands/command-context';
import { sweepSla } from '../commands/sweep-sla.command';
import type { JobDefinition } from './scheduler';

const NAME = 'sla-sweep';

/** Raises DUE_SOON / OVERDUE and RECEIVE_DUE_SOON / RECEIVE_OVERDUE events (src/commands/sweep-sla.command.ts) on the configured schedule. */
export function slaSweepJob(services: HubServices, scheduleExpr: string | null): JobDefinition {
  return {
    name: NAME,
    schedule: scheduleExpr,
    quietWhenIdle: true,
    run: ({ em }) => runCommand({ services, viewer: Viewer.system(NAME), em }, sweepSla, {}),
  };
}
