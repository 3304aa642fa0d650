/**
 * get_campaign_status inside a chat turn (issue "Campaign automation" §6, §7): the campaigns the
 * message names (at most 5), one campaignStatusWorkflow child each; campaigns whose status failed
 * are listed and their share refunded. The result is data; the reply words it
 * (src/domain/replies/campaigns.ts).
 */
import { executeChild, proxyLocalActivities } from '@temporalio/workflow';
import type { CampaignRef, ChatLinkActivities } from '../../activities/chat/campaign-links-types.js';
import type { ConversationEntity } from '../../domain/chat/conversation.js';
import { Operation, UserId } from '../../domain/search-attributes.js';
import type { ChatModules, ModuleRun, ModuleRunner } from '../chat/module.js';
import { PLATFORM_READ } from '../kit/activity-options.js';
import { operationChildId as childId } from '../kit/child-ids.js';
import { errorBodyOf } from '../kit/failures.js';
import { campaignStatusWorkflow, type CampaignStatus } from './campaign-status.js';

/** Finding the named campaigns (platform reads): a local activity. */
const campaignReads = proxyLocalActivities<Pick<ChatLinkActivities, 'findCampaigns'>>(PLATFORM_READ);

/** Reads the status of the campaigns the message names, one child workflow each. */
const getCampaignStatus: ModuleRunner = async ({ step, userId, operationId, language, credits }): Promise<ModuleRun> => {
  const found = await campaignReads.findCampaigns({ userId, parameters: step.parameters, language });
  const base = childId('get_campaign_status', operationId);
  const settled = await Promise.allSettled(
    found.campaigns.map((c, i) =>
      executeChild(campaignStatusWorkflow, {
        workflowId: `${base}-${i}`,
        args: [{ userId, platform: c.platform, campaignId: c.id, language }],
        typedSearchAttributes: [
          { key: UserId, value: userId },
          { key: Operation, value: 'get_campaign_status' },
        ],
      }),
    ),
  );
  const campaigns: CampaignStatus[] = [];
  const failures: Array<CampaignRef & { error: ReturnType<typeof errorBodyOf> }> = [];
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') campaigns.push(s.value);
    else failures.push({ ...found.campaigns[i]!, error: errorBodyOf(s.reason, language) });
  });
  const firstFailure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (campaigns.length === 0 && firstFailure) throw firstFailure.reason;
  const entities: ConversationEntity[] = campaigns.map((s) => ({ kind: 'campaign', id: s.campaign.id, name: s.campaign.name }));
  return {
    // data only: the reply words it (src/domain/replies/campaigns.ts)
    result: { kind: 'campaign_status', campaigns, failures, matched: found.matched, platform_failures: found.platform_failures },
    refund: Math.floor((credits * failures.length) / found.campaigns.length),
    entities,
  };
};

/** The campaign status action. */
export const campaignStatusModules: ChatModules = { get_campaign_status: { run: getCampaignStatus } };
