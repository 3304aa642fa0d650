/**
 * One interface over the ad platforms (seed 001 component 5 "Platform Adapters", 需求 7; property
 * 14: one normalised result format across platforms). Money here is always in MAJOR units of the
 * account currency (80 means 80.00 USD); adapters convert to each platform's wire units (Meta:
 * minor-unit strings; TikTok: major-unit numbers; Google: micros as strings).
 */
import type { Platform } from '../chat/intent.js';

export type { Platform };

/** Object levels. TikTok calls ad sets "ad groups"; Google "ad groups" with a campaign budget. */
export type Level = 'campaign' | 'adset' | 'ad';

/** Normalised delivery status of any object on any platform. */
export type NormalizedStatus = 'pending_review' | 'active' | 'paused' | 'deleted' | 'rejected';

/** The account an adapter acts on, with its credentials (from configuration or the Web Platform). */
export interface AdAccount {
  platform: Platform;
  /** Meta: "act_123..."; TikTok: advertiser_id; Google: customer id (digits only). */
  account_id: string;
  /** Meta / TikTok access token, Google OAuth access token. Never logged. */
  access_token: string;
  /** ISO 4217 code of the account currency. */
  currency: string;
  /** API base URL (the real API, or the ads sandbox). */
  base_url: string;
  /** Google only: developer token and manager (login) customer id. */
  developer_token?: string;
  login_customer_id?: string;
  /** Meta only: the Facebook Page ads are published as (object_story_spec.page_id). */
  page_id?: string;
  /** TikTok only: the identity ads are published as (identity_type CUSTOMIZED_USER). */
  identity_id?: string;
  /** display name. */
  name?: string;
}

/** Targeting of an ad set. Ages in years; countries ISO 3166-1 alpha-2. */
export interface Targeting {
  countries?: string[];
  age_min?: number;
  age_max?: number;
  /** 'broad' (default) or 'lookalike'. */
  audience?: 'broad' | 'lookalike';
}

export interface CampaignSpec {
  name: string;
  objective?: 'sales' | 'traffic' | 'awareness' | 'leads';
  /** campaign-level daily budget in major units (campaign budget optimisation); omit for ad set budgets. */
  daily_budget?: number;
  status?: 'active' | 'paused';
}

export interface AdSetSpec {
  campaign_id: string;
  name: string;
  /** daily budget in major units. */
  daily_budget: number;
  targeting: Targeting;
  status?: 'active' | 'paused';
}

export interface AdSpec {
  adset_id: string;
  name: string;
  creative: {
    /** the Web Platform creative id, kept for traceability. */
    creative_id?: string;
    image_url: string;
    headline: string;
    primary_text: string;
    link_url: string;
    call_to_action?: string;
  };
  status?: 'active' | 'paused';
}

/** A campaign, ad set or ad in the normalised format (property 14). */
export interface PlatformObject {
  platform: Platform;
  level: Level;
  id: string;
  name: string;
  status: NormalizedStatus;
  /** the platform's own status string (e.g. "ACTIVE", "ENABLE", "ENABLED"). */
  platform_status: string;
  /** daily budget in major units; undefined when the level has none. */
  daily_budget?: number;
  currency: string;
  campaign_id?: string;
  adset_id?: string;
}

/** An inclusive date range, ISO dates (YYYY-MM-DD) in the account's time zone. */
export interface DateSpan {
  since: string;
  until: string;
}

/** One object's delivery on one day. Money in major units. */
export interface InsightRow {
  platform: Platform;
  level: Level;
  id: string;
  name?: string;
  campaign_id?: string;
  adset_id?: string;
  date: string;
  impressions: number;
  clicks: number;
  spend: number;
  conversions: number;
  revenue: number;
  currency: string;
}

/**
 * What every adapter does. Every method raises AppError with the seeds' codes and the platform's
 * details kept (details.platform, details.platform_code, details.platform_message, ...):
 * 6001 token expired, 6002 account budget, 6003 creative rejected, 6005 policy, 1003 rate limit
 * (retryable), 1005 quota, 1001 invalid parameters, 1002 auth, 1004 not found, 4000 unavailable
 * (retryable). Adapters never retry: Temporal activity retry policies do.
 */
export interface PlatformAdapter {
  readonly platform: Platform;
  readonly account: AdAccount;
  /**
   * Creates objects idempotently: `requestKey` (unique per logical creation) is embedded in the
   * object's name as a suffix " [rk:<key>]"; an existing object carrying it under the same parent is
   * returned instead of creating another.
   */
  createCampaign(spec: CampaignSpec, requestKey: string): Promise<PlatformObject>;
  createAdSet(spec: AdSetSpec, requestKey: string): Promise<PlatformObject>;
  createAd(spec: AdSpec, requestKey: string): Promise<PlatformObject>;
  get(level: Level, id: string): Promise<PlatformObject>;
  /** Objects of a level (not deleted), optionally under one parent (campaign for ad sets, ad set for ads). */
  list(level: Level, parentId?: string): Promise<PlatformObject[]>;
  /** Sets the daily budget (major units) of a campaign or ad set. */
  updateBudget(level: 'campaign' | 'adset', id: string, dailyBudget: number): Promise<PlatformObject>;
  setStatus(level: Level, id: string, status: 'active' | 'paused' | 'deleted'): Promise<PlatformObject>;
  /** Daily delivery of every object of a level in the span (one row per object and day with delivery). */
  insights(level: Level, span: DateSpan): Promise<InsightRow[]>;
}

/** A platform that could not be read; the others still report. */
export interface PlatformFailure {
  platform: string;
  code: string;
  message: string;
}
