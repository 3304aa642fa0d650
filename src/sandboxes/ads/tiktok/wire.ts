/**
 * Wire shapes of the ads sandbox's TikTok Business API v1.3 facade (seed 001 component 5, 需求 7.2):
 * the `{code, message, request_id, data}` envelope, request-parameter validation with TikTok's
 * parameter-error code 40002, and world objects rendered the way /campaign/get/, /adgroup/get/ and
 * /ad/get/ show them (operation_status, secondary_status, budgets in major units). Money in MAJOR units.
 */
import { z } from 'zod';
import { ageGroupsFor, ageRangeOf, countryOfLocationId, isAgeGroup, locationIdOf, type AgeGroup } from '../../../domain/ads/tiktok-enums.js';
import type { AdsWorld, WorldAccount, WorldObject } from '../world-api.js';

/** A TikTok return code with its message; the facade answers it in an HTTP 200 envelope. */
export class TikTokFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** The TikTok envelope. */
export interface TikTokEnvelope {
  code: number;
  message: string;
  request_id: string;
  data: unknown;
}

/** A request-id generator: "YYYYMMDDHHMMSS" + 18 upper-case hex digits, unique per facade. */
export function requestIds(): () => string {
  let n = 0;
  return () => {
    n += 1;
    return `${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}${n.toString(16).toUpperCase().padStart(18, '0')}`;
  };
}

/** What a handler gets: the world, the account the token opened and the validated-later parameters. */
export interface TikTokCall {
  world: AdsWorld;
  account: WorldAccount;
  params: Record<string, unknown>;
}

/** 40002 for a parameter error ("Parameter error. Please see error message for details"). */
export function paramError(message: string): TikTokFailure {
  return new TikTokFailure(40002, message);
}

/** 40007 for an object that does not exist in the advertiser. */
export function notFound(what: string, id: string): TikTokFailure {
  return new TikTokFailure(40007, `The ${what} ${id} does not exist.`);
}

/**
 * Validates parameters with `schema`; `field` names the parameter when `params` is one field's value.
 * @throws TikTokFailure 40002 naming the first bad field, e.g. "campaign_name: Missing data for required field."
 */
export function validate<T extends z.ZodType>(schema: T, params: unknown, field?: string): z.infer<T> {
  const parsed = schema.safeParse(params);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = [...(field ? [field] : []), ...(issue?.path ?? []).map(String)].join('.') || 'request';
  const missing = issue?.code === 'invalid_type' && /received undefined/.test(issue.message);
  throw paramError(`${path}: ${missing ? 'Missing data for required field.' : (issue?.message ?? 'invalid')}`);
}

/** An id as TikTok accepts it: a digit string (numbers are accepted and stringified). */
export const IdParam = z.union([z.string().regex(/^\d+$/, 'Not a valid id.'), z.number().int().nonnegative()]).transform(String);

/** `page` and `page_size` of the get and report endpoints (1-based; page_size 1-1000, default 10). */
export const PagingParams = z.object({
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(1000).default(10),
});

/** One page of `items` with TikTok's page_info. */
export function paginate<T>(items: readonly T[], page: number, pageSize: number): { list: T[]; page_info: { page: number; page_size: number; total_number: number; total_page: number } } {
  return {
    list: items.slice((page - 1) * pageSize, page * pageSize),
    page_info: { page, page_size: pageSize, total_number: items.length, total_page: Math.ceil(items.length / pageSize) },
  };
}

/** Keeps only `fields` of a rendered object (the `fields` parameter of the get endpoints); all when absent. */
export function project(obj: Record<string, unknown>, fields: readonly string[] | undefined): Record<string, unknown> {
  if (!fields || fields.length === 0) return obj;
  return Object.fromEntries(fields.filter((f) => f in obj).map((f) => [f, obj[f]]));
}

/** The primary statuses a get filter accepts (Enumeration - Primary Status). */
export const PRIMARY_STATUSES = ['STATUS_ALL', 'STATUS_NOT_DELETE', 'STATUS_DELETE', 'STATUS_DELIVERY_OK', 'STATUS_DISABLE', 'STATUS_NOT_DELIVERY'] as const;
/** One primary status filter value. */
export type PrimaryStatus = (typeof PRIMARY_STATUSES)[number];

const PREFIX = { campaign: 'CAMPAIGN_STATUS', adset: 'ADGROUP_STATUS', ad: 'AD_STATUS' } as const;

/** How TikTok shows an object's status: what the advertiser set, what delivery shows, the primary status. */
export interface TikTokStatus {
  operation_status: 'ENABLE' | 'DISABLE';
  secondary_status: string;
  primary_status: Exclude<PrimaryStatus, 'STATUS_ALL' | 'STATUS_NOT_DELETE'>;
}

/**
 * The TikTok status of a world object, parents included (Enumeration - Secondary Status). First
 * match wins: deleted → *_DELETE; campaign / ad group deleted → *_CAMPAIGN_DELETE / AD_STATUS_ADGROUP_DELETE;
 * rejected → *_AUDIT_DENY (campaigns: CAMPAIGN_STATUS_ADVERTISER_AUDIT_DENY); paused → *_DISABLE;
 * in review → *_AUDIT (campaigns: CAMPAIGN_STATUS_ADVERTISER_AUDIT); campaign / ad group paused →
 * *_CAMPAIGN_DISABLE / AD_STATUS_ADGROUP_DISABLE; else delivering: CAMPAIGN_STATUS_ENABLE / *_DELIVERY_OK.
 * The object's own state thus always survives normalisation (see platforms/tiktok/normalise.ts).
 */
export function tiktokStatus(world: AdsWorld, obj: WorldObject): TikTokStatus {
  const p = PREFIX[obj.level];
  const campaign = obj.level === 'campaign' || !obj.campaign_id ? undefined : world.get('tiktok', obj.campaign_id);
  const adgroup = obj.level === 'ad' && obj.adset_id ? world.get('tiktok', obj.adset_id) : undefined;
  const operation = obj.status === 'paused' || obj.status === 'deleted' ? 'DISABLE' : 'ENABLE';
  const status = (secondary_status: string, primary_status: TikTokStatus['primary_status']): TikTokStatus => ({ operation_status: operation, secondary_status, primary_status });
  if (obj.status === 'deleted') return status(`${p}_DELETE`, 'STATUS_DELETE');
  if (campaign?.status === 'deleted') return status(`${p}_CAMPAIGN_DELETE`, 'STATUS_DELETE');
  if (adgroup?.status === 'deleted') return status('AD_STATUS_ADGROUP_DELETE', 'STATUS_DELETE');
  if (obj.status === 'rejected') return status(obj.level === 'campaign' ? 'CAMPAIGN_STATUS_ADVERTISER_AUDIT_DENY' : `${p}_AUDIT_DENY`, 'STATUS_NOT_DELIVERY');
  if (obj.status === 'paused') return status(`${p}_DISABLE`, 'STATUS_DISABLE');
  if (obj.status === 'pending_review') return status(obj.level === 'campaign' ? 'CAMPAIGN_STATUS_ADVERTISER_AUDIT' : `${p}_AUDIT`, 'STATUS_NOT_DELIVERY');
  if (campaign?.status === 'paused') return status(`${p}_CAMPAIGN_DISABLE`, 'STATUS_NOT_DELIVERY');
  if (adgroup?.status === 'paused') return status('AD_STATUS_ADGROUP_DISABLE', 'STATUS_NOT_DELIVERY');
  return status(obj.level === 'campaign' ? 'CAMPAIGN_STATUS_ENABLE' : `${p}_DELIVERY_OK`, 'STATUS_DELIVERY_OK');
}

/** Whether an object's TikTok status passes a primary_status filter (default STATUS_NOT_DELETE). */
export function matchesPrimary(status: TikTokStatus, filter: PrimaryStatus | undefined): boolean {
  const wanted = filter ?? 'STATUS_NOT_DELETE';
  if (wanted === 'STATUS_ALL') return true;
  if (wanted === 'STATUS_NOT_DELETE') return status.primary_status !== 'STATUS_DELETE';
  return status.primary_status === wanted;
}

/** Our objectives (the world's seeded ones) ↔ TikTok objective types. */
const OBJECTIVE_TYPES: Record<string, string> = { sales: 'WEB_CONVERSIONS', traffic: 'TRAFFIC', awareness: 'REACH', leads: 'LEAD_GENERATION' };

/** The world objective stored for a TikTok objective type (ours when there is one, else the type itself). */
export function worldObjective(objectiveType: string): string {
  return Object.entries(OBJECTIVE_TYPES).find(([, t]) => t === objectiveType)?.[0] ?? objectiveType;
}

/** "YYYY-MM-DD 00:00:00": TikTok's datetime format for an ISO date. */
export function dateTime(isoDate: string): string {
  return `${isoDate} 00:00:00`;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined);

/** The budget fields of a campaign or ad group: mode, amount (major units; 0 without one). */
export function budgetFields(obj: WorldObject): { budget_mode: string; budget: number } {
  const mode = str(obj.extra.budget_mode) ?? (obj.daily_budget !== undefined ? 'BUDGET_MODE_DAY' : 'BUDGET_MODE_INFINITE');
  return { budget_mode: mode, budget: mode === 'BUDGET_MODE_DAY' ? (obj.daily_budget ?? 0) : 0 };
}

/** A campaign as /campaign/get/ shows it. */
export function renderCampaign(world: AdsWorld, obj: WorldObject): Record<string, unknown> {
  const { operation_status, secondary_status } = tiktokStatus(world, obj);
  const budget = budgetFields(obj);
  return {
    advertiser_id: obj.account_id,
    campaign_id: obj.id,
    campaign_name: obj.name,
    campaign_type: 'REGULAR_CAMPAIGN',
    objective_type: str(obj.extra.objective_type) ?? OBJECTIVE_TYPES[obj.objective ?? ''] ?? 'TRAFFIC',
    ...budget,
    budget_optimize_on: obj.extra.budget_optimize_on === true || (obj.extra.budget_optimize_on === undefined && budget.budget_mode === 'BUDGET_MODE_DAY'),
    operation_status,
    secondary_status,
    create_time: dateTime(obj.created_on),
    modify_time: dateTime(obj.created_on),
  };
}

/** Location ids and age groups of an ad group: as sent when created through the facade, else from its targeting. */
function targetingFields(obj: WorldObject): { location_ids: string[]; age_groups: AgeGroup[] } {
  const t = obj.targeting ?? {};
  const countries = strings(t.countries) ?? [];
  const locationIds = strings(obj.extra.location_ids) ?? countries.map((c) => locationIdOf(c)).filter((id): id is string => id !== undefined);
  const ageMin = typeof t.age_min === 'number' ? t.age_min : undefined;
  const ageMax = typeof t.age_max === 'number' ? t.age_max : undefined;
  const ageGroups = strings(obj.extra.age_groups)?.filter(isAgeGroup) ?? ageGroupsFor(ageMin, ageMax);
  return { location_ids: locationIds, age_groups: ageGroups };
}

/** The normalised targeting the world keeps for an ad group created with location ids and age groups. */
export function worldTargeting(locationIds: readonly string[], ageGroups: readonly AgeGroup[] | undefined): Record<string, unknown> {
  return { countries: locationIds.map((id) => countryOfLocationId(id) ?? id), ...ageRangeOf(ageGroups ?? []), audience: 'broad' };
}

/** An ad group as /adgroup/get/ shows it. */
export function renderAdGroup(world: AdsWorld, obj: WorldObject): Record<string, unknown> {
  const { operation_status, secondary_status } = tiktokStatus(world, obj);
  const e = obj.extra;
  return {
    advertiser_id: obj.account_id,
    campaign_id: obj.campaign_id,
    adgroup_id: obj.id,
    adgroup_name: obj.name,
    placement_type: str(e.placement_type) ?? 'PLACEMENT_TYPE_AUTOMATIC',
    ...(strings(e.placements) ? { placements: e.placements } : {}),
    ...targetingFields(obj),
    gender: str(e.gender) ?? 'GENDER_UNLIMITED',
    ...budgetFields(obj),
    schedule_type: str(e.schedule_type) ?? 'SCHEDULE_FROM_NOW',
    schedule_start_time: str(e.schedule_start_time) ?? dateTime(obj.created_on),
    ...(str(e.schedule_end_time) ? { schedule_end_time: e.schedule_end_time } : {}),
    optimization_goal: str(e.optimization_goal) ?? 'CONVERT',
    billing_event: str(e.billing_event) ?? 'OCPM',
    bid_type: str(e.bid_type) ?? 'BID_TYPE_NO_BID',
    pacing: str(e.pacing) ?? 'PACING_MODE_SMOOTH',
    operation_status,
    secondary_status,
    create_time: dateTime(obj.created_on),
    modify_time: dateTime(obj.created_on),
  };
}

/** An ad as /ad/get/ shows it; `imageIdOf` gives the image id of a creative's image URL. */
export function renderAd(world: AdsWorld, obj: WorldObject, imageIdOf: (url: string) => string): Record<string, unknown> {
  const { operation_status, secondary_status } = tiktokStatus(world, obj);
  const c = obj.creative ?? {};
  const e = obj.extra;
  const imageUrl = str(c.image_url);
  return {
    advertiser_id: obj.account_id,
    campaign_id: obj.campaign_id,
    adgroup_id: obj.adset_id,
    ad_id: obj.id,
    ad_name: obj.name,
    ad_format: str(e.ad_format) ?? 'SINGLE_IMAGE',
    ad_text: str(e.ad_text) ?? str(c.primary_text) ?? '',
    call_to_action: str(c.call_to_action) ?? 'LEARN_MORE',
    landing_page_url: str(c.link_url) ?? '',
    identity_type: str(e.identity_type) ?? 'CUSTOMIZED_USER',
    ...(str(e.identity_id) ? { identity_id: e.identity_id } : {}),
    image_ids: strings(e.image_ids) ?? (imageUrl ? [imageIdOf(imageUrl)] : []),
    operation_status,
    secondary_status,
    create_time: dateTime(obj.created_on),
    modify_time: dateTime(obj.created_on),
  };
}
