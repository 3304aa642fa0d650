/**
 * Derived ad metrics from counts and money (seed 001 需求 8.3; property 14). Money in major units.
 * A ratio whose denominator is zero is null (not 0, not Infinity): "no clicks" has no CPC.
 */

/** The counts every platform reports. */
export interface BaseMetrics {
  impressions: number;
  clicks: number;
  /** major units */
  spend: number;
  conversions: number;
  /** major units */
  revenue: number;
}

export interface Metrics extends BaseMetrics {
  /** clicks / impressions, a fraction (0.02 = 2%). */
  ctr: number | null;
  /** spend / clicks, major units. */
  cpc: number | null;
  /** spend / conversions, major units. */
  cpa: number | null;
  /** revenue / spend, a ratio. */
  roas: number | null;
  /** spend / impressions × 1000, major units. */
  cpm: number | null;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** Adds up counts. */
export function sumMetrics(rows: readonly BaseMetrics[]): BaseMetrics {
  return rows.reduce<BaseMetrics>(
    (t, r) => ({
      impressions: t.impressions + r.impressions,
      clicks: t.clicks + r.clicks,
      spend: t.spend + r.spend,
      conversions: t.conversions + r.conversions,
      revenue: t.revenue + r.revenue,
    }),
    { impressions: 0, clicks: 0, spend: 0, conversions: 0, revenue: 0 },
  );
}

/** Counts plus CTR, CPC, CPA, ROAS and CPM. */
export function withRatios(m: BaseMetrics): Metrics {
  return {
    ...m,
    ctr: ratio(m.clicks, m.impressions),
    cpc: ratio(m.spend, m.clicks),
    cpa: ratio(m.spend, m.conversions),
    roas: ratio(m.revenue, m.spend),
    cpm: m.impressions > 0 ? (m.spend / m.impressions) * 1000 : null,
  };
}
