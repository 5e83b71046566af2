import type { HubServices } from '../context';
import { cleanUpFiles, sweepFileStore } from '../commands/clean-up-files.command';
import { commandJob } from './command-job';
import type { JobDefinition } from './scheduler';

/** Removes files never attached after FILE_UNATTACHED_TTL (src/commands/clean-up-files.command.ts). */
export function fileCleanupJob(services: HubServices, scheduleExpr: string | null): JobDefinition {
  return commandJob(services, 'file-cleanup', scheduleExpr, cleanUpFiles);
}

/** The disk's daily sweep: bytes no row holds and crash leftovers (sweepFileStore). */
export function fileSweepJob(services: HubServices, scheduleExpr: string | null): JobDefinition {
  return commandJob(services, 'file-sweep', scheduleExpr, sweepFileStore);
}
