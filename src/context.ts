import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Viewer } from './auth/viewer';
import { Db } from './db/sql';
import { runCommand, type Command } from './commands/command-context';
import type { Config } from './config';
import { createLoaders } from './loaders';
import { createDossierLoaders } from './loaders/dossier.loaders';
import { createLetterLoaders } from './loaders/letter.loaders';
import type { WorkingCalendar } from './domain/working-calendar';
import type { HubPubSub } from './realtime/pubsub';
import type { SubmissionCatalogue } from './queries/submission-catalogue';
import type { Connectors } from './connectors';
import type { IdentityChecker } from './commands/identity-check';
import type { ScorecardFeed } from './realtime/scorecard-feed';
import type { StatisticsFeed } from './realtime/statistics-feed';
import { DEFAULT_LANG, type Lang } from './domain/errors';
import type { FileStore } from './documents/file-store';
import type { LetterRenderer } from './documents/pdf-renderer';
import type { NotificationTemplates } from './outbox/notification-templates';
import type { AccountDirectory } from './auth/accounts';
import { RequestAudit, type AuditTrail } from './auth/audit-trail';

export { systemClock, type Clock } from './domain/clock';
import type { Clock } from './domain/clock';

/** What the hub holds for the whole process. */
export interface HubServices {
  config: Config;
  log: Logger;
  clock: Clock;
  /** A fresh EntityManager (identity map) for one request or job run. */
  forkEm(): EntityManager;
  calendar: WorkingCalendar;
  pubSub: HubPubSub;
  /** Procedures and agencies as submissions need them, cached briefly. */
  submissionCatalogue: SubmissionCatalogue;
  /** Clients of the national portal, the population database and the payment platform. */
  connectors: Connectors;
  /** The population-database check of submitDossier (never throws; PENDING when unanswered). */
  checkIdentity: IdentityChecker;
  /** Call after committing outbox messages (or notifications, webhook deliveries): the dispatchers run soon instead of at their next tick. */
  outboxWritten(): void;
  /** Call after committing letter requests: the letters worker runs soon instead of at its next tick. */
  lettersWritten(): void;
  /** The citizen notification templates (NOTIFY_TEMPLATES_DIR), read at start. */
  notifications: NotificationTemplates;
  /** scorecardUpdated's source: fresh scorecards of watched scopes, at most once a second each. */
  scorecardFeed: ScorecardFeed;
  /** processingStatisticsUpdated's source: the current report month's rows of watched scopes. */
  statisticsFeed: StatisticsFeed;
  /** Runs a job now (admin mutations, tests); undefined when another process runs it. */
  runJob(name: string): Promise<Record<string, number> | undefined>;
  /** Uploaded files' bytes, by sha256 (FILE_STORE_DIR; an interface for other stores). */
  files: FileStore;
  /** Draws letters' PDFs (on worker threads when LETTERS_RENDER_THREADS > 0). */
  letterRenderer: LetterRenderer;
  /** The staff directory and service accounts, looked up per request (cached, dropped on change). */
  accounts: AccountDirectory;
  /** The audit trail's batched writer. */
  audit: AuditTrail;
}

export function createRequestLoaders(db: Db, viewer: Viewer) {
  return { ...createLoaders(db), ...createDossierLoaders(db, viewer), ...createLetterLoaders(db) };
}
export type Loaders = ReturnType<typeof createRequestLoaders>;

/** Per request (or per subscription operation). */
export interface Context {
  viewer: Viewer;
  /** The request's database handle (stores take it; one em.fork() per request). */
  db: Db;
  loaders: Loaders;
  services: HubServices;
  /** The language of the messages this request is answered with (Accept-Language; Vietnamese by default). */
  lang: Lang;
  /** Runs a command as this request's viewer, on its connection; effects after the commit. */
  run<I, O>(command: Command<I, O>, input: I): Promise<O>;
  /** This request's reads of personal data, handed to the audit trail when it ends. */
  audit: RequestAudit;
}

export function createContext(services: HubServices, viewer: Viewer, lang: Lang = DEFAULT_LANG): Context {
  const em = services.forkEm();
  const db = new Db(em);
  return {
    viewer,
    db,
    loaders: createRequestLoaders(db, viewer),
    services,
    lang,
    run: (command, input) => runCommand({ services, viewer, em }, command, input),
    audit: new RequestAudit(),
  };
}
