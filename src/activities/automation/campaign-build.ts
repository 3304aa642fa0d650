/** Campaign automation activities: campaign-build (filled in by its workflow's author). */
import type { AutomationDeps } from './deps.js';

export function createCampaignBuildActivities(_deps: AutomationDeps) {
  return {};
}
