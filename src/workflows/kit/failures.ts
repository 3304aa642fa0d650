/**
 * Reading activity and child workflow failures inside workflows: activities (and operation
 * workflows) raise ApplicationFailure of type `AppError` whose first detail is the user-facing
 * error (see src/activities/failures.ts).
 */
import { ActivityFailure, ApplicationFailure, ChildWorkflowFailure } from '@temporalio/workflow';
import { errorBody, isErrorCode, type ErrorBody } from '../../domain/errors.js';
import type { Language } from '../../domain/chat/intent.js';

/** The ApplicationFailure type activities use for coded errors. */
export const APP_ERROR_TYPE = 'AppError';

interface CodedDetail {
  code: string;
  message?: string;
  details?: Record<string, unknown>;
}

/** The coded error an activity's or a child workflow's failure carries, or code 1000 for anything else. */
export function errorBodyOf(err: unknown, language: Language): ErrorBody {
  const cause = err instanceof ActivityFailure || err instanceof ChildWorkflowFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure && cause.type === APP_ERROR_TYPE) {
    const d = cause.details?.[0] as CodedDetail | undefined;
    if (d && isErrorCode(d.code)) return errorBody(d.code, language, d.details ?? {}, d.message);
  }
  return errorBody('1000', language, { reason: cause instanceof Error ? cause.message : String(cause) });
}

/** A coded ApplicationFailure raised by workflow code itself (non-retryable). */
export function codedFailure(body: ErrorBody): ApplicationFailure {
  return ApplicationFailure.create({ type: APP_ERROR_TYPE, message: body.message, nonRetryable: true, details: [body] });
}
