/**
 * campaignStatusWorkflow (issue "Campaign automation" §6; seed 001 需求 8.1-8.5, properties 16 and
 * 17): a campaign, its ad sets and ads with status, budget and key metrics (spend, revenue, ROAS,
 * CPA...), from the platform or its Redis copy (src/integrations/ads/campaign-status.ts: served as is under 5
 * minutes old; when the platform fails, the last copy, up to 7 days old, marked `stale` with its
 * `age_seconds`; with neither, the platform's coded error). One activity; answers
 * `operationState` (operation 'get_campaign_status').
 */
import { log, proxyLocalActivities } from '@temporalio/workflow';
import type { CampaignStatus } from '../../integrations/ads/campaign-status.js';
import type { ExperimentActivities } from '../../activities/ab-tests/experiment-types.js';
import type { CampaignStatusInput } from '../../domain/campaign-ops/operation-inputs.js';
import { PLATFORM_READ } from '../kit/activity-options.js';
import { operationFrame } from '../kit/operation-frame.js';
import { CampaignId, PlatformAttr } from '../../domain/search-attributes.js';

export type { CampaignStatus, CampaignStatusInput };

/** A platform read (or its Redis copy): a local activity. */
const platformReads = proxyLocalActivities<Pick<ExperimentActivities, 'getCampaignStatus'>>(PLATFORM_READ);

/**
 * Reads one campaign's status (see the module comment).
 * @throws the activity's coded failure (platform code with details.cached = false, 1004 no such campaign, 6000 no account)
 */
export async function campaignStatusWorkflow(input: CampaignStatusInput): Promise<CampaignStatus> {
  const frame = operationFrame('get_campaign_status', input.userId, [
    { key: PlatformAttr, value: input.platform },
    { key: CampaignId, value: input.campaignId },
  ]);
  try {
    const status = await platformReads.getCampaignStatus(input);
    if (status.stale) log.warn('campaign status served from the cache', { campaignId: input.campaignId, ageSeconds: status.age_seconds, code: status.platform_error?.code });
    return frame.complete(status);
  } catch (err) {
    frame.fail(err, input.language);
    throw err;
  }
}
