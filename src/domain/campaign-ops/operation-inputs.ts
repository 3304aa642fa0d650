/**
 * The inputs of the experiment operations (issue "Campaign automation" §4-§6; seed 001 需求 5, 6, 8):
 * the A/B test workflow, the rule schedules and the campaign status query, as zod schemas the API
 * validates requests with and as the types the workflows take. No Temporal and no I/O here, so both
 * the API and the workflows (with `import type`) can use this module.
 *
 * Units: money in MAJOR units of the ad account's currency (80 means 80.00 USD); durations in the
 * unit their name says (days, seconds, hours).
 */
import { z } from 'zod';
import { LANGUAGES, PLATFORMS } from '../chat/intent.js';

const id = z.string().min(1).max(200);

/** Credits an operation started over HTTP deducts itself (as a chat turn's child, the turn charges instead). */
export const OperationBillingSchema = z.object({ credits: z.number().int().nonnegative() });
/** whole credits deducted at the start, refunded when the operation fails or rolls back. */
export type OperationBilling = z.infer<typeof OperationBillingSchema>;

/** Workflow id prefix of the operations started over HTTP or from chat (`op-<operation>-...`). */
export const OPERATION_PREFIX = 'op-';

/** Where an operation's state is read: its user's URL (reads are per user; another user's id answers 404). */
export const operationStatusUrl = (operationId: string, userId: string): string =>
  `/api/v1/operations/${operationId}?user_id=${encodeURIComponent(userId)}`;

/** The longest A/B test, days (platform reports cover at most 30 days per request on TikTok). */
export const MAX_AB_TEST_DAYS = 30;
/** Default A/B test duration, days (issue §4). */
export const DEFAULT_AB_TEST_DAYS = 7;
/** Default interval between two looks at the platform's date and figures, seconds (1 hour). */
export const DEFAULT_AB_POLL_SECONDS = 3600;
/** Default wait for the user's confirmation of a test's recommendations, seconds (1 day). */
export const DEFAULT_AB_CONFIRMATION_SECONDS = 86_400;

/**
 * abTestWorkflow's input (seed 需求 5.1-5.2): one campaign, one ad set per creative variant with
 * an equal share of `dailyBudget`.
 */
export const AbTestInputSchema = z.object({
  userId: id,
  platform: z.enum(PLATFORMS),
  /** the test campaign's name; default "A/B test · <first creative name> vs …". */
  name: z.string().trim().min(1).max(150).optional(),
  /** Web Platform creative ids, one variant each: 2 to 10, distinct. */
  creativeIds: z
    .array(id)
    .min(2)
    .max(10)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'creative ids must be distinct' }),
  /** total daily budget of the test, MAJOR units of the account currency, split equally over the variants. */
  dailyBudget: z.number().positive().finite(),
  /** test duration in days (default 7, at most 30). */
  durationDays: z.number().int().min(1).max(MAX_AB_TEST_DAYS).optional(),
  /** ISO 3166-1 alpha-2 countries targeted by every variant; default ['US']. */
  countries: z.array(z.string().regex(/^[A-Za-z]{2}$/)).min(1).max(25).optional(),
  /** the page the ads link to (http or https); default the creatives' metadata.landing_url. */
  landingUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** ad headline, identical for every variant (only the creative differs); default the test name. */
  headline: z.string().trim().min(1).max(100).optional(),
  /** ad primary text, identical for every variant; default a short call to action in `language`. */
  primaryText: z.string().trim().min(1).max(500).optional(),
  language: z.enum(LANGUAGES),
  /**
   * Seconds between two looks at the platform's date and figures (default 3600). The test ends
   * when the PLATFORM's date reaches start + duration (the ads sandbox's clock in development), so
   * this is the lag between the platform's day changing and the test concluding.
   */
  pollIntervalSeconds: z.number().int().min(1).max(86_400).optional(),
  /** seconds to wait for the user's confirmation of the recommendations (default 86400). */
  confirmationTimeoutSeconds: z.number().int().min(1).max(7 * 86_400).optional(),
  /** false: report the recommendations without offering to apply them (default true). */
  offerRecommendations: z.boolean().optional(),
  billing: OperationBillingSchema.optional(),
});
/** abTestWorkflow's input (see {@link AbTestInputSchema}). */
export type AbTestInput = z.infer<typeof AbTestInputSchema>;

/** The A/B test's `analyzeNow` update argument: `conclude: true` ends the test now with this analysis. */
export const AnalyzeNowRequestSchema = z.object({ conclude: z.boolean().optional() });
export type AnalyzeNowRequest = z.infer<typeof AnalyzeNowRequestSchema>;

/** The user's answer to a concluded test's recommendations (only the test's user). */
export const RecommendationDecisionSchema = z.object({ user_id: id, approved: z.boolean() });
export type RecommendationDecision = z.infer<typeof RecommendationDecisionSchema>;

/** The default number of days a campaign status covers (today included). */
export const DEFAULT_STATUS_DAYS = 7;

/** campaignStatusWorkflow's input (seed 需求 8). */
export const CampaignStatusInputSchema = z.object({
  userId: id,
  platform: z.enum(PLATFORMS),
  /** the platform's campaign id. */
  campaignId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  language: z.enum(LANGUAGES),
  /** metrics over the last `days` days, today (partial) included; default 7, at most 30. */
  days: z.number().int().min(1).max(30).optional(),
  /** true: read the platform even when the cached status is under 5 minutes old. */
  refresh: z.boolean().optional(),
});
export type CampaignStatusInput = z.infer<typeof CampaignStatusInputSchema>;

/** A rule id: letters, digits, `_` and `-`, at most 64 (the Schedule id is `rule-<ruleId>`). */
export const RuleIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'rule ids use letters, digits, _ and -, at most 64');
