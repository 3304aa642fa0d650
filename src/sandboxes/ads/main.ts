/**
 * Runs the ads sandbox standalone (`npm run start:ads-sandbox`) on ADS_SANDBOX_HOST:ADS_SANDBOX_PORT
 * (default 127.0.0.1:3200), optionally starting its clock at ADS_SANDBOX_TODAY (YYYY-MM-DD).
 * Logs its URL; stops on SIGINT/SIGTERM.
 */
import { loadConfig } from '../../config/env.js';
import { createLogger } from '../../observability/logger.js';
import { startAdsSandbox } from './server.js';

const config = loadConfig();
const logger = createLogger('ads-sandbox', config.LOG_LEVEL);

const sandbox = await startAdsSandbox({
  port: config.ADS_SANDBOX_PORT,
  host: config.ADS_SANDBOX_HOST,
  ...(config.ADS_SANDBOX_TODAY ? { today: config.ADS_SANDBOX_TODAY } : {}),
  logger,
});
logger.info({ url: sandbox.url, today: sandbox.world.today() }, 'ads sandbox listening');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'ads sandbox stopping');
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'ads sandbox failed to stop cleanly');
        process.exit(1);
      },
    );
  });
}
