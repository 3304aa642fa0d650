/**
 * The ads sandbox's HTTP server: one Hono app emulating Meta's Graph API under `/meta`, TikTok's
 * Business API under `/tiktok` and Google Ads REST under `/google` over one shared world, plus the
 * control API under `/_control` and `GET /health`. The facades check tokens and apply injected
 * faults themselves. See README.md.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../../domain/errors.js';
import { createLogger, type Logger } from '../../observability/logger.js';
import { adsControlRoutes } from './control-routes.js';
import { googleRoutes } from './google/routes.js';
import { metaRoutes } from './meta/routes.js';
import { tiktokRoutes } from './tiktok/routes.js';
import { createAdsWorld } from './world.js';
import type { AdsWorld } from './world-api.js';

/** How to run the ads sandbox. */
export interface AdsSandboxOptions {
  /** port to listen on; 0 (default) picks a free port. */
  port?: number;
  /** interface to bind (default 127.0.0.1). */
  host?: string;
  /** the clock's start, ISO date (default today's UTC date). */
  today?: string;
  /** defaults to a silent logger. */
  logger?: Logger;
}

/** A listening ads sandbox. */
export interface RunningAdsSandbox {
  /** base URL with the real port, e.g. http://127.0.0.1:41234 */
  url: string;
  /** the world it serves (tests may drive it directly). */
  world: AdsWorld;
  /** stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * The sandbox app over `world`: /meta, /tiktok, /google (the facades), /_control and GET /health
 * → {status: 'ok', today}. Unhandled errors answer 500 `{error: {code, message}}` and are logged.
 */
export function createAdsSandboxApp(world: AdsWorld, logger: Logger = createLogger('ads-sandbox', 'silent')): Hono {
  const app = new Hono();
  app.get('/health', (c) => c.json({ status: 'ok', today: world.today() }));
  app.route('/meta', metaRoutes(world));
  app.route('/tiktok', tiktokRoutes(world));
  app.route('/google', googleRoutes(world));
  app.route('/_control', adsControlRoutes(world));
  app.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    if (err instanceof AppError) return c.json({ error: { code: err.code, message: err.message, details: err.details } }, err.httpStatus as 400);
    logger.error({ err, path: c.req.path }, 'unhandled error');
    return c.json({ error: { code: '1000', message: 'internal error' } }, 500);
  });
  return app;
}

/**
 * Creates a world and serves the sandbox on `host:port`.
 * @throws AppError 1001 for a malformed `today`; the listen error when the port cannot be bound
 */
export async function startAdsSandbox(opts: AdsSandboxOptions = {}): Promise<RunningAdsSandbox> {
  const logger = opts.logger ?? createLogger('ads-sandbox', 'silent');
  const world = createAdsWorld(opts.today !== undefined ? { today: opts.today } : {});
  const app = createAdsSandboxApp(world, logger);
  const host = opts.host ?? '127.0.0.1';
  const server = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname: host }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${urlHost(host)}:${port}`,
    world,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** The host to put in a URL: wildcard addresses become loopback; IPv6 gets brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
