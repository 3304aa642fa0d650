/**
 * The texts of automated rules in Chinese and English (seed 001 需求 6): a rule's generated name
 * (read back by src/domain/rules/text.ts to the same rule), the errors and hints of reading a rule
 * from the user's words, the reply when a rule is created, and the notification / execution-log
 * text of a rule check.
 *
 * Units as in src/domain/rules/evaluate.ts: money in major units of each object's currency, CTR a
 * fraction (shown as a percentage), ROAS a ratio.
 */
import type { Language } from '../chat/intent.js';
import { RULE_MONEY_METRICS, timeRangeDays } from '../rules/evaluate.js';
import type { Rule, RuleAction, RuleActionOutcome, RuleCondition, RuleEvaluation, RuleMatch, RuleMetric, RuleScope } from '../rules/evaluate.js';
import type { TextRule } from '../rules/text.js';
import { LEVEL_LABEL, METRIC_LABEL, OUTCOME_LABEL, PLATFORM_LABEL, type Text } from './labels.js';
import { formatMoney, formatPercent } from './format.js';
import { HINT } from './hints.js';
import { PUNCT, spanText } from './phrases.js';

/** The example phrasing that errors of reading a rule carry (`details.hint`). */
export const RULE_TEXT_HINT: Text = HINT.rule_text;

/** The parts of a rule its text may lack, as the error names them. */
export const MISSING_LABEL: Readonly<Record<'metric' | 'operator' | 'value' | 'action', Text>> = {
  metric: { zh: '指标（CPA、ROAS、CTR、花费…）', en: 'the metric (CPA, ROAS, CTR, spend…)' },
  operator: { zh: '比较方式（超过、低于…）', en: 'the comparison (above, below…)' },
  value: { zh: '阈值', en: 'the threshold' },
  action: { zh: '动作（暂停、调整预算、通知）', en: 'the action (pause, change the budget, notify)' },
};

/** The sentences of rule texts in one language. */
interface RuleText {
  /** reading a rule: what it lacks (the parts already worded). */
  unreadable: (parts: string[]) => string;
  ctrOver100: string;
  notPercentage: (metric: string) => string;
  intervalRange: string;
  timeRange: string;
  budgetChangeMax: string;
  /** actions: `notify` in a name is the user's wish ("notify me"), in a check what it does. */
  pause: (level: string) => string;
  notifyName: string;
  notifyCheck: string;
  raise: (pct: number) => string;
  lower: (pct: number) => string;
  created: (name: string, id: string, hours: number, level: RuleScope['level']) => string;
  condition: (expr: string, days: number) => string;
  title: (name: string, n: number, level: string) => string;
  titleNone: (name: string) => string;
  header: (condition: string, action: string, span: string, e: RuleEvaluation) => string[];
  object: (platform: string, name: string) => string;
  noConversions: string;
  noClicks: string;
  undefinedValue: (label: string, none: string, spend: string) => string;
  noDailyBudget: string;
  budget: (change: string) => string;
  budgetAtLimit: (change: string) => string;
  outcome: (label: string, error: string) => string;
  more: (n: number) => string;
  checkFailed: (code: string) => string;
}

const s = (n: number) => (n === 1 ? '' : 's');

const TEXT: Readonly<Record<Language, RuleText>> = {
  zh: {
    unreadable: (parts) => `没能读懂这条规则：缺少${parts.join(PUNCT.zh.list)}`,
    ctrOver100: 'CTR 不能超过 100%',
    notPercentage: (metric) => `${metric}不是百分比`,
    intervalRange: '检查间隔应在 1 到 168 小时之间',
    timeRange: '时间范围应在 1 小时到 30 天之间',
    budgetChangeMax: '规则每次最多调整预算 50%',
    pause: (level) => `暂停${level}`,
    notifyName: '通知我',
    notifyCheck: '发送通知',
    raise: (pct) => `预算提高 ${pct}%`,
    lower: (pct) => `预算降低 ${pct}%`,
    created: (name, id, hours, level) =>
      `已创建自动规则「${name}」（ID ${id}）：每 ${hours} 小时检查一次你的${LEVEL_LABEL[level].zh}，第一次检查在 ${hours} 小时后；触发时会通知你。`,
    condition: (expr, days) => `${expr}（近 ${days} 天）`,
    title: (name, n, level) => `规则「${name}」触发：${n} 个${level}满足条件`,
    titleNone: (name) => `规则「${name}」：无对象满足条件`,
    header: (condition, action, span, e) => [
      `条件：${condition}；动作：${action}`,
      `数据日期：${span}；检查 ${e.evaluated_count} 个，满足 ${e.matched.length} 个，未满足 ${e.not_matched_count} 个，非活跃跳过 ${e.skipped_inactive_count} 个`,
    ],
    object: (platform, name) => `${platform}「${name}」`,
    noConversions: '无转化',
    noClicks: '无点击',
    undefinedValue: (label, none, spend) => `${label} -（${none}，花费 ${spend}）`,
    noDailyBudget: '无日预算，未调整',
    budget: (change) => `预算 ${change}`,
    budgetAtLimit: (change) => `预算 ${change}（已到下限，未调整）`,
    outcome: (label, error) => `（${label}${error ? `：${error}` : ''}）`,
    more: (n) => `…… 另有 ${n} 个`,
    checkFailed: (code) => `规则检查失败（${code}）`,
  },
  en: {
    unreadable: (parts) => `I could not read the rule: it lacks ${parts.join(PUNCT.en.list)}`,
    ctrOver100: 'A CTR cannot exceed 100%',
    notPercentage: (metric) => `${metric} is not a percentage`,
    intervalRange: 'The check interval must be 1 to 168 hours',
    timeRange: 'The time range must be 1 hour to 30 days',
    budgetChangeMax: 'A rule changes a budget by at most 50% at a time',
    pause: (level) => `pause the ${level}`,
    notifyName: 'notify me',
    notifyCheck: 'notify',
    raise: (pct) => `raise the budget by ${pct}%`,
    lower: (pct) => `lower the budget by ${pct}%`,
    created: (name, id, hours, level) =>
      `Created the automated rule "${name}" (id ${id}): it checks your ${LEVEL_LABEL[level].en}s every ${hours} hours, the first time ${hours} hours from now, and notifies you when it triggers.`,
    condition: (expr, days) => `${expr} (last ${days} day${s(days)})`,
    title: (name, n, level) => `Rule "${name}" triggered: ${n} ${level}${s(n)} matched`,
    titleNone: (name) => `Rule "${name}": nothing matched`,
    header: (condition, action, span, e) => [
      `Condition: ${condition}; action: ${action}`,
      `Data: ${span}; checked ${e.evaluated_count}, matched ${e.matched.length}, not matched ${e.not_matched_count}, skipped (inactive) ${e.skipped_inactive_count}`,
    ],
    object: (platform, name) => `${platform} “${name}”`,
    noConversions: 'no conversions',
    noClicks: 'no clicks',
    undefinedValue: (label, none, spend) => `${label} - (${none}, spend ${spend})`,
    noDailyBudget: 'no daily budget, not changed',
    budget: (change) => `budget ${change}`,
    budgetAtLimit: (change) => `budget ${change} (at the limit, not changed)`,
    outcome: (label, error) => ` (${label}${error ? `: ${error}` : ''})`,
    more: (n) => `… and ${n} more`,
    checkFailed: (code) => `Rule check failed (${code})`,
  },
};

/** The messages of reading a rule from text, in one language (see {@link RULE_TEXT_ERRORS}). */
export type RuleTextErrors = Pick<RuleText, 'unreadable' | 'ctrOver100' | 'notPercentage' | 'intervalRange' | 'timeRange' | 'budgetChangeMax'>;

/** The error messages of reading a rule from the user's words (src/domain/rules/text.ts), by language. */
export const RULE_TEXT_ERRORS: Readonly<Record<Language, RuleTextErrors>> = TEXT;

/**
 * A metric as a rule's name shows it: the short form (CTR in Chinese too), so the name reads back
 * as the same rule.
 */
export function ruleMetricName(metric: RuleMetric, language: Language): string {
  return metric === 'ctr' ? METRIC_LABEL.ctr.en : METRIC_LABEL[metric][language];
}

/** A value as the name shows it: CTR as a percentage (up to 4 decimals), the rest as written. */
function nameValue(metric: RuleMetric, value: number): string {
  return metric === 'ctr' ? `${Number((value * 100).toFixed(4))}%` : String(value);
}

/** A rule's action: "暂停广告组" / "pause the ad set", "预算降低 20%" / "lower the budget by 20%". */
function actionText(a: RuleAction, level: RuleScope['level'], language: Language, form: 'name' | 'check'): string {
  const t = TEXT[language];
  switch (a.type) {
    case 'pause_adset':
      return t.pause(LEVEL_LABEL[level][language]);
    case 'notify':
      return form === 'name' ? t.notifyName : t.notifyCheck;
    case 'increase_budget':
      return t.raise(a.percent);
    case 'decrease_budget':
      return t.lower(a.percent);
  }
}

/**
 * The rule's generated name, e.g. "CPA > 50 (24h) → 暂停广告组" or "CTR < 1% (7d) → notify me".
 * Reading the name back with parseRuleText (src/domain/rules/text.ts) gives the same rule.
 */
export function ruleTextName(rule: Pick<TextRule, 'condition' | 'action' | 'applies_to'>, language: Language): string {
  const c = rule.condition;
  const range = typeof c.time_range === 'number' ? `${c.time_range}h` : c.time_range;
  return `${ruleMetricName(c.metric, language)} ${c.operator} ${nameValue(c.metric, c.value)} (${range}) → ${actionText(rule.action, rule.applies_to.level, language, 'name')}`;
}

/**
 * The reply when a rule was created from chat: its name and id, what it checks, how often, and
 * when the first check runs (one interval from now).
 */
export function describeRuleCreated(ruleId: string, rule: Rule, language: Language): string {
  return TEXT[language].created(rule.name, ruleId, rule.interval_hours, rule.applies_to.level);
}

/** Matches listed in a check's description; the rest are counted. */
const MATCHES_SHOWN = 20;

/** A metric value for display: money with the currency, CTR as a percentage, ROAS with 2 decimals. */
function metricText(metric: RuleMetric, value: number, currency: string | undefined): string {
  if (metric === 'ctr') return formatPercent(value);
  if (metric === 'roas') return value.toFixed(2);
  if (RULE_MONEY_METRICS.has(metric)) return currency === undefined ? value.toFixed(2) : formatMoney(value, currency);
  return String(value);
}

function conditionText(c: RuleCondition, language: Language): string {
  return TEXT[language].condition(`${METRIC_LABEL[c.metric][language]} ${c.operator} ${metricText(c.metric, c.value, undefined)}`, timeRangeDays(c.time_range));
}

function matchValueText(m: RuleMatch, metric: RuleMetric, language: Language): string {
  const t = TEXT[language];
  const label = METRIC_LABEL[metric][language];
  if (m.value !== null) return `${label} ${metricText(metric, m.value, m.currency)}`;
  if (m.lower_bound === undefined) return `${label} -`;
  return t.undefinedValue(label, metric === 'cpa' ? t.noConversions : t.noClicks, formatMoney(m.lower_bound, m.currency));
}

function plannedText(m: RuleMatch, evaluation: RuleEvaluation, language: Language): string {
  const t = TEXT[language];
  const a = m.action;
  if (a.skipped === 'no_daily_budget') return t.noDailyBudget;
  if (a.old_budget !== undefined && a.new_budget !== undefined) {
    const change = `${formatMoney(a.old_budget, m.currency)} → ${formatMoney(a.new_budget, m.currency)}`;
    return a.skipped === 'unchanged' ? t.budgetAtLimit(change) : t.budget(change);
  }
  return actionText(evaluation.rule.action, evaluation.rule.level, language, 'check');
}

function outcomeText(o: RuleActionOutcome | undefined, language: Language): string {
  if (!o) return '';
  return TEXT[language].outcome(OUTCOME_LABEL[o.outcome][language], o.outcome === 'failed' && o.error ? o.error : '');
}

const targetKey = (t: { platform: string; id: string }) => `${t.platform}\u0000${t.id}`;

/**
 * The text of a rule check for the trigger notification and the execution log entry (seed 需求
 * 6.4-6.5), in Chinese or English: a title, then the condition, the span, the counts and one line
 * per matched object (metric value, planned action, and its outcome when `outcomes` are given), at
 * most 20 lines of objects plus a count of the rest.
 * @param outcomes executed actions' outcomes, matched to objects by platform and id
 */
export function describeRuleCheck(
  evaluation: RuleEvaluation,
  language: Language,
  outcomes: readonly RuleActionOutcome[] = [],
): { title: string; body: string } {
  const t = TEXT[language];
  const { rule, matched } = evaluation;
  const n = matched.length;
  const title = n > 0 ? t.title(rule.name, n, LEVEL_LABEL[rule.level][language]) : t.titleNone(rule.name);
  const header = t.header(conditionText(rule.condition, language), actionText(rule.action, rule.level, language, 'check'), spanText(evaluation.evaluated_span, language), evaluation);
  const byTarget = new Map(outcomes.map((o) => [targetKey(o), o]));
  const lines = matched.slice(0, MATCHES_SHOWN).map((m) => {
    const object = t.object(PLATFORM_LABEL[m.platform], m.name);
    return `- ${object}${PUNCT[language].colon}${matchValueText(m, rule.condition.metric, language)} → ${plannedText(m, evaluation, language)}${outcomeText(byTarget.get(targetKey(m)), language)}`;
  });
  const rest = n - MATCHES_SHOWN;
  if (rest > 0) lines.push(t.more(rest));
  return { title, body: [...header, ...lines].join('\n') };
}

/** The text of a rule check that failed before it could evaluate: the code in the title, the message as the body. */
export function describeRuleCheckFailure(error: { code?: string; message?: string } | undefined, language: Language): { title: string; body: string } {
  return { title: TEXT[language].checkFailed(error?.code ?? '1000'), body: error?.message ?? '' };
}
