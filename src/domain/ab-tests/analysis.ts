/**
 * A/B creative tests (seed 001 需求 5, properties 10-12; component 3 "A/B Test Manager"): the
 * equal budget split of a new test and the analysis of its results. Pure: the workflow creates
 * the campaign (one ad set per creative variant) and fetches the counts; this module decides.
 *
 * Units: money (budgets, spend, revenue, cpa) in MAJOR units of the account currency; rates
 * (conversion_rate, ctr) and p-values are fractions (0.02 = 2 %); roas is a ratio.
 *
 * Statistics: Pearson's chi-square test of independence on the k×2 contingency table
 * [conversions, non-conversions] of the k variants, WITHOUT Yates' continuity correction (the
 * seed's sketch calls scipy's `chi2_contingency`, which applies the correction by default to 2×2
 * tables only; we never apply it, so a 2-variant and a 3-variant test use the same statistic; the
 * reference values in the tests come from `chi2_contingency(..., correction=False)`). The p-value
 * is the chi-square survival function P(X²_df ≥ statistic) = Q(df/2, statistic/2), the regularised
 * upper incomplete gamma function of stdlib (`@stdlib/math-base-special-gammainc` with
 * `upper = true`), which stays accurate for tiny p-values where 1 − CDF would round to 0.
 */
import gammainc from '@stdlib/math-base-special-gammainc';
import { z } from 'zod';
import { MIN_DAILY_BUDGET } from '../campaign-ops/changes.js';
import { AppError } from '../errors.js';
import { withRatios } from '../ads/metrics.js';
import { currencyExponent } from '../ads/money.js';
import { formatPercent } from '../replies/format.js';

/** The equal budget split of a test (property 10). Amounts in major units. */
export interface AbBudgetSplit {
  /** the daily budget of every variant's ad set: total / N rounded DOWN to the currency's minor unit. */
  per_variant: number;
  /** one entry per variant, all equal to `per_variant`. */
  budgets: number[];
  /** total − N × per_variant: the minor units the rounding left over (less than N minor units). */
  unallocated: number;
  currency: string;
}

/**
 * Splits a test's total daily budget equally over its variants (seed 需求 5.2, property 10).
 * Each variant gets total / N rounded DOWN to the currency's minor unit (cents for USD, whole yen
 * for JPY), computed in integer minor units: the variants stay exactly equal and their sum never
 * exceeds the total the user approved; the remainder (under N minor units) is reported as
 * `unallocated`. 100 USD / 3 → 33.33 each, 0.01 unallocated.
 * @param total total daily budget, major units (rounded to the currency's minor unit first)
 * @param variants number of variants (creatives), an integer ≥ 2
 * @param currency ISO 4217 code of the account currency
 * @throws AppError 1001 `{field, reason}`: `variants` not an integer ≥ 2 (`too_few_variants`),
 *   `total` not a finite positive number (`invalid_total`), or a per-variant budget below
 *   {@link MIN_DAILY_BUDGET} (`below_minimum`, details.min_per_variant)
 */
export function splitAbBudget(total: number, variants: number, currency: string): AbBudgetSplit {
  if (!Number.isInteger(variants) || variants < 2) {
    throw new AppError('1001', 'An A/B test needs at least 2 variants', { field: 'variants', reason: 'too_few_variants', value: variants });
  }
  if (!Number.isFinite(total) || total <= 0) {
    throw new AppError('1001', 'The test budget must be a positive amount', { field: 'daily_budget', reason: 'invalid_total', value: total });
  }
  const factor = 10 ** currencyExponent(currency);
  const totalMinor = Math.round(total * factor);
  const perMinor = Math.floor(totalMinor / variants);
  const perVariant = perMinor / factor;
  if (perVariant < MIN_DAILY_BUDGET) {
    throw new AppError('1001', `Each of the ${variants} variants would get ${perVariant} ${currency}, below the minimum ${MIN_DAILY_BUDGET}`, {
      field: 'daily_budget',
      reason: 'below_minimum',
      min_per_variant: MIN_DAILY_BUDGET,
      per_variant: perVariant,
    });
  }
  return {
    per_variant: perVariant,
    budgets: Array.from({ length: variants }, () => perVariant),
    unallocated: (totalMinor - perMinor * variants) / factor,
    currency,
  };
}

const count = z.number().nonnegative();

/** One variant's results over the test (totals, not daily rows). Money in major units. */
export const AbVariantSchema = z.object({
  variant_id: z.string().min(1),
  adset_id: z.string().optional(),
  creative_id: z.string().optional(),
  name: z.string().optional(),
  impressions: count,
  clicks: count,
  conversions: count,
  spend: count,
  revenue: count,
});
/** A validated variant. */
export type AbVariant = z.infer<typeof AbVariantSchema>;

/** Analysis options. */
export interface AbTestOptions {
  /** significance level, in (0, 1); default 0.05 (95 % confidence, seed 需求 5.4). */
  alpha?: number;
  /** conversions every variant needs before testing; default 100 (seed 需求 5.5). */
  minConversions?: number;
  /** trials of the conversion rate: clicks (default) or impressions. */
  denominator?: 'clicks' | 'impressions';
}

/** A variant in the ranking, best conversion rate first. */
export interface RankedVariant {
  /** 1 for the best. */
  rank: number;
  variant_id: string;
  adset_id?: string;
  creative_id?: string;
  name?: string;
  impressions: number;
  clicks: number;
  conversions: number;
  /** major units. */
  spend: number;
  /** major units. */
  revenue: number;
  /** conversions / denominator, a fraction. */
  conversion_rate: number;
  /** clicks / impressions, a fraction; null without impressions. */
  ctr: number | null;
  /** spend / conversions, major units; null without conversions. */
  cpa: number | null;
  /** revenue / spend; null without spend. */
  roas: number | null;
}

/** What to do after a decided test (property 12). */
export interface AbRecommendation {
  action: 'pause' | 'increase_budget';
  variant_id: string;
  adset_id?: string;
  /** +50 for the winner's budget (percent). */
  change_pct?: number;
  reason: 'lowest_conversion_rate' | 'significant_winner';
  message_zh: string;
  message_en: string;
}

/** Not enough conversions yet (seed 需求 5.5). */
export interface AbInsufficientData {
  status: 'insufficient_data';
  message_zh: '数据不足，建议继续测试';
  message_en: string;
  min_conversions: number;
  /** every variant's current conversions, in input order. */
  counts: { variant_id: string; conversions: number }[];
}

/** A completed chi-square analysis (property 11). */
export interface AbTestAnalysis {
  status: 'no_significant_difference' | 'winner';
  test: 'chi_square';
  /** Pearson's X² without continuity correction. */
  statistic: number;
  /** degrees of freedom, k − 1. */
  df: number;
  p_value: number;
  /** 1 − p_value. */
  confidence: number;
  alpha: number;
  denominator: 'clicks' | 'impressions';
  /** the variant_id of the best conversion rate, only when p_value < alpha. */
  winner?: string;
  ranked: RankedVariant[];
  /** empty without a winner. */
  recommendations: AbRecommendation[];
  message_zh: string;
  message_en: string;
}

/** What {@link analyzeAbTest} returns: not enough data yet, or the analysis. */
export type AbTestResult = AbInsufficientData | AbTestAnalysis;

/** The budget increase recommended for a winner, percent (seed sketch "增加预算 50%"). */
export const WINNER_BUDGET_INCREASE_PCT = 50;

function invalid(reason: string, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('1001', message, { field: 'variants', reason, ...details });
}

function validate(variants: readonly AbVariant[], denominator: 'clicks' | 'impressions', alpha: number, minConversions: number): AbVariant[] {
  if (!(alpha > 0 && alpha < 1)) throw new AppError('1001', 'alpha must be between 0 and 1', { field: 'alpha', reason: 'invalid_alpha', value: alpha });
  if (!(Number.isFinite(minConversions) && minConversions >= 0)) {
    throw new AppError('1001', 'minConversions must be a non-negative number', { field: 'minConversions', reason: 'invalid_min_conversions', value: minConversions });
  }
  const parsed = z.array(AbVariantSchema).safeParse(variants);
  if (!parsed.success) {
    throw invalid('invalid_variant', 'Invalid A/B test variant data', {
      issues: parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const list = parsed.data;
  if (list.length < 2) throw invalid('too_few_variants', 'An A/B test needs at least 2 variants', { count: list.length });
  const ids = new Set(list.map((v) => v.variant_id));
  if (ids.size !== list.length) throw invalid('duplicate_variant', 'Variant ids must be unique');
  const over = list.find((v) => v.conversions > v[denominator]);
  if (over) {
    throw invalid('conversions_exceed_denominator', `Variant ${over.variant_id} has more conversions than ${denominator}`, {
      variant_id: over.variant_id,
      conversions: over.conversions,
      [denominator]: over[denominator],
    });
  }
  return list;
}

/**
 * Pearson's chi-square test of independence on a k×2 table of [successes, failures] rows,
 * without continuity correction. A cell whose expected count is 0 (a column with no
 * observations: every variant converted every trial, or none did) adds nothing: its observed count
 * is 0 too, and all rows then have the same rate.
 * @returns the statistic, df = k − 1 and the upper-tail p-value
 */
function chiSquareIndependence(table: readonly (readonly [number, number])[]): { statistic: number; df: number; p_value: number } {
  const rowTotals = table.map(([a, b]) => a + b);
  const colTotals = [0, 1].map((j) => table.reduce((s, r) => s + r[j as 0 | 1], 0));
  const grand = rowTotals.reduce((s, n) => s + n, 0);
  let statistic = 0;
  table.forEach((r, i) => {
    r.forEach((observed, j) => {
      const expected = ((rowTotals[i] ?? 0) * (colTotals[j] ?? 0)) / grand;
      if (expected > 0) statistic += (observed - expected) ** 2 / expected;
    });
  });
  const df = table.length - 1;
  return { statistic, df, p_value: statistic > 0 ? gammainc(statistic / 2, df / 2, true, true) : 1 };
}

const byId = (a: { variant_id: string }, b: { variant_id: string }) => (a.variant_id < b.variant_id ? -1 : a.variant_id > b.variant_id ? 1 : 0);

function rank(variants: readonly AbVariant[], denominator: 'clicks' | 'impressions'): RankedVariant[] {
  return variants
    .map((v) => {
      const m = withRatios(v);
      const trials = v[denominator];
      return { ...v, conversion_rate: trials > 0 ? v.conversions / trials : 0, ctr: m.ctr, cpa: m.cpa, roas: m.roas };
    })
    .sort((a, b) => b.conversion_rate - a.conversion_rate || byId(a, b))
    .map((v, i) => ({ rank: i + 1, ...v }));
}

const label = (v: RankedVariant) => v.name ?? v.variant_id;

function recommend(ranked: readonly RankedVariant[]): AbRecommendation[] {
  const best = ranked[0];
  const worst = ranked[ranked.length - 1];
  if (!best || !worst || best === worst) return [];
  const target = (v: RankedVariant) => (v.adset_id === undefined ? {} : { adset_id: v.adset_id });
  return [
    {
      action: 'pause',
      variant_id: worst.variant_id,
      ...target(worst),
      reason: 'lowest_conversion_rate',
      message_zh: `暂停「${label(worst)}」（转化率 ${formatPercent(worst.conversion_rate)}，表现最差）`,
      message_en: `Pause "${label(worst)}" (conversion rate ${formatPercent(worst.conversion_rate)}, the worst)`,
    },
    {
      action: 'increase_budget',
      variant_id: best.variant_id,
      ...target(best),
      change_pct: WINNER_BUDGET_INCREASE_PCT,
      reason: 'significant_winner',
      message_zh: `将获胜素材「${label(best)}」的预算提高 ${WINNER_BUDGET_INCREASE_PCT}%`,
      message_en: `Increase the budget of the winner "${label(best)}" by ${WINNER_BUDGET_INCREASE_PCT}%`,
    },
  ];
}

/**
 * Analyses an A/B test (seed 需求 5.3-5.6, properties 11 and 12; sketch `analyze_ab_test`).
 *
 * - Every variant needs at least `minConversions` conversions, otherwise the result is
 *   `insufficient_data` with "数据不足，建议继续测试" and the current counts.
 * - Otherwise a chi-square test of independence (no Yates correction, see the module doc) on
 *   [conversions, denominator − conversions] per variant; `confidence` = 1 − p.
 * - p < alpha: status `winner`, the winner is the highest conversion rate (an exact tie at the top
 *   goes to the smaller variant_id), and the recommendations are: pause the lowest conversion rate,
 *   raise the winner's budget by {@link WINNER_BUDGET_INCREASE_PCT}%. Otherwise
 *   `no_significant_difference` without recommendations.
 * - `ranked`: best conversion rate first (ties by variant_id). The result does not depend on the
 *   order of `variants`: the table is built in variant_id order.
 * @param variants per-variant totals over the test (money in major units)
 * @throws AppError 1001 `{field, reason}`: fewer than 2 variants, duplicate ids, negative or
 *   non-finite counts, conversions above the denominator, alpha outside (0, 1), negative minConversions
 */
export function analyzeAbTest(variants: readonly AbVariant[], opts: AbTestOptions = {}): AbTestResult {
  const { alpha = 0.05, minConversions = 100, denominator = 'clicks' } = opts;
  const list = validate(variants, denominator, alpha, minConversions);
  if (list.some((v) => v.conversions < minConversions)) {
    return {
      status: 'insufficient_data',
      message_zh: '数据不足，建议继续测试',
      message_en: `Not enough data yet (every variant needs at least ${minConversions} conversions); keep the test running`,
      min_conversions: minConversions,
      counts: list.map((v) => ({ variant_id: v.variant_id, conversions: v.conversions })),
    };
  }
  const table = [...list].sort(byId).map((v) => [v.conversions, v[denominator] - v.conversions] as const);
  const { statistic, df, p_value } = chiSquareIndependence(table);
  const ranked = rank(list, denominator);
  const base = { test: 'chi_square' as const, statistic, df, p_value, confidence: 1 - p_value, alpha, denominator, ranked };
  const best = ranked[0];
  if (p_value < alpha && best) {
    return {
      ...base,
      status: 'winner',
      winner: best.variant_id,
      recommendations: recommend(ranked),
      message_zh: `「${label(best)}」胜出（p = ${p_value.toPrecision(3)}，置信度 ${formatPercent(1 - p_value)}）`,
      message_en: `"${label(best)}" wins (p = ${p_value.toPrecision(3)}, confidence ${formatPercent(1 - p_value)})`,
    };
  }
  return {
    ...base,
    status: 'no_significant_difference',
    recommendations: [],
    message_zh: `差异不显著（p = ${p_value.toPrecision(3)}），建议继续测试或增加样本量`,
    message_en: `No significant difference (p = ${p_value.toPrecision(3)}); keep testing or increase the sample`,
  };
}
