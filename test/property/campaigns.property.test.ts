/**
 * Property tests of campaign creation and budget optimisation (seed 001 "正确性属性列表",
 * properties 1-6), at least 100 runs each.
 * Feature: campaign-automation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  optimizeBudgets,
  type BudgetAction,
  type OptimizationStrategy,
  type OptimizeInput,
  type OptimizerAdSet,
} from '../../src/domain/campaign-ops/optimizer.js';
import {
  minimumDailyBudget,
  planCampaign,
  type AgeRange,
  type CampaignPlan,
  type CampaignPlanInput,
  type CreatedObjects,
} from '../../src/domain/campaign-ops/structure.js';
import { campaignResult } from '../../src/domain/replies/campaigns.js';
import { applyBudgetChange, MIN_DAILY_BUDGET } from '../../src/domain/campaign-ops/changes.js';
import { AppError } from '../../src/domain/errors.js';
import { PLATFORMS } from '../../src/domain/chat/intent.js';
import { budgetChangeFraction } from '../../src/domain/chat/risk.js';
import { currencyExponent, roundMajor } from '../../src/domain/ads/money.js';
import { withRequestKey } from '../../src/domain/ads/request-key.js';
import type { InsightRow } from '../../src/domain/ads/types.js';
import { addDays } from '../../src/domain/reporting/index.js';

const RUNS = { numRuns: 200 };
const unitOf = (currency: string) => 10 ** -currencyExponent(currency);

// ---------------------------------------------------------------- campaign structure (properties 1-4)

/** Non-overlapping groups within 13-65, in any order (single years included). */
const ageGroups: fc.Arbitrary<AgeRange[]> = fc
  .uniqueArray(fc.integer({ min: 13, max: 65 }), { minLength: 1, maxLength: 20 })
  .map((values) => {
    const v = [...values].sort((a, b) => a - b);
    const groups: AgeRange[] = [];
    for (let i = 0; i < v.length; i += 2) groups.push([v[i]!, v[i + 1] ?? v[i]!]);
    return groups;
  })
  .chain((groups) => fc.shuffledSubarray(groups, { minLength: groups.length, maxLength: groups.length }));

const creativeList = fc
  .uniqueArray(fc.stringMatching(/^[a-z0-9_]{1,12}$/), { minLength: 1, maxLength: 8 })
  .map((ids) => ids.map((id) => ({ creative_id: id, image_url: `https://cdn.test/${id}.png` })));

/** Any valid create_campaign input: the budget reaches the platform minimum per budget-carrying object. */
const validInput: fc.Arbitrary<CampaignPlanInput> = fc
  .record({
    platform: fc.constantFrom(...PLATFORMS),
    currency: fc.constantFrom('USD', 'EUR', 'JPY'),
    groups: fc.option(ageGroups, { nil: undefined }),
    countries: fc.option(fc.subarray(['US', 'CA', 'GB', 'DE', 'JP', 'BR'], { minLength: 1 }), { nil: undefined }),
    creatives: creativeList,
    lookalike: fc.boolean(),
    extraUnits: fc.integer({ min: 0, max: 1_000_000 }),
    objective: fc.option(fc.constantFrom('sales' as const, 'traffic' as const, 'awareness' as const, 'leads' as const), { nil: undefined }),
    name: fc.option(fc.stringMatching(/^[A-Za-z0-9 ]{1,30}$/).filter((s) => s.trim() !== ''), { nil: undefined }),
    prefix: fc.stringMatching(/^[A-Za-z0-9._:-]{1,72}$/),
  })
  .map((r) => {
    const groups = r.groups?.length ?? 3;
    const objects = r.platform === 'google' ? 1 : groups;
    const unit = unitOf(r.currency);
    const budget = roundMajor(minimumDailyBudget(r.platform, r.currency) * objects + r.extraUnits * unit, r.currency);
    return {
      platform: r.platform,
      currency: r.currency,
      daily_budget: budget,
      creatives: r.creatives,
      landing_url: 'https://shop.test/p',
      request_key_prefix: r.prefix,
      ...(r.groups ? { age_groups: r.groups } : {}),
      ...(r.countries ? { countries: r.countries } : {}),
      ...(r.objective ? { objective: r.objective } : {}),
      ...(r.name ? { name: r.name } : {}),
      ...(r.lookalike && r.platform !== 'tiktok' ? { audience: 'lookalike' as const } : {}),
    };
  });

function createdAll(plan: CampaignPlan): CreatedObjects {
  return {
    campaign_id: 'c-1',
    adsets: Object.fromEntries(plan.adsets.map((s, i) => [s.key, `as-${i}`])),
    ads: Object.fromEntries(plan.ads.map((a, i) => [a.key, `ad-${i}`])),
    copies: Object.fromEntries(plan.copy_keys.map((k) => [k.key, { headline: `H ${k.creative_id}`, primary_text: `Copy for ${k.creative_id} on ${k.platform}` }])),
  };
}

const sortedGroups = (input: CampaignPlanInput) => [...(input.age_groups ?? [[18, 35], [36, 50], [51, 65]])].sort((a, b) => a[0] - b[0]);

describe('campaign structure (seed 001 properties 1-4)', () => {
  it('property 1: any valid input gives a complete campaign structure with distinct, valid request keys', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const plan = planCampaign(input);
        expect(plan.campaign.spec.name.trim()).not.toBe('');
        expect(plan.adsets.length).toBeGreaterThan(0);
        expect(plan.ads.length).toBeGreaterThan(0);
        const keys = [plan.campaign.request_key, ...plan.adsets.map((s) => s.request_key), ...plan.ads.map((a) => a.request_key)];
        expect(new Set(keys).size).toBe(keys.length);
        for (const k of keys) {
          expect(k.startsWith(`${input.request_key_prefix}.`)).toBe(true);
          expect(() => withRequestKey(plan.campaign.spec.name, k)).not.toThrow();
        }
        const result = campaignResult(plan, createdAll(plan), 'en');
        expect(result.status).toBe('success');
        expect(result.campaign_id).toBe('c-1');
        expect(planCampaign(input)).toEqual(plan);
      }),
      RUNS,
    );
  });

  it('property 2: one ad set per age group, equal budgets summing to the total within n/2 minor units, broad/lookalike, automatic placements, lowest cost', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const plan = planCampaign(input);
        const groups = sortedGroups(input);
        const unit = unitOf(input.currency);
        expect(plan.adsets.map((s) => [s.targeting.age_min, s.targeting.age_max])).toEqual(groups.map((g) => [g[0], g[1]]));
        for (const s of plan.adsets) {
          expect(s.targeting.audience).toBe(input.audience ?? 'broad');
          expect(s.targeting.countries).toEqual(input.countries ?? ['US']);
          expect(s.placements).toBe('automatic');
          expect(s.bid_strategy).toBe('lowest_cost');
        }
        const minimum = minimumDailyBudget(input.platform, input.currency);
        if (input.platform === 'google') {
          expect(plan.adsets.every((s) => s.daily_budget === undefined)).toBe(true);
          expect(plan.campaign.spec.daily_budget).toBe(plan.daily_budget);
          expect(Math.abs(plan.daily_budget - input.daily_budget)).toBeLessThanOrEqual(unit / 2 + 1e-9);
          expect(plan.daily_budget).toBeGreaterThanOrEqual(minimum);
        } else {
          const budgets = plan.adsets.map((s) => s.daily_budget as number);
          expect(new Set(budgets).size).toBe(1);
          expect(budgets[0]).toBeGreaterThanOrEqual(minimum);
          expect(plan.campaign.spec.daily_budget).toBeUndefined();
          const sum = budgets.reduce((t, b) => t + b, 0);
          expect(Math.abs(sum - input.daily_budget)).toBeLessThanOrEqual((groups.length * unit) / 2 + 1e-9);
          expect(plan.daily_budget).toBe(roundMajor(sum, input.currency));
        }
      }),
      RUNS,
    );
  });

  it('property 2: a budget below the minimum is refused with a fix that works', () => {
    const tooLow = validInput.chain((input) => {
      const objects = input.platform === 'google' ? 1 : sortedGroups(input).length;
      const max = minimumDailyBudget(input.platform, input.currency) * objects;
      return fc.integer({ min: 1, max: Math.max(1, Math.round(max / unitOf(input.currency)) - 1) }).map((units) => ({ input, budget: roundMajor(units * unitOf(input.currency), input.currency) }));
    });
    fc.assert(
      fc.property(tooLow, ({ input, budget }) => {
        const share = roundMajor(budget / (input.platform === 'google' ? 1 : sortedGroups(input).length), input.currency);
        fc.pre(share < minimumDailyBudget(input.platform, input.currency));
        let err: unknown;
        try {
          planCampaign({ ...input, daily_budget: budget });
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(AppError);
        const details = (err as AppError).details as { reason: string; minimum_total: number; max_age_groups: number; suggestion: { en: string } };
        expect(details.reason).toBe('budget_too_low');
        expect(details.suggestion.en).toContain('Raise the daily budget to at least');
        expect(() => planCampaign({ ...input, daily_budget: details.minimum_total })).not.toThrow();
        if (details.max_age_groups > 0) {
          expect(() => planCampaign({ ...input, daily_budget: budget, age_groups: sortedGroups(input).slice(0, details.max_age_groups) })).not.toThrow();
        }
      }),
      RUNS,
    );
  });

  it('property 3: ads = creatives × ad sets, each referring to an existing ad set and creative, each pair once', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const plan = planCampaign(input);
        expect(plan.ads).toHaveLength(input.creatives.length * plan.adsets.length);
        const adsets = new Set(plan.adsets.map((s) => s.key));
        const images = new Map(input.creatives.map((c) => [c.creative_id, c.image_url]));
        for (const a of plan.ads) {
          expect(adsets.has(a.adset_key)).toBe(true);
          expect(images.get(a.creative_id)).toBe(a.image_url);
        }
        expect(new Set(plan.ads.map((a) => `${a.adset_key}\u0000${a.creative_id}`)).size).toBe(plan.ads.length);
      }),
      RUNS,
    );
  });

  it('property 4: copy keys are the distinct creatives × platform, and the result carries copy for every ad', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const plan = planCampaign(input);
        expect(plan.copy_keys.map((k) => k.creative_id)).toEqual(input.creatives.map((c) => c.creative_id));
        expect(plan.copy_keys.every((k) => k.platform === input.platform)).toBe(true);
        expect(new Set(plan.copy_keys.map((k) => k.key)).size).toBe(plan.copy_keys.length);
        const byKey = new Map(plan.copy_keys.map((k) => [k.key, k]));
        for (const a of plan.ads) expect(byKey.get(a.copy_key)?.creative_id).toBe(a.creative_id);
        const result = campaignResult(plan, createdAll(plan), 'zh');
        expect(result.ads).toHaveLength(plan.ads.length);
        for (const a of result.ads) expect(a.copy).toBe(`Copy for ${a.creative_id} on ${input.platform}`);
        expect(result.adsets.map((s) => s.daily_budget)).toEqual(plan.adsets.map((s) => s.daily_budget ?? null));
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------- budget optimiser (properties 5, 6)

const SINCE = '2024-05-01';
const SPAN = { since: SINCE, until: addDays(SINCE, 6) };
const LAST3 = [addDays(SINCE, 4), addDays(SINCE, 5), addDays(SINCE, 6)];
const FACTOR = 1.5;

/** One day of delivery; whole money amounts so sums are exact in any order. */
const day = fc.record({
  spend: fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.integer({ min: 1, max: 100 }), weight: 4 }),
  conversions: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 5 })),
  revenue: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 500 })),
  impressions: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 })),
});

const adsetCase = fc.record({
  platform: fc.constantFrom(...PLATFORMS),
  currency: fc.constantFrom('USD', 'USD', 'EUR', 'JPY'),
  status: fc.constantFrom('active' as const, 'active' as const, 'active' as const, 'paused' as const),
  // budgets in minor units (whole yen for JPY); small ones reach the minimum budget
  budgetUnits: fc.option(fc.oneof(fc.integer({ min: 100, max: 130 }), fc.integer({ min: 100, max: 100_000 })), { nil: undefined, freq: 6 }),
  days: fc.array(fc.option(day, { nil: undefined }), { minLength: 7, maxLength: 7 }),
  /** no conversions on the last 3 days (makes the pause rule reachable often). */
  quiet: fc.boolean(),
});

const optimizeCase = fc
  .record({
    cases: fc.array(adsetCase, { minLength: 1, maxLength: 6 }),
    strategy: fc.option(fc.constantFrom<OptimizationStrategy>('maximize_roas', 'minimize_cpa', 'maximize_reach'), { nil: undefined }),
    target_roas: fc.option(fc.integer({ min: 50, max: 500 }).map((x) => x / 100), { nil: undefined }),
    target_cpa: fc.option(fc.integer({ min: 100, max: 5000 }).map((x) => x / 100), { nil: undefined }),
    max_change: fc.option(fc.integer({ min: 1, max: 50 }).map((x) => x / 100), { nil: undefined }),
  })
  .map(({ cases, strategy, target_roas, target_cpa, max_change }) => {
    const adsets: OptimizerAdSet[] = cases.map((c, i) => ({
      platform: c.platform,
      id: `s${i}`,
      name: `Set ${i}`,
      status: c.status,
      currency: c.currency,
      // a Google ad group may have no budget; JPY budgets are whole yen
      ...(c.budgetUnits === undefined && c.platform === 'google' ? {} : { daily_budget: roundMajor((c.budgetUnits ?? 3000) * (c.currency === 'JPY' ? 1 : 0.01), c.currency) }),
    }));
    const rows: InsightRow[] = cases.flatMap((c, i) =>
      c.days.flatMap((d, k) =>
        d ? [{ platform: c.platform, level: 'adset' as const, id: `s${i}`, date: addDays(SINCE, k), clicks: 0, currency: c.currency, ...d, ...(c.quiet && k >= 4 ? { conversions: 0 } : {}) }] : [],
      ),
    );
    const targets = { ...(target_roas !== undefined ? { target_roas } : {}), ...(target_cpa !== undefined ? { target_cpa } : {}) };
    const input: OptimizeInput = { adsets, rows, span: SPAN, targets, ...(strategy ? { strategy } : {}), ...(max_change !== undefined ? { max_change } : {}) };
    return input;
  });

const sums = (rows: InsightRow[]) =>
  rows.reduce((t, r) => ({ spend: t.spend + r.spend, conversions: t.conversions + r.conversions, revenue: t.revenue + r.revenue, impressions: t.impressions + r.impressions }), {
    spend: 0,
    conversions: 0,
    revenue: 0,
    impressions: 0,
  });

type Expected = { kind: 'keep' | 'pause' | 'increase_budget' | 'decrease_budget'; code: string };

/** What the rules of the seed (and the module comment) say for one ad set, computed independently. */
function expectedFor(adset: OptimizerAdSet, input: OptimizeInput): Expected {
  const own = input.rows.filter((r) => r.id === adset.id);
  const account = sums(input.rows.filter((r) => r.currency === adset.currency));
  const m = sums(own);
  if (adset.status !== 'active') return { kind: 'keep', code: 'not_active' };
  if (m.spend <= 0) return { kind: 'keep', code: 'no_delivery' };
  const strategy = input.strategy ?? 'maximize_roas';
  if (strategy !== 'maximize_reach') {
    const lastDays = LAST3.map((d) => sums(own.filter((r) => r.date === d)));
    if (lastDays.every((x) => x.spend > 0 && x.conversions === 0)) return { kind: 'pause', code: 'no_recent_conversions' };
  }
  const pos = (x: number) => (x > 0 && Number.isFinite(x) ? x : null);
  let rule: Expected | undefined;
  if (strategy === 'maximize_reach') {
    const avg = account.impressions > 0 ? pos((account.spend / account.impressions) * 1000) : null;
    const cpm = m.impressions > 0 ? (m.spend / m.impressions) * 1000 : null;
    if (avg !== null && cpm !== null && cpm < avg / FACTOR) rule = { kind: 'increase_budget', code: 'cpm_below_average' };
    else if (avg !== null && cpm !== null && cpm > avg * FACTOR) rule = { kind: 'decrease_budget', code: 'cpm_above_average' };
  } else {
    const targetRoas = input.targets?.target_roas ?? pos(account.revenue / account.spend);
    const targetCpa = input.targets?.target_cpa ?? (account.conversions > 0 ? pos(account.spend / account.conversions) : null);
    const roasUp = targetRoas !== null && m.revenue / m.spend > FACTOR * targetRoas ? ({ kind: 'increase_budget', code: 'roas_above_target' } as const) : undefined;
    let cpaDown: Expected | undefined;
    if (targetCpa !== null && m.conversions > 0 && m.spend / m.conversions > FACTOR * targetCpa) cpaDown = { kind: 'decrease_budget', code: 'cpa_above_target' };
    else if (targetCpa !== null && m.conversions === 0 && m.spend > FACTOR * targetCpa) cpaDown = { kind: 'decrease_budget', code: 'spend_without_conversions' };
    rule = strategy === 'minimize_cpa' ? (cpaDown ?? roasUp) : (roasUp ?? cpaDown);
  }
  return rule ?? { kind: 'keep', code: 'within_targets' };
}

const shuffled = <T>(xs: readonly T[]) => fc.shuffledSubarray([...xs], { minLength: xs.length, maxLength: xs.length });

describe('budget optimiser (seed 001 properties 5, 6)', () => {
  it('property 5: each action follows the rules for its ad set’s metrics', () => {
    fc.assert(
      fc.property(optimizeCase, (input) => {
        const { actions } = optimizeBudgets(input);
        for (const a of actions) {
          const adset = input.adsets.find((s) => s.id === a.adset_id) as OptimizerAdSet;
          const want = expectedFor(adset, input);
          if (want.kind === 'keep' || want.kind === 'pause') {
            expect([a.action, a.reason.code]).toEqual([want.kind, want.code]);
            continue;
          }
          const pct = want.kind === 'increase_budget' ? 20 : -20;
          if (adset.daily_budget === undefined) {
            expect([a.action, a.reason.code, a.reason.figures.suggested_change_pct]).toEqual(['keep', 'budget_on_campaign', pct]);
          } else if (a.action === 'keep') {
            expect(a.reason.code).toBe('budget_limit');
          } else {
            expect([a.action, a.reason.code]).toEqual([want.kind, want.code]);
            if (!a.clamped) expect(a.new_budget).toBe(roundMajor(applyBudgetChange(adset.daily_budget, { kind: 'percent', value: pct }), adset.currency));
          }
        }
      }),
      RUNS,
    );
  });

  it('property 6: no change above max_change (≤ 50%), budgets never below the minimum, one action with a reason per ad set', () => {
    fc.assert(
      fc.property(optimizeCase, (input) => {
        const { actions, summary } = optimizeBudgets(input);
        const max = input.max_change ?? 0.5;
        expect(actions.map((a) => a.adset_id).sort()).toEqual(input.adsets.map((s) => s.id).sort());
        const pauses = actions.filter((a) => a.action === 'pause').length;
        for (const a of actions) {
          expect(a.reason.code.length).toBeGreaterThan(0);
          for (const v of Object.values(a.reason.figures)) expect(Number.isFinite(v)).toBe(true);
          expect(a.risk).toBe(a.action === 'pause' && pauses > 1 ? 'high' : 'low');
          if (a.action === 'increase_budget' || a.action === 'decrease_budget') {
            const [before, after] = [a.old_budget as number, a.new_budget as number];
            expect(budgetChangeFraction(before, after)).toBeLessThanOrEqual(max);
            expect(budgetChangeFraction(before, after)).toBeLessThanOrEqual(0.5);
            expect(after).toBeGreaterThanOrEqual(MIN_DAILY_BUDGET);
            expect(after).toBe(roundMajor(after, a.currency));
            expect(Math.sign(after - before)).toBe(a.action === 'increase_budget' ? 1 : -1);
            expect(a.change_pct).toBe(Math.round(((after - before) / before) * 100 * 100) / 100);
            expect(Math.abs(a.change_pct)).toBeLessThanOrEqual(max * 100);
          } else {
            expect(a.new_budget).toBe(a.old_budget);
            expect(a.change_pct).toBe(0);
            expect(a.clamped).toBe(false);
          }
        }
        expect(Object.values(summary.counts).reduce((t, n) => t + n, 0)).toBe(actions.length);
        expect(summary.requires_confirmation).toBe(pauses > 1);
      }),
      RUNS,
    );
  });

  it('properties 5, 6: actions come in a fixed order that does not depend on the order of ad sets or rows', () => {
    const order: Record<BudgetAction['action'], number> = { pause: 0, decrease_budget: 1, increase_budget: 2, keep: 3 };
    const permuted = optimizeCase.chain((input) => fc.tuple(fc.constant(input), shuffled(input.adsets), shuffled(input.rows)));
    fc.assert(
      fc.property(permuted, ([input, adsets, rows]) => {
        const out = optimizeBudgets(input);
        const ranks = out.actions.map((a) => order[a.action]);
        expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
        expect(optimizeBudgets({ ...input, adsets, rows })).toEqual(out);
      }),
      RUNS,
    );
  });
});
