/**
 * The OpenAPI document (issue "Campaign automation" §1: every route in the OpenAPI document):
 * every route the app serves is documented with its method, and the document is served.
 */
import { Client, Connection } from '@temporalio/client';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { openApiDocument } from '../../src/api/openapi.js';
import { createTurnRateLimiter } from '../../src/api/rate-limit.js';
import { loadConfig } from '../../src/config/env.js';
import { OfflineTextModel } from '../../src/integrations/model/offline/text-model.js';
import { createLogger } from '../../src/observability/logger.js';

// Lazy clients: building the app connects to nothing.
const redis = new Redis({ lazyConnect: true });
const config = loadConfig({ NODE_ENV: 'test', SERVICE_TOKEN: 'openapi-test-token-0123456789' });
const app = createApp({
  config,
  logger: createLogger('test', 'silent'),
  temporal: new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }),
  redis,
  limiter: createTurnRateLimiter(redis, 30),
  model: new OfflineTextModel(),
  health: { probes: {}, readiness: [] },
});

afterAll(() => redis.disconnect());

type Paths = Record<string, Record<string, unknown>>;

describe('OpenAPI document', () => {
  it('documents every route the app serves, with its method', () => {
    const paths = openApiDocument().paths as Paths;
    const served = app.routes.filter((r) => r.method !== 'ALL').map((r) => ({ method: r.method.toLowerCase(), path: r.path.replace(/:(\w+)/g, '{$1}') }));
    expect(served.length).toBeGreaterThan(20);
    const missing = served.filter((r) => !paths[r.path]?.[r.method]).map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
    const documented = Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(documented.sort()).toEqual([...new Set(served.map((r) => `${r.method} ${r.path}`))].sort());
  });

  it('is served at /openapi.json without a token, with every module action\'s parameters', async () => {
    const res = await app.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
    expect(doc.openapi).toBe('3.1.0');
    for (const action of ['create_campaign', 'optimize_budget', 'manage_campaign', 'create_ab_test', 'analyze_ab_test', 'create_rule', 'get_campaign_status']) {
      expect(doc.components.schemas[`Action_${action}`]).toBeDefined();
    }
    expect(doc.components.schemas.ChatRequest!.properties).toHaveProperty('user_id');
  });
});
