/**
 * Budget optimiser (seed 001 需求 3.1-3.5; properties 5, 6; issue "optimizeBudgetWorkflow"): each
 * rule, the strategies, the clamp, the minimum budget, budget-less Google ad groups, risk and the
 * order of actions.
 */
import { describe, expect, it } from 'vitest';
import { optimizeBudgets, type OptimizeInput, type OptimizerAdSet } from '../../src/domain/campaign-ops/optimizer.js';
import { AppError } from '../../src/domain/errors.js';
import type { InsightRow } from '../../src/domain/ads/types.js';
import { addDays, resolveDateRange } from '../../src/domain/reporting/index.js';

const SPAN = resolveDateRange('last_7_days', '2024-03-08'); // 2024-03-01 .. 2024-03-07

const adset = (id: string, over: Partial<OptimizerAdSet> = {}): OptimizerAdSet => ({
  platform: 'meta',
  id,
  name: `Ad set ${id}`,
  daily_budget: 30,
  status: 'active',
  currency: 'USD',
  ...over,
});

interface Day {
  spend: number;
  conversions?: number;
  revenue?: number;
  impressions?: number;
}

/** Daily ad-set rows from the window's first day; `days` are consecutive. */
const rows = (a: Pick<OptimizerAdSet, 'platform' | 'id' | 'currency'>, days: Day[]): InsightRow[] =>
  days.map((d, i) => ({
    platform: a.platform,
    level: 'adset',
    id: a.id,
    date: addDays(SPAN.since, i),
    impressions: d.impressions ?? 1000,
    clicks: 10,
    spend: d.spend,
    conversions: d.conversions ?? 0,
    revenue: d.revenue ?? 0,
    currency: a.currency,
  }));

/** 7 equal days. */
const week = (day: Day) => Array.from({ length: 7 }, () => day);

const run = (over: Partial<OptimizeInput> & Pick<OptimizeInput, 'adsets' | 'rows'>) => optimizeBudgets({ span: SPAN, ...over });

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('optimizeBudgets: the seed rules (property 5)', () => {
  it('raises the budget 20% when ROAS is above 1.5 × the target (seed example: 30 → 36)', () => {
    const a = adset('a');
    const { actions } = run({ adsets: [a], rows: rows(a, week({ spend: 10, conversions: 1, revenue: 48 })), targets: { target_roas: 3 } });
    expect(actions).toEqual([
      {
        platform: 'meta',
        adset_id: 'a',
        name: 'Ad set a',
        currency: 'USD',
        action: 'increase_budget',
        old_budget: 30,
        new_budget: 36,
        change_pct: 20,
        reason: { code: 'roas_above_target', figures: { spend: 70, conversions: 7, roas: 4.8, target_roas: 3, threshold: 4.5 } },
        clamped: false,
        risk: 'low',
      },
    ]);
  });

  it('keeps a ROAS exactly at 1.5 × the target ("above" is strict)', () => {
    const a = adset('a');
    const { actions } = run({ adsets: [a], rows: rows(a, week({ spend: 10, conversions: 1, revenue: 45 })), targets: { target_roas: 3 } });
    expect(actions[0]).toMatchObject({ action: 'keep', reason: { code: 'within_targets' }, new_budget: 30 });
  });

  it('lowers the budget 20% when CPA is above 1.5 × the target', () => {
    const a = adset('a');
    const { actions } = run({ adsets: [a], rows: rows(a, week({ spend: 40, conversions: 1 })), targets: { target_cpa: 20 } });
    expect(actions[0]).toMatchObject({
      action: 'decrease_budget',
      old_budget: 30,
      new_budget: 24,
      change_pct: -20,
      reason: { code: 'cpa_above_target', figures: { cpa: 40, target_cpa: 20, threshold: 30, conversions: 7 } },
    });
  });

  it('lowers the budget of an ad set without conversions whose spend alone exceeds the CPA line', () => {
    const a = adset('a');
    const days = [{ spend: 20 }, { spend: 20 }, { spend: 0 }, { spend: 0 }, { spend: 0 }, { spend: 0 }, { spend: 0 }];
    const { actions } = run({ adsets: [a], rows: rows(a, days), targets: { target_cpa: 20 } });
    expect(actions[0]).toMatchObject({ action: 'decrease_budget', new_budget: 24, reason: { code: 'spend_without_conversions', figures: { spend: 40, conversions: 0, threshold: 30 } } });
  });

  it('pauses an active ad set that spent on each of the last 3 days without a conversion', () => {
    const a = adset('a');
    const days = [{ spend: 10, conversions: 5, revenue: 500 }, ...Array.from({ length: 6 }, () => ({ spend: 10 }))];
    const { actions, summary } = run({ adsets: [a], rows: rows(a, days), targets: { target_roas: 1 } });
    expect(actions[0]).toMatchObject({
      action: 'pause',
      old_budget: 30,
      new_budget: 30,
      change_pct: 0,
      risk: 'low',
      reason: { code: 'no_recent_conversions', figures: { days: 3, spend_recent: 30, conversions_recent: 0 } },
    });
    expect(summary.requires_confirmation).toBe(false);
  });

  it('does not pause when one of the last 3 days had no spend, or a conversion', () => {
    const a = adset('a');
    const quiet = [...week({ spend: 10, conversions: 1, revenue: 20 }).slice(0, 4), { spend: 10 }, { spend: 0 }, { spend: 10 }];
    expect(run({ adsets: [a], rows: rows(a, quiet) }).actions[0]?.action).not.toBe('pause');
    const converted = [...week({ spend: 10 }).slice(0, 6), { spend: 10, conversions: 1 }];
    expect(run({ adsets: [a], rows: rows(a, converted) }).actions[0]?.action).not.toBe('pause');
  });

  it('pausing several ad sets is high risk and needs confirmation', () => {
    const [a, b, c] = [adset('a'), adset('b'), adset('c')];
    const none = week({ spend: 10 });
    const good = week({ spend: 10, conversions: 2, revenue: 30 });
    const { actions, summary } = run({ adsets: [a, b, c], rows: [...rows(a, none), ...rows(b, none), ...rows(c, good)] });
    expect(actions.map((x) => [x.adset_id, x.action, x.risk])).toEqual([
      ['a', 'pause', 'high'],
      ['b', 'pause', 'high'],
      ['c', 'increase_budget', 'low'],
    ]);
    expect(summary).toMatchObject({ requires_confirmation: true, counts: { pause: 2, increase_budget: 1, decrease_budget: 0, keep: 0 } });
  });
});

describe('optimizeBudgets: strategies and targets', () => {
  // High ROAS and high CPA at once: few, valuable conversions.
  const a = adset('a');
  const input = { adsets: [a], rows: rows(a, week({ spend: 50, conversions: 1, revenue: 500 })), targets: { target_roas: 2, target_cpa: 20 } };

  it('maximize_roas (default) checks the ROAS rule first', () => {
    expect(run(input).actions[0]).toMatchObject({ action: 'increase_budget', reason: { code: 'roas_above_target' } });
    expect(run(input).summary.strategy).toBe('maximize_roas');
  });

  it('minimize_cpa checks the CPA rule first', () => {
    expect(run({ ...input, strategy: 'minimize_cpa' }).actions[0]).toMatchObject({ action: 'decrease_budget', reason: { code: 'cpa_above_target' } });
  });

  it('maximize_reach moves budget toward the lowest CPM and never pauses for conversions', () => {
    const [cheap, mid, dear] = [adset('cheap'), adset('mid'), adset('dear')];
    const { actions } = run({
      adsets: [cheap, mid, dear],
      strategy: 'maximize_reach',
      rows: [...rows(cheap, week({ spend: 10, impressions: 10_000 })), ...rows(mid, week({ spend: 10, impressions: 4000 })), ...rows(dear, week({ spend: 10, impressions: 1000 }))],
    });
    // average CPM = 210 / 105 000 × 1000 = 2; line ÷1.5 = 1.33, ×1.5 = 3
    expect(actions.map((x) => [x.adset_id, x.action, x.reason.code])).toEqual([
      ['dear', 'decrease_budget', 'cpm_above_average'],
      ['cheap', 'increase_budget', 'cpm_below_average'],
      ['mid', 'keep', 'within_targets'],
    ]);
    expect(actions[0]?.reason.figures).toMatchObject({ cpm: 10, average_cpm: 2, threshold: 3 });
  });

  it('defaults the targets to the account averages of each currency', () => {
    const [x, y, z] = [adset('x'), adset('y'), adset('z', { currency: 'EUR' })];
    const { actions, summary } = run({
      adsets: [x, y, z],
      rows: [...rows(x, week({ spend: 10, conversions: 2, revenue: 60 })), ...rows(y, week({ spend: 30, conversions: 1, revenue: 30 })), ...rows(z, week({ spend: 5, conversions: 1, revenue: 5 }))],
    });
    // USD average ROAS = 630 / 280 = 2.25, line 3.375: x (6) is above; CPA average 280 / 21 = 13.33, line 20: y (30) is above.
    expect(actions.map((v) => [v.adset_id, v.action])).toEqual([
      ['y', 'decrease_budget'],
      ['x', 'increase_budget'],
      ['z', 'keep'],
    ]);
    expect(summary.baselines).toEqual([
      { currency: 'EUR', target_roas: 1, target_cpa: 5, average_cpm: 5, roas_source: 'account_average', cpa_source: 'account_average' },
      { currency: 'USD', target_roas: 2.25, target_cpa: 280 / 21, average_cpm: 20, roas_source: 'account_average', cpa_source: 'account_average' },
    ]);
  });
});

describe('optimizeBudgets: limits (property 6)', () => {
  it('clamps a change to max_change and says so', () => {
    const a = adset('a');
    const { actions, summary } = run({ adsets: [a], rows: rows(a, week({ spend: 10, conversions: 1, revenue: 48 })), targets: { target_roas: 3 }, max_change: 0.1 });
    expect(actions[0]).toMatchObject({
      action: 'increase_budget',
      new_budget: 33,
      change_pct: 10,
      clamped: true,
      risk: 'low',
      reason: { code: 'roas_above_target', figures: { requested_change_pct: 20, max_change_pct: 10 } },
    });
    expect(summary).toMatchObject({ clamped: 1, max_change: 0.1 });
  });

  it('clamps in whole minor units without exceeding the cap', () => {
    const a = adset('a', { daily_budget: 10.01 });
    const { actions } = run({ adsets: [a], rows: rows(a, week({ spend: 40, conversions: 1 })), targets: { target_cpa: 20 }, max_change: 0.15 });
    // 10.01 × 0.85 = 8.5085: 8.51 keeps the cut under 15 %.
    expect(actions[0]).toMatchObject({ action: 'decrease_budget', new_budget: 8.51, clamped: true });
  });

  it('never goes below the minimum daily budget: a cut it prevents becomes keep', () => {
    const a = adset('a', { daily_budget: 1 });
    const days = [...Array.from({ length: 6 }, () => ({ spend: 1 })), { spend: 1, conversions: 1 }];
    const { actions } = run({ adsets: [a], rows: rows(a, days), targets: { target_cpa: 1 } });
    expect(actions[0]).toMatchObject({ action: 'keep', old_budget: 1, new_budget: 1, reason: { code: 'budget_limit', figures: { cpa: 7, suggested_change_pct: -20, min_daily_budget: 1 } } });
  });

  it('floors a cut at the minimum', () => {
    const a = adset('a', { daily_budget: 1.1 });
    const days = [{ spend: 1, conversions: 1 }, { spend: 1 }, { spend: 1 }, { spend: 1 }, { spend: 1 }, { spend: 0 }, { spend: 1 }];
    const { actions } = run({ adsets: [a], rows: rows(a, days), targets: { target_cpa: 1 } });
    expect(actions[0]).toMatchObject({ action: 'decrease_budget', old_budget: 1.1, new_budget: 1, change_pct: -9.09, reason: { code: 'cpa_above_target', figures: { cpa: 6 } } });
  });

  it('rounds to the currency’s minor unit (JPY)', () => {
    const a = adset('a', { currency: 'JPY', daily_budget: 999 });
    const { actions } = run({ adsets: [a], rows: rows(a, week({ spend: 1000, conversions: 1, revenue: 10_000 })), targets: { target_roas: 2 } });
    expect(actions[0]).toMatchObject({ action: 'increase_budget', new_budget: 1199 });
  });

  it('reports a budget change on a Google ad group as kept: the budget lives on the campaign', () => {
    const g = adset('g', { platform: 'google', daily_budget: undefined, campaign_id: 'c-9' });
    const { actions } = run({ adsets: [g], rows: rows(g, week({ spend: 10, conversions: 1, revenue: 48 })), targets: { target_roas: 3 } });
    expect(actions[0]).toMatchObject({
      platform: 'google',
      campaign_id: 'c-9',
      action: 'keep',
      old_budget: null,
      new_budget: null,
      change_pct: 0,
      reason: { code: 'budget_on_campaign', figures: { suggested_change_pct: 20, roas: 4.8 } },
    });
  });

  it('still pauses a Google ad group', () => {
    const g = adset('g', { platform: 'google', daily_budget: undefined });
    expect(run({ adsets: [g], rows: rows(g, week({ spend: 10 })) }).actions[0]).toMatchObject({ action: 'pause', old_budget: null });
  });

  it('keeps inactive ad sets and ad sets without delivery', () => {
    const [p, n] = [adset('p', { status: 'paused' }), adset('n')];
    const { actions } = run({ adsets: [p, n], rows: rows(p, week({ spend: 10 })) });
    expect(actions.map((x) => [x.adset_id, x.action, x.reason.code])).toEqual([
      ['p', 'keep', 'not_active'],
      ['n', 'keep', 'no_delivery'],
    ]);
  });
});

describe('optimizeBudgets: order and input', () => {
  it('orders pause, decrease, increase, keep; then spend, platform, id; independent of input order', () => {
    const sets = [adset('k1'), adset('i1'), adset('d1'), adset('p1'), adset('i2', { platform: 'tiktok' }), adset('i3')];
    const data = [
      ...rows(sets[0]!, week({ spend: 10, conversions: 1, revenue: 20 })),
      ...rows(sets[1]!, week({ spend: 10, conversions: 2, revenue: 100 })),
      ...rows(sets[2]!, week({ spend: 40, conversions: 1 })),
      ...rows(sets[3]!, week({ spend: 5 })),
      ...rows(sets[4]!, week({ spend: 10, conversions: 2, revenue: 100 })),
      ...rows(sets[5]!, week({ spend: 20, conversions: 2, revenue: 200 })),
    ];
    const targets = { target_roas: 2, target_cpa: 20 };
    const out = run({ adsets: sets, rows: data, targets });
    expect(out.actions.map((a) => `${a.action}:${a.adset_id}`)).toEqual(['pause:p1', 'decrease_budget:d1', 'increase_budget:i3', 'increase_budget:i1', 'increase_budget:i2', 'keep:k1']);
    expect(run({ adsets: [...sets].reverse(), rows: [...data].reverse(), targets })).toEqual(out);
  });

  it('ignores rows of other levels, outside the window, or of other currencies', () => {
    const a = adset('a');
    const own = rows(a, week({ spend: 10, conversions: 1, revenue: 48 }));
    const noise: InsightRow[] = [
      { ...own[0]!, level: 'campaign', revenue: 0 },
      { ...own[0]!, date: addDays(SPAN.since, -1), revenue: 0, spend: 1000 },
      { ...own[0]!, currency: 'EUR', revenue: 0, spend: 1000 },
    ];
    expect(run({ adsets: [a], rows: [...own, ...noise], targets: { target_roas: 3 } }).actions[0]?.action).toBe('increase_budget');
  });

  it.each([
    ['max_change above 50%', { max_change: 0.6 }, 'max_change'],
    ['max_change of 0', { max_change: 0 }, 'max_change'],
    ['a 2-day window', { span: { since: '2024-03-06', until: '2024-03-07' } }, 'span'],
    ['a zero target', { targets: { target_cpa: 0 } }, 'target_cpa'],
    ['an ad set listed twice', { adsets: [adset('a'), adset('a')] }, 'adsets'],
  ] as const)('rejects %s (1001)', (_label, over, field) => {
    const err = errorOf(() => run({ adsets: [adset('a')], rows: [], ...over }));
    expect(err.code).toBe('1001');
    expect(err.details.field).toBe(field);
  });
});
