/**
 * The budget optimiser's activity contract (issue "Campaign automation" §3; seed 001 需求 3,
 * properties 5 and 6). Workflows import these types only. Money in MAJOR units.
 */
import type { Optimization, OptimizationStrategy } from '../../domain/campaign-ops/optimizer.js';
import type { PlannedChange } from '../../domain/campaign-ops/changes.js';
import type { Language, Platform } from '../../domain/chat/intent.js';
import type { PlatformFailure } from './ads-types.js';

export interface BudgetOptimizationRequest {
  userId: string;
  /** platforms to optimise; all connected ones when absent. */
  platforms?: Platform[];
  /** only the ad sets of this campaign (platform ids); all ad sets when absent. */
  campaignId?: string;
  strategy?: OptimizationStrategy;
  /** ratio, e.g. 3 = 300%. */
  targetRoas?: number;
  /** major units of the account currency. */
  targetCpa?: number;
  language: Language;
}

/** The optimiser's proposal and the platform changes it means. */
export interface BudgetProposal {
  optimization: Optimization;
  /** budget changes and pauses to apply, with before/after values. */
  changes: PlannedChange[];
  /** why the changes need confirmation, in the user's language; empty: none needed. */
  risk_reasons: string[];
  platform_failures: PlatformFailure[];
}

export interface OptimizerActivities {
  /**
   * Reads the last 7 complete days per ad set and proposes budget changes (changes nothing).
   * @throws AppError 6000 no account; 1004 no ad set; platform codes when every platform failed
   */
  proposeBudgetOptimization(input: BudgetOptimizationRequest): Promise<BudgetProposal>;
}
