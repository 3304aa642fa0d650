/**
 * Turns coded errors into Temporal failures: an AppError becomes an ApplicationFailure of type
 * `AppError` carrying `{code, message, details}`, non-retryable unless its code is retryable
 * (rate limits, timeouts, unavailable services), so the activity retry policy retries only what
 * can succeed later.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { AppError } from '../../domain/errors.js';

/** The ApplicationFailure type for coded errors (read by src/workflows/failures.ts). */
export const APP_ERROR_TYPE = 'AppError';

/** Converts an AppError into an ApplicationFailure; anything else is returned unchanged. */
export function toFailure(err: unknown): unknown {
  if (!(err instanceof AppError)) return err;
  return ApplicationFailure.create({
    type: APP_ERROR_TYPE,
    message: `${err.code}: ${err.message}`,
    nonRetryable: !err.retryable,
    details: [{ code: err.code, message: err.message, details: err.details }],
  });
}

/**
 * Wraps every function of an activities object so that coded errors leave it as
 * ApplicationFailures.
 */
export function withCodedFailures<T extends object>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] =
      typeof fn === 'function'
        ? async (...args: unknown[]) => {
            try {
              return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
            } catch (err) {
              throw toFailure(err);
            }
          }
        : fn;
  }
  return wrapped as T;
}
