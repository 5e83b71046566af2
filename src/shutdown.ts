import type { Logger } from './logger';

/**
 * On SIGTERM or SIGINT: runs `steps` in order once (stop taking requests and finish those in
 * flight, finish running jobs, close the database …), then exits 0; exits 1 if a step fails or
 * the whole takes longer than `forceAfterMs`.
 */
export function installShutdown(log: Logger, steps: () => Promise<void>, forceAfterMs = 25_000): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: no new requests, finishing those in flight and the running jobs');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, forceAfterMs);
    force.unref();
    try {
      await steps();
      log.info('stopped cleanly');
      process.exit(0);
    } catch (e) {
      log.error({ err: e }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
