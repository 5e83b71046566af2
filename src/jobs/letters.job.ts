import type { HubServices } from '../context';
import { Viewer } from '../auth/viewer';
import { runCommand } from '../commands/command-context';
import { issueLetters } from '../commands/issue-letters.command';
import type { JobDefinition } from './scheduler';

const NAME = 'letters';

/**
 * Issues the queued letters (src/commands/issue-letters.command.ts): kicked after every change
 * that queues one (services.lettersWritten), and on its schedule for retries and missed kicks.
 */
export function lettersJob(services: HubServices, scheduleExpr: string | null): JobDefinition {
  return {
    name: NAME,
    schedule: scheduleExpr,
    quietWhenIdle: true,
    run: ({ em, stopping }) => runCommand({ services, viewer: Viewer.system(NAME), em }, issueLetters, { stopping }),
  };
}
