/** Display names of platforms, object levels and metrics in replies, notifications and messages (zh / en). */
import type { Language, Platform } from '../chat/intent.js';

type Text = Record<Language, string>;

/** Short platform names ("Google"), as report lines and rule texts use them. */
export const PLATFORM_LABEL: Readonly<Record<Platform, string>> = { meta: 'Meta', tiktok: 'TikTok', google: 'Google' };

/** Product names ("Google Ads"), as chat replies use them. */
export const PLATFORM_PRODUCT: Readonly<Record<Platform, string>> = { meta: 'Meta', tiktok: 'TikTok', google: 'Google Ads' };

/** Object levels. */
export const LEVEL_LABEL: Readonly<Record<'campaign' | 'adset' | 'ad', Text>> = {
  campaign: { zh: '广告系列', en: 'campaign' },
  adset: { zh: '广告组', en: 'ad set' },
  ad: { zh: '广告', en: 'ad' },
};

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
