/**
 * Campaign commands from chat (issue "Ad platforms" §4; seed 000 需求 14.5): which objects a command
 * targets, the planned before/after values, and when a change needs confirmation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyBudgetChange,
  changeRiskReasons,
  planBudgetChanges,
  planStatusChanges,
  type ChangeCandidate,
} from '../../src/domain/campaign-ops/changes.js';
import { AppError } from '../../src/domain/errors.js';
import { performanceKey, selectTargets, type CandidatePerformance } from '../../src/domain/campaign-ops/targets.js';

const c = (id: string, over: Partial<ChangeCandidate> = {}): ChangeCandidate => ({
  platform: 'meta',
  level: 'campaign',
  id,
  name: `Campaign ${id}`,
  status: 'active',
  daily_budget: 100,
  currency: 'USD',
  ...over,
});

const perf = (entries: Array<[ChangeCandidate, CandidatePerformance]>) => new Map(entries.map(([cand, p]) => [performanceKey(cand), p]));

describe('applyBudgetChange', () => {
  it.each([
    [{ kind: 'percent', value: 20 } as const, 120],
    [{ kind: 'percent', value: -30 } as const, 70],
    [{ kind: 'multiplier', value: 2 } as const, 200],
    [{ kind: 'absolute', value: 150 } as const, 150],
    [{ kind: 'delta', value: -25.5 } as const, 74.5],
    [{ kind: 'percent', value: -100 } as const, 1],
  ])('%j on 100 → %d (never below the 1.00 minimum)', (change, after) => {
    expect(applyBudgetChange(100, change)).toBe(after);
  });

  it('rounds to cents', () => {
    expect(applyBudgetChange(33.33, { kind: 'percent', value: 20 })).toBe(40);
    expect(applyBudgetChange(26.67, { kind: 'percent', value: 15 })).toBe(30.67);
  });
});

describe('planned changes', () => {
  it('status changes leave out objects already in the target status and deleted ones', () => {
    const planned = planStatusChanges([c('1'), c('2', { status: 'paused' }), c('3', { status: 'deleted' })], 'pause');
    expect(planned).toEqual([expect.objectContaining({ id: '1', status_before: 'active', status_after: 'paused' })]);
  });

  it('budget changes leave out objects without a budget (Google ad groups)', () => {
    const planned = planBudgetChanges([c('1'), c('2', { daily_budget: undefined })], { kind: 'percent', value: 20 });
    expect(planned).toEqual([expect.objectContaining({ id: '1', budget_before: 100, budget_after: 120 })]);
  });

  it('needs confirmation for deleting, for stopping several campaigns, and for budget changes above 50%', () => {
    expect(changeRiskReasons(planStatusChanges([c('1')], 'delete'), 'en')).toEqual(['Deleting cannot be undone']);
    expect(changeRiskReasons(planStatusChanges([c('1')], 'pause'), 'en')).toEqual([]);
    expect(changeRiskReasons(planStatusChanges([c('1'), c('2')], 'pause'), 'zh')).toEqual(['将同时影响 2 个广告系列']);
    expect(changeRiskReasons(planStatusChanges([c('1', { status: 'paused' }), c('2', { status: 'paused' })], 'start'), 'en')).toEqual([]);
    expect(changeRiskReasons(planBudgetChanges([c('1')], { kind: 'percent', value: 50 }), 'en')).toEqual([]);
    expect(changeRiskReasons(planBudgetChanges([c('1')], { kind: 'absolute', value: 151 }), 'en')).toEqual([
      'Budget of "Campaign 1" changes by 51%, above 50%',
    ]);
  });

  it('property: a budget change needs confirmation exactly when it moves the budget by more than 50%', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 1_000_000 }), fc.integer({ min: -99, max: 300 }), (cents, pct) => {
        const before = cents / 100;
        const [planned] = planBudgetChanges([c('1', { daily_budget: before })], { kind: 'percent', value: pct });
        if (!planned) return; // the change rounds away
        const fraction = Math.abs(planned.budget_after! - before) / before;
        expect(changeRiskReasons([planned], 'en').length > 0).toBe(fraction > 0.5);
      }),
      { numRuns: 200 },
    );
  });
});

describe('selectTargets', () => {
  const winner = c('w', { level: 'adset', name: 'BF - Lookalike' });
  const loser = c('l', { level: 'adset', platform: 'tiktok', name: 'Flash Deals - Broad' });
  const average = c('a', { level: 'adset', platform: 'google', name: 'Generic' });
  const tiny = c('t', { level: 'adset', name: 'Tiny test' });
  const candidates = [winner, loser, average, tiny];
  const performance = perf([
    [winner, { spend: 1000, revenue: 4500, conversions: 60 }],
    [loser, { spend: 800, revenue: 200, conversions: 4 }],
    [average, { spend: 900, revenue: 1800, conversions: 30 }],
    [tiny, { spend: 10, revenue: 200, conversions: 3 }], // ROAS 20 on noise-level spend
  ]);

  it('names: by id or by a case-insensitive part of the name', () => {
    expect(selectTargets(candidates, performance, { targets: ['lookalike'] })).toEqual([winner]);
    expect(selectTargets(candidates, performance, { targets: ['l'] }).map((x) => x.id)).toContain('l');
  });

  it('best / worst / losing money ignore objects with noise-level spend', () => {
    expect(selectTargets(candidates, performance, { selector: 'best_performing' })).toEqual([winner]);
    expect(selectTargets(candidates, performance, { selector: 'worst_performing' })).toEqual([loser]);
    expect(selectTargets(candidates, performance, { selector: 'losing_money' })).toEqual([loser]);
  });

  it('"all" takes every object that is not deleted', () => {
    expect(selectTargets([...candidates, c('d', { status: 'deleted' })], performance, { scope: 'all' })).toHaveLength(4);
  });

  it('budget commands only consider objects with a budget', () => {
    const noBudget = { ...winner, daily_budget: undefined };
    expect(selectTargets([noBudget, average], performance, { selector: 'best_performing', needsBudget: true })).toEqual([average]);
  });

  it('raises 1004 when a name matches nothing and 1001 when nothing is named', () => {
    const miss = () => selectTargets(candidates, performance, { targets: ['Spring'] });
    expect(miss).toThrow(AppError);
    expect(() => miss()).toThrow(expect.objectContaining({ code: '1004' }));
    expect(() => selectTargets(candidates, performance, {})).toThrow(expect.objectContaining({ code: '1001' }));
  });
});
