/**
 * Credit cost estimates per action (seed 000 需求 6-10: every module estimates its cost before it
 * checks and deducts credits). Costs are whole credits.
 */
import type { ActionName, StepParameters } from '../chat/intent.js';

/** Credits per image generated (creative.generate_creative). */
export const CREDITS_PER_IMAGE = 5;
/** Credits per object a campaign command changes (manage_campaign, update_budget), charged once the objects are known. */
export const CREDITS_PER_CHANGE = 1;
/** Images generated when the message does not say how many. */
export const DEFAULT_IMAGE_COUNT = 3;
/** The most images one step may generate. */
export const MAX_IMAGE_COUNT = 100;

/** Flat cost of each action; actions scaled by a count say so in {@link estimateCredits}. */
const FLAT_COST: Record<ActionName, number> = {
  generate_creative: CREDITS_PER_IMAGE,
  analyze_creative: 2,
  get_reports: 1,
  analyze_performance: 5,
  detect_anomaly: 3,
  analyze_competitor: 10,
  get_trends: 5,
  generate_strategy: 10,
  create_landing_page: 20,
  translate_page: 5,
  create_page_ab_test: 10,
  create_campaign: 10,
  optimize_budget: 5,
  update_budget: 1,
  manage_campaign: 1,
  create_ab_test: 10,
  analyze_ab_test: 3,
  create_rule: 2,
  get_campaign_status: 1,
};

/** The number of images a generate_creative step produces (default 3, at most 100). */
export function imageCount(parameters: StepParameters): number {
  return Math.min(parameters.count ?? DEFAULT_IMAGE_COUNT, MAX_IMAGE_COUNT);
}

/**
 * Estimated cost of a step, in whole credits.
 * generate_creative: 5 per image; translate_page: 5 per target language; others flat.
 */
export function estimateCredits(action: ActionName, parameters: StepParameters): number {
  switch (action) {
    case 'generate_creative':
      return CREDITS_PER_IMAGE * imageCount(parameters);
    case 'translate_page':
      return FLAT_COST.translate_page * Math.max(1, parameters.languages?.length ?? 1);
    default:
      return FLAT_COST[action];
  }
}
