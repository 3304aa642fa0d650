/**
 * Runs the Web Platform sandbox standalone (`npm run start:web-platform-sandbox`), configured by
 * SANDBOX_PORT, SANDBOX_INITIAL_CREDITS, SANDBOX_DATABASE_URL (else PGlite under DATA_DIR),
 * SANDBOX_PUBLIC_URL, SANDBOX_HOST, SERVICE_TOKEN and ADS_SANDBOX_URL (the ads sandbox whose
 * accounts get_ad_accounts hands out). Stops on SIGINT/SIGTERM.
 */
import { join } from 'node:path';
import { loadConfig } from '../../config/env.js';
import { createLogger } from '../../observability/logger.js';
import { startWebPlatformSandbox } from './server.js';

const config = loadConfig();
const logger = createLogger('web-platform-sandbox', config.LOG_LEVEL);

const sandbox = await startWebPlatformSandbox({
  serviceToken: config.SERVICE_TOKEN,
  initialCredits: config.SANDBOX_INITIAL_CREDITS,
  databaseUrl: config.SANDBOX_DATABASE_URL,
  dataDir: join(config.DATA_DIR, 'web-platform', 'pg'),
  publicUrl: config.SANDBOX_PUBLIC_URL,
  port: config.SANDBOX_PORT,
  host: config.SANDBOX_HOST,
  ...(config.ADS_SANDBOX_URL ? { adsUrl: config.ADS_SANDBOX_URL } : {}),
  logger,
});
logger.info(
  { url: sandbox.url, storage: config.SANDBOX_DATABASE_URL ? 'postgres' : 'pglite' },
  'web platform sandbox listening',
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'web platform sandbox stopping');
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'web platform sandbox failed to stop cleanly');
        process.exit(1);
      },
    );
  });
}
