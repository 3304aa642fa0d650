/**
 * Rules from the user's words (issue "Campaign automation" §7; seed 001 需求 6.1): the chat
 * phrasings of the acceptance tests, each operator, value, time range and action word, the
 * errors with their hints, and a fast-check property: a rule phrased in Chinese or English from
 * generated (metric, operator word, value, range, action) reads back as that rule.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRule, type RuleAction, type RuleMetric, type RuleOperator } from '../../src/domain/rules/evaluate.js';
import { AppError } from '../../src/domain/errors.js';
import type { Language } from '../../src/domain/chat/intent.js';
import { parseRuleText, type TextRule } from '../../src/domain/rules/text.js';
import { RULE_TEXT_HINT, ruleTextName } from '../../src/domain/replies/rules.js';

/** The AppError a call throws. */
function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected an AppError');
}

const zh = (text: string, level?: 'adset' | 'campaign') => parseRuleText(text, level ? { level } : {}, 'zh');
const en = (text: string, level?: 'adset' | 'campaign') => parseRuleText(text, level ? { level } : {}, 'en');

describe('the acceptance phrasings', () => {
  it('"创建一个规则：CPA 超过 50 就暂停广告组" (as the offline parser passes it) → CPA > 50 over 24h, pause the ad set', () => {
    const rule = zh('创建一个规则:CPA超过50就暂停广告组', 'adset');
    expect(rule).toEqual({
      name: 'CPA > 50 (24h) → 暂停广告组',
      condition: { metric: 'cpa', operator: '>', value: 50, time_range: '24h' },
      action: { type: 'pause_adset' },
      applies_to: { level: 'adset' },
    });
    expect(zh('创建一个规则：CPA 超过 50 就暂停广告组')).toEqual(rule);
    expect(parseRule(rule)).toMatchObject({ ...rule, interval_hours: 6 });
  });

  it('"Create a rule: if CPA > 50 in the last 24 hours, pause the ad set" → the same rule, named in English', () => {
    expect(en('Create a rule: if CPA > 50 in the last 24 hours, pause the ad set')).toEqual({
      name: 'CPA > 50 (24h) → pause the ad set',
      condition: { metric: 'cpa', operator: '>', value: 50, time_range: '24h' },
      action: { type: 'pause_adset' },
      applies_to: { level: 'adset' },
    });
  });
});

describe('parts of a rule', () => {
  it.each([
    ['超过', '>'],
    ['高于', '>'],
    ['大于', '>'],
    ['多于', '>'],
    ['低于', '<'],
    ['小于', '<'],
    ['少于', '<'],
    ['不足', '<'],
    ['不低于', '>='],
    ['大于等于', '>='],
    ['不超过', '<='],
    ['>=', '>='],
    ['≤', '<='],
    ['等于', '=='],
  ])('zh operator %s → %s', (word, op) => {
    expect(zh(`花费${word} 100 就暂停广告组`).condition).toMatchObject({ metric: 'spend', operator: op, value: 100 });
  });

  it.each([
    ['is above', '>'],
    ['is over', '>'],
    ['is greater than', '>'],
    ['is more than', '>'],
    ['exceeds', '>'],
    ['is below', '<'],
    ['is under', '<'],
    ['is less than', '<'],
    ['is lower than', '<'],
    ['is at least', '>='],
    ['is no more than', '<='],
    ['equals', '=='],
  ])('en operator "%s" → %s', (word, op) => {
    expect(en(`If CPC ${word} 2.5, notify me`).condition).toMatchObject({ metric: 'cpc', operator: op, value: 2.5 });
  });

  it.each<[string, RuleMetric]>([
    ['ROAS 低于 1.5 就通知我', 'roas'],
    ['消耗超过 100 就通知我', 'spend'],
    ['转化少于 5 就通知我', 'conversions'],
    ['展示量低于 1000 就通知我', 'impressions'],
    ['曝光低于 1000 就通知我', 'impressions'],
    ['转化成本高于 40 就通知我', 'cpa'],
    ['点击成本高于 2 就通知我', 'cpc'],
    ['If the cost per conversion is above 40, notify me', 'cpa'],
    ['If it spends more than 300, notify me', 'spend'],
    ['If return on ad spend drops below 1, notify me', 'roas'],
  ])('metric of "%s" is %s', (text, metric) => {
    expect(parseRuleText(text, {}, 'zh').condition.metric).toBe(metric);
  });

  it('reads CTR as a fraction, ROAS percentages as ratios, money in major units with separators and signs', () => {
    expect(zh('CTR 低于 1% 就通知我').condition.value).toBe(0.01);
    expect(zh('点击率低于 1.5％ 就通知我').condition.value).toBe(0.015);
    expect(en('If CTR is below 2, notify me').condition.value).toBe(0.02);
    expect(en('If CTR is below 0.02, notify me').condition.value).toBe(0.02);
    expect(en('If ROAS is below 150%, notify me').condition.value).toBe(1.5);
    expect(en('If spend exceeds $1,250.50, pause the ad set').condition.value).toBe(1250.5);
    expect(zh('CPA 超过 50 美元就暂停广告组').condition.value).toBe(50);
    expect(zh('ＣＰＡ超过５０就暂停广告组').condition).toMatchObject({ metric: 'cpa', value: 50 });
  });

  it.each([
    ['过去 24 小时 CPA 超过 50 就暂停广告组', '24h'],
    ['最近一天 CPA 超过 50 就暂停广告组', '24h'],
    ['近 1 天 CPA 超过 50 就暂停广告组', '24h'],
    ['昨天 CPA 超过 50 就暂停广告组', '24h'],
    ['过去 3 天 CPA 超过 50 就暂停广告组', '3d'],
    ['过去 7 天 CPA 超过 50 就暂停广告组', '7d'],
    ['最近一周 CPA 超过 50 就暂停广告组', '7d'],
    ['最近 14 天 CPA 超过 50 就暂停广告组', '14d'],
    ['最近一个月 CPA 超过 50 就暂停广告组', '30d'],
    ['过去 48 小时 CPA 超过 50 就暂停广告组', 48],
    ['过去 5 天 CPA 超过 50 就暂停广告组', 120],
    ['CPA 超过 50 就暂停广告组', '24h'],
    ['If CPA was above 50 yesterday, pause the ad set', '24h'],
    ['If CPA is above 50 over the last 3 days, pause the ad set', '3d'],
    ['If CPA is above 50 over the last 7 days, pause the ad set', '7d'],
    ['If CPA is above 50 in the past week, pause the ad set', '7d'],
    ['If CPA is above 50 over the last 30 days, pause the ad set', '30d'],
  ])('time range of "%s" is %s', (text, range) => {
    expect(parseRuleText(text, {}, 'zh').condition.time_range).toBe(range);
  });

  it('reads a check interval, and does not take it for the time range', () => {
    const rule = zh('每 12 小时检查一次：过去 3 天 ROAS 低于 1 就通知我');
    expect(rule.interval_hours).toBe(12);
    expect(rule.condition.time_range).toBe('3d');
    expect(en('Every 2 hours: if CPA > 50, pause the ad set')).toMatchObject({ interval_hours: 2, condition: { time_range: '24h' } });
    expect(zh('每天检查：CPA 超过 50 就暂停广告组').interval_hours).toBe(24);
    expect(zh('CPA 超过 50 就暂停广告组').interval_hours).toBeUndefined();
  });

  it.each<[string, RuleAction]>([
    ['CPA 超过 50 就暂停广告组', { type: 'pause_adset' }],
    ['ROAS 高于 3 就提高 30% 预算', { type: 'increase_budget', percent: 30 }],
    ['ROAS 高于 3 就把预算增加 25%', { type: 'increase_budget', percent: 25 }],
    ['ROAS 高于 3 就加 10% 预算', { type: 'increase_budget', percent: 10 }],
    ['ROAS 高于 3 就提高预算', { type: 'increase_budget', percent: 20 }],
    ['ROAS 低于 1 就降低 15% 预算', { type: 'decrease_budget', percent: 15 }],
    ['ROAS 低于 1 就减少预算', { type: 'decrease_budget', percent: 20 }],
    ['CTR 低于 1% 就通知我', { type: 'notify' }],
    ['CTR 低于 1% 就提醒我', { type: 'notify' }],
    ['CTR 低于 1% 就告诉我', { type: 'notify' }],
    ['CPA 超过 50 就暂停广告组并通知我', { type: 'pause_adset' }],
    ['If ROAS is above 3, increase the budget by 20%', { type: 'increase_budget', percent: 20 }],
    ['If ROAS is above 3 over the last 7 days, raise the daily budget by 35%', { type: 'increase_budget', percent: 35 }],
    ['Reduce the budget by 10% when CTR is below 1% over the last 7 days', { type: 'decrease_budget', percent: 10 }],
    ['Raise the budget when CTR is over 2%', { type: 'increase_budget', percent: 20 }],
    ['If CPA is lower than 20, raise the budget', { type: 'increase_budget', percent: 20 }],
    ['Alert me if CPA exceeds 80', { type: 'notify' }],
  ])('action of "%s"', (text, action) => {
    expect(parseRuleText(text, {}, 'en').action).toEqual(action);
  });

  it('takes the level from the caller, else from the text, else the ad set', () => {
    expect(zh('CPA 超过 50 就暂停广告系列').applies_to.level).toBe('campaign');
    expect(en('If spend exceeds 500, pause the campaign')).toMatchObject({ applies_to: { level: 'campaign' }, name: 'spend > 500 (24h) → pause the campaign' });
    expect(zh('CPA 超过 50 就暂停广告系列', 'adset').applies_to.level).toBe('adset');
    expect(zh('CTR 低于 1% 就通知我').applies_to.level).toBe('adset');
  });

  it('names a rule so that its name reads back as the same rule', () => {
    const rule = zh('过去 7 天点击率低于 0.5% 就降低 10% 预算', 'campaign');
    expect(rule.name).toBe('CTR < 0.5% (7d) → 预算降低 10%');
    expect(parseRuleText(rule.name, { level: 'campaign' }, 'zh')).toEqual(rule);
  });
});

describe('what cannot be read', () => {
  it('a rule without metric, comparison and action: 1001 listing what is missing, with a hint in the language', () => {
    const err = errorOf(() => zh('创建一个规则:每天帮我看看'));
    expect(err.code).toBe('1001');
    expect(err.details).toEqual({ missing: ['metric', 'operator', 'action'], hint: RULE_TEXT_HINT.zh });
    expect(err.message).toContain('缺少');
    const enErr = errorOf(() => en('Create a rule for my ads please'));
    expect(enErr.details).toEqual({ missing: ['metric', 'operator', 'action'], hint: RULE_TEXT_HINT.en });
  });

  it('names the one missing part: the threshold, the action, the metric', () => {
    expect(errorOf(() => zh('CPA 超过预算就暂停广告组')).details.missing).toEqual(['value']);
    expect(errorOf(() => zh('CPA 超过 50')).details.missing).toEqual(['action']);
    expect(errorOf(() => zh('超过 50 就暂停广告组')).details.missing).toEqual(['metric']);
    expect(errorOf(() => en('If CPA goes up, pause the ad set')).details.missing).toEqual(['operator']);
  });

  it('refuses a budget change outside 1-50%, a range over 30 days, a CTR over 100%, a percentage of money', () => {
    expect(errorOf(() => zh('ROAS 高于 3 就提高 80% 预算')).details).toMatchObject({ invalid: 'percent', value: 80, max: 50 });
    expect(errorOf(() => zh('过去 45 天 CPA 超过 50 就暂停广告组')).details).toMatchObject({ invalid: 'time_range' });
    expect(errorOf(() => zh('CTR 高于 150% 就通知我')).details).toMatchObject({ invalid: 'value' });
    expect(errorOf(() => zh('CPA 超过 50% 就通知我')).details).toMatchObject({ invalid: 'value' });
    expect(errorOf(() => zh('每 200 小时检查：CPA 超过 50 就通知我')).details).toMatchObject({ invalid: 'interval' });
  });
});

// ---- the property ----------------------------------------------------------------------------

type Op = Exclude<RuleOperator, '=='>;
type Range = '24h' | '3d' | '7d' | '14d' | '30d';

const OP_WORDS: Record<Language, Record<Op, string[]>> = {
  zh: { '>': ['超过', '高于', '大于', '多于', '>'], '<': ['低于', '小于', '少于', '不足', '<'], '>=': ['不低于', '至少', '>='], '<=': ['不超过', '至多', '<='] },
  en: {
    '>': ['is above', 'is over', 'is greater than', 'is more than', 'exceeds', '>'],
    '<': ['is below', 'is under', 'is less than', '<'],
    '>=': ['is at least', '>='],
    '<=': ['is at most', 'is no more than', '<='],
  },
};

const METRIC_WORDS: Record<Language, Record<RuleMetric, string[]>> = {
  zh: {
    cpa: ['CPA', '转化成本'],
    roas: ['ROAS'],
    ctr: ['CTR', '点击率'],
    cpc: ['CPC', '点击成本'],
    spend: ['花费', '消耗'],
    conversions: ['转化', '转化数'],
    impressions: ['展示', '展示量', '曝光'],
  },
  en: {
    cpa: ['CPA', 'cost per acquisition'],
    roas: ['ROAS'],
    ctr: ['CTR', 'click-through rate'],
    cpc: ['CPC', 'cost per click'],
    spend: ['spend'],
    conversions: ['conversions'],
    impressions: ['impressions'],
  },
};

const RANGE_WORDS: Record<Language, Record<Range, string[]>> = {
  zh: {
    '24h': ['过去 24 小时', '最近一天', '近 1 天', '昨天'],
    '3d': ['过去 3 天', '最近 3 天'],
    '7d': ['过去 7 天', '最近一周'],
    '14d': ['过去 14 天', '最近两周'],
    '30d': ['过去 30 天', '最近一个月'],
  },
  en: {
    '24h': ['in the last 24 hours', 'yesterday', 'over the last day'],
    '3d': ['over the last 3 days', 'in the past 3 days'],
    '7d': ['over the last 7 days', 'in the past week'],
    '14d': ['over the last 14 days', 'in the past two weeks'],
    '30d': ['over the last 30 days', 'in the past month'],
  },
};

/** Action phrasings; `n` a stated percentage, or undefined for the default. */
const ACTION_WORDS: Record<Language, { [K in RuleAction['type']]: Array<(n: number | undefined) => string> }> = {
  zh: {
    pause_adset: [() => '暂停广告组', () => '暂停'],
    notify: [() => '通知我', () => '提醒我', () => '告诉我'],
    increase_budget: [(n) => (n === undefined ? '提高预算' : `提高 ${n}% 预算`), (n) => (n === undefined ? '增加预算' : `把预算增加 ${n}%`), (n) => (n === undefined ? '提高预算' : `加 ${n}% 预算`)],
    decrease_budget: [(n) => (n === undefined ? '降低预算' : `降低 ${n}% 预算`), (n) => (n === undefined ? '减少预算' : `把预算减少 ${n}%`)],
  },
  en: {
    pause_adset: [() => 'pause the ad set', () => 'pause it'],
    notify: [() => 'notify me', () => 'alert me', () => 'let me know'],
    increase_budget: [(n) => (n === undefined ? 'increase the budget' : `increase the budget by ${n}%`), (n) => (n === undefined ? 'raise the budget' : `raise the daily budget by ${n}%`)],
    decrease_budget: [(n) => (n === undefined ? 'decrease the budget' : `reduce the budget by ${n}%`), (n) => (n === undefined ? 'lower the budget' : `cut the budget by ${n}%`)],
  },
};

/** A generated rule and the words it is phrased with. */
interface Case {
  language: Language;
  level: 'adset' | 'campaign';
  expected: Omit<TextRule, 'name'>;
  text: string;
}

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

/** The condition's value and how it is written, by metric. */
const valueArb = (metric: RuleMetric, language: Language): fc.Arbitrary<{ value: number; text: string }> => {
  switch (metric) {
    case 'ctr':
      return fc.integer({ min: 1, max: 300 }).map((tenths) => ({ value: tenths / 10 / 100, text: `${tenths / 10}%` }));
    case 'roas':
      return fc.integer({ min: 1, max: 100 }).map((tenths) => ({ value: tenths / 10, text: `${tenths / 10}` }));
    case 'cpa':
    case 'cpc':
    case 'spend':
      return fc.tuple(fc.integer({ min: 1, max: 500_000 }), fc.boolean()).map(([cents, unit]) => {
        const v = cents / 100;
        return { value: v, text: unit ? (language === 'zh' ? `${v} 美元` : `$${v}`) : `${v}` };
      });
    case 'conversions':
    case 'impressions':
      return fc.integer({ min: 0, max: 1_000_000 }).map((v) => ({ value: v, text: String(v) }));
  }
};

const actionArb = (language: Language): fc.Arbitrary<{ action: RuleAction; text: string }> =>
  fc
    .tuple(pick(['pause_adset', 'notify', 'increase_budget', 'decrease_budget'] as const), fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }), fc.nat())
    .map(([type, n, i]) => {
      const forms = ACTION_WORDS[language][type];
      const text = forms[i % forms.length]!(n);
      const action: RuleAction = type === 'pause_adset' || type === 'notify' ? { type } : { type, percent: n ?? 20 };
      return { action, text };
    });

const caseArb: fc.Arbitrary<Case> = fc
  .tuple(
    pick(['zh', 'en'] as const),
    pick(['cpa', 'roas', 'ctr', 'cpc', 'spend', 'conversions', 'impressions'] as const),
    pick(['>', '<', '>=', '<='] as const),
    fc.option(pick(['24h', '3d', '7d', '14d', '30d'] as const), { nil: undefined }),
    pick(['adset', 'campaign'] as const),
    fc.nat(),
  )
  .chain(([language, metric, op, range, level, seed]) =>
    fc.tuple(valueArb(metric, language), actionArb(language), fc.nat()).map(([value, action, form]): Case => {
      const pickOf = <T>(xs: readonly T[], salt: number) => xs[(seed + salt) % xs.length]!;
      const m = pickOf(METRIC_WORDS[language][metric], 1);
      const o = pickOf(OP_WORDS[language][op], 2);
      const r = range === undefined ? undefined : pickOf(RANGE_WORDS[language][range], 3);
      let text: string;
      if (language === 'zh') {
        const sep = pickOf(['就', '，就', '时', '，则', ' 就 '], 4);
        const cond = r === undefined ? `${m}${o} ${value.text}` : form % 2 === 0 ? `${r}${m}${o}${value.text}` : `${m}在${r}内${o} ${value.text}`;
        text = `${pickOf(['', '创建一个规则：', '帮我设个规则:'], 5)}${cond}${sep}${action.text}`;
      } else {
        const cond = `${m} ${o} ${value.text}${r === undefined ? '' : ` ${r}`}`;
        text = form % 2 === 0 ? `If ${cond}, ${action.text}` : `${action.text[0]!.toUpperCase()}${action.text.slice(1)} when ${cond}`;
      }
      return {
        language,
        level,
        expected: { condition: { metric, operator: op, value: value.value, time_range: range ?? '24h' }, action: action.action, applies_to: { level } },
        text,
      };
    }),
  );

describe('property: a generated phrasing reads back as its rule', () => {
  it('zh and en, every metric, operator word, value, range and action', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const rule = parseRuleText(c.text, { level: c.level }, c.language);
        expect(rule).toEqual({ name: ruleTextName(c.expected, c.language), ...c.expected });
        expect(parseRule(rule)).toMatchObject(c.expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('a rule read from its own name is the same rule', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const rule = parseRuleText(c.text, { level: c.level }, c.language);
        expect(parseRuleText(rule.name, { level: c.level }, c.language)).toEqual(rule);
      }),
      { numRuns: 500 },
    );
  });
});
