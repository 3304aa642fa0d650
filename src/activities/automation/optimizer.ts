/** Campaign automation activities: optimizer (filled in by its workflow's author). */
import type { AutomationDeps } from './deps.js';

export function createOptimizerActivities(_deps: AutomationDeps) {
  return {};
}
