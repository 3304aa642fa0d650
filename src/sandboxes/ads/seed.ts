/**
 * What every sandbox user's accounts hold: per platform a few campaigns with ad sets (TikTok and
 * Google: ad groups) and ads, some paused, 30 days of history ending yesterday, and four stories
 * analysis should find (winner, loser, ctr_collapse, cpa_spike). Meta and TikTok ad sets carry the
 * budgets; Google campaigns do (Google ad groups have no budget). Money in MAJOR units (USD).
 */
import type { Platform } from '../../domain/chat/intent.js';
import type { Targeting } from '../../domain/ads/types.js';
import type { StoryKind } from './world-api.js';

/** Days of history seeded before the seeding day (ending yesterday). */
export const HISTORY_DAYS = 30;
/** The stories' effects cover the last this many seeded days (yesterday, -2, -3). */
export const STORY_DAYS = 3;

/** Latent performance of a story ad: CTR (fraction), AOV (major units) and target ROAS. */
export interface SeedProfile {
  ctr: number;
  aov: number;
  roas: number;
}

interface SeedNode {
  name: string;
  /** paused this many days before the seeding day (it delivered before; 30: never delivered). */
  paused_days_ago?: number;
}

/** A seeded ad; without a profile it gets a generated one (ROAS 1.6-2.6). */
export interface SeedAd extends SeedNode {
  headline: string;
  profile?: SeedProfile;
  story?: 'ctr_collapse';
}

/** A seeded ad set (TikTok / Google: ad group). */
export interface SeedAdSet extends SeedNode {
  /** daily budget; none on Google (the campaign's budget applies). */
  daily_budget?: number;
  targeting: Targeting;
  ads: SeedAd[];
  story?: Exclude<StoryKind, 'ctr_collapse'>;
}

/** A seeded campaign. */
export interface SeedCampaign extends SeedNode {
  objective: 'sales' | 'traffic' | 'awareness' | 'leads';
  /** campaign budget (Google). */
  daily_budget?: number;
  adsets: SeedAdSet[];
}

/** How a story changes its ads from STORY_DAYS before the seeding day on, and what it means. */
export interface StoryEffectSpec {
  ctr?: number;
  cvr?: number;
  detail: string;
}

/** The stories: their effects on their ads' CTR / CVR and their description. */
export const STORY_EFFECTS: Record<StoryKind, StoryEffectSpec> = {
  winner: { detail: 'ROAS about 4.5 over the whole period: the best ad set by ROAS on any platform' },
  loser: { cvr: 0, detail: 'spends every day at ROAS about 0.3, with zero conversions on each of the last 3 days' },
  ctr_collapse: { ctr: 0.4, detail: 'CTR down about 60% on the last 3 days vs before (creative fatigue); its ad set CTR falls with it' },
  cpa_spike: { cvr: 1 / 1.8, detail: 'CPA up about 80% on the last 3 days (conversion rate fell, spend flat)' },
};

const US = (age_min: number, age_max: number, audience: Targeting['audience'] = 'broad'): Targeting => ({
  countries: ['US'],
  age_min,
  age_max,
  audience,
});

const META: SeedCampaign[] = [
  {
    name: 'Black Friday Sales',
    objective: 'sales',
    adsets: [
      {
        name: 'BF - Lookalike 1% Purchasers',
        daily_budget: 150,
        targeting: US(25, 54, 'lookalike'),
        story: 'winner',
        ads: [
          { name: 'BF Video - Countdown', headline: 'Black Friday: 40% off ends soon', profile: { ctr: 0.02, aov: 70, roas: 4.6 } },
          { name: 'BF Carousel - Bestsellers', headline: 'Our bestsellers, Black Friday prices', profile: { ctr: 0.018, aov: 75, roas: 4.4 } },
        ],
      },
      {
        name: 'BF - Broad US 25-54',
        daily_budget: 150,
        targeting: US(25, 54),
        ads: [
          { name: 'BF Static - 40% Off', headline: '40% off everything' },
          { name: 'BF Video - Unboxing', headline: 'See what is inside' },
          { name: 'BF Static - Free Shipping', headline: 'Free shipping this week', paused_days_ago: 30 },
        ],
      },
      {
        name: 'BF - Interest Deal Hunters',
        daily_budget: 40,
        targeting: US(18, 44),
        paused_days_ago: 12,
        ads: [
          { name: 'BF Static - Doorbusters', headline: 'Doorbusters are live' },
          { name: 'BF Video - Deal Reel', headline: 'Deals in 15 seconds' },
        ],
      },
    ],
  },
  {
    name: 'Retargeting - Cart',
    objective: 'sales',
    adsets: [
      {
        name: 'Cart Abandoners 7d',
        daily_budget: 100,
        targeting: US(18, 65),
        ads: [
          { name: 'Carousel - Last Chance', headline: 'Still thinking it over?', profile: { ctr: 0.026, aov: 50, roas: 2.2 }, story: 'ctr_collapse' },
          { name: 'Static - Reminder 10% Off', headline: 'Your cart misses you: 10% off', profile: { ctr: 0.012, aov: 50, roas: 2.0 } },
        ],
      },
      {
        name: 'Site Visitors 30d',
        daily_budget: 150,
        targeting: US(18, 65),
        ads: [
          { name: 'Static - Come Back', headline: 'Come back for something new' },
          { name: 'Video - Reviews', headline: 'What customers say' },
        ],
      },
    ],
  },
  {
    name: 'Brand Awareness',
    objective: 'awareness',
    paused_days_ago: 14,
    adsets: [
      {
        name: 'Awareness - Broad 18-65',
        daily_budget: 60,
        targeting: US(18, 65),
        ads: [
          { name: 'Brand Film 30s', headline: 'Made to last' },
          { name: 'Brand Static - Story', headline: 'Our story' },
        ],
      },
      {
        name: 'Awareness - Video Viewers',
        daily_budget: 30,
        targeting: US(18, 65),
        ads: [
          { name: 'Brand Film 15s', headline: 'Made to last, in 15s' },
          { name: 'Brand Static - Craft', headline: 'Crafted by hand' },
        ],
      },
    ],
  },
];

const TIKTOK: SeedCampaign[] = [
  {
    name: 'Spring Launch - Spark Ads',
    objective: 'sales',
    adsets: [
      {
        name: 'Spring - Broad 18-34',
        daily_budget: 150,
        targeting: US(18, 34),
        ads: [
          { name: 'Spark - Creator Try-On', headline: 'Try-on haul' },
          { name: 'Spark - Before/After', headline: 'Before and after' },
          { name: 'Spark - Green Screen', headline: 'Why everyone is switching', paused_days_ago: 20 },
        ],
      },
      {
        name: 'Spring - Interest Beauty',
        daily_budget: 140,
        targeting: US(18, 44),
        ads: [
          { name: 'Spark - Routine', headline: 'My morning routine' },
          { name: 'Spark - Duet', headline: 'Duet this' },
        ],
      },
    ],
  },
  {
    name: 'Flash Deals - Money Losing Series',
    objective: 'sales',
    adsets: [
      {
        name: 'Flash Deals - Broad 18-24',
        daily_budget: 70,
        targeting: US(18, 24),
        story: 'loser',
        ads: [
          { name: 'Flash Deal Hook A', headline: '24h flash deal', profile: { ctr: 0.011, aov: 40, roas: 0.3 } },
          { name: 'Flash Deal Hook B', headline: 'Gone at midnight', profile: { ctr: 0.009, aov: 42, roas: 0.28 } },
        ],
      },
    ],
  },
  {
    name: 'Creator Collab - UGC',
    objective: 'sales',
    adsets: [
      {
        name: 'UGC - Lookalike Buyers',
        daily_budget: 150,
        targeting: US(18, 44, 'lookalike'),
        ads: [
          { name: 'UGC - Unboxing', headline: 'Unboxing with @maya' },
          { name: 'UGC - Honest Review', headline: 'Honest review' },
        ],
      },
      {
        name: 'UGC - Retarget Engagers',
        daily_budget: 40,
        targeting: US(18, 44),
        paused_days_ago: 13,
        ads: [
          { name: 'UGC - Stitch', headline: 'Stitch with @leo' },
          { name: 'UGC - FAQ', headline: 'Your questions, answered' },
        ],
      },
    ],
  },
];

const GOOGLE: SeedCampaign[] = [
  {
    name: 'Search - Brand',
    objective: 'sales',
    daily_budget: 320,
    adsets: [
      {
        name: 'Brand - Exact',
        targeting: US(18, 65),
        ads: [
          { name: 'RSA - Brand Official Store', headline: 'Official Store - Free Returns' },
          { name: 'RSA - Brand Sale', headline: 'Brand Sale - Up to 40% Off' },
        ],
      },
      {
        name: 'Brand - Phrase',
        targeting: US(18, 65),
        ads: [
          { name: 'RSA - Brand Shop Now', headline: 'Shop the New Collection' },
          { name: 'RSA - Brand Reviews', headline: 'Rated 4.8 by 10k Buyers' },
        ],
      },
    ],
  },
  {
    name: 'Search - Generic Shoes',
    objective: 'sales',
    daily_budget: 360,
    adsets: [
      {
        name: 'Generic - Running Shoes',
        targeting: US(18, 65),
        story: 'cpa_spike',
        ads: [
          { name: 'RSA - Running Shoes Sale', headline: 'Running Shoes on Sale', profile: { ctr: 0.02, aov: 40, roas: 2.1 } },
          { name: 'RSA - Running Free Shipping', headline: 'Free Shipping on Runners', profile: { ctr: 0.018, aov: 40, roas: 2.0 } },
        ],
      },
      {
        name: 'Generic - Trail Shoes',
        targeting: US(18, 65),
        ads: [
          { name: 'RSA - Trail Shoes', headline: 'Trail Shoes Built to Grip' },
          { name: 'RSA - Trail Waterproof', headline: 'Waterproof Trail Runners' },
        ],
      },
      {
        name: 'Generic - Shoe Sale',
        targeting: US(18, 65),
        paused_days_ago: 16,
        ads: [
          { name: 'RSA - Shoe Clearance', headline: 'Shoe Clearance - Last Sizes' },
          { name: 'RSA - Shoe Deals', headline: 'Daily Shoe Deals' },
        ],
      },
    ],
  },
  {
    name: 'Display - Remarketing',
    objective: 'sales',
    daily_budget: 50,
    paused_days_ago: 18,
    adsets: [
      {
        name: 'Remarketing - Cart Visitors',
        targeting: US(18, 65),
        ads: [
          { name: 'Responsive Display - Cart', headline: 'Still in Your Cart' },
          { name: 'Responsive Display - Bestsellers', headline: 'Our Bestsellers' },
        ],
      },
    ],
  },
];

/** The seeded structure per platform (identical for every user; ids differ). */
export const SEED: Record<Platform, readonly SeedCampaign[]> = { meta: META, tiktok: TIKTOK, google: GOOGLE };
