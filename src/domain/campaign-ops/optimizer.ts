/**
 * optimize_budget rules (seed 001 需求 3, properties 5 and 6): from each ad set's daily delivery over
 * the look-back window to one action per ad set (raise, lower, pause or keep its budget) with the
 * figures behind it. Pure and deterministic: ad sets, rows and the window come in, nothing is read
 * or written.
 * The window is normally the 7 complete days before today: `resolveDateRange('last_7_days', today)`
 * from the reporting module.
 *
 * Units: money (budgets, spend, CPA, CPM) in MAJOR units of the ad set's account currency; ROAS a
 * ratio (revenue / spend); fields ending in `_pct` are percent (20 means 20 %); `max_change` is a
 * fraction (0.5 = 50 %).
 *
 * Rules, first match wins (OPTIMIZER_RULES):
 * 1. only active ad sets with delivery in the window are judged (others: keep);
 * 2. pause: spend on each of the last 3 days of the window and no conversion on any of them
 *    (not under maximize_reach, whose goal is not conversions);
 * 3. maximize_roas (default): ROAS > 1.5 × target ROAS → +20 %; else CPA > 1.5 × target CPA → −20 %.
 *    minimize_cpa: the same two rules with the CPA rule checked first. An ad set without
 *    conversions whose spend alone exceeds 1.5 × target CPA counts as above the CPA line (its CPA
 *    would exceed it even with one conversion);
 *    maximize_reach: CPM < average CPM ÷ 1.5 → +20 %; CPM > 1.5 × average CPM → −20 % (budget
 *    moves toward the cheapest reach);
 * 4. otherwise keep.
 * Targets default to the account's own figures over the window, per currency: average ROAS = total
 * revenue ÷ total spend, average CPA = total spend ÷ total conversions, average CPM likewise, over
 * every ad-set row passed in (so the caller's choice of rows is "the account"); an average of 0 or
 * none (no revenue tracked, no conversions) is no target, and its rule is skipped.
 *
 * Limits: no single budget change above `max_change` (default and at most 50 %,
 * MAX_UNCONFIRMED_BUDGET_CHANGE): a larger change is clamped and the action says so (`clamped`,
 * figures requested_change_pct, max_change_pct). With the 20 % steps this happens only for a
 * `max_change` below 0.2 or by a minor unit of rounding. New budgets are rounded to the currency's minor unit and never below
 * MIN_DAILY_BUDGET; a change those limits reduce to nothing becomes keep (reason budget_limit).
 * Ad sets without a daily budget (Google ad groups: the budget lives on the campaign) can still be
 * paused, but a budget change is reported as keep with reason budget_on_campaign, the suggested
 * change in its figures and the campaign id: the workflow does not move a shared campaign budget
 * on one ad group's figures.
 *
 * Risk: a budget change above `max_change` is high risk (cannot happen after the clamp, kept for
 * callers that compare); pausing is high risk when the actions pause more than one ad set, as
 * pausing several campaigns is (domain/risk.ts). High-risk actions wait for confirmation.
 */
import { applyBudgetChange, MIN_DAILY_BUDGET } from './changes.js';
import { AppError } from '../errors.js';
import type { Platform } from '../chat/intent.js';
import { budgetChangeFraction, MAX_UNCONFIRMED_BUDGET_CHANGE } from '../chat/risk.js';
import type { Metrics } from '../ads/metrics.js';
import { currencyExponent, roundMajor } from '../ads/money.js';
import type { DateSpan, InsightRow, NormalizedStatus } from '../ads/types.js';
import { canonicalOrder, comparePlatforms, groupBy, metricsOf } from '../reporting/aggregate.js';
import { addDays, datesOf, inSpan, spanLength } from '../reporting/periods.js';

/** optimize_budget strategies (domain/intent.ts `strategy`). */
export type OptimizationStrategy = 'maximize_roas' | 'minimize_cpa' | 'maximize_reach';

/** The rule constants (seed 001 需求 3.2-3.4). */
export const OPTIMIZER_RULES = {
  /** a metric beyond this multiple of its target triggers a change (150 %). */
  factor: 1.5,
  /** size of a budget change, percent. */
  stepPct: 20,
  /** days (ending on the window's last day) of spend without conversions before a pause. */
  pauseDays: 3,
} as const;

/** An ad set as the optimiser sees it (a subset of the normalised PlatformObject). */
export interface OptimizerAdSet {
  platform: Platform;
  id: string;
  name: string;
  /** major units; undefined when the ad set has none (Google ad groups). */
  daily_budget?: number;
  status: NormalizedStatus;
  currency: string;
  campaign_id?: string;
}

/** What optimize_budget judges. */
export interface OptimizeInput {
  adsets: readonly OptimizerAdSet[];
  /** daily ad-set rows (InsightRow level 'adset'); rows of other levels or outside `span` are ignored. */
  rows: readonly InsightRow[];
  /** the look-back window, inclusive ISO dates, at least 3 days. */
  span: DateSpan;
  /** default 'maximize_roas'. */
  strategy?: OptimizationStrategy;
  /** target ROAS (ratio) and CPA (major units of each ad set's currency); default: the account's averages. */
  targets?: { target_roas?: number; target_cpa?: number };
  /** largest budget change as a fraction, 0 < max_change ≤ 0.5; default 0.5. */
  max_change?: number;
}

/** What happens to an ad set. */
export type BudgetActionKind = 'increase_budget' | 'decrease_budget' | 'pause' | 'keep';

/** Why (property 6). */
export type OptimizerReasonCode =
  | 'no_recent_conversions'
  | 'roas_above_target'
  | 'cpa_above_target'
  | 'spend_without_conversions'
  | 'cpm_below_average'
  | 'cpm_above_average'
  | 'within_targets'
  | 'no_delivery'
  | 'not_active'
  | 'budget_on_campaign'
  | 'budget_limit';

/** One ad set's action (seed 001 property 6: ad set, action and reason). */
export interface BudgetAction {
  platform: Platform;
  adset_id: string;
  name: string;
  currency: string;
  campaign_id?: string;
  action: BudgetActionKind;
  /** major units; null when the ad set has no budget of its own. Pause and keep leave it unchanged. */
  old_budget: number | null;
  new_budget: number | null;
  /** (new − old) ÷ old in percent, rounded to 0.01; 0 for pause, keep and budget-less ad sets. */
  change_pct: number;
  /** figures: money in the ad set's currency, roas a ratio, `_pct` in percent. */
  reason: { code: OptimizerReasonCode; figures: Record<string, number> };
  /** whether the change was cut to `max_change`. */
  clamped: boolean;
  risk: 'low' | 'high';
}

/** The baselines ad sets of one currency were judged against. */
export interface OptimizerBaseline {
  currency: string;
  /** null when neither given nor computable (no revenue / no conversions / no spend or impressions). */
  target_roas: number | null;
  target_cpa: number | null;
  average_cpm: number | null;
  roas_source: 'given' | 'account_average';
  cpa_source: 'given' | 'account_average';
}

/** Totals of an optimisation. */
export interface OptimizationSummary {
  strategy: OptimizationStrategy;
  span: DateSpan;
  max_change: number;
  counts: Record<BudgetActionKind, number>;
  clamped: number;
  /** whether any action is high risk, i.e. the actions wait for the user's confirmation. */
  requires_confirmation: boolean;
  /** per currency, sorted by currency code. */
  baselines: OptimizerBaseline[];
}

/** optimize_budget's answer. */
export interface Optimization {
  /** one per input ad set: pause, decrease_budget, increase_budget, keep; then spend, platform, id. */
  actions: BudgetAction[];
  summary: OptimizationSummary;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const adsetKey = (r: { platform: Platform; id: string }) => `${r.platform}\u0000${r.id}`;
const round2 = (x: number) => Math.round(x * 100) / 100;
/** An average usable as a baseline: a zero average (no revenue tracked, free conversions) is none. */
const positive = (x: number | null) => (x !== null && x > 0 ? x : null);
const ACTION_ORDER: Record<BudgetActionKind, number> = { pause: 0, decrease_budget: 1, increase_budget: 2, keep: 3 };

interface Verdict {
  action: BudgetActionKind;
  code: OptimizerReasonCode;
  figures: Record<string, number>;
  /** budget change in percent, for budget rules. */
  pct?: number;
}

function invalid(field: string, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('1001', message, { field, ...details });
}

function checkInput(input: OptimizeInput, maxChange: number): void {
  if (!(maxChange > 0 && maxChange <= MAX_UNCONFIRMED_BUDGET_CHANGE)) {
    throw invalid('max_change', `max_change must be above 0 and at most ${MAX_UNCONFIRMED_BUDGET_CHANGE}`, { value: maxChange });
  }
  const days = spanLength(input.span);
  if (days < OPTIMIZER_RULES.pauseDays) {
    throw invalid('span', `The look-back window needs at least ${OPTIMIZER_RULES.pauseDays} days, not ${days}`, { span: input.span });
  }
  for (const [name, value] of Object.entries(input.targets ?? {})) {
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) throw invalid(name, `${name} must be a positive number`, { value });
  }
  const seen = new Set<string>();
  for (const a of input.adsets) {
    if (seen.has(adsetKey(a))) throw invalid('adsets', `Ad set ${a.platform} ${a.id} is listed twice`, { platform: a.platform, id: a.id });
    seen.add(adsetKey(a));
  }
}

function baselinesOf(rows: readonly InsightRow[], targets: OptimizeInput['targets']): Map<string, OptimizerBaseline> {
  const out = new Map<string, OptimizerBaseline>();
  for (const [currency, list] of [...groupBy(rows, (r) => r.currency).entries()].sort(([a], [b]) => cmp(a, b))) {
    const avg = metricsOf(list);
    out.set(currency, {
      currency,
      target_roas: targets?.target_roas ?? positive(avg.roas),
      target_cpa: targets?.target_cpa ?? positive(avg.cpa),
      average_cpm: positive(avg.cpm),
      roas_source: targets?.target_roas !== undefined ? 'given' : 'account_average',
      cpa_source: targets?.target_cpa !== undefined ? 'given' : 'account_average',
    });
  }
  return out;
}

/** Spend on each of the last `pauseDays` days and not one conversion: the pause rule's figures, else undefined. */
function pauseVerdict(rows: readonly InsightRow[], span: DateSpan): Verdict | undefined {
  const days = OPTIMIZER_RULES.pauseDays;
  const last = datesOf({ since: addDays(span.until, 1 - days), until: span.until });
  const byDate = groupBy(rows, (r) => r.date);
  const daily = last.map((d) => metricsOf(byDate.get(d) ?? []));
  if (!daily.every((m) => m.spend > 0 && m.conversions === 0)) return undefined;
  return { action: 'pause', code: 'no_recent_conversions', figures: { days, spend_recent: daily.reduce((s, m) => s + m.spend, 0), conversions_recent: 0 } };
}

function roasVerdict(m: Metrics, b: OptimizerBaseline): Verdict | undefined {
  const { factor, stepPct } = OPTIMIZER_RULES;
  if (b.target_roas === null || m.roas === null || !(m.roas > factor * b.target_roas)) return undefined;
  return { action: 'increase_budget', code: 'roas_above_target', figures: { roas: m.roas, target_roas: b.target_roas, threshold: factor * b.target_roas }, pct: stepPct };
}

function cpaVerdict(m: Metrics, b: OptimizerBaseline): Verdict | undefined {
  const { factor, stepPct } = OPTIMIZER_RULES;
  if (b.target_cpa === null) return undefined;
  const threshold = factor * b.target_cpa;
  if (m.cpa !== null && m.cpa > threshold) {
    return { action: 'decrease_budget', code: 'cpa_above_target', figures: { cpa: m.cpa, target_cpa: b.target_cpa, threshold, conversions: m.conversions }, pct: -stepPct };
  }
  if (m.conversions === 0 && m.spend > threshold) {
    return { action: 'decrease_budget', code: 'spend_without_conversions', figures: { spend: m.spend, conversions: 0, target_cpa: b.target_cpa, threshold }, pct: -stepPct };
  }
  return undefined;
}

function reachVerdict(m: Metrics, b: OptimizerBaseline): Verdict | undefined {
  const { factor, stepPct } = OPTIMIZER_RULES;
  if (b.average_cpm === null || m.cpm === null) return undefined;
  const figures = { cpm: m.cpm, average_cpm: b.average_cpm };
  if (m.cpm < b.average_cpm / factor) return { action: 'increase_budget', code: 'cpm_below_average', figures: { ...figures, threshold: b.average_cpm / factor }, pct: stepPct };
  if (m.cpm > b.average_cpm * factor) return { action: 'decrease_budget', code: 'cpm_above_average', figures: { ...figures, threshold: b.average_cpm * factor }, pct: -stepPct };
  return undefined;
}

/** The rule verdict of an active ad set with delivery (before budget limits). */
function judge(m: Metrics, rows: readonly InsightRow[], input: OptimizeInput, strategy: OptimizationStrategy, b: OptimizerBaseline): Verdict {
  const base = { spend: m.spend, conversions: m.conversions };
  let verdict: Verdict | undefined;
  if (strategy === 'maximize_reach') verdict = reachVerdict(m, b);
  else verdict = pauseVerdict(rows, input.span) ?? (strategy === 'minimize_cpa' ? (cpaVerdict(m, b) ?? roasVerdict(m, b)) : (roasVerdict(m, b) ?? cpaVerdict(m, b)));
  if (verdict) return { ...verdict, figures: { ...base, ...verdict.figures } };
  const figures: Record<string, number> = { ...base };
  for (const [k, v] of Object.entries({ roas: m.roas, cpa: m.cpa, cpm: m.cpm, target_roas: b.target_roas, target_cpa: b.target_cpa, average_cpm: b.average_cpm })) {
    if (v !== null) figures[k] = v;
  }
  return { action: 'keep', code: 'within_targets', figures };
}

/**
 * A budget cut to at most `maxChange` from `old`, in the currency's minor unit, stepping back
 * toward `old` until budgetChangeFraction agrees (rounding may overshoot by a fraction of a unit).
 */
function clampBudget(old: number, proposed: number, maxChange: number, currency: string): number {
  const unit = 10 ** -currencyExponent(currency);
  const up = proposed > old;
  let b = roundMajor(old * (1 + (up ? maxChange : -maxChange)), currency);
  while (budgetChangeFraction(old, b) > maxChange) b = roundMajor(b + (up ? -unit : unit), currency);
  return b;
}

/** The action of a budget verdict on an ad set with a budget: the new budget after rounding, the minimum and the clamp. */
function budgetAction(
  adset: OptimizerAdSet,
  old: number,
  v: Verdict & { pct: number },
  maxChange: number,
): Omit<BudgetAction, 'platform' | 'adset_id' | 'name' | 'currency' | 'campaign_id' | 'risk'> {
  const proposed = roundMajor(applyBudgetChange(old, { kind: 'percent', value: v.pct }), adset.currency);
  const clamped = budgetChangeFraction(old, proposed) > maxChange;
  const budget = clamped ? clampBudget(old, proposed, maxChange, adset.currency) : proposed;
  if (old < MIN_DAILY_BUDGET || budget < MIN_DAILY_BUDGET || budget === old) {
    const figures = { ...v.figures, suggested_change_pct: v.pct, min_daily_budget: MIN_DAILY_BUDGET, max_change_pct: maxChange * 100 };
    return { action: 'keep', old_budget: old, new_budget: old, change_pct: 0, reason: { code: 'budget_limit', figures }, clamped: false };
  }
  const figures = clamped ? { ...v.figures, requested_change_pct: v.pct, max_change_pct: maxChange * 100 } : v.figures;
  const changePct = round2(((budget - old) / old) * 100);
  return { action: v.action, old_budget: old, new_budget: budget, change_pct: changePct, reason: { code: v.code, figures }, clamped };
}

/** One ad set's action, risk not yet set. */
function actionFor(
  adset: OptimizerAdSet,
  rows: readonly InsightRow[],
  input: OptimizeInput,
  strategy: OptimizationStrategy,
  b: OptimizerBaseline | undefined,
  maxChange: number,
): Omit<BudgetAction, 'risk'> {
  const old = adset.daily_budget ?? null;
  const ref = {
    platform: adset.platform,
    adset_id: adset.id,
    name: adset.name,
    currency: adset.currency,
    ...(adset.campaign_id !== undefined ? { campaign_id: adset.campaign_id } : {}),
  };
  const unchanged = (action: 'keep' | 'pause', code: OptimizerReasonCode, figures: Record<string, number>) => ({
    ...ref,
    action,
    old_budget: old,
    new_budget: old,
    change_pct: 0,
    reason: { code, figures },
    clamped: false,
  });
  const m = metricsOf(rows);
  if (adset.status !== 'active') return unchanged('keep', 'not_active', { spend: m.spend });
  if (m.spend <= 0 || b === undefined) return unchanged('keep', 'no_delivery', { spend: m.spend, impressions: m.impressions });
  const v = judge(m, rows, input, strategy, b);
  if (v.action === 'keep' || v.action === 'pause') return unchanged(v.action, v.code, v.figures);
  const pct = v.pct ?? 0;
  if (old === null) return unchanged('keep', 'budget_on_campaign', { ...v.figures, suggested_change_pct: pct });
  return { ...ref, ...budgetAction(adset, old, { ...v, pct }, maxChange) };
}

/**
 * Judges every ad set (seed 001 需求 3.1-3.5; properties 5 and 6) and returns one action per ad
 * set, in a fixed order (pause, decrease_budget, increase_budget, keep; then larger spend in the
 * window first, then platform order meta, tiktok, google, then id). The result does not depend on
 * the order of `rows` or `adsets`. Rules, targets, limits and risk: see the module comment.
 * @throws AppError 1001 (details.field) for max_change outside (0, 0.5], a window shorter than 3
 *   days, a non-positive target, or an ad set listed twice
 */
export function optimizeBudgets(input: OptimizeInput): Optimization {
  const strategy = input.strategy ?? 'maximize_roas';
  const maxChange = input.max_change ?? MAX_UNCONFIRMED_BUDGET_CHANGE;
  checkInput(input, maxChange);
  const rows = canonicalOrder(input.rows).filter((r) => r.level === 'adset' && inSpan(r.date, input.span));
  const baselines = baselinesOf(rows, input.targets);
  const byAdset = groupBy(rows, adsetKey);
  const judged = input.adsets.map((a) => {
    const own = (byAdset.get(adsetKey(a)) ?? []).filter((r) => r.currency === a.currency);
    return { action: actionFor(a, own, input, strategy, baselines.get(a.currency), maxChange), spend: metricsOf(own).spend };
  });
  const pauses = judged.filter((j) => j.action.action === 'pause').length;
  const actions: BudgetAction[] = judged
    .sort(
      (x, y) =>
        ACTION_ORDER[x.action.action] - ACTION_ORDER[y.action.action] ||
        y.spend - x.spend ||
        comparePlatforms(x.action.platform, y.action.platform) ||
        cmp(x.action.adset_id, y.action.adset_id),
    )
    .map(({ action: a }) => {
      const overCap = a.old_budget !== null && a.new_budget !== null && budgetChangeFraction(a.old_budget, a.new_budget) > maxChange;
      return { ...a, risk: overCap || (a.action === 'pause' && pauses > 1) ? 'high' : 'low' };
    });
  const counts: Record<BudgetActionKind, number> = { increase_budget: 0, decrease_budget: 0, pause: 0, keep: 0 };
  for (const a of actions) counts[a.action]++;
  return {
    actions,
    summary: {
      strategy,
      span: input.span,
      max_change: maxChange,
      counts,
      clamped: actions.filter((a) => a.clamped).length,
      requires_confirmation: actions.some((a) => a.risk === 'high'),
      baselines: [...baselines.values()],
    },
  };
}
