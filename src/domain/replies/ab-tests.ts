/**
 * The texts of A/B tests in chat, in Chinese and English (issue "Campaign automation" §7): the
 * reply when a test starts, its analysis so far, and the errors of finding the user's test.
 *
 * Units: money in major units of the test account's currency; rates fractions (shown as
 * percentages); dates ISO `YYYY-MM-DD` on the platform's calendar.
 */
import type { Language, Platform } from '../chat/intent.js';
import type { AbTestResult, AbVariant } from '../ab-tests/analysis.js';
import { PLATFORM_PRODUCT } from './labels.js';
import { formatAmount, formatMoney, formatPercent } from './format.js';
import { PUNCT } from './phrases.js';

/** What the reply of a started test states (the `ab_test_started` result of a chat step). */
export interface AbTestStartedFacts {
  platform: Platform;
  /** the test's name. */
  name: string;
  /** the equal split: one daily budget per variant, and each variant's share (major units). */
  split: { budgets: readonly number[]; per_variant: number };
  currency: string;
  /** the test's length in days. */
  duration_days: number;
  start_date: string;
  end_date: string;
  /** the test's operation status URL. */
  status_url: string;
  landing_url: string;
  /** true when the message gave no page and the ads link to the first creative. */
  landing_url_defaulted: boolean;
}

/** One variant's figures in an analysis reply (spend major units, conversion rate a fraction or null). */
export interface AbVariantLine extends AbVariant {
  conversion_rate: number | null;
}

/** The user's latest test and its analysis so far (the `ab_test_analysis` result, without its text). */
export interface AbTestAnalysisFacts {
  test_id: string;
  status_url: string;
  name?: string;
  days_elapsed?: number;
  days_total?: number;
  snapshot: { span: { since: string; until: string }; variants: readonly AbVariantLine[]; analysis: AbTestResult };
}

interface AbTestText {
  started: (platform: string, name: string, n: number, per: string, f: AbTestStartedFacts) => string[];
  landingDefaulted: (url: string) => string;
  day: (elapsed: number, total: number) => string;
  head: (label: string, since: string, until: string, days: string, analysis: AbTestResult) => string;
  needs: (min: number, counts: string) => string;
  variant: (index: number, v: AbVariantLine, rate: string, spend: string) => string;
  progress: (url: string) => string;
  noneRunning: string;
  settingUp: string;
}

const TEXT: Readonly<Record<Language, AbTestText>> = {
  zh: {
    started: (platform, name, n, per, f) => [
      `已在 ${platform} 上启动 A/B 测试「${name}」：${n} 个变体，每个变体日预算 ${per}，测试 ${f.duration_days} 天（${f.start_date} 至 ${f.end_date}）。`,
      `结束后会自动分析结果；随时可以问我「A/B 测试结果怎么样了？」。进度：${f.status_url}`,
    ],
    landingDefaulted: (url) => `落地页暂用第一张素材的链接（${url}）；下次可以在消息里附上商品页网址。`,
    day: (elapsed, total) => `，第 ${elapsed}/${total} 天`,
    head: (label, since, until, days, analysis) => `A/B 测试「${label}」（数据 ${since} 至 ${until}${days}）：${analysis.message_zh}`,
    needs: (min, counts) => `每个变体至少需要 ${min} 次转化，目前：${counts}。`,
    variant: (i, v, rate, spend) => `- V${i + 1}「${v.name}」：展示 ${v.impressions}，点击 ${v.clicks}，转化 ${v.conversions}，转化率 ${rate}，花费 ${spend}`,
    progress: (url) => `进度：${url}`,
    noneRunning: '你目前没有进行中的 A/B 测试',
    settingUp: 'A/B 测试还在创建中，请稍后再问',
  },
  en: {
    started: (platform, name, n, per, f) => [
      `Started the A/B test "${name}" on ${platform}: ${n} variants, ${per} a day each, for ${f.duration_days} days (${f.start_date} to ${f.end_date}).`,
      `It analyses itself when it ends; ask me "How is the A/B test doing?" any time. Progress: ${f.status_url}`,
    ],
    landingDefaulted: (url) => `The ads link to the first creative (${url}); add your product page URL to the message next time.`,
    day: (elapsed, total) => `, day ${elapsed} of ${total}`,
    head: (label, since, until, days, analysis) => `A/B test "${label}" (data ${since} to ${until}${days}): ${analysis.message_en}`,
    needs: (min, counts) => `Each variant needs at least ${min} conversions; so far: ${counts}.`,
    variant: (i, v, rate, spend) =>
      `- V${i + 1} "${v.name}": ${v.impressions} impressions, ${v.clicks} clicks, ${v.conversions} conversions, conversion rate ${rate}, spend ${spend}`,
    progress: (url) => `Progress: ${url}`,
    noneRunning: 'You have no A/B test running',
    settingUp: 'The A/B test is still being set up; ask again in a moment',
  },
};

/** The errors of finding the user's running test, by language: none runs (1004), it is still being created (1009). */
export const AB_TEST_LOOKUP_TEXT: Readonly<Record<Language, Pick<AbTestText, 'noneRunning' | 'settingUp'>>> = TEXT;

/**
 * The reply when a test started from chat: platform, name, variants and each one's daily budget,
 * the length and dates, where to follow it, and a note when the ads link to the first creative.
 */
export function describeAbTestStarted(f: AbTestStartedFacts, language: Language): string {
  const t = TEXT[language];
  const lines = t.started(PLATFORM_PRODUCT[f.platform], f.name, f.split.budgets.length, formatAmount(f.split.per_variant, f.currency), f);
  if (f.landing_url_defaulted) lines.push(t.landingDefaulted(f.landing_url));
  return lines.join('\n');
}

/**
 * The analysis of the user's latest test so far: the verdict, the conversions still needed when
 * data is insufficient, one line per variant, and the progress URL.
 * @param currency the test account's currency; spend shows with 2 decimals and no code when unknown
 */
export function describeAbTestAnalysis(a: AbTestAnalysisFacts, currency: string | undefined, language: Language): string {
  const t = TEXT[language];
  const { snapshot } = a;
  const analysis = snapshot.analysis;
  const days = a.days_total === undefined ? '' : t.day(a.days_elapsed ?? 0, a.days_total);
  const lines = [t.head(a.name ?? a.test_id, snapshot.span.since, snapshot.span.until, days, analysis)];
  if (analysis.status === 'insufficient_data') {
    lines.push(t.needs(analysis.min_conversions, analysis.counts.map((c, i) => `V${i + 1} ${c.conversions}`).join(PUNCT[language].comma)));
  }
  for (const [i, v] of snapshot.variants.entries()) {
    const rate = v.conversion_rate === null ? '-' : formatPercent(v.conversion_rate);
    const spend = currency === undefined ? v.spend.toFixed(2) : formatMoney(v.spend, currency);
    lines.push(t.variant(i, v, rate, spend));
  }
  lines.push(t.progress(a.status_url));
  return lines.join('\n');
}
