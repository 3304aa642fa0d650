/** Whether an activity runs its last attempt, for activities that hand back partial results then. */
import { Context } from '@temporalio/activity';
import { ACTIVITY_RETRY } from '../../workflows/kit/retry-policy.js';

/** True on the last attempt the retry policy allows (and outside an activity). */
export function isLastAttempt(): boolean {
  try {
    return Context.current().info.attempt >= ACTIVITY_RETRY.maximumAttempts;
  } catch {
    return true;
  }
}
