/**
 * Campaign management inside a chat turn (issue "Ad platforms" §4): manage_campaign (pause, start,
 * delete) and update_budget apply exactly the changes that were previewed (and confirmed when
 * risky) before the step ran, one platform call per object, then record each accepted change in
 * the Web Platform. Objects that fail are reported one by one and their credits refunded.
 */
import type { ConversationEntity } from '../../domain/chat/conversation.js';
import { CREDITS_PER_CHANGE } from '../../domain/credits/pricing.js';
import { applyChanges } from './apply-changes.js';
import type { ModuleRun, ModuleRunner } from '../chat/module.js';

/** Applies the previewed changes; partial failure refunds the failed objects' credits. */
export const applyPreviewedChanges: ModuleRunner = async ({ userId, operationId, language, preview }): Promise<ModuleRun> => {
  if (!preview) return { missing: { code: '1001', details: { reason: 'no previewed changes' } } };
  const { outcomes, failed, firstFailure } = await applyChanges(userId, operationId, language, preview.changes);
  if (failed > 0 && failed === outcomes.length) throw firstFailure;
  const entities: ConversationEntity[] = outcomes.flatMap((o) =>
    o.outcome === 'succeeded' && o.level !== 'ad' ? [{ kind: o.level, id: o.id, name: o.name }] : [],
  );
  return {
    result: { kind: 'campaign_changes', operation: preview.operation, level: preview.level, changes: outcomes, unchanged: preview.unchanged, platform_failures: preview.platform_failures },
    refund: failed * CREDITS_PER_CHANGE,
    entities,
  };
};
