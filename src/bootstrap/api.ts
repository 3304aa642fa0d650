/**
 * Assembles and serves the HTTP API: Temporal client, Redis, the Web Platform client (health and
 * history for /intent), the text model (for /intent) and the Hono app on PORT.
 */
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import type { AddressInfo } from 'node:net';
import { createApp } from '../api/app.js';
import { createTurnRateLimiter } from '../api/rate-limit.js';
import type { Config } from '../config/env.js';
import { compressHistory } from '../domain/chat/conversation.js';
import type { Logger } from '../observability/logger.js';
import { createRedis, createWebPlatformClient } from './clients.js';
import { buildModels } from './models.js';

export interface RunningApi {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the API.
 * @param webPlatformUrl the Web Platform base URL (config's, or the dev sandbox's)
 * @param port 0 picks a free port
 */
export async function startApi(
  config: Config,
  logger: Logger,
  webPlatformUrl: string,
  port = config.PORT,
  options: {
    /**
     * the NativeConnection of a worker in this process, owned by the caller: chat turns then start
     * eagerly (their first workflow task runs in that worker without a round trip through the task queue).
     */
    workerConnection?: NativeConnection;
  } = {},
): Promise<RunningApi> {
  const connection = options.workerConnection ?? (await Connection.connect({ address: config.TEMPORAL_ADDRESS }));
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const redis = createRedis(config);
  const webPlatform = createWebPlatformClient(config, webPlatformUrl);
  const models = buildModels(config, logger);
  const app = createApp({
    config,
    logger,
    temporal,
    redis,
    limiter: createTurnRateLimiter(redis, config.CHAT_RATE_LIMIT_PER_MINUTE),
    eagerStart: options.workerConnection !== undefined,
    model: models.text,
    loadHistory: async (userId, sessionId) =>
      compressHistory((await webPlatform.getConversationHistory({ user_id: userId, session_id: sessionId, limit: 400 })).messages),
    health: {
      probes: {
        temporal: async () => {
          await connection.healthService.check({});
          return { namespace: config.TEMPORAL_NAMESPACE };
        },
        redis: async () => {
          await redis.ping();
        },
        web_platform: async () => {
          await webPlatform.ping();
          return { transport: config.MCP_TRANSPORT };
        },
        model: async () => ({ mode: models.mode, text: models.text.name, image: models.image.name }),
      },
      readiness: ['temporal', 'redis'],
    },
  });
  const server = serve({ fetch: app.fetch, port, hostname: config.HOST });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const actual = (server.address() as AddressInfo).port;
  logger.info({ port: actual }, 'API listening');
  return {
    url: `http://127.0.0.1:${actual}`,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await closed;
      await webPlatform.close();
      redis.disconnect();
      if (!options.workerConnection) await connection.close();
    },
  };
}
