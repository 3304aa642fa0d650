/**
 * The reporting module (seed 000 phase 3, 需求 8.1-8.5): date ranges, reports merged across
 * platforms, analysis with planted winners and losers, anomaly rules, insufficient data replies.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import type { InsightRow, Level, Platform } from '../../src/domain/ads/types.js';
import {
  addDays,
  analysisFacts,
  analyzePerformance,
  buildReport,
  checkSufficiency,
  datesOf,
  daysBetween,
  detectAnomalies,
  isIsoDate,
  parseMetricNames,
  previousSpan,
  resolveDateRange,
  roundMoney,
  spanLength,
  spanOfDateRange,
  type Anomaly,
} from '../../src/domain/reporting/index.js';
import { describeAnalysis, describeAnomalies, describeInsufficient, describeReport } from '../../src/domain/replies/reporting.js';
import { formatMoney, formatPercent } from '../../src/domain/replies/format.js';

const UNTIL = '2024-03-14';

interface SeriesSpec {
  platform?: Platform;
  level?: Level;
  id: string;
  name?: string;
  days?: number;
  until?: string;
  currency?: string;
  campaign_id?: string;
  adset_id?: string;
  /** figures of day i (0 = the first day); defaults 10,000 impressions, 200 clicks, 100 spend, 5 conversions, 200 revenue. */
  day?: (i: number) => Partial<Pick<InsightRow, 'impressions' | 'clicks' | 'spend' | 'conversions' | 'revenue'>>;
}

/** Daily rows of one object ending on `until` (default {@link UNTIL}), 14 days by default. */
function series(s: SeriesSpec): InsightRow[] {
  const days = s.days ?? 14;
  return Array.from({ length: days }, (_, i) => ({
    platform: s.platform ?? 'meta',
    level: s.level ?? 'adset',
    id: s.id,
    name: s.name ?? s.id,
    ...(s.campaign_id ? { campaign_id: s.campaign_id } : {}),
    ...(s.adset_id ? { adset_id: s.adset_id } : {}),
    date: addDays(s.until ?? UNTIL, i - days + 1),
    impressions: 10_000,
    clicks: 200,
    spend: 100,
    conversions: 5,
    revenue: 200,
    currency: s.currency ?? 'USD',
    ...s.day?.(i),
  }));
}

/** Deterministic noise in [−amp, +amp]. */
const wobble = (i: number, amp: number, phase = 0) => 1 + amp * Math.sin(i * 1.7 + phase);

function expectAppError(fn: () => unknown, reason: string) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('1001');
    expect((err as AppError).details.reason).toBe(reason);
    return;
  }
  throw new Error('expected an AppError');
}

describe('periods (需求 8.1)', () => {
  it('resolves presets as complete days before today', () => {
    expect(resolveDateRange('today', '2024-03-01')).toEqual({ since: '2024-03-01', until: '2024-03-01' });
    expect(resolveDateRange('yesterday', '2024-01-01')).toEqual({ since: '2023-12-31', until: '2023-12-31' });
    expect(resolveDateRange('last_7_days', '2024-03-01')).toEqual({ since: '2024-02-23', until: '2024-02-29' });
    expect(resolveDateRange('last_7_days', '2023-03-01')).toEqual({ since: '2023-02-22', until: '2023-02-28' });
    expect(resolveDateRange('last_30_days', '2024-01-05')).toEqual({ since: '2023-12-06', until: '2024-01-04' });
    expect(spanLength(resolveDateRange('last_30_days', '2024-03-01'))).toBe(30);
  });

  it('does arithmetic on calendar days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-31', -31)).toBe('2024-02-29');
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2023-01-01', '2024-01-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(datesOf({ since: '2024-02-27', until: '2024-03-01' })).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-2-9')).toBe(false);
  });

  it('gives the previous period of the same length', () => {
    expect(previousSpan({ since: '2024-03-01', until: '2024-03-07' })).toEqual({ since: '2024-02-23', until: '2024-02-29' });
    expect(previousSpan({ since: '2024-01-01', until: '2024-01-01' })).toEqual({ since: '2023-12-31', until: '2023-12-31' });
    expect(previousSpan({ since: '2023-03-01', until: '2023-03-31' })).toEqual({ since: '2023-01-29', until: '2023-02-28' });
  });

  it('validates custom ranges with AppError 1001 and clamps the end to today', () => {
    expect(resolveDateRange('custom', '2024-03-10', { since: '2024-02-01', until: '2024-02-29' })).toEqual({ since: '2024-02-01', until: '2024-02-29' });
    expect(resolveDateRange('custom', '2024-03-10', { since: '2024-03-01', until: '2024-03-31' })).toEqual({ since: '2024-03-01', until: '2024-03-10' });
    expectAppError(() => resolveDateRange('custom', '2024-03-10', { since: '2024-03-05', until: '2024-03-01' }), 'since_after_until');
    expectAppError(() => resolveDateRange('custom', '2024-03-10', { since: '2023-02-29', until: '2023-03-01' }), 'invalid_date');
    expectAppError(() => resolveDateRange('custom', '2024-03-10', { since: '2024-03-01' }), 'missing_custom');
    expectAppError(() => resolveDateRange('custom', '2024-03-10', { since: '2024-04-01', until: '2024-04-02' }), 'in_future');
    expectAppError(() => resolveDateRange('custom', '2024-03-10', { since: '2022-01-01', until: '2024-03-01' }), 'too_long');
    expectAppError(() => resolveDateRange('today', '2024-13-01'), 'invalid_date');
  });

  it('reads the intent date_range parameter', () => {
    expect(spanOfDateRange(undefined, '2024-03-01')).toEqual({ since: '2024-02-23', until: '2024-02-29' });
    expect(spanOfDateRange({ preset: 'custom', start: '2024-02-01', end: '2024-02-10' }, '2024-03-01')).toEqual({ since: '2024-02-01', until: '2024-02-10' });
  });
});

describe('buildReport (需求 8.1)', () => {
  const span = { since: '2024-03-08', until: UNTIL };
  const rows = [
    ...series({ platform: 'meta', id: 'm1', name: 'Spring [rk:wf-1.a]' }),
    ...series({ platform: 'tiktok', id: 't1', day: () => ({ spend: 50.5, revenue: 101 }) }),
    ...series({ platform: 'google', id: 'g1', days: 3, day: () => ({ spend: 0.1 }) }),
    ...series({ platform: 'meta', level: 'ad', id: 'a1' }),
  ];

  it('merges platforms into exact totals, a platform breakdown, object rows and a zero-filled daily series', () => {
    const r = buildReport(rows, { span, level: 'adset' });
    expect(r.currency).toBe('USD');
    expect(r.totals?.spend).toBeCloseTo(7 * 100 + 7 * 50.5 + 3 * 0.1, 10);
    expect(r.totals?.impressions).toBe(17 * 10_000);
    expect(r.totals?.roas).toBeCloseTo((7 * 200 + 7 * 101 + 3 * 200) / (700 + 353.5 + 0.3), 10);
    expect(r.by_platform.map((p) => p.platform)).toEqual(['meta', 'tiktok', 'google']);
    expect(r.rows.map((x) => x.id)).toEqual(['m1', 't1', 'g1']);
    expect(r.rows[0]?.name).toBe('Spring');
    expect(r.daily).toHaveLength(7);
    expect(r.daily.map((d) => d.metrics.spend)).toEqual([150.5, 150.5, 150.5, 150.5, 150.6, 150.6, 150.6].map((x) => expect.closeTo(x, 10)));
  });

  it('keeps only asked platforms and metrics but always the identifying fields', () => {
    const r = buildReport(rows, { span, level: 'adset', platforms: ['tiktok'], metrics: ['roas', 'spend'] });
    expect(r.metrics).toEqual(['spend', 'roas']);
    expect(r.totals).toEqual({ spend: 353.5, roas: 2 });
    expect(r.rows).toEqual([{ platform: 'tiktok', level: 'adset', id: 't1', name: 't1', currency: 'USD', metrics: { spend: 353.5, roas: 2 } }]);
    expect(Object.keys(r.daily[0]?.metrics ?? {})).toEqual(['spend', 'roas']);
  });

  it('keeps currencies apart', () => {
    const r = buildReport([...series({ id: 'u' }), ...series({ platform: 'tiktok', id: 'c', currency: 'CNY' })], { span, level: 'adset' });
    expect(r.currency).toBeNull();
    expect(r.totals).toBeNull();
    expect(r.totals_by_currency.map((t) => [t.currency, t.metrics.spend])).toEqual([
      ['CNY', 700],
      ['USD', 700],
    ]);
    expect(r.daily).toHaveLength(14);
  });

  it('rolls ad rows up to their ad set', () => {
    const ads = [...series({ level: 'ad', id: 'a1', adset_id: 's1', campaign_id: 'c1' }), ...series({ level: 'ad', id: 'a2', adset_id: 's1', campaign_id: 'c1' })];
    const r = buildReport(ads, { span, level: 'ad', groupBy: 'adset' });
    expect(r.rows).toEqual([{ platform: 'meta', level: 'adset', id: 's1', campaign_id: 'c1', currency: 'USD', metrics: expect.objectContaining({ spend: 1400 }) }]);
  });

  it('normalises metric names and rounds money only for display', () => {
    expect(parseMetricNames(['ROAS', 'Cost per click', '点击率', 'spend', 'reach'])).toEqual({ metrics: ['spend', 'ctr', 'cpc', 'roas'], unknown: ['reach'] });
    expect(roundMoney(10.005, 'USD')).toBeCloseTo(10.01, 10);
    expect(roundMoney(1234.6, 'JPY')).toBe(1235);
    expect(formatMoney(1234.5, 'USD')).toBe('1,234.50 USD');
    expect(formatPercent(0.0256)).toBe('2.6%');
    expect(formatPercent(0.0045)).toBe('0.45%');
  });

  it('describes a report in both languages', () => {
    const r = buildReport(rows, { span, level: 'adset', metrics: ['spend', 'roas'] });
    const en = describeReport(r, 'en');
    expect(en).toContain('Total: spend 1,053.80 USD, ROAS');
    expect(en).toContain('Meta ad set “Spring”');
    expect(describeReport(r, 'zh')).toContain('Meta 广告组「Spring」：花费 700.00 USD');
    expect(describeReport(buildReport([], { span, level: 'adset' }), 'en')).toContain('no delivery');
  });
});

describe('checkSufficiency and the insufficient-data reply (需求 8.5)', () => {
  it('requires 7 days and 1,000 impressions, counting one level only', () => {
    const few = series({ id: 's', days: 3, day: () => ({ impressions: 150 }) });
    const ads = series({ level: 'ad', id: 'a', days: 3, day: () => ({ impressions: 150 }) });
    const c = checkSufficiency([...few, ...ads]);
    expect(c).toEqual({ sufficient: false, days: 3, impressions: 450, min_days: 7, min_impressions: 1000, missing: ['days', 'impressions'], wait_days: 4 });
    expect(checkSufficiency(series({ id: 's', days: 7, day: () => ({ impressions: 100 }) })).missing).toEqual(['impressions']);
    expect(checkSufficiency(series({ id: 's', days: 7 })).sufficient).toBe(true);
    expect(checkSufficiency([]).wait_days).toBeNull();
  });

  it('explains the minimums and what to do meanwhile in both languages', () => {
    const c = checkSufficiency(series({ id: 's', days: 3, day: () => ({ impressions: 150 }) }));
    const en = describeInsufficient(c, 'en');
    expect(en).toContain('at least 7 days and 1,000 impressions');
    expect(en).toContain('3 days with delivery and 450 impressions');
    expect(en).toContain('about 4 more days');
    expect(en).toMatch(/Meanwhile/);
    const zh = describeInsufficient(c, 'zh');
    expect(zh).toContain('至少需要 7 天和 1,000 次展示');
    expect(zh).toContain('在此期间');
  });
});

describe('analyzePerformance (需求 8.2, 8.4)', () => {
  const span = { since: addDays(UNTIL, -13), until: UNTIL };
  const rows = [
    ...series({ id: 'win', name: 'Winner', campaign_id: 'c1', day: (i) => ({ revenue: 600 * wobble(i, 0.05), conversions: 12 }) }),
    ...series({ id: 'mid', name: 'Middle', campaign_id: 'c1', day: (i) => ({ revenue: 220 * wobble(i, 0.05, 1) }) }),
    ...series({ platform: 'tiktok', id: 'lose', name: 'Loser', campaign_id: 'c2', day: () => ({ revenue: 40, conversions: 1 }) }),
    ...series({ platform: 'tiktok', id: 'stop', name: 'Stopped', campaign_id: 'c2', day: (i) => (i >= 11 ? { conversions: 0, revenue: 0 } : {}) }),
    ...series({ level: 'ad', id: 'ad-tired', name: 'Tired ad', adset_id: 'mid', day: (i) => (i >= 11 ? { clicks: 100 } : {}) }),
    ...series({ level: 'ad', id: 'ad-fine', name: 'Fine ad', adset_id: 'win' }),
    ...series({ platform: 'google', id: 'tiny', name: 'Tiny', day: () => ({ spend: 1, revenue: 50, conversions: 1 }) }),
  ];
  const analysis = analyzePerformance(rows, { span });

  it('picks the planted winner and loser, ignoring objects with too little spend', () => {
    expect(analysis.performer_level).toBe('adset');
    expect(analysis.top_performers[0]?.id).toBe('win');
    expect(analysis.underperformers[0]?.id).toBe('lose');
    expect([...analysis.top_performers, ...analysis.underperformers].map((p) => p.id)).not.toContain('tiny');
    expect(analysis.top_performers[0]?.ranked_by).toBe('roas');
  });

  it('recommends actions with reasons and figures', () => {
    const byAction = Object.fromEntries(analysis.recommendations.map((r) => [`${r.action}:${r.target.id}`, r]));
    expect(analysis.recommendations.map((r) => r.action)).toEqual(['pause', 'decrease_budget', 'refresh_creative', 'increase_budget']);
    expect(byAction['increase_budget:win']).toMatchObject({ suggested_change_pct: 20, reason: { code: 'roas_above_average' } });
    expect(byAction['increase_budget:win']?.reason.figures.ratio).toBeGreaterThanOrEqual(1.5);
    expect(byAction['decrease_budget:lose']).toMatchObject({ suggested_change_pct: -20, reason: { code: 'roas_below_average' } });
    expect(byAction['pause:stop']?.reason).toMatchObject({ code: 'no_recent_conversions', figures: { days: 3, spend_recent: 300, conversions_recent: 0 } });
    expect(byAction['refresh_creative:ad-tired']?.reason).toMatchObject({ code: 'ctr_drop', figures: { change_pct: expect.closeTo(-50, 6) } });
    for (const r of analysis.recommendations) {
      expect(r.reason.code.length).toBeGreaterThan(0);
      expect(Object.keys(r.reason.figures).length).toBeGreaterThan(1);
    }
  });

  it('fits trends, compares with benchmarks and returns chart-ready series', () => {
    const roas = analysis.trends.find((t) => t.metric === 'roas');
    expect(roas).toMatchObject({ currency: 'USD', direction: 'down', assessment: 'worsening', points: 14 });
    expect(analysis.trends.find((t) => t.metric === 'spend')).toMatchObject({ direction: 'flat', assessment: 'stable' });
    const metaCtr = analysis.benchmarks.find((b) => b.platform === 'meta' && b.metric === 'ctr');
    expect(metaCtr).toMatchObject({ actual: 0.02, benchmark: 0.0253, verdict: 'worse' });
    expect(analysis.series.dates).toHaveLength(14);
    const names = analysis.series.series.map((s) => `${s.name}:${s.platform ?? 'all'}`);
    expect(names.slice(0, 4)).toEqual(['spend:all', 'spend:meta', 'spend:tiktok', 'spend:google']);
    expect(names).toContain('ctr:all');
    for (const s of analysis.series.series) expect(s.values).toHaveLength(14);
  });

  it('is deterministic and independent of row order', () => {
    expect(analyzePerformance([...rows].reverse(), { span })).toEqual(analysis);
  });

  it('ranks by CPA when nothing has revenue', () => {
    const leads = [
      ...series({ id: 'cheap', day: () => ({ revenue: 0, conversions: 10 }) }),
      ...series({ id: 'pricey', day: () => ({ revenue: 0, conversions: 2 }) }),
      ...series({ id: 'avg', day: () => ({ revenue: 0, conversions: 5 }) }),
    ];
    const a = analyzePerformance(leads, { span });
    expect(a.top_performers[0]).toMatchObject({ id: 'cheap', ranked_by: 'cpa' });
    expect(a.recommendations.map((r) => `${r.action}:${r.target.id}:${r.reason.code}`)).toEqual([
      'decrease_budget:pricey:cpa_above_average',
      'increase_budget:cheap:cpa_below_average',
    ]);
  });

  it('words the findings in both languages and gives the model rounded facts only', () => {
    const en = describeAnalysis(analysis, 'en');
    expect(en).toContain('Top performers: Meta ad set “Winner”');
    expect(en).toContain('Increase the budget of Meta ad set “Winner” by 20%');
    expect(en).toContain('Pause TikTok ad set “Stopped”: spent 300.00 USD in the last 3 days without a conversion');
    const zh = describeAnalysis(analysis, 'zh');
    expect(zh).toContain('将 Meta 广告组「Winner」的预算提高 20%');
    expect(zh).toContain('为 Meta 广告「Tired ad」更换素材');
    const facts = analysisFacts(analysis);
    expect(JSON.parse(JSON.stringify(facts))).toEqual(facts);
    expect(facts.recommendations.find((r) => r.action === 'refresh_creative')?.figures).toMatchObject({ ctr_baseline_pct: 2, ctr_recent_pct: 1, change_pct: -50 });
    expect(facts.totals[0]?.ctr_pct).toBe(2);
  });
});

describe('detectAnomalies (需求 8.3)', () => {
  const only = (list: Anomaly[], metric: Anomaly['metric']) => list.filter((a) => a.metric === metric);

  it('flags a 60% CTR drop as critical and a 25% drop as a warning', () => {
    const crit = detectAnomalies(series({ level: 'ad', id: 'a', day: (i) => ({ clicks: i >= 11 ? 80 : 200 * wobble(i, 0.03) }) }));
    expect(only(crit, 'ctr')).toEqual([
      expect.objectContaining({ id: 'a', kind: 'drop', severity: 'critical', since: '2024-03-12', change_pct: expect.closeTo(-60, 0), likely_causes: expect.arrayContaining(['creative_fatigue']), remediation: expect.arrayContaining(['refresh_creative']) }),
    ]);
    expect(only(crit, 'ctr')[0]?.z_score).toBeLessThan(-3);
    const warn = detectAnomalies(series({ level: 'ad', id: 'a', day: (i) => ({ clicks: i >= 11 ? 150 : 200 * wobble(i, 0.03) }) }));
    expect(only(warn, 'ctr')).toEqual([expect.objectContaining({ severity: 'warning', change_pct: expect.closeTo(-25, 0) })]);
  });

  it('finds nothing in a stable noisy series', () => {
    const rows = series({
      id: 's',
      days: 30,
      day: (i) => ({ impressions: 10_000 * wobble(i, 0.1), clicks: 200 * wobble(i, 0.12, 2), spend: 100 * wobble(i, 0.1, 4), conversions: 5 * wobble(i, 0.15, 1) }),
    });
    expect(detectAnomalies(rows)).toEqual([]);
  });

  it('finds an 80% CPA spike with its likely cause', () => {
    const rows = series({ id: 's', day: (i) => ({ conversions: i >= 11 ? 5 / 1.8 : 5 }) });
    const cpa = only(detectAnomalies(rows), 'cpa');
    expect(cpa).toEqual([expect.objectContaining({ kind: 'spike', severity: 'critical', change_pct: expect.closeTo(80, 6), likely_causes: ['landing_page_issue', 'tracking_issue'] })]);
  });

  it('finds zero conversions while spending as critical', () => {
    const rows = series({ id: 's', day: (i) => (i >= 11 ? { conversions: 0, revenue: 0 } : {}) });
    const found = detectAnomalies(rows);
    expect(found[0]).toMatchObject({ metric: 'conversions', kind: 'zero', severity: 'critical', recent: 0, baseline: 5, change_pct: -100, since: '2024-03-12' });
    expect(found[0]?.remediation).toContain('check_pixel');
  });

  it('does not alert on low volume', () => {
    const rows = series({ id: 's', day: (i) => ({ impressions: 80, clicks: i >= 11 ? 0 : 4, spend: 5, conversions: i >= 11 ? 0 : 0.2 }) });
    expect(detectAnomalies(rows).filter((a) => a.metric !== 'spend')).toEqual([]);
  });

  it('flags spend far from the moving average and leaves budget-capped noise alone', () => {
    const spike = detectAnomalies(series({ id: 's', day: (i) => (i === 13 ? { spend: 260, impressions: 26_000, clicks: 520 } : { spend: 100 * wobble(i, 0.05), impressions: 10_000 * wobble(i, 0.05), clicks: 200 * wobble(i, 0.05) }) }));
    expect(only(spike, 'spend')).toEqual([expect.objectContaining({ kind: 'spike', severity: 'critical', since: UNTIL, likely_causes: ['budget_change'] })]);
    const stopped = detectAnomalies(series({ id: 's', days: 11, until: '2024-03-11' }), { until: UNTIL });
    expect(only(stopped, 'spend')).toEqual([expect.objectContaining({ kind: 'zero', severity: 'warning', recent: 0 })]);
    const capped = detectAnomalies(series({ id: 's', day: (i) => ({ spend: i === 12 ? 99.5 : 100 + (i % 2) * 0.01 }) }));
    expect(only(capped, 'spend')).toEqual([]);
  });

  it('sorts by severity then magnitude and describes anomalies in both languages', () => {
    const rows = [
      ...series({ level: 'ad', id: 'warn', day: (i) => ({ clicks: i >= 11 ? 150 : 200 }) }),
      ...series({ level: 'ad', id: 'crit', day: (i) => ({ clicks: i >= 11 ? 60 : 200 }) }),
    ];
    const found = detectAnomalies(rows);
    expect(found.map((a) => `${a.id}:${a.severity}`)).toEqual(['crit:critical', 'warn:warning']);
    expect(describeAnomalies(found, 'en')).toContain('[Critical] Meta ad “crit”: CTR fell 70.0% (2.0% → 0.60%) since 2024-03-12');
    expect(describeAnomalies(found, 'zh')).toContain('[严重] Meta 广告「crit」：点击率下降 70.0%');
    expect(describeAnomalies([], 'zh')).toContain('没有发现异常');
  });
});
