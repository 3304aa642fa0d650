/**
 * Chat routes (seed 000 tasks 4.3, 4.4; 需求 1.2, 13.1-13.3, 14.5):
 * - POST /api/v1/chat: starts the turn's workflow and streams its events as SSE;
 * - GET  /api/v1/chat/turns/:turnId/events: resumes the stream after Last-Event-ID;
 * - GET  /api/v1/chat/turns/:turnId: the turn's state (a workflow query);
 * - POST /api/v1/chat/turns/:turnId/confirmation: the user's answer (a workflow update).
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  ServiceError,
  isGrpcDeadlineError,
  isGrpcServiceError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Redis } from 'ioredis';
import type { Config } from '../../config/env.js';
import { AppError, errorBody } from '../../domain/errors.js';
import { detectLanguage } from '../../domain/language.js';
import { TurnEventStore } from '../../integrations/redis/turn-event-store.js';
import {
  chatTurnWorkflowId,
  turnStateQuery,
  type ChatTurnInput,
} from '../../workflows/chat/definitions.js';
import { chatTurnWorkflow } from '../../workflows/chat/chat-turn.js';
import { SessionId, TurnStatusAttr, UserId } from '../../domain/search-attributes.js';
import { answerConfirmation } from '../confirmation.js';
import { readJson, sendError } from '../errors.js';
import type { TurnRateLimiter } from '../rate-limit.js';
import type { AppEnv } from '../types.js';
import { ChatRequest, ConfirmationRequest } from '../schemas.js';
import { askingUser } from '../ownership.js';

/** How long one blocking read of the event stream waits before a keep-alive (ms). */
const READ_BLOCK_MS = 5000;

export interface ChatRouteDeps {
  config: Config;
  temporal: Client;
  redis: Redis;
  limiter: TurnRateLimiter;
  /** request eager workflow start (the client shares a NativeConnection with a worker on the task queue). */
  eagerStart?: boolean;
}

export function chatRoutes(deps: ChatRouteDeps) {
  const app = new Hono<AppEnv>();
  const handleOf = (turnId: string) => deps.temporal.workflow.getHandle(chatTurnWorkflowId(turnId));

  app.post('/chat', async (c) => {
    const body = await readJson(c, ChatRequest);
    const message = body.message ?? [...(body.messages ?? [])].reverse().find((m) => m.role === 'user')!.content.trim();
    await deps.limiter.consume(body.user_id);
    const turnId = body.turn_id ?? randomUUID();
    const workflowId = chatTurnWorkflowId(turnId);
    const log = c.get('log').child({ turnId, workflowId, userId: body.user_id, sessionId: body.session_id });
    const input: ChatTurnInput = {
      turnId,
      userId: body.user_id,
      sessionId: body.session_id,
      message,
      requestId: c.get('requestId'),
      confirmationTimeoutSeconds: deps.config.CONFIRMATION_TIMEOUT_SECONDS,
      creditThreshold: deps.config.CONFIRMATION_CREDIT_THRESHOLD,
      rechargeUrl: deps.config.RECHARGE_URL,
      replyWriter: deps.config.GEMINI_API_KEY ? 'model' : 'template',
    };
    let handle: WorkflowHandle;
    try {
      // A new turn: the start answers at once (eagerly, in the same workflow task, when the API
      // shares its connection with a worker). A repeated turn_id fails here and is checked below.
      handle = await startWithin(deps.temporal, () => deps.temporal.workflow.start(chatTurnWorkflow, {
        taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
        workflowId,
        args: [input],
        workflowIdConflictPolicy: 'FAIL',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        requestEagerStart: deps.eagerStart === true,
        memo: { message_sha256: sha256(message) },
        typedSearchAttributes: [
          { key: UserId, value: body.user_id },
          { key: SessionId, value: body.session_id },
          { key: TurnStatusAttr, value: 'planning' },
        ],
      }));
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      handle = handleOf(turnId); // the turn already ran or runs: replay its events, to its own user and message only
      await assertSameTurn(handle, body.user_id, message);
    }
    log.info('chat turn accepted');
    const events = new TurnEventStore(deps.redis);
    await events.publish(turnId, { type: 'turn_started', turn_id: turnId, workflow_id: workflowId }, 'turn_started');
    c.header('X-Turn-Id', turnId);
    return streamTurn(c, deps, turnId, '0', detectLanguage(message));
  });

  app.get('/chat/turns/:turnId/events', async (c) => {
    const turnId = c.req.param('turnId');
    const userId = askingUser(c, 'turn');
    const events = new TurnEventStore(deps.redis);
    if (!(await events.exists(turnId))) return sendError(c, '5001', { turn_id: turnId });
    try {
      // Another user's turn answers like a missing one: its existence is not revealed.
      if ((await ownerOfTurn(handleOf(turnId))) !== userId) return sendError(c, '5001', { turn_id: turnId });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return sendError(c, '5001', { turn_id: turnId });
      throw err;
    }
    const after = c.req.header('last-event-id') ?? c.req.query('last_event_id') ?? '0';
    if (!/^\d+(-\d+)?$/.test(after)) throw new AppError('1001', 'Last-Event-ID must be a stream id', { last_event_id: after });
    return streamTurn(c, deps, turnId, after, 'en');
  });

  app.get('/chat/turns/:turnId', async (c) => {
    const turnId = c.req.param('turnId');
    const userId = askingUser(c, 'turn');
    try {
      const state = await handleOf(turnId).query(turnStateQuery);
      if (userId !== state.user_id) return sendError(c, '5001', { turn_id: turnId });
      return c.json(state);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return sendError(c, '5001', { turn_id: turnId });
      throw err;
    }
  });

  app.post('/chat/turns/:turnId/confirmation', async (c) => {
    const turnId = c.req.param('turnId');
    const body = await readJson(c, ConfirmationRequest);
    return answerConfirmation(c, handleOf(turnId), body, { turn_id: turnId }, '5001');
  });

  return app;
}

/** A turn id reused by another user is a conflict, never a view into their turn. */
/** How long starting a turn may wait for the Temporal server before the request answers 503 (ms). */
const START_DEADLINE_MS = 5000;

/**
 * Runs a Temporal call with a deadline: an unreachable or stalled server answers at once with
 * AppError 4000 (503, Retry-After) instead of blocking for the client's retries.
 * @throws AppError 4000 on a deadline or UNAVAILABLE; other errors as they are
 */
async function startWithin<T>(temporal: Client, call: () => Promise<T>): Promise<T> {
  try {
    return await temporal.withDeadline(Date.now() + START_DEADLINE_MS, call);
  } catch (err) {
    const grpc = err instanceof ServiceError && isGrpcServiceError(err.cause) ? err.cause : isGrpcServiceError(err) ? err : undefined;
    if (isGrpcDeadlineError(err) || isGrpcDeadlineError((err as { cause?: unknown })?.cause) || grpc?.code === GRPC_UNAVAILABLE) {
      throw new AppError('4000', 'The workflow service is unavailable; try again shortly', { service: 'temporal', retry_after_seconds: 5 });
    }
    throw err;
  }
}

/** gRPC status UNAVAILABLE. */
const GRPC_UNAVAILABLE = 14;

/**
 * A repeated turn_id is the same turn only for the same user and message: another user's or
 * another message's reuse is a conflict (409, 1009), never a view into that turn.
 */
async function assertSameTurn(handle: WorkflowHandle, userId: string, message: string): Promise<void> {
  const description = await handle.describe();
  const owner = description.typedSearchAttributes.get(UserId);
  const recorded = (description.memo as { message_sha256?: unknown } | undefined)?.message_sha256;
  if ((owner !== undefined && owner !== userId) || (typeof recorded === 'string' && recorded !== sha256(message))) {
    throw new AppError('1009', 'turn_id is already used by another turn', { turn_id: handle.workflowId });
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The user a turn belongs to (its UserId search attribute).
 * @throws WorkflowNotFoundError for an unknown turn
 */
async function ownerOfTurn(handle: WorkflowHandle): Promise<string | undefined> {
  return (await handle.describe()).typedSearchAttributes.get(UserId);
}

/**
 * Streams the turn's events from the Redis stream after `afterId` until `done`. When the stream
 * stays quiet, sends a keep-alive and checks that the workflow still runs; a workflow that closed
 * without `done` (terminated by an operator) gets a final error and done.
 */
function streamTurn(c: Context<AppEnv>, deps: ChatRouteDeps, turnId: string, afterId: string, language: 'zh' | 'en') {
  const log = c.get('log').child({ turnId });
  return streamSSE(c, async (stream) => {
    const reader = deps.redis.duplicate();
    const events = new TurnEventStore(reader);
    let aborted = false;
    stream.onAbort(() => {
      aborted = true;
    });
    let last = afterId;
    try {
      while (!aborted) {
        const batch = await events.read(turnId, last, READ_BLOCK_MS);
        for (const { id, event } of batch) {
          await stream.writeSSE({ id, data: JSON.stringify(event) });
          last = id;
          if (event.type === 'done') return;
        }
        if (batch.length === 0) {
          await stream.write(': keep-alive\n\n');
          const { status } = await deps.temporal.workflow.getHandle(chatTurnWorkflowId(turnId)).describe();
          if (status.name !== 'RUNNING') {
            // One last read: the done event may have landed after the blocking read returned.
            const tail = await events.read(turnId, last, 1);
            if (tail.some((e) => e.event.type === 'done')) continue;
            const error = errorBody('1000', language, { workflow_status: status.name });
            await stream.writeSSE({ data: JSON.stringify({ type: 'error', error }) });
            await stream.writeSSE({ data: JSON.stringify({ type: 'done', status: 'failed' }) });
            return;
          }
        }
      }
    } catch (err) {
      log.error({ err }, 'event stream failed');
      await stream.writeSSE({ data: JSON.stringify({ type: 'error', error: errorBody('4000', language) }) });
    } finally {
      reader.disconnect();
    }
  });
}
