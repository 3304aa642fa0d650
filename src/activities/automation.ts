/**
 * The campaign automation activities (issue "Campaign automation"), with coded failures
 * (retryable platform errors retried by Temporal, the others failing fast).
 */
import { withCodedFailures } from './kit/failures.js';
import { createCampaignBuildActivities } from './campaign-ops/build.js';
import { createChatLinkActivities } from './chat/campaign-links.js';
import type { AutomationDeps } from './automation-deps.js';
import { createExperimentActivities } from './ab-tests/experiments.js';
import { createOptimizerActivities } from './campaign-ops/optimizer.js';

export type { AutomationDeps };

/** Every campaign automation activity. */
export function createAutomationActivities(deps: AutomationDeps) {
  return withCodedFailures({ ...createCampaignBuildActivities(deps), ...createOptimizerActivities(deps), ...createExperimentActivities(deps), ...createChatLinkActivities(deps) });
}
