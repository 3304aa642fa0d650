/**
 * World objects as Meta Marketing API nodes (Campaign, AdSet, Ad) and back. The world keeps money in
 * MAJOR units; the wire carries budgets as minor-unit integer strings of the account currency
 * (money.ts). Statuses: `status` / `configured_status` is what the advertiser set (ACTIVE, PAUSED,
 * ARCHIVED, DELETED), `effective_status` adds review and parent state (PENDING_REVIEW, DISAPPROVED,
 * CAMPAIGN_PAUSED, ADSET_PAUSED), as in
 * https://developers.facebook.com/docs/marketing-api/reference/ad-campaign-group and
 * https://developers.facebook.com/documentation/ads-commerce/marketing-api/best-practices/manage-your-ad-object-status.
 * World status `deleted` stands for both ARCHIVED and DELETED; which one is kept in
 * `extra.meta_status`.
 */
import { fromMinor, toMinorString } from '../../../domain/ads/money.js';
import type { Level } from '../../../domain/ads/types.js';
import type { AdsWorld, WorldAccount, WorldObject, WorldStatus } from '../world-api.js';
import { invalidParam } from './graph-errors.js';

/** Node type names as the Graph API reports them in errors. */
export const NODE_TYPE: Record<Level, string> = { campaign: 'Campaign', adset: 'AdSet', ad: 'Ad' };

/** Readable fields per node type. */
const NODE_FIELDS: Record<Level, readonly string[]> = {
  campaign: ['id', 'name', 'account_id', 'status', 'configured_status', 'effective_status', 'objective', 'daily_budget', 'special_ad_categories', 'is_adset_budget_sharing_enabled', 'buying_type', 'created_time'],
  adset: ['id', 'name', 'account_id', 'campaign_id', 'status', 'configured_status', 'effective_status', 'daily_budget', 'billing_event', 'optimization_goal', 'bid_strategy', 'targeting', 'created_time'],
  ad: ['id', 'name', 'account_id', 'campaign_id', 'adset_id', 'status', 'configured_status', 'effective_status', 'creative', 'created_time'],
};

/** Campaign objectives of the ODAX (outcome-driven) set. */
export const OBJECTIVES = ['OUTCOME_AWARENESS', 'OUTCOME_ENGAGEMENT', 'OUTCOME_LEADS', 'OUTCOME_SALES', 'OUTCOME_TRAFFIC', 'OUTCOME_APP_PROMOTION'] as const;

/** Statuses an advertiser may set. */
export const SETTABLE_STATUSES = ['ACTIVE', 'PAUSED', 'ARCHIVED', 'DELETED'] as const;
/** A status an advertiser may set (ACTIVE, PAUSED, ARCHIVED, DELETED). */
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

/** The smallest daily budget the facade accepts, in major units (Meta's ad set minimum for impressions: 1.00 USD). */
export const MIN_DAILY_BUDGET = 1;

/** The world's objective word for a Meta objective ("OUTCOME_SALES" → "sales"). */
export function worldObjective(objective: string): string {
  return objective.replace(/^OUTCOME_/, '').toLowerCase();
}

/** The world status and the Meta status to remember for a status the advertiser sets. */
export function worldStatusFor(status: SettableStatus): { status: WorldStatus; meta_status?: 'ARCHIVED' | 'DELETED' } {
  switch (status) {
    case 'ACTIVE':
      return { status: 'active' };
    case 'PAUSED':
      return { status: 'paused' };
    case 'ARCHIVED':
    case 'DELETED':
      return { status: 'deleted', meta_status: status };
  }
}

/** ARCHIVED or DELETED for a deleted world object. */
function deletedStatus(obj: WorldObject): 'ARCHIVED' | 'DELETED' {
  return obj.extra.meta_status === 'ARCHIVED' ? 'ARCHIVED' : 'DELETED';
}

/** The status the advertiser set (`status` / `configured_status`). */
export function configuredStatus(obj: WorldObject): string {
  switch (obj.status) {
    case 'active':
      return 'ACTIVE';
    case 'paused':
      return 'PAUSED';
    case 'deleted':
      return deletedStatus(obj);
    case 'pending_review':
    case 'rejected':
      return typeof obj.extra.configured_status === 'string' ? obj.extra.configured_status : 'ACTIVE';
  }
}

/**
 * The delivery status (`effective_status`): a deleted or archived parent makes its children so,
 * review states come next, then the object's own pause, then a paused parent
 * (CAMPAIGN_PAUSED, ADSET_PAUSED).
 */
export function effectiveStatus(world: AdsWorld, obj: WorldObject): string {
  if (obj.status === 'deleted') return deletedStatus(obj);
  const campaign = obj.level !== 'campaign' && obj.campaign_id ? world.get('meta', obj.campaign_id) : undefined;
  const adset = obj.level === 'ad' && obj.adset_id ? world.get('meta', obj.adset_id) : undefined;
  for (const parent of [campaign, adset]) if (parent?.status === 'deleted') return deletedStatus(parent);
  if (obj.status === 'rejected') return 'DISAPPROVED';
  if (obj.status === 'pending_review') return 'PENDING_REVIEW';
  if (obj.status === 'paused') return 'PAUSED';
  if (campaign && campaign.status !== 'active') return 'CAMPAIGN_PAUSED';
  if (adset && adset.status !== 'active') return 'ADSET_PAUSED';
  return 'ACTIVE';
}

/** The ad account id without its `act_` prefix, as nodes report it in `account_id`. */
export function accountDigits(accountId: string): string {
  return accountId.replace(/^act_/, '');
}

/** Graph API time format: "2026-11-23T00:00:00+0000". */
const graphTime = (isoDate: string) => `${isoDate}T00:00:00+0000`;

/** Meta targeting from the world's normalised targeting (countries, ages). */
function metaTargeting(obj: WorldObject): Record<string, unknown> | undefined {
  if (obj.extra.targeting_spec && typeof obj.extra.targeting_spec === 'object') return obj.extra.targeting_spec as Record<string, unknown>;
  const t = obj.targeting;
  if (!t) return undefined;
  return {
    ...(Array.isArray(t.countries) ? { geo_locations: { countries: t.countries } } : {}),
    ...(typeof t.age_min === 'number' ? { age_min: t.age_min } : {}),
    ...(typeof t.age_max === 'number' ? { age_max: t.age_max } : {}),
  };
}

/** Every readable field of a node (absent values left out, as the Graph API does). */
function nodeValues(world: AdsWorld, obj: WorldObject, currency: string): Record<string, unknown> {
  const x = obj.extra;
  const values: Record<string, unknown> = {
    id: obj.id,
    name: obj.name,
    account_id: accountDigits(obj.account_id),
    status: configuredStatus(obj),
    configured_status: configuredStatus(obj),
    effective_status: effectiveStatus(world, obj),
    created_time: graphTime(obj.created_on),
    daily_budget: obj.daily_budget === undefined ? undefined : toMinorString(obj.daily_budget, currency),
  };
  if (obj.level === 'campaign') {
    Object.assign(values, {
      objective: obj.objective ? `OUTCOME_${obj.objective.toUpperCase()}` : undefined,
      special_ad_categories: x.special_ad_categories ?? [],
      is_adset_budget_sharing_enabled: x.is_adset_budget_sharing_enabled,
      buying_type: x.buying_type ?? 'AUCTION',
    });
  } else if (obj.level === 'adset') {
    Object.assign(values, {
      campaign_id: obj.campaign_id,
      billing_event: x.billing_event ?? 'IMPRESSIONS',
      optimization_goal: x.optimization_goal ?? 'LINK_CLICKS',
      bid_strategy: x.bid_strategy ?? 'LOWEST_COST_WITHOUT_CAP',
      targeting: metaTargeting(obj),
    });
  } else {
    Object.assign(values, {
      campaign_id: obj.campaign_id,
      adset_id: obj.adset_id,
      creative: typeof x.creative_id === 'string' ? { id: x.creative_id } : undefined,
    });
  }
  return values;
}

/**
 * A node as the Graph API answers it: the asked fields (only `id` when none are asked).
 * @throws GraphError 100 "Tried accessing nonexisting field (f) on node type (T)" for a field the type lacks
 */
export function renderNode(world: AdsWorld, obj: WorldObject, account: WorldAccount, fields: readonly string[] | undefined): Record<string, unknown> {
  const wanted = fields ?? ['id'];
  for (const f of wanted) {
    if (!NODE_FIELDS[obj.level].includes(f)) throw invalidParam(`(#100) Tried accessing nonexisting field (${f}) on node type (${NODE_TYPE[obj.level]})`);
  }
  const values = nodeValues(world, obj, account.currency);
  const out: Record<string, unknown> = {};
  for (const f of wanted) if (values[f] !== undefined) out[f] = values[f];
  out.id = obj.id;
  return out;
}

/**
 * A minor-unit budget string as major units ("2000" USD → 20).
 * @throws GraphError 100 when it is not a non-negative integer
 */
export function parseMinorBudget(raw: unknown, name: string, currency: string): number {
  const s = typeof raw === 'number' ? String(raw) : raw;
  if (typeof s !== 'string' || !/^\d+$/.test(s)) throw invalidParam(`(#100) param ${name} must be a non-negative integer in the account currency's minor unit`);
  return fromMinor(s, currency);
}

/** A major-unit amount formatted for users, e.g. "$1.00" or "1.00 EUR". */
export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount);
}
