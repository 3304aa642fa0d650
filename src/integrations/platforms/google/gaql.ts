/**
 * The Google Ads Query Language (GAQL) queries the Google adapter sends to `googleAds:search`
 * (seed 001 component 5, 需求 7.3). Grammar: https://developers.google.com/google-ads/api/docs/query/grammar
 * (string literals in single or double quotes; LIKE matches a literal `[`, `]`, `%` or `_` when the
 * character is wrapped in square brackets). Ids are validated as digits before they reach a query,
 * so no caller input is ever spliced into GAQL unescaped.
 */
import type { DateSpan, Level } from '../../../domain/ads/types.js';

/** The GAQL resource (FROM) behind each normalised level: Google ad groups are our ad sets. */
export const LEVEL_RESOURCE: Record<Level, 'campaign' | 'ad_group' | 'ad_group_ad'> = {
  campaign: 'campaign',
  adset: 'ad_group',
  ad: 'ad_group_ad',
};

/** The field holding a level's numeric id (ads: the ad's id inside the ad group ad). */
const LEVEL_ID_FIELD: Record<Level, string> = {
  campaign: 'campaign.id',
  adset: 'ad_group.id',
  ad: 'ad_group_ad.ad.id',
};

const LEVEL_STATUS_FIELD: Record<Level, string> = {
  campaign: 'campaign.status',
  adset: 'ad_group.status',
  ad: 'ad_group_ad.status',
};

/** The fields read for each level's normalised object (ids, name, status, budget or policy). */
const OBJECT_FIELDS: Record<Level, readonly string[]> = {
  campaign: ['campaign.resource_name', 'campaign.id', 'campaign.name', 'campaign.status', 'campaign.campaign_budget', 'campaign_budget.amount_micros'],
  adset: ['ad_group.resource_name', 'ad_group.id', 'ad_group.name', 'ad_group.status', 'campaign.id'],
  ad: [
    'ad_group_ad.resource_name',
    'ad_group_ad.status',
    'ad_group_ad.ad.id',
    'ad_group_ad.ad.name',
    'ad_group_ad.ad.responsive_display_ad.marketing_images',
    'ad_group_ad.ad.responsive_display_ad.headlines',
    'ad_group_ad.policy_summary.approval_status',
    'ad_group_ad.policy_summary.review_status',
    'ad_group.id',
    'campaign.id',
  ],
};

/** The metrics every insights query reads (cost in micros, conversions as doubles). */
const METRIC_FIELDS = ['metrics.impressions', 'metrics.clicks', 'metrics.cost_micros', 'metrics.conversions', 'metrics.conversions_value'] as const;

const INSIGHT_DIMENSIONS: Record<Level, readonly string[]> = {
  campaign: ['campaign.id', 'campaign.name'],
  adset: ['campaign.id', 'ad_group.id', 'ad_group.name'],
  ad: ['campaign.id', 'ad_group.id', 'ad_group_ad.ad.id'],
};

/** A GAQL string literal in single quotes, backslash-escaping `\` and `'`. */
export function gaqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A LIKE pattern matching `text` literally: `[`, `]`, `%` and `_` are wrapped in brackets. */
export function likeLiteral(text: string): string {
  return text.replace(/[[\]%_]/g, (ch) => `[${ch}]`);
}

/** The LIKE pattern of names ending in a request key's suffix " [rk:<key>]" (see request-key.ts). */
export function requestKeyPattern(key: string): string {
  return `%${likeLiteral(` [rk:${key}]`)}`;
}

/** What to filter objects on; every id must already be validated as digits. */
export interface ObjectFilter {
  /** the object's own id. */
  id?: string;
  /** the parent's id: the campaign of ad groups, the ad group of ads. */
  parentId?: string;
  /** only objects whose name carries this request key. */
  requestKey?: string;
  /** leave out REMOVED objects. */
  excludeRemoved?: boolean;
}

/**
 * The query reading a level's objects ({@link OBJECT_FIELDS}) with the given filters, e.g.
 * `SELECT campaign.id, ... FROM campaign WHERE campaign.status != 'REMOVED' AND campaign.name LIKE '%[[]rk:k1[]]'`.
 * Ads are filtered by request key on their image asset's name instead (see {@link assetsByRequestKeyQuery}),
 * so `requestKey` is ignored for them.
 */
export function objectQuery(level: Level, filter: ObjectFilter = {}): string {
  const where: string[] = [];
  if (filter.id !== undefined) where.push(`${LEVEL_ID_FIELD[level]} = ${filter.id}`);
  if (filter.parentId !== undefined && level !== 'campaign') where.push(`${level === 'adset' ? 'campaign.id' : 'ad_group.id'} = ${filter.parentId}`);
  if (filter.excludeRemoved) where.push(`${LEVEL_STATUS_FIELD[level]} != 'REMOVED'`);
  if (filter.requestKey !== undefined && level !== 'ad') {
    where.push(`${LEVEL_RESOURCE[level]}.name LIKE ${gaqlString(requestKeyPattern(filter.requestKey))}`);
  }
  return [`SELECT ${OBJECT_FIELDS[level].join(', ')} FROM ${LEVEL_RESOURCE[level]}`, where.length ? `WHERE ${where.join(' AND ')}` : '']
    .filter(Boolean)
    .join(' ');
}

/** The non-removed campaign budgets whose name carries `requestKey` (budgets are created before their campaign). */
export function budgetByRequestKeyQuery(requestKey: string): string {
  return (
    'SELECT campaign_budget.resource_name, campaign_budget.id, campaign_budget.name, campaign_budget.amount_micros FROM campaign_budget ' +
    `WHERE campaign_budget.status != 'REMOVED' AND campaign_budget.name LIKE ${gaqlString(requestKeyPattern(requestKey))}`
  );
}

/** The image assets whose name carries `requestKey`, with their pixel size (landscape vs square). */
export function assetsByRequestKeyQuery(requestKey: string): string {
  return (
    'SELECT asset.resource_name, asset.id, asset.name, asset.image_asset.full_size.width_pixels, asset.image_asset.full_size.height_pixels ' +
    `FROM asset WHERE asset.type = 'IMAGE' AND asset.name LIKE ${gaqlString(requestKeyPattern(requestKey))}`
  );
}

/** The names of the given assets (resource names are quoted literals). */
export function assetNamesQuery(resourceNames: readonly string[]): string {
  return `SELECT asset.resource_name, asset.name FROM asset WHERE asset.resource_name IN (${resourceNames.map(gaqlString).join(', ')})`;
}

/** A campaign's budget resource and amount (micros), to update it. */
export function campaignBudgetQuery(campaignId: string): string {
  return `SELECT campaign.id, campaign.campaign_budget, campaign_budget.amount_micros FROM campaign WHERE campaign.id = ${campaignId}`;
}

/**
 * The daily delivery of every object of a level in an inclusive span, one row per object and day
 * with delivery: `SELECT <ids>, segments.date, metrics... FROM <resource> WHERE segments.date BETWEEN 'since' AND 'until'`
 * (DURING only takes presets, so custom spans use BETWEEN). Dates must be ISO YYYY-MM-DD.
 */
export function insightsQuery(level: Level, span: DateSpan): string {
  const fields = [...INSIGHT_DIMENSIONS[level], 'segments.date', ...METRIC_FIELDS];
  return (
    `SELECT ${fields.join(', ')} FROM ${LEVEL_RESOURCE[level]} ` +
    `WHERE segments.date BETWEEN ${gaqlString(span.since)} AND ${gaqlString(span.until)} ORDER BY segments.date`
  );
}
