import type { HubServices } from '../context';
import { makeDueReports } from '../commands/generate-report.command';
import { commandJob } from './command-job';
import type { JobDefinition } from './scheduler';

/** Makes the periodic reports due soon (src/commands/generate-report.command.ts makeDueReports). */
export function reportsJob(services: HubServices, scheduleExpr: string | null): JobDefinition {
  return commandJob(services, 'reports', scheduleExpr, makeDueReports);
}
