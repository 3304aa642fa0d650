/** Clients of the shared services, configured the same way in the API and the worker. */
import { Redis } from 'ioredis';
import type { Config } from '../config/env.js';
import { WebPlatformClient } from '../mcp/web-platform-client.js';

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
