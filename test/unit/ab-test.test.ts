/**
 * A/B test budget split and analysis (seed 001 需求 5, properties 10-12). The reference p-values
 * were computed independently with SciPy 1.17.1, without Yates' correction:
 *   from scipy.stats import chi2_contingency
 *   chi2_contingency([[c1, n1 - c1], [c2, n2 - c2], ...], correction=False)
 */
import { describe, expect, it } from 'vitest';
import { analyzeAbTest, splitAbBudget, type AbTestAnalysis, type AbTestResult, type AbVariant } from '../../src/domain/ab-tests/analysis.js';
import { AppError } from '../../src/domain/errors.js';

/** A variant with `conversions` out of `clicks` (impressions 20× clicks, spend 1 per click, revenue 30 per conversion). */
const v = (variant_id: string, conversions: number, clicks: number, over: Partial<AbVariant> = {}): AbVariant => ({
  variant_id,
  impressions: clicks * 20,
  clicks,
  conversions,
  spend: clicks,
  revenue: conversions * 30,
  ...over,
});

function analysed(r: AbTestResult): AbTestAnalysis {
  if (r.status === 'insufficient_data') throw new Error('expected an analysis');
  return r;
}

function appError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('splitAbBudget (property 10)', () => {
  it('property 10: splits equally, rounding down to cents', () => {
    expect(splitAbBudget(100, 3, 'USD')).toEqual({ per_variant: 33.33, budgets: [33.33, 33.33, 33.33], unallocated: 0.01, currency: 'USD' });
    expect(splitAbBudget(90, 2, 'USD')).toEqual({ per_variant: 45, budgets: [45, 45], unallocated: 0, currency: 'USD' });
    expect(splitAbBudget(0.3 * 100, 3, 'USD').per_variant).toBe(10);
  });

  it('property 10: rounds to whole units for currencies without minor units', () => {
    expect(splitAbBudget(1000, 3, 'JPY')).toEqual({ per_variant: 333, budgets: [333, 333, 333], unallocated: 1, currency: 'JPY' });
  });

  it('rejects fewer than 2 variants, a non-positive total and budgets below the minimum', () => {
    expect(appError(() => splitAbBudget(100, 1, 'USD')).details).toMatchObject({ reason: 'too_few_variants' });
    expect(appError(() => splitAbBudget(100, 2.5, 'USD')).details).toMatchObject({ reason: 'too_few_variants' });
    expect(appError(() => splitAbBudget(0, 2, 'USD')).details).toMatchObject({ reason: 'invalid_total' });
    expect(appError(() => splitAbBudget(Number.NaN, 2, 'USD')).code).toBe('1001');
    expect(appError(() => splitAbBudget(2.5, 3, 'USD')).details).toMatchObject({ reason: 'below_minimum', per_variant: 0.83 });
  });
});

describe('analyzeAbTest: chi-square against SciPy (property 11)', () => {
  const cases: Array<{ name: string; variants: AbVariant[]; denominator?: 'clicks' | 'impressions'; statistic: number; p: number; df: number }> = [
    // chi2_contingency([[120, 3880], [180, 3820]], correction=False)
    { name: '2 variants', variants: [v('a', 120, 4000), v('b', 180, 4000)], statistic: 12.467532467532468, p: 0.00041408673468087216, df: 1 },
    // chi2_contingency([[150, 4850], [160, 4840], [210, 4990]], correction=False)
    {
      name: '3 variants',
      variants: [v('a', 150, 5000), v('b', 160, 5000), v('c', 210, 5200)],
      statistic: 9.421730648307895,
      p: 0.008996988901246538,
      df: 2,
    },
    // chi2_contingency([[100, 1900], [105, 1895]], correction=False)
    { name: 'close rates', variants: [v('a', 100, 2000), v('b', 105, 2000)], statistic: 0.12853883479546258, p: 0.7199518614724325, df: 1 },
    // chi2_contingency([[300, 2700], [100, 2900]], correction=False)
    { name: 'very different rates', variants: [v('a', 300, 3000), v('b', 100, 3000)], statistic: 107.14285714285714, p: 4.1420917187326265e-25, df: 1 },
    // chi2_contingency([[110, 49890], [130, 51870], [125, 47875], [160, 50840]], correction=False)
    {
      name: '4 variants over impressions',
      variants: [
        v('a', 110, 1000, { impressions: 50_000 }),
        v('b', 130, 1000, { impressions: 52_000 }),
        v('c', 125, 1000, { impressions: 48_000 }),
        v('d', 160, 1000, { impressions: 51_000 }),
      ],
      denominator: 'impressions',
      statistic: 8.910521649737337,
      p: 0.03050451192162134,
      df: 3,
    },
  ];

  for (const c of cases) {
    it(`property 11: ${c.name}: statistic, df and p-value equal SciPy's to 1e-6`, () => {
      const r = analysed(analyzeAbTest(c.variants, { denominator: c.denominator ?? 'clicks' }));
      expect(r.test).toBe('chi_square');
      expect(r.df).toBe(c.df);
      expect(Math.abs(r.statistic - c.statistic)).toBeLessThan(1e-6);
      expect(Math.abs(r.p_value - c.p)).toBeLessThan(1e-6);
      expect(r.confidence).toBeCloseTo(1 - c.p, 12);
    });
  }

  it('property 11: tiny p-values keep their relative precision (upper incomplete gamma, not 1 − CDF)', () => {
    const r = analysed(analyzeAbTest([v('a', 300, 3000), v('b', 100, 3000)]));
    expect(r.p_value / 4.1420917187326265e-25).toBeCloseTo(1, 9);
  });

  it('uses no Yates correction on 2×2 tables (SciPy with correction=True gives 0.000516 here)', () => {
    const r = analysed(analyzeAbTest([v('a', 120, 4000), v('b', 180, 4000)]));
    expect(Math.abs(r.p_value - 0.0005164225415397811)).toBeGreaterThan(1e-5);
  });

  it('equal rates give statistic 0 and p-value 1', () => {
    const r = analysed(analyzeAbTest([v('a', 100, 1000), v('b', 200, 2000)]));
    expect(r.statistic).toBeCloseTo(0, 12);
    expect(r.p_value).toBeCloseTo(1, 9);
    expect(r.status).toBe('no_significant_difference');
  });
});

describe('analyzeAbTest: sample size (需求 5.5)', () => {
  it('returns 数据不足 with the current counts when a variant has fewer than 100 conversions', () => {
    const r = analyzeAbTest([v('a', 150, 3000), v('b', 99, 3000)]);
    expect(r).toMatchObject({
      status: 'insufficient_data',
      message_zh: '数据不足，建议继续测试',
      min_conversions: 100,
      counts: [
        { variant_id: 'a', conversions: 150 },
        { variant_id: 'b', conversions: 99 },
      ],
    });
    expect(r.message_en).toContain('100');
  });

  it('honours a custom minimum', () => {
    expect(analyzeAbTest([v('a', 20, 300), v('b', 40, 300)], { minConversions: 20 }).status).toBe('winner');
    expect(analyzeAbTest([v('a', 20, 300), v('b', 40, 300)], { minConversions: 21 }).status).toBe('insufficient_data');
  });
});

describe('analyzeAbTest: winner and recommendations (properties 11, 12)', () => {
  it('property 12: names the best conversion rate and recommends pausing the worst and +50% for the winner', () => {
    const r = analysed(
      analyzeAbTest([
        v('a', 150, 5000, { adset_id: 'as-a', name: 'Blue' }),
        v('b', 160, 5000, { adset_id: 'as-b', name: 'Red' }),
        v('c', 210, 5200, { adset_id: 'as-c', name: 'Green' }),
      ]),
    );
    expect(r.status).toBe('winner');
    expect(r.winner).toBe('c');
    expect(r.ranked.map((x) => [x.rank, x.variant_id])).toEqual([
      [1, 'c'],
      [2, 'b'],
      [3, 'a'],
    ]);
    expect(r.ranked[0]).toMatchObject({ conversion_rate: 210 / 5200, conversions: 210, spend: 5200, cpa: 5200 / 210, roas: (210 * 30) / 5200, ctr: 0.05 });
    expect(r.recommendations).toEqual([
      expect.objectContaining({ action: 'pause', variant_id: 'a', adset_id: 'as-a', reason: 'lowest_conversion_rate' }),
      expect.objectContaining({ action: 'increase_budget', variant_id: 'c', adset_id: 'as-c', change_pct: 50, reason: 'significant_winner' }),
    ]);
    expect(r.recommendations[0]?.message_zh).toContain('暂停「Blue」');
    expect(r.recommendations[1]?.message_en).toContain('"Green" by 50%');
    expect(r.message_zh).toContain('「Green」胜出');
  });

  it('no winner and no recommendations when p ≥ alpha', () => {
    const r = analysed(analyzeAbTest([v('a', 100, 2000), v('b', 105, 2000)]));
    expect(r.status).toBe('no_significant_difference');
    expect(r.winner).toBeUndefined();
    expect(r.recommendations).toEqual([]);
    expect(r.message_zh).toContain('差异不显著');
  });

  it('alpha decides: p = 0.009 wins at 0.05 but not at 0.005', () => {
    const variants = [v('a', 150, 5000), v('b', 160, 5000), v('c', 210, 5200)];
    expect(analyzeAbTest(variants, { alpha: 0.05 }).status).toBe('winner');
    expect(analyzeAbTest(variants, { alpha: 0.005 }).status).toBe('no_significant_difference');
  });
});

describe('analyzeAbTest: validation (AppError 1001)', () => {
  it('rejects fewer than 2 variants', () => {
    expect(appError(() => analyzeAbTest([v('a', 150, 1000)])).details).toMatchObject({ reason: 'too_few_variants' });
  });
  it('rejects conversions above the denominator', () => {
    const e = appError(() => analyzeAbTest([v('a', 150, 1000), v('b', 150, 100)]));
    expect(e.code).toBe('1001');
    expect(e.details).toMatchObject({ reason: 'conversions_exceed_denominator', variant_id: 'b' });
    expect(appError(() => analyzeAbTest([v('a', 150, 1000, { impressions: 100 }), v('b', 150, 1000)], { denominator: 'impressions' })).details).toMatchObject({
      variant_id: 'a',
    });
  });
  it('rejects negative or non-finite counts, duplicate ids and a bad alpha', () => {
    expect(appError(() => analyzeAbTest([v('a', -1, 1000), v('b', 150, 1000)])).details).toMatchObject({ reason: 'invalid_variant' });
    expect(appError(() => analyzeAbTest([v('a', 150, Infinity), v('b', 150, 1000)])).details).toMatchObject({ reason: 'invalid_variant' });
    expect(appError(() => analyzeAbTest([v('a', 150, 1000), v('a', 150, 1000)])).details).toMatchObject({ reason: 'duplicate_variant' });
    expect(appError(() => analyzeAbTest([v('a', 150, 1000), v('b', 150, 1000)], { alpha: 1 })).details).toMatchObject({ reason: 'invalid_alpha' });
    expect(appError(() => analyzeAbTest([v('a', 150, 1000), v('b', 150, 1000)], { minConversions: -1 })).code).toBe('1001');
  });
});
