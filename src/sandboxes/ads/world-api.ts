/**
 * The ads sandbox's platform-neutral world: accounts, campaigns, ad sets, ads, a clock and a
 * deterministic delivery simulator, plus fault injection. The three wire-format facades (Meta Graph
 * API, TikTok Business API, Google Ads REST) translate their requests to this API and its results to
 * their JSON shapes. Money in the world is in MAJOR units of the account currency.
 */
import type { Platform } from '../../domain/chat/intent.js';
import type { BaseMetrics } from '../../domain/ads/metrics.js';
import type { Level } from '../../domain/ads/types.js';

export type WorldStatus = 'active' | 'paused' | 'deleted' | 'pending_review' | 'rejected';

export interface WorldAccount {
  platform: Platform;
  /** Meta "act_<digits>", TikTok advertiser id (digits), Google customer id (10 digits). */
  account_id: string;
  user_id: string;
  currency: string;
  /** the access token the facade accepts for this account. */
  token: string;
  name: string;
}

export interface WorldObject {
  platform: Platform;
  account_id: string;
  level: Level;
  /** platform-style id: Meta/TikTok numeric strings, Google numeric ids. */
  id: string;
  name: string;
  status: WorldStatus;
  campaign_id?: string;
  adset_id?: string;
  /** daily budget in major units (campaigns with campaign budgets, ad sets). */
  daily_budget?: number;
  objective?: string;
  targeting?: Record<string, unknown>;
  creative?: Record<string, unknown>;
  /** ISO date the object was created on the sandbox clock. */
  created_on: string;
  /** platform-specific fields a facade stored and echoes back. */
  extra: Record<string, unknown>;
}

/** Delivery of one object on one day (ads summed up to their ad set / campaign). Money in major units. */
export interface WorldDayStat {
  id: string;
  level: Level;
  name: string;
  campaign_id: string;
  adset_id?: string;
  date: string;
  impressions: number;
  clicks: number;
  spend: number;
  conversions: number;
  revenue: number;
}

export type FaultMode = 'rate_limit' | 'token_expired' | 'server_error' | 'policy' | 'latency' | 'quota';

/** A fault rule: the next `count` matching calls (or a `rate` share of them) misbehave. */
export interface FaultRule {
  platform?: Platform;
  /** substring of the request path to match (e.g. "/campaigns", "adgroup/update"); all paths if absent. */
  path?: string;
  mode: FaultMode;
  /** how many calls to affect; absent with `rate`: until cleared. */
  count?: number;
  /** share of matching calls to affect, 0..1 (deterministic sequence). */
  rate?: number;
  /** added latency for mode latency (ms). */
  latency_ms?: number;
}

/** The kinds of built-in stories every seeded user's accounts tell. */
export type StoryKind = 'winner' | 'loser' | 'ctr_collapse' | 'cpa_spike';

/** One built-in story: the object it is about and what analysis should find there. */
export interface WorldStory {
  kind: StoryKind;
  platform: Platform;
  account_id: string;
  level: Level;
  id: string;
  name: string;
  campaign_id: string;
  /** first ISO date the story's effect applies (stories without a start: the first seeded day). */
  since: string;
  /** what is true of the object, in words. */
  detail: string;
}

/** Delivery summed over a span, per platform and overall. Money in major units, rounded to cents. */
export interface WorldTotals {
  since: string;
  until: string;
  platforms: Partial<Record<Platform, BaseMetrics>>;
  overall: BaseMetrics;
}

export interface AdsWorld {
  /** Today's date on the sandbox clock (ISO). */
  today(): string;
  /** Moves the clock forward; delivery for the passed days is simulated. */
  advanceDays(days: number): void;

  /** The user's accounts on all three platforms, seeded on first use (user `demo` included). */
  ensureUser(userId: string): WorldAccount[];
  /** The account a token opens on a platform, seeding its user on first use; undefined for an unknown token. */
  accountByToken(platform: Platform, token: string): WorldAccount | undefined;

  create(
    platform: Platform,
    accountId: string,
    level: Level,
    fields: Pick<WorldObject, 'name' | 'status'> & Partial<Omit<WorldObject, 'id' | 'platform' | 'account_id' | 'level' | 'created_on'>>,
  ): WorldObject;
  get(platform: Platform, id: string): WorldObject | undefined;
  /** Objects of an account and level, optionally under a campaign or ad set; deleted ones only when asked. */
  list(
    platform: Platform,
    accountId: string,
    level: Level,
    filter?: { campaign_id?: string; adset_id?: string; include_deleted?: boolean },
  ): WorldObject[];
  update(platform: Platform, id: string, patch: Partial<Pick<WorldObject, 'name' | 'status' | 'daily_budget' | 'targeting' | 'extra'>>): WorldObject;

  /** Daily delivery per object of a level in [since, until] (only days with delivery). */
  stats(platform: Platform, accountId: string, level: Level, since: string, until: string): WorldDayStat[];

  /** Fault injection: the rule that applies to this call, consumed; undefined for a normal call. */
  takeFault(platform: Platform, path: string): FaultRule | undefined;
  addFault(rule: FaultRule): void;
  clearFaults(): void;

  /** The built-in stories of a user's seeded accounts (seeding the user on first use). */
  stories(userId: string): WorldStory[];
  /**
   * A user's delivery summed over [since, until] (ISO dates), per platform and overall, optionally
   * one platform only. Equal to the sum of `stats` rows over the same span.
   * @throws AppError 1001 for a malformed date
   */
  totals(userId: string, span: { platform?: Platform; since: string; until: string }): WorldTotals;
  /** Every object of a user's accounts (deleted ones included), optionally one platform and level. */
  objects(userId: string, filter?: { platform?: Platform; level?: Level }): WorldObject[];
}
