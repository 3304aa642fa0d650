/**
 * Property tests of A/B tests and rules (seed 001 properties 10-13), at least 100 runs each.
 * Oracles are independent of the implementation: the chi-square p-value in closed form from
 * simple-statistics' error function, rule metrics from exact integer-cent sums.
 */
import fc from 'fast-check';
import { errorFunction } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { analyzeAbTest, splitAbBudget, type AbTestAnalysis, type AbVariant } from '../../src/domain/ab-tests/analysis.js';
import { evaluateRule, parseRule, RULE_METRICS, RULE_OPERATORS, TIME_RANGE_DAYS, type Rule, type RuleInput, type RuleTarget } from '../../src/domain/rules/evaluate.js';
import { MIN_DAILY_BUDGET } from '../../src/domain/campaign-ops/changes.js';
import { PLATFORMS } from '../../src/domain/chat/intent.js';
import type { InsightRow } from '../../src/domain/ads/types.js';
import { addDays } from '../../src/domain/reporting/periods.js';

const RUNS = { numRuns: 150 };

describe('property 10: A/B budget split', () => {
  it('property 10: every variant gets total/N rounded down to cents; the sum never exceeds the total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2_400, max: 10_000_000 }), (n, cents) => {
        const total = cents / 100;
        const split = splitAbBudget(total, n, 'USD');
        const per = Math.floor(cents / n);
        expect(split.budgets).toHaveLength(n);
        expect(new Set(split.budgets)).toEqual(new Set([per / 100]));
        expect(split.per_variant).toBe(per / 100);
        expect(split.per_variant).toBeGreaterThanOrEqual(MIN_DAILY_BUDGET);
        expect(Math.round(split.unallocated * 100)).toBe(cents - per * n);
        expect(cents - per * n).toBeLessThan(n);
      }),
      RUNS,
    );
  });
});

/** P(X²_df ≥ x) in closed form (Abramowitz & Stegun 26.4.4-26.4.5), with simple-statistics' erf for odd df. */
function chiSquareSurvival(x: number, df: number): number {
  const h = x / 2;
  if (df % 2 === 0) {
    let term = 1;
    let sum = 1;
    for (let i = 1; i < df / 2; i++) {
      term *= h / i;
      sum += term;
    }
    return Math.exp(-h) * sum;
  }
  let term = Math.sqrt(h) / Math.sqrt(Math.PI) / 0.5; // h^{1/2} / Γ(3/2)
  let sum = 0;
  for (let i = 1; i <= (df - 1) / 2; i++) {
    sum += term;
    term *= h / (i + 0.5);
  }
  return 1 - errorFunction(Math.sqrt(h)) + Math.exp(-h) * sum;
}

/** Pearson's X² of [conversions, clicks − conversions] rows, cell by cell. */
function pearson(variants: readonly AbVariant[]): number {
  const rows = variants.map((v) => [v.conversions, v.clicks - v.conversions]);
  const col = [0, 1].map((j) => rows.reduce((s, r) => s + (r[j] ?? 0), 0));
  const n = (col[0] ?? 0) + (col[1] ?? 0);
  let x2 = 0;
  for (const r of rows) {
    const rowTotal = (r[0] ?? 0) + (r[1] ?? 0);
    r.forEach((o, j) => {
      const e = (rowTotal * (col[j] ?? 0)) / n;
      if (e > 0) x2 += (o - e) ** 2 / e;
    });
  }
  return x2;
}

const variantArb = (id: string, baseRate: number, spread: number, minConversions: number) =>
  fc
    .record({ clicks: fc.integer({ min: 600, max: 20_000 }), jitter: fc.integer({ min: -spread, max: spread }), spend: fc.integer({ min: 0, max: 1_000_000 }) })
    .map(({ clicks, jitter, spend }) => ({
      variant_id: id,
      adset_id: `as-${id}`,
      impressions: clicks * 30,
      clicks,
      conversions: Math.max(minConversions, Math.min(clicks, Math.round((clicks * Math.max(1, baseRate + jitter)) / 1000))),
      spend: spend / 100,
      revenue: spend / 50,
    }));

/**
 * 2 to 5 variants around a base conversion rate (per mille) with a small or a large spread, so that
 * both significant and non-significant tests occur; roughly half the time every variant has ≥ 100
 * conversions, otherwise some may fall short.
 */
const variantsArb = fc
  .record({ k: fc.integer({ min: 2, max: 5 }), sufficient: fc.boolean(), base: fc.integer({ min: 5, max: 250 }), spread: fc.constantFrom(0, 1, 3, 40) })
  .chain(({ k, sufficient, base, spread }) =>
    fc.tuple(...Array.from({ length: k }, (_, i) => variantArb(`v${i}`, base, spread, sufficient ? 100 : 0))),
  )
  .chain((vs) => fc.tuple(fc.constant(vs), fc.shuffledSubarray(vs, { minLength: vs.length, maxLength: vs.length })));

/** A variant's conversion rate over clicks. */
function rateOf(variants: readonly AbVariant[], id: string): number {
  const v = variants.find((x) => x.variant_id === id);
  if (!v) throw new Error(`no variant ${id}`);
  return v.conversions / v.clicks;
}

describe('property 11: chi-square analysis', () => {
  it('property 11: analysed iff every variant has ≥ 100 conversions; p in [0,1] equals the closed form; winner iff p < alpha', () => {
    fc.assert(
      fc.property(variantsArb, fc.constantFrom(0.01, 0.05, 0.1), ([variants], alpha) => {
        const r = analyzeAbTest(variants, { alpha });
        const sufficient = variants.every((v) => v.conversions >= 100);
        expect(r.status === 'insufficient_data').toBe(!sufficient);
        if (r.status === 'insufficient_data') {
          expect(r.message_zh).toBe('数据不足，建议继续测试');
          expect(r.counts).toEqual(variants.map((v) => ({ variant_id: v.variant_id, conversions: v.conversions })));
          return;
        }
        const x2 = pearson(variants);
        expect(r.df).toBe(variants.length - 1);
        expect(Math.abs(r.statistic - x2)).toBeLessThanOrEqual(1e-9 * Math.max(1, x2));
        expect(r.p_value).toBeGreaterThanOrEqual(0);
        expect(r.p_value).toBeLessThanOrEqual(1);
        expect(Math.abs(r.p_value - chiSquareSurvival(x2, r.df))).toBeLessThan(1e-6);
        expect(r.confidence).toBe(1 - r.p_value);
        expect(r.winner !== undefined).toBe(r.p_value < alpha);
        expect(r.status).toBe(r.p_value < alpha ? 'winner' : 'no_significant_difference');
        if (r.winner !== undefined) expect(rateOf(variants, r.winner)).toBe(Math.max(...variants.map((v) => v.conversions / v.clicks)));
        expect(r.ranked.map((x) => x.conversion_rate)).toEqual([...r.ranked.map((x) => x.conversion_rate)].sort((a, b) => b - a));
      }),
      RUNS,
    );
  });

  it('property 11: the analysis does not depend on the order of the variants', () => {
    fc.assert(
      fc.property(variantsArb, ([variants, shuffled]) => {
        const a = analyzeAbTest(variants);
        const b = analyzeAbTest(shuffled);
        if (a.status === 'insufficient_data' || b.status === 'insufficient_data') {
          expect(b.status).toBe(a.status);
          expect(new Set(b.status === 'insufficient_data' ? b.counts : [])).toEqual(new Set(a.status === 'insufficient_data' ? a.counts : []));
          return;
        }
        expect(b).toEqual(a);
      }),
      RUNS,
    );
  });
});

describe('property 12: recommendations', () => {
  it('property 12: a winner comes with "pause the worst" and "+50% for the winner"; no winner, no recommendations', () => {
    fc.assert(
      fc.property(variantsArb, ([variants]) => {
        const r = analyzeAbTest(variants);
        if (r.status === 'insufficient_data') return;
        const analysis: AbTestAnalysis = r;
        if (analysis.winner === undefined) {
          expect(analysis.recommendations).toEqual([]);
          return;
        }
        const worstRate = Math.min(...variants.map((v) => v.conversions / v.clicks));
        const [pause, raise] = analysis.recommendations;
        expect(analysis.recommendations).toHaveLength(2);
        expect(pause).toMatchObject({ action: 'pause', reason: 'lowest_conversion_rate' });
        expect(pause!.variant_id).not.toBe(analysis.winner);
        expect(rateOf(variants, pause!.variant_id)).toBe(worstRate);
        expect(pause!.adset_id).toBe(`as-${pause!.variant_id}`);
        expect(raise).toMatchObject({ action: 'increase_budget', variant_id: analysis.winner, change_pct: 50 });
      }),
      RUNS,
    );
  });
});

// ---- property 13: rules ----

const TODAY = '2024-06-15';
const ids = ['a', 'b', 'c', 'd'];

/** Thresholds on each metric's scale (rows below: spend up to 3,000, up to 40 conversions a day). */
const THRESHOLDS: Record<(typeof RULE_METRICS)[number], fc.Arbitrary<number>> = {
  cpa: fc.integer({ min: 0, max: 30_000 }).map((c) => c / 100),
  cpc: fc.integer({ min: 0, max: 1_000 }).map((c) => c / 100),
  roas: fc.integer({ min: 0, max: 400 }).map((c) => c / 100),
  ctr: fc.integer({ min: 0, max: 600 }).map((x) => x / 10_000),
  spend: fc.integer({ min: 0, max: 1_000_000 }).map((c) => c / 100),
  conversions: fc.integer({ min: 0, max: 200 }),
  impressions: fc.integer({ min: 0, max: 200_000 }),
};

/** A scope filter in a quarter of the rules (filters are tested in the unit tests; here they must not hide everything). */
const sometimes = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: arb, weight: 1 });

const conditionArb = fc.constantFrom(...RULE_METRICS).chain((metric) =>
  fc.record(
    {
      metric: fc.constant(metric),
      operator: fc.constantFrom(...RULE_OPERATORS),
      value: THRESHOLDS[metric],
      time_range: fc.oneof(fc.constantFrom(...(Object.keys(TIME_RANGE_DAYS) as Array<keyof typeof TIME_RANGE_DAYS>)), fc.integer({ min: 1, max: 720 })),
      min_spend: fc.integer({ min: 0, max: 2_000 }).map((x) => x / 100),
    },
    { requiredKeys: ['metric', 'operator', 'value', 'time_range'] },
  ),
);

const ruleArb: fc.Arbitrary<RuleInput> = fc.record({
  name: fc.constant('r'),
  condition: conditionArb,
  action: fc.oneof(
    fc.constant({ type: 'pause_adset' as const }),
    fc.constant({ type: 'notify' as const }),
    fc.record({ type: fc.constantFrom('increase_budget' as const, 'decrease_budget' as const), percent: fc.integer({ min: 1, max: 50 }) }),
  ),
  applies_to: fc
    .record({ platforms: sometimes(fc.subarray([...PLATFORMS], { minLength: 1 })), ids: sometimes(fc.subarray(ids, { minLength: 1 })) })
    .map(({ platforms, ids }) => ({ level: 'adset' as const, ...(platforms && { platforms }), ...(ids && { ids }) })),
});

const objectsArb: fc.Arbitrary<RuleTarget[]> = fc.uniqueArray(
  fc
    .record({
      platform: fc.constantFrom(...PLATFORMS),
      id: fc.constantFrom(...ids),
      status: fc.constantFrom('active' as const, 'active' as const, 'active' as const, 'paused' as const, 'deleted' as const, 'pending_review' as const),
      daily_budget: fc.option(fc.integer({ min: 100, max: 100_000 }).map((c) => c / 100), { nil: undefined, freq: 5 }),
    })
    .map((o) => ({ ...o, name: `Set ${o.id}`, currency: 'USD' })),
  { selector: (o) => `${o.platform}:${o.id}`, minLength: 3, maxLength: 12, size: 'max' },
);

const rowsArb: fc.Arbitrary<InsightRow[]> = fc.array(
  fc
    .record({
      platform: fc.constantFrom(...PLATFORMS),
      id: fc.constantFrom(...ids),
      level: fc.constantFrom('adset' as const, 'adset' as const, 'adset' as const, 'campaign' as const),
      back: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 35 })),
      impressions: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40_000 })),
      clicks: fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.integer({ min: 0, max: 1_000 }), weight: 3 }),
      spend: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 300_000 })),
      // often none, so that CPA / CPC without conversions / clicks (the lower-bound rule) occur
      conversions: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 40 }), weight: 2 }),
      revenue: fc.integer({ min: 0, max: 900_000 }),
    })
    .map(({ back, spend, revenue, ...r }) => ({ ...r, spend: spend / 100, revenue: revenue / 100, date: addDays(TODAY, -back), currency: 'USD' })),
  { minLength: 10, maxLength: 150, size: 'max' },
);

/** The metric from exact integer sums (money in cents), null when its denominator is 0. */
function oracleMetric(rows: readonly InsightRow[], metric: (typeof RULE_METRICS)[number]) {
  const s = { impressions: 0, clicks: 0, spendCents: 0, conversions: 0, revenueCents: 0 };
  for (const r of rows) {
    s.impressions += r.impressions;
    s.clicks += r.clicks;
    s.spendCents += Math.round(r.spend * 100);
    s.conversions += r.conversions;
    s.revenueCents += Math.round(r.revenue * 100);
  }
  const spend = s.spendCents / 100;
  const value = {
    cpa: s.conversions > 0 ? s.spendCents / 100 / s.conversions : null,
    cpc: s.clicks > 0 ? s.spendCents / 100 / s.clicks : null,
    roas: s.spendCents > 0 ? s.revenueCents / s.spendCents : null,
    ctr: s.impressions > 0 ? s.clicks / s.impressions : null,
    spend,
    conversions: s.conversions,
    impressions: s.impressions,
  }[metric];
  return { value, spend };
}

const holds = (a: number, op: string, b: number) => {
  const eq = Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return { '>': a > b && !eq, '>=': a > b || eq, '<': a < b && !eq, '<=': a < b || eq, '==': eq }[op];
};

/** The first day a rule's condition covers (complete days ending yesterday). */
const sinceOf = (rule: Rule) =>
  addDays(TODAY, -(typeof rule.condition.time_range === 'number' ? Math.ceil(rule.condition.time_range / 24) : TIME_RANGE_DAYS[rule.condition.time_range]));

/** "platform:id" of the objects the rule must match, sorted, from the oracle metrics. */
function expectedMatches(rule: Rule, rows: readonly InsightRow[], objects: readonly RuleTarget[]): string[] {
  const since = sinceOf(rule);
  const c = rule.condition;
  return objects
    .filter((o) => (!rule.applies_to.platforms || rule.applies_to.platforms.includes(o.platform)) && (!rule.applies_to.ids || rule.applies_to.ids.includes(o.id)))
    .filter((o) => (rule.action.type === 'notify' ? o.status !== 'deleted' : o.status === 'active'))
    .filter((o) => {
      const own = rows.filter((x) => x.platform === o.platform && x.id === o.id && x.level === 'adset' && x.date >= since && x.date < TODAY);
      const { value, spend } = oracleMetric(own, c.metric);
      if (c.min_spend !== undefined && !holds(spend, '>=', c.min_spend)) return false;
      if (value !== null) return holds(value, c.operator, c.value);
      // CPA / CPC undefined with spend: the spend bounds it from below; only > and >= can hold
      return (c.metric === 'cpa' || c.metric === 'cpc') && spend > 0 && (c.operator === '>' || c.operator === '>=') && holds(spend, c.operator, c.value);
    })
    .map((o) => `${o.platform}:${o.id}`)
    .sort();
}

describe('property 13: rule evaluation', () => {
  it('property 13: the matched set is exactly the in-scope eligible objects whose metric satisfies the condition', () => {
    fc.assert(
      fc.property(ruleArb, rowsArb, objectsArb, (input, rows, objects) => {
        const rule = parseRule(input);
        const r = evaluateRule(rule, rows, objects, TODAY);
        expect(r.matched.map((m) => `${m.platform}:${m.id}`).sort()).toEqual(expectedMatches(rule, rows, objects));
        expect(r.evaluated_span).toEqual({ since: sinceOf(rule), until: addDays(TODAY, -1) });
      }),
      RUNS,
    );
  });

  it('property 13: CPA / CPC without conversions / clicks match only > and >= on the spend (a lower bound)', () => {
    const costRuleArb = fc
      .tuple(ruleArb, fc.constantFrom('cpa' as const, 'cpc' as const), THRESHOLDS.cpa)
      .map(([r, metric, value]) => ({ ...r, condition: { ...r.condition, metric, value } }));
    const noResults = rowsArb.map((rs) => rs.map((r) => ({ ...r, conversions: 0, clicks: 0 })));
    fc.assert(
      fc.property(costRuleArb, noResults, objectsArb, (input, rows, objects) => {
        const rule = parseRule(input);
        const r = evaluateRule(rule, rows, objects, TODAY);
        expect(r.matched.map((m) => `${m.platform}:${m.id}`).sort()).toEqual(expectedMatches(rule, rows, objects));
        for (const m of r.matched) {
          expect(m.value).toBeNull();
          expect(['>', '>=']).toContain(rule.condition.operator);
          expect(m.lower_bound).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  it('property 13: actions only on active objects; budgets move by the percent within bounds', () => {
    fc.assert(
      fc.property(ruleArb, rowsArb, objectsArb, (input, rows, objects) => {
        const rule = parseRule(input);
        const r = evaluateRule(rule, rows, objects, TODAY);
        const byKey = new Map(objects.map((o) => [`${o.platform}:${o.id}`, o]));
        for (const m of r.matched) {
          const o = byKey.get(`${m.platform}:${m.id}`)!;
          expect(m.action.type).toBe(rule.action.type);
          if (rule.action.type !== 'notify') expect(o.status).toBe('active');
          if (rule.action.type === 'increase_budget' || rule.action.type === 'decrease_budget') {
            if (o.daily_budget === undefined) {
              expect(m.action.skipped).toBe('no_daily_budget');
              continue;
            }
            const factor = 1 + ((rule.action.type === 'increase_budget' ? 1 : -1) * rule.action.percent) / 100;
            expect(m.action.old_budget).toBe(o.daily_budget);
            // rounded to cents: within half a cent of the exact change
            expect(Math.abs(m.action.new_budget! - Math.max(MIN_DAILY_BUDGET, o.daily_budget * factor))).toBeLessThanOrEqual(0.005 + 1e-9);
            expect(m.action.new_budget!).toBeGreaterThanOrEqual(MIN_DAILY_BUDGET);
            expect(m.action.skipped === 'unchanged').toBe(m.action.new_budget === o.daily_budget);
          }
        }
        expect(r.evaluated_count).toBe(r.matched.length + r.not_matched_count);
      }),
      RUNS,
    );
  });

  it('property 13: evaluation does not depend on the order of rows or objects', () => {
    const shuffled = <T>(arb: fc.Arbitrary<T[]>) => arb.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length })));
    fc.assert(
      fc.property(ruleArb, shuffled(rowsArb), shuffled(objectsArb), (input, [rows, rows2], [objects, objects2]) => {
        const rule = parseRule(input);
        expect(evaluateRule(rule, rows2, objects2, TODAY)).toEqual(evaluateRule(rule, rows, objects, TODAY));
      }),
      RUNS,
    );
  });
});
