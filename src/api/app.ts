/**
 * The Hono application: middleware (request ids, security headers, body limit, structured request
 * logs, Bearer service token on /api/*) and the routes. Built from its dependencies so tests run it
 * in-process against real services.
 */
import { timingSafeEqual } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { Logger } from '../observability/logger.js';
import { errorBody } from '../domain/errors.js';
import { requestLanguage, sendError, toErrorResponse } from './errors.js';
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

/**
 * `Authorization: Bearer <SERVICE_TOKEN>` on every /api route (compared in constant time). No
 * header, another scheme (Basic), an empty or wrong token: 401 with code 1002 and a
 * `WWW-Authenticate: Bearer` challenge (RFC 6750), never 400.
 */
function serviceTokenAuth(token: string): MiddlewareHandler<AppEnv> {
  const expected = Buffer.from(token);
  return async (c, next) => {
    const header = c.req.header('authorization');
    const given = header === undefined ? undefined : /^Bearer +(\S+) *$/i.exec(header)?.[1];
    const actual = Buffer.from(given ?? '');
    if (given === undefined || actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
      c.header('WWW-Authenticate', `Bearer realm="ad-orchestrator"${header === undefined ? '' : ', error="invalid_token"'}`);
      return sendError(c, '1002', {}, header === undefined ? 'missing token' : given === undefined ? 'the Authorization header must be "Bearer <token>"' : 'invalid token');
    }
    await next();
  };
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
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      // 413 Payload Too Large, with the validation code and the limit
      onError: (c) => c.json({ error: errorBody('1001', requestLanguage(c), { max_bytes: MAX_BODY_BYTES }, 'Request body too large') }, 413),
    }),
  );
  app.use('/api/*', serviceTokenAuth(deps.config.SERVICE_TOKEN));

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
