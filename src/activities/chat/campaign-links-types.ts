/**
 * The activity contract of the chat links to the campaign operations (issue "Campaign automation"
 * §7): a rule from the user's words, the campaigns a message names, the analysis of the user's
 * latest A/B test. Workflows import these types only; src/activities/automation/chat-links.ts
 * implements them.
 *
 * Units: money in MAJOR units of the ad account's currency; rates fractions; dates ISO
 * `YYYY-MM-DD` on the platform's calendar.
 */
import type { Rule } from '../../domain/rules/evaluate.js';
import type { Language, Platform, StepParameters } from '../../domain/chat/intent.js';
import type { AbTestSnapshot } from '../../workflows/ab-tests/definitions.js';
import type { PlatformFailure } from '../campaign-ops/ads-types.js';

/** createRuleFromText's input. */
export interface CreateRuleFromTextInput {
  userId: string;
  /** the rule as the user wrote it ("CPA 超过 50 就暂停广告组"). */
  text: string;
  /** the objects the rule watches, when the plan says. */
  level?: 'adset' | 'campaign';
  /** the platforms the rule watches, when the message names them; default every connected one. */
  platforms?: Platform[];
  /** language of the rule's name, notifications and messages. */
  language: Language;
  /** the chat step's operation id: the rule id derives from it, so a retried call creates one rule. */
  requestId: string;
}

/** The rule created: its ids, the rule as stored, a summary for the reply. */
export interface CreateRuleFromTextResult {
  kind: 'rule_created';
  rule_id: string;
  /** the rule's Temporal Schedule, `rule-<rule_id>`. */
  schedule_id: string;
  /** the rule as stored (defaults applied). */
  rule: Rule;
  /** a summary for the reply, in the user's language. */
  text: string;
}

/** findCampaigns' input. */
export interface FindCampaignsInput {
  userId: string;
  /** the step's parameters: targets (names or ids), selector, scope, platforms. */
  parameters: StepParameters;
  language: Language;
}

/** A campaign a message names. */
export interface CampaignRef {
  platform: Platform;
  id: string;
  /** display name (without a request-key suffix). */
  name: string;
}

/** The campaigns a step names. */
export interface FoundCampaigns {
  /** at most {@link MAX_FOUND_CAMPAIGNS}, in platform order (Meta, TikTok, Google). */
  campaigns: CampaignRef[];
  /** how many campaigns matched (more than listed when over the limit). */
  matched: number;
  /** platforms that could not be read (the others answered). */
  platform_failures: PlatformFailure[];
}

/** The most campaigns one chat step reports the status of. */
export const MAX_FOUND_CAMPAIGNS = 5;

/** analyzeLatestAbTest's input. */
export interface AnalyzeLatestAbTestInput {
  userId: string;
  language: Language;
}

/** The user's latest running A/B test and its analysis so far. */
export interface LatestAbTestAnalysis {
  kind: 'ab_test_analysis';
  /** the test's operation id (its workflow id). */
  test_id: string;
  status_url: string;
  /** the test's name, when it was readable. */
  name?: string;
  /** complete test days so far, and the test's length. */
  days_elapsed?: number;
  days_total?: number;
  /** the figures and the analysis so far (`analysis.status` insufficient_data, no_significant_difference or winner). */
  snapshot: AbTestSnapshot;
  /** a summary for the reply, in the user's language. */
  text: string;
}

/** The chat link activities (src/activities/automation/chat-links.ts). */
export interface ChatLinkActivities {
  /**
   * Reads a rule from the user's words and creates its Schedule (idempotent per requestId).
   * @throws AppError 1001 unreadable or invalid rule (details: missing / invalid, hint)
   */
  createRuleFromText(input: CreateRuleFromTextInput): Promise<CreateRuleFromTextResult>;
  /**
   * The campaigns a step names (ids, names, a selector, or all).
   * @throws AppError 1004 nothing matches; 1001 nothing named; 6000 no ad account
   */
  findCampaigns(input: FindCampaignsInput): Promise<FoundCampaigns>;
  /**
   * Analyses the user's most recently started running A/B test now (its `analyzeNow` update).
   * @throws AppError 1004 no running test; 1009 the test is still being created
   */
  analyzeLatestAbTest(input: AnalyzeLatestAbTestInput): Promise<LatestAbTestAnalysis>;
}
