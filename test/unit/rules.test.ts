/**
 * Rule engine conditions and planned actions (seed 001 需求 6, property 13): the acceptance rule
 * "CPA > 50 for 24h: pause the ad set", operators, time ranges, budget actions, idempotency keys,
 * schedules and the zh / en check descriptions.
 */
import { describe, expect, it } from 'vitest';
import {
  compareMetric,
  evaluateRule,
  parseRule,
  ruleCheckKey,
  ruleScheduleSpec,
  ruleSpan,
  type RuleInput,
  type RuleTarget,
} from '../../src/domain/rules/evaluate.js';
import { describeRuleCheck } from '../../src/domain/replies/rules.js';
import { MIN_DAILY_BUDGET } from '../../src/domain/campaign-ops/changes.js';
import { AppError } from '../../src/domain/errors.js';
import type { InsightRow } from '../../src/domain/ads/types.js';

const TODAY = '2024-03-10';
const YESTERDAY = '2024-03-09';

const row = (id: string, date: string, spend: number, conversions: number, over: Partial<InsightRow> = {}): InsightRow => ({
  platform: 'meta',
  level: 'adset',
  id,
  name: `Set ${id}`,
  date,
  impressions: 10_000,
  clicks: 200,
  spend,
  conversions,
  revenue: conversions * 40,
  currency: 'USD',
  ...over,
});

const target = (id: string, over: Partial<RuleTarget> = {}): RuleTarget => ({
  platform: 'meta',
  id,
  name: `Set ${id}`,
  status: 'active',
  daily_budget: 100,
  currency: 'USD',
  ...over,
});

const rule = (over: Partial<RuleInput> = {}) =>
  parseRule({
    name: 'CPA guard',
    condition: { metric: 'cpa', operator: '>', value: 50, time_range: '24h' },
    action: { type: 'pause_adset' },
    ...over,
  });

/** The seeded account: one offender among good, paused and not-yet-converting ad sets. */
const SEED_ROWS: InsightRow[] = [
  row('offender', YESTERDAY, 300, 4), // CPA 75
  row('offender', TODAY, 500, 0), // today is partial: ignored
  row('good', YESTERDAY, 200, 10), // CPA 20
  row('paused', YESTERDAY, 400, 4), // CPA 100 but paused
  row('no-conv-big', YESTERDAY, 80, 0), // CPA undefined, spend 80 > 50
  row('no-conv-small', YESTERDAY, 30, 0), // CPA undefined, spend 30
  row('older', '2024-03-08', 500, 5), // CPA 100 two days ago only
];
const SEED_OBJECTS: RuleTarget[] = [
  target('offender', { name: 'Set offender [rk:wf-1.a]' }),
  target('good'),
  target('paused', { status: 'paused' }),
  target('no-conv-big'),
  target('no-conv-small'),
  target('older'),
];

describe('acceptance: "CPA > 50 for 24h: pause the ad set"', () => {
  it('property 13: pauses the seeded offender and not the others', () => {
    const r = evaluateRule(rule(), SEED_ROWS, SEED_OBJECTS, TODAY);
    expect(r.evaluated_span).toEqual({ since: YESTERDAY, until: YESTERDAY });
    expect(r.matched.map((m) => m.id)).toEqual(['no-conv-big', 'offender']);
    expect(r.matched.find((m) => m.id === 'offender')).toEqual({
      platform: 'meta',
      id: 'offender',
      name: 'Set offender',
      currency: 'USD',
      value: 75,
      action: { type: 'pause_adset' },
    });
    expect(r.evaluated_count).toBe(5);
    expect(r.not_matched_count).toBe(3);
    expect(r.skipped_inactive_count).toBe(1);
  });

  it('CPA without conversions: the spend is a lower bound; only > / >= can match', () => {
    const r = evaluateRule(rule(), SEED_ROWS, SEED_OBJECTS, TODAY);
    expect(r.matched.find((m) => m.id === 'no-conv-big')).toMatchObject({ value: null, lower_bound: 80 });
    const low = evaluateRule(rule({ condition: { metric: 'cpa', operator: '<', value: 1000, time_range: '24h' } }), SEED_ROWS, SEED_OBJECTS, TODAY);
    expect(low.matched.map((m) => m.id)).toEqual(['good', 'offender']);
  });

  it('min_spend keeps objects without enough delivery from matching', () => {
    const r = evaluateRule(rule({ condition: { metric: 'cpa', operator: '>', value: 50, time_range: '24h', min_spend: 100 } }), SEED_ROWS, SEED_OBJECTS, TODAY);
    expect(r.matched.map((m) => m.id)).toEqual(['offender']);
  });
});

describe('operators and metrics', () => {
  it.each([
    ['>', 75, false],
    ['>=', 75, true],
    ['<', 75, false],
    ['<=', 75, true],
    ['==', 75, true],
    ['==', 75.01, false],
  ] as const)('75 %s %d is %s', (op, value, expected) => {
    expect(compareMetric(75, op, value)).toBe(expected);
  });

  it('floating noise never decides at the boundary (0.1 + 0.2 spend equals 0.30)', () => {
    expect(compareMetric(0.1 + 0.2, '==', 0.3)).toBe(true);
    expect(compareMetric(0.1 + 0.2, '>', 0.3)).toBe(false);
    expect(compareMetric(0.1 + 0.2, '<=', 0.3)).toBe(true);
    expect(compareMetric(0.3, '<', 0.1 + 0.2)).toBe(false);
    expect(compareMetric(0.3, '>=', 0.1 + 0.2)).toBe(true);
  });

  it('accepts operator words ("greater_than", as in the seed sketch)', () => {
    expect(rule({ condition: { metric: 'cpa', operator: 'greater_than', value: 50, time_range: '24h' } }).condition.operator).toBe('>');
    expect(rule({ condition: { metric: 'roas', operator: 'LTE', value: 1, time_range: '3d' } }).condition.operator).toBe('<=');
  });

  it('evaluates ROAS, CTR, CPC, spend, conversions and impressions as ratios of sums', () => {
    const rows = [row('a', YESTERDAY, 100, 2, { revenue: 50, clicks: 100, impressions: 20_000 }), row('b', YESTERDAY, 100, 5, { revenue: 400, clicks: 400, impressions: 10_000 })];
    const objects = [target('a'), target('b')];
    const ids = (metric: string, operator: string, value: number) =>
      evaluateRule(rule({ condition: { metric, operator, value, time_range: '24h' } as RuleInput['condition'] }), rows, objects, TODAY).matched.map((m) => m.id);
    expect(ids('roas', '<', 1)).toEqual(['a']); // 0.5 vs 4
    expect(ids('ctr', '<', 0.01)).toEqual(['a']); // 0.005 vs 0.04
    expect(ids('cpc', '>', 0.5)).toEqual(['a']); // 1 vs 0.25
    expect(ids('spend', '>=', 100)).toEqual(['a', 'b']);
    expect(ids('conversions', '<', 3)).toEqual(['a']);
    expect(ids('impressions', '>', 15_000)).toEqual(['a']);
  });

  it('ROAS without spend and CTR without impressions never match', () => {
    const rows = [row('a', YESTERDAY, 0, 0, { impressions: 0, clicks: 0, revenue: 0 })];
    for (const [metric, operator] of [
      ['roas', '<'],
      ['ctr', '<'],
      ['cpa', '>='],
    ] as const) {
      const r = evaluateRule(rule({ condition: { metric, operator, value: 0, time_range: '24h' } }), rows, [target('a')], TODAY);
      expect(r.matched).toEqual([]);
    }
  });

  it('an object without rows in the span has zero counts', () => {
    const r = evaluateRule(rule({ condition: { metric: 'conversions', operator: '<', value: 1, time_range: '3d' } }), [], [target('idle')], TODAY);
    expect(r.matched).toEqual([expect.objectContaining({ id: 'idle', value: 0 })]);
  });
});

describe('time ranges: complete days ending yesterday', () => {
  it.each([
    ['24h', '2024-03-09'],
    ['3d', '2024-03-07'],
    ['7d', '2024-03-03'],
    ['14d', '2024-02-25'],
    ['30d', '2024-02-09'],
    [48, '2024-03-08'],
    [36, '2024-03-08'],
    [24, '2024-03-09'],
  ] as const)('%s → since %s until yesterday', (range, since) => {
    expect(ruleSpan(range, TODAY)).toEqual({ since, until: YESTERDAY });
  });

  it('3d includes an offender that 24h misses', () => {
    const r3 = evaluateRule(rule({ condition: { metric: 'cpa', operator: '>', value: 50, time_range: '3d' } }), SEED_ROWS, SEED_OBJECTS, TODAY);
    expect(r3.matched.map((m) => m.id)).toEqual(['no-conv-big', 'offender', 'older']);
  });

  it('rejects an invalid today', () => {
    expect(() => evaluateRule(rule(), SEED_ROWS, SEED_OBJECTS, '2024-02-30')).toThrow(AppError);
  });
});

describe('scope', () => {
  it('filters by platform, ids and level', () => {
    const rows = [row('m1', YESTERDAY, 300, 1), row('t1', YESTERDAY, 300, 1, { platform: 'tiktok' }), row('c1', YESTERDAY, 300, 1, { level: 'campaign' })];
    const objects = [target('m1'), target('t1', { platform: 'tiktok' }), target('m2')];
    const byPlatform = evaluateRule(rule({ applies_to: { platforms: ['tiktok'], level: 'adset' } }), rows, objects, TODAY);
    expect(byPlatform.matched.map((m) => m.id)).toEqual(['t1']);
    expect(byPlatform.evaluated_count).toBe(1);
    const byIds = evaluateRule(rule({ applies_to: { ids: ['m1', 'm2'] } }), rows, objects, TODAY);
    expect(byIds.matched.map((m) => m.id)).toEqual(['m1']);
    const campaigns = evaluateRule(rule({ applies_to: { level: 'campaign' } }), rows, [target('c1'), target('m1')], TODAY);
    expect(campaigns.matched.map((m) => m.id)).toEqual(['c1']);
  });

  it('notify also evaluates paused objects, never deleted ones', () => {
    const objects = [...SEED_OBJECTS, target('gone', { status: 'deleted' })];
    const r = evaluateRule(rule({ action: { type: 'notify' } }), [...SEED_ROWS, row('gone', YESTERDAY, 900, 1)], objects, TODAY);
    expect(r.matched.map((m) => m.id)).toEqual(['no-conv-big', 'offender', 'paused']);
    expect(r.skipped_inactive_count).toBe(1);
  });
});

describe('budget actions', () => {
  const rows = [row('a', YESTERDAY, 300, 1), row('b', YESTERDAY, 300, 1), row('c', YESTERDAY, 300, 1), row('d', YESTERDAY, 300, 1)];

  it('decrease_budget lowers by the percent, never below MIN_DAILY_BUDGET', () => {
    const objects = [target('a', { daily_budget: 80 }), target('b', { daily_budget: 1.5 }), target('c', { daily_budget: MIN_DAILY_BUDGET }), target('d', { daily_budget: undefined })];
    const r = evaluateRule(rule({ action: { type: 'decrease_budget', percent: 50 } }), rows, objects, TODAY);
    expect(r.matched.map((m) => m.action)).toEqual([
      { type: 'decrease_budget', old_budget: 80, new_budget: 40 },
      { type: 'decrease_budget', old_budget: 1.5, new_budget: MIN_DAILY_BUDGET },
      { type: 'decrease_budget', old_budget: MIN_DAILY_BUDGET, new_budget: MIN_DAILY_BUDGET, skipped: 'unchanged' },
      { type: 'decrease_budget', skipped: 'no_daily_budget' },
    ]);
  });

  it('increase_budget raises by the percent, rounded to the currency', () => {
    const objects = [target('a', { daily_budget: 33.33 }), target('b', { daily_budget: 1234, currency: 'JPY' })];
    const r = evaluateRule(rule({ action: { type: 'increase_budget', percent: 20 } }), rows, objects, TODAY);
    expect(r.matched.map((m) => m.action.new_budget)).toEqual([40, 1481]);
  });

  it('rejects budget changes above 50% or without a percent', () => {
    expect(() => rule({ action: { type: 'increase_budget', percent: 60 } })).toThrow(AppError);
    expect(() => rule({ action: { type: 'decrease_budget' } as unknown as RuleInput['action'] })).toThrow(AppError);
  });
});

describe('parseRule', () => {
  it('applies defaults: ad set level, every 6 hours', () => {
    const r = rule();
    expect(r.applies_to).toEqual({ level: 'adset' });
    expect(r.interval_hours).toBe(6);
  });

  it('rejects unknown metrics, a CTR above 1 and bad intervals with AppError 1001 and the issues', () => {
    for (const bad of [
      { condition: { metric: 'frequency', operator: '>', value: 1, time_range: '24h' } },
      { condition: { metric: 'ctr', operator: '<', value: 2, time_range: '24h' } },
      { condition: { metric: 'cpa', operator: '>', value: 50, time_range: '2h30' } },
      { interval_hours: 0 },
      { name: '  ' },
    ]) {
      try {
        rule(bad as Partial<RuleInput>);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        expect((e as AppError).code).toBe('1001');
        expect((e as AppError).details.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.any(String) })]));
      }
    }
  });
});

describe('ruleCheckKey: idempotency per check', () => {
  const at = '2024-03-10T06:00:00Z';
  it('is stable for the same rule, check time and object, whatever the time format', () => {
    const k = ruleCheckKey('rule-1', at, { platform: 'meta', id: '123' });
    expect(k).toBe('rule:rule-1:2024-03-10T06:00:00.000Z:meta:123');
    expect(ruleCheckKey('rule-1', new Date(at), { platform: 'meta', id: '123' })).toBe(k);
    expect(ruleCheckKey('rule-1', '2024-03-10T14:00:00+08:00', { platform: 'meta', id: '123' })).toBe(k);
  });

  it('differs when the rule, the check, the platform or the object differs', () => {
    const keys = [
      ruleCheckKey('rule-1', at, { platform: 'meta', id: '123' }),
      ruleCheckKey('rule-2', at, { platform: 'meta', id: '123' }),
      ruleCheckKey('rule-1', '2024-03-10T12:00:00Z', { platform: 'meta', id: '123' }),
      ruleCheckKey('rule-1', at, { platform: 'google', id: '123' }),
      ruleCheckKey('rule-1', at, { platform: 'meta', id: '124' }),
      ruleCheckKey('rule:1', at, { platform: 'meta', id: '123' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('rejects an invalid time', () => {
    expect(() => ruleCheckKey('r', 'yesterday', { platform: 'meta', id: '1' })).toThrow(AppError);
  });
});

describe('ruleScheduleSpec', () => {
  it('every 6 hours by default, configurable per rule', () => {
    expect(ruleScheduleSpec(rule())).toEqual({ intervals: [{ every: '6h' }] });
    expect(ruleScheduleSpec(rule({ interval_hours: 12 }))).toEqual({ intervals: [{ every: '12h' }] });
  });
});

describe('describeRuleCheck (需求 6.4-6.5)', () => {
  const evaluation = evaluateRule(rule(), SEED_ROWS, SEED_OBJECTS, TODAY);

  it('Chinese: condition, counts, matched objects and outcomes', () => {
    const d = describeRuleCheck(evaluation, 'zh', [
      { platform: 'meta', id: 'offender', outcome: 'succeeded' },
      { platform: 'meta', id: 'no-conv-big', outcome: 'failed', error: 'token expired' },
    ]);
    expect(d.title).toBe('规则「CPA guard」触发：2 个广告组满足条件');
    expect(d.body).toBe(
      [
        '条件：CPA > 50.00（近 1 天）；动作：暂停广告组',
        '数据日期：2024-03-09；检查 5 个，满足 2 个，未满足 3 个，非活跃跳过 1 个',
        '- Meta「Set no-conv-big」：CPA -（无转化，花费 80.00 USD） → 暂停广告组（失败：token expired）',
        '- Meta「Set offender」：CPA 75.00 USD → 暂停广告组（成功）',
      ].join('\n'),
    );
  });

  it('English, with budget changes', () => {
    const r = evaluateRule(
      rule({ action: { type: 'decrease_budget', percent: 20 }, condition: { metric: 'roas', operator: '<', value: 2, time_range: '7d' } }),
      [row('a', YESTERDAY, 100, 1)],
      [target('a')],
      TODAY,
    );
    const d = describeRuleCheck(r, 'en');
    expect(d.title).toBe('Rule "CPA guard" triggered: 1 ad set matched');
    expect(d.body).toBe(
      [
        'Condition: ROAS < 2.00 (last 7 days); action: lower the budget by 20%',
        'Data: 2024-03-03 to 2024-03-09; checked 1, matched 1, not matched 0, skipped (inactive) 0',
        '- Meta “Set a”: ROAS 0.40 → budget 100.00 USD → 80.00 USD',
      ].join('\n'),
    );
  });

  it('nothing matched', () => {
    const r = evaluateRule(rule(), [], [], TODAY);
    expect(describeRuleCheck(r, 'en').title).toBe('Rule "CPA guard": nothing matched');
    expect(describeRuleCheck(r, 'zh').title).toBe('规则「CPA guard」：无对象满足条件');
  });

  it('lists at most 20 objects and counts the rest', () => {
    const ids = Array.from({ length: 25 }, (_, i) => `s${String(i).padStart(2, '0')}`);
    const r = evaluateRule(rule(), ids.map((id) => row(id, YESTERDAY, 300, 1)), ids.map((id) => target(id)), TODAY);
    const lines = describeRuleCheck(r, 'en').body.split('\n');
    expect(lines).toHaveLength(2 + 20 + 1);
    expect(lines.at(-1)).toBe('… and 5 more');
  });
});
