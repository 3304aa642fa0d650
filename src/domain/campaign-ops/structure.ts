/**
 * Campaign structure for create_campaign (seed 001 需求 1 "自动广告结构生成" and 需求 2 "素材自动挂载";
 * properties 1-4): from a daily budget, age groups and creatives to the campaign, ad sets and ads a
 * workflow creates, each with a deterministic request key so that a retried or replayed creation
 * finds what the first attempt made (platforms/request-key.ts). Pure: no I/O, no clock.
 *
 * Units: money in MAJOR units of the account currency (80 means 80.00 USD), rounded to the
 * currency's minor unit (cents for USD, whole yen for JPY); ages in years.
 *
 * Structure (issue "createCampaignWorkflow"): one campaign; one ad set per age group (default
 * 18-35, 36-50, 51-65) with the same countries, a broad (or lookalike) audience, automatic
 * placements and lowest-cost bidding; one ad per creative per ad set. Ad copy is generated once
 * per creative and platform ({@link CampaignPlan.copy_keys}), not once per ad.
 *
 * Budget: on Meta and TikTok every ad set gets total ÷ groups rounded to the minor unit (80 / 3 →
 * 26.67 each). The budgets stay equal (seed property 2, and equal budgets keep the age groups'
 * results comparable), so their sum may differ from the asked total by less than one minor unit
 * per ad set (3 × 26.67 = 80.01): half a cent of rounding per ad set, at most n/2 cents in all.
 * Google Ads ad groups have no budget (Google budgets live on the campaign), so on Google the whole
 * total goes on the campaign and ad groups carry none.
 */
import { MIN_DAILY_BUDGET } from './changes.js';
import { AppError } from '../errors.js';
import { PLATFORMS, type Platform } from '../chat/intent.js';
import { currencyExponent, roundMajor } from '../ads/money.js';
import { ageGroupsFor, locationIdOf, TIKTOK_MIN_DAILY_BUDGET_USD } from '../ads/tiktok-enums.js';
import type { AdSetSpec, AdSpec, CampaignSpec, Targeting } from '../ads/types.js';
import { formatMoney } from '../replies/format.js';
import { PLATFORM_LABEL } from '../replies/labels.js';
import type { CampaignCreatedFacts } from '../replies/campaigns.js';

/** An age group: inclusive bounds in years, `[min, max]`. */
export type AgeRange = readonly [min: number, max: number];

/** The default age groups (seed 001 需求 1.2 reference implementation). */
export const DEFAULT_AGE_GROUPS: readonly AgeRange[] = [
  [18, 35],
  [36, 50],
  [51, 65],
];

/**
 * Limits of a plan. Ages: 13 is the youngest age the platforms target, 65 means "65 and over" on
 * Meta. Creatives: Meta and TikTok allow 50 ads per ad set / ad group (TikTok Ads help centre,
 * "About ad account limits"), and every creative becomes one ad in each ad set.
 */
export const PLAN_LIMITS = { minAge: 13, maxAge: 65, maxAgeGroups: 10, maxCreatives: 50, maxNameLength: 200 } as const;

/** Where a platform's daily budget lives: on each ad set (Meta, TikTok) or on the campaign (Google). */
export const BUDGET_LEVEL: Readonly<Record<Platform, 'adset' | 'campaign'>> = { meta: 'adset', tiktok: 'adset', google: 'campaign' };

/**
 * Smallest daily budget per budget-carrying object, in USD (major units): Meta 1.00 per ad set
 * billed on impressions (the Meta adapter bills on impressions; the system-wide floor
 * MIN_DAILY_BUDGET is the same 1.00), TikTok 20 per ad group (platforms/tiktok/enums.ts), Google
 * 1.00 per campaign budget (the ads sandbox's minimum; Google reports its own minimum in errors).
 */
export const MIN_DAILY_BUDGET_USD: Readonly<Record<Platform, number>> = {
  meta: MIN_DAILY_BUDGET,
  tiktok: TIKTOK_MIN_DAILY_BUDGET_USD.adgroup,
  google: MIN_DAILY_BUDGET,
};

/**
 * The smallest daily budget (major units) the planner allows per budget-carrying object
 * ({@link BUDGET_LEVEL}). The platform minimums are known in USD only; for other currencies the
 * system-wide floor MIN_DAILY_BUDGET (1 major unit) is checked and the platform enforces its own
 * minimum (its error then gets a fix from {@link creationErrorFix}).
 */
export function minimumDailyBudget(platform: Platform, currency: string): number {
  return currency === 'USD' ? MIN_DAILY_BUDGET_USD[platform] : MIN_DAILY_BUDGET;
}

/** A creative to advertise: the Web Platform creative id and its image. */
export interface PlanCreative {
  creative_id: string;
  /** http(s) URL, or a data:image URL (Google downloads the image itself). */
  image_url: string;
}

/** What create_campaign asks for. */
export interface CampaignPlanInput {
  platform: Platform;
  /** campaign name; default "<Objective> · <countries>", e.g. "Sales · US". */
  name?: string;
  /** default 'sales'. */
  objective?: NonNullable<CampaignSpec['objective']>;
  /** total daily budget of the campaign, major units of `currency`. */
  daily_budget: number;
  /** ISO 4217 code of the ad account's currency. */
  currency: string;
  /** ISO 3166-1 alpha-2 codes (case-insensitive); default ['US']. */
  countries?: readonly string[];
  /** default {@link DEFAULT_AGE_GROUPS}; 1-10 groups, 13 ≤ min ≤ max ≤ 65, not overlapping. */
  age_groups?: readonly AgeRange[];
  /** default 'broad'. */
  audience?: 'broad' | 'lookalike';
  /** 1-50 creatives, distinct ids. */
  creatives: readonly PlanCreative[];
  /** the page ads link to (http or https). */
  landing_url: string;
  /**
   * Prefix of every request key, unique per logical creation (e.g. the step's operation id):
   * characters A-Z a-z 0-9 . _ : - and at most 72 of them (request keys have at most 80).
   */
  request_key_prefix: string;
  /** status the objects are created in; default 'active' (the user asked to launch). */
  status?: 'active' | 'paused';
}

/** A planned ad set (TikTok: ad group; Google: ad group without budget or targeting of its own). */
export interface PlannedAdSet {
  /** plan key, "adset-<i>": ads refer to their ad set by it. */
  key: string;
  request_key: string;
  /** "<campaign> · 18-35". */
  name: string;
  /** major units; absent where the budget lives on the campaign (Google). */
  daily_budget?: number;
  targeting: Required<Targeting>;
  placements: 'automatic';
  bid_strategy: 'lowest_cost';
}

/** A planned ad: one creative in one ad set. */
export interface PlannedAd {
  /** plan key, "ad-<adset index>-<creative index>". */
  key: string;
  request_key: string;
  adset_key: string;
  creative_id: string;
  image_url: string;
  /** the {@link CopyKey.key} whose copy the ad carries. */
  copy_key: string;
  /** "<campaign> · 18-35 · <creative id>". */
  name: string;
}

/** One piece of ad copy to generate: per creative and platform (seed 001 需求 2.4). */
export interface CopyKey {
  /** "<creative_id>@<platform>". */
  key: string;
  creative_id: string;
  image_url: string;
  platform: Platform;
}

/**
 * Things the user should know about how the platform will run the plan:
 * - lookalike_needs_audience: Meta and Google have no lookalike audience id here, so their ad
 *   sets run on a broad audience;
 * - tiktok_age_bands: TikTok targets fixed age bands (18-24, 25-34, ...), so groups are widened to
 *   whole bands, and here neighbouring groups share a band (the default 18-35 and 36-50 both
 *   reach 35-44);
 * - google_targeting_on_campaign: the Google adapter does not apply ad-group targeting yet, so the
 *   ad groups differ by name only.
 */
export type PlanNote = 'lookalike_needs_audience' | 'tiktok_age_bands' | 'google_targeting_on_campaign';

/** A campaign ready to create, in creation order: campaign, ad sets, ads (seed 001 property 1). */
export interface CampaignPlan {
  platform: Platform;
  currency: string;
  campaign: { request_key: string; spec: CampaignSpec };
  /** where the daily budget lives ({@link BUDGET_LEVEL}). */
  budget_level: 'adset' | 'campaign';
  /** the total the user asked for, major units. */
  requested_daily_budget: number;
  /** the total actually set: per-ad-set budget × ad sets, or the campaign budget (major units). */
  daily_budget: number;
  adsets: PlannedAdSet[];
  /** ad set by ad set, creatives in input order. */
  ads: PlannedAd[];
  /** distinct (creative, platform) pairs, creatives in input order. */
  copy_keys: CopyKey[];
  landing_url: string;
  notes: PlanNote[];
}

/** A fix to offer the user, in both languages. */
export interface Suggestion {
  zh: string;
  en: string;
}

const KEY_CHARS = /^[A-Za-z0-9._:-]+$/;
/** Longest request key suffix: ".ad-9-49" (10 age groups, 50 creatives). */
const MAX_KEY_PREFIX = 80 - '.ad-9-49'.length;
const OBJECTIVE_NAMES: Readonly<Record<NonNullable<CampaignSpec['objective']>, string>> = {
  sales: 'Sales',
  traffic: 'Traffic',
  awareness: 'Awareness',
  leads: 'Leads',
};

/** The 1001 error of an invalid plan input, with the field, a machine-readable reason and a fix. */
function invalid(field: string, reason: string, message: string, suggestion: Suggestion, details: Record<string, unknown> = {}): AppError {
  return new AppError('1001', message, { field, reason, ...details, suggestion });
}

const isHttpUrl = (s: string) => /^https?:\/\/[^\s/?#]+\S*$/i.test(s);
const isImageUrl = (s: string) => isHttpUrl(s) || /^data:image\/[a-z0-9.+-]+;base64,/i.test(s);
const ageLabel = ([min, max]: AgeRange) => `${min}-${max}`;

function checkCurrency(currency: string): void {
  let known = /^[A-Z]{3}$/.test(currency);
  if (known) {
    try {
      currencyExponent(currency);
    } catch {
      known = false;
    }
  }
  if (!known) {
    throw invalid(
      'currency',
      'invalid_currency',
      `Unknown currency ${currency}`,
      { zh: '请使用 ISO 4217 货币代码，例如 USD', en: 'Use an ISO 4217 currency code such as USD' },
      { value: currency },
    );
  }
}

function checkCountries(countries: readonly string[], platform: Platform): string[] {
  const codes = [...new Set(countries.map((c) => c.trim().toUpperCase()))];
  if (codes.length === 0) {
    throw invalid('countries', 'no_country', 'Name at least one country', { zh: '请至少指定一个投放国家，例如 US', en: 'Name at least one country, e.g. US' });
  }
  const bad = codes.filter((c) => !/^[A-Z]{2}$/.test(c) || (platform === 'tiktok' && locationIdOf(c) === undefined));
  if (bad.length > 0) {
    throw invalid(
      'countries',
      platform === 'tiktok' ? 'country_not_supported' : 'invalid_country',
      `Countries not usable on ${PLATFORM_LABEL[platform]}: ${bad.join(', ')}`,
      { zh: '请使用两位国家代码（ISO 3166-1），并去掉不支持的国家', en: 'Use two-letter country codes (ISO 3166-1) and leave out unsupported countries' },
      { values: bad },
    );
  }
  return codes;
}

/**
 * Validates age groups and returns them sorted by their lower bound.
 * @throws AppError 1001 reason too_many_age_groups, invalid_age_group or overlapping_age_groups
 */
function checkAgeGroups(groups: readonly AgeRange[]): AgeRange[] {
  const { minAge, maxAge, maxAgeGroups } = PLAN_LIMITS;
  if (groups.length < 1 || groups.length > maxAgeGroups) {
    throw invalid(
      'age_groups',
      'too_many_age_groups',
      `Use 1 to ${maxAgeGroups} age groups, not ${groups.length}`,
      { zh: `请使用 1 到 ${maxAgeGroups} 个年龄组`, en: `Use between 1 and ${maxAgeGroups} age groups` },
      { count: groups.length, max: maxAgeGroups },
    );
  }
  for (const g of groups) {
    const [min, max] = g;
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < minAge || max > maxAge || min > max) {
      throw invalid(
        'age_groups',
        'invalid_age_group',
        `Invalid age group ${min}-${max}`,
        { zh: `年龄组需满足 ${minAge} ≤ 最小年龄 ≤ 最大年龄 ≤ ${maxAge}`, en: `Age groups need ${minAge} ≤ min ≤ max ≤ ${maxAge} (whole years)` },
        { value: [min, max] },
      );
    }
  }
  const sorted = [...groups].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1] as AgeRange;
    const cur = sorted[i] as AgeRange;
    if (cur[0] <= prev[1]) {
      throw invalid(
        'age_groups',
        'overlapping_age_groups',
        `Age groups ${ageLabel(prev)} and ${ageLabel(cur)} overlap`,
        { zh: `年龄组不能重叠，例如改为 ${ageLabel(prev)} 和 ${prev[1] + 1}-${cur[1]}`, en: `Age groups must not overlap, e.g. use ${ageLabel(prev)} and ${prev[1] + 1}-${cur[1]}` },
        { values: [prev, cur] },
      );
    }
  }
  return sorted;
}

function checkCreatives(creatives: readonly PlanCreative[]): void {
  const { maxCreatives } = PLAN_LIMITS;
  if (creatives.length < 1 || creatives.length > maxCreatives) {
    throw invalid(
      'creatives',
      'creative_count',
      `Use 1 to ${maxCreatives} creatives, not ${creatives.length}`,
      creatives.length === 0
        ? { zh: '请先选择或生成至少一张素材', en: 'Choose or generate at least one creative first' }
        : { zh: `每个广告组最多 ${maxCreatives} 条广告，请减少素材数量`, en: `Ad sets hold at most ${maxCreatives} ads: use fewer creatives` },
      { count: creatives.length, max: maxCreatives },
    );
  }
  const seen = new Set<string>();
  for (const c of creatives) {
    if (!c.creative_id.trim() || seen.has(c.creative_id)) {
      throw invalid(
        'creatives',
        c.creative_id.trim() ? 'duplicate_creative' : 'missing_creative_id',
        `Creative ids must be present and distinct (${c.creative_id})`,
        { zh: '每张素材只能出现一次', en: 'List each creative once' },
        { creative_id: c.creative_id },
      );
    }
    seen.add(c.creative_id);
    if (!isImageUrl(c.image_url)) {
      throw invalid(
        'creatives',
        'invalid_image_url',
        `Creative ${c.creative_id} has no usable image URL`,
        { zh: '请重新生成或上传该素材', en: 'Regenerate or upload this creative again' },
        { creative_id: c.creative_id },
      );
    }
  }
}

/** The largest number of ad sets below `groups` whose equal share of `total` still reaches `minimum` (0 when none). */
function maxGroupsFor(total: number, minimum: number, groups: number, currency: string): number {
  let k = groups - 1;
  while (k > 0 && roundMajor(total / k, currency) < minimum) k--;
  return k;
}

/** A total (major units) whose equal split over `groups` reaches `minimum` per group: minimum × groups. */
function minimumTotal(minimum: number, groups: number, currency: string): number {
  const unit = 10 ** -currencyExponent(currency);
  let total = roundMajor(minimum * groups, currency);
  while (roundMajor(total / groups, currency) < minimum) total = roundMajor(total + unit, currency);
  return total;
}

/** The fix for a budget below the platform minimum: raise the budget, or use fewer age groups. */
function budgetSuggestion(minTotal: number, maxGroups: number, groups: number, currency: string): Suggestion {
  const money = formatMoney(minTotal, currency);
  if (maxGroups >= 1 && maxGroups < groups) {
    return {
      zh: `请把日预算提高到至少 ${money}，或把年龄组减少到 ${maxGroups} 个以内`,
      en: `Raise the daily budget to at least ${money}, or use at most ${maxGroups} age group${maxGroups === 1 ? '' : 's'}`,
    };
  }
  return { zh: `请把日预算提高到至少 ${money}`, en: `Raise the daily budget to at least ${money}` };
}

/**
 * The daily budget of each ad set (or of the campaign, on Google), checked against the minimum.
 * @throws AppError 1001 reason invalid_budget or budget_too_low (details.minimum_daily_budget,
 *   minimum_total, max_age_groups, suggestion)
 */
function splitBudget(total: number, groups: number, platform: Platform, currency: string): number {
  if (!Number.isFinite(total) || total <= 0) {
    throw invalid(
      'daily_budget',
      'invalid_budget',
      'The daily budget must be a positive amount',
      { zh: '请给出大于 0 的日预算', en: 'Give a daily budget above 0' },
      { value: total },
    );
  }
  const perObject = BUDGET_LEVEL[platform] === 'campaign' ? 1 : groups;
  const share = roundMajor(total / perObject, currency);
  const minimum = minimumDailyBudget(platform, currency);
  if (share < minimum) {
    const minTotal = minimumTotal(minimum, perObject, currency);
    const maxGroups = maxGroupsFor(total, minimum, perObject, currency);
    throw invalid(
      'daily_budget',
      'budget_too_low',
      `${formatMoney(share, currency)} per ${BUDGET_LEVEL[platform] === 'campaign' ? 'campaign' : 'ad set'} is below ${PLATFORM_LABEL[platform]}'s daily minimum of ${formatMoney(minimum, currency)}`,
      budgetSuggestion(minTotal, maxGroups, perObject, currency),
      { platform, daily_budget: total, per_object: share, minimum_daily_budget: minimum, minimum_total: minTotal, max_age_groups: maxGroups },
    );
  }
  return share;
}

function checkText(input: CampaignPlanInput): void {
  if (!(PLATFORMS as readonly string[]).includes(input.platform)) {
    throw invalid('platform', 'unsupported_platform', `Unsupported platform: ${String(input.platform)}`, { zh: '请选择 Meta、TikTok 或 Google', en: 'Choose Meta, TikTok or Google' });
  }
  const prefix = input.request_key_prefix;
  if (!KEY_CHARS.test(prefix) || prefix.length > MAX_KEY_PREFIX) {
    throw invalid('request_key_prefix', 'invalid_request_key', `Invalid request key prefix ${prefix}`, {
      zh: '请求键前缀只能包含字母、数字和 . _ : -，且不超过 72 个字符',
      en: 'Use letters, digits and . _ : - only, at most 72 characters',
    });
  }
  if (!isHttpUrl(input.landing_url)) {
    throw invalid(
      'landing_url',
      'invalid_landing_url',
      'The landing page must be an http(s) URL',
      { zh: '请提供以 http:// 或 https:// 开头的落地页链接', en: 'Give a landing page URL starting with http:// or https://' },
      { value: input.landing_url },
    );
  }
  if (input.name !== undefined && (!input.name.trim() || input.name.length > PLAN_LIMITS.maxNameLength)) {
    throw invalid('name', 'invalid_name', `Campaign names have 1 to ${PLAN_LIMITS.maxNameLength} characters`, { zh: '请换一个更短的广告系列名称', en: 'Choose a shorter campaign name' });
  }
}

/** Whether neighbouring age groups share a TikTok age band once widened to whole bands. */
function shareTikTokBands(groups: readonly AgeRange[]): boolean {
  return groups.some((g, i) => i > 0 && ageGroupsFor(g[0], g[1]).some((band) => ageGroupsFor(...(groups[i - 1] as AgeRange)).includes(band)));
}

function notesFor(platform: Platform, audience: 'broad' | 'lookalike', groups: readonly AgeRange[]): PlanNote[] {
  const notes: PlanNote[] = [];
  if (audience === 'lookalike' && platform !== 'tiktok') notes.push('lookalike_needs_audience');
  if (platform === 'tiktok' && shareTikTokBands(groups)) notes.push('tiktok_age_bands');
  if (platform === 'google') notes.push('google_targeting_on_campaign');
  return notes;
}

/**
 * Plans a campaign (seed 001 需求 1.1-1.5, 2.2-2.4; properties 1-4): one campaign, one ad set per
 * age group sharing the budget equally (or, on Google, the budget on the campaign), one ad per
 * creative per ad set, and the copy keys. Request keys: `<prefix>.campaign`, `<prefix>.adset-<i>`,
 * `<prefix>.ad-<i>-<j>` (i: age group in ascending order, j: creative in input order).
 * @param input money in major units of `input.currency`
 * @returns the plan; objects in creation order
 * @throws AppError 1001 with details `{field, reason, suggestion: {zh, en}, ...}` for: an unknown
 *   platform or currency, a bad request key prefix, landing URL or name, no or malformed countries
 *   (TikTok: countries without a TikTok location id), age groups outside 13-65 / overlapping /
 *   more than 10, no creatives / more than 50 / duplicates / no image, a lookalike audience on
 *   TikTok (needs an audience id), and a budget below the platform minimum per budget-carrying
 *   object (reason budget_too_low: "raise the daily budget to at least X or use fewer age groups")
 */
export function planCampaign(input: CampaignPlanInput): CampaignPlan {
  const { platform, currency } = input;
  checkText(input);
  checkCurrency(currency);
  const countries = checkCountries(input.countries ?? ['US'], platform);
  const groups = checkAgeGroups(input.age_groups ?? DEFAULT_AGE_GROUPS);
  const audience = input.audience ?? 'broad';
  if (audience === 'lookalike' && platform === 'tiktok') {
    throw invalid('audience', 'lookalike_unsupported', 'TikTok lookalike targeting needs a lookalike audience, which the system does not manage', {
      zh: '请在 TikTok 上改用宽泛受众',
      en: 'Use a broad audience on TikTok',
    });
  }
  checkCreatives(input.creatives);
  const share = splitBudget(input.daily_budget, groups.length, platform, currency);
  const onCampaign = BUDGET_LEVEL[platform] === 'campaign';
  const objective = input.objective ?? 'sales';
  const status = input.status ?? 'active';
  const name = input.name?.trim() ?? `${OBJECTIVE_NAMES[objective]} · ${countries.join(', ')}`;
  const prefix = input.request_key_prefix;

  const copyKeys: CopyKey[] = input.creatives.map((c) => ({ key: `${c.creative_id}@${platform}`, creative_id: c.creative_id, image_url: c.image_url, platform }));
  const adsets: PlannedAdSet[] = groups.map((g, i) => ({
    key: `adset-${i}`,
    request_key: `${prefix}.adset-${i}`,
    name: `${name} · ${ageLabel(g)}`,
    ...(onCampaign ? {} : { daily_budget: share }),
    targeting: { countries, age_min: g[0], age_max: g[1], audience },
    placements: 'automatic',
    bid_strategy: 'lowest_cost',
  }));
  const ads: PlannedAd[] = adsets.flatMap((s, i) =>
    input.creatives.map((c, j) => ({
      key: `ad-${i}-${j}`,
      request_key: `${prefix}.ad-${i}-${j}`,
      adset_key: s.key,
      creative_id: c.creative_id,
      image_url: c.image_url,
      copy_key: (copyKeys[j] as CopyKey).key,
      name: `${s.name} · ${c.creative_id}`,
    })),
  );
  return {
    platform,
    currency,
    campaign: { request_key: `${prefix}.campaign`, spec: { name, objective, status, ...(onCampaign ? { daily_budget: share } : {}) } },
    budget_level: BUDGET_LEVEL[platform],
    requested_daily_budget: input.daily_budget,
    daily_budget: onCampaign ? share : roundMajor(share * adsets.length, currency),
    adsets,
    ads,
    copy_keys: copyKeys,
    landing_url: input.landing_url,
    notes: notesFor(platform, audience, groups),
  };
}

/**
 * The AdSetSpec to create a planned ad set under the created campaign. AdSetSpec requires a
 * budget: where the budget lives on the campaign (Google) 0 is sent, and the Google adapter
 * ignores ad group budgets.
 */
export function adSetSpecOf(plan: CampaignPlan, adset: PlannedAdSet, campaignId: string): AdSetSpec {
  return {
    campaign_id: campaignId,
    name: adset.name,
    daily_budget: adset.daily_budget ?? 0,
    targeting: adset.targeting,
    ...(plan.campaign.spec.status ? { status: plan.campaign.spec.status } : {}),
  };
}

/** Generated copy of one {@link CopyKey}. */
export interface AdCopy {
  headline: string;
  /** the ad's main text, shown to the user as "the copy". */
  primary_text: string;
  call_to_action?: string;
}

/** The AdSpec to create a planned ad in its created ad set, with its creative's copy. */
export function adSpecOf(plan: CampaignPlan, ad: PlannedAd, adsetId: string, copy: AdCopy): AdSpec {
  return {
    adset_id: adsetId,
    name: ad.name,
    creative: {
      creative_id: ad.creative_id,
      image_url: ad.image_url,
      headline: copy.headline,
      primary_text: copy.primary_text,
      link_url: plan.landing_url,
      ...(copy.call_to_action !== undefined ? { call_to_action: copy.call_to_action } : {}),
    },
    ...(plan.campaign.spec.status ? { status: plan.campaign.spec.status } : {}),
  };
}

/** What a workflow created for a plan: platform ids by plan key, copy by copy key, failures by plan key. */
export interface CreatedObjects {
  campaign_id: string;
  /** ad set plan key → platform ad set id. */
  adsets: Readonly<Record<string, string>>;
  /** ad plan key → platform ad id. */
  ads: Readonly<Record<string, string>>;
  /** copy key → generated copy. */
  copies: Readonly<Record<string, AdCopy>>;
  /** plan key → why its creation failed (ads of a failed ad set need no entry). */
  failures?: Readonly<Record<string, { code: string; message: string }>>;
}

/** The create_campaign result (seed 001 `_handle_create_campaign` shape, with copy per ad). */
export interface CampaignResult {
  /** 'partial' when some ad sets or ads were not created. */
  status: 'success' | 'partial';
  campaign_id: string;
  platform: Platform;
  currency: string;
  budget_level: 'adset' | 'campaign';
  /** total daily budget set, major units. */
  daily_budget: number;
  /** daily_budget null where the budget lives on the campaign (Google). */
  adsets: { adset_id: string; name: string; daily_budget: number | null }[];
  /** copy: the primary text (seed 需求 2.5: returned for confirmation). */
  ads: { ad_id: string; creative_id: string; adset_id: string; copy: string; headline: string }[];
  /** planned objects not created; error null when none was reported (e.g. an ad never attempted because its ad set failed). */
  failed: { level: 'adset' | 'ad'; key: string; name: string; error: { code: string; message: string } | null }[];
  notes: PlanNote[];
  message: string;
}

/** The create_campaign result without its message: the data a workflow returns. */
export type CampaignOutcome = Omit<CampaignResult, 'message'>;

/**
 * The create_campaign result from a plan and what was created, as data (seed 001 需求 2.5,
 * property 4: every created ad carries its copy); campaignResult (src/domain/replies/campaigns.ts)
 * adds the message.
 * @throws AppError 1000 when a created ad's copy is missing from `created.copies` (a caller bug:
 *   copy is generated before ads are created)
 */
export function campaignOutcome(plan: CampaignPlan, created: CreatedObjects): CampaignOutcome {
  const failures = created.failures ?? {};
  const failed: CampaignResult['failed'] = [];
  const adsets: CampaignResult['adsets'] = [];
  for (const s of plan.adsets) {
    const id = created.adsets[s.key];
    if (id === undefined) failed.push({ level: 'adset', key: s.key, name: s.name, error: failures[s.key] ?? null });
    else adsets.push({ adset_id: id, name: s.name, daily_budget: s.daily_budget ?? null });
  }
  const ads: CampaignResult['ads'] = [];
  for (const a of plan.ads) {
    const id = created.ads[a.key];
    const adsetId = created.adsets[a.adset_key];
    if (id === undefined || adsetId === undefined) {
      failed.push({ level: 'ad', key: a.key, name: a.name, error: adsetId === undefined ? null : (failures[a.key] ?? null) });
      continue;
    }
    const copy = created.copies[a.copy_key];
    if (!copy) throw new AppError('1000', `No copy for ${a.copy_key}`, { copy_key: a.copy_key, ad_key: a.key });
    ads.push({ ad_id: id, creative_id: a.creative_id, adset_id: adsetId, copy: copy.primary_text, headline: copy.headline });
  }
  return {
    status: failed.length === 0 ? 'success' : 'partial',
    campaign_id: created.campaign_id,
    platform: plan.platform,
    currency: plan.currency,
    budget_level: plan.budget_level,
    daily_budget: plan.daily_budget,
    adsets,
    ads,
    failed,
    notes: plan.notes,
  };
}

/** What the message of a plan's campaign states when `adsets` and `ads` were created and `failed` planned objects were not. */
export function campaignCreatedFacts(plan: CampaignPlan, counts: { adsets: number; ads: number; failed: number }): CampaignCreatedFacts {
  const each = plan.adsets[0]?.daily_budget;
  return { daily_budget: plan.daily_budget, currency: plan.currency, ...(each !== undefined ? { adset_budget: each } : {}), notes: plan.notes, ...counts };
}

const NARROW_AUDIENCE = /audience[^.]*(too (small|narrow)|narrow)|(too )?narrow[^.]*(audience|targeting)|targeting[^.]*too (small|narrow)/i;

/**
 * A fix for a platform error raised while creating a plan's objects (seed 000 需求 14.7: budget
 * too low, targeting too narrow, policy). A budget error that names the minimum (Google
 * details.minimum_daily_budget) gets the total to reach it and the most age groups that fit; one
 * that does not (Meta details.reason budget_too_low) asks for a higher budget or fewer age groups.
 * @returns undefined when the error has no known fix (e.g. rate limits, which are retried)
 */
export function creationErrorFix(error: AppError, plan: CampaignPlan): Suggestion | undefined {
  const d = error.details;
  const label = PLATFORM_LABEL[plan.platform];
  const text = `${error.message} ${typeof d.platform_message === 'string' ? d.platform_message : ''}`;
  const budgetError = d.reason === 'budget_too_low' || typeof d.minimum_daily_budget === 'number' || /budget[^.]*(too low|minimum|at least)/i.test(text);
  if (error.code === '1001' && budgetError) {
    const objects = plan.budget_level === 'campaign' ? 1 : plan.adsets.length;
    if (typeof d.minimum_daily_budget === 'number') {
      const minimum = d.minimum_daily_budget;
      const maxGroups = maxGroupsFor(plan.requested_daily_budget, minimum, objects, plan.currency);
      return budgetSuggestion(minimumTotal(minimum, objects, plan.currency), maxGroups, objects, plan.currency);
    }
    const share = formatMoney(plan.daily_budget / objects, plan.currency);
    if (objects === 1) return { zh: `平台认为日预算 ${share} 过低：请提高日预算`, en: `${label} finds a daily budget of ${share} too low: raise the daily budget` };
    return {
      zh: `平台认为每个广告组 ${share} 的日预算过低：请提高日预算或减少年龄组`,
      en: `${label} finds ${share} a day per ad set too low: raise the daily budget or use fewer age groups`,
    };
  }
  if (error.code === '1001' && NARROW_AUDIENCE.test(text)) {
    return { zh: '受众过窄：请增加投放国家、合并年龄组或改用宽泛受众', en: 'The audience is too narrow: add countries, merge age groups or use a broad audience' };
  }
  if (error.code === '6005') {
    return { zh: `请修改广告文案或落地页，使其符合 ${label} 的广告政策后重试`, en: `Revise the ad copy or landing page to follow ${label}'s advertising policies, then try again` };
  }
  if (error.code === '6003') {
    return { zh: '素材被拒：请替换或修改该素材后重试', en: 'The creative was rejected: replace or edit it, then try again' };
  }
  return undefined;
}
