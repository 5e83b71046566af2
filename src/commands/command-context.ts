import type { EntityManager } from '@mikro-orm/postgresql';
import { Db } from '../db/sql';
import type { Viewer } from '../auth/viewer';
import type { HubServices } from '../context';
import type { WorkingCalendar } from '../domain/working-calendar';

/** Something to do once the command's change is committed: publish, kick the outbox, clear a cache. */
export type Effect = () => void | Promise<unknown>;

/**
 * What every command gets: `(ctx, input) → result`. The command authorizes on its first line,
 * lets a domain rule decide, writes through a store on `ctx.db` (its change, log line and
 * outbox message together), and registers what must follow the commit on `ctx.afterCommit`.
 */
export interface CommandContext {
  /** The request's (or job run's) database handle; `db.transaction` when a command needs one. */
  readonly db: Db;
  readonly viewer: Viewer;
  /** The instant the command runs at (the hub's clock, which tests move). */
  readonly now: Date;
  readonly calendar: WorkingCalendar;
  /** Connectors, configuration, log, pub/sub (for the effects). */
  readonly services: HubServices;
  afterCommit(effect: Effect): void;
}

export type Command<I, O> = (ctx: CommandContext, input: I) => Promise<O>;

/**
 * The one runner: builds the context, runs the command, then its effects in order once it has
 * returned (its writes are committed by then: a command's statements run in autocommit or in a
 * transaction it closed itself). A failing effect is logged and never fails the command: the
 * change is already made.
 */
export async function runCommand<I, O>(
  env: { services: HubServices; viewer: Viewer; em?: EntityManager; now?: Date },
  command: Command<I, O>,
  input: I,
): Promise<O> {
  const effects: Effect[] = [];
  const { services } = env;
  const ctx: CommandContext = {
    db: new Db(env.em ?? services.forkEm()),
    viewer: env.viewer,
    now: env.now ?? services.clock.now(),
    calendar: services.calendar,
    services,
    afterCommit: (effect) => void effects.push(effect),
  };
  const result = await command(ctx, input);
  for (const effect of effects) {
    try {
      await effect();
    } catch (e) {
      services.log.error({ err: e, command: command.name }, 'an effect after a committed command failed');
    }
  }
  return result;
}
