import type { HubServices } from '../context';
import { Viewer } from '../auth/viewer';
import { runCommand } from '../commands/command-context';
import { makeDueReports } from '../commands/generate-report.command';
import type { JobDefinition } from './scheduler';

const NAME = 'reports';

/** Makes the periodic reports due soon (src/commands/generate-report.command.ts makeDueReports). */
export function reportsJob(services: HubServices, scheduleExpr: string | null): JobDefinition {
  return {
    name: NAME,
    schedule: scheduleExpr,
    quietWhenIdle: true,
    run: ({ em }) => runCommand({ services, viewer: Viewer.system(NAME), em }, makeDueReports, {}),
  };
}
