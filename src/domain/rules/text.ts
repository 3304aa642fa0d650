/**
 * Reading an automated rule from the user's words (issue "Campaign automation" §7; seed 001 需求
 * 6.1 create_rule from chat): "创建一个规则：CPA 超过 50 就暂停广告组", "If ROAS is below 2 over the
 * last 7 days, lower the budget by 10%". Pure: the text in, a rule for {@link parseRule} out.
 *
 * What is read (case-insensitive, full-width characters folded, spaces optional in Chinese):
 * - metric: cpa, roas, ctr, cpc, spend (花费, 消耗), conversions (转化), impressions (展示, 曝光);
 *   the first one named is the condition's metric;
 * - operator: > >= < <= == and words (超过/高于/大于/多于, 低于/小于/少于/不足, 不低于/至少,
 *   不超过/至多, above/over/greater than/more than/exceeds, below/under/less than, at least, at
 *   most, equals), the first one after the metric that is followed by a number;
 * - value: the number after the operator, money in MAJOR units ("$50", "50 美元" → 50); CTR as a
 *   fraction ("1%" → 0.01; a bare number ≥ 1 is read as a percentage, a smaller one as the
 *   fraction); ROAS "200%" → 2;
 * - time range: 24 小时 / 一天 / 1 天 / 昨天 / yesterday → '24h', N 天 / N days (3, 7, 14, 30 →
 *   '3d', '7d', '14d', '30d', other N → N × 24 hours), 一周 / a week → '7d', 两周 → '14d', 一个月 /
 *   a month → '30d', N 小时 / N hours → hours; default '24h';
 * - check interval: 每 N 小时 / every N hours, 每天 / daily (24), 每小时 / hourly (1); default the
 *   rule's (6 hours);
 * - action: 暂停 / pause → pause_adset; 提高 / 增加 / 加 (N%) 预算, increase / raise the budget (by
 *   N%) → increase_budget; 降低 / 减少 (N%) 预算, decrease / reduce / lower the budget (by N%) →
 *   decrease_budget (a budget verb counts only near 预算 / budget; N is the percentage right
 *   after the verb, from 1 to 50, default 20); 通知 / 提醒 / 告诉我 / notify / alert → notify
 *   (a pause or budget action wins over a notification: checks notify on every trigger anyway);
 * - level: the caller's, else 广告系列 / campaign in the text, else the ad set.
 *
 * Reading is this module's; the rule's generated name, the error messages and the hint are worded
 * by src/domain/replies/rules.ts.
 */
import type { NamedTimeRange, RuleAction, RuleCondition, RuleMetric, RuleOperator, RuleScope } from './evaluate.js';
import { AppError } from '../errors.js';
import type { Language } from '../chat/intent.js';
import { MISSING_LABEL, RULE_TEXT_ERRORS, RULE_TEXT_HINT, ruleMetricName, ruleTextName, type RuleTextErrors } from '../replies/rules.js';

/**
 * A rule read from text: a RuleInput of src/domain/rules/evaluate.ts (validated again by parseRule when
 * stored). `interval_hours` only when the text states a check interval.
 */
export interface TextRule {
  name: string;
  condition: Pick<RuleCondition, 'metric' | 'operator' | 'value' | 'time_range'>;
  action: RuleAction;
  applies_to: { level: RuleScope['level'] };
  interval_hours?: number;
}

/** What a caller already knows about the rule. */
export interface RuleTextOptions {
  /** the objects the rule watches (from the plan); default: read from the text, else 'adset'. */
  level?: RuleScope['level'];
}

/** Budget change when the text names none, percent. */
const DEFAULT_RULE_BUDGET_PCT = 20;
/** The largest budget change a rule may make unattended, percent (MAX_RULE_BUDGET_CHANGE_PCT of rules.ts). */
const MAX_BUDGET_PCT = 50;
/** The longest time range, hours (30 days; MAX_TIME_RANGE_HOURS of rules.ts). */
const MAX_RANGE_HOURS = 720;
/** The longest check interval, hours (one week, as RuleSchema allows). */
const MAX_INTERVAL_HOURS = 168;

/** Named ranges by their days (TIME_RANGE_DAYS of rules.ts). */
const NAMED_DAYS: Readonly<Record<number, NamedTimeRange>> = { 1: '24h', 3: '3d', 7: '7d', 14: '14d', 30: '30d' };

/** Metric words; a metric found first masks its words for the later ones ("转化成本" is not "转化"). */
const METRICS: ReadonlyArray<[RegExp, RuleMetric]> = [
  [/\broas\b|return on ad spend|广告支出回报率?|投入产出比|投产比/, 'roas'],
  [/\bcpa\b|cost per (?:acquisition|conversion|action|result)|单次转化成本|转化成本|获客成本/, 'cpa'],
  [/\bcpc\b|cost per click|单次点击成本|点击成本/, 'cpc'],
  [/\bctr\b|click[- ]?through rate|点击率/, 'ctr'],
  [/\bspend(?:s|ing)?\b|\bspent\b|\bcosts?\b|花费|消耗|花销|支出/, 'spend'],
  [/\bconversions?\b(?! rate)|转化(?!率)(?:数|量|次数)?/, 'conversions'],
  [/\bimpressions?\b|展示(?:量|次数|数)?|曝光(?:量|次数)?/, 'impressions'],
];

/** Operator words; at one position the longest wins, and "不超过" (≤) starts before "超过" (>). */
const OPERATORS: ReadonlyArray<[RegExp, RuleOperator]> = [
  [/>=|≥|=>|大于等于|大于或等于|高于或等于|不低于|不少于|至少|\bat least\b|\bgreater than or equal to\b|\bno less than\b/, '>='],
  [/<=|≤|=<|小于等于|小于或等于|低于或等于|不高于|不超过|不多于|至多|最多|\bat most\b|\bless than or equal to\b|\bno more than\b/, '<='],
  [
    />|超过|高于|大于|多于|\babove\b|\bover\b(?! (?:the )?(?:last|past|previous)\b)|\bgreater than\b|\bmore than\b|\bhigher than\b|\bexceed(?:s|ing)?\b|\bgoes above\b|\brises above\b/,
    '>',
  ],
  [/<|低于|小于|少于|不足|\bbelow\b|\bunder\b|\bless than\b|\blower than\b|\bfewer than\b|\bdrops? below\b|\bfalls? below\b/, '<'],
  [/==|=|等于|\bequals?\b|\bis equal to\b/, '=='],
];

/** A number right after an operator: optional currency sign, thousands separators, a percent sign. */
const VALUE = /^\s*(?:了|to)?\s*(?:\$|¥|us\$|usd\s*|rmb\s*)?\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*(%|percent\b)?/;

/** Check intervals ("每 6 小时", "every 12 hours", "每天"): read first, so they are not time ranges. */
const INTERVALS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => number]> = [
  [/每\s*(\d+)\s*个?\s*小时|\bevery\s*(\d+)\s*(?:hours?|hrs?|h)\b/, (m) => Number(m[1] ?? m[2])],
  [/每\s*一?\s*(?:天|日)(?!预算)|\bevery day\b|\bdaily\b(?! budget)|\bonce a day\b/, () => 24],
  [/每\s*个?\s*小时|\bevery hour\b|\bhourly\b/, () => 1],
];

/** Time ranges as hours; the first one in the text counts. */
const RANGES: ReadonlyArray<[RegExp, (m: RegExpExecArray) => number]> = [
  [/(\d+)\s*个?\s*(?:小时|hours?|hrs?|h(?![a-z]))/, (m) => Number(m[1])],
  [/(\d+)\s*(?:天|days?|d(?![a-z]))/, (m) => Number(m[1]) * 24],
  [/(\d+)\s*(?:周|个星期|weeks?)/, (m) => Number(m[1]) * 168],
  [/(\d+)\s*(?:个月|months?)/, (m) => Number(m[1]) * 720],
  [/一天|一日|昨天|昨日|\byesterday\b|\b(?:last|past|one|a) day\b/, () => 24],
  [/三天|\bthree days\b/, () => 72],
  [/七天|一周|一个星期|一星期|\b(?:a|one|last|past) week\b/, () => 168],
  [/十四天|两周|二周|两个星期|\btwo weeks\b|\bfortnight\b/, () => 336],
  [/三十天|一个月|\b(?:a|one|last|past) month\b/, () => 720],
];

type Verb = 'pause' | 'increase' | 'decrease' | 'notify';
const VERBS: ReadonlyArray<[RegExp, Verb]> = [
  [/暂停|停掉|停止|关停|关掉|关闭|停投|\bpause\w*|\bstop\b|\bturn off\b|\bswitch off\b/g, 'pause'],
  [/提高|增加|上调|提升|调高|加大|追加|加|\bincrease\b|\braise\b|\bboost\b|\bbump up\b|\bscale up\b/g, 'increase'],
  [/降低|减少|下调|削减|调低|\bdecrease\b|\breduce\b|\blower\b(?! than)|\bcut\b|\bscale down\b/g, 'decrease'],
  [/通知|提醒|告诉我|告知我|\bnotify\b|\balert\b|\btell me\b|\blet me know\b|\bemail me\b/g, 'notify'],
];
/** A budget verb acts on the budget only when "预算" / "budget" is this close to it (characters). */
const BUDGET_WINDOW = { before: 8, after: 30 };
const BUDGET_WORD = /预算|budget/;
/** The change right after a budget verb, past a few filler words ("提高 20%", "预算增加 20%", "the budget by 20%"). */
const PERCENT_AFTER = /^\s*(?:(?:the|its|their|my|daily|ad ?set'?s?|campaign'?s?|budgets?|by|预算|的|了|日)\s*)*(\d+(?:\.\d+)?)\s*(?:%|percent\b)/;

const LEVEL_WORDS: ReadonlyArray<[RegExp, RuleScope['level']]> = [
  [/广告组|\bad ?sets?\b|\bad ?groups?\b/, 'adset'],
  [/广告系列|系列|广告计划|\bcampaigns?\b/, 'campaign'],
];

/** Full-width characters folded (NFKC), lower case, runs of spaces as one. */
const normalize = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Replaces a match with spaces, so later patterns skip it but positions stay. */
const mask = (s: string, m: RegExpExecArray) => s.slice(0, m.index) + ' '.repeat(m[0].length) + s.slice(m.index + m[0].length);

/** Every match of `re` (a copy with the global flag), in order. */
const allMatches = (s: string, re: RegExp) => [...s.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`))];

/** A 1001 error for a part of the rule outside its bounds, worded in the language, with the hint. */
function invalid(language: Language, field: string, message: (errors: RuleTextErrors) => string, details: Record<string, unknown> = {}): AppError {
  return new AppError('1001', message(RULE_TEXT_ERRORS[language]), { invalid: field, ...details, hint: RULE_TEXT_HINT[language] });
}

function readMetric(s: string): { metric: RuleMetric; end: number } | undefined {
  let masked = s;
  let first: { metric: RuleMetric; index: number; end: number } | undefined;
  for (const [re, metric] of METRICS) {
    const m = re.exec(masked);
    if (!m) continue;
    if (!first || m.index < first.index) first = { metric, index: m.index, end: m.index + m[0].length };
    for (const hit of allMatches(masked, re)) masked = mask(masked, hit);
  }
  return first && { metric: first.metric, end: first.end };
}

/** The first operator after `from` that a number follows; `found` tells whether any operator word was there. */
function readComparison(s: string, from: number): { operator: RuleOperator; raw: number; percent: boolean } | { found: boolean } {
  const hits = OPERATORS.flatMap(([re, operator]) => allMatches(s, re).map((m) => ({ operator, index: m.index, text: m[0] })))
    .filter((h) => h.index >= from)
    .sort((a, b) => a.index - b.index || b.text.length - a.text.length);
  for (const h of hits) {
    const v = VALUE.exec(s.slice(h.index + h.text.length));
    if (v) return { operator: h.operator, raw: Number(v[1]!.replaceAll(',', '')), percent: v[2] !== undefined };
  }
  return { found: hits.length > 0 };
}

/** The condition's value in the metric's unit (CTR a fraction, ROAS a ratio, the rest as written). */
function valueOf(metric: RuleMetric, raw: number, percent: boolean, language: Language): number {
  if (metric === 'ctr') {
    const value = percent || raw >= 1 ? raw / 100 : raw;
    if (value > 1) throw invalid(language, 'value', (e) => e.ctrOver100, { value: raw });
    return value;
  }
  if (!percent) return raw;
  if (metric === 'roas') return raw / 100;
  throw invalid(language, 'value', (e) => e.notPercentage(ruleMetricName(metric, language)), { value: `${raw}%` });
}

function readInterval(s: string, language: Language): { hours?: number; rest: string } {
  for (const [re, hours] of INTERVALS) {
    const m = re.exec(s);
    if (!m) continue;
    const h = hours(m);
    if (!Number.isInteger(h) || h < 1 || h > MAX_INTERVAL_HOURS) {
      throw invalid(language, 'interval', (e) => e.intervalRange, { value: h });
    }
    return { hours: h, rest: mask(s, m) };
  }
  return { rest: s };
}

function readRange(s: string, language: Language): RuleCondition['time_range'] {
  const found = RANGES.map(([re, hours]) => {
    const m = re.exec(s);
    return m ? { index: m.index, hours: hours(m) } : undefined;
  })
    .filter((r) => r !== undefined)
    .sort((a, b) => a.index - b.index)[0];
  if (!found) return '24h';
  const { hours } = found;
  if (!Number.isInteger(hours) || hours < 1 || hours > MAX_RANGE_HOURS) {
    throw invalid(language, 'time_range', (e) => e.timeRange, { hours });
  }
  return (hours % 24 === 0 ? NAMED_DAYS[hours / 24] : undefined) ?? hours;
}

function readAction(s: string, language: Language): RuleAction | undefined {
  const hits = VERBS.flatMap(([re, verb]) => allMatches(s, re).map((m) => ({ verb, index: m.index, end: m.index + m[0].length })))
    .filter((h) => {
      if (h.verb !== 'increase' && h.verb !== 'decrease') return true;
      return BUDGET_WORD.test(s.slice(Math.max(0, h.index - BUDGET_WINDOW.before), h.end + BUDGET_WINDOW.after));
    })
    .sort((a, b) => Number(a.verb === 'notify') - Number(b.verb === 'notify') || a.index - b.index);
  const first = hits[0];
  if (!first) return undefined;
  if (first.verb === 'pause') return { type: 'pause_adset' };
  if (first.verb === 'notify') return { type: 'notify' };
  const pct = PERCENT_AFTER.exec(s.slice(first.end));
  const percent = pct ? Number(pct[1]) : DEFAULT_RULE_BUDGET_PCT;
  if (percent < 1 || percent > MAX_BUDGET_PCT) {
    throw invalid(language, 'percent', (e) => e.budgetChangeMax, { value: percent, max: MAX_BUDGET_PCT });
  }
  return { type: first.verb === 'increase' ? 'increase_budget' : 'decrease_budget', percent };
}

/**
 * Reads a rule from the user's words (see the module comment for the vocabulary).
 * @param text the message or its rule clause, Chinese or English
 * @param options.level the objects the rule watches, when the caller knows them
 * @param language language of the generated name and of the error messages
 * @returns the rule (a RuleInput): name, condition (money in major units, CTR a fraction), action, level
 * @throws AppError 1001 `{missing: ['metric' | 'operator' | 'value' | 'action', ...], hint}` when
 *   the text lacks a part; `{invalid: field, hint, ...}` for a budget change outside 1-50%, a time
 *   range over 30 days, a check interval outside 1-168 hours, a CTR over 100% or a percentage of a
 *   count or money metric
 */
export function parseRuleText(text: string, options: RuleTextOptions, language: Language): TextRule {
  const { hours: interval, rest } = readInterval(normalize(text), language);
  const missing: Array<keyof typeof MISSING_LABEL> = [];
  const metric = readMetric(rest);
  if (!metric) missing.push('metric');
  const comparison = readComparison(rest, metric?.end ?? 0);
  if ('found' in comparison) missing.push(comparison.found ? 'value' : 'operator');
  const action = readAction(rest, language);
  if (!action) missing.push('action');
  if (!metric || 'found' in comparison || !action) {
    throw new AppError('1001', RULE_TEXT_ERRORS[language].unreadable(missing.map((m) => MISSING_LABEL[m][language])), {
      missing,
      hint: RULE_TEXT_HINT[language],
    });
  }
  const level = options.level ?? LEVEL_WORDS.find(([re]) => re.test(rest))?.[1] ?? 'adset';
  const condition = {
    metric: metric.metric,
    operator: comparison.operator,
    value: valueOf(metric.metric, comparison.raw, comparison.percent, language),
    time_range: readRange(rest, language),
  };
  const rule = { condition, action, applies_to: { level } };
  return { name: ruleTextName(rule, language), ...rule, ...(interval !== undefined ? { interval_hours: interval } : {}) };
}
