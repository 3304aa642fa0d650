/**
 * The Hono application: middleware (request ids, security headers, body limit, structured request
 * logs, Bearer service token on /api/*) and the routes. Built from its dependencies so tests run it
 * in-process against real services.
 */
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { Logger } from '../observability/logger.js';
import { sendError, toErrorResponse } from './errors.js';
import { openApiDocument } from './openapi.js';
import { campaignRoutes } from './routes/campaigns.js';
import { chatRoutes, type ChatRouteDeps } from './routes/chat.js';
import { healthRoutes, type HealthDeps } from './routes/health.js';
import { intentRoutes, type IntentRouteDeps } from './routes/intent.js';
import { operationRoutes } from './routes/operations.js';
import type { AppEnv } from './types.js';

/** Largest request body accepted (bytes). */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface ApiDeps extends ChatRouteDeps, IntentRouteDeps {
  logger: Logger;
  health: HealthDeps;
}

export function createApp(deps: ApiDeps) {
  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.use(secureHeaders());
  app.use(async (c, next) => {
    const log = deps.logger.child({ requestId: c.get('requestId') });
    c.set('log', log);
    const start = performance.now();
    await next();
    log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - start) }, 'request');
  });
  app.use(
    '/api/*',
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => sendError(c, '1001', { max_bytes: MAX_BODY_BYTES }, 'Request body too large') }),
  );
  app.use('/api/*', bearerAuth({ token: deps.config.SERVICE_TOKEN, noAuthenticationHeader: { message: 'missing token' } }));

  app.route('/', healthRoutes(deps.health));
  const openApi = openApiDocument();
  app.get('/openapi.json', (c) => c.json(openApi));
  app.route('/api/v1', chatRoutes(deps));
  app.route('/api/v1', intentRoutes(deps));
  app.route('/api/v1', operationRoutes(deps));
  app.route('/api/v1', campaignRoutes(deps));

  app.notFound((c) => sendError(c, '1004', { path: c.req.path }));
  app.onError((err, c) => toErrorResponse(err, c, (e) => c.get('log')?.error({ err: e }, 'unhandled error')));
  return app;
}
