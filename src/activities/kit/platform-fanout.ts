/**
 * Calling several ad platforms in one activity: each platform in parallel; a platform that fails
 * with a retryable error (1003 rate limit, 4000 unavailable) fails the attempt so Temporal retries
 * it (what succeeded is cached), except on the last attempt, where the others' results are returned
 * with the failure listed. When every platform fails, the first failure is raised.
 */
import type { ConnectedAccount } from '../../integrations/ads/service.js';
import { AppError } from '../../domain/errors.js';
import type { PlatformFailure } from '../campaign-ops/ads-types.js';
import { isLastAttempt } from './last-attempt.js';

/** What the platforms answered: results of those that succeeded, failures of the others. */
export interface FanoutResult<T> {
  ok: Array<{ connected: ConnectedAccount; value: T }>;
  failures: PlatformFailure[];
}

/**
 * Runs `fn` for each account.
 * @throws the first failure when all failed; a retryable failure before the last attempt
 */
export async function fanOut<T>(accounts: readonly ConnectedAccount[], fn: (c: ConnectedAccount) => Promise<T>): Promise<FanoutResult<T>> {
  const settled = await Promise.allSettled(accounts.map(fn));
  const ok: FanoutResult<T>['ok'] = [];
  const errors: unknown[] = [];
  settled.forEach((s, i) => (s.status === 'fulfilled' ? ok.push({ connected: accounts[i]!, value: s.value }) : errors.push(s.reason)));
  if (errors.length === 0) return { ok, failures: [] };
  if (ok.length === 0) throw errors[0];
  const retryable = errors.find((e) => !(e instanceof AppError) || e.retryable);
  if (retryable && !isLastAttempt()) throw retryable;
  const failures = settled.flatMap((s, i) => {
    if (s.status === 'fulfilled') return [];
    const e = s.reason;
    return [
      {
        platform: accounts[i]!.account.platform,
        code: e instanceof AppError ? e.code : '1000',
        message: e instanceof Error ? e.message : String(e),
      },
    ];
  });
  return { ok, failures };
}
