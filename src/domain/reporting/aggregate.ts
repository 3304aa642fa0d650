/**
 * get_reports (seed 000 task 11.2, 需求 8.1): normalised daily rows from any platforms merged into
 * one report: totals, a per-platform breakdown, per-object rows and a daily series, each with the
 * derived ratios of platforms/metrics.ts (seed 001 property 14: one format across platforms;
 * property 16: spend, revenue, ROAS, CPA always available).
 *
 * Units: money (spend, revenue, cpc, cpa, cpm) in MAJOR units of the row's account currency; ctr
 * a fraction (0.02 = 2 %), roas a ratio (revenue / spend). Sums are exact (unrounded); round only
 * for display with {@link roundMoney}. Amounts in different currencies are never added together.
 */
import { PLATFORMS, type Platform } from '../chat/intent.js';
import { sumMetrics, withRatios, type BaseMetrics, type Metrics } from '../ads/metrics.js';
import { roundMajor } from '../ads/money.js';
import { displayName } from '../ads/request-key.js';
import type { InsightRow, Level } from '../ads/types.js';
import { datesOf, inSpan, type DateSpan } from './periods.js';

/** Every metric a report can show, counts first. */
export const METRIC_NAMES = ['impressions', 'clicks', 'spend', 'conversions', 'revenue', 'ctr', 'cpc', 'cpa', 'roas', 'cpm'] as const;
/** A metric's name as reports and intents use it. */
export type MetricName = (typeof METRIC_NAMES)[number];

/** Metrics after a metrics filter: only the asked ones are present. Units as {@link Metrics}. */
export type MetricValues = Partial<Metrics>;

/** Object levels from the coarsest to the finest. */
export const LEVELS: readonly Level[] = ['campaign', 'adset', 'ad'];

/** Words users and models write for metrics (lower-cased, spaces as `_`), mapped to metric names. */
const METRIC_ALIASES: Readonly<Record<string, MetricName>> = {
  impression: 'impressions',
  展示: 'impressions',
  展示量: 'impressions',
  曝光: 'impressions',
  曝光量: 'impressions',
  click: 'clicks',
  点击: 'clicks',
  点击量: 'clicks',
  cost: 'spend',
  amount_spent: 'spend',
  花费: 'spend',
  消耗: 'spend',
  花费金额: 'spend',
  conversion: 'conversions',
  purchases: 'conversions',
  results: 'conversions',
  转化: 'conversions',
  转化数: 'conversions',
  转化量: 'conversions',
  conversion_value: 'revenue',
  purchase_value: 'revenue',
  value: 'revenue',
  收入: 'revenue',
  销售额: 'revenue',
  click_through_rate: 'ctr',
  点击率: 'ctr',
  cost_per_click: 'cpc',
  点击成本: 'cpc',
  单次点击成本: 'cpc',
  cost_per_acquisition: 'cpa',
  cost_per_conversion: 'cpa',
  cost_per_result: 'cpa',
  转化成本: 'cpa',
  单次转化成本: 'cpa',
  return_on_ad_spend: 'roas',
  广告支出回报率: 'roas',
  投产比: 'roas',
  投资回报率: 'roas',
  cost_per_mille: 'cpm',
  千次展示成本: 'cpm',
};

/**
 * Normalises metric names from an intent's `metrics` parameter ("ROAS", "Cost per click", "点击率")
 * to {@link MetricName}s, in {@link METRIC_NAMES} order without duplicates; names it does not know
 * are returned in `unknown` (the caller may ask the user or ignore them).
 */
export function parseMetricNames(names: readonly string[]): { metrics: MetricName[]; unknown: string[] } {
  const found = new Set<MetricName>();
  const unknown: string[] = [];
  for (const raw of names) {
    const key = raw.trim().toLowerCase().replace(/[\s-]+/g, '_');
    const name = (METRIC_NAMES as readonly string[]).includes(key) ? (key as MetricName) : METRIC_ALIASES[key];
    if (name) found.add(name);
    else unknown.push(raw);
  }
  return { metrics: METRIC_NAMES.filter((m) => found.has(m)), unknown };
}

/**
 * Rounds a major-unit amount to its currency's minor unit (USD/CNY cents, JPY whole yen) for
 * display. Computations keep exact sums and round only here.
 */
export function roundMoney(amount: number, currency: string): number {
  return roundMajor(amount, currency);
}

/** The name users see for an object: the platform name without the request-key suffix, else undefined. */
export function objectName(row: Pick<InsightRow, 'name'>): string | undefined {
  return row.name === undefined ? undefined : displayName(row.name);
}

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const platformRank = (p: Platform) => PLATFORMS.indexOf(p);

/** Orders two platforms as {@link PLATFORMS} does (meta, tiktok, google). */
export function comparePlatforms(a: Platform, b: Platform): number {
  return platformRank(a) - platformRank(b);
}

/**
 * Rows in one canonical order (platform, level, id, date, then every figure), so that floating
 * sums, and everything built on them, do not depend on the order the adapters returned rows in.
 */
export function canonicalOrder(rows: readonly InsightRow[]): InsightRow[] {
  return [...rows].sort(
    (a, b) =>
      comparePlatforms(a.platform, b.platform) ||
      LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) ||
      cmp(a.id, b.id) ||
      cmp(a.date, b.date) ||
      cmp(a.currency, b.currency) ||
      a.impressions - b.impressions ||
      a.clicks - b.clicks ||
      a.spend - b.spend ||
      a.conversions - b.conversions ||
      a.revenue - b.revenue ||
      cmp(a.name ?? '', b.name ?? ''),
  );
}

/**
 * The coarsest level present in the rows (campaign before adset before ad), or undefined for no
 * rows. Rows of several levels describe the same delivery, so account totals use only this level.
 */
function coarsestLevel(rows: readonly InsightRow[]): Level | undefined {
  return LEVELS.find((l) => rows.some((r) => r.level === l));
}

/** The rows of the coarsest level present: the rows whose sum is the account's delivery without double counting. */
export function accountRows(rows: readonly InsightRow[]): InsightRow[] {
  const level = coarsestLevel(rows);
  return rows.filter((r) => r.level === level);
}

/** Groups values by a string key; the map keeps first-seen order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Sums rows and adds the ratios (ctr, cpc, cpa, roas, cpm; null for a zero denominator). */
export function metricsOf(rows: readonly BaseMetrics[]): Metrics {
  return withRatios(sumMetrics(rows));
}

/** Keeps only the asked metrics (all when `names` is undefined or empty). */
function pickMetrics(m: Metrics, names: readonly MetricName[] | undefined): MetricValues {
  if (!names?.length) return m;
  return Object.fromEntries(names.map((n) => [n, m[n]])) as MetricValues;
}

/** Currencies present in the rows, sorted. */
export function currenciesOf(rows: readonly InsightRow[]): string[] {
  return [...new Set(rows.map((r) => r.currency))].sort();
}

/** What a report covers and shows. */
export interface ReportOptions {
  /** inclusive dates; rows outside are ignored. */
  span: DateSpan;
  /** platforms to include; 'all' or undefined: every platform. */
  platforms?: readonly Platform[] | 'all';
  /** metrics to show; undefined or empty: all of {@link METRIC_NAMES}. */
  metrics?: readonly MetricName[];
  /** level of the rows to report on; rows of other levels are ignored. */
  level: Level;
  /**
   * level of the per-object rows, the same as `level` (default) or coarser: ad rows rolled up to
   * their ad set (`adset_id`) or campaign (`campaign_id`). A rolled-up object has no name (rows
   * carry only their own). Rows without the parent id stay as their own object.
   */
  groupBy?: Level;
}

/** One object's delivery over the span. */
export interface ReportRow {
  platform: Platform;
  level: Level;
  id: string;
  /** display name (request-key suffix removed); absent for rolled-up parents. */
  name?: string;
  campaign_id?: string;
  adset_id?: string;
  currency: string;
  metrics: MetricValues;
}

/** Metrics of one currency. */
export interface CurrencyMetrics {
  currency: string;
  metrics: MetricValues;
}

/** One platform's delivery in one currency. */
export interface PlatformMetrics extends CurrencyMetrics {
  platform: Platform;
}

/** One day's delivery in one currency (days without delivery have zero counts and null ratios). */
export interface DailyMetrics extends CurrencyMetrics {
  date: string;
}

/** A get_reports answer (seed 000 需求 8.1; seed 001 property 14, 16). */
export interface Report {
  span: DateSpan;
  level: Level;
  group_by: Level;
  /** the platforms asked for ('all' resolved to every platform). */
  platforms: Platform[];
  /** the metrics every `metrics` object below carries. */
  metrics: MetricName[];
  /** the single currency of all rows; null when there are none or several. */
  currency: string | null;
  /** totals when all rows share one currency, else null (see `totals_by_currency`). */
  totals: MetricValues | null;
  /** totals per currency, sorted by currency code (one entry in the usual single-currency case). */
  totals_by_currency: CurrencyMetrics[];
  /** per platform and currency, in platform order (meta, tiktok, google). */
  by_platform: PlatformMetrics[];
  /** per object, the largest spend first (then platform, id). */
  rows: ReportRow[];
  /** every date of the span for every currency, in date order then currency. */
  daily: DailyMetrics[];
}

function groupId(row: InsightRow, groupLevel: Level): { level: Level; id: string; own: boolean } {
  const parent = groupLevel === 'campaign' ? row.campaign_id : groupLevel === 'adset' ? row.adset_id : undefined;
  return groupLevel !== row.level && parent !== undefined ? { level: groupLevel, id: parent, own: false } : { level: row.level, id: row.id, own: true };
}

function objectRows(rows: readonly InsightRow[], groupLevel: Level, metrics: readonly MetricName[]): ReportRow[] {
  const groups = groupBy(rows, (r) => {
    const g = groupId(r, groupLevel);
    return `${r.platform}\u0000${g.level}\u0000${g.id}`;
  });
  const out = [...groups.values()].map((list) => {
    const first = list[0] as InsightRow;
    const g = groupId(first, groupLevel);
    const all = metricsOf(list);
    const name = g.own ? objectName(first) : undefined;
    const row: ReportRow = { platform: first.platform, level: g.level, id: g.id, currency: first.currency, metrics: pickMetrics(all, metrics) };
    if (name !== undefined) row.name = name;
    if (first.campaign_id !== undefined && g.level !== 'campaign') row.campaign_id = first.campaign_id;
    if (first.adset_id !== undefined && g.level === 'ad') row.adset_id = first.adset_id;
    return { row, spend: all.spend };
  });
  out.sort((a, b) => b.spend - a.spend || comparePlatforms(a.row.platform, b.row.platform) || cmp(a.row.id, b.row.id));
  return out.map((o) => o.row);
}

/**
 * Builds a report from daily rows of any platforms (seed 000 需求 8.1, task 11.2: date range,
 * platform, metrics and level filters; normalised and merged across platforms).
 * Rows outside the span, of other platforms or of other levels are ignored. The result does not
 * depend on the order of `rows`.
 * @param rows daily rows (money in major units of each row's currency)
 */
export function buildReport(rows: readonly InsightRow[], options: ReportOptions): Report {
  const { span, level } = options;
  const platforms = options.platforms === undefined || options.platforms === 'all' ? [...PLATFORMS] : [...new Set(options.platforms)].sort(comparePlatforms);
  const metrics = options.metrics?.length ? METRIC_NAMES.filter((m) => options.metrics?.includes(m)) : [...METRIC_NAMES];
  const groupLevel = options.groupBy ?? level;
  const kept = canonicalOrder(rows).filter((r) => r.level === level && platforms.includes(r.platform) && inSpan(r.date, span));
  const currencies = currenciesOf(kept);
  const byCurrency = groupBy(kept, (r) => r.currency);
  const totalsByCurrency = currencies.map((currency) => ({ currency, metrics: pickMetrics(metricsOf(byCurrency.get(currency) ?? []), metrics) }));
  const byPlatform = [...groupBy(kept, (r) => `${r.platform}\u0000${r.currency}`).values()]
    .map((list) => {
      const first = list[0] as InsightRow;
      return { platform: first.platform, currency: first.currency, metrics: pickMetrics(metricsOf(list), metrics) };
    })
    .sort((a, b) => comparePlatforms(a.platform, b.platform) || cmp(a.currency, b.currency));
  const byDay = groupBy(kept, (r) => `${r.date}\u0000${r.currency}`);
  const daily = datesOf(span).flatMap((date) =>
    currencies.map((currency) => ({ date, currency, metrics: pickMetrics(metricsOf(byDay.get(`${date}\u0000${currency}`) ?? []), metrics) })),
  );
  const single = currencies.length === 1 ? (totalsByCurrency[0] ?? null) : null;
  return {
    span,
    level,
    group_by: groupLevel,
    platforms,
    metrics,
    currency: single?.currency ?? null,
    totals: single?.metrics ?? null,
    totals_by_currency: totalsByCurrency,
    by_platform: byPlatform,
    rows: objectRows(kept, groupLevel, metrics),
    daily,
  };
}
