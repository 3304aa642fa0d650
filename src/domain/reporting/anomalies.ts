/**
 * detect_anomaly (seed 000 task 11.4, 需求 8.3): sudden changes in each object's daily delivery,
 * found by comparing a recent window (default the last 3 days) with the baseline window just
 * before it (default 7 days), with z-scores and moving-average deviation from simple-statistics.
 *
 * Rules (relative changes are fractions of the baseline; all thresholds are strict "more than"):
 * - ctr drop: recent CTR vs the baseline window's CTR, both ratio-of-sums (Σclicks / Σimpressions,
 *   not a mean of daily ratios). Over 20 % → warning, over 50 % → critical, 15-20 % → info.
 * - cpa spike: ratio-of-sums CPA. Over 30 % → warning, over 60 % → critical, 20-30 % → info.
 * - roas drop: ratio-of-sums ROAS. Over 30 % → warning, over 50 % → critical, 20-30 % → info.
 * - spend: a recent day whose spend deviates from the baseline's moving average (mean daily spend)
 *   by more than 50 %, or by |z| ≥ 3 of the baseline's daily spend when the deviation is at least
 *   20 % (so a budget-capped, nearly constant series does not alert on cents). Spend more than
 *   doubled → critical, else warning; spend stopped on every recent day → kind `zero`, warning.
 * - conversions zero: no conversion on any recent day while spending, after converting in the
 *   baseline. Critical when the baseline CPA says ≥ 3 conversions were expected (a Poisson count
 *   with mean 3 is zero only 5 % of the time), warning when ≥ 1 was expected, else nothing.
 * Noise guards, per object: at least 3 baseline days since the object's first delivery; CTR needs
 * ≥ 100 impressions a day on average in both windows and ≥ 20 expected recent clicks; CPA and ROAS
 * need ≥ 3 baseline conversions, ≥ 1 recent conversion and ≥ 3 expected recent conversions; and when
 * the baseline's daily values vary, a CTR / CPA / ROAS alert also needs |z| ≥ 1 (the recent value
 * lies outside the baseline's normal day-to-day range).
 *
 * Units: ctr a fraction, roas a ratio, cpa and spend in major units of the object's currency (spend
 * per day), conversions per day; `change_pct` in percent (−60 means −60 %).
 */
import { mean, sampleStandardDeviation, zScore } from 'simple-statistics';
import type { BaseMetrics, Metrics } from '../ads/metrics.js';
import type { InsightRow, Level, Platform } from '../ads/types.js';
import { canonicalOrder, comparePlatforms, groupBy, LEVELS, metricsOf, objectName } from './aggregate.js';
import { addDays } from './periods.js';

/** The metric an anomaly is about. */
export type AnomalyMetric = 'ctr' | 'cpa' | 'spend' | 'conversions' | 'roas';
/** Direction of the change; `zero` when conversions (or spend) stopped altogether. */
export type AnomalyKind = 'drop' | 'spike' | 'zero';
/** How urgent an anomaly is: info (just under a threshold), warning, critical. */
export type Severity = 'info' | 'warning' | 'critical';

/** Codes of likely causes; src/domain/replies/labels.ts words them in Chinese and English. */
export const LIKELY_CAUSES = [
  'creative_fatigue',
  'audience_saturation',
  'competition',
  'tracking_issue',
  'landing_page_issue',
  'lower_order_value',
  'budget_change',
  'delivery_issue',
] as const;
/** A likely cause code. */
export type LikelyCause = (typeof LIKELY_CAUSES)[number];

/** Codes of remediation actions; src/domain/replies/labels.ts words them in Chinese and English. */
export const REMEDIATIONS = [
  'refresh_creative',
  'broaden_audience',
  'lower_bid',
  'raise_bid',
  'check_pixel',
  'review_landing_page',
  'review_offer',
  'check_budget',
  'check_delivery',
] as const;
/** A remediation code. */
export type Remediation = (typeof REMEDIATIONS)[number];

/** One detected anomaly of one object. */
export interface Anomaly {
  platform: Platform;
  level: Level;
  id: string;
  /** display name (request-key suffix removed). */
  name?: string;
  currency: string;
  metric: AnomalyMetric;
  kind: AnomalyKind;
  /** baseline window value: ctr fraction, roas ratio, cpa major units, spend major units per day, conversions per day. */
  baseline: number;
  /** recent value in the same unit (spend: the most deviating recent day). */
  recent: number;
  /** (recent / baseline − 1) × 100, in percent. */
  change_pct: number;
  /** the recent value's z-score against the baseline's daily values; null when they do not vary or are too few. */
  z_score: number | null;
  severity: Severity;
  /** first date (ISO) the change shows in the daily values. */
  since: string;
  likely_causes: LikelyCause[];
  remediation: Remediation[];
}

/** Thresholds and guards of the rules (fractions of the baseline unless stated). See the module docstring. */
export const ANOMALY_RULES = {
  ctr: { info: 0.15, warning: 0.2, critical: 0.5, minImpressionsPerDay: 100, minExpectedClicks: 20 },
  cpa: { info: 0.2, warning: 0.3, critical: 0.6 },
  roas: { info: 0.2, warning: 0.3, critical: 0.5 },
  /** CPA and ROAS volume guards. */
  conversionGuards: { minBaseline: 3, minRecent: 1, minExpected: 3 },
  spend: { deviation: 0.5, z: 3, zMinDeviation: 0.2, critical: 1 },
  /** expected recent conversions for the zero-conversions alert. */
  zeroConversions: { minBaseline: 3, warningExpected: 1, criticalExpected: 3 },
  minBaselineDays: 3,
  /** |z| a ratio alert needs when the baseline varies. */
  minAbsZ: 1,
  /** relative shift of a component metric (CPM, CTR, conversion rate, order value) taken as a cause. */
  causeShift: 0.15,
} as const;

/** Windows of {@link detectAnomalies}. */
export interface AnomalyOptions {
  /** days in the recent window (default 3). */
  recentDays?: number;
  /** days in the baseline window just before it (default 7). */
  baselineDays?: number;
  /**
   * last day evaluated (ISO); default the latest date in the rows. Pass the last complete day: a
   * partial "today" looks like a spend drop.
   */
  until?: string;
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

interface Window {
  dates: string[];
  days: BaseMetrics[];
  total: Metrics;
}

interface ObjectData {
  first: InsightRow;
  baseline: Window;
  recent: Window;
}

const ZERO: BaseMetrics = { impressions: 0, clicks: 0, spend: 0, conversions: 0, revenue: 0 };

function window(byDate: Map<string, InsightRow[]>, dates: string[]): Window {
  const days = dates.map((d) => metricsOf(byDate.get(d) ?? [ZERO]));
  return { dates, days, total: metricsOf(days) };
}

/** A value's z-score against samples (sample standard deviation); null for fewer than 2 samples or no variation. */
function zAgainst(value: number, samples: number[]): number | null {
  if (samples.length < 2) return null;
  const sd = sampleStandardDeviation(samples);
  return sd > 0 ? zScore(value, mean(samples), sd) : null;
}

const rel = (recent: number | null, baseline: number | null) => (recent !== null && baseline !== null && baseline > 0 ? recent / baseline - 1 : null);
const unique = <T>(xs: T[]): T[] => [...new Set(xs)];
const cvr = (m: BaseMetrics) => (m.clicks > 0 ? m.conversions / m.clicks : null);
const aov = (m: BaseMetrics) => (m.conversions > 0 ? m.revenue / m.conversions : null);

/**
 * Causes and remedies read off the component metrics: CPA = CPM / (1000 × CTR × CVR) and
 * ROAS = 1000 × CTR × CVR × order value / CPM, so pricier impressions (CPM up) point to competition,
 * fewer clicks per impression (CTR down) to the creative, fewer conversions per click (CVR down) to
 * the landing page or tracking, and smaller orders to the offer.
 */
function diagnose(o: ObjectData, metric: AnomalyMetric, kind: AnomalyKind): { likely_causes: LikelyCause[]; remediation: Remediation[] } {
  const b = o.baseline.total;
  const r = o.recent.total;
  const up = (x: number | null) => x !== null && x > ANOMALY_RULES.causeShift;
  const down = (x: number | null) => x !== null && x < -ANOMALY_RULES.causeShift;
  const pricier = up(rel(r.cpm, b.cpm));
  const causes: LikelyCause[] = [];
  const fixes: Remediation[] = [];
  const add = (c: LikelyCause[], f: Remediation[]) => {
    causes.push(...c);
    fixes.push(...f);
  };
  if (metric === 'ctr') {
    add(['creative_fatigue', 'audience_saturation'], ['refresh_creative', 'broaden_audience']);
    if (pricier) add(['competition'], []);
  } else if (metric === 'conversions') {
    add(['tracking_issue', 'landing_page_issue'], ['check_pixel', 'review_landing_page']);
  } else if (metric === 'spend') {
    add(kind === 'spike' ? ['budget_change'] : ['budget_change', 'delivery_issue'], kind === 'spike' ? ['check_budget'] : ['check_budget', 'check_delivery']);
    if (pricier) add(['competition'], [kind === 'spike' ? 'lower_bid' : 'raise_bid']);
  } else {
    if (pricier) add(['competition'], ['lower_bid']);
    if (down(rel(r.ctr, b.ctr))) add(['creative_fatigue'], ['refresh_creative']);
    if (down(rel(cvr(r), cvr(b)))) add(['landing_page_issue', 'tracking_issue'], ['review_landing_page', 'check_pixel']);
    if (metric === 'roas' && down(rel(aov(r), aov(b)))) add(['lower_order_value'], ['review_offer']);
    if (causes.length === 0) add(['landing_page_issue', 'competition'], ['review_landing_page', 'lower_bid']);
  }
  return { likely_causes: unique(causes), remediation: unique(fixes) };
}

function anomaly(
  o: ObjectData,
  fields: Pick<Anomaly, 'metric' | 'kind' | 'baseline' | 'recent' | 'z_score' | 'severity' | 'since'>,
): Anomaly {
  const name = objectName(o.first);
  return {
    platform: o.first.platform,
    level: o.first.level,
    id: o.first.id,
    ...(name !== undefined ? { name } : {}),
    currency: o.first.currency,
    ...fields,
    change_pct: (fields.recent / fields.baseline - 1) * 100,
    ...diagnose(o, fields.metric, fields.kind),
  };
}

/** Severity of a relative change against info / warning / critical thresholds (change is signed; `sign` −1 for drops). */
function severityOf(change: number, sign: 1 | -1, t: { info: number; warning: number; critical: number }): Severity | undefined {
  const c = change * sign;
  if (c > t.critical) return 'critical';
  if (c > t.warning) return 'warning';
  if (c > t.info) return 'info';
  return undefined;
}

/** First recent date whose own daily value is past the info threshold, else the window's first date. */
function sinceOf(o: ObjectData, daily: (m: Metrics) => number | null, baseline: number, sign: 1 | -1, info: number): string {
  const i = o.recent.days.findIndex((d) => {
    const v = daily(metricsOf([d]));
    return v !== null && (v / baseline - 1) * sign > info;
  });
  return o.recent.dates[Math.max(i, 0)] as string;
}

type RatioMetric = 'ctr' | 'cpa' | 'roas';

/** CTR drop, CPA spike or ROAS drop of the ratio-of-sums between the windows. */
function ratioRule(o: ObjectData, metric: RatioMetric): Anomaly | undefined {
  const b = o.baseline.total;
  const r = o.recent.total;
  if (!passesVolumeGuard(o, metric)) return undefined;
  const baseline = b[metric];
  const recent = r[metric];
  if (baseline === null || recent === null || baseline <= 0) return undefined;
  const sign = metric === 'cpa' ? 1 : -1;
  const t = ANOMALY_RULES[metric];
  const severity = severityOf(recent / baseline - 1, sign, t);
  if (!severity) return undefined;
  const samples = o.baseline.days.map((d) => metricsOf([d])[metric]).filter((v): v is number => v !== null);
  const z = zAgainst(recent, samples);
  if (z !== null && Math.abs(z) < ANOMALY_RULES.minAbsZ) return undefined;
  const since = sinceOf(o, (m) => m[metric], baseline, sign, t.info);
  return anomaly(o, { metric, kind: sign > 0 ? 'spike' : 'drop', baseline, recent, z_score: z, severity, since });
}

function passesVolumeGuard(o: ObjectData, metric: RatioMetric): boolean {
  const b = o.baseline.total;
  const r = o.recent.total;
  if (metric === 'ctr') {
    const g = ANOMALY_RULES.ctr;
    return (
      b.impressions / o.baseline.days.length >= g.minImpressionsPerDay &&
      r.impressions / o.recent.days.length >= g.minImpressionsPerDay &&
      r.impressions * (b.ctr ?? 0) >= g.minExpectedClicks
    );
  }
  const g = ANOMALY_RULES.conversionGuards;
  const expected = b.cpa !== null ? r.spend / b.cpa : 0;
  return b.conversions >= g.minBaseline && r.conversions >= g.minRecent && expected >= g.minExpected;
}

/** A recent day's spend far from the baseline's moving average. */
function spendRule(o: ObjectData): Anomaly | undefined {
  const samples = o.baseline.days.map((d) => d.spend);
  const ma = mean(samples);
  if (ma <= 0) return undefined;
  const t = ANOMALY_RULES.spend;
  const flagged = o.recent.days
    .map((d, i) => ({ date: o.recent.dates[i] as string, spend: d.spend, dev: d.spend / ma - 1, z: zAgainst(d.spend, samples) }))
    .filter((d) => Math.abs(d.dev) > t.deviation || (d.z !== null && Math.abs(d.z) >= t.z && Math.abs(d.dev) >= t.zMinDeviation));
  const first = flagged[0];
  if (!first) return undefined;
  const worst = flagged.reduce((w, d) => (Math.abs(d.dev) > Math.abs(w.dev) ? d : w), first);
  const stopped = o.recent.days.every((d) => d.spend === 0);
  const kind: AnomalyKind = stopped ? 'zero' : worst.dev > 0 ? 'spike' : 'drop';
  const severity: Severity = worst.dev > t.critical ? 'critical' : 'warning';
  return anomaly(o, { metric: 'spend', kind, baseline: ma, recent: worst.spend, z_score: worst.z, severity, since: first.date });
}

/** No conversions in the recent window while spending, after converting in the baseline. */
function zeroConversionsRule(o: ObjectData): Anomaly | undefined {
  const b = o.baseline.total;
  const r = o.recent.total;
  const g = ANOMALY_RULES.zeroConversions;
  if (b.conversions < g.minBaseline || b.cpa === null || r.conversions > 0 || r.spend <= 0) return undefined;
  const expected = r.spend / b.cpa;
  const severity: Severity | undefined = expected >= g.criticalExpected ? 'critical' : expected >= g.warningExpected ? 'warning' : undefined;
  if (!severity) return undefined;
  const daily = o.baseline.days.map((d) => d.conversions);
  // the zero-conversion run may have started inside the baseline window
  const all = [...o.baseline.days, ...o.recent.days];
  const dates = [...o.baseline.dates, ...o.recent.dates];
  let start = all.length;
  while (start > 0 && (all[start - 1] as BaseMetrics).conversions === 0) start -= 1;
  const baseline = b.conversions / o.baseline.days.length;
  return anomaly(o, { metric: 'conversions', kind: 'zero', baseline, recent: 0, z_score: zAgainst(0, daily), severity, since: dates[start] as string });
}

/**
 * Finds anomalies in daily rows (seed 000 需求 8.3, task 11.4), per object (platform + level + id;
 * rows of several levels are analysed as separate objects). Days without a row count as days
 * without delivery; days before an object's first delivery are left out of its baseline.
 * The result does not depend on the order of `rows`.
 * @returns anomalies sorted by severity (critical first), then |change_pct| (largest first), then platform, level, id, metric
 */
export function detectAnomalies(rows: readonly InsightRow[], options: AnomalyOptions = {}): Anomaly[] {
  const recentDays = options.recentDays ?? 3;
  const baselineDays = options.baselineDays ?? 7;
  const ordered = canonicalOrder(rows);
  const until = options.until ?? ordered.reduce<string | undefined>((max, r) => (max === undefined || r.date > max ? r.date : max), undefined);
  if (until === undefined) return [];
  const recentDates = Array.from({ length: recentDays }, (_, i) => addDays(until, i - recentDays + 1));
  const baselineDates = Array.from({ length: baselineDays }, (_, i) => addDays(until, i - recentDays - baselineDays + 1));
  const found: Anomaly[] = [];
  for (const list of groupBy(ordered, (r) => `${r.platform}\u0000${r.level}\u0000${r.id}`).values()) {
    const first = list.find((r) => r.name !== undefined) ?? (list[0] as InsightRow);
    const firstDate = list.reduce((min, r) => (r.date < min ? r.date : min), first.date);
    const live = baselineDates.filter((d) => d >= firstDate);
    if (live.length < ANOMALY_RULES.minBaselineDays) continue;
    const byDate = groupBy(list, (r) => r.date);
    const o: ObjectData = { first, baseline: window(byDate, live), recent: window(byDate, recentDates) };
    const candidates = [ratioRule(o, 'ctr'), ratioRule(o, 'cpa'), ratioRule(o, 'roas'), spendRule(o), zeroConversionsRule(o)];
    found.push(...candidates.filter((a): a is Anomaly => a !== undefined));
  }
  return found.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      Math.abs(b.change_pct) - Math.abs(a.change_pct) ||
      comparePlatforms(a.platform, b.platform) ||
      LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) ||
      (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0),
  );
}
