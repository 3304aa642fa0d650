/**
 * Campaign management inside a chat turn (issue "Ad platforms" §4): manage_campaign (pause, start,
 * delete) and update_budget apply exactly the changes that were previewed (and confirmed when
 * risky) before the step ran, one platform call per object, then record each accepted change in
 * the Web Platform. Objects that fail are reported one by one and their credits refunded.
 */
import type { AppliedChange } from '../../activities/ads-types.js';
import type { ConversationEntity } from '../../domain/conversation.js';
import type { PlannedChange } from '../../domain/campaign-changes.js';
import { CREDITS_PER_CHANGE } from '../../domain/pricing.js';
import { log } from '@temporalio/workflow';
import { adsActs } from '../activities-proxy.js';
import { settleWithLimit } from '../concurrency.js';
import { errorBodyOf } from '../failures.js';
import type { ModuleRun, ModuleRunner } from './types.js';

/** Platform calls in flight at once within one step. */
const CHANGE_CONCURRENCY = 4;

/** One object's outcome, as the reply and the tool_complete event show it. */
export type ChangeOutcome =
  | (AppliedChange & { outcome: 'succeeded'; recorded: boolean })
  | (PlannedChange & { outcome: 'failed'; error: { code: string; message: string } });

/** Applies the previewed changes; partial failure refunds the failed objects' credits. */
export const applyPreviewedChanges: ModuleRunner = async ({ userId, operationId, language, preview }): Promise<ModuleRun> => {
  if (!preview) return { missing: { code: '1001', details: { reason: 'no previewed changes' } } };
  const settled = await settleWithLimit(preview.changes, CHANGE_CONCURRENCY, async (change): Promise<ChangeOutcome> => {
    const applied = await adsActs.applyCampaignChange({ userId, change });
    let recorded = true;
    try {
      await adsActs.recordCampaignChange({ userId, change: applied, operationId: `${operationId}:${change.platform}:${change.id}` });
    } catch (err) {
      // The platform change stands; only its record in the Web Platform is missing.
      recorded = false;
      log.warn('recording a campaign change failed', { objectId: change.id, error: err instanceof Error ? err.message : String(err) });
    }
    return { ...applied, outcome: 'succeeded', recorded };
  });
  const outcomes: ChangeOutcome[] = settled.map((s, i) => {
    if (s.status === 'fulfilled') return s.value;
    const e = errorBodyOf(s.reason, language);
    return { ...preview.changes[i]!, outcome: 'failed', error: { code: e.code, message: e.message } };
  });
  const failed = outcomes.filter((o) => o.outcome === 'failed').length;
  const firstFailure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed > 0 && failed === outcomes.length && firstFailure) throw firstFailure.reason;
  const entities: ConversationEntity[] = outcomes.flatMap((o) =>
    o.outcome === 'succeeded' && o.level !== 'ad' ? [{ kind: o.level, id: o.id, name: o.name }] : [],
  );
  return {
    result: { kind: 'campaign_changes', operation: preview.operation, level: preview.level, changes: outcomes, unchanged: preview.unchanged, platform_failures: preview.platform_failures },
    refund: failed * CREDITS_PER_CHANGE,
    entities,
  };
};
