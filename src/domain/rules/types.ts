/**
 * Rules as the API, chat and the execution log show them (issue "Campaign automation" §5; seed 001
 * 需求 6, property 13). Types only: no Temporal, no I/O.
 *
 * Units: money in MAJOR units of each object's account currency; timestamps ISO 8601 (UTC);
 * dates ISO `YYYY-MM-DD` on the platform's calendar.
 */
import type { PlatformFailure } from '../ads/types.js';
import type { PlannedRuleAction, Rule, RuleAction, RuleInput } from './evaluate.js';
import type { Language, Platform } from '../chat/intent.js';

/** A rule and its Schedule's state. */
export interface RuleSummary {
  rule_id: string;
  /** the Temporal Schedule id, `rule-<rule_id>` (visible in the Temporal Web UI). */
  schedule_id: string;
  user_id: string;
  rule: Rule;
  /** language of the rule's notifications and log texts. */
  language: Language;
  /** false while the rule (its Schedule) is paused. */
  enabled: boolean;
  /** the Schedule's note (why it was paused). */
  note?: string;
  created_at?: string;
  /** the next scheduled checks (ISO timestamps). */
  next_check_at: string[];
  /** the latest checks the Schedule started, oldest first. */
  recent_checks: Array<{ workflow_id: string; scheduled_at: string }>;
}

/** One matched object in a log entry: its metric, the planned action and how it ended. */
export interface RuleLogMatch {
  platform: Platform;
  id: string;
  name: string;
  currency: string;
  /** the metric over the span; null when undefined (CPA without conversions). */
  value: number | null;
  /** CPA / CPC without conversions / clicks: the spend so far (a lower bound). */
  lower_bound?: number;
  planned: PlannedRuleAction;
  outcome: 'succeeded' | 'failed' | 'skipped';
  error?: string;
  /** true when this rule had already acted on the object for the same data day (nothing done again). */
  duplicate?: boolean;
}

/**
 * One rule check in the execution log (seed 需求 6.4), newest first in the rule's Redis list
 * (the last {@link RULE_LOG_MAX} checks are kept).
 */
export interface RuleLogEntry {
  /** `<rule_id>@<scheduled time ISO>`: the check's identity (a repeated check logs once). */
  check_id: string;
  rule_id: string;
  user_id: string;
  /** the check's scheduled time, ISO timestamp. */
  at: string;
  /** when the entry was written, ISO timestamp. */
  logged_at: string;
  rule_name: string;
  action: RuleAction;
  level: 'adset' | 'campaign';
  /** the complete days the condition was evaluated on. */
  evaluated_span?: { since: string; until: string };
  evaluated_count: number;
  matched: RuleLogMatch[];
  /**
   * no_match: nothing matched; succeeded: every planned action done (or notified); partial: some
   * failed; failed: every executed action failed; skipped: matches whose actions needed nothing
   * (already done for this data day, no budget, at the limit); error: the check itself failed.
   */
  outcome: 'no_match' | 'succeeded' | 'partial' | 'failed' | 'skipped' | 'error';
  platform_failures: PlatformFailure[];
  error?: { code: string; message: string };
  /** the notification's title and body (also for checks without a notification). */
  title: string;
  body: string;
  notification_id?: string;
  /** why the notification could not be created (the check is logged all the same). */
  notification_error?: string;
}

/** Entries kept per rule in the execution log. */
export const RULE_LOG_MAX = 500;

/** Rule management for chat (one activity, one request per operation). */
export type RuleManagementRequest =
  | { op: 'create'; userId: string; rule: RuleInput; language?: Language; ruleId?: string }
  | { op: 'list'; userId: string }
  | { op: 'get' | 'pause' | 'resume' | 'delete' | 'trigger'; userId: string; ruleId: string }
  | { op: 'update'; userId: string; ruleId: string; rule: RuleInput; language?: Language }
  | { op: 'log'; userId: string; ruleId: string; limit?: number };

export interface RuleManagementResult {
  op: RuleManagementRequest['op'];
  rule?: RuleSummary;
  rules?: RuleSummary[];
  entries?: RuleLogEntry[];
  deleted?: boolean;
}

/** ruleCheckWorkflow's input: what the rule's Schedule starts every check with. */
export interface RuleCheckInput {
  ruleId: string;
  userId: string;
  rule: Rule;
  /** language of the notification and log texts; default 'zh'. */
  language?: Language;
  /**
   * The check's time, ISO timestamp: the check id is `<ruleId>@<checkTime>`. Absent (checks the
   * Schedule starts): the Schedule's scheduled time (search attribute TemporalScheduledStartTime),
   * else the workflow's start time.
   */
  checkTime?: string;
}

/** What one rule check did (ruleCheckWorkflow's result, also its operationState result). */
export interface RuleCheckResult {
  check_id: string;
  entry: RuleLogEntry;
  /** false when this check id had been logged before (a repeated check). */
  logged: boolean;
  notification?: { id: string; duplicate: boolean };
}
