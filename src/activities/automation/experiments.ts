/** Campaign automation activities: experiments (filled in by its workflow's author). */
import type { AutomationDeps } from './deps.js';

export function createExperimentActivities(_deps: AutomationDeps) {
  return {};
}
