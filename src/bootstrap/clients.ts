/** Clients of the shared services, configured the same way in the API and the worker. */
import { Redis } from 'ioredis';
import { createReportClock } from '../integrations/ads/clock.js';
import { AdsService } from '../integrations/ads/service.js';
import type { Config } from '../config/env.js';
import { WebPlatformClient } from '../integrations/mcp/web-platform-client.js';

/** Redis with a bounded per-command retry (ioredis reconnects on its own). */
export function createRedis(config: Config): Redis {
  return new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
}

/** The Web Platform client for a base URL (the configured one, or the dev sandbox's). */
export function createWebPlatformClient(config: Config, baseUrl: string): WebPlatformClient {
  return new WebPlatformClient({
    baseUrl,
    token: config.WEB_PLATFORM_SERVICE_TOKEN,
    transport: config.MCP_TRANSPORT,
    timeoutMs: config.MCP_TIMEOUT_MS,
  });
}

/** The ad platforms: accounts from the Web Platform, adapters per config, insights cached in Redis. */
export function createAdsService(config: Config, redis: Redis, webPlatform: WebPlatformClient): AdsService {
  return new AdsService({
    webPlatform,
    redis,
    adapters: {
      metaApiVersion: config.META_API_VERSION,
      googleAdsApiVersion: config.GOOGLE_ADS_API_VERSION,
      timeoutMs: config.PLATFORM_TIMEOUT_MS,
    },
    cacheTtlSeconds: config.REPORT_CACHE_TTL_SECONDS,
    clock: createReportClock(config.ADS_SANDBOX_URL),
  });
}
