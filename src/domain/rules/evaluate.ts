/**
 * The rule engine's pure part (seed 001 需求 6, property 13; component 4 "Rule Engine", sketch
 * `create_rule`): the rule schema, the evaluation of a rule's condition on normalised daily
 * insight rows, the planned action per matched object, idempotency keys for actions, the check
 * schedule. A Temporal Schedule runs the check; the workflow fetches rows and objects, calls
 * {@link evaluateRule}, executes the planned actions keyed by {@link ruleCheckKey}, and logs the
 * check as src/domain/replies/rules.ts words it (describeRuleCheck).
 *
 * Units: money metrics (cpa, cpc, spend) and budgets in MAJOR units of each object's account
 * currency (a rule's `value` is read in the currency of the object it is compared with); ctr a
 * fraction (0.01 = 1 %); roas a ratio (revenue / spend); conversions and impressions counts.
 */
import { z } from 'zod';
import { applyBudgetChange, MIN_DAILY_BUDGET } from '../campaign-ops/changes.js';
import { AppError } from '../errors.js';
import { PLATFORMS, type Platform } from '../chat/intent.js';
import type { Metrics } from '../ads/metrics.js';
import { roundMajor } from '../ads/money.js';
import { displayName } from '../ads/request-key.js';
import type { InsightRow, NormalizedStatus } from '../ads/types.js';
import { canonicalOrder, comparePlatforms, groupBy, metricsOf } from '../reporting/aggregate.js';
import { addDays, inSpan, type DateSpan } from '../reporting/periods.js';

/** Metrics a condition can test. */
export const RULE_METRICS = ['cpa', 'roas', 'ctr', 'cpc', 'spend', 'conversions', 'impressions'] as const;
/** A metric name a condition tests. */
export type RuleMetric = (typeof RULE_METRICS)[number];

/** Comparison operators. */
export const RULE_OPERATORS = ['>', '>=', '<', '<=', '=='] as const;
/** A comparison operator of a condition. */
export type RuleOperator = (typeof RULE_OPERATORS)[number];

/** Operator words a model or user may write (the seed's sketch uses "greater_than"), mapped to operators. */
const OPERATOR_ALIASES: Readonly<Record<string, RuleOperator>> = {
  greater_than: '>',
  gt: '>',
  greater_than_or_equal: '>=',
  gte: '>=',
  less_than: '<',
  lt: '<',
  less_than_or_equal: '<=',
  lte: '<=',
  equals: '==',
  eq: '==',
  '=': '==',
};

/** Named time ranges and the complete days each covers. */
export const TIME_RANGE_DAYS = { '24h': 1, '3d': 3, '7d': 7, '14d': 14, '30d': 30 } as const;
/** A named time range ('24h', '3d', '7d', '14d', '30d'). */
export type NamedTimeRange = keyof typeof TIME_RANGE_DAYS;

/** The longest time range in hours (30 days). */
export const MAX_TIME_RANGE_HOURS = 720;

/** The largest budget change a rule may make unattended, percent (seed 需求 3.4 "单次最大 50%"). */
export const MAX_RULE_BUDGET_CHANGE_PCT = 50;

/** Default check interval, hours (seed 需求 6.2 "每 6 小时检查一次"). */
export const DEFAULT_INTERVAL_HOURS = 6;

/** Money metrics, compared (and shown) in each object's account currency. */
export const RULE_MONEY_METRICS: ReadonlySet<RuleMetric> = new Set(['cpa', 'cpc', 'spend']);

/**
 * A rule's condition: `metric operator value` over `time_range`. `time_range` is a named range or
 * a number of hours (1-720), rounded up to whole days (see {@link ruleSpan}). `min_spend` (major
 * units) requires that much spend in the range before an object can match.
 */
export const RuleConditionSchema = z
  .object({
    metric: z.enum(RULE_METRICS),
    operator: z.preprocess((v) => (typeof v === 'string' ? (OPERATOR_ALIASES[v.trim().toLowerCase()] ?? v.trim()) : v), z.enum(RULE_OPERATORS)),
    value: z.number().nonnegative(),
    time_range: z.union([z.enum(Object.keys(TIME_RANGE_DAYS) as [NamedTimeRange, ...NamedTimeRange[]]), z.number().int().min(1).max(MAX_TIME_RANGE_HOURS)]),
    min_spend: z.number().nonnegative().optional(),
  })
  .refine((c) => c.metric !== 'ctr' || c.value <= 1, { message: 'CTR is a fraction: 0.01 means 1%', path: ['value'] });
/** A validated condition. */
export type RuleCondition = z.output<typeof RuleConditionSchema>;

/**
 * A rule's action. `pause_adset` pauses the matched object (an ad set, or a campaign when the rule
 * applies to campaigns); budget actions change the daily budget by `percent` (0 < percent ≤ 50,
 * never below MIN_DAILY_BUDGET); `notify` only reports.
 */
export const RuleActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pause_adset') }),
  z.object({ type: z.literal('notify') }),
  z.object({ type: z.enum(['increase_budget', 'decrease_budget']), percent: z.number().positive().max(MAX_RULE_BUDGET_CHANGE_PCT) }),
]);
/** A validated action. */
export type RuleAction = z.output<typeof RuleActionSchema>;
/** An action's type. */
export type RuleActionType = RuleAction['type'];

/** Which objects a rule watches: a level, optionally some platforms and object ids. */
export const RuleScopeSchema = z.object({
  platforms: z.array(z.enum(PLATFORMS)).min(1).optional(),
  level: z.enum(['adset', 'campaign']).default('adset'),
  ids: z.array(z.string().min(1)).min(1).optional(),
});
/** A validated scope (level defaults to adset). */
export type RuleScope = z.output<typeof RuleScopeSchema>;

/** A rule as create_rule stores it (seed "Rule 数据结构"; check interval in hours, default 6). */
export const RuleSchema = z.object({
  name: z.string().trim().min(1).max(200),
  condition: RuleConditionSchema,
  action: RuleActionSchema,
  applies_to: RuleScopeSchema.default({ level: 'adset' }),
  interval_hours: z.number().int().min(1).max(168).default(DEFAULT_INTERVAL_HOURS),
});
/** A validated rule (defaults applied). */
export type Rule = z.output<typeof RuleSchema>;
/** A rule as callers write it (operator aliases, defaults omitted). */
export type RuleInput = z.input<typeof RuleSchema>;

/**
 * Validates a rule (seed 需求 6.1 create_rule) and applies defaults.
 * @throws AppError 1001 `{field: 'rule', issues: [{path, message}]}` (up to 10 zod issues)
 */
export function parseRule(input: unknown): Rule {
  const parsed = RuleSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new AppError('1001', 'Invalid rule', {
    field: 'rule',
    issues: parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}

/** Complete days a time range covers: named ranges per {@link TIME_RANGE_DAYS}, hours rounded up (36 → 2). */
export function timeRangeDays(range: RuleCondition['time_range']): number {
  return typeof range === 'number' ? Math.ceil(range / 24) : TIME_RANGE_DAYS[range];
}

/**
 * The dates a condition is evaluated on: the complete days ending yesterday, in the account's time
 * zone (24h → yesterday only; 7d → the 7 days before today). Today is excluded because its data is
 * partial and would make any check early in the day see almost nothing.
 * @param today ISO date in the account's time zone
 * @throws AppError 1001 when `today` is not an ISO date
 */
export function ruleSpan(range: RuleCondition['time_range'], today: string): DateSpan {
  return { since: addDays(today, -timeRangeDays(range)), until: addDays(today, -1) };
}

/** An object a rule may act on (a subset of the normalised PlatformObject, at the rule's level). */
export interface RuleTarget {
  platform: Platform;
  id: string;
  name: string;
  status: NormalizedStatus;
  /** daily budget, major units; undefined when the object has none (Google ad groups). */
  daily_budget?: number;
  currency: string;
}

/** What a check plans for a matched object. Budgets in major units. */
export interface PlannedRuleAction {
  type: RuleActionType;
  old_budget?: number;
  new_budget?: number;
  /** set when a budget action cannot move the budget: no daily budget, or already at the bound. */
  skipped?: 'no_daily_budget' | 'unchanged';
}

/** An object whose metric satisfied the condition. */
export interface RuleMatch {
  platform: Platform;
  id: string;
  /** display name (without a request-key suffix). */
  name: string;
  currency: string;
  /** the metric over the span; null when undefined (CPA without conversions, CPC without clicks). */
  value: number | null;
  /** CPA / CPC without conversions / clicks: the spend, a lower bound of the metric (under one conversion / click for it). */
  lower_bound?: number;
  action: PlannedRuleAction;
}

/** One rule check (seed 需求 6.3-6.5): what matched and what to do. */
export interface RuleEvaluation {
  rule: Pick<Rule, 'name' | 'condition' | 'action'> & { level: RuleScope['level'] };
  evaluated_span: DateSpan;
  /** objects in scope whose condition was evaluated. */
  evaluated_count: number;
  /** matched objects, ordered by platform (meta, tiktok, google) then id. */
  matched: RuleMatch[];
  not_matched_count: number;
  /** objects in scope not evaluated: not active for pause / budget actions, deleted for notify. */
  skipped_inactive_count: number;
}

/**
 * Relative tolerance within which a metric equals the rule's value: metrics are floating sums and
 * ratios of sums (0.1 + 0.2 spend is 0.30000000000000004), so an exact comparison would let
 * rounding noise decide at the boundary.
 */
export const EQUALS_TOLERANCE = 1e-9;

/**
 * `a op b`, where `a` counts as equal to `b` within a relative tolerance of
 * {@link EQUALS_TOLERANCE}: `>` and `<` need a difference beyond it, `>=`, `<=` and `==` accept
 * values within it.
 */
export function compareMetric(a: number, op: RuleOperator, b: number): boolean {
  const equal = Math.abs(a - b) <= EQUALS_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
  switch (op) {
    case '>':
      return a > b && !equal;
    case '>=':
      return a > b || equal;
    case '<':
      return a < b && !equal;
    case '<=':
      return a < b || equal;
    case '==':
      return equal;
  }
}

/**
 * Whether an object's metrics satisfy a condition.
 * - A defined metric is compared directly.
 * - CPA without conversions (CPC without clicks) but with spend is undefined, yet bounded: fewer
 *   than one conversion for the spend means a cost per conversion above the spend, so the spend is
 *   a lower bound. `>` / `>=` match when the spend already satisfies them ("CPA > 50" catches an ad
 *   set that spent 80 without converting); `<`, `<=`, `==` never match (nothing shows the CPA is
 *   low). Treating the CPA as infinite instead would pause an ad set after its first cent; treating
 *   it as undefined would spare the worst offenders.
 * - Other undefined metrics (ROAS without spend, CTR without impressions) never match.
 * - Below `min_spend`, nothing matches.
 * Counts over a span without rows are 0 (use `min_spend` to require delivery).
 */
export function conditionHolds(m: Metrics, c: RuleCondition): { matched: boolean; value: number | null; lower_bound?: number } {
  const value = m[c.metric];
  const enoughSpend = c.min_spend === undefined || compareMetric(m.spend, '>=', c.min_spend);
  if (value !== null) return { matched: enoughSpend && compareMetric(value, c.operator, c.value), value };
  if ((c.metric === 'cpa' || c.metric === 'cpc') && m.spend > 0) {
    const bounded = (c.operator === '>' || c.operator === '>=') && compareMetric(m.spend, c.operator, c.value);
    return { matched: enoughSpend && bounded, value: null, lower_bound: m.spend };
  }
  return { matched: false, value: null };
}

/** The action planned for one matched object; budget changes rounded to the currency, ≥ MIN_DAILY_BUDGET. */
function planAction(action: RuleAction, target: RuleTarget): PlannedRuleAction {
  if (action.type === 'pause_adset' || action.type === 'notify') return { type: action.type };
  if (target.daily_budget === undefined) return { type: action.type, skipped: 'no_daily_budget' };
  const sign = action.type === 'increase_budget' ? 1 : -1;
  const after = Math.max(MIN_DAILY_BUDGET, roundMajor(applyBudgetChange(target.daily_budget, { kind: 'percent', value: sign * action.percent }), target.currency));
  const planned: PlannedRuleAction = { type: action.type, old_budget: target.daily_budget, new_budget: after };
  return after === target.daily_budget ? { ...planned, skipped: 'unchanged' } : planned;
}

const targetKey = (t: { platform: Platform; id: string }) => `${t.platform}\u0000${t.id}`;

/** Whether a rule evaluates an object of the given status: actions only on active objects. */
const evaluates = (action: RuleAction, status: NormalizedStatus) => (action.type === 'notify' ? status !== 'deleted' : status === 'active');

/**
 * Evaluates a rule once (seed 需求 6.3, property 13).
 *
 * In scope: `objects` of the rule's platforms and ids (objects are the rule's level and unique by
 * platform and id). Evaluated: active objects for pause / budget actions; any but deleted for
 * notify. Each evaluated object's metric is the ratio of sums of its rows (rule level, same
 * platform and id) over {@link ruleSpan}, per {@link conditionHolds}. Rows are summed in canonical
 * order, so the result does not depend on the order of `rows` or `objects`.
 * @param rule a parsed rule ({@link parseRule})
 * @param rows daily insight rows (money in major units); other levels and dates are ignored
 * @param objects the objects at the rule's level with their current status and budget
 * @param today ISO date in the account's time zone (the check's date)
 * @throws AppError 1001 when `today` is not an ISO date
 */
export function evaluateRule(rule: Rule, rows: readonly InsightRow[], objects: readonly RuleTarget[], today: string): RuleEvaluation {
  const span = ruleSpan(rule.condition.time_range, today);
  const { platforms, ids, level } = rule.applies_to;
  const inScope = objects.filter((o) => (!platforms || platforms.includes(o.platform)) && (!ids || ids.includes(o.id)));
  const evaluated = inScope.filter((o) => evaluates(rule.action, o.status));
  const rowsByTarget = groupBy(
    canonicalOrder(rows.filter((r) => r.level === level && inSpan(r.date, span))),
    targetKey,
  );
  const matched: RuleMatch[] = [];
  for (const target of evaluated) {
    const result = conditionHolds(metricsOf(rowsByTarget.get(targetKey(target)) ?? []), rule.condition);
    if (!result.matched) continue;
    const match: RuleMatch = {
      platform: target.platform,
      id: target.id,
      name: displayName(target.name),
      currency: target.currency,
      value: result.value,
      action: planAction(rule.action, target),
    };
    if (result.lower_bound !== undefined) match.lower_bound = result.lower_bound;
    matched.push(match);
  }
  matched.sort((a, b) => comparePlatforms(a.platform, b.platform) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    rule: { name: rule.name, condition: rule.condition, action: rule.action, level },
    evaluated_span: span,
    evaluated_count: evaluated.length,
    matched,
    not_matched_count: evaluated.length - matched.length,
    skipped_inactive_count: inScope.length - evaluated.length,
  };
}

/**
 * The idempotency key of one rule action in one check: the same rule, scheduled check time and
 * object always give the same key, so a retried or replayed check executes and logs each action
 * once. Components are URI-encoded (no `:` inside them) and the time is normalised to ISO UTC, so
 * different inputs never share a key. Format `rule:<ruleId>:<ISO time>:<platform>:<objectId>`.
 * @param checkTime the check's scheduled time (Temporal's scheduled start), Date or ISO timestamp
 * @throws AppError 1001 when `checkTime` is not a valid time
 */
export function ruleCheckKey(ruleId: string, checkTime: Date | string, target: { platform: Platform; id: string }): string {
  const ms = typeof checkTime === 'string' ? Date.parse(checkTime) : checkTime.getTime();
  if (Number.isNaN(ms)) throw new AppError('1001', `Invalid check time ${String(checkTime)}`, { field: 'check_time', value: String(checkTime) });
  return `rule:${encodeURIComponent(ruleId)}:${new Date(ms).toISOString()}:${target.platform}:${encodeURIComponent(target.id)}`;
}

/** A Temporal ScheduleSpec in its interval form (`{intervals: [{every: '6h'}]}`), without importing Temporal. */
export interface RuleScheduleSpec {
  intervals: { every: `${number}h` }[];
}

/** The schedule of a rule's checks: every `interval_hours` hours (seed 需求 6.2, default 6). */
export function ruleScheduleSpec(rule: Pick<Rule, 'interval_hours'>): RuleScheduleSpec {
  return { intervals: [{ every: `${rule.interval_hours}h` }] };
}

/** How an executed action ended, as the workflow records it. */
export interface RuleActionOutcome {
  platform: Platform;
  id: string;
  outcome: 'succeeded' | 'failed' | 'skipped';
  /** the failure's message, for `failed`. */
  error?: string;
}
