/**
 * The ad-platform activities of chat turns: reporting and campaign management, with coded
 * failures (retryable platform errors retried by Temporal, the others failing fast).
 */
import type { AdsService } from '../../integrations/ads/service.js';
import type { WebPlatformClient } from '../../integrations/mcp/web-platform-client.js';
import type { AdsActivities } from './ads-types.js';
import { createCampaignActivities } from './campaign-activities.js';
import { withCodedFailures } from '../kit/failures.js';
import { createReportingActivities } from '../reporting/activities.js';

export interface AdsActivityDeps {
  ads: AdsService;
  webPlatform: WebPlatformClient;
}

/** Every ads activity, wrapped so AppErrors leave as ApplicationFailures. */
export function createAdsActivities(deps: AdsActivityDeps): AdsActivities {
  return withCodedFailures({ ...createReportingActivities(deps.ads), ...createCampaignActivities(deps) });
}
