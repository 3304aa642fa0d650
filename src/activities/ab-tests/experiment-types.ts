/**
 * The activity contract of the experiment operations (issue "Campaign automation" §4-§6; seed 001
 * 需求 5, 6, 8): A/B tests, rule checks, rule management and campaign status. Workflows import
 * these types only; src/activities/automation/experiments.ts implements them.
 *
 * Units: money in MAJOR units of the ad account's currency; rates and p-values are fractions;
 * dates ISO `YYYY-MM-DD` on the platform's calendar; timestamps ISO 8601.
 */
import type { CampaignStatus } from '../../integrations/ads/campaign-status.js';
import type { AbBudgetSplit, AbRecommendation, AbTestResult, AbVariant } from '../../domain/ab-tests/analysis.js';
import type { CampaignStatusInput } from '../../domain/campaign-ops/operation-inputs.js';
import type { Rule, RuleActionOutcome, RuleEvaluation, RuleMatch } from '../../domain/rules/evaluate.js';
import type { PlannedChange } from '../../domain/campaign-ops/changes.js';
import type { Language, Platform } from '../../domain/chat/intent.js';
import type { RuleLogEntry, RuleManagementRequest, RuleManagementResult } from '../../domain/rules/types.js';
import type { PlatformFailure } from '../campaign-ops/ads-types.js';

/** A creative of the test as the Web Platform records it. */
export interface AbTestCreative {
  creative_id: string;
  name: string;
  image_url: string;
}

export interface PrepareAbTestInput {
  userId: string;
  platform: Platform;
  name?: string;
  creativeIds: string[];
  /** total daily budget, major units. */
  dailyBudget: number;
  durationDays: number;
  landingUrl?: string;
  headline?: string;
  primaryText?: string;
  language: Language;
  /**
   * Chat only: what the reply announcing the started test needs besides the plan (the test's
   * status URL, and whether the ads link to the first creative for want of a page). With it, the
   * plan carries `started_text`.
   */
  startedReply?: { statusUrl: string; landingDefaulted: boolean };
}

/** What a test will create, checked before anything is created. */
export interface AbTestPlan {
  name: string;
  account_id: string;
  currency: string;
  /**
   * Where the budget lives: 'adset' (Meta, TikTok: each variant's ad set gets `split.per_variant`)
   * or 'campaign' (Google: the campaign gets the total and its ad groups share it).
   */
  budget_level: 'adset' | 'campaign';
  /** the equal split (seed property 10). */
  split: AbBudgetSplit;
  /** Google: the campaign's daily budget, N × split.per_variant (major units). */
  campaign_daily_budget?: number;
  creatives: AbTestCreative[];
  landing_url: string;
  headline: string;
  primary_text: string;
  /** the platform's date the test starts (its first day). */
  start_date: string;
  /** the platform's date the test concludes on: start_date + durationDays (its last day is the day before). */
  end_date: string;
  /** the reply announcing the started test, in the input's language, when `startedReply` was asked for. */
  started_text?: string;
}

export interface CreateAbTestCampaignInput {
  userId: string;
  platform: Platform;
  name: string;
  /** campaign budget (Google only), major units. */
  dailyBudget?: number;
  /** request key of the creation (derived from the workflow id). */
  requestKey: string;
}

export interface AbTestCampaignRef {
  campaign_id: string;
  name: string;
  currency: string;
}

export interface CreateAbTestVariantInput {
  userId: string;
  platform: Platform;
  campaignId: string;
  testName: string;
  /** 0-based variant index. */
  index: number;
  creative: AbTestCreative;
  /** the variant ad set's daily budget, major units (absent on Google). */
  dailyBudget?: number;
  countries: string[];
  landingUrl: string;
  headline: string;
  primaryText: string;
  /** prefix of the request keys of the ad set ("<prefix>.s") and the ad ("<prefix>.a"). */
  requestKeyPrefix: string;
}

/** One variant of a test: a creative in its own ad set. */
export interface AbTestVariantRef {
  /** the creative id (variant ids are the creative ids). */
  variant_id: string;
  creative_id: string;
  /** the creative's name. */
  name: string;
  adset_id: string;
  ad_id: string;
  /** major units; absent on Google (the campaign carries the budget). */
  daily_budget?: number;
}

export interface MeasureAbTestInput {
  userId: string;
  platform: Platform;
  variants: AbTestVariantRef[];
  /** first day of the test. */
  since: string;
  /** last day counted; absent: the platform's today (partial). */
  until?: string;
}

/** The test's figures and their analysis at one moment (seed 需求 5.3-5.6). */
export interface AbTestMeasurement {
  /** the platform's date when measured. */
  today: string;
  span: { since: string; until: string };
  /** totals per variant over the span (money in major units). */
  variants: AbVariant[];
  /** chi-square analysis (alpha 0.05, ≥ 100 conversions per variant) or insufficient data. */
  analysis: AbTestResult;
}

export interface PlanAbRecommendationsInput {
  userId: string;
  platform: Platform;
  campaignId: string;
  recommendations: AbRecommendation[];
}

/** The platform changes a test's recommendations mean, with current values. */
export interface AbRecommendationPlan {
  changes: PlannedChange[];
  /** recommendations that change nothing: the object is already so, or has no budget of its own (Google ad groups). */
  skipped: Array<{ variant_id: string; action: AbRecommendation['action']; reason: 'already' | 'no_budget' | 'not_found' }>;
}

export interface RemoveAbTestCampaignInput {
  userId: string;
  platform: Platform;
  campaignId: string;
}

export interface RuleCheckActivityInput {
  ruleId: string;
  userId: string;
  rule: Rule;
  /** the check's identity: `<ruleId>@<check time ISO>`. */
  checkId: string;
}

/** A rule check's evaluation, stored per check id so a repeated check acts on the same plan. */
export interface RuleCheckEvaluation {
  check_id: string;
  /** the platform's date of the evaluation. */
  today: string;
  evaluation: RuleEvaluation;
  platform_failures: PlatformFailure[];
  /** true when this check id was evaluated before and its stored evaluation is returned. */
  repeated: boolean;
}

export interface ExecuteRuleActionInput {
  userId: string;
  ruleId: string;
  checkId: string;
  level: 'adset' | 'campaign';
  /** last day of the evaluated data (the action key is per rule, data day and object). */
  dataUntil: string;
  match: RuleMatch;
}

/** How one matched object's action ended in a check (notify and skipped actions call no activity). */
export interface RuleCheckActionOutcome extends RuleActionOutcome {
  /** true when an earlier check of this rule already acted on the object for this data day: nothing was done now. */
  duplicate?: boolean;
}

/** An executed (or already executed) rule action. */
export interface RuleActionResult extends RuleCheckActionOutcome {
  duplicate: boolean;
  /** the idempotency key of the action. */
  action_key: string;
  /** the check that executed it (this one, or the earlier one for a duplicate). */
  executed_by: string;
  status_now?: string;
  budget_now?: number;
  /** whether the change was recorded in the Web Platform (update_campaign). */
  recorded?: boolean;
}

export interface RecordRuleCheckInput {
  ruleId: string;
  userId: string;
  checkId: string;
  /** ISO timestamp of the check (its scheduled time). */
  checkTime: string;
  language: Language;
  /** absent when the check failed before evaluating. */
  evaluation?: RuleCheckEvaluation;
  outcomes: RuleCheckActionOutcome[];
  /** the check's failure, when it failed. */
  error?: { code: string; message: string };
}

/** What recording a check did. */
export interface RecordRuleCheckResult {
  entry: RuleLogEntry;
  /** false when the check id was logged before (a repeated check logs once). */
  logged: boolean;
  notification?: { id: string; duplicate: boolean };
}

export interface ExperimentActivities {
  /**
   * Checks an A/B test request and plans it: the account, the equal budget split, the creatives.
   * @throws AppError 1001 (budget split below the minimum, no landing URL), 5000 creative not found, 6000 no account
   */
  prepareAbTest(input: PrepareAbTestInput): Promise<AbTestPlan>;
  /** Creates (or finds, by request key) the test campaign. @throws platform codes */
  createAbTestCampaign(input: CreateAbTestCampaignInput): Promise<AbTestCampaignRef>;
  /** Creates (or finds, by request key) one variant's ad set and ad. @throws platform codes */
  createAbTestVariant(input: CreateAbTestVariantInput): Promise<AbTestVariantRef>;
  /** Reads the variants' delivery (fresh, not cached) and analyses it. @throws platform codes */
  measureAbTest(input: MeasureAbTestInput): Promise<AbTestMeasurement>;
  /** Turns a test's recommendations into planned changes with current values. @throws platform codes */
  planAbRecommendations(input: PlanAbRecommendationsInput): Promise<AbRecommendationPlan>;
  /** Deletes a test campaign (rollback of a failed creation); idempotent. @throws platform codes */
  removeAbTestCampaign(input: RemoveAbTestCampaignInput): Promise<void>;

  /**
   * Evaluates a rule on the platforms' metrics (complete days ending yesterday), or returns the
   * evaluation stored for the same check id.
   * @throws AppError 6000 no account; platform codes when every platform failed
   */
  evaluateRuleCheck(input: RuleCheckActivityInput): Promise<RuleCheckEvaluation>;
  /**
   * Executes one matched object's action once per rule, data day and object (a repeat returns the
   * first outcome with duplicate = true), and records the change in the Web Platform.
   * @throws platform codes
   */
  executeRuleAction(input: ExecuteRuleActionInput): Promise<RuleActionResult>;
  /** Writes the check's log entry (once per check id) and the trigger notification (deduplicated). */
  recordRuleCheck(input: RecordRuleCheckInput): Promise<RecordRuleCheckResult>;
  /** Rule management for chat: create, list, pause, resume, update, delete (Temporal Schedules). */
  manageRule(input: RuleManagementRequest): Promise<RuleManagementResult>;

  /**
   * The campaign, its ad sets and ads with status and key metrics; from the Redis cache when under
   * 5 minutes old, else from the platform; when the platform fails, the last cached copy marked stale.
   * @throws AppError the platform's code when it fails and nothing is cached; 1004 no such campaign
   */
  getCampaignStatus(input: CampaignStatusInput): Promise<CampaignStatus>;
}
