/**
 * The campaign automation activities (issue "Campaign automation"), with coded failures
 * (retryable platform errors retried by Temporal, the others failing fast).
 */
import { withCodedFailures } from '../failures.js';
import { createCampaignBuildActivities } from './campaign-build.js';
import { createChatLinkActivities } from './chat-links.js';
import type { AutomationDeps } from './deps.js';
import { createExperimentActivities } from './experiments.js';
import { createOptimizerActivities } from './optimizer.js';

export type { AutomationDeps };

/** Every campaign automation activity. */
export function createAutomationActivities(deps: AutomationDeps) {
  return withCodedFailures({ ...createCampaignBuildActivities(deps), ...createOptimizerActivities(deps), ...createExperimentActivities(deps), ...createChatLinkActivities(deps) });
}
