/**
 * Campaign automation over HTTP (issue "Campaign automation" §1):
 * - POST /api/v1/modules/campaign-automation/execute {action, parameters, context: {user_id, language?}}:
 *   long operations answer 202 with the operation id and its status URL, short ones 200 with the
 *   result; an unknown action is 1001;
 * - GET  /api/v1/operations/:id: the operation's state (the `operationState` query while it runs,
 *   its result or coded error once closed);
 * - POST /api/v1/operations/:id/confirmation {user_id, approved}: answers an operation's pending
 *   confirmation (risky budget optimisation or campaign changes; an A/B test's recommendations).
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { Hono, type Context } from 'hono';
import type { Config } from '../../config/env.js';
import { AppError, errorBody } from '../../domain/errors.js';
import { operationStateQuery } from '../../workflows/kit/operation.js';
import { answerConfirmation } from '../confirmation.js';
import { operationStatusUrl } from '../../domain/campaign-ops/operation-inputs.js';
import { UserId } from '../../domain/search-attributes.js';
import { AUTOMATION_ACTIONS } from '../automation/actions.js';
import { codedErrorOf } from '../../integrations/temporal/coded-error.js';
import { OPERATION_PREFIX, type ActionOutcome } from '../automation/types.js';
import { readJson, requestLanguage, sendError } from '../errors.js';
import type { AppEnv } from '../types.js';
import { ConfirmationRequest, ExecuteRequest } from '../schemas.js';
import { askingUser } from '../ownership.js';

/** Operation workflows that may wait for a confirmation. */
const CONFIRMABLE = new Set(['optimizeBudgetWorkflow', 'manageCampaignWorkflow', 'abTestWorkflow']);

export interface OperationRouteDeps {
  config: Config;
  temporal: Client;
}

/** Runs a module action for a user; validates its parameters. @throws AppError 1001 unknown action or bad parameters */
export async function runAction(c: Context<AppEnv>, deps: OperationRouteDeps, name: string, parameters: unknown, userId: string, language?: 'zh' | 'en') {
  // Own keys only: `__proto__`, `constructor`, `toString`... are unknown actions, not Object's members.
  const action = Object.hasOwn(AUTOMATION_ACTIONS, name) ? AUTOMATION_ACTIONS[name] : undefined;
  if (!action) throw new AppError('1001', `Unknown action: ${name}`, { action: name, actions: Object.keys(AUTOMATION_ACTIONS) });
  const parsed = action.parameters.safeParse(parameters);
  if (!parsed.success) {
    throw new AppError('1001', 'Invalid parameters', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  }
  const idempotencyKey = c.req.header('idempotency-key');
  if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
    throw new AppError('1001', 'Idempotency-Key must be 1 to 255 visible ASCII characters', { header: 'Idempotency-Key' });
  }
  const outcome = await action.run(
    {
      temporal: deps.temporal,
      taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
      userId,
      language: language ?? requestLanguage(c),
      ...(idempotencyKey ? { idempotencyKey } : {}),
    },
    parsed.data,
  );
  c.get('log').info({ action: name, userId, ...(outcome.kind === 'started' ? { operationId: outcome.operationId } : {}) }, 'automation action');
  return outcomeResponse(c, outcome, userId);
}

/** The JSON answer of an action outcome: 202 with the status URL, or 200 with the result. */
function outcomeResponse(c: Context<AppEnv>, outcome: ActionOutcome, userId: string) {
  if (outcome.kind === 'done') return c.json({ status: 'completed', result: outcome.result });
  return c.json({ status: 'started', operation_id: outcome.operationId, status_url: operationStatusUrl(outcome.operationId, userId) }, 202);
}

export function operationRoutes(deps: OperationRouteDeps) {
  const app = new Hono<AppEnv>();
  const handleOf = (id: string) => {
    if (!id.startsWith(OPERATION_PREFIX)) throw new AppError('1004', 'No such operation', { operation_id: id });
    return deps.temporal.workflow.getHandle(id);
  };

  app.post('/modules/campaign-automation/execute', async (c) => {
    const body = await readJson(c, ExecuteRequest);
    return runAction(c, deps, body.action, body.parameters, body.context.user_id, body.context.language);
  });

  app.get('/operations/:id', async (c) => {
    const id = c.req.param('id');
    const handle = handleOf(id);
    const asker = askingUser(c, 'operation');
    try {
      const description = await handle.describe();
      // Another user's operation answers like a missing one: its existence is not revealed.
      if (asker !== description.typedSearchAttributes.get(UserId)) return sendError(c, '1004', { operation_id: id });
      if (description.status.name === 'RUNNING') return c.json({ operation_id: id, ...(await handle.query(operationStateQuery)) });
      try {
        return c.json({ operation_id: id, workflow: description.type, status: 'completed', result: await handle.result() });
      } catch (err) {
        const coded = codedErrorOf(err);
        const error = coded
          ? errorBody(coded.code, requestLanguage(c), coded.details, coded.message)
          : errorBody('1000', requestLanguage(c), { reason: err instanceof Error ? err.message : String(err) });
        return c.json({ operation_id: id, workflow: description.type, status: 'failed', error });
      }
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return sendError(c, '1004', { operation_id: id });
      throw err;
    }
  });

  app.post('/operations/:id/confirmation', async (c) => {
    const id = c.req.param('id');
    const body = await readJson(c, ConfirmationRequest);
    const handle = handleOf(id);
    return answerConfirmation(c, handle, body, { operation_id: id }, '1004', async () => {
      const { type } = await handle.describe();
      return CONFIRMABLE.has(type) ? undefined : sendError(c, '1009', { operation_id: id, reason: 'this operation takes no confirmation' });
    });
  });

  return app;
}
