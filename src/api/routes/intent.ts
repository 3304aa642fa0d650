/**
 * POST /api/v1/intent: the plan for a message, without side effects (seed 000 需求 2; task 3.3).
 * When user_id and session_id are given, references resolve against that conversation.
 */
import { Hono } from 'hono';
import type { Config } from '../../config/env.js';
import type { ChatMessage } from '../../domain/chat/conversation.js';
import type { TextModel } from '../../integrations/model/types.js';
import { planMessage } from '../../activities/chat/planner.js';
import { readJson } from '../errors.js';
import type { AppEnv } from '../types.js';
import { IntentRequest } from '../schemas.js';

export interface IntentRouteDeps {
  config: Config;
  model: TextModel;
  /** loads a session's history (read-only); absent: plans without history. */
  loadHistory?: (userId: string, sessionId: string) => Promise<ChatMessage[]>;
}

export function intentRoutes(deps: IntentRouteDeps) {
  const app = new Hono<AppEnv>();
  app.post('/intent', async (c) => {
    const body = await readJson(c, IntentRequest);
    const history =
      body.user_id && body.session_id && deps.loadHistory ? await deps.loadHistory(body.user_id, body.session_id) : [];
    const { plan, resolved, model } = await planMessage(deps.model, {
      message: body.message,
      history,
      creditThreshold: deps.config.CONFIRMATION_CREDIT_THRESHOLD,
    });
    return c.json({ ...plan, resolved_references: resolved, model });
  });
  return app;
}
