/**
 * The Web Platform sandbox: a local stand-in for the Web Platform's MCP tools (credits,
 * conversations, uploads, creatives) with the same behaviour, served in two protocol forms (MCP
 * Streamable HTTP at /mcp, REST at /api/v1/mcp/execute) behind the service token, plus upload and
 * file URLs, control endpoints for tests and a health check. Seed 000 tasks 2.1-2.4, 0.2.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../../domain/errors.js';
import { createLogger, type Logger } from '../../observability/logger.js';
import type { SandboxEnv } from './call-context.js';
import { controlRoutes } from './control-routes.js';
import { createDispatch, errorBody } from './dispatch.js';
import { executeRoutes } from './execute-route.js';
import { Faults } from './faults.js';
import { fileRoutes } from './file-routes.js';
import { mcpRoutes } from './mcp-route.js';
import { openWebPlatformStore, type WebPlatformStore } from './store.js';

/** How to run the sandbox. */
export interface WebPlatformSandboxOptions {
  /** the bearer token every tool and control call must present. */
  serviceToken: string;
  /** balance of users created on first use, in whole credits (default 1000). */
  initialCredits?: number;
  /** PGlite data directory; with neither this nor databaseUrl the data lives in memory. */
  dataDir?: string;
  /** PostgreSQL URL; takes precedence over dataDir. */
  databaseUrl?: string;
  /** base URL used in upload and file URLs (default: the URL the request came to). */
  publicUrl?: string;
  /** defaults to a silent logger. */
  logger?: Logger;
  /** base URL of the ads sandbox; get_ad_accounts hands out its accounts. None: users have no ad account. */
  adsUrl?: string;
}

/** A sandbox that is not listening yet: serve `app.fetch`, or call `app.request()` in tests. */
export interface WebPlatformSandbox {
  app: Hono<SandboxEnv>;
  store: WebPlatformStore;
  /** aborts hanging faults and closes the database. */
  close(): Promise<void>;
}

/** A listening sandbox. */
export interface RunningWebPlatformSandbox {
  /** base URL with the real port, e.g. http://127.0.0.1:41234 */
  url: string;
  /** stops listening, drops open connections and closes the database. */
  close(): Promise<void>;
}

/**
 * Creates the sandbox app and opens its store (creating the schema if needed).
 * @throws whatever the database driver throws when the store cannot be opened
 */
export function createWebPlatformSandbox(opts: WebPlatformSandboxOptions): Promise<WebPlatformSandbox> {
  return buildSandbox(opts, () => opts.publicUrl);
}

/**
 * Creates the sandbox and serves it on `host:port` (port 0 picks a free port). The public URL
 * defaults to the returned url.
 * @throws when the store cannot be opened or the port cannot be bound
 */
export async function startWebPlatformSandbox(
  opts: WebPlatformSandboxOptions & { port: number; host?: string },
): Promise<RunningWebPlatformSandbox> {
  const listening: { url?: string } = {};
  const sandbox = await buildSandbox(opts, () => opts.publicUrl ?? listening.url);
  const host = opts.host ?? '127.0.0.1';
  const server = serve({ fetch: sandbox.app.fetch, port: opts.port, hostname: host }) as Server;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (err) {
    await sandbox.close();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${urlHost(host)}:${port}`;
  listening.url = url;
  return {
    url,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await sandbox.close();
    },
  };
}

async function buildSandbox(opts: WebPlatformSandboxOptions, publicUrl: () => string | undefined): Promise<WebPlatformSandbox> {
  const logger = opts.logger ?? createLogger('web-platform-sandbox', 'silent');
  const store = await openWebPlatformStore({
    initialCredits: opts.initialCredits,
    dataDir: opts.dataDir,
    databaseUrl: opts.databaseUrl,
  });
  const faults = new Faults();
  const closing = new AbortController();
  const dispatch = createDispatch({ store, faults, logger, closing: closing.signal, ...(opts.adsUrl ? { adsUrl: opts.adsUrl } : {}) });

  const unauthorized = { message: { status: 'error', error: errorBody(new AppError('1002')) } };
  const auth = bearerAuth({
    token: opts.serviceToken,
    noAuthenticationHeader: unauthorized,
    invalidAuthenticationHeader: unauthorized,
    invalidToken: unauthorized,
  });

  const app = new Hono<SandboxEnv>();
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.use('/mcp', auth);
  app.use('/api/*', auth);
  app.use('/_control/*', auth);
  app.route('/', mcpRoutes(dispatch, publicUrl));
  app.route('/', executeRoutes(dispatch, publicUrl));
  app.route('/', controlRoutes(store, faults));
  app.route('/', fileRoutes(store));
  app.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    logger.error({ err, path: c.req.path }, 'unhandled error');
    return c.json(errorBody(new AppError('1000')), 500);
  });

  return {
    app,
    store,
    async close() {
      closing.abort();
      await store.close();
    },
  };
}

/** The host to put in a URL: wildcard addresses become loopback; IPv6 gets brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
