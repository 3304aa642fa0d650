/**
 * REST routes of the campaign automation module that read naturally (issue "Campaign automation"
 * §1). Each runs the same module action as `POST /modules/campaign-automation/execute`; bodies
 * carry `user_id` (and optionally `language`) beside the action's parameters.
 * - POST /campaigns · POST /campaigns/:id/optimize · POST /campaigns/:id/manage · GET /campaigns/:id/status
 * - POST /ab-tests · POST /ab-tests/:id/analyze
 * - POST /rules · GET /rules · GET /rules/:id · PUT /rules/:id · POST /rules/:id/pause ·
 *   POST /rules/:id/resume · POST /rules/:id/trigger · DELETE /rules/:id · GET /rules/:id/log
 */
import type { Client } from '@temporalio/client';
import { Hono, type Context } from 'hono';
import type { Redis } from 'ioredis';
import type { Config } from '../../config/env.js';
import { AppError } from '../../domain/errors.js';
import { deleteRule, getRule, listRules, pauseRule, resumeRule, ruleLog, triggerRule, updateRule } from '../../integrations/temporal/rule-schedules.js';
import { readJson } from '../errors.js';
import type { AppEnv } from '../types.js';
import { runAction } from './operations.js';
import { Id, UserBody } from '../schemas.js';


export interface CampaignRouteDeps {
  config: Config;
  temporal: Client;
  redis: Redis;
}

/** The asking user of a GET or DELETE (query `user_id`). @throws AppError 1001 when missing */
function askingUser(c: Context<AppEnv>): string {
  const parsed = Id.safeParse(c.req.query('user_id'));
  if (!parsed.success) throw new AppError('1001', 'user_id is required', { field: 'user_id' });
  return parsed.data;
}

/** Splits a body into its user, language and the action's parameters. */
async function split(c: Context<AppEnv>) {
  const { user_id, language, ...parameters } = await readJson(c, UserBody);
  return { userId: user_id, language, parameters };
}

export function campaignRoutes(deps: CampaignRouteDeps) {
  const app = new Hono<AppEnv>();
  const run = async (c: Context<AppEnv>, action: string, extra: Record<string, unknown> = {}) => {
    const { userId, language, parameters } = await split(c);
    return runAction(c, deps, action, { ...parameters, ...extra }, userId, language);
  };

  app.post('/campaigns', (c) => run(c, 'create_campaign'));
  app.post('/campaigns/:id/optimize', (c) => run(c, 'optimize_budget', { campaign_id: c.req.param('id') }));
  app.post('/campaigns/:id/manage', (c) => run(c, 'manage_campaign', { targets: [c.req.param('id')] }));
  app.get('/campaigns/:id/status', (c) => {
    const q = c.req.query();
    return runAction(
      c,
      deps,
      'get_campaign_status',
      {
        platform: q.platform,
        campaign_id: c.req.param('id'),
        ...(q.days ? { days: Number(q.days) } : {}),
        ...(q.refresh ? { refresh: q.refresh === 'true' } : {}),
      },
      askingUser(c),
    );
  });

  app.post('/ab-tests', (c) => run(c, 'create_ab_test'));
  app.post('/ab-tests/:id/analyze', (c) => run(c, 'analyze_ab_test', { test_id: c.req.param('id') }));

  app.post('/rules', (c) => run(c, 'create_rule'));
  app.get('/rules', async (c) => c.json({ rules: await listRules(deps.temporal, askingUser(c)) }));
  app.get('/rules/:id', async (c) => c.json(await getRule(deps.temporal, askingUser(c), c.req.param('id'))));
  app.put('/rules/:id', async (c) => {
    const { userId, language, parameters } = await split(c);
    return c.json(await updateRule(deps.temporal, { userId, ruleId: c.req.param('id'), rule: parameters.rule as never, ...(language ? { language } : {}) }));
  });
  app.post('/rules/:id/pause', async (c) => {
    const { userId, parameters } = await split(c);
    const note = typeof parameters.note === 'string' ? parameters.note : undefined;
    return c.json(await pauseRule(deps.temporal, userId, c.req.param('id'), note));
  });
  app.post('/rules/:id/resume', async (c) => c.json(await resumeRule(deps.temporal, (await split(c)).userId, c.req.param('id'))));
  app.post('/rules/:id/trigger', async (c) => {
    await triggerRule(deps.temporal, (await split(c)).userId, c.req.param('id'));
    return c.json({ rule_id: c.req.param('id'), triggered: true }, 202);
  });
  app.delete('/rules/:id', async (c) => c.json(await deleteRule(deps.temporal, askingUser(c), c.req.param('id'))));
  app.get('/rules/:id/log', async (c) => {
    const userId = askingUser(c);
    const ruleId = c.req.param('id');
    await getRule(deps.temporal, userId, ruleId); // 1004 for another user's rule
    const limit = Math.min(500, Math.max(1, Number(c.req.query('limit') ?? 50) || 50));
    return c.json({ rule_id: ruleId, entries: await ruleLog(deps.redis, ruleId, limit) });
  });

  return app;
}
