/**
 * TikTok Business API v1.3 facts shared by TikTokAdapter and the ads sandbox's TikTok facade (seed
 * 001 component 5, 需求 7.2; property 14): the path prefix, enumerations and documented limits. Pure
 * data and lookups, no I/O. Sources are cited next to each fact (business-api.tiktok.com/portal/docs
 * pages, the official SDK at github.com/tiktok/tiktok-business-api-sdk, the TikTok Ads help centre).
 */

/** Path prefix of every v1.3 endpoint; every endpoint path ends with a slash ("/campaign/create/"). */
export const TIKTOK_API_PATH = '/open_api/v1.3';

/** Largest `page_size` of the /campaign/get/, /adgroup/get/, /ad/get/ and /report/integrated/get/ endpoints. */
export const TIKTOK_MAX_PAGE_SIZE = 1000;

/**
 * Longest span (days, inclusive) of a synchronous report whose dimensions include `stat_time_day`
 * (Reporting API, "Synchronous reports": daily breakdowns cover at most 30 days per request).
 */
export const TIKTOK_REPORT_MAX_DAYS = 30;

/**
 * Minimum daily budgets in USD (major units): campaign 50, ad group 20 (TikTok Ads help centre,
 * "About Budget and Bidding FAQs", ads.tiktok.com/help/article/budget-and-bidding-faq).
 */
export const TIKTOK_MIN_DAILY_BUDGET_USD = { campaign: 50, adgroup: 20 } as const;

/** The identity type of a custom identity (display name + avatar) created under the advertiser. */
export const TIKTOK_IDENTITY_TYPE = 'CUSTOMIZED_USER';

/**
 * Country → TikTok location id. TikTok targets countries by GeoNames ids (`location_ids`, listed by
 * /tool/region/); these are the GeoNames country ids of the markets the system sells in.
 */
const COUNTRY_LOCATION_IDS: Readonly<Record<string, string>> = {
  US: '6252001',
  CA: '6251999',
  GB: '2635167',
  IE: '2963597',
  DE: '2921044',
  FR: '3017382',
  ES: '2510769',
  IT: '3175395',
  NL: '2750405',
  BE: '2802361',
  SE: '2661886',
  PL: '798544',
  AU: '2077456',
  NZ: '2186224',
  JP: '1861060',
  KR: '1835841',
  SG: '1880251',
  MY: '1733045',
  TH: '1605651',
  VN: '1562822',
  PH: '1694008',
  ID: '1643084',
  BR: '3469034',
  MX: '3996063',
  AE: '290557',
  SA: '102358',
  TR: '298795',
};

const LOCATION_COUNTRIES: ReadonlyMap<string, string> = new Map(Object.entries(COUNTRY_LOCATION_IDS).map(([country, id]) => [id, country]));

/** The location id of an ISO 3166-1 alpha-2 country (case-insensitive); undefined when not in the table. */
export function locationIdOf(country: string): string | undefined {
  return COUNTRY_LOCATION_IDS[country.toUpperCase()];
}

/** The ISO 3166-1 alpha-2 country of a location id; undefined for ids not in the table. */
export function countryOfLocationId(locationId: string): string | undefined {
  return LOCATION_COUNTRIES.get(locationId);
}

/** TikTok's targeting age groups (Enumeration - Targeting Age Group), with their bounds in years. */
export const AGE_GROUPS = [
  { group: 'AGE_13_17', min: 13, max: 17 },
  { group: 'AGE_18_24', min: 18, max: 24 },
  { group: 'AGE_25_34', min: 25, max: 34 },
  { group: 'AGE_35_44', min: 35, max: 44 },
  { group: 'AGE_45_54', min: 45, max: 54 },
  { group: 'AGE_55_100', min: 55, max: 100 },
] as const;

/** One of TikTok's age group values. */
export type AgeGroup = (typeof AGE_GROUPS)[number]['group'];

/** Whether `value` is one of TikTok's age group values. */
export function isAgeGroup(value: string): value is AgeGroup {
  return AGE_GROUPS.some((g) => g.group === value);
}

/**
 * The age groups overlapping [ageMin, ageMax] (years; a missing bound is open). TikTok has no exact
 * ages, so 20-30 becomes AGE_18_24 + AGE_25_34. Both bounds missing: [] (all ages, no targeting).
 */
export function ageGroupsFor(ageMin?: number, ageMax?: number): AgeGroup[] {
  if (ageMin === undefined && ageMax === undefined) return [];
  const lo = ageMin ?? 0;
  const hi = ageMax ?? Number.POSITIVE_INFINITY;
  return AGE_GROUPS.filter((g) => g.max >= lo && g.min <= hi).map((g) => g.group);
}

/** The age range (years) covered by age groups; undefined for an empty list. */
export function ageRangeOf(groups: readonly AgeGroup[]): { age_min: number; age_max: number } | undefined {
  const bounds = AGE_GROUPS.filter((g) => groups.includes(g.group));
  if (bounds.length === 0) return undefined;
  return { age_min: Math.min(...bounds.map((b) => b.min)), age_max: Math.max(...bounds.map((b) => b.max)) };
}

/** Call-to-action values of non-dynamic ads (Enumeration - Call-to-action); a subset the system uses. */
export const CALL_TO_ACTIONS = [
  'LEARN_MORE',
  'SHOP_NOW',
  'SIGN_UP',
  'CONTACT_US',
  'APPLY_NOW',
  'BOOK_NOW',
  'DOWNLOAD_NOW',
  'ORDER_NOW',
  'SUBSCRIBE',
  'WATCH_NOW',
  'GET_QUOTE',
  'READ_MORE',
  'VIEW_NOW',
  'INTERESTED',
] as const;

/** One of the call-to-action values above. */
export type CallToAction = (typeof CALL_TO_ACTIONS)[number];

/** Whether `value` is one of the call-to-action values above. */
export function isCallToAction(value: string): value is CallToAction {
  return (CALL_TO_ACTIONS as readonly string[]).includes(value);
}

/** The report `data_level` and id dimension of each level (Reporting API, BASIC reports). */
export const REPORT_LEVELS = {
  campaign: { data_level: 'AUCTION_CAMPAIGN', id_dimension: 'campaign_id', name_metric: 'campaign_name' },
  adset: { data_level: 'AUCTION_ADGROUP', id_dimension: 'adgroup_id', name_metric: 'adgroup_name' },
  ad: { data_level: 'AUCTION_AD', id_dimension: 'ad_id', name_metric: 'ad_name' },
} as const;

/**
 * The report metric of each InsightRow count: `conversion` counts the optimisation events;
 * `total_complete_payment_rate` is, despite its name, the total purchase VALUE in major units
 * (`complete_payment_roas` would be value / spend) (Reporting API, "Metrics - In-app & Onsite events").
 */
export const REPORT_METRICS = {
  spend: 'spend',
  impressions: 'impressions',
  clicks: 'clicks',
  conversions: 'conversion',
  revenue: 'total_complete_payment_rate',
} as const;
