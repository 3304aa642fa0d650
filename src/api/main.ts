/**
 * Production entry point of the API process (`npm run start:api`): configured services only.
 */
import { startApi } from '../bootstrap/api.js';
import { loadConfig } from '../config/env.js';
import { createLogger } from '../observability/logger.js';
import { runUntilSignal } from '../bootstrap/process.js';

const config = loadConfig();
const logger = createLogger('api', config.LOG_LEVEL);
await runUntilSignal(logger, async () => {
  if (!config.TEMPORAL_ADDRESS || !config.WEB_PLATFORM_URL) {
    throw new Error('TEMPORAL_ADDRESS and WEB_PLATFORM_URL must be set (use `npm run dev` for the embedded defaults)');
  }
  const api = await startApi(config, logger, config.WEB_PLATFORM_URL);
  return () => api.close();
});
