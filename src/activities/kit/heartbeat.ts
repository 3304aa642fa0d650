/** Heartbeats for long activities: a lost worker is noticed within the activity's heartbeat timeout. */
import { Context } from '@temporalio/activity';

/**
 * Heartbeats at once and every `intervalMs` while `work` runs.
 * @param intervalMs well under the activity's heartbeat timeout (ms)
 */
export async function withHeartbeat<T>(intervalMs: number, work: () => Promise<T>): Promise<T> {
  const ctx = Context.current();
  ctx.heartbeat();
  const timer = setInterval(() => ctx.heartbeat(), intervalMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
