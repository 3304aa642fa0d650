/**
 * Chat replies for reports, analyses, anomalies and insufficient data in Chinese and English
 * (seed 000 需求 8.1-8.5; replies in the user's language), templated from computed figures so the
 * offline path states exactly the same findings as the model path. {@link analysisFacts} is the
 * fact sheet a model gets, so its narrative uses only these numbers.
 *
 * Formats: money with the currency's minor digits (2 for USD / CNY) and its ISO code
 * ("1,234.50 USD"); percentages with 1 decimal (2 below 1 %); ROAS with 2 decimals.
 */
import type { Language } from '../chat/intent.js';
import type { Level, Platform } from '../ads/types.js';
import type { MetricName, MetricValues, Report } from './aggregate.js';
import { roundMoney } from './aggregate.js';
import type { Analysis, BenchmarkComparison, Performer, Recommendation, Trend } from './analysis.js';
import { ANALYSIS_RULES } from './analysis.js';
import type { Anomaly, AnomalyMetric, LikelyCause, Remediation, Severity } from './anomalies.js';
import type { SufficiencyCheck } from './sufficiency.js';
import { LEVEL_LABEL, METRIC_LABEL, PLATFORM_LABEL } from '../replies/labels.js';
import { formatChangePct, formatMagnitude, formatMoney, formatNumber, formatPercent } from '../replies/format.js';

type Text = Record<Language, string>;

const SEVERITY_LABEL: Record<Severity, Text> = {
  critical: { zh: '严重', en: 'Critical' },
  warning: { zh: '警告', en: 'Warning' },
  info: { zh: '提示', en: 'Info' },
};
const CAUSE_LABEL: Record<LikelyCause, Text> = {
  creative_fatigue: { zh: '素材疲劳', en: 'creative fatigue' },
  audience_saturation: { zh: '受众饱和', en: 'audience saturation' },
  competition: { zh: '竞价竞争加剧', en: 'more auction competition' },
  tracking_issue: { zh: '转化跟踪异常', en: 'a conversion tracking problem' },
  landing_page_issue: { zh: '落地页问题', en: 'a landing page problem' },
  lower_order_value: { zh: '客单价下降', en: 'lower order values' },
  budget_change: { zh: '预算变动', en: 'a budget change' },
  delivery_issue: { zh: '投放受限（审核、余额或状态）', en: 'limited delivery (review, balance or status)' },
};
const REMEDIATION_LABEL: Record<Remediation, Text> = {
  refresh_creative: { zh: '更换或更新素材', en: 'refresh the creative' },
  broaden_audience: { zh: '扩大受众', en: 'broaden the audience' },
  lower_bid: { zh: '降低出价或设置成本上限', en: 'lower the bid or set a cost cap' },
  raise_bid: { zh: '适当提高出价', en: 'raise the bid a little' },
  check_pixel: { zh: '检查像素和转化事件', en: 'check the pixel and conversion events' },
  review_landing_page: { zh: '检查落地页（速度、可用性、与广告一致）', en: 'review the landing page (speed, availability, match with the ad)' },
  review_offer: { zh: '检查价格和促销', en: 'review prices and offers' },
  check_budget: { zh: '核对预算和近期改动', en: 'check the budget and recent changes' },
  check_delivery: { zh: '检查广告状态、审核和账户余额', en: 'check ad status, review and account balance' },
};

const number = formatNumber;
const magnitude = formatMagnitude;
export { formatChangePct, formatMoney, formatPercent };
const formatCount = (x: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(x);
const formatRatio = (x: number) => number(x, 2);

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
    .join(language === 'zh' ? '，' : ', ');
}

/** "Meta ad set “Spring”" / "Meta 广告组「Spring」" (the id when the object has no name). */
function objectLabel(o: { platform: Platform; level: Level; id: string; name?: string }, language: Language): string {
  const name = o.name ?? o.id;
  return language === 'zh'
    ? `${PLATFORM_LABEL[o.platform]} ${LEVEL_LABEL[o.level].zh}「${name}」`
    : `${PLATFORM_LABEL[o.platform]} ${LEVEL_LABEL[o.level].en} “${name}”`;
}

const spanText = (span: { since: string; until: string }, language: Language) =>
  span.since === span.until ? span.since : language === 'zh' ? `${span.since} 至 ${span.until}` : `${span.since} to ${span.until}`;

/** Rows listed in a report reply. */
const REPORT_ROWS_SHOWN = 5;

/**
 * A report as a chat reply (seed 000 需求 8.1): totals (per currency when several), the platform
 * breakdown when several platforms delivered, and the largest objects by spend, showing only the
 * report's metrics.
 */
export function describeReport(report: Report, language: Language): string {
  const zh = language === 'zh';
  const platforms = report.platforms.map((p) => PLATFORM_LABEL[p]).join(zh ? '、' : ', ');
  const head = zh
    ? `${spanText(report.span, language)} ${platforms} ${LEVEL_LABEL[report.level].zh}报表`
    : `Report for ${spanText(report.span, language)} (${platforms}, ${LEVEL_LABEL[report.level].en} level)`;
  if (report.rows.length === 0) return zh ? `${head}：该时间段内没有投放数据。` : `${head}: no delivery in this period.`;
  const lines = [`${head}${zh ? '：' : ':'}`];
  for (const t of report.totals_by_currency) lines.push(`${zh ? '合计' : 'Total'}${zh ? '：' : ': '}${metricsLine(t.metrics, report.metrics, t.currency, language)}`);
  if (report.by_platform.length > 1) {
    for (const p of report.by_platform) lines.push(`- ${PLATFORM_LABEL[p.platform]}${zh ? '：' : ': '}${metricsLine(p.metrics, report.metrics, p.currency, language)}`);
  }
  const shown = report.rows.slice(0, REPORT_ROWS_SHOWN);
  lines.push(zh ? `花费最高的 ${shown.length} 个对象：` : `Top ${shown.length} by spend:`);
  for (const r of shown) lines.push(`- ${objectLabel(r, language)}${zh ? '：' : ': '}${metricsLine(r.metrics, report.metrics, r.currency, language)}`);
  if (report.rows.length > shown.length) {
    lines.push(zh ? `（另有 ${report.rows.length - shown.length} 个对象未列出）` : `(${report.rows.length - shown.length} more not listed)`);
  }
  return lines.join('\n');
}

const SUMMARY_METRICS: readonly MetricName[] = ['spend', 'revenue', 'roas', 'cpa', 'ctr', 'conversions'];

function performerText(p: Performer, language: Language): string {
  const zh = language === 'zh';
  const spend = formatMoney(p.metrics.spend, p.currency);
  const index = formatRatio(p.index);
  if (p.ranked_by === 'roas') {
    const roas = formatRatio(p.metrics.roas ?? 0);
    return zh
      ? `${objectLabel(p, language)}（ROAS ${roas}，为账户平均的 ${index} 倍，花费 ${spend}）`
      : `${objectLabel(p, language)} (ROAS ${roas}, ${index}× the account average, spend ${spend})`;
  }
  const cpa = p.metrics.cpa === null ? (zh ? '无转化' : 'no conversions') : `CPA ${formatMoney(p.metrics.cpa, p.currency)}`;
  return zh
    ? `${objectLabel(p, language)}（${cpa}，转化效率为账户平均的 ${index} 倍，花费 ${spend}）`
    : `${objectLabel(p, language)} (${cpa}, ${index}× as cost-efficient as the account average, spend ${spend})`;
}

const TREND_LABEL: Record<Trend['direction'], Text> = { up: { zh: '上升', en: 'up' }, down: { zh: '下降', en: 'down' }, flat: { zh: '平稳', en: 'flat' } };

function trendText(t: Trend, language: Language, showCurrency: boolean): string {
  const zh = language === 'zh';
  const label = METRIC_LABEL[t.metric][language] + (showCurrency && t.currency ? ` (${t.currency})` : '');
  if (t.direction === 'flat') return zh ? `${label} 平稳` : `${label} flat`;
  return zh
    ? `${label} ${TREND_LABEL[t.direction].zh} ${magnitude(t.total_change_pct)}（每天 ${formatChangePct(t.change_per_day_pct)}）`
    : `${label} ${TREND_LABEL[t.direction].en} ${magnitude(t.total_change_pct)} over the period (${formatChangePct(t.change_per_day_pct)} a day)`;
}

function reasonText(r: Recommendation, language: Language): string {
  const f = r.reason.figures;
  const money = (k: string) => formatMoney(f[k] ?? 0, r.target.currency);
  const ratio = (k: string) => formatRatio(f[k] ?? 0);
  const zh = language === 'zh';
  switch (r.reason.code) {
    case 'roas_above_average':
      return zh
        ? `ROAS ${ratio('roas')}，是账户平均 ${ratio('account_roas')} 的 ${ratio('ratio')} 倍，已有 ${formatCount(f.conversions ?? 0)} 次转化`
        : `ROAS ${ratio('roas')} is ${ratio('ratio')}× the account average of ${ratio('account_roas')}, with ${formatCount(f.conversions ?? 0)} conversions`;
    case 'cpa_below_average':
      return zh
        ? `CPA ${money('cpa')}，低于账户平均 ${money('account_cpa')}，已有 ${formatCount(f.conversions ?? 0)} 次转化`
        : `CPA ${money('cpa')} is well below the account average of ${money('account_cpa')}, with ${formatCount(f.conversions ?? 0)} conversions`;
    case 'roas_below_average':
      return zh
        ? `ROAS ${ratio('roas')}，仅为账户平均 ${ratio('account_roas')} 的 ${ratio('ratio')} 倍`
        : `ROAS ${ratio('roas')} is only ${ratio('ratio')}× the account average of ${ratio('account_roas')}`;
    case 'cpa_above_average':
      return zh
        ? `CPA ${money('cpa')}，是账户平均 ${money('account_cpa')} 的 ${ratio('ratio')} 倍`
        : `CPA ${money('cpa')} is ${ratio('ratio')}× the account average of ${money('account_cpa')}`;
    case 'no_recent_conversions':
      return zh
        ? `最近 ${formatCount(f.days ?? 0)} 天花费 ${money('spend_recent')} 但没有任何转化（账户平均 CPA ${money('account_cpa')}）`
        : `spent ${money('spend_recent')} in the last ${formatCount(f.days ?? 0)} days without a conversion (account CPA ${money('account_cpa')})`;
    case 'ctr_drop':
      return zh
        ? `最近 3 天点击率从 ${formatPercent(f.ctr_baseline ?? 0)} 降至 ${formatPercent(f.ctr_recent ?? 0)}（下降 ${magnitude(f.change_pct ?? 0)}）`
        : `CTR fell ${magnitude(f.change_pct ?? 0)} over the last 3 days, from ${formatPercent(f.ctr_baseline ?? 0)} to ${formatPercent(f.ctr_recent ?? 0)}`;
  }
}

function actionText(r: Recommendation, language: Language): string {
  const target = objectLabel(r.target, language);
  const pct = `${Math.abs(r.suggested_change_pct ?? ANALYSIS_RULES.budgetChangePct)}%`;
  const zh = language === 'zh';
  switch (r.action) {
    case 'increase_budget':
      return zh ? `将 ${target}的预算提高 ${pct}` : `Increase the budget of ${target} by ${pct}`;
    case 'decrease_budget':
      return zh ? `将 ${target}的预算降低 ${pct}` : `Decrease the budget of ${target} by ${pct}`;
    case 'pause':
      return zh ? `暂停 ${target}` : `Pause ${target}`;
    case 'refresh_creative':
      return zh ? `为 ${target}更换素材` : `Refresh the creative of ${target}`;
  }
}

/** A recommendation as one sentence with its reason: "Pause Meta ad set “B”: spent 120.00 USD in the last 3 days without a conversion (…)". */
export function describeRecommendation(r: Recommendation, language: Language): string {
  return language === 'zh' ? `${actionText(r, language)}：${reasonText(r, language)}。` : `${actionText(r, language)}: ${reasonText(r, language)}.`;
}

/**
 * An analysis as a chat reply (seed 000 需求 8.2, 8.4): totals, top performers and
 * underperformers, trends, benchmark comparison and numbered recommendations with reasons. The
 * offline fallback of the model narrative: the same findings, in templated prose.
 */
export function describeAnalysis(analysis: Analysis, language: Language): string {
  const zh = language === 'zh';
  const sep = zh ? '；' : '; ';
  const lines = [zh ? `${spanText(analysis.span, language)} 投放表现分析：` : `Performance analysis for ${spanText(analysis.span, language)}:`];
  if (analysis.totals.length === 0) return zh ? `${lines[0]}该时间段内没有投放数据。` : `${lines[0]} no delivery in this period.`;
  for (const t of analysis.totals) lines.push(`${zh ? '合计：' : 'Total: '}${metricsLine(t.metrics, SUMMARY_METRICS, t.currency, language)}`);
  if (analysis.top_performers.length) {
    lines.push(`${zh ? '表现最好：' : 'Top performers: '}${analysis.top_performers.map((p) => performerText(p, language)).join(sep)}`);
  }
  if (analysis.underperformers.length) {
    lines.push(`${zh ? '表现较差：' : 'Underperformers: '}${analysis.underperformers.map((p) => performerText(p, language)).join(sep)}`);
  }
  if (analysis.trends.length) lines.push(`${zh ? '趋势：' : 'Trends: '}${analysis.trends.map((t) => trendText(t, language, analysis.totals.length > 1)).join(sep)}`);
  if (analysis.benchmarks.length) {
    const verdict: Record<BenchmarkComparison['verdict'], Text> = { better: { zh: '优于', en: 'better than' }, worse: { zh: '差于', en: 'worse than' }, in_line: { zh: '接近', en: 'in line with' } };
    const items = analysis.benchmarks.map((b) => {
      const fmt = (x: number) => (b.metric === 'ctr' ? formatPercent(x) : b.metric === 'roas' ? formatRatio(x) : formatMoney(x, b.currency));
      const label = `${PLATFORM_LABEL[b.platform]} ${METRIC_LABEL[b.metric][language]} ${fmt(b.actual)}`;
      return zh
        ? `${label}，${verdict[b.verdict].zh}行业基准 ${fmt(b.benchmark)}（${formatChangePct(b.diff_pct)}）`
        : `${label}, ${verdict[b.verdict].en} the benchmark of ${fmt(b.benchmark)} (${formatChangePct(b.diff_pct)})`;
    });
    lines.push(`${zh ? '与行业基准相比：' : 'Against benchmarks: '}${items.join(sep)}`);
  }
  if (analysis.recommendations.length) {
    lines.push(zh ? '建议：' : 'Recommendations:');
    analysis.recommendations.forEach((r, i) => lines.push(`${i + 1}. ${describeRecommendation(r, language)}`));
  } else {
    lines.push(zh ? '目前没有需要调整的地方。' : 'No changes recommended right now.');
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
      return language === 'zh' ? `${formatCount(value)} 次/天` : `${formatCount(value)} a day`;
    case 'spend':
    case 'cpa':
      return formatMoney(value, currency);
  }
}

/** One anomaly as a sentence with likely causes and remedies. */
export function describeAnomaly(a: Anomaly, language: Language): string {
  const zh = language === 'zh';
  const target = objectLabel(a, language);
  const from = anomalyValue(a.metric, a.baseline, a.currency, language);
  const to = anomalyValue(a.metric, a.recent, a.currency, language);
  const label = METRIC_LABEL[a.metric][language];
  let what: string;
  if (a.kind === 'zero') {
    what = zh ? `自 ${a.since} 起${label}为零（此前 ${from}）` : `${label} at zero since ${a.since} (before: ${from})`;
  } else {
    const moved = a.kind === 'drop' ? (zh ? '下降' : 'fell') : zh ? '上升' : 'rose';
    what = zh
      ? `${label}${moved} ${magnitude(a.change_pct)}（${from} → ${to}），自 ${a.since} 起`
      : `${label} ${moved} ${magnitude(a.change_pct)} (${from} → ${to}) since ${a.since}`;
  }
  const causes = a.likely_causes.map((c) => CAUSE_LABEL[c][language]).join(zh ? '、' : ', ');
  const fixes = a.remediation.map((r) => REMEDIATION_LABEL[r][language]).join(zh ? '；' : '; ');
  return zh
    ? `[${SEVERITY_LABEL[a.severity].zh}] ${target}：${what}。可能原因：${causes}。建议：${fixes}。`
    : `[${SEVERITY_LABEL[a.severity].en}] ${target}: ${what}. Likely causes: ${causes}. Suggested: ${fixes}.`;
}

/** Anomalies as a chat reply (seed 000 需求 8.3), most severe first, as {@link detectAnomalies} sorts them. */
export function describeAnomalies(anomalies: readonly Anomaly[], language: Language): string {
  if (anomalies.length === 0) {
    return language === 'zh' ? '最近几天没有发现异常，各项指标与此前保持一致。' : 'No anomalies: the last few days are in line with the days before.';
  }
  const head = language === 'zh' ? `发现 ${anomalies.length} 个异常：` : `Found ${anomalies.length} ${anomalies.length === 1 ? 'anomaly' : 'anomalies'}:`;
  return [head, ...anomalies.map((a) => `- ${describeAnomaly(a, language)}`)].join('\n');
}

/**
 * The insufficient-data reply (seed 000 需求 8.5, task 11.5): what there is, the minimum needed,
 * about how long to wait at the current pace, and what to do meanwhile.
 */
export function describeInsufficient(check: SufficiencyCheck, language: Language): string {
  const zh = language === 'zh';
  const have = zh
    ? `目前有 ${check.days} 天投放数据、${formatCount(check.impressions)} 次展示`
    : `so far there are ${check.days} ${check.days === 1 ? 'day' : 'days'} with delivery and ${formatCount(check.impressions)} impressions`;
  const need = zh
    ? `至少需要 ${check.min_days} 天和 ${formatCount(check.min_impressions)} 次展示`
    : `at least ${check.min_days} days and ${formatCount(check.min_impressions)} impressions are needed`;
  if (check.sufficient) return zh ? `数据量足够分析：${have}（${need}）。` : `There is enough data to analyse: ${have} (${need}).`;
  const wait =
    check.wait_days === null
      ? zh
        ? '广告开始投放后即可开始积累数据。'
        : 'Data starts to accumulate once the ads deliver.'
      : zh
        ? `按当前速度，大约还需要 ${check.wait_days} 天。`
        : `At the current pace that takes about ${check.wait_days} more ${check.wait_days === 1 ? 'day' : 'days'}.`;
  const meanwhile = zh
    ? '在此期间：保持广告稳定投放，避免频繁大幅调整，让平台完成学习期；确认像素和转化事件已正确触发；也可以先查看基础报表，关注花费、展示和点击。'
    : 'Meanwhile: keep the ads running without big changes so the platforms can finish learning, make sure the pixel and conversion events fire, and ask for a basic report to follow spend, impressions and clicks.';
  return zh
    ? `数据量还不足以做出可靠分析：${have}，${need}。${wait}${meanwhile}`
    : `There isn't enough data for a reliable analysis yet: ${have}; ${need}. ${wait} ${meanwhile}`;
}

/** Rounding for the fact sheet: money to the currency's minor unit, other figures to 4 decimals. */
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
const pct2 = (fraction: number | null) => (fraction === null ? null : Math.round(fraction * 1e4) / 100);
const MONEY_FIGURES = new Set(['spend', 'spend_recent', 'cpa', 'account_cpa']);

/** One object in the fact sheet. */
export interface FactObject {
  /** "Meta ad set “Spring”": the label to use in prose. */
  label: string;
  platform: Platform;
  level: Level;
  id: string;
  currency: string;
}

/**
 * The compact fact sheet of an analysis for a model's narrative: every number it may state,
 * already rounded. Units: money in major units of the stated currency, `*_pct` in percent (CTR
 * included, as `ctr_pct`), roas as a ratio. Labels are English; the model writes the prose.
 */
export interface AnalysisFacts {
  span: { since: string; until: string };
  currency: string | null;
  totals: { currency: string; spend: number; revenue: number; roas: number | null; cpa: number | null; ctr_pct: number | null; conversions: number; impressions: number; clicks: number }[];
  top_performers: (FactObject & { ranked_by: 'roas' | 'cpa'; roas: number | null; cpa: number | null; spend: number; vs_account_average: number })[];
  underperformers: (FactObject & { ranked_by: 'roas' | 'cpa'; roas: number | null; cpa: number | null; spend: number; vs_account_average: number })[];
  trends: { metric: string; currency?: string; direction: string; assessment: string; total_change_pct: number; change_per_day_pct: number }[];
  benchmarks: { platform: Platform; metric: string; actual: number; benchmark: number; diff_pct: number; verdict: string; unit: 'percent' | 'ratio' | 'money' }[];
  recommendations: { action: string; target: FactObject; reason: string; figures: Record<string, number>; suggested_change_pct?: number }[];
}

function factObject(o: { platform: Platform; level: Level; id: string; name?: string; currency: string }): FactObject {
  return { label: objectLabel(o, 'en'), platform: o.platform, level: o.level, id: o.id, currency: o.currency };
}

function factPerformer(p: Performer) {
  return {
    ...factObject(p),
    ranked_by: p.ranked_by,
    roas: p.metrics.roas === null ? null : round4(p.metrics.roas),
    cpa: p.metrics.cpa === null ? null : roundMoney(p.metrics.cpa, p.currency),
    spend: roundMoney(p.metrics.spend, p.currency),
    vs_account_average: round4(p.index),
  };
}

function factFigures(figures: Record<string, number>, currency: string): Record<string, number> {
  return Object.fromEntries(
    Object.entries(figures).map(([k, v]) => {
      if (k.startsWith('ctr_')) return [`${k}_pct`, pct2(v) as number];
      return [k, MONEY_FIGURES.has(k) ? roundMoney(v, currency) : round4(v)];
    }),
  );
}

/**
 * The fact sheet of an analysis (seed 000 需求 8.2: the model narrates computed statistics only).
 * JSON-serialisable and compact: give it to the model with the instruction to state no other numbers.
 */
export function analysisFacts(analysis: Analysis): AnalysisFacts {
  return {
    span: analysis.span,
    currency: analysis.currency,
    totals: analysis.totals.map(({ currency, metrics: m }) => ({
      currency,
      spend: roundMoney(m.spend, currency),
      revenue: roundMoney(m.revenue, currency),
      roas: m.roas === null ? null : round4(m.roas),
      cpa: m.cpa === null ? null : roundMoney(m.cpa, currency),
      ctr_pct: pct2(m.ctr),
      conversions: round4(m.conversions),
      impressions: m.impressions,
      clicks: m.clicks,
    })),
    top_performers: analysis.top_performers.map(factPerformer),
    underperformers: analysis.underperformers.map(factPerformer),
    trends: analysis.trends.map((t) => ({
      metric: t.metric,
      ...(t.currency !== undefined ? { currency: t.currency } : {}),
      direction: t.direction,
      assessment: t.assessment,
      total_change_pct: Math.round(t.total_change_pct * 10) / 10,
      change_per_day_pct: Math.round(t.change_per_day_pct * 10) / 10,
    })),
    benchmarks: analysis.benchmarks.map((b) => {
      const unit = b.metric === 'ctr' ? 'percent' : b.metric === 'roas' ? 'ratio' : 'money';
      const value = (x: number) => (unit === 'percent' ? (pct2(x) as number) : unit === 'money' ? roundMoney(x, b.currency) : round4(x));
      return { platform: b.platform, metric: b.metric, actual: value(b.actual), benchmark: value(b.benchmark), diff_pct: Math.round(b.diff_pct * 10) / 10, verdict: b.verdict, unit };
    }),
    recommendations: analysis.recommendations.map((r) => ({
      action: r.action,
      target: factObject(r.target),
      reason: r.reason.code,
      figures: factFigures(r.reason.figures, r.target.currency),
      ...(r.suggested_change_pct !== undefined ? { suggested_change_pct: r.suggested_change_pct } : {}),
    })),
  };
}
