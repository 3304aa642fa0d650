/** Assertions on coded errors shared by the tests. */
import { expect } from 'vitest';
import { AppError } from '../../src/domain/errors.js';

/** Awaits a promise that must reject with an AppError, and returns it. */
export async function appError(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}
