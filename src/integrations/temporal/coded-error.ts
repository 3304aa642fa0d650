/** Coded errors out of Temporal client failures (a failed operation workflow, a rejected update). */
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { AppError, isErrorCode } from '../../domain/errors.js';

/**
 * The AppError an operation workflow failed with (its ApplicationFailure of type AppError carries
 * `{code, message, details}`), or undefined when the failure carries no code.
 */
export function codedErrorOf(err: unknown): AppError | undefined {
  let cause: unknown = err instanceof WorkflowFailedError ? err.cause : err;
  // An activity's or child's failure wraps the ApplicationFailure once more.
  if (!(cause instanceof ApplicationFailure) && cause instanceof Error && cause.cause instanceof ApplicationFailure) cause = cause.cause;
  if (!(cause instanceof ApplicationFailure)) return undefined;
  const detail = cause.details?.[0] as { code?: unknown; message?: string; details?: Record<string, unknown> } | undefined;
  return detail && isErrorCode(detail.code) ? new AppError(detail.code, detail.message, detail.details ?? {}) : undefined;
}
