/**
 * `npm run dev`: the whole system on embedded defaults in one process tree.
 * - Temporal dev server from the Temporal CLI (SQLite under DATA_DIR, Web UI on TEMPORAL_UI_PORT),
 *   unless TEMPORAL_ADDRESS is set;
 * - Redis from REDIS_URL (started from redis-server when nothing answers locally);
 * - the Web Platform sandbox and the ads sandbox (Meta, TikTok, Google Ads) whose accounts it hands
 *   out, unless WEB_PLATFORM_URL is set (the real Web Platform hands out real ad accounts);
 * - the worker and the API on PORT.
 * Prints the URLs; Ctrl-C stops everything it started.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startApi } from '../bootstrap/api.js';
import { runUntilSignal } from '../bootstrap/process.js';
import { NativeConnection } from '@temporalio/worker';
import { startWorker } from '../bootstrap/worker.js';
import { DEV_SERVICE_TOKEN, loadConfig } from '../config/env.js';
import { createLogger } from '../observability/logger.js';
import { startAdsSandbox } from '../sandboxes/ads/server.js';
import { startWebPlatformSandbox } from '../sandboxes/web-platform/server.js';
import { installTemporalRuntime } from '../worker/temporal-runtime.js';
import { ensureRedis } from './redis.js';
import { findTemporalCli, startDevServer } from './temporal.js';

const config = loadConfig({ NODE_ENV: 'development', ...process.env });
const logger = createLogger('dev', config.LOG_LEVEL);
const say = (msg: string) => console.log(msg);

await runUntilSignal(logger, async () => {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((err) => logger.error({ err }, 'stop failed'));
  };
  try {
    const dataDir = resolve(config.DATA_DIR);
    mkdirSync(dataDir, { recursive: true });
    installTemporalRuntime(logger, { verbose: config.TEMPORAL_VERBOSE, metricsPort: config.WORKER_METRICS_PORT });

    const redis = await ensureRedis(config.REDIS_URL, say);
    stops.push(redis.stop);

    let temporalAddress = config.TEMPORAL_ADDRESS;
    let uiUrl = config.TEMPORAL_UI_URL;
    if (!temporalAddress) {
      const executable = findTemporalCli(config.TEMPORAL_CLI_PATH, say);
      const server = await startDevServer({
        executable,
        namespace: config.TEMPORAL_NAMESPACE,
        port: config.TEMPORAL_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        dbFilename: resolve(dataDir, 'temporal.sqlite'),
      });
      stops.push(server.stop);
      temporalAddress = server.address;
      uiUrl = server.uiUrl;
    }

    let webPlatformUrl = config.WEB_PLATFORM_URL;
    let adsSandboxUrl = config.ADS_SANDBOX_URL;
    if (!webPlatformUrl) {
      if (!adsSandboxUrl) {
        const ads = await startAdsSandbox({ port: config.ADS_SANDBOX_PORT, logger: logger.child({ component: 'ads-sandbox' }) });
        stops.push(ads.close);
        adsSandboxUrl = ads.url;
      }
      const sandbox = await startWebPlatformSandbox({
        port: config.SANDBOX_PORT,
        serviceToken: config.WEB_PLATFORM_SERVICE_TOKEN,
        initialCredits: config.SANDBOX_INITIAL_CREDITS,
        dataDir: resolve(dataDir, 'web-platform', 'pg'),
        ...(config.SANDBOX_DATABASE_URL ? { databaseUrl: config.SANDBOX_DATABASE_URL } : {}),
        ...(config.SANDBOX_PUBLIC_URL ? { publicUrl: config.SANDBOX_PUBLIC_URL } : {}),
        logger: logger.child({ component: 'web-platform-sandbox' }),
        adsUrl: adsSandboxUrl,
      });
      stops.push(sandbox.close);
      webPlatformUrl = sandbox.url;
    }

    const running = { ...config, TEMPORAL_ADDRESS: temporalAddress, ADS_SANDBOX_URL: adsSandboxUrl };
    // One connection for the worker and the API: chat turns start eagerly (issue 8).
    const connection = await NativeConnection.connect({ address: temporalAddress });
    stops.push(() => connection.close());
    const worker = await startWorker(running, logger.child({ component: 'worker' }), webPlatformUrl, { connection });
    stops.push(worker.shutdown);
    const api = await startApi(running, logger.child({ component: 'api' }), webPlatformUrl, running.PORT, { workerConnection: connection });
    stops.push(api.close);

    say('');
    say('Ad orchestrator is running:');
    say(`  API                    ${api.url}   (health: ${api.url}/health)`);
    say(`  Temporal Web UI        ${uiUrl ?? '(external server: see your Temporal UI)'}`);
    say(`  Temporal frontend      ${temporalAddress}`);
    say(`  Web Platform sandbox   ${webPlatformUrl}${config.WEB_PLATFORM_URL ? ' (configured)' : ''}`);
    if (adsSandboxUrl) say(`  Ads sandbox            ${adsSandboxUrl}   (Meta /meta, TikTok /tiktok, Google Ads /google, control /_control)`);
    say(`  Redis                  ${config.REDIS_URL}${redis.started ? ' (started here)' : ''}`);
    say(`  Models                 ${config.GEMINI_API_KEY ? 'Gemini' : 'offline (set GEMINI_API_KEY for Gemini)'}`);
    if (!process.env.SERVICE_TOKEN) say(`  Service token          ${DEV_SERVICE_TOKEN}   (dev default; set SERVICE_TOKEN)`);
    say('');
    say(`Try: curl -N -H "Authorization: Bearer <token>" -H "Content-Type: application/json" \\`);
    say(`       -d '{"user_id":"demo","session_id":"s1","message":"帮我生成 3 张广告图片，产品是无线降噪耳机"}' ${api.url}/api/v1/chat`);
    say('Ctrl-C stops everything.');
    return stopAll;
  } catch (err) {
    await stopAll();
    throw err;
  }
});
