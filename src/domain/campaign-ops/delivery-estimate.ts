/**
 * A rough estimate of a new campaign's delivery (seed 000 task 14.6 "Include estimated delivery and
 * reach"): when it starts and how many impressions and people a day its budget buys. Pure.
 *
 * Units: money in MAJOR units; impressions and reach are people or impressions per day.
 *
 * ASSUMPTIONS (not the account's own figures, which a new campaign does not have yet):
 * - CPM ranges in USD, the spread of publicly quoted averages for broad targeting: Meta 8-14,
 *   TikTok 6-12, Google display 3-10 (the Google adapter creates responsive display ads);
 * - daily frequency 1.2-1.6 impressions per person (reach = impressions ÷ frequency);
 * - review: each platform reviews new ads before delivery, most within 24 hours (Meta, TikTok and
 *   Google each state "most ads are reviewed within 24 hours / one business day").
 * Only USD budgets are estimated: other currencies would need exchange rates the system does not hold.
 */
import type { Platform } from '../chat/intent.js';

/** CPM range per platform, USD per 1000 impressions (ASSUMPTION, see the module comment). */
export const CPM_RANGE_USD: Readonly<Record<Platform, readonly [low: number, high: number]>> = {
  meta: [8, 14],
  tiktok: [6, 12],
  google: [3, 10],
};

/** Impressions per person per day (ASSUMPTION). */
export const DAILY_FREQUENCY: readonly [low: number, high: number] = [1.2, 1.6];

/** Hours within which most new ads are reviewed. */
export const REVIEW_HOURS = 24;

/** What a campaign's budget buys a day, once its ads are approved. */
export interface DeliveryEstimate {
  /** delivery starts once the platform has reviewed the ads (within about `review_hours`). */
  starts: 'after_review';
  review_hours: number;
  /** the daily budget the estimate is for, major units of `currency`. */
  daily_budget: number;
  currency: 'USD';
  daily_impressions: { low: number; high: number };
  daily_reach: { low: number; high: number };
  /** how the numbers were made (the CPM range used). */
  basis: string;
}

/** Rounds to 2 significant digits, so an estimate does not look more precise than it is. */
function roughly(n: number): number {
  if (n <= 0) return 0;
  const scale = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / scale) * scale;
}

/**
 * The estimated daily delivery of a campaign.
 * @param dailyBudget total daily budget, major units of `currency`
 * @returns the estimate; null for a non-USD currency or a non-positive budget
 */
export function estimateDelivery(platform: Platform, dailyBudget: number, currency: string): DeliveryEstimate | null {
  if (currency !== 'USD' || !(dailyBudget > 0)) return null;
  const [cpmLow, cpmHigh] = CPM_RANGE_USD[platform];
  const [freqLow, freqHigh] = DAILY_FREQUENCY;
  const impressions = { low: roughly((dailyBudget / cpmHigh) * 1000), high: roughly((dailyBudget / cpmLow) * 1000) };
  return {
    starts: 'after_review',
    review_hours: REVIEW_HOURS,
    daily_budget: dailyBudget,
    currency: 'USD',
    daily_impressions: impressions,
    daily_reach: { low: roughly(impressions.low / freqHigh), high: roughly(impressions.high / freqLow) },
    basis: `CPM ${cpmLow}-${cpmHigh} USD, ${freqLow}-${freqHigh} impressions per person a day (typical ranges, not this account's figures)`,
  };
}
