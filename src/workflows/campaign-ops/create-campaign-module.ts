/**
 * create_campaign inside a chat turn (issue "Campaign automation" §7): one createCampaignWorkflow
 * child per asked platform (default Meta), with the creatives named in the message, resolved from
 * the conversation ("刚才的素材"), or made by an earlier step of the same plan ("先做 3 张图，然后用它们…").
 * The turn charged the step; a child that fails has already rolled its objects back, and the turn
 * refunds the failed platforms' share.
 */
import { executeChild, workflowInfo } from '@temporalio/workflow';
import type { CreateCampaignResult } from '../../domain/campaign-ops/create-campaign-input.js';
import type { ConversationEntity } from '../../domain/chat/conversation.js';
import { createCampaignWorkflow } from './create-campaign.js';
import { errorBodyOf } from '../kit/failures.js';
import type { ChatModules, ModuleRun, ModuleRunner } from '../chat/module.js';

/** Starts the campaigns as child workflows, one platform after the other. */
const createCampaign: ModuleRunner = async ({ step, userId, operationId, language, upstream, credits }): Promise<ModuleRun> => {
  const p = step.parameters;
  const fromUpstream = upstream.flatMap((u) => (u.entities ?? []).filter((e) => e.kind === 'creative').map((e) => e.id));
  const creativeIds = p.creative_ids?.length ? p.creative_ids : fromUpstream;
  if (creativeIds.length === 0) return { missing: { code: '5000', details: { reason: 'no creative named or made earlier in this conversation' } } };
  if (!p.budget) return { missing: { code: '1001', details: { missing: 'budget', hint_code: 'campaign_budget' } } };
  const platforms = p.platforms?.length ? p.platforms : (['meta'] as const);
  const campaigns: CreateCampaignResult[] = [];
  const failures: Array<{ platform: string; error: ReturnType<typeof errorBodyOf> }> = [];
  let firstFailure: unknown;
  for (const platform of platforms) {
    try {
      campaigns.push(
        await executeChild(createCampaignWorkflow, {
          workflowId: `${workflowInfo().workflowId}-${operationId.split(':').pop()}-${platform}`,
          args: [
            {
              userId,
              platform,
              dailyBudget: p.budget.amount,
              creativeIds,
              language,
              ...(p.campaign_name ? { name: p.campaign_name } : {}),
              ...(p.countries?.length ? { countries: p.countries } : {}),
              ...(p.url ? { landingUrl: p.url } : {}),
              ...(p.product ? { product: p.product } : {}),
            },
          ],
        }),
      );
    } catch (err) {
      firstFailure ??= err;
      failures.push({ platform, error: errorBodyOf(err, language) });
    }
  }
  if (campaigns.length === 0) throw firstFailure;
  const entities: ConversationEntity[] = campaigns.flatMap((c) => [
    { kind: 'campaign' as const, id: c.campaign_id, ...(c.campaign?.name ? { name: c.campaign.name } : {}) },
    ...c.adsets.map((s) => ({ kind: 'adset' as const, id: s.adset_id, name: s.name })),
  ]);
  return {
    result: { kind: 'campaigns', campaigns, failures },
    refund: Math.floor((credits * failures.length) / platforms.length),
    entities,
  };
};

/** create_campaign. */
export const campaignCreationModules: ChatModules = { create_campaign: { run: createCampaign } };
