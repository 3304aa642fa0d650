/**
 * The ads sandbox's delivery model, pure: given an ad's latent profile, the budget it gets on a
 * day and the story effects in force, how much it delivers. Money in MAJOR units of the account
 * currency, dates ISO YYYY-MM-DD. All randomness is keyed by `${ad key}|${date}` (see random.ts).
 *
 * Per active ad and day: spend = budget × pacing (85-100%) × day fraction, floored to cents;
 * impressions = spend / CPM × 1000; clicks ≈ impressions × CTR; conversions ≈ clicks × CVR;
 * revenue = conversions × AOV. Clicks and conversions carry their fractional remainder from day to
 * day, so a window's count is always within one of its expectation (no rounding drift).
 */
import type { Platform } from '../../domain/chat/intent.js';
import type { BaseMetrics } from '../../domain/ads/metrics.js';
import { jitter, seededRng, uniform } from './random.js';

/** An ad's latent performance. */
export interface AdProfile {
  /** click-through rate, a fraction (0.015 = 1.5%). */
  ctr: number;
  /** conversions per click, a fraction. */
  cvr: number;
  /** average order value per conversion, major units. */
  aov: number;
  /** cost per thousand impressions, major units. */
  cpm: number;
}

/** A story's effect on an ad from `from` (ISO date) on: CTR and CVR multipliers. */
export interface StoryEffect {
  from: string;
  ctr?: number;
  cvr?: number;
}

/** Fractional clicks and conversions not yet delivered (each in [-0.5, 0.5]). */
export interface Carry {
  clicks: number;
  conversions: number;
}

/** One ad-day to simulate. */
export interface AdDayInput {
  /** the ad's stable random key (not its id when seeded, so stories do not depend on id order). */
  key: string;
  date: string;
  /** the budget this ad gets that day, major units. */
  budget: number;
  /** share of the day delivered: 1 for a completed day, 0.5 for today. */
  fraction: number;
  profile: AdProfile;
  effects: readonly StoryEffect[];
  carry: Carry;
}

/** Nominal CPM per platform, major units. */
export const PLATFORM_CPM: Record<Platform, number> = { meta: 11, tiktok: 9, google: 13 };

/** Day-to-day noise amplitudes (kept small so only the stories look anomalous). */
const NOISE = { cpm: 0.04, ctr: 0.05, cvr: 0.05, aov: 0.05 } as const;
const PACING_MIN = 0.85;

/** A fresh carry (nothing pending). */
export const NO_CARRY: Carry = { clicks: 0, conversions: 0 };

/** Delivery of nothing. */
const ZERO_DELIVERY: BaseMetrics = { impressions: 0, clicks: 0, spend: 0, conversions: 0, revenue: 0 };

/**
 * Simulates one ad-day: returns its delivery (integer counts, money in cents) and the carry to pass
 * to the next day. A budget of 0 delivers nothing and leaves the carry unchanged.
 */
export function simulateAdDay(input: AdDayInput): { delivery: BaseMetrics; carry: Carry } {
  if (input.budget <= 0 || input.fraction <= 0) return { delivery: { ...ZERO_DELIVERY }, carry: input.carry };
  const rng = seededRng(`${input.key}|${input.date}`);
  const pacing = uniform(rng, PACING_MIN, 1);
  const cpm = input.profile.cpm * jitter(rng, NOISE.cpm);
  const ctrNoise = jitter(rng, NOISE.ctr);
  const cvrNoise = jitter(rng, NOISE.cvr);
  const aov = input.profile.aov * jitter(rng, NOISE.aov);
  let ctr = input.profile.ctr * ctrNoise;
  let cvr = input.profile.cvr * cvrNoise;
  for (const effect of input.effects) {
    if (input.date < effect.from) continue;
    ctr *= effect.ctr ?? 1;
    cvr *= effect.cvr ?? 1;
  }

  const spend = Math.floor(input.budget * pacing * input.fraction * 100) / 100;
  const impressions = Math.round((spend / cpm) * 1000);
  const clickTotal = input.carry.clicks + impressions * ctr;
  const clicks = Math.max(0, Math.round(clickTotal));
  const conversionTotal = input.carry.conversions + clicks * cvr;
  const conversions = Math.max(0, Math.round(conversionTotal));
  const revenue = Math.round(conversions * aov * 100) / 100;
  return {
    delivery: { impressions, clicks, spend, conversions, revenue },
    carry: { clicks: clickTotal - clicks, conversions: conversionTotal - conversions },
  };
}

/** Ranges of generated (non-story) profiles. */
const GENERATED = { ctr: [0.009, 0.022], aov: [40, 55], roas: [1.6, 2.6], cpmSpread: 0.1, cvr: [0.01, 0.06] } as const;

/**
 * A plausible latent profile for an ad, derived from `key`: CTR 0.9-2.2%, AOV 40-55, CPM the
 * platform's ±10%, and the CVR that puts its ROAS between 1.6 and 2.6 (clamped to 1-6%).
 */
export function generatedProfile(key: string, platform: Platform): AdProfile {
  const rng = seededRng(`profile|${key}`);
  const ctr = uniform(rng, ...GENERATED.ctr);
  const aov = Math.round(uniform(rng, ...GENERATED.aov));
  const cpm = PLATFORM_CPM[platform] * jitter(rng, GENERATED.cpmSpread);
  const roas = uniform(rng, ...GENERATED.roas);
  const cvr = Math.min(GENERATED.cvr[1], Math.max(GENERATED.cvr[0], (roas * cpm) / (ctr * aov * 1000)));
  return { ctr, cvr, aov, cpm };
}

/**
 * The profile of an ad with a target ROAS (revenue / spend): `ctr` and `aov` as given, the
 * platform's nominal CPM and the CVR that yields `roas`. Used by the stories.
 */
export function profileWithRoas(platform: Platform, opts: { ctr: number; aov: number; roas: number }): AdProfile {
  const cpm = PLATFORM_CPM[platform];
  return { ctr: opts.ctr, aov: opts.aov, cpm, cvr: (opts.roas * cpm) / (opts.ctr * opts.aov * 1000) };
}

/** A node of the budget tree: who delivers on a day and which budgets apply. */
export interface BudgetNode {
  id: string;
  /** whether the object itself can deliver on the day (status active and created on or before it). */
  live: boolean;
  daily_budget?: number;
}

/**
 * Splits budgets over a day's live ads, per ad id (major units). A campaign with a daily budget
 * splits it evenly over its live ad sets that have live ads (their own budgets are ignored); else
 * each live ad set's own daily budget applies. An ad set's budget is split evenly over its live ads.
 * Objects under a non-live parent get nothing. The sum per ad set (or per campaign with a campaign
 * budget) never exceeds its daily budget.
 */
export function allocateBudgets(
  campaigns: readonly (BudgetNode & { adsets: readonly (BudgetNode & { ads: readonly BudgetNode[] })[] })[],
): Map<string, number> {
  const out = new Map<string, number>();
  for (const campaign of campaigns) {
    if (!campaign.live) continue;
    const adsets = campaign.adsets
      .filter((s) => s.live)
      .map((s) => ({ adset: s, ads: s.ads.filter((a) => a.live) }))
      .filter((s) => s.ads.length > 0);
    for (const { adset, ads } of adsets) {
      const budget = campaign.daily_budget !== undefined ? campaign.daily_budget / adsets.length : (adset.daily_budget ?? 0);
      for (const ad of ads) out.set(ad.id, budget / ads.length);
    }
  }
  return out;
}
