/**
 * The one set of labels of user-facing texts (replies, notifications, rule descriptions, error
 * hints): display names of platforms, object levels, statuses, metrics, chat actions and the
 * codes the domain computes (anomaly severities and causes, remediations, trends, rule outcomes),
 * each in Chinese and English. Pure data: the replies module's renderers pick `[language]`.
 */
import type { ActionName, Language, Platform } from '../chat/intent.js';
import type { NormalizedStatus } from '../ads/types.js';
import type { LikelyCause, Remediation, Severity } from '../reporting/anomalies.js';
import type { BenchmarkComparison, Trend } from '../reporting/analysis.js';
import type { RuleActionOutcome } from '../rules/evaluate.js';

/** A text in each language. */
export type Text = Readonly<Record<Language, string>>;

/** Short platform names ("Google"), as report lines and rule texts use them. */
export const PLATFORM_LABEL: Readonly<Record<Platform, string>> = { meta: 'Meta', tiktok: 'TikTok', google: 'Google' };

/** Product names ("Google Ads"), as chat replies use them. */
export const PLATFORM_PRODUCT: Readonly<Record<Platform, string>> = { meta: 'Meta', tiktok: 'TikTok', google: 'Google Ads' };

/** Object levels (singular). */
export const LEVEL_LABEL: Readonly<Record<'campaign' | 'adset' | 'ad', Text>> = {
  campaign: { zh: '广告系列', en: 'campaign' },
  adset: { zh: '广告组', en: 'ad set' },
  ad: { zh: '广告', en: 'ad' },
};

/** Object statuses (normalised across platforms). */
export const STATUS_LABEL: Readonly<Record<NormalizedStatus, Text>> = {
  active: { zh: '投放中', en: 'active' },
  paused: { zh: '已暂停', en: 'paused' },
  deleted: { zh: '已删除', en: 'deleted' },
  pending_review: { zh: '审核中', en: 'in review' },
  rejected: { zh: '被拒', en: 'rejected' },
};

/** A status's label, or the status itself when it is not a normalised one. */
export function statusLabel(status: string, language: Language): string {
  return (STATUS_LABEL as Readonly<Record<string, Text | undefined>>)[status]?.[language] ?? status;
}

/** Metrics (counts, money and ratios). */
export const METRIC_LABEL: Readonly<Record<'impressions' | 'clicks' | 'spend' | 'conversions' | 'revenue' | 'ctr' | 'cpc' | 'cpa' | 'roas' | 'cpm', Text>> = {
  impressions: { zh: '展示', en: 'impressions' },
  clicks: { zh: '点击', en: 'clicks' },
  spend: { zh: '花费', en: 'spend' },
  conversions: { zh: '转化', en: 'conversions' },
  revenue: { zh: '收入', en: 'revenue' },
  ctr: { zh: '点击率', en: 'CTR' },
  cpc: { zh: 'CPC', en: 'CPC' },
  cpa: { zh: 'CPA', en: 'CPA' },
  roas: { zh: 'ROAS', en: 'ROAS' },
  cpm: { zh: 'CPM', en: 'CPM' },
};

/** Chat actions, as the turn reply heads each step. */
export const ACTION_LABEL: Readonly<Record<ActionName, Text>> = {
  generate_creative: { zh: '生成广告素材', en: 'Generate ad creatives' },
  analyze_creative: { zh: '素材质量分析', en: 'Creative analysis' },
  get_reports: { zh: '广告报表', en: 'Ad reports' },
  analyze_performance: { zh: '广告表现分析', en: 'Performance analysis' },
  detect_anomaly: { zh: '异常检测', en: 'Anomaly detection' },
  analyze_competitor: { zh: '竞品分析', en: 'Competitor analysis' },
  get_trends: { zh: '趋势分析', en: 'Trend analysis' },
  generate_strategy: { zh: '投放策略', en: 'Strategy' },
  create_landing_page: { zh: '创建落地页', en: 'Create landing page' },
  translate_page: { zh: '翻译落地页', en: 'Translate landing page' },
  create_page_ab_test: { zh: '落地页 A/B 测试', en: 'Landing page A/B test' },
  create_campaign: { zh: '创建广告系列', en: 'Create campaign' },
  optimize_budget: { zh: '预算优化', en: 'Budget optimisation' },
  update_budget: { zh: '调整预算', en: 'Budget update' },
  manage_campaign: { zh: '管理广告系列', en: 'Campaign management' },
  create_ab_test: { zh: '创建 A/B 测试', en: 'Create A/B test' },
  analyze_ab_test: { zh: 'A/B 测试分析', en: 'A/B test analysis' },
  create_rule: { zh: '创建自动规则', en: 'Create automated rule' },
  get_campaign_status: { zh: '广告系列状态', en: 'Campaign status' },
};

/** An action's label, or the action itself when it is not a known one. */
export function actionLabel(action: string, language: Language): string {
  return (ACTION_LABEL as Readonly<Record<string, Text | undefined>>)[action]?.[language] ?? action;
}

/** The product name of images generated without one ("新品"). */
export const DEFAULT_PRODUCT: Text = { zh: '新品', en: 'New product' };

/** Anomaly severities (src/domain/reporting/anomalies.ts). */
export const SEVERITY_LABEL: Readonly<Record<Severity, Text>> = {
  critical: { zh: '严重', en: 'Critical' },
  warning: { zh: '警告', en: 'Warning' },
  info: { zh: '提示', en: 'Info' },
};

/** Likely causes of anomalies. */
export const CAUSE_LABEL: Readonly<Record<LikelyCause, Text>> = {
  creative_fatigue: { zh: '素材疲劳', en: 'creative fatigue' },
  audience_saturation: { zh: '受众饱和', en: 'audience saturation' },
  competition: { zh: '竞价竞争加剧', en: 'more auction competition' },
  tracking_issue: { zh: '转化跟踪异常', en: 'a conversion tracking problem' },
  landing_page_issue: { zh: '落地页问题', en: 'a landing page problem' },
  lower_order_value: { zh: '客单价下降', en: 'lower order values' },
  budget_change: { zh: '预算变动', en: 'a budget change' },
  delivery_issue: { zh: '投放受限（审核、余额或状态）', en: 'limited delivery (review, balance or status)' },
};

/** Remediations of anomalies. */
export const REMEDIATION_LABEL: Readonly<Record<Remediation, Text>> = {
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

/** Trend directions. */
export const TREND_LABEL: Readonly<Record<Trend['direction'], Text>> = { up: { zh: '上升', en: 'up' }, down: { zh: '下降', en: 'down' }, flat: { zh: '平稳', en: 'flat' } };

/** Benchmark verdicts ("better than" the benchmark). */
export const VERDICT_LABEL: Readonly<Record<BenchmarkComparison['verdict'], Text>> = {
  better: { zh: '优于', en: 'better than' },
  worse: { zh: '差于', en: 'worse than' },
  in_line: { zh: '接近', en: 'in line with' },
};

/** How an executed rule action ended. */
export const OUTCOME_LABEL: Readonly<Record<RuleActionOutcome['outcome'], Text>> = {
  succeeded: { zh: '成功', en: 'done' },
  failed: { zh: '失败', en: 'failed' },
  skipped: { zh: '已跳过', en: 'skipped' },
};
