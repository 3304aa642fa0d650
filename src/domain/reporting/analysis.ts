/**
 * analyze_performance (seed 000 task 11.3, 需求 8.2 and 8.4): top performers and underperformers,
 * trends, comparison with benchmarks, concrete recommendations with reasons, and chart-ready
 * series. Every number here is computed; a model (or src/domain/replies/reporting.ts offline) only words them.
 *
 * Units: money in MAJOR units of each object's account currency; ctr a fraction, roas a ratio;
 * fields ending in `_pct` are percent (20 means 20 %). Money of different currencies is never
 * added: totals, averages and series are per currency, while currency-free ratios (CTR; ROAS and
 * CPA relative to the object's own currency average) compare across currencies.
 */
import { linearRegression, mean } from 'simple-statistics';
import type { Platform } from '../chat/intent.js';
import type { Metrics } from '../ads/metrics.js';
import type { InsightRow, Level } from '../ads/types.js';
import { accountRows, canonicalOrder, comparePlatforms, currenciesOf, groupBy, metricsOf, objectName } from './aggregate.js';
import { detectAnomalies } from './anomalies.js';
import { addDays, datesOf, inSpan, type DateSpan } from './periods.js';

/** Benchmark values of one platform: ctr a fraction, roas a ratio, cpc and cpa in major units of `currency`. */
export interface BenchmarkValues {
  currency: string;
  ctr?: number;
  cpc?: number;
  cpa?: number;
  roas?: number;
}

/** Benchmarks per platform. */
export type Benchmarks = Partial<Record<Platform, BenchmarkValues>>;

/**
 * Default all-industry benchmarks, in USD. These are broad reference points, not targets; pass the
 * account's own vertical or goals in `benchmarks` when known.
 * - meta: CTR 2.53 %, CPC 1.88, CPA 21.98 (cost per lead) from WordStream / LocaliQ "Facebook Ads
 *   Benchmarks 2024" (lead-generation campaigns, all industries).
 * - google: CTR 6.42 %, CPC 4.66, CPA 66.69 (cost per lead) from WordStream / LocaliQ "Search
 *   Advertising Benchmarks 2024" (search campaigns, all industries; not Display or Performance Max).
 * - tiktok: CTR 1.0 %, CPC 1.00: ASSUMPTION, the middle of publicly quoted "average" ranges
 *   (CTR 0.6-1.2 %, CPC 0.70-1.50 USD); no CPA benchmark.
 * - roas 2.0 on every platform: ASSUMPTION (a common e-commerce break-even-plus-margin target), no
 *   published cross-industry source.
 */
export const DEFAULT_BENCHMARKS: Benchmarks = {
  meta: { currency: 'USD', ctr: 0.0253, cpc: 1.88, cpa: 21.98, roas: 2 },
  tiktok: { currency: 'USD', ctr: 0.01, cpc: 1, roas: 2 },
  google: { currency: 'USD', ctr: 0.0642, cpc: 4.66, cpa: 66.69, roas: 2 },
};

/** Rules of the analysis (seed 001 property 5: ROAS > 1.5 × target → +20 %, CPA > 1.5 × target → −20 %, 3 days without conversions → pause). */
export const ANALYSIS_RULES = {
  /** without `minSpend`, an object needs this share of the largest spend of its currency to be ranked. */
  minSpendShare: 0.05,
  /** entries in top_performers and in underperformers. */
  listSize: 3,
  /** objects within 10 % of their account average (index 0.9-1.1) are neither top nor under performers. */
  rankMargin: 0.1,
  /** ROAS ≥ 1.5 × the account's (or CPA ≤ account CPA / 1.5) → increase budget. */
  scaleUpFactor: 1.5,
  /** conversions an object needs in the span before its budget is raised. */
  scaleUpMinConversions: 3,
  /** ROAS ≤ 0.5 × the account's, or CPA ≥ 1.5 × the account's → decrease budget. */
  scaleDownRoasFactor: 0.5,
  scaleDownCpaFactor: 1.5,
  budgetChangePct: 20,
  /** days without conversions (ending on the span's last day) before a pause. */
  pauseDays: 3,
  /** trends whose fitted change over the span is under 10 % are flat. */
  flatTrendPct: 10,
  /** a trend needs this many days with a value. */
  minTrendPoints: 3,
  /** benchmark differences under 10 % are "in line". */
  inLinePct: 10,
} as const;

/** Options of {@link analyzePerformance}. */
export interface AnalysisOptions {
  /** inclusive dates analysed; rows outside are ignored. */
  span: DateSpan;
  /** benchmarks per platform (default {@link DEFAULT_BENCHMARKS}). */
  benchmarks?: Benchmarks;
  /**
   * spend (major units of each object's currency) an object needs to be ranked and to get budget
   * recommendations; default {@link ANALYSIS_RULES.minSpendShare} of the largest spend in its currency.
   */
  minSpend?: number;
}

/** The object a finding is about. */
export interface ObjectRef {
  platform: Platform;
  level: Level;
  id: string;
  /** display name (request-key suffix removed). */
  name?: string;
  /** parent campaign (for Google ad groups the budget lives on it). */
  campaign_id?: string;
  currency: string;
}

/** A ranked object with its metrics over the span. */
export interface Performer extends ObjectRef {
  metrics: Metrics;
  /** ROAS when its currency has revenue, else CPA. */
  ranked_by: 'roas' | 'cpa';
  /** performance relative to the account average of its currency: ROAS / average ROAS, or average CPA / CPA (0 without conversions); above 1 is better. */
  index: number;
}

/** Metrics whose daily trend an analysis fits. */
export type TrendMetric = 'roas' | 'ctr' | 'cpa' | 'spend';

/** Linear trend of a daily metric over the span. */
export interface Trend {
  metric: TrendMetric;
  /** the series' currency (absent for CTR, which is currency-free and covers all rows). */
  currency?: string;
  /** days with a value (ratio days without a denominator are skipped). */
  points: number;
  /** least-squares slope in the metric's unit per day. */
  slope: number;
  /** mean daily value. */
  mean: number;
  /** slope / mean × 100: percent change per day. */
  change_per_day_pct: number;
  /** fitted change from the first to the last day with a value, in percent of the mean. */
  total_change_pct: number;
  direction: 'up' | 'down' | 'flat';
  /** what the direction means for the advertiser (spend is neither good nor bad: neutral). */
  assessment: 'improving' | 'worsening' | 'stable' | 'neutral';
}

/** One platform's metric against its benchmark. */
export interface BenchmarkComparison {
  platform: Platform;
  currency: string;
  metric: 'ctr' | 'cpc' | 'cpa' | 'roas';
  actual: number;
  benchmark: number;
  /** (actual / benchmark − 1) × 100. */
  diff_pct: number;
  /** better or worse for the advertiser (higher CTR/ROAS, lower CPC/CPA is better); in_line within 10 %. */
  verdict: 'better' | 'worse' | 'in_line';
}

/** What a recommendation proposes; budget actions carry `suggested_change_pct`. */
export type RecommendationAction = 'increase_budget' | 'decrease_budget' | 'pause' | 'refresh_creative';

/** Reason codes of recommendations; src/domain/replies/reporting.ts words them. */
export type ReasonCode = 'roas_above_average' | 'cpa_below_average' | 'roas_below_average' | 'cpa_above_average' | 'no_recent_conversions' | 'ctr_drop';

/** A concrete action with the figures that justify it (seed 001 property 6: target, action and reason). */
export interface Recommendation {
  action: RecommendationAction;
  target: ObjectRef;
  /** figures: money in the target's currency, ctr as fractions, roas as ratios, `_pct` in percent. */
  reason: { code: ReasonCode; figures: Record<string, number> };
  /** budget change in percent (+20 means raise by 20 %), for budget actions. */
  suggested_change_pct?: number;
}

/** One chart line: a value per date of `dates` (null where a ratio has no denominator). */
export interface ChartSeries {
  name: 'spend' | 'revenue' | 'roas' | 'ctr';
  /** absent: all platforms together. */
  platform?: Platform;
  /** absent for CTR (currency-free). */
  currency?: string;
  values: (number | null)[];
}

/** The analysis of a span (seed 000 需求 8.2, 8.4). */
export interface Analysis {
  span: DateSpan;
  /** the single currency of all rows; null when there are none or several. */
  currency: string | null;
  /** account totals per currency (counted at the coarsest level present), sorted by currency. */
  totals: { currency: string; metrics: Metrics }[];
  /** the level ranked: ad sets, else campaigns, else ads; null without rows. */
  performer_level: Level | null;
  top_performers: Performer[];
  underperformers: Performer[];
  trends: Trend[];
  benchmarks: BenchmarkComparison[];
  /** pause, decrease_budget, refresh_creative, increase_budget; each by spend, largest first. */
  recommendations: Recommendation[];
  /** chart-ready daily series over every date of the span. */
  series: { dates: string[]; series: ChartSeries[] };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const objectKey = (r: Pick<InsightRow, 'platform' | 'level' | 'id'>) => `${r.platform}\u0000${r.level}\u0000${r.id}`;

interface ObjectStats {
  ref: ObjectRef;
  rows: InsightRow[];
  metrics: Metrics;
}

function refOf(rows: InsightRow[]): ObjectRef {
  const first = rows.find((r) => r.name !== undefined) ?? (rows[0] as InsightRow);
  const name = objectName(first);
  return {
    platform: first.platform,
    level: first.level,
    id: first.id,
    ...(name !== undefined ? { name } : {}),
    ...(first.campaign_id !== undefined && first.level !== 'campaign' ? { campaign_id: first.campaign_id } : {}),
    currency: first.currency,
  };
}

function objectsOf(rows: InsightRow[]): ObjectStats[] {
  return [...groupBy(rows, objectKey).values()].map((list) => ({ ref: refOf(list), rows: list, metrics: metricsOf(list) }));
}

/** Objects of one currency with the account averages they are compared with. */
interface CurrencyGroup {
  currency: string;
  average: Metrics;
  objects: ObjectStats[];
  eligible: ObjectStats[];
  rankedBy: 'roas' | 'cpa' | null;
}

function currencyGroups(objects: ObjectStats[], minSpend: number | undefined): CurrencyGroup[] {
  const groups = groupBy(objects, (o) => o.ref.currency);
  return [...groups.entries()]
    .sort(([a], [b]) => cmp(a, b))
    .map(([currency, list]) => {
      const average = metricsOf(list.map((o) => o.metrics));
      const floor = minSpend ?? ANALYSIS_RULES.minSpendShare * Math.max(...list.map((o) => o.metrics.spend));
      const eligible = list.filter((o) => o.metrics.spend > 0 && o.metrics.spend >= floor);
      const rankedBy = average.roas ? 'roas' : average.cpa !== null ? 'cpa' : null;
      return { currency, average, objects: list, eligible, rankedBy };
    });
}

function performers(groups: CurrencyGroup[]): { top: Performer[]; under: Performer[] } {
  const ranked: Performer[] = groups.flatMap((g) => {
    const by = g.rankedBy;
    if (by === null) return [];
    return g.eligible.map((o) => {
      const m = o.metrics;
      const index = by === 'roas' ? (m.roas ?? 0) / (g.average.roas as number) : m.cpa === null ? 0 : (g.average.cpa as number) / m.cpa;
      return { ...o.ref, metrics: m, ranked_by: by, index };
    });
  });
  const tie = (a: Performer, b: Performer) => b.metrics.spend - a.metrics.spend || comparePlatforms(a.platform, b.platform) || cmp(a.id, b.id);
  const n = ANALYSIS_RULES.listSize;
  return {
    top: ranked.filter((p) => p.index > 1 + ANALYSIS_RULES.rankMargin).sort((a, b) => b.index - a.index || tie(a, b)).slice(0, n),
    under: ranked.filter((p) => p.index < 1 - ANALYSIS_RULES.rankMargin).sort((a, b) => a.index - b.index || tie(a, b)).slice(0, n),
  };
}

interface Ranked {
  rec: Recommendation;
  spend: number;
}

function budgetRecommendations(groups: CurrencyGroup[], span: DateSpan): Ranked[] {
  const R = ANALYSIS_RULES;
  const lastDays = { since: addDays(span.until, 1 - R.pauseDays), until: span.until };
  const out: Ranked[] = [];
  for (const g of groups) {
    const avg = g.average;
    for (const o of g.objects) {
      const m = o.metrics;
      const recent = metricsOf(o.rows.filter((r) => inSpan(r.date, lastDays)));
      const rec = (action: RecommendationAction, code: ReasonCode, figures: Record<string, number>, pct?: number) =>
        out.push({
          rec: { action, target: o.ref, reason: { code, figures: { ...figures, spend: m.spend } }, ...(pct !== undefined ? { suggested_change_pct: pct } : {}) },
          spend: m.spend,
        });
      if (avg.cpa !== null && recent.spend > 0 && recent.conversions === 0 && recent.spend >= avg.cpa) {
        rec('pause', 'no_recent_conversions', { days: R.pauseDays, spend_recent: recent.spend, conversions_recent: 0, account_cpa: avg.cpa });
        continue;
      }
      if (!g.eligible.includes(o) || g.rankedBy === null) continue;
      if (g.rankedBy === 'roas' && m.roas !== null && avg.roas !== null) {
        const ratio = m.roas / avg.roas;
        if (ratio >= R.scaleUpFactor && m.conversions >= R.scaleUpMinConversions) {
          rec('increase_budget', 'roas_above_average', { roas: m.roas, account_roas: avg.roas, ratio, conversions: m.conversions }, R.budgetChangePct);
          continue;
        }
        if (ratio <= R.scaleDownRoasFactor) {
          rec('decrease_budget', 'roas_below_average', { roas: m.roas, account_roas: avg.roas, ratio }, -R.budgetChangePct);
          continue;
        }
      }
      if (m.cpa !== null && avg.cpa !== null) {
        const ratio = m.cpa / avg.cpa;
        if (g.rankedBy === 'cpa' && ratio <= 1 / R.scaleUpFactor && m.conversions >= R.scaleUpMinConversions) {
          rec('increase_budget', 'cpa_below_average', { cpa: m.cpa, account_cpa: avg.cpa, ratio, conversions: m.conversions }, R.budgetChangePct);
        } else if (ratio >= R.scaleDownCpaFactor) {
          rec('decrease_budget', 'cpa_above_average', { cpa: m.cpa, account_cpa: avg.cpa, ratio }, -R.budgetChangePct);
        }
      }
    }
  }
  return out;
}

/** Ads whose CTR dropped more than 20 % (a warning or critical CTR anomaly) need a new creative. */
function creativeRecommendations(adRows: InsightRow[], span: DateSpan, objects: Map<string, ObjectStats>): Ranked[] {
  return detectAnomalies(adRows, { until: span.until })
    .filter((a) => a.metric === 'ctr' && a.kind === 'drop' && a.severity !== 'info')
    .map((a) => {
      const o = objects.get(objectKey(a)) as ObjectStats;
      return {
        rec: {
          action: 'refresh_creative' as const,
          target: o.ref,
          reason: { code: 'ctr_drop' as const, figures: { ctr_baseline: a.baseline, ctr_recent: a.recent, change_pct: a.change_pct, spend: o.metrics.spend } },
        },
        spend: o.metrics.spend,
      };
    });
}

const ACTION_ORDER: Record<RecommendationAction, number> = { pause: 0, decrease_budget: 1, refresh_creative: 2, increase_budget: 3 };

function trendOf(metric: TrendMetric, values: (number | null)[], currency: string | undefined): Trend | undefined {
  const points = values.flatMap((v, x) => (v === null ? [] : [[x, v]]));
  if (points.length < ANALYSIS_RULES.minTrendPoints) return undefined;
  const slope = linearRegression(points).m;
  const avg = mean(points.map((p) => p[1] as number));
  const span = (points[points.length - 1]?.[0] ?? 0) - (points[0]?.[0] ?? 0);
  const perDay = avg !== 0 ? (slope / avg) * 100 : 0;
  const total = perDay * span;
  const direction = Math.abs(total) < ANALYSIS_RULES.flatTrendPct ? 'flat' : total > 0 ? 'up' : 'down';
  const goodWhenUp = metric === 'roas' || metric === 'ctr';
  const assessment =
    direction === 'flat' ? 'stable' : metric === 'spend' ? 'neutral' : (direction === 'up') === goodWhenUp ? 'improving' : 'worsening';
  return { metric, ...(currency !== undefined ? { currency } : {}), points: points.length, slope, mean: avg, change_per_day_pct: perDay, total_change_pct: total, direction, assessment };
}

/** Daily metrics of rows over the span's dates. */
function daily(rows: InsightRow[], dates: string[]): Metrics[] {
  const byDate = groupBy(rows, (r) => r.date);
  return dates.map((d) => metricsOf(byDate.get(d) ?? []));
}

function trends(account: InsightRow[], dates: string[]): Trend[] {
  const out: Trend[] = [];
  for (const currency of currenciesOf(account)) {
    const days = daily(
      account.filter((r) => r.currency === currency),
      dates,
    );
    for (const metric of ['roas', 'cpa', 'spend'] as const) {
      const t = trendOf(metric, days.map((d) => d[metric]), currency);
      if (t) out.push(t);
    }
  }
  const ctr = trendOf('ctr', daily(account, dates).map((d) => d.ctr), undefined);
  return ctr ? [ctr, ...out] : out;
}

function benchmarkComparisons(account: InsightRow[], benchmarks: Benchmarks): BenchmarkComparison[] {
  const out: BenchmarkComparison[] = [];
  const groups = [...groupBy(account, (r) => `${r.platform}\u0000${r.currency}`).values()].map((list) => ({ first: list[0] as InsightRow, m: metricsOf(list) }));
  groups.sort((a, b) => comparePlatforms(a.first.platform, b.first.platform) || cmp(a.first.currency, b.first.currency));
  for (const { first, m } of groups) {
    const bm = benchmarks[first.platform];
    if (!bm) continue;
    for (const metric of ['ctr', 'cpc', 'cpa', 'roas'] as const) {
      const benchmark = bm[metric];
      const actual = m[metric];
      const money = metric === 'cpc' || metric === 'cpa';
      if (benchmark === undefined || benchmark <= 0 || actual === null || (money && bm.currency !== first.currency)) continue;
      const diff = (actual / benchmark - 1) * 100;
      const higherBetter = !money;
      const verdict = Math.abs(diff) < ANALYSIS_RULES.inLinePct ? 'in_line' : diff > 0 === higherBetter ? 'better' : 'worse';
      out.push({ platform: first.platform, currency: first.currency, metric, actual, benchmark, diff_pct: diff, verdict });
    }
  }
  return out;
}

function chartSeries(account: InsightRow[], dates: string[]): ChartSeries[] {
  const platformsOf = (rows: InsightRow[]) => [...new Set(rows.map((r) => r.platform))].sort(comparePlatforms);
  const lines = (rows: InsightRow[], names: ('spend' | 'revenue' | 'roas' | 'ctr')[], currency: string | undefined): ChartSeries[] => {
    const platforms = platformsOf(rows);
    const parts: { platform?: Platform; days: Metrics[] }[] = [{ days: daily(rows, dates) }];
    if (platforms.length > 1) {
      parts.push(...platforms.map((platform) => ({ platform, days: daily(rows.filter((r) => r.platform === platform), dates) })));
    }
    return names.flatMap((name) =>
      parts.map((p) => ({
        name,
        ...(p.platform !== undefined ? { platform: p.platform } : {}),
        ...(currency !== undefined ? { currency } : {}),
        values: p.days.map((d) => d[name]),
      })),
    );
  };
  const money = currenciesOf(account).flatMap((currency) => lines(account.filter((r) => r.currency === currency), ['spend', 'revenue', 'roas'], currency));
  return [...money, ...lines(account, ['ctr'], undefined)];
}

/**
 * Analyses delivery over a span (seed 000 需求 8.2, 8.4; task 11.3): ranks objects (ad sets, else
 * campaigns, else ads) by ROAS (or CPA when nothing has revenue) among those with enough spend
 * (top performers: index above 1.1 of their account average, underperformers: below 0.9; at most 3 each),
 * fits trends with simple-statistics' linear regression, compares each platform with benchmarks,
 * and derives recommendations:
 * - pause: spent at least the account's CPA over the last 3 days of the span without a conversion;
 * - increase_budget +20 %: ROAS ≥ 1.5 × the account's (or CPA ≤ account CPA / 1.5) with ≥ 3 conversions;
 * - decrease_budget −20 %: ROAS ≤ 0.5 × the account's, or CPA ≥ 1.5 × the account's;
 * - refresh_creative: an ad whose CTR over the last 3 days fell more than 20 % against the 7 days before.
 * Budget actions on Google ad groups apply to their campaign's budget (target.campaign_id).
 * The result does not depend on the order of `rows`.
 * @param rows daily rows of ad set and ad level (campaign rows are accepted), any platforms
 */
export function analyzePerformance(rows: readonly InsightRow[], options: AnalysisOptions): Analysis {
  const { span } = options;
  const kept = canonicalOrder(rows).filter((r) => inSpan(r.date, span));
  const dates = datesOf(span);
  const account = accountRows(kept);
  const currencies = currenciesOf(account);
  const performerLevel = (['adset', 'campaign', 'ad'] as const).find((l) => kept.some((r) => r.level === l)) ?? null;
  const objects = objectsOf(kept.filter((r) => r.level === performerLevel));
  const groups = currencyGroups(objects, options.minSpend);
  const { top, under } = performers(groups);
  const adRows = kept.filter((r) => r.level === 'ad');
  const ads = new Map(objectsOf(adRows).map((o) => [objectKey(o.ref), o]));
  const recommendations = [...budgetRecommendations(groups, span), ...creativeRecommendations(adRows, span, ads)]
    .sort(
      (a, b) =>
        ACTION_ORDER[a.rec.action] - ACTION_ORDER[b.rec.action] ||
        b.spend - a.spend ||
        comparePlatforms(a.rec.target.platform, b.rec.target.platform) ||
        cmp(a.rec.target.id, b.rec.target.id),
    )
    .map((r) => r.rec);
  return {
    span,
    currency: currencies.length === 1 ? (currencies[0] as string) : null,
    totals: currencies.map((currency) => ({ currency, metrics: metricsOf(account.filter((r) => r.currency === currency)) })),
    performer_level: performerLevel,
    top_performers: top,
    underperformers: under,
    trends: trends(account, dates),
    benchmarks: benchmarkComparisons(account, options.benchmarks ?? DEFAULT_BENCHMARKS),
    recommendations,
    series: { dates, series: chartSeries(account, dates) },
  };
}
