/**
 * The engine's yardsticks for `npm run bench`: workflows that do nothing but what Temporal itself
 * costs. `emptyWorkflow` returns at once (one workflow task); `tenLocalActivitiesWorkflow` runs ten
 * no-op local activities one after another, the shape a turn of short local steps would have.
 * Bundled by the bench's own worker on the `bench-bare` task queue (bench/lib/bare.ts).
 */
import { proxyLocalActivities } from '@temporalio/workflow';
import type { BareActivities } from '../lib/bare-activities.js';

const { noop } = proxyLocalActivities<BareActivities>({ startToCloseTimeout: '10s' });

/** Returns at once. */
export async function emptyWorkflow(): Promise<void> {}

/** Ten no-op local activities in sequence. */
export async function tenLocalActivitiesWorkflow(): Promise<number> {
  for (let i = 0; i < 10; i++) await noop();
  return 10;
}
