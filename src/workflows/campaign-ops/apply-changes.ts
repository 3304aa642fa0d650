/**
 * Applies planned campaign changes inside a workflow (issue "Ad platforms" §4, "Campaign
 * automation" §3): one platform call per object (at most 4 at a time), then the change is recorded
 * in the Web Platform. Each object succeeds or fails on its own; a record that cannot be written is
 * logged and flagged, the platform change stands.
 */
import { log, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { AdsActivities, AppliedChange } from '../../activities/campaign-ops/ads-types.js';
import type { PlannedChange } from '../../domain/campaign-ops/changes.js';
import type { Language } from '../../domain/chat/intent.js';
import { PLATFORM_MUTATION, SHORT_IO } from '../kit/activity-options.js';
import { settleWithLimit } from '../kit/concurrency.js';
import { errorBodyOf } from '../kit/failures.js';

/** Ad-platform changes: regular activities with heartbeats. */
const platformWrites = proxyActivities<Pick<AdsActivities, 'applyCampaignChange'>>(PLATFORM_MUTATION);
/** The Web Platform's record of a change (MCP update_campaign, idempotent per key): short I/O. */
const changeRecords = proxyLocalActivities<Pick<AdsActivities, 'recordCampaignChange'>>(SHORT_IO);

/** Platform calls in flight at once. */
const CHANGE_CONCURRENCY = 4;

/** One object's outcome, as replies, events and operation results show it. */
export type ChangeOutcome =
  | (AppliedChange & { outcome: 'succeeded'; recorded: boolean })
  | (PlannedChange & { outcome: 'failed'; error: { code: string; message: string } });

/**
 * @param operationId prefix of the records' idempotency keys (`${operationId}:${platform}:${id}`)
 * @returns the outcomes in the changes' order, and the first failure's reason (to rethrow when all failed)
 */
export async function applyChanges(
  userId: string,
  operationId: string,
  language: Language,
  changes: readonly PlannedChange[],
): Promise<{ outcomes: ChangeOutcome[]; failed: number; firstFailure?: unknown }> {
  const settled = await settleWithLimit(changes, CHANGE_CONCURRENCY, async (change): Promise<ChangeOutcome> => {
    const applied = await platformWrites.applyCampaignChange({ userId, change });
    let recorded = true;
    try {
      await changeRecords.recordCampaignChange({ userId, change: applied, operationId: `${operationId}:${change.platform}:${change.id}` });
    } catch (err) {
      recorded = false;
      log.warn('recording a campaign change failed', { objectId: change.id, error: err instanceof Error ? err.message : String(err) });
    }
    return { ...applied, outcome: 'succeeded', recorded };
  });
  const outcomes: ChangeOutcome[] = settled.map((s, i) => {
    if (s.status === 'fulfilled') return s.value;
    const e = errorBodyOf(s.reason, language);
    return { ...changes[i]!, outcome: 'failed', error: { code: e.code, message: e.message } };
  });
  const firstFailure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')?.reason;
  return { outcomes, failed: outcomes.filter((o) => o.outcome === 'failed').length, ...(firstFailure !== undefined ? { firstFailure } : {}) };
}
