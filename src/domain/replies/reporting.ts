/**
 * Chat replies for reports, analyses, anomalies and insufficient data in Chinese and English
 * (seed 000 需求 8.1-8.5; replies in the user's language), templated from computed figures so the
 * offline path states exactly the same findings as the model path. The reporting activity returns
 * them as its results' `text`.
 *
 * Formats: money with the currency's minor digits (2 for USD / CNY) and its ISO code
 * ("1,234.50 USD"); percentages with 1 decimal (2 below 1 %); ROAS with 2 decimals.
 *
 * Not for the workflow bundle: it reads the reporting module (and so its statistics library).
 */
import type { Language } from '../chat/intent.js';
import type { Level, Platform } from '../ads/types.js';
import type { MetricName, MetricValues, Report } from '../reporting/aggregate.js';
import type { Analysis, BenchmarkComparison, Performer, Recommendation, Trend } from '../reporting/analysis.js';
import { ANALYSIS_RULES } from '../reporting/analysis.js';
import type { Anomaly, AnomalyMetric } from '../reporting/anomalies.js';
import type { SufficiencyCheck } from '../reporting/sufficiency.js';
import { CAUSE_LABEL, LEVEL_LABEL, METRIC_LABEL, PLATFORM_LABEL, REMEDIATION_LABEL, SEVERITY_LABEL, TREND_LABEL, VERDICT_LABEL } from './labels.js';
import { formatChangePct, formatCount, formatMagnitude, formatMoney, formatPercent, formatRatio } from './format.js';
import { PUNCT, spanText } from './phrases.js';

/** The sentences of the reporting replies in one language; figures arrive formatted. */
interface ReportingText {
  /** an object: "Meta 广告组「Spring」" / "Meta ad set “Spring”". */
  object: (platform: string, level: string, name: string) => string;
  reportHead: (span: string, platforms: string, level: string) => string;
  /** appended to a head when nothing delivered. */
  noDelivery: (head: string) => string;
  total: string;
  topBySpend: (n: number) => string;
  moreNotListed: (n: number) => string;
  byRoas: (object: string, roas: string, index: string, spend: string) => string;
  byCpa: (object: string, cpa: string, index: string, spend: string) => string;
  noConversions: string;
  trendFlat: (label: string) => string;
  trend: (label: string, direction: string, magnitude: string, perDay: string) => string;
  reason: { [K in Recommendation['reason']['code']]: (figure: (key: string) => string) => string };
  action: { [K in Recommendation['action']]: (target: string, pct: string) => string };
  recommendation: (action: string, reason: string) => string;
  analysisHead: (span: string) => string;
  analysisEmpty: (head: string) => string;
  topPerformers: string;
  underperformers: string;
  trends: string;
  benchmark: (label: string, verdict: string, benchmark: string, change: string) => string;
  benchmarks: string;
  recommendations: string;
  noRecommendations: string;
  perDay: (count: string) => string;
  atZero: (label: string, since: string, before: string) => string;
  moved: (label: string, rose: boolean, magnitude: string, from: string, to: string, since: string) => string;
  anomaly: (severity: string, target: string, what: string, causes: string, fixes: string) => string;
  noAnomalies: string;
  anomaliesFound: (n: number) => string;
  have: (days: number, impressions: string) => string;
  need: (days: number, impressions: string) => string;
  enough: (have: string, need: string) => string;
  waitUnknown: string;
  wait: (days: number) => string;
  meanwhile: string;
  notEnough: (have: string, need: string, wait: string, meanwhile: string) => string;
}

const days = (n: number) => (n === 1 ? 'day' : 'days');

const TEXT: Readonly<Record<Language, ReportingText>> = {
  zh: {
    object: (platform, level, name) => `${platform} ${level}「${name}」`,
    reportHead: (span, platforms, level) => `${span} ${platforms} ${level}报表`,
    noDelivery: (head) => `${head}：该时间段内没有投放数据。`,
    total: '合计',
    topBySpend: (n) => `花费最高的 ${n} 个对象：`,
    moreNotListed: (n) => `（另有 ${n} 个对象未列出）`,
    byRoas: (object, roas, index, spend) => `${object}（ROAS ${roas}，为账户平均的 ${index} 倍，花费 ${spend}）`,
    byCpa: (object, cpa, index, spend) => `${object}（${cpa}，转化效率为账户平均的 ${index} 倍，花费 ${spend}）`,
    noConversions: '无转化',
    trendFlat: (label) => `${label} 平稳`,
    trend: (label, direction, magnitude, perDay) => `${label} ${direction} ${magnitude}（每天 ${perDay}）`,
    reason: {
      roas_above_average: (f) => `ROAS ${f('roas')}，是账户平均 ${f('account_roas')} 的 ${f('ratio')} 倍，已有 ${f('conversions')} 次转化`,
      cpa_below_average: (f) => `CPA ${f('cpa')}，低于账户平均 ${f('account_cpa')}，已有 ${f('conversions')} 次转化`,
      roas_below_average: (f) => `ROAS ${f('roas')}，仅为账户平均 ${f('account_roas')} 的 ${f('ratio')} 倍`,
      cpa_above_average: (f) => `CPA ${f('cpa')}，是账户平均 ${f('account_cpa')} 的 ${f('ratio')} 倍`,
      no_recent_conversions: (f) => `最近 ${f('days')} 天花费 ${f('spend_recent')} 但没有任何转化（账户平均 CPA ${f('account_cpa')}）`,
      ctr_drop: (f) => `最近 3 天点击率从 ${f('ctr_baseline')} 降至 ${f('ctr_recent')}（下降 ${f('change_pct')}）`,
    },
    action: {
      increase_budget: (target, pct) => `将 ${target}的预算提高 ${pct}`,
      decrease_budget: (target, pct) => `将 ${target}的预算降低 ${pct}`,
      pause: (target) => `暂停 ${target}`,
      refresh_creative: (target) => `为 ${target}更换素材`,
    },
    recommendation: (action, reason) => `${action}：${reason}。`,
    analysisHead: (span) => `${span} 投放表现分析：`,
    analysisEmpty: (head) => `${head}该时间段内没有投放数据。`,
    topPerformers: '表现最好：',
    underperformers: '表现较差：',
    trends: '趋势：',
    benchmark: (label, verdict, benchmark, change) => `${label}，${verdict}行业基准 ${benchmark}（${change}）`,
    benchmarks: '与行业基准相比：',
    recommendations: '建议：',
    noRecommendations: '目前没有需要调整的地方。',
    perDay: (count) => `${count} 次/天`,
    atZero: (label, since, before) => `自 ${since} 起${label}为零（此前 ${before}）`,
    moved: (label, rose, magnitude, from, to, since) => `${label}${rose ? '上升' : '下降'} ${magnitude}（${from} → ${to}），自 ${since} 起`,
    anomaly: (severity, target, what, causes, fixes) => `[${severity}] ${target}：${what}。可能原因：${causes}。建议：${fixes}。`,
    noAnomalies: '最近几天没有发现异常，各项指标与此前保持一致。',
    anomaliesFound: (n) => `发现 ${n} 个异常：`,
    have: (d, impressions) => `目前有 ${d} 天投放数据、${impressions} 次展示`,
    need: (d, impressions) => `至少需要 ${d} 天和 ${impressions} 次展示`,
    enough: (have, need) => `数据量足够分析：${have}（${need}）。`,
    waitUnknown: '广告开始投放后即可开始积累数据。',
    wait: (d) => `按当前速度，大约还需要 ${d} 天。`,
    meanwhile:
      '在此期间：保持广告稳定投放，避免频繁大幅调整，让平台完成学习期；确认像素和转化事件已正确触发；也可以先查看基础报表，关注花费、展示和点击。',
    notEnough: (have, need, wait, meanwhile) => `数据量还不足以做出可靠分析：${have}，${need}。${wait}${meanwhile}`,
  },
  en: {
    object: (platform, level, name) => `${platform} ${level} “${name}”`,
    reportHead: (span, platforms, level) => `Report for ${span} (${platforms}, ${level} level)`,
    noDelivery: (head) => `${head}: no delivery in this period.`,
    total: 'Total',
    topBySpend: (n) => `Top ${n} by spend:`,
    moreNotListed: (n) => `(${n} more not listed)`,
    byRoas: (object, roas, index, spend) => `${object} (ROAS ${roas}, ${index}× the account average, spend ${spend})`,
    byCpa: (object, cpa, index, spend) => `${object} (${cpa}, ${index}× as cost-efficient as the account average, spend ${spend})`,
    noConversions: 'no conversions',
    trendFlat: (label) => `${label} flat`,
    trend: (label, direction, magnitude, perDay) => `${label} ${direction} ${magnitude} over the period (${perDay} a day)`,
    reason: {
      roas_above_average: (f) => `ROAS ${f('roas')} is ${f('ratio')}× the account average of ${f('account_roas')}, with ${f('conversions')} conversions`,
      cpa_below_average: (f) => `CPA ${f('cpa')} is well below the account average of ${f('account_cpa')}, with ${f('conversions')} conversions`,
      roas_below_average: (f) => `ROAS ${f('roas')} is only ${f('ratio')}× the account average of ${f('account_roas')}`,
      cpa_above_average: (f) => `CPA ${f('cpa')} is ${f('ratio')}× the account average of ${f('account_cpa')}`,
      no_recent_conversions: (f) => `spent ${f('spend_recent')} in the last ${f('days')} days without a conversion (account CPA ${f('account_cpa')})`,
      ctr_drop: (f) => `CTR fell ${f('change_pct')} over the last 3 days, from ${f('ctr_baseline')} to ${f('ctr_recent')}`,
    },
    action: {
      increase_budget: (target, pct) => `Increase the budget of ${target} by ${pct}`,
      decrease_budget: (target, pct) => `Decrease the budget of ${target} by ${pct}`,
      pause: (target) => `Pause ${target}`,
      refresh_creative: (target) => `Refresh the creative of ${target}`,
    },
    recommendation: (action, reason) => `${action}: ${reason}.`,
    analysisHead: (span) => `Performance analysis for ${span}:`,
    analysisEmpty: (head) => `${head} no delivery in this period.`,
    topPerformers: 'Top performers: ',
    underperformers: 'Underperformers: ',
    trends: 'Trends: ',
    benchmark: (label, verdict, benchmark, change) => `${label}, ${verdict} the benchmark of ${benchmark} (${change})`,
    benchmarks: 'Against benchmarks: ',
    recommendations: 'Recommendations:',
    noRecommendations: 'No changes recommended right now.',
    perDay: (count) => `${count} a day`,
    atZero: (label, since, before) => `${label} at zero since ${since} (before: ${before})`,
    moved: (label, rose, magnitude, from, to, since) => `${label} ${rose ? 'rose' : 'fell'} ${magnitude} (${from} → ${to}) since ${since}`,
    anomaly: (severity, target, what, causes, fixes) => `[${severity}] ${target}: ${what}. Likely causes: ${causes}. Suggested: ${fixes}.`,
    noAnomalies: 'No anomalies: the last few days are in line with the days before.',
    anomaliesFound: (n) => `Found ${n} ${n === 1 ? 'anomaly' : 'anomalies'}:`,
    have: (d, impressions) => `so far there are ${d} ${days(d)} with delivery and ${impressions} impressions`,
    need: (d, impressions) => `at least ${d} days and ${impressions} impressions are needed`,
    enough: (have, need) => `There is enough data to analyse: ${have} (${need}).`,
    waitUnknown: 'Data starts to accumulate once the ads deliver.',
    wait: (d) => `At the current pace that takes about ${d} more ${days(d)}.`,
    meanwhile:
      'Meanwhile: keep the ads running without big changes so the platforms can finish learning, make sure the pixel and conversion events fire, and ask for a basic report to follow spend, impressions and clicks.',
    notEnough: (have, need, wait, meanwhile) => `There isn't enough data for a reliable analysis yet: ${have}; ${need}. ${wait} ${meanwhile}`,
  },
};

function formatMetric(name: MetricName, value: number | null | undefined, currency: string, language: Language): string | undefined {
  if (value === undefined) return undefined;
  const label = METRIC_LABEL[name][language];
  if (value === null) return `${label} -`;
  switch (name) {
    case 'spend':
    case 'revenue':
    case 'cpc':
    case 'cpa':
    case 'cpm':
      return `${label} ${formatMoney(value, currency)}`;
    case 'ctr':
      return `${label} ${formatPercent(value)}`;
    case 'roas':
      return `${label} ${formatRatio(value)}`;
    default:
      return `${label} ${formatCount(value)}`;
  }
}

function metricsLine(m: MetricValues, names: readonly MetricName[], currency: string, language: Language): string {
  return names
    .map((n) => formatMetric(n, m[n], currency, language))
    .filter((s): s is string => s !== undefined)
    .join(PUNCT[language].comma);
}

/**
 * An object as replies name it: "Meta ad set “Spring”" / "Meta 广告组「Spring」" (the id when the
 * object has no name).
 */
export function objectLabel(o: { platform: Platform; level: Level; id: string; name?: string }, language: Language): string {
  return TEXT[language].object(PLATFORM_LABEL[o.platform], LEVEL_LABEL[o.level][language], o.name ?? o.id);
}

/** Rows listed in a report reply. */
const REPORT_ROWS_SHOWN = 5;

/**
 * A report as a chat reply (seed 000 需求 8.1): totals (per currency when several), the platform
 * breakdown when several platforms delivered, and the largest objects by spend, showing only the
 * report's metrics.
 */
export function describeReport(report: Report, language: Language): string {
  const t = TEXT[language];
  const p = PUNCT[language];
  const platforms = report.platforms.map((pl) => PLATFORM_LABEL[pl]).join(p.list);
  const head = t.reportHead(spanText(report.span, language), platforms, LEVEL_LABEL[report.level][language]);
  if (report.rows.length === 0) return t.noDelivery(head);
  const lines = [`${head}${p.colon.trimEnd()}`];
  for (const tot of report.totals_by_currency) lines.push(`${t.total}${p.colon}${metricsLine(tot.metrics, report.metrics, tot.currency, language)}`);
  if (report.by_platform.length > 1) {
    for (const pl of report.by_platform) lines.push(`- ${PLATFORM_LABEL[pl.platform]}${p.colon}${metricsLine(pl.metrics, report.metrics, pl.currency, language)}`);
  }
  const shown = report.rows.slice(0, REPORT_ROWS_SHOWN);
  lines.push(t.topBySpend(shown.length));
  for (const r of shown) lines.push(`- ${objectLabel(r, language)}${p.colon}${metricsLine(r.metrics, report.metrics, r.currency, language)}`);
  if (report.rows.length > shown.length) lines.push(t.moreNotListed(report.rows.length - shown.length));
  return lines.join('\n');
}

const SUMMARY_METRICS: readonly MetricName[] = ['spend', 'revenue', 'roas', 'cpa', 'ctr', 'conversions'];

function performerText(pf: Performer, language: Language): string {
  const t = TEXT[language];
  const spend = formatMoney(pf.metrics.spend, pf.currency);
  const index = formatRatio(pf.index);
  if (pf.ranked_by === 'roas') return t.byRoas(objectLabel(pf, language), formatRatio(pf.metrics.roas ?? 0), index, spend);
  const cpa = pf.metrics.cpa === null ? t.noConversions : `CPA ${formatMoney(pf.metrics.cpa, pf.currency)}`;
  return t.byCpa(objectLabel(pf, language), cpa, index, spend);
}

function trendText(tr: Trend, language: Language, showCurrency: boolean): string {
  const t = TEXT[language];
  const label = METRIC_LABEL[tr.metric][language] + (showCurrency && tr.currency ? ` (${tr.currency})` : '');
  if (tr.direction === 'flat') return t.trendFlat(label);
  return t.trend(label, TREND_LABEL[tr.direction][language], formatMagnitude(tr.total_change_pct), formatChangePct(tr.change_per_day_pct));
}

/** How each figure of a recommendation's reason reads. */
function reasonFigure(r: Recommendation): (key: string) => string {
  const f = r.reason.figures;
  return (key) => {
    const v = f[key] ?? 0;
    switch (key) {
      case 'cpa':
      case 'account_cpa':
      case 'spend_recent':
        return formatMoney(v, r.target.currency);
      case 'roas':
      case 'account_roas':
      case 'ratio':
        return formatRatio(v);
      case 'ctr_baseline':
      case 'ctr_recent':
        return formatPercent(v);
      case 'change_pct':
        return formatMagnitude(v);
      default:
        return formatCount(v);
    }
  };
}

/** A recommendation as one sentence with its reason: "Pause Meta ad set “B”: spent 120.00 USD in the last 3 days without a conversion (…)". */
export function describeRecommendation(r: Recommendation, language: Language): string {
  const t = TEXT[language];
  const pct = `${Math.abs(r.suggested_change_pct ?? ANALYSIS_RULES.budgetChangePct)}%`;
  const action = t.action[r.action](objectLabel(r.target, language), pct);
  return t.recommendation(action, t.reason[r.reason.code](reasonFigure(r)));
}

function benchmarkText(b: BenchmarkComparison, language: Language): string {
  const fmt = (x: number) => (b.metric === 'ctr' ? formatPercent(x) : b.metric === 'roas' ? formatRatio(x) : formatMoney(x, b.currency));
  const label = `${PLATFORM_LABEL[b.platform]} ${METRIC_LABEL[b.metric][language]} ${fmt(b.actual)}`;
  return TEXT[language].benchmark(label, VERDICT_LABEL[b.verdict][language], fmt(b.benchmark), formatChangePct(b.diff_pct));
}

/**
 * An analysis as a chat reply (seed 000 需求 8.2, 8.4): totals, top performers and
 * underperformers, trends, benchmark comparison and numbered recommendations with reasons. The
 * offline fallback of the model narrative: the same findings, in templated prose.
 */
export function describeAnalysis(analysis: Analysis, language: Language): string {
  const t = TEXT[language];
  const p = PUNCT[language];
  const head = t.analysisHead(spanText(analysis.span, language));
  if (analysis.totals.length === 0) return t.analysisEmpty(head);
  const lines = [head];
  for (const tot of analysis.totals) lines.push(`${t.total}${p.colon}${metricsLine(tot.metrics, SUMMARY_METRICS, tot.currency, language)}`);
  if (analysis.top_performers.length) lines.push(`${t.topPerformers}${analysis.top_performers.map((pf) => performerText(pf, language)).join(p.clause)}`);
  if (analysis.underperformers.length) lines.push(`${t.underperformers}${analysis.underperformers.map((pf) => performerText(pf, language)).join(p.clause)}`);
  if (analysis.trends.length) lines.push(`${t.trends}${analysis.trends.map((tr) => trendText(tr, language, analysis.totals.length > 1)).join(p.clause)}`);
  if (analysis.benchmarks.length) lines.push(`${t.benchmarks}${analysis.benchmarks.map((b) => benchmarkText(b, language)).join(p.clause)}`);
  if (analysis.recommendations.length) {
    lines.push(t.recommendations);
    analysis.recommendations.forEach((r, i) => lines.push(`${i + 1}. ${describeRecommendation(r, language)}`));
  } else {
    lines.push(t.noRecommendations);
  }
  return lines.join('\n');
}

function anomalyValue(metric: AnomalyMetric, value: number, currency: string, language: Language): string {
  switch (metric) {
    case 'ctr':
      return formatPercent(value);
    case 'roas':
      return formatRatio(value);
    case 'conversions':
      return TEXT[language].perDay(formatCount(value));
    case 'spend':
    case 'cpa':
      return formatMoney(value, currency);
  }
}

/** One anomaly as a sentence with likely causes and remedies. */
export function describeAnomaly(a: Anomaly, language: Language): string {
  const t = TEXT[language];
  const p = PUNCT[language];
  const from = anomalyValue(a.metric, a.baseline, a.currency, language);
  const label = METRIC_LABEL[a.metric][language];
  const what =
    a.kind === 'zero'
      ? t.atZero(label, a.since, from)
      : t.moved(label, a.kind !== 'drop', formatMagnitude(a.change_pct), from, anomalyValue(a.metric, a.recent, a.currency, language), a.since);
  const causes = a.likely_causes.map((c) => CAUSE_LABEL[c][language]).join(p.list);
  const fixes = a.remediation.map((r) => REMEDIATION_LABEL[r][language]).join(p.clause);
  return t.anomaly(SEVERITY_LABEL[a.severity][language], objectLabel(a, language), what, causes, fixes);
}

/** Anomalies as a chat reply (seed 000 需求 8.3), most severe first, as detectAnomalies sorts them. */
export function describeAnomalies(anomalies: readonly Anomaly[], language: Language): string {
  const t = TEXT[language];
  if (anomalies.length === 0) return t.noAnomalies;
  return [t.anomaliesFound(anomalies.length), ...anomalies.map((a) => `- ${describeAnomaly(a, language)}`)].join('\n');
}

/**
 * The insufficient-data reply (seed 000 需求 8.5, task 11.5): what there is, the minimum needed,
 * about how long to wait at the current pace, and what to do meanwhile.
 */
export function describeInsufficient(check: SufficiencyCheck, language: Language): string {
  const t = TEXT[language];
  const have = t.have(check.days, formatCount(check.impressions));
  const need = t.need(check.min_days, formatCount(check.min_impressions));
  if (check.sufficient) return t.enough(have, need);
  const wait = check.wait_days === null ? t.waitUnknown : t.wait(check.wait_days);
  return t.notEnough(have, need, wait, t.meanwhile);
}
