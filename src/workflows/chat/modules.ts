/**
 * The module runners available to chat turns, by action. Actions without a runner are recognised
 * in the plan but answered as "not available yet" and charged nothing.
 *
 * The ad-platform runners (reporting, campaign management) and the campaign automation runners
 * (budget optimiser, campaign creation) arrived after turns had already run with those actions
 * "unavailable": each group is enabled behind its patch (`ads-modules`, `campaign-automation`), so
 * the histories of those turns still replay (they took the unavailable path).
 */
import { patched } from '@temporalio/workflow';
import type { ActionName } from '../../domain/chat/intent.js';
import { applyPreviewedChanges } from '../campaign-ops/changes-module.js';
import { createCampaign } from '../campaign-ops/create-campaign-module.js';
import { analyzeCreative, generateCreative } from '../creative/module.js';
import { analyzeAbTest, createAbTest, createRule, getCampaignStatus } from '../ab-tests/experiments-module.js';
import { runReporting } from '../reporting/module.js';
import type { ModuleRunner } from './module.js';

type Runners = Partial<Record<ActionName, ModuleRunner>>;

const CREATIVE_RUNNERS: Runners = {
  generate_creative: generateCreative,
  analyze_creative: analyzeCreative,
};

const ADS_RUNNERS: Runners = {
  get_reports: runReporting,
  analyze_performance: runReporting,
  detect_anomaly: runReporting,
  manage_campaign: applyPreviewedChanges,
  update_budget: applyPreviewedChanges,
};

const AUTOMATION_RUNNERS: Runners = {
  optimize_budget: applyPreviewedChanges,
  create_campaign: createCampaign,
  create_ab_test: createAbTest,
  analyze_ab_test: analyzeAbTest,
  create_rule: createRule,
  get_campaign_status: getCampaignStatus,
};

/** Patch ids that enable {@link ADS_RUNNERS} and {@link AUTOMATION_RUNNERS}. */
export const ADS_MODULES_PATCH = 'ads-modules';
export const CAMPAIGN_AUTOMATION_PATCH = 'campaign-automation';

/** Actions whose changes are previewed (and confirmed when risky) before the step runs. */
export const PREVIEWED_ACTIONS: ReadonlySet<ActionName> = new Set(['manage_campaign', 'update_budget', 'optimize_budget']);

/**
 * The runners a turn with these actions may use. Marks a patch only when the plan has an action
 * of its group, so other turns' histories stay as they were.
 */
export function runnersFor(actions: readonly ActionName[]): Runners {
  let runners = CREATIVE_RUNNERS;
  if (actions.some((a) => ADS_RUNNERS[a]) && patched(ADS_MODULES_PATCH)) runners = { ...runners, ...ADS_RUNNERS };
  if (actions.some((a) => AUTOMATION_RUNNERS[a]) && patched(CAMPAIGN_AUTOMATION_PATCH)) runners = { ...runners, ...AUTOMATION_RUNNERS };
  return runners;
}
