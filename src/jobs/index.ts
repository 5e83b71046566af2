import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import type { Connectors } from '../connectors';
import type { HubServices } from '../context';
import { syncCatalogue } from '../commands/sync-catalogue.command';
import { runCommand } from '../commands/command-context';
import { Viewer } from '../auth/viewer';
import { outboxDispatchJob } from './outbox-dispatch.job';
import { verifyIdentityJob } from './verify-identity.job';
import { slaSweepJob } from './sla-sweep.job';
import { paymentReconcileJob } from './payment-reconcile.job';
import { fileCleanupJob, fileSweepJob } from './file-cleanup.job';
import { lettersJob } from './letters.job';
import { reportsJob } from './reports.job';
import { notifyDispatchJob, type NotifySettings } from './notify-dispatch.job';
import { advisoryLock, JobScheduler, localLock, type JobDefinition } from './scheduler';
import { JobSession } from '../db/job-session';

export const JOB_NAMES = {
  outbox: 'outbox-dispatch',
  verifyIdentity: 'verify-identity',
  slaSweep: 'sla-sweep',
  catalogueSync: 'catalogue-sync',
  paymentReconcile: 'payment-reconcile',
  fileCleanup: 'file-cleanup',
  fileSweep: 'file-sweep',
  letters: 'letters',
  notify: 'notify-dispatch',
  reports: 'reports',
} as const;

export function notifySettings(config: Config): NotifySettings {
  return {
    batchSize: config.NOTIFY_BATCH,
    concurrency: config.NOTIFY_CONCURRENCY,
    maxAttempts: config.NOTIFY_MAX_ATTEMPTS,
    backoffBaseMs: config.NOTIFY_BACKOFF_BASE_MS,
    backoffMaxMs: config.NOTIFY_BACKOFF_MAX_MS,
    webhookRetryMs: config.WEBHOOK_RETRY_SCHEDULE,
    maxRunMs: config.OUTBOX_MAX_RUN_MS,
    letterWaitMs: config.NOTIFY_LETTER_WAIT_MS,
  };
}

export function dispatchSettings(config: Config) {
  return {
    batchSize: config.OUTBOX_BATCH,
    concurrency: config.OUTBOX_CONCURRENCY,
    maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
    backoffBaseMs: config.OUTBOX_BACKOFF_BASE_MS,
    backoffMaxMs: config.OUTBOX_BACKOFF_MAX_MS,
    maxRunMs: config.OUTBOX_MAX_RUN_MS,
  };
}

/** The hub's jobs, on the schedules of the configuration. */
export function hubJobs(services: HubServices, connectors: Connectors): JobDefinition[] {
  const { config } = services;
  return [
    outboxDispatchJob(connectors.nationalPortal, dispatchSettings(config), config.JOB_OUTBOX_SCHEDULE),
    verifyIdentityJob(services, connectors.population, config.JOB_VERIFY_IDENTITY_SCHEDULE),
    slaSweepJob(services, config.JOB_SLA_SWEEP_SCHEDULE),
    paymentReconcileJob(services, config.JOB_PAYMENT_RECONCILE_SCHEDULE),
    fileCleanupJob(services, config.JOB_FILE_CLEANUP_SCHEDULE),
    fileSweepJob(services, config.JOB_FILE_SWEEP_SCHEDULE),
    // Without the worker here the job still runs on demand (runJob), never on its schedule.
    lettersJob(services, config.LETTERS_WORKER ? config.JOB_LETTERS_SCHEDULE : null),
    notifyDispatchJob(connectors.notifiers, services.files, notifySettings(config), config.JOB_NOTIFY_SCHEDULE),
    reportsJob(services, config.JOB_REPORTS_SCHEDULE),
    {
      name: JOB_NAMES.catalogueSync,
      schedule: config.JOB_CATALOGUE_SYNC_SCHEDULE,
      run: async ({ em }) => {
        const r = await runCommand({ services, viewer: Viewer.system(JOB_NAMES.catalogueSync), em }, syncCatalogue, {});
        return { created: r.created, updated: r.updated, unchanged: r.unchanged, failed: r.failed };
      },
    },
  ];
}

/**
 * The scheduler for this process. Runs are single across processes through PostgreSQL advisory
 * locks, and kicks reach the processes that run a job, both on one connection of the jobs' own
 * (src/db/job-session.ts); on a one-connection pool (the embedded database serves one process
 * and one connection) an in-process lock is enough and there is nobody to kick.
 */
export function createScheduler(services: HubServices, connectors: Connectors, orm: MikroORM): JobScheduler {
  const poolMax = (orm.config.get('pool') as { max?: number } | undefined)?.max ?? 10;
  const jobs = hubJobs(services, connectors);
  if (poolMax <= 1) return new JobScheduler(jobs, localLock(), services.forkEm, services.log);
  const session = new JobSession(orm.config.get('clientUrl') as string, services.log);
  return new JobScheduler(jobs, advisoryLock(session), services.forkEm, services.log, session);
}
