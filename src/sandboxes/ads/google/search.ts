/**
 * `googleAds:search` of the sandbox facade (https://developers.google.com/google-ads/api/rest/common/search):
 * runs a parsed GAQL query over the world and answers `{results, fieldMask, nextPageToken?,
 * totalResultsCount?}` with rows shaped like Google's (camelCase, int64 as strings, doubles as
 * numbers, `resourceName` of every selected resource). Resources: campaign, ad_group, ad_group_ad,
 * campaign_budget, asset. Metrics come from the world's daily stats: with `segments.date` selected
 * one row per object and day with delivery (a finite date filter is required), without it one row
 * per object summed over the filtered dates (all time when none). Pages of 10 000 rows.
 */
import type { BaseMetrics } from '../../../domain/ads/metrics.js';
import type { Level } from '../../../domain/ads/types.js';
import { isIsoDate } from '../clock.js';
import type { WorldAccount, WorldObject } from '../world-api.js';
import { invalidArgument } from './envelope.js';
import { DATE_PRESETS, GaqlError, likePattern, presetRange, type GaqlCondition, type GaqlQuery, type GaqlValue } from './gaql.js';
import { googleExtra, googleStatus, policySummary, primaryStatus, type AssetRecord, type BudgetRecord, type GoogleResources } from './resources.js';

/** Rows per page, as Google's fixed page size. */
const PAGE_SIZE = 10_000;

/** What one row is about. */
interface RowContext {
  campaign?: WorldObject;
  adGroup?: WorldObject;
  ad?: WorldObject;
  budget?: BudgetRecord;
  asset?: AssetRecord;
  metrics?: BaseMetrics;
  date?: string;
}

type FieldType = 'int64' | 'double' | 'string' | 'enum' | 'bool' | 'date' | 'message';

interface FieldDef {
  type: FieldType;
  get(ctx: RowContext, res: GoogleResources): unknown;
  /** enum constants accepted in conditions. */
  values?: readonly string[];
}

const STATUS_VALUES = ['ENABLED', 'PAUSED', 'REMOVED', 'UNKNOWN', 'UNSPECIFIED'] as const;
const BUDGET_STATUS = ['ENABLED', 'REMOVED', 'UNKNOWN', 'UNSPECIFIED'] as const;
const APPROVAL_VALUES = ['APPROVED', 'APPROVED_LIMITED', 'AREA_OF_INTEREST_ONLY', 'DISAPPROVED', 'UNKNOWN', 'UNSPECIFIED'] as const;
const REVIEW_VALUES = ['REVIEW_IN_PROGRESS', 'REVIEWED', 'UNDER_APPEAL', 'ELIGIBLE_MAY_SERVE', 'UNKNOWN', 'UNSPECIFIED'] as const;

const campaignRn = (c: WorldObject) => `customers/${c.account_id}/campaigns/${c.id}`;
const adGroupRn = (g: WorldObject) => `customers/${g.account_id}/adGroups/${g.id}`;
const budgetRn = (b: BudgetRecord) => `customers/${b.customerId}/campaignBudgets/${b.id}`;
const assetRn = (a: AssetRecord) => `customers/${a.customerId}/assets/${a.id}`;
const rdaField = (name: string) => (ctx: RowContext, res: GoogleResources) =>
  ctx.ad && (res.adOf(ctx.ad).responsiveDisplayAd as Record<string, unknown> | undefined)?.[name];

/** The selectable fields, by GAQL name. */
const FIELDS: Record<string, FieldDef> = {
  'campaign.resource_name': { type: 'string', get: (c) => c.campaign && campaignRn(c.campaign) },
  'campaign.id': { type: 'int64', get: (c) => c.campaign?.id },
  'campaign.name': { type: 'string', get: (c) => c.campaign?.name },
  'campaign.status': { type: 'enum', values: STATUS_VALUES, get: (c) => c.campaign && googleStatus(c.campaign.status) },
  'campaign.primary_status': { type: 'enum', get: (c) => c.campaign && primaryStatus(c.campaign.status) },
  'campaign.advertising_channel_type': { type: 'enum', get: (c, r) => c.campaign && r.channelOf(c.campaign) },
  'campaign.bidding_strategy_type': { type: 'enum', get: (c) => c.campaign && (googleExtra(c.campaign).bidding_strategy_type ?? 'MAXIMIZE_CONVERSIONS') },
  'campaign.contains_eu_political_advertising': {
    type: 'enum',
    get: (c) => c.campaign && (googleExtra(c.campaign).contains_eu_political_advertising ?? 'DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING'),
  },
  'campaign.campaign_budget': { type: 'string', get: (c, r) => c.campaign && budgetRn(r.budgetOf(c.campaign)) },
  'campaign_budget.resource_name': { type: 'string', get: (c) => c.budget && budgetRn(c.budget) },
  'campaign_budget.id': { type: 'int64', get: (c) => c.budget?.id },
  'campaign_budget.name': { type: 'string', get: (c) => c.budget?.name },
  'campaign_budget.amount_micros': { type: 'int64', get: (c) => c.budget?.amountMicros },
  'campaign_budget.delivery_method': { type: 'enum', get: (c) => c.budget?.deliveryMethod },
  'campaign_budget.explicitly_shared': { type: 'bool', get: (c) => c.budget?.explicitlyShared },
  'campaign_budget.status': { type: 'enum', values: BUDGET_STATUS, get: (c) => c.budget?.status },
  'ad_group.resource_name': { type: 'string', get: (c) => c.adGroup && adGroupRn(c.adGroup) },
  'ad_group.id': { type: 'int64', get: (c) => c.adGroup?.id },
  'ad_group.name': { type: 'string', get: (c) => c.adGroup?.name },
  'ad_group.status': { type: 'enum', values: STATUS_VALUES, get: (c) => c.adGroup && googleStatus(c.adGroup.status) },
  'ad_group.primary_status': { type: 'enum', get: (c) => c.adGroup && primaryStatus(c.adGroup.status) },
  'ad_group.campaign': { type: 'string', get: (c) => c.campaign && campaignRn(c.campaign) },
  'ad_group.type': { type: 'enum', get: (c, r) => c.adGroup && (googleExtra(c.adGroup).type ?? (c.campaign && r.channelOf(c.campaign) === 'DISPLAY' ? 'DISPLAY_STANDARD' : 'SEARCH_STANDARD')) },
  'ad_group.cpc_bid_micros': { type: 'int64', get: (c) => c.adGroup && (googleExtra(c.adGroup).cpc_bid_micros ?? '10000') },
  'ad_group_ad.resource_name': { type: 'string', get: (c) => c.ad && `customers/${c.ad.account_id}/adGroupAds/${c.ad.adset_id}~${c.ad.id}` },
  'ad_group_ad.status': { type: 'enum', values: STATUS_VALUES, get: (c) => c.ad && googleStatus(c.ad.status) },
  'ad_group_ad.ad_group': { type: 'string', get: (c) => c.adGroup && adGroupRn(c.adGroup) },
  'ad_group_ad.primary_status': { type: 'enum', get: (c) => c.ad && primaryStatus(c.ad.status) },
  'ad_group_ad.policy_summary.approval_status': { type: 'enum', values: APPROVAL_VALUES, get: (c) => c.ad && policySummary(c.ad.status).approvalStatus },
  'ad_group_ad.policy_summary.review_status': { type: 'enum', values: REVIEW_VALUES, get: (c) => c.ad && policySummary(c.ad.status).reviewStatus },
  'ad_group_ad.policy_summary.policy_topic_entries': { type: 'message', get: (c) => c.ad && policySummary(c.ad.status).policyTopicEntries },
  'ad_group_ad.ad.id': { type: 'int64', get: (c) => c.ad?.id },
  'ad_group_ad.ad.resource_name': { type: 'string', get: (c, r) => c.ad && r.adOf(c.ad).resourceName },
  'ad_group_ad.ad.name': { type: 'string', get: (c, r) => c.ad && r.adOf(c.ad).name },
  'ad_group_ad.ad.type': { type: 'enum', get: (c, r) => c.ad && (r.adOf(c.ad).type ?? 'RESPONSIVE_DISPLAY_AD') },
  'ad_group_ad.ad.final_urls': { type: 'message', get: (c, r) => c.ad && r.adOf(c.ad).finalUrls },
  'ad_group_ad.ad.responsive_display_ad.marketing_images': { type: 'message', get: rdaField('marketingImages') },
  'ad_group_ad.ad.responsive_display_ad.square_marketing_images': { type: 'message', get: rdaField('squareMarketingImages') },
  'ad_group_ad.ad.responsive_display_ad.headlines': { type: 'message', get: rdaField('headlines') },
  'ad_group_ad.ad.responsive_display_ad.long_headline': { type: 'message', get: rdaField('longHeadline') },
  'ad_group_ad.ad.responsive_display_ad.descriptions': { type: 'message', get: rdaField('descriptions') },
  'ad_group_ad.ad.responsive_display_ad.business_name': { type: 'string', get: rdaField('businessName') },
  'ad_group_ad.ad.responsive_display_ad.call_to_action_text': { type: 'string', get: rdaField('callToActionText') },
  'asset.resource_name': { type: 'string', get: (c) => c.asset && assetRn(c.asset) },
  'asset.id': { type: 'int64', get: (c) => c.asset?.id },
  'asset.name': { type: 'string', get: (c) => c.asset?.name },
  'asset.type': { type: 'enum', values: ['IMAGE'], get: (c) => c.asset && 'IMAGE' },
  'asset.image_asset.mime_type': { type: 'enum', get: (c) => c.asset?.mimeType },
  'asset.image_asset.file_size': { type: 'int64', get: (c) => c.asset?.fileSize },
  'asset.image_asset.full_size.width_pixels': { type: 'int64', get: (c) => c.asset?.width },
  'asset.image_asset.full_size.height_pixels': { type: 'int64', get: (c) => c.asset?.height },
  'metrics.impressions': { type: 'int64', get: (c) => c.metrics?.impressions ?? 0 },
  'metrics.clicks': { type: 'int64', get: (c) => c.metrics?.clicks ?? 0 },
  'metrics.cost_micros': { type: 'int64', get: (c) => Math.round((c.metrics?.spend ?? 0) * 1_000_000) },
  'metrics.conversions': { type: 'double', get: (c) => c.metrics?.conversions ?? 0 },
  'metrics.conversions_value': { type: 'double', get: (c) => c.metrics?.revenue ?? 0 },
  'segments.date': { type: 'date', get: (c) => c.date },
};

/** The resources each FROM may select from (its own, attributed ones, metrics and segments). */
const ATTRIBUTED: Record<string, readonly string[]> = {
  campaign: ['campaign', 'campaign_budget', 'metrics', 'segments'],
  ad_group: ['ad_group', 'campaign', 'campaign_budget', 'metrics', 'segments'],
  ad_group_ad: ['ad_group_ad', 'ad_group', 'campaign', 'campaign_budget', 'metrics', 'segments'],
  campaign_budget: ['campaign_budget'],
  asset: ['asset'],
};

const STATS_LEVEL: Record<string, Level> = { campaign: 'campaign', ad_group: 'adset', ad_group_ad: 'ad' };

const resourceOf = (field: string) => field.slice(0, field.indexOf('.'));
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const queryError = (code: string, message: string) => invalidArgument('queryError', code, message, 'query');

/** Date bounds a query's segments.date conditions imply (inclusive; undefined: open). */
function dateBounds(conditions: GaqlCondition[], today: string): { since?: string; until?: string } {
  let since: string | undefined;
  let until: string | undefined;
  const lower = (d: string) => (since = since === undefined || d > since ? d : since);
  const upper = (d: string) => (until = until === undefined || d < until ? d : until);
  const shift = (d: string, days: number) => new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  for (const cond of conditions) {
    if (cond.field !== 'segments.date') continue;
    if (cond.operator === 'DURING') {
      const range = presetRange(cond.values[0]!.value as (typeof DATE_PRESETS)[number], today);
      lower(range.since);
      upper(range.until);
      continue;
    }
    const dates = cond.values.map((v) => {
      if (v.kind !== 'string' || !isIsoDate(v.value)) throw queryError('INVALID_DATE_FORMAT', `invalid date ${JSON.stringify(v.value)}: expected 'YYYY-MM-DD'`);
      return v.value;
    });
    if (cond.operator === 'BETWEEN') {
      if (dates[0]! > dates[1]!) throw queryError('DATE_RANGE_TOO_NARROW', `BETWEEN ${dates[0]} AND ${dates[1]}: the start is after the end`);
      lower(dates[0]!);
      upper(dates[1]!);
    } else if (cond.operator === '=' || cond.operator === 'IN') {
      lower([...dates].sort()[0]!);
      upper([...dates].sort().at(-1)!);
    } else if (cond.operator === '>=') lower(dates[0]!);
    else if (cond.operator === '>') lower(shift(dates[0]!, 1));
    else if (cond.operator === '<=') upper(dates[0]!);
    else if (cond.operator === '<') upper(shift(dates[0]!, -1));
  }
  return { ...(since !== undefined ? { since } : {}), ...(until !== undefined ? { until } : {}) };
}

/** -1, 0, 1 comparing a field's value with a condition value; throws for mismatched kinds. */
function compare(field: string, def: FieldDef, raw: unknown, v: GaqlValue): number {
  if (def.type === 'int64' || def.type === 'double') {
    const n = v.kind === 'number' ? v.value : Number(v.value);
    if (!Number.isFinite(n)) throw queryError('BAD_VALUE', `${field} compares with numbers, got ${JSON.stringify(v.value)}`);
    return Math.sign(Number(raw) - n);
  }
  if (def.type === 'enum' && def.values && !def.values.includes(String(v.value))) {
    throw queryError('BAD_ENUM_CONSTANT', `${JSON.stringify(v.value)} is not a value of ${field}`);
  }
  const a = String(raw);
  const b = String(v.value);
  return a < b ? -1 : a > b ? 1 : 0;
}

function matches(cond: GaqlCondition, def: FieldDef, raw: unknown, today: string): boolean {
  if (cond.operator === 'IS NULL') return raw === undefined || raw === null || raw === '';
  if (cond.operator === 'IS NOT NULL') return !(raw === undefined || raw === null || raw === '');
  if (raw === undefined) return false;
  const [first, second] = cond.values;
  switch (cond.operator) {
    case '=':
      return compare(cond.field, def, raw, first!) === 0;
    case '!=':
      return compare(cond.field, def, raw, first!) !== 0;
    case '>':
      return compare(cond.field, def, raw, first!) > 0;
    case '>=':
      return compare(cond.field, def, raw, first!) >= 0;
    case '<':
      return compare(cond.field, def, raw, first!) < 0;
    case '<=':
      return compare(cond.field, def, raw, first!) <= 0;
    case 'IN':
      return cond.values.some((v) => compare(cond.field, def, raw, v) === 0);
    case 'NOT IN':
      return cond.values.every((v) => compare(cond.field, def, raw, v) !== 0);
    case 'LIKE':
    case 'NOT LIKE': {
      if (first?.kind !== 'string') throw queryError('BAD_VALUE', `LIKE takes a quoted pattern on ${cond.field}`);
      const hit = likePattern(first.value).test(String(raw));
      return cond.operator === 'LIKE' ? hit : !hit;
    }
    case 'BETWEEN':
      return compare(cond.field, def, raw, first!) >= 0 && compare(cond.field, def, raw, second!) <= 0;
    case 'DURING': {
      const range = presetRange(first!.value as (typeof DATE_PRESETS)[number], today);
      return String(raw) >= range.since && String(raw) <= range.until;
    }
  }
}

/** The JSON value of a field: int64 as a string, others as they are. */
function jsonValue(def: FieldDef, raw: unknown): unknown {
  return def.type === 'int64' ? String(raw) : raw;
}

/** Sets `obj[a][b]...` for the camelCase path of a GAQL field name. */
function put(target: Record<string, unknown>, field: string, value: unknown): void {
  const path = field.split('.').map(camel);
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[path.at(-1)!] = value;
}

/** The unfiltered rows of a FROM resource (before metrics). */
function baseRows(resource: string, customerId: string, res: GoogleResources): RowContext[] {
  const campaigns = new Map(res.objects(customerId, 'campaign').map((c) => [c.id, c]));
  const adGroups = new Map(res.objects(customerId, 'adset').map((g) => [g.id, g]));
  const withBudget = (campaign: WorldObject | undefined) => (campaign ? { campaign, budget: res.budgetOf(campaign) } : {});
  switch (resource) {
    case 'campaign':
      return [...campaigns.values()].map((c) => withBudget(c));
    case 'ad_group':
      return [...adGroups.values()].map((g) => ({ adGroup: g, ...withBudget(campaigns.get(g.campaign_id ?? '')) }));
    case 'ad_group_ad':
      return res.objects(customerId, 'ad').map((ad) => ({ ad, adGroup: adGroups.get(ad.adset_id ?? ''), ...withBudget(campaigns.get(ad.campaign_id ?? '')) }));
    case 'campaign_budget':
      return res.budgets(customerId).map((budget) => ({ budget }));
    default:
      return res.assets(customerId).map((asset) => ({ asset }));
  }
}

/** The answer of one search page. */
export interface SearchAnswer {
  results: Record<string, unknown>[];
  fieldMask: string;
  nextPageToken?: string;
  totalResultsCount?: string;
}

/** The page token of an offset into a query's rows. */
function pageToken(query: string, offset: number): string {
  return Buffer.from(JSON.stringify({ q: query, o: offset })).toString('base64url');
}

/**
 * Runs a query for one customer.
 * @param text the query as sent (page tokens are bound to it)
 * @throws GoogleAdsFault 400 queryError for fields, resources, dates or values the query may not
 *   use; requestError INVALID_PAGE_TOKEN for a token of another query
 */
export function runSearch(
  res: GoogleResources,
  account: WorldAccount,
  query: GaqlQuery,
  text: string,
  opts: { pageToken?: string; totalResultsCount?: boolean },
): SearchAnswer {
  const allowed = ATTRIBUTED[query.resource];
  if (!allowed) throw queryError('BAD_RESOURCE_TYPE_IN_FROM_CLAUSE', `the sandbox cannot query FROM ${query.resource}; use ${Object.keys(ATTRIBUTED).join(', ')}`);
  const fieldsUsed = [...query.fields, ...query.where.map((w) => w.field), ...query.orderBy.map((o) => o.field)];
  for (const field of fieldsUsed) {
    if (!FIELDS[field]) throw queryError('BAD_FIELD_NAME', `unrecognized field ${field}`);
    if (!allowed.includes(resourceOf(field))) throw queryError('BAD_FIELD_NAME', `${field} cannot be used with FROM ${query.resource}`);
  }
  for (const cond of query.where) {
    if (FIELDS[cond.field]!.type === 'message') throw queryError('QUERY_ERROR', `${cond.field} cannot be filtered`);
  }
  for (const order of query.orderBy) {
    if (!query.fields.includes(order.field)) throw queryError('EXPECTED_REFERENCED_FIELD_IN_SELECT_CLAUSE', `ORDER BY ${order.field} must be selected`);
  }
  const today = res.world.today();
  const segmented = query.fields.includes('segments.date');
  const wantsMetrics = segmented || fieldsUsed.some((f) => f.startsWith('metrics.'));
  const bounds = dateBounds(query.where, today);
  if (segmented && (bounds.since === undefined || bounds.until === undefined)) {
    throw queryError('EXPECTED_FILTERS_ON_DATE_RANGE', 'segments.date is selected: filter it to a finite range (BETWEEN, DURING or >= and <=)');
  }

  let rows = baseRows(query.resource, account.account_id, res);
  const statsLevel = STATS_LEVEL[query.resource];
  if (wantsMetrics && statsLevel) {
    const stats = res.world.stats('google', account.account_id, statsLevel, bounds.since ?? '1970-01-01', bounds.until ?? today);
    const idOf = (row: RowContext) => (statsLevel === 'campaign' ? row.campaign?.id : statsLevel === 'adset' ? row.adGroup?.id : row.ad?.id);
    if (segmented) {
      const byId = new Map(rows.map((r) => [idOf(r), r]));
      rows = stats.flatMap((s) => {
        const base = byId.get(s.id);
        return base ? [{ ...base, date: s.date, metrics: s }] : [];
      });
    } else {
      const sums = new Map<string, BaseMetrics>();
      for (const s of stats) {
        const t = sums.get(s.id) ?? { impressions: 0, clicks: 0, spend: 0, conversions: 0, revenue: 0 };
        sums.set(s.id, { impressions: t.impressions + s.impressions, clicks: t.clicks + s.clicks, spend: t.spend + s.spend, conversions: t.conversions + s.conversions, revenue: t.revenue + s.revenue });
      }
      rows = rows.map((r) => ({ ...r, metrics: sums.get(idOf(r) ?? '') ?? { impressions: 0, clicks: 0, spend: 0, conversions: 0, revenue: 0 } }));
    }
  }
  const conditions = query.where.filter((c) => segmented || c.field !== 'segments.date');
  rows = rows.filter((row) => conditions.every((cond) => matches(cond, FIELDS[cond.field]!, FIELDS[cond.field]!.get(row, res), today)));
  if (query.orderBy.length) {
    rows.sort((a, b) => {
      for (const { field, descending } of query.orderBy) {
        const def = FIELDS[field]!;
        const [x, y] = [def.get(a, res), def.get(b, res)];
        const order = def.type === 'int64' || def.type === 'double' ? Math.sign(Number(x) - Number(y)) : String(x ?? '').localeCompare(String(y ?? ''));
        if (order) return descending ? -order : order;
      }
      return 0;
    });
  }
  if (query.limit !== undefined) rows = rows.slice(0, query.limit);

  let offset = 0;
  if (opts.pageToken) {
    let decoded: { q?: unknown; o?: unknown } = {};
    try {
      decoded = JSON.parse(Buffer.from(opts.pageToken, 'base64url').toString('utf8')) as typeof decoded;
    } catch {
      // reported below as an invalid token
    }
    if (decoded.q !== text || typeof decoded.o !== 'number' || decoded.o < 0) throw invalidArgument('requestError', 'INVALID_PAGE_TOKEN', 'Page token is invalid.', 'page_token');
    offset = decoded.o;
  }
  const page = rows.slice(offset, offset + PAGE_SIZE);
  const selectedResources = [...new Set(query.fields.map(resourceOf))].filter((r) => r !== 'metrics' && r !== 'segments');
  const results = page.map((row) => {
    const out: Record<string, unknown> = {};
    for (const resource of selectedResources) {
      const rn = FIELDS[`${resource}.resource_name`]?.get(row, res);
      if (rn !== undefined) put(out, `${resource}.resource_name`, rn);
    }
    for (const field of query.fields) {
      const def = FIELDS[field]!;
      const raw = def.get(row, res);
      if (raw !== undefined) put(out, field, jsonValue(def, raw));
    }
    return out;
  });
  return {
    results,
    fieldMask: query.fields.map((f) => f.split('.').map(camel).join('.')).join(','),
    ...(offset + PAGE_SIZE < rows.length ? { nextPageToken: pageToken(text, offset + PAGE_SIZE) } : {}),
    ...(opts.totalResultsCount ? { totalResultsCount: String(rows.length) } : {}),
  };
}

/** Maps a parser error to the facade's fault. */
export function gaqlFault(err: GaqlError) {
  return queryError(err.code, err.message);
}
