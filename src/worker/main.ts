/**
 * Production entry point of the worker process (`npm run start:worker`): configured services only.
 */
import { startWorker } from '../bootstrap/worker.js';
import { loadConfig } from '../config/env.js';
import { createLogger } from '../observability/logger.js';
import { runUntilSignal } from '../bootstrap/process.js';

const config = loadConfig();
const logger = createLogger('worker', config.LOG_LEVEL);
await runUntilSignal(logger, async () => {
  if (!config.TEMPORAL_ADDRESS || !config.WEB_PLATFORM_URL) {
    throw new Error('TEMPORAL_ADDRESS and WEB_PLATFORM_URL must be set (use `npm run dev` for the embedded defaults)');
  }
  const worker = await startWorker(config, logger, config.WEB_PLATFORM_URL);
  return () => worker.shutdown();
});
