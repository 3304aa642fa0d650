/**
 * Process lifecycle: start, then stop cleanly on SIGINT/SIGTERM; a start-up failure exits 1 with
 * its message logged.
 */
import type { Logger } from '../observability/logger.js';

/**
 * @param start starts the process's parts and returns how to stop them
 */
export async function runUntilSignal(logger: Logger, start: () => Promise<() => Promise<void>>): Promise<void> {
  let stop: () => Promise<void>;
  try {
    stop = await start();
  } catch (err) {
    logger.fatal({ err }, err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
