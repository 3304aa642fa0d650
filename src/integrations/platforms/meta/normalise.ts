/**
 * Meta Marketing API values ↔ the normalised format (seed 001 需求 7.4, property 14: one result
 * format across platforms). Budgets travel as minor-unit integer strings of the account currency
 * and come back in MAJOR units; insights `spend` and `action_values` are already MAJOR-unit decimal
 * strings; counts are integer strings.
 *
 * Status mapping (from `effective_status`, which includes review and parent state; the configured
 * `status` when the effective one is unknown, `paused` when neither is):
 * ACTIVE → active; PAUSED, CAMPAIGN_PAUSED, ADSET_PAUSED → paused; DELETED, ARCHIVED → deleted;
 * PENDING_REVIEW, IN_PROCESS, PREAPPROVED, PENDING_BILLING_INFO → pending_review (not delivering
 * yet, no action needed but waiting); DISAPPROVED, WITH_ISSUES → rejected (needs a fix).
 */
import { AppError } from '../../../domain/errors.js';
import { fromMinor, roundMajor } from '../../../domain/ads/money.js';
import type { CampaignSpec, InsightRow, Level, NormalizedStatus, PlatformObject, Targeting } from '../../../domain/ads/types.js';

const STATUS = new Map<string, NormalizedStatus>(Object.entries({
  ACTIVE: 'active',
  PAUSED: 'paused',
  CAMPAIGN_PAUSED: 'paused',
  ADSET_PAUSED: 'paused',
  DELETED: 'deleted',
  ARCHIVED: 'deleted',
  PENDING_REVIEW: 'pending_review',
  IN_PROCESS: 'pending_review',
  PREAPPROVED: 'pending_review',
  PENDING_BILLING_INFO: 'pending_review',
  DISAPPROVED: 'rejected',
  WITH_ISSUES: 'rejected',
} satisfies Record<string, NormalizedStatus>));

/** The `effective_status` values each level accepts in insights filtering (Marketing API reference). */
export const EFFECTIVE_STATUSES: Record<Level, readonly string[]> = {
  campaign: ['ACTIVE', 'PAUSED', 'DELETED', 'ARCHIVED', 'IN_PROCESS', 'WITH_ISSUES'],
  adset: ['ACTIVE', 'PAUSED', 'DELETED', 'CAMPAIGN_PAUSED', 'ARCHIVED', 'IN_PROCESS', 'WITH_ISSUES'],
  ad: ['ACTIVE', 'PAUSED', 'DELETED', 'PENDING_REVIEW', 'DISAPPROVED', 'PREAPPROVED', 'PENDING_BILLING_INFO', 'CAMPAIGN_PAUSED', 'ARCHIVED', 'ADSET_PAUSED', 'IN_PROCESS', 'WITH_ISSUES'],
};

/**
 * The normalised status of a Meta object (seed 001 需求 7.4, 8.2; property 14: the same meaning on
 * every platform): the object's own state, as TikTok and Google Ads report it. Review, rejection and
 * deletion come from `effective_status`; otherwise the configured `status` decides, so an ad set
 * switched on under a paused campaign is `active` (its `platform_status` keeps CAMPAIGN_PAUSED).
 * @param effective `effective_status`
 * @param configured `status`
 * @returns the mapped status; `paused` (not delivering) when neither value is known
 */
export function normaliseStatus(effective: string | undefined, configured: string | undefined): NormalizedStatus {
  const fromEffective = STATUS.get(effective ?? '');
  if (fromEffective === 'rejected' || fromEffective === 'pending_review' || fromEffective === 'deleted') return fromEffective;
  return STATUS.get(configured ?? '') ?? fromEffective ?? 'paused';
}

/** A campaign, ad set or ad as the Graph API returns it (the fields the adapter asks for). */
export interface MetaNode {
  id: string;
  name?: string;
  status?: string;
  effective_status?: string;
  /** minor units of the account currency, as a string. */
  daily_budget?: string;
  campaign_id?: string;
  adset_id?: string;
}

/**
 * Checks the shape of a node answer.
 * @throws AppError 4000 when it has no string id (a malformed answer)
 */
export function asNode(value: unknown): MetaNode {
  if (!value || typeof value !== 'object' || typeof (value as { id?: unknown }).id !== 'string') {
    throw new AppError('4000', undefined, { platform: 'meta', reason: 'malformed_response', platform_message: 'object without an id' });
  }
  return value as MetaNode;
}

/** A node in the normalised format (seed 001 需求 7.4, property 14); `daily_budget` converted from minor to MAJOR units. */
export function toPlatformObject(node: MetaNode, level: Level, currency: string): PlatformObject {
  const status = node.effective_status ?? node.status ?? '';
  return {
    platform: 'meta',
    level,
    id: node.id,
    name: node.name ?? '',
    status: normaliseStatus(node.effective_status, node.status),
    platform_status: status,
    ...(node.daily_budget !== undefined && node.daily_budget !== '' ? { daily_budget: fromMinor(node.daily_budget, currency) } : {}),
    currency,
    ...(node.campaign_id !== undefined && level !== 'campaign' ? { campaign_id: node.campaign_id } : {}),
    ...(node.adset_id !== undefined && level === 'ad' ? { adset_id: node.adset_id } : {}),
  };
}

/** One entry of `actions` / `action_values`. */
export interface MetaAction {
  action_type: string;
  value: string;
}

/**
 * Purchase action types in order of preference. Meta reports the same purchases under several
 * types at once (purchase, omni_purchase, offsite_conversion.fb_pixel_purchase), so the first
 * present is taken, never their sum.
 */
export const PURCHASE_TYPES = ['purchase', 'omni_purchase', 'offsite_conversion.fb_pixel_purchase'] as const;

/**
 * The purchases in an `actions` or `action_values` list (0 when none).
 * @throws AppError 4000 when the value is not a number
 */
function purchaseValue(list: readonly MetaAction[] | undefined): number {
  for (const type of PURCHASE_TYPES) {
    const hit = list?.find((a) => a.action_type === type);
    if (hit) return numeric(hit.value, `actions[${type}]`);
  }
  return 0;
}

/** A Graph API number string as a number. @throws AppError 4000 when it is not numeric */
function numeric(value: string | number | undefined, field: string): number {
  if (value === undefined || value === '') return 0;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw new AppError('4000', undefined, { platform: 'meta', reason: 'malformed_response', platform_message: `${field} is not a number: ${String(value)}` });
  return n;
}

/** One insights row as the Graph API returns it. */
export interface MetaInsightRow {
  campaign_id?: string;
  campaign_name?: string;
  adset_id?: string;
  adset_name?: string;
  ad_id?: string;
  ad_name?: string;
  impressions?: string;
  clicks?: string;
  /** MAJOR units, decimal string. */
  spend?: string;
  actions?: MetaAction[];
  /** MAJOR units per action type. */
  action_values?: MetaAction[];
  date_start: string;
  date_stop?: string;
}

/** Insights fields the adapter asks for at a level. */
export function insightFields(level: Level): string[] {
  const ids = level === 'campaign' ? ['campaign_id', 'campaign_name'] : level === 'adset' ? ['campaign_id', 'adset_id', 'adset_name'] : ['campaign_id', 'adset_id', 'ad_id', 'ad_name'];
  return [...ids, 'impressions', 'clicks', 'spend', 'actions', 'action_values', 'date_start', 'date_stop'];
}

/**
 * A daily insights row in the normalised format (seed 001 需求 7.4, 8.3; property 14): spend and revenue in MAJOR units rounded to the
 * currency's precision, conversions from purchase actions, revenue from purchase action values.
 * @throws AppError 4000 when the row lacks its object id or a number is malformed
 */
export function toInsightRow(row: MetaInsightRow, level: Level, currency: string): InsightRow {
  const id = level === 'campaign' ? row.campaign_id : level === 'adset' ? row.adset_id : row.ad_id;
  if (!id) throw new AppError('4000', undefined, { platform: 'meta', reason: 'malformed_response', platform_message: `insights row without ${level} id` });
  const name = level === 'campaign' ? row.campaign_name : level === 'adset' ? row.adset_name : row.ad_name;
  return {
    platform: 'meta',
    level,
    id,
    ...(name !== undefined ? { name } : {}),
    ...(level !== 'campaign' && row.campaign_id ? { campaign_id: row.campaign_id } : {}),
    ...(level === 'ad' && row.adset_id ? { adset_id: row.adset_id } : {}),
    date: row.date_start,
    impressions: numeric(row.impressions, 'impressions'),
    clicks: numeric(row.clicks, 'clicks'),
    spend: roundMajor(numeric(row.spend, 'spend'), currency),
    conversions: purchaseValue(row.actions),
    revenue: roundMajor(purchaseValue(row.action_values), currency),
    currency,
  };
}

/** The ODAX objective of a normalised one (default sales). */
export function metaObjective(objective: CampaignSpec['objective']): string {
  return `OUTCOME_${(objective ?? 'sales').toUpperCase()}`;
}

/**
 * The ad set optimisation goal for a campaign objective: REACH for awareness, POST_ENGAGEMENT for
 * engagement, LINK_CLICKS otherwise (conversion goals need a pixel the account data does not carry).
 */
export function optimizationGoalFor(objective: string | undefined): string {
  if (objective === 'OUTCOME_AWARENESS') return 'REACH';
  if (objective === 'OUTCOME_ENGAGEMENT') return 'POST_ENGAGEMENT';
  return 'LINK_CLICKS';
}

/** Meta targeting JSON: `{geo_locations: {countries}, age_min, age_max}` (lookalike audiences need audience ids: not sent). */
export function metaTargeting(t: Targeting): Record<string, unknown> {
  return {
    ...(t.countries?.length ? { geo_locations: { countries: t.countries } } : {}),
    ...(t.age_min !== undefined ? { age_min: t.age_min } : {}),
    ...(t.age_max !== undefined ? { age_max: t.age_max } : {}),
  };
}

/** A call-to-action type in Meta's form ("Shop now" → "SHOP_NOW"); LEARN_MORE when absent. */
export function metaCallToAction(cta: string | undefined): string {
  const type = (cta ?? '').trim().toUpperCase().replace(/[\s-]+/g, '_');
  return /^[A-Z_]+$/.test(type) ? type : 'LEARN_MORE';
}
