import type { HubServices } from '../context';
import { Viewer } from '../auth/viewer';
import { runCommand } from '../commands/command-context';
import { cleanUpFiles, sweepFileStore } from '../commands/clean-up-files.command';
import type { JobDefinition } from './scheduler';

const NAME = 'file-cleanup';

/** Removes files never attached after FILE_UNATTACHED_TTL (src/commands/clean-up-files.command.ts). */
export function fileCleanupJob(services: HubServices, scheduleExpr: string | null): JobDefinition {
  return {
    name: NAME,
    schedule: scheduleExpr,
    quietWhenIdle: true,
    run: ({ em }) => runCommand({ services, viewer: Viewer.system(NAME), em }, cleanUpFiles, {}),
  };
}

const SWEEP = 'file-sweep';

/** The disk's daily sweep: bytes no row holds and crash leftovers (sweepFileStore). */
export function fileSweepJob(services: HubServices, scheduleExpr: string | null): JobDefinition {
  return {
    name: SWEEP,
    schedule: scheduleExpr,
    quietWhenIdle: true,
    run: ({ em }) => runCommand({ services, viewer: Viewer.system(SWEEP), em }, sweepFileStore, {}),
  };
}
