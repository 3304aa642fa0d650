/**
 * The contract of createCampaignWorkflow (issue "Campaign automation" §2; seed 001 需求 1-2,
 * properties 1-4; seed 000 tasks 14.6, 14.7): its input, the zod schema the API validates the input
 * with, its progress (operationState query) and its result. No workflow code here: the workflow
 * imports these types only, the API and the activities use the schema.
 *
 * Units: money in MAJOR units of the ad account's currency (80 means 80.00 USD); budgets are daily;
 * ages in years; credits are whole credits.
 */
import { z } from 'zod';
import { LANGUAGES, PLATFORMS, type Language, type Platform } from '../chat/intent.js';
import type { NormalizedStatus } from '../ads/types.js';
import type { OperationBilling } from './operation-inputs.js';
import type { DeliveryEstimate } from './delivery-estimate.js';
import type { CampaignResult, PlanNote, Suggestion } from './structure.js';

/** What create_campaign asks for. */
export interface CreateCampaignInput {
  userId: string;
  platform: Platform;
  /** campaign name; default "<Objective> · <countries>", e.g. "Sales · US". */
  name?: string;
  /** default 'sales'. */
  objective?: 'sales' | 'traffic' | 'awareness' | 'leads';
  /** total daily budget of the campaign, MAJOR units of the account currency, split evenly over the ad sets. */
  dailyBudget: number;
  /** ISO 3166-1 alpha-2 codes; default ['US']. */
  countries?: string[];
  /** inclusive age ranges in years, one ad set each; default 18-35, 36-50, 51-65. */
  ageGroups?: Array<[number, number]>;
  /** default 'broad'. */
  audience?: 'broad' | 'lookalike';
  /** Web Platform creative ids (MCP get_creative); each becomes one ad in every ad set. */
  creativeIds: string[];
  /** the page the ads link to; default: the first creative's public URL (see CreateCampaignResult.landing_url_defaulted). */
  landingUrl?: string;
  /** what is advertised, for the copy; default: the creatives' prompts (the product they were generated for). */
  product?: string;
  /** language of the copy, the messages and the errors. */
  language: Language;
  /** present when the operation charges credits itself (started over HTTP); absent as a chat turn's child. */
  billing?: OperationBilling;
}

const age = z.number().int().min(13).max(65);

/**
 * Validates a {@link CreateCampaignInput} (HTTP API, and the workflow's first activity for inputs
 * that did not come through the API). Deeper rules (budget minimums per platform, overlapping age
 * groups, duplicate creatives) are checked by the planner (structure.ts planCampaign) with a
 * suggested fix.
 */
export const CreateCampaignInputSchema = z.object({
  userId: z.string().min(1).max(200),
  platform: z.enum(PLATFORMS),
  name: z.string().trim().min(1).max(200).optional(),
  objective: z.enum(['sales', 'traffic', 'awareness', 'leads']).optional(),
  dailyBudget: z.number().positive().max(10_000_000),
  countries: z.array(z.string().regex(/^[A-Za-z]{2}$/, 'two-letter ISO 3166-1 code')).min(1).max(50).optional(),
  ageGroups: z.array(z.tuple([age, age])).min(1).max(10).optional(),
  audience: z.enum(['broad', 'lookalike']).optional(),
  creativeIds: z.array(z.string().min(1).max(200)).min(1).max(50),
  landingUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  product: z.string().trim().min(1).max(200).optional(),
  language: z.enum(LANGUAGES),
  billing: z.object({ credits: z.number().int().nonnegative() }).optional(),
});

// The schema and the interface must describe the same input.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _inputShape: Same<z.output<typeof CreateCampaignInputSchema>, CreateCampaignInput> = true;

/** Counts of one kind of object: how many are done out of how many planned. */
export interface ProgressCount {
  done: number;
  total: number;
}

/** The workflow's progress, as the operationState query reports it while it runs. */
export interface CreateCampaignProgress {
  stage: 'charging' | 'preparing' | 'creating' | 'recording' | 'rolling_back' | 'done';
  /** pieces of copy written (one per creative and platform). */
  copies: ProgressCount;
  campaign: ProgressCount;
  adsets: ProgressCount;
  ads: ProgressCount;
  /** objects deleted or paused by the rollback. */
  rolled_back: number;
}

/** A created ad set as the result shows it. */
export interface CreatedAdSetResult {
  adset_id: string;
  name: string;
  /** major units; null where the budget lives on the campaign (Google). */
  daily_budget: number | null;
  status: NormalizedStatus;
  platform_status: string;
  targeting: { countries: string[]; age_min: number; age_max: number; audience: 'broad' | 'lookalike' };
  placements: 'automatic';
  bid_strategy: 'lowest_cost';
}

/** A created ad as the result shows it, with its copy (seed 001 需求 2.5: returned for review). */
export interface CreatedAdResult {
  ad_id: string;
  creative_id: string;
  adset_id: string;
  /** the primary text. */
  copy: string;
  headline: string;
  call_to_action: string;
  status: NormalizedStatus;
  platform_status: string;
}

/** One piece of generated copy (per creative and platform) and the model that wrote it. */
export interface CopyResult {
  creative_id: string;
  platform: Platform;
  headline: string;
  primary_text: string;
  call_to_action: string;
  /** e.g. "gemini-3.1-pro-preview" or "offline-template" (the fallback chain's last link). */
  model: string;
}

/**
 * The create_campaign result: the seed's shape `{status, campaign_id, adsets: [{adset_id, name,
 * daily_budget}], ads: [{ad_id, creative_id, adset_id, copy}], message}` (structure.ts
 * CampaignResult) plus the platform ids and statuses of every level and the estimated delivery
 * (seed 000 task 14.6).
 */
export interface CreateCampaignResult extends Omit<CampaignResult, 'adsets' | 'ads'> {
  /** the workflow id: the operation's id in GET /api/v1/operations/{id}, and the request key prefix. */
  operation_id: string;
  /** the ad account the campaign lives in. */
  account_id: string;
  campaign: {
    campaign_id: string;
    name: string;
    objective: 'sales' | 'traffic' | 'awareness' | 'leads';
    status: NormalizedStatus;
    platform_status: string;
    /** major units; null where the budget lives on the ad sets (Meta, TikTok). */
    daily_budget: number | null;
  };
  /** the total the user asked for (major units); `daily_budget` is what was set (equal shares, rounded). */
  requested_daily_budget: number;
  adsets: CreatedAdSetResult[];
  ads: CreatedAdResult[];
  /** the copy, once per creative (requirement 2.5: for review). */
  copies: CopyResult[];
  landing_url: string;
  /** true when no landing page was given and the ads link to the first creative's URL. */
  landing_url_defaulted: boolean;
  notes: PlanNote[];
  /** null when it cannot be estimated (non-USD accounts). */
  estimated_delivery: DeliveryEstimate | null;
  /** whether the campaign was recorded in the Web Platform (MCP record_campaign); false is logged, not fatal. */
  recorded: boolean;
  /** credits this operation charged (0 as a chat turn's child: the turn charges). */
  credits: { charged: number; refunded: number };
}

/** An object the rollback dealt with. */
export interface RolledBackObject {
  level: 'campaign' | 'adset' | 'ad';
  id: string;
  name: string;
  /** deleted; paused where the platform refused deletion; already_gone when it no longer existed. */
  action: 'deleted' | 'paused' | 'already_gone';
}

/** An object the rollback could neither delete nor pause (it may still deliver: the user should check it). */
export interface RollbackFailure {
  level: 'campaign' | 'adset' | 'ad';
  id: string;
  name: string;
  error: { code: string; message: string };
}

/**
 * The `details` of the coded error a failed createCampaignWorkflow raises (ApplicationFailure type
 * AppError, `details[0]` = `{code, type, message, details}`), besides the cause's own details.
 */
export interface CreateCampaignFailureDetails {
  operation: 'create_campaign';
  operation_id: string;
  /** the stage that failed. */
  stage: CreateCampaignProgress['stage'];
  /** what was created and then removed, ads first. */
  rolled_back: RolledBackObject[];
  /** present when some objects could not be removed. */
  rollback_failed?: RollbackFailure[];
  credits_refunded: number;
  /** a fix for platform validation errors (budget too low, targeting too narrow, policy) and invalid inputs. */
  suggestion?: Suggestion;
  [key: string]: unknown;
}
