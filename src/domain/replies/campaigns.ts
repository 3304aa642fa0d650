/**
 * The texts of campaigns in chat, in Chinese and English (issue "Campaign automation"): the
 * message of a created campaign, the status of campaigns (a `campaign_status` step's result),
 * the errors of finding the campaigns a message names, and the optimiser's confirmation reason.
 *
 * Units: money in major units of each object's account currency; ROAS a ratio; dates ISO.
 */
import type { Language, Platform } from '../chat/intent.js';
import type { Metrics } from '../ads/metrics.js';
import { campaignCreatedFacts, campaignOutcome, type CampaignPlan, type CampaignResult, type CreatedObjects, type PlanNote } from '../campaign-ops/structure.js';
import { PLATFORM_PRODUCT, statusLabel, type Text } from './labels.js';
import { formatAmount, formatMoney } from './format.js';
import { PUNCT } from './phrases.js';

/** The notes of a campaign plan, as its message states them. */
export const NOTE_TEXT: Readonly<Record<PlanNote, Text>> = {
  lookalike_needs_audience: { zh: '暂无相似受众，已按宽泛受众投放', en: 'No lookalike audience is available, so the ad sets use a broad audience' },
  tiktok_age_bands: { zh: 'TikTok 按固定年龄段定向，相邻年龄组可能部分重叠', en: 'TikTok targets fixed age bands, so neighbouring age groups may overlap' },
  google_targeting_on_campaign: { zh: 'Google 广告组暂不单独设置年龄定向', en: 'Google ad groups do not get their own age targeting yet' },
};

/** What the message of a created campaign states. Money in major units of `currency`. */
export interface CampaignCreatedFacts {
  /** the campaign's total daily budget. */
  daily_budget: number;
  currency: string;
  /** each ad set's daily budget; undefined when the budget sits on the campaign (Google). */
  adset_budget?: number;
  notes: readonly PlanNote[];
  /** ad sets and ads created, and planned objects not created. */
  adsets: number;
  ads: number;
  failed: number;
  /** true when no landing page was given and the ads link to the creative image. */
  landing_url_defaulted?: boolean;
}

/** One campaign's status, as a `campaign_status` result lists it (src/integrations/ads/campaign-status.ts). */
export interface CampaignStatusFacts {
  platform: Platform;
  campaign: { name: string; status: string };
  adsets: ReadonlyArray<{ name: string; status: string; daily_budget?: number; metrics: Pick<Metrics, 'spend' | 'roas' | 'conversions'> }>;
  ads: ReadonlyArray<{ status: string }>;
  metrics: Pick<Metrics, 'spend' | 'revenue' | 'roas' | 'cpa' | 'conversions' | 'clicks' | 'impressions'>;
  span: { since: string; until: string };
  currency: string;
  stale: boolean;
  age_seconds?: number;
  platform_error?: { code: string; message: string };
}

/** A `campaign_status` step's result: the statuses read, the campaigns that failed, how many matched. */
export interface CampaignStatusResultFacts {
  campaigns: readonly CampaignStatusFacts[];
  failures: ReadonlyArray<{ platform: Platform; name: string; error: { message: string } }>;
  matched: number;
}

interface CampaignText {
  created: (outcome: { failed: number }, adsets: number, ads: number, budget: string, notes: string[]) => string;
  budgetOnCampaign: (total: string) => string;
  budgetEach: (each: string, total: string) => string;
  landingDefaulted: string;
  status: (s: CampaignStatusFacts, status: string, money: (n: number | null) => string, ratio: (n: number | null) => string) => string;
  adset: (name: string, status: string, budget: string, spend: string, roas: string, conversions: number) => string;
  adsetBudget: (budget: string) => string;
  adsCount: (n: number, active: number) => string;
  stale: (code: string, minutes: number) => string;
  failure: (platform: string, name: string, message: string) => string;
  moreMatched: (matched: number, shown: number) => string;
  notFound: (names: string) => string;
  which: string;
  noCampaigns: string;
  pausesAtOnce: (n: number) => string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const TEXT: Readonly<Record<Language, CampaignText>> = {
  zh: {
    created: ({ failed }, adsets, ads, budget, notes) =>
      [`${failed === 0 ? '广告系列创建成功' : `广告系列已创建，但有 ${failed} 个对象未创建成功`}：${adsets} 个广告组（${budget}），${ads} 条广告`, ...notes].join('。') + '。',
    budgetOnCampaign: (total) => `日预算 ${total} 设在广告系列上，由各广告组共享`,
    budgetEach: (each, total) => `每个日预算 ${each}，合计 ${total}`,
    landingDefaulted: ' 未提供落地页，广告暂时链接到素材图片，请尽快更换为商品页面。',
    status: (s, status, money, ratio) =>
      `${PLATFORM_PRODUCT[s.platform]}「${s.campaign.name}」：${status}。${s.span.since} 至 ${s.span.until}（含今天）花费 ${money(s.metrics.spend)}，收入 ${money(s.metrics.revenue)}，ROAS ${ratio(s.metrics.roas)}，CPA ${money(s.metrics.cpa)}，转化 ${s.metrics.conversions}，点击 ${s.metrics.clicks}，展示 ${s.metrics.impressions}`,
    adset: (name, status, budget, spend, roas, conversions) => `  - 广告组「${name}」${status}${budget}，花费 ${spend}，ROAS ${roas}，转化 ${conversions}`,
    adsetBudget: (budget) => `，日预算 ${budget}`,
    adsCount: (n, active) => `  广告 ${n} 条，投放中 ${active} 条`,
    stale: (code, minutes) => `  ⚠️ 平台暂时无法读取（${code}），以上是 ${minutes} 分钟前的数据`,
    failure: (platform, name, message) => `❌ ${platform}「${name}」：${message}`,
    moreMatched: (matched, shown) => `（共 ${matched} 个系列匹配，只显示前 ${shown} 个）`,
    notFound: (names) => `没有找到广告系列「${names}」`,
    which: '要看哪个广告系列？请说出它的名称，或者说「所有系列」',
    noCampaigns: '你还没有广告系列',
    pausesAtOnce: (n) => `将同时暂停 ${n} 个广告组`,
  },
  en: {
    created: ({ failed }, adsets, ads, budget, notes) =>
      [`${failed === 0 ? 'Campaign created' : `Campaign created, but ${plural(failed, 'object')} failed`}: ${plural(adsets, 'ad set')} (${budget}), ${plural(ads, 'ad')}`, ...notes].join('. ') + '.',
    budgetOnCampaign: (total) => `the ${total} daily budget sits on the campaign and is shared by the ad groups`,
    budgetEach: (each, total) => `${each} a day each, ${total} in all`,
    landingDefaulted: ' No landing page was given, so the ads link to the creative image for now: replace it with your product page.',
    status: (s, status, money, ratio) =>
      `${PLATFORM_PRODUCT[s.platform]} "${s.campaign.name}": ${status}. ${s.span.since} to ${s.span.until} (today included): spend ${money(s.metrics.spend)}, revenue ${money(s.metrics.revenue)}, ROAS ${ratio(s.metrics.roas)}, CPA ${money(s.metrics.cpa)}, ${s.metrics.conversions} conversions, ${s.metrics.clicks} clicks, ${s.metrics.impressions} impressions`,
    adset: (name, status, budget, spend, roas, conversions) => `  - ad set "${name}" ${status}${budget}, spend ${spend}, ROAS ${roas}, ${conversions} conversions`,
    adsetBudget: (budget) => `, ${budget} a day`,
    adsCount: (n, active) => `  ${n} ads, ${active} active`,
    stale: (code, minutes) => `  ⚠️ The platform could not be read (${code}); these figures are ${minutes} minutes old`,
    failure: (platform, name, message) => `❌ ${platform} "${name}": ${message}`,
    moreMatched: (matched, shown) => `(${matched} campaigns matched; showing the first ${shown})`,
    notFound: (names) => `No campaign matches "${names}"`,
    which: 'Which campaign? Name it, or say "all campaigns"',
    noCampaigns: 'You have no campaigns yet',
    pausesAtOnce: (n) => `Pauses ${n} ad sets at once`,
  },
};

/**
 * The message of a created campaign: the outcome, ad sets with their budgets, ads, the plan's
 * notes, and a note when the ads link to the creative image for want of a landing page.
 * "广告系列创建成功：3 个广告组（每个日预算 26.67 USD，合计 80.01 USD），9 条广告。"
 */
export function describeCampaignCreated(f: CampaignCreatedFacts, language: Language): string {
  const t = TEXT[language];
  const total = formatMoney(f.daily_budget, f.currency);
  const budget = f.adset_budget === undefined ? t.budgetOnCampaign(total) : t.budgetEach(formatMoney(f.adset_budget, f.currency), total);
  const message = t.created(f, f.adsets, f.ads, budget, f.notes.map((n) => NOTE_TEXT[n][language]));
  return f.landing_url_defaulted ? message + t.landingDefaulted : message;
}

/**
 * The create_campaign result with its message in `language`: {@link campaignOutcome} of the plan
 * and what was created, and {@link describeCampaignCreated} of its counts.
 * @throws AppError 1000 as campaignOutcome (a created ad without copy)
 */
export function campaignResult(plan: CampaignPlan, created: CreatedObjects, language: Language): CampaignResult {
  const outcome = campaignOutcome(plan, created);
  const counts = { adsets: outcome.adsets.length, ads: outcome.ads.length, failed: outcome.failed.length };
  return { ...outcome, message: describeCampaignCreated(campaignCreatedFacts(plan, counts), language) };
}

/** One campaign's status: totals over the span, each ad set, the ads' count, and a note when the figures are a stale copy. */
export function describeCampaignStatus(s: CampaignStatusFacts, language: Language): string {
  const t = TEXT[language];
  const money = (n: number | null) => (n === null ? '-' : formatAmount(n, s.currency));
  const ratio = (n: number | null) => (n === null ? '-' : n.toFixed(2));
  const lines = [
    t.status(s, statusLabel(s.campaign.status, language), money, ratio),
    ...s.adsets.map((a) =>
      t.adset(a.name, statusLabel(a.status, language), a.daily_budget === undefined ? '' : t.adsetBudget(money(a.daily_budget)), money(a.metrics.spend), ratio(a.metrics.roas), a.metrics.conversions),
    ),
    t.adsCount(s.ads.length, s.ads.filter((a) => a.status === 'active').length),
  ];
  if (s.stale) lines.push(t.stale(s.platform_error?.code ?? '', Math.round((s.age_seconds ?? 0) / 60)));
  return lines.join('\n');
}

/** A `campaign_status` step's reply: each campaign's status, each failure, and how many matched beyond those shown. */
export function describeCampaignStatusResult(r: CampaignStatusResultFacts, language: Language): string {
  const t = TEXT[language];
  const lines = r.campaigns.map((s) => describeCampaignStatus(s, language));
  for (const f of r.failures) lines.push(t.failure(PLATFORM_PRODUCT[f.platform], f.name, f.error.message));
  const shown = r.campaigns.length + r.failures.length;
  if (r.matched > shown) lines.push(t.moreMatched(r.matched, shown));
  return lines.join('\n');
}

/** The errors of finding the campaigns a message names (findCampaigns), by language. */
export const CAMPAIGN_LOOKUP_TEXT: Readonly<Record<Language, Pick<CampaignText, 'notFound' | 'which' | 'noCampaigns'>>> = TEXT;

/** The names a lookup found nothing for, as its error lists them ("A、B" / "A, B"). */
export function namesText(names: readonly string[], language: Language): string {
  return names.join(PUNCT[language].list);
}

/** Why an optimisation needs confirmation when it pauses several ad sets at once. */
export function adsetPausesReason(n: number, language: Language): string {
  return TEXT[language].pausesAtOnce(n);
}
