/**
 * The HTTP side of the confirmation gate (seed 000 需求 14.5): sends the user's answer as the one
 * `confirm` update of any workflow (chat turn, campaign operation, A/B test) and maps the gate's
 * refusals to the seed's codes: another user → 403 (1006), nothing pending → 409 (1009), no such
 * workflow → 404 (`notFoundCode`, 5001 for turns, 1004 for operations).
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Context } from 'hono';
import type { ErrorCode } from '../domain/errors.js';
import { confirmUpdate, FORBIDDEN_FAILURE, NOT_PENDING_FAILURE, type ConfirmationDecision } from '../workflows/kit/confirmation.js';
import { sendError } from './errors.js';
import type { AppEnv } from './types.js';

/**
 * Answers a pending confirmation and responds `{...ids, accepted, approved}`.
 * @param ids the identifiers echoed in the response and the error details (e.g. `{turn_id}`)
 * @param before checks to run before the update (e.g. that the workflow takes confirmations); a Response stops
 */
export async function answerConfirmation(
  c: Context<AppEnv>,
  handle: WorkflowHandle,
  decision: ConfirmationDecision,
  ids: Record<string, string>,
  notFoundCode: ErrorCode,
  before?: () => Promise<Response | undefined>,
): Promise<Response> {
  try {
    const stop = await before?.();
    if (stop) return stop;
    const result = await handle.executeUpdate(confirmUpdate, { args: [decision] });
    c.get('log').info({ ...ids, userId: decision.user_id, approved: decision.approved }, 'confirmation recorded');
    return c.json({ ...ids, ...result });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return sendError(c, notFoundCode, ids);
    const cause = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.type === FORBIDDEN_FAILURE) return sendError(c, '1006', ids);
    if (cause instanceof ApplicationFailure && cause.type === NOT_PENDING_FAILURE) return sendError(c, '1009', { ...ids, reason: 'no confirmation is pending' });
    throw err;
  }
}
