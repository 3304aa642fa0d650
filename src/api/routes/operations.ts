/**
 * Campaign automation over HTTP (issue "Campaign automation" §1):
 * - POST /api/v1/modules/campaign-automation/execute {action, parameters, context: {user_id, language?}}:
 *   long operations answer 202 with the operation id and its status URL, short ones 200 with the result;
 *   an unknown action is 1001;
 * - GET  /api/v1/operations/:id: the operation's state (the `operationState` query, or its result
 *   or error once closed);
 * - POST /api/v1/operations/:id/confirmation {user_id, approved}: answers a risky budget optimisation.
 */
import { WorkflowFailedError, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Config } from '../../config/env.js';
import { AppError, errorBody, isErrorCode } from '../../domain/errors.js';
import { FORBIDDEN_FAILURE, NOT_PENDING_FAILURE } from '../../workflows/definitions.js';
import { confirmOptimizationUpdate } from '../../workflows/campaigns/optimize-budget-definitions.js';
import { operationStateQuery, type OperationState } from '../../workflows/campaigns/operation.js';
import { UserId } from '../../workflows/search-attributes.js';
import { AUTOMATION_ACTIONS } from '../automation/actions.js';
import { OPERATION_PREFIX, type ActionOutcome } from '../automation/types.js';
import { readJson, requestLanguage, sendError } from '../errors.js';
import type { AppEnv } from '../types.js';

const Id = z.string().trim().min(1).max(128).regex(/^[\w.:@-]+$/, 'letters, digits and _ . : @ - only');

const ExecuteRequest = z.object({
  action: z.string().min(1).max(64),
  parameters: z.record(z.string(), z.unknown()).default({}),
  context: z.object({ user_id: Id, session_id: Id.optional(), language: z.enum(['zh', 'en']).optional() }),
});

const ConfirmationRequest = z.object({ user_id: Id, approved: z.boolean() });

export interface OperationRouteDeps {
  config: Config;
  temporal: Client;
}

/** The JSON answer of an action outcome. */
export function outcomeResponse(c: Context<AppEnv>, outcome: ActionOutcome) {
  if (outcome.kind === 'done') return c.json({ status: 'completed', result: outcome.result });
  return c.json({ status: 'started', operation_id: outcome.operationId, status_url: `/api/v1/operations/${outcome.operationId}` }, 202);
}

export function operationRoutes(deps: OperationRouteDeps) {
  const app = new Hono<AppEnv>();
  const handleOf = (id: string) => {
    if (!id.startsWith(OPERATION_PREFIX)) throw new AppError('1004', 'No such operation', { operation_id: id });
    return deps.temporal.workflow.getHandle(id);
  };

  app.post('/modules/campaign-automation/execute', async (c) => {
    const body = await readJson(c, ExecuteRequest);
    const action = AUTOMATION_ACTIONS[body.action];
    if (!action) throw new AppError('1001', `Unknown action: ${body.action}`, { action: body.action, actions: Object.keys(AUTOMATION_ACTIONS) });
    const parsed = action.parameters.safeParse(body.parameters);
    if (!parsed.success) {
      throw new AppError('1001', 'Invalid parameters', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
    }
    const language = body.context.language ?? requestLanguage(c);
    const outcome = await action.run(
      { temporal: deps.temporal, taskQueue: deps.config.TEMPORAL_TASK_QUEUE, userId: body.context.user_id, language },
      parsed.data,
    );
    c.get('log').info({ action: body.action, userId: body.context.user_id, ...(outcome.kind === 'started' ? { operationId: outcome.operationId } : {}) }, 'automation action');
    return outcomeResponse(c, outcome);
  });

  app.get('/operations/:id', async (c) => {
    const id = c.req.param('id');
    const handle = handleOf(id);
    try {
      const description = await handle.describe();
      const owner = description.typedSearchAttributes.get(UserId);
      const asker = c.req.query('user_id');
      if (asker && owner !== undefined && asker !== owner) return sendError(c, '1004', { operation_id: id });
      if (description.status.name === 'RUNNING') {
        const state = await handle.query(operationStateQuery);
        return c.json({ operation_id: id, ...state });
      }
      try {
        const result = await handle.result();
        return c.json({ operation_id: id, operation: description.type, status: 'completed', result });
      } catch (err) {
        return c.json({ operation_id: id, operation: description.type, status: 'failed', error: failureBody(err, c) });
      }
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return sendError(c, '1004', { operation_id: id });
      throw err;
    }
  });

  app.post('/operations/:id/confirmation', async (c) => {
    const id = c.req.param('id');
    const body = await readJson(c, ConfirmationRequest);
    try {
      const result = await handleOf(id).executeUpdate(confirmOptimizationUpdate, { args: [body] });
      return c.json({ operation_id: id, ...result });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return sendError(c, '1004', { operation_id: id });
      const cause = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
      if (cause instanceof ApplicationFailure && cause.type === FORBIDDEN_FAILURE) return sendError(c, '1006', { operation_id: id });
      if (cause instanceof ApplicationFailure && cause.type === NOT_PENDING_FAILURE) {
        return sendError(c, '1009', { operation_id: id, reason: 'no confirmation is pending' });
      }
      throw err;
    }
  });

  return app;
}

/** The coded error a failed operation carries (its ApplicationFailure of type AppError), else 1000. */
function failureBody(err: unknown, c: Context<AppEnv>): OperationState['error'] {
  const cause = err instanceof WorkflowFailedError ? err.cause : err;
  const app = cause instanceof ApplicationFailure ? cause : cause instanceof Error && cause.cause instanceof ApplicationFailure ? cause.cause : undefined;
  const detail = app?.details?.[0] as { code?: unknown; message?: string; details?: Record<string, unknown> } | undefined;
  if (detail && isErrorCode(detail.code)) return errorBody(detail.code, requestLanguage(c), detail.details ?? {}, detail.message);
  return errorBody('1000', requestLanguage(c), { reason: cause instanceof Error ? cause.message : String(cause) });
}
