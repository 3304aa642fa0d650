/**
 * campaignStatusWorkflow (issue "Campaign automation" §6; seed 001 需求 8.1-8.5, properties 16 and
 * 17): a campaign, its ad sets and ads with status, budget and key metrics (spend, revenue, ROAS,
 * CPA...), from the platform or its Redis copy (src/integrations/ads/campaign-status.ts: served as is under 5
 * minutes old; when the platform fails, the last copy, up to 7 days old, marked `stale` with its
 * `age_seconds`; with neither, the platform's coded error). One activity; answers
 * `operationState` (operation 'get_campaign_status').
 */
import { log, proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { CampaignStatus } from '../../integrations/ads/campaign-status.js';
import type { ExperimentActivities } from '../../activities/ab-tests/experiment-types.js';
import type { CampaignStatusInput } from '../../domain/campaign-ops/operation-inputs.js';
import { errorBodyOf } from '../kit/failures.js';
import { ACTIVITY_RETRY } from '../kit/retry-policy.js';
import { CampaignId, Operation, PlatformAttr, UserId } from '../../domain/search-attributes.js';
import { operationStateQuery, type OperationState } from '../kit/operation.js';

export type { CampaignStatus, CampaignStatusInput };

const expActs = proxyActivities<Pick<ExperimentActivities, 'getCampaignStatus'>>({ startToCloseTimeout: '75s', retry: ACTIVITY_RETRY });

/**
 * Reads one campaign's status (see the module comment).
 * @throws the activity's coded failure (platform code with details.cached = false, 1004 no such campaign, 6000 no account)
 */
export async function campaignStatusWorkflow(input: CampaignStatusInput): Promise<CampaignStatus> {
  const state: OperationState = { operation: 'get_campaign_status', user_id: input.userId, status: 'running' };
  setHandler(operationStateQuery, () => state);
  upsertSearchAttributes([
    { key: UserId, value: input.userId },
    { key: Operation, value: 'get_campaign_status' },
    { key: PlatformAttr, value: input.platform },
    { key: CampaignId, value: input.campaignId },
  ]);
  try {
    const status = await expActs.getCampaignStatus(input);
    if (status.stale) log.warn('campaign status served from the cache', { campaignId: input.campaignId, ageSeconds: status.age_seconds, code: status.platform_error?.code });
    state.status = 'completed';
    state.result = status;
    return status;
  } catch (err) {
    state.status = 'failed';
    state.error = errorBodyOf(err, input.language);
    throw err;
  }
}
