import type { HubServices } from '../context';
import { Viewer } from '../auth/viewer';
import { runCommand, type CommandContext } from '../commands/command-context';
import type { JobCounts, JobDefinition } from './scheduler';

/**
 * A job that runs one command as the hub itself (Viewer.system(name)), in a fork of its own,
 * quiet in the log when it finds nothing to do; its counts are the command's answer.
 */
export function commandJob(
  services: HubServices,
  name: string,
  scheduleExpr: string | null,
  command: (ctx: CommandContext, input: Record<string, never>) => Promise<JobCounts>,
): JobDefinition {
  return {
    name,
    schedule: scheduleExpr,
    quietWhenIdle: true,
    run: ({ em }) => runCommand({ services, viewer: Viewer.system(name), em }, command, {}),
  };
}
