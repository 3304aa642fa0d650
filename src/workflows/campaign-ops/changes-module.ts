/**
 * Campaign management inside a chat turn (issue "Ad platforms" §4, "Campaign automation" §3):
 * manage_campaign (pause, start, delete), update_budget and optimize_budget resolve their objects
 * and before/after values first (the preview, a platform read), are priced 1 credit per changed
 * object and confirmed when the real changes are risky; the run applies exactly the previewed
 * changes, one platform call per object, and records each accepted change in the Web Platform.
 * Objects that fail are reported one by one and their credits refunded.
 */
import { proxyLocalActivities } from '@temporalio/workflow';
import type { AdsActivities } from '../../activities/campaign-ops/ads-types.js';
import type { ConversationEntity } from '../../domain/chat/conversation.js';
import { CREDITS_PER_CHANGE } from '../../domain/credits/pricing.js';
import { PLATFORM_READ } from '../kit/activity-options.js';
import type { ChatModule, ChatModules, ModuleRun } from '../chat/module.js';
import { applyChanges } from './apply-changes.js';

/** Platform reads that plan changes: local activities. */
const platformReads = proxyLocalActivities<Pick<AdsActivities, 'previewCampaignChanges'>>(PLATFORM_READ);

/** The previewed campaign change module: manage_campaign, update_budget, optimize_budget. */
const previewedChanges: ChatModule = {
  preview: ({ step, userId, language }) =>
    platformReads.previewCampaignChanges({
      userId,
      action: step.action as 'manage_campaign' | 'update_budget' | 'optimize_budget',
      parameters: step.parameters,
      language,
    }),
  price: (_step, preview) => (preview?.changes.length ?? 0) * CREDITS_PER_CHANGE,
  /** Applies the previewed changes; partial failure refunds the failed objects' credits. */
  run: async ({ userId, operationId, language, preview }): Promise<ModuleRun> => {
    if (!preview) return { missing: { code: '1001', details: { reason: 'no previewed changes' } } };
    const { outcomes, failed, firstFailure } = await applyChanges(userId, operationId, language, preview.changes);
    if (failed > 0 && failed === outcomes.length) throw firstFailure;
    const entities: ConversationEntity[] = outcomes.flatMap((o) =>
      o.outcome === 'succeeded' && o.level !== 'ad' ? [{ kind: o.level, id: o.id, name: o.name }] : [],
    );
    return {
      result: {
        kind: 'campaign_changes',
        operation: preview.operation,
        level: preview.level,
        changes: outcomes,
        unchanged: preview.unchanged,
        platform_failures: preview.platform_failures,
      },
      refund: failed * CREDITS_PER_CHANGE,
      entities,
    };
  },
};

/** The campaign change actions: previewed, priced per object, confirmed when risky. */
export const campaignChangeModules: ChatModules = {
  manage_campaign: previewedChanges,
  update_budget: previewedChanges,
  optimize_budget: previewedChanges,
};
