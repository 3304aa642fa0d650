/**
 * The object endpoints of the sandbox's TikTok Business API v1.3 facade (seed 001 component 5,
 * 需求 7.2): campaigns, ad groups, ads and ad images over the ads world. Each handler validates its
 * parameters (40002 with the field's name), checks that ids belong to the advertiser (40007), applies
 * TikTok's rules the adapter relies on (minimum daily budgets 50 / 20 USD, unique campaign names, at
 * most 20 ads per ad group → 40502, deleted objects are read-only) and returns the envelope's `data`.
 * Sandbox limits, answered with 40002: lifetime budgets (BUDGET_MODE_TOTAL), image uploads other
 * than UPLOAD_BY_URL, ad formats other than SINGLE_IMAGE, identities other than the advertiser's
 * CUSTOMIZED_USER identity, scheduled budgets. New ads are approved at once (no review delay).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CALL_TO_ACTIONS, countryOfLocationId, isAgeGroup, TIKTOK_IDENTITY_TYPE, TIKTOK_MIN_DAILY_BUDGET_USD } from '../../../domain/ads/tiktok-enums.js';
import type { Level } from '../../../domain/ads/types.js';
import { sandboxAccount } from '../accounts.js';
import type { WorldObject, WorldStatus } from '../world-api.js';
import {
  budgetFields,
  IdParam,
  matchesPrimary,
  notFound,
  PagingParams,
  paginate,
  paramError,
  PRIMARY_STATUSES,
  project,
  renderAd,
  renderAdGroup,
  renderCampaign,
  tiktokStatus,
  TikTokFailure,
  validate,
  worldObjective,
  worldTargeting,
  type TikTokCall,
} from './wire.js';

const Name = z.string().min(1).max(512);
const Budget = z.number().positive();
const Operation = z.enum(['ENABLE', 'DISABLE']);
const StatusOperation = z.enum(['ENABLE', 'DISABLE', 'DELETE']);
const BudgetMode = z.enum(['BUDGET_MODE_DAY', 'BUDGET_MODE_INFINITE', 'BUDGET_MODE_TOTAL']);
const DateTimeParam = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'Time format should be %Y-%m-%d %H:%M:%S.');
const HttpUrl = z.string().refine((s) => /^https?:\/\/[^\s/]+/.test(s), 'Not a valid URL.');
const IdList = z.array(IdParam).min(1).max(20);
const OBJECTIVE_TYPES = ['APP_PROMOTION', 'WEB_CONVERSIONS', 'REACH', 'TRAFFIC', 'VIDEO_VIEWS', 'ENGAGEMENT', 'LEAD_GENERATION', 'PRODUCT_SALES'] as const;

const WHAT: Record<Level, string> = { campaign: 'campaign', adset: 'ad group', ad: 'ad' };
const IDS_PARAM: Record<Level, string> = { campaign: 'campaign_ids', adset: 'adgroup_ids', ad: 'ad_ids' };

/** The object `id` of the calling advertiser at `level`. @throws TikTokFailure 40007 otherwise */
function owned(call: TikTokCall, level: Level, id: string): WorldObject {
  const obj = call.world.get('tiktok', id);
  if (!obj || obj.level !== level || obj.account_id !== call.account.account_id) throw notFound(WHAT[level], id);
  return obj;
}

/** Whether the object or one of its parents is deleted. */
function isDeleted(call: TikTokCall, obj: WorldObject): boolean {
  return tiktokStatus(call.world, obj).primary_status === 'STATUS_DELETE';
}

/** @throws TikTokFailure 40002 when `obj` (or a parent) is deleted: deleted objects cannot change. */
function requireLive(call: TikTokCall, obj: WorldObject): void {
  if (isDeleted(call, obj)) throw paramError(`The ${WHAT[obj.level]} ${obj.id} has been deleted and cannot be modified.`);
}

/** @throws TikTokFailure 40002 when a USD daily budget is below TikTok's minimum for the level. */
function checkMinimum(call: TikTokCall, level: 'campaign' | 'adgroup', budget: number): void {
  const min = TIKTOK_MIN_DAILY_BUDGET_USD[level];
  if (call.account.currency === 'USD' && budget < min) {
    throw paramError(`budget: The daily budget of ${level === 'campaign' ? 'a campaign' : 'an ad group'} must be at least ${min.toFixed(2)} USD, got ${budget}.`);
  }
}

/** @throws TikTokFailure 40002 when another live campaign of the advertiser has this name. */
function checkCampaignName(call: TikTokCall, name: string, selfId?: string): void {
  const taken = call.world.list('tiktok', call.account.account_id, 'campaign').some((c) => c.name === name && c.id !== selfId);
  if (taken) throw paramError('campaign_name: Campaign name already exists. Please try another one.');
}

/** @throws TikTokFailure 40002 for a lifetime budget (not emulated). */
function rejectTotalBudget(mode: string): void {
  if (mode === 'BUDGET_MODE_TOTAL') throw paramError('budget_mode: BUDGET_MODE_TOTAL (lifetime budgets) is not supported by the sandbox.');
}

/** POST /campaign/create/ → the campaign (campaign_id, ...). */
export function createCampaign(call: TikTokCall): Record<string, unknown> {
  const p = validate(
    z.object({
      campaign_name: Name,
      objective_type: z.enum(OBJECTIVE_TYPES),
      budget_mode: BudgetMode,
      budget: Budget.optional(),
      budget_optimize_on: z.boolean().optional(),
      operation_status: Operation.optional(),
    }),
    call.params,
  );
  rejectTotalBudget(p.budget_mode);
  const daily = p.budget_mode === 'BUDGET_MODE_DAY';
  if (daily) {
    if (p.budget === undefined) throw paramError('budget: Missing data for required field.');
    checkMinimum(call, 'campaign', p.budget);
  }
  checkCampaignName(call, p.campaign_name);
  const obj = call.world.create('tiktok', call.account.account_id, 'campaign', {
    name: p.campaign_name,
    status: p.operation_status === 'DISABLE' ? 'paused' : 'active',
    objective: worldObjective(p.objective_type),
    ...(daily ? { daily_budget: p.budget } : {}),
    extra: { objective_type: p.objective_type, budget_mode: p.budget_mode, budget_optimize_on: p.budget_optimize_on ?? false },
  });
  return renderCampaign(call.world, obj);
}

/** POST /campaign/update/ {campaign_id, campaign_name?, budget?} → the campaign. */
export function updateCampaign(call: TikTokCall): Record<string, unknown> {
  const p = validate(z.object({ campaign_id: IdParam, campaign_name: Name.optional(), budget: Budget.optional() }), call.params);
  const obj = owned(call, 'campaign', p.campaign_id);
  requireLive(call, obj);
  if (p.budget !== undefined) {
    if (budgetFields(obj).budget_mode !== 'BUDGET_MODE_DAY') throw paramError('budget: The campaign has no daily budget (BUDGET_MODE_INFINITE) to update.');
    checkMinimum(call, 'campaign', p.budget);
  }
  if (p.campaign_name !== undefined) checkCampaignName(call, p.campaign_name, obj.id);
  const updated = call.world.update('tiktok', obj.id, {
    ...(p.campaign_name !== undefined ? { name: p.campaign_name } : {}),
    ...(p.budget !== undefined ? { daily_budget: p.budget } : {}),
  });
  return renderCampaign(call.world, updated);
}

/** POST /adgroup/create/ → the ad group (adgroup_id, ...). */
export function createAdGroup(call: TikTokCall): Record<string, unknown> {
  const p = validate(
    z.object({
      campaign_id: IdParam,
      adgroup_name: Name,
      placement_type: z.enum(['PLACEMENT_TYPE_AUTOMATIC', 'PLACEMENT_TYPE_NORMAL']),
      placements: z.array(z.string().min(1)).optional(),
      location_ids: z.array(IdParam).min(1),
      age_groups: z.array(z.string().refine(isAgeGroup, 'Not a valid choice.')).optional(),
      gender: z.enum(['GENDER_UNLIMITED', 'GENDER_MALE', 'GENDER_FEMALE']).optional(),
      budget_mode: BudgetMode,
      budget: Budget.optional(),
      schedule_type: z.enum(['SCHEDULE_FROM_NOW', 'SCHEDULE_START_END']),
      schedule_start_time: DateTimeParam,
      schedule_end_time: DateTimeParam.optional(),
      optimization_goal: z.string().min(1),
      billing_event: z.string().min(1),
      bid_type: z.string().min(1).optional(),
      pacing: z.string().min(1).optional(),
      promotion_type: z.string().min(1).optional(),
      operation_status: Operation.optional(),
    }),
    call.params,
  );
  const campaign = owned(call, 'campaign', p.campaign_id);
  requireLive(call, campaign);
  rejectTotalBudget(p.budget_mode);
  const daily = p.budget_mode === 'BUDGET_MODE_DAY';
  if (!daily && budgetFields(campaign).budget_mode !== 'BUDGET_MODE_DAY') {
    throw paramError('budget_mode: An ad group needs a daily budget (BUDGET_MODE_DAY) when its campaign has no budget.');
  }
  if (daily) {
    if (p.budget === undefined) throw paramError('budget: Missing data for required field.');
    checkMinimum(call, 'adgroup', p.budget);
  }
  if (p.placement_type === 'PLACEMENT_TYPE_NORMAL' && !p.placements?.length) throw paramError('placements: Missing data for required field.');
  if (p.schedule_type === 'SCHEDULE_START_END' && !(p.schedule_end_time && p.schedule_end_time > p.schedule_start_time)) {
    throw paramError('schedule_end_time: The end time must be later than the start time.');
  }
  const unknown = p.location_ids.find((id) => countryOfLocationId(id) === undefined);
  if (unknown !== undefined) throw paramError(`location_ids: ${unknown} is not a valid location id.`);
  const ageGroups = p.age_groups?.filter(isAgeGroup);
  const obj = call.world.create('tiktok', call.account.account_id, 'adset', {
    name: p.adgroup_name,
    status: p.operation_status === 'DISABLE' ? 'paused' : 'active',
    campaign_id: campaign.id,
    ...(daily ? { daily_budget: p.budget } : {}),
    targeting: worldTargeting(p.location_ids, ageGroups),
    extra: {
      placement_type: p.placement_type,
      ...(p.placements ? { placements: p.placements } : {}),
      location_ids: p.location_ids,
      ...(ageGroups ? { age_groups: ageGroups } : {}),
      gender: p.gender ?? 'GENDER_UNLIMITED',
      budget_mode: p.budget_mode,
      schedule_type: p.schedule_type,
      schedule_start_time: p.schedule_start_time,
      ...(p.schedule_end_time ? { schedule_end_time: p.schedule_end_time } : {}),
      optimization_goal: p.optimization_goal,
      billing_event: p.billing_event,
      bid_type: p.bid_type ?? 'BID_TYPE_NO_BID',
      pacing: p.pacing ?? 'PACING_MODE_SMOOTH',
      ...(p.promotion_type ? { promotion_type: p.promotion_type } : {}),
    },
  });
  return renderAdGroup(call.world, obj);
}

/** @throws TikTokFailure 40002 unless the ad group has a daily budget that `budget` may replace. */
function checkAdGroupBudget(call: TikTokCall, obj: WorldObject, budget: number): void {
  requireLive(call, obj);
  if (budgetFields(obj).budget_mode !== 'BUDGET_MODE_DAY') throw paramError(`budget: The ad group ${obj.id} has no daily budget (BUDGET_MODE_INFINITE) to update.`);
  checkMinimum(call, 'adgroup', budget);
}

/** POST /adgroup/update/ {adgroup_id, adgroup_name?, budget?} → the ad group. */
export function updateAdGroup(call: TikTokCall): Record<string, unknown> {
  const p = validate(z.object({ adgroup_id: IdParam, adgroup_name: Name.optional(), budget: Budget.optional() }), call.params);
  const obj = owned(call, 'adset', p.adgroup_id);
  requireLive(call, obj);
  if (p.budget !== undefined) checkAdGroupBudget(call, obj, p.budget);
  const updated = call.world.update('tiktok', obj.id, {
    ...(p.adgroup_name !== undefined ? { name: p.adgroup_name } : {}),
    ...(p.budget !== undefined ? { daily_budget: p.budget } : {}),
  });
  return renderAdGroup(call.world, updated);
}

/** POST /adgroup/budget/update/ {budget: [{adgroup_id, budget}]} → {} (all or nothing). */
export function updateAdGroupBudgets(call: TikTokCall): Record<string, unknown> {
  const p = validate(
    z.object({
      budget: z.array(z.object({ adgroup_id: IdParam, budget: Budget })).min(1).max(20),
      scheduled_budget: z.never({ error: 'Scheduled budgets are not supported by the sandbox.' }).optional(),
    }),
    call.params,
  );
  const changes = p.budget.map((b) => ({ obj: owned(call, 'adset', b.adgroup_id), budget: b.budget }));
  for (const c of changes) checkAdGroupBudget(call, c.obj, c.budget);
  for (const c of changes) call.world.update('tiktok', c.obj.id, { daily_budget: c.budget });
  return {};
}

/** The world status after an operation: ENABLE resumes a paused object (review states stay). */
function statusAfter(obj: WorldObject, operation: z.infer<typeof StatusOperation>): WorldStatus {
  if (operation === 'DELETE') return 'deleted';
  if (operation === 'DISABLE') return 'paused';
  return obj.status === 'paused' ? 'active' : obj.status;
}

/** POST /{campaign|adgroup|ad}/status/update/ {<level>_ids, operation_status} → {<level>_ids, status}. */
export function updateStatus(call: TikTokCall, level: Level): Record<string, unknown> {
  const idsParam = IDS_PARAM[level];
  const ids = validate(IdList, call.params[idsParam], idsParam);
  const operation = validate(StatusOperation, call.params.operation_status, 'operation_status');
  const objs = ids.map((id) => owned(call, level, id));
  if (operation !== 'DELETE') for (const obj of objs) requireLive(call, obj);
  for (const obj of objs) if (obj.status !== 'deleted') call.world.update('tiktok', obj.id, { status: statusAfter(obj, operation) });
  return { [idsParam]: ids, status: operation };
}

/** The uploaded ad images of a facade, per advertiser: deterministic ids from the image URL. */
export class ImageStore {
  private readonly images = new Map<string, { url: string; file_name: string }>();

  /** The image id of `url` for an advertiser ("ad-site-i18n-sg/" + 32 hex digits), uploaded or not. */
  idOf(advertiserId: string, url: string): string {
    return `ad-site-i18n-sg/${md5(`${advertiserId}|${url}`)}`;
  }

  /**
   * Records an upload by URL; uploading the same URL again returns the same image.
   * @throws TikTokFailure 40911 when `fileName` names another image of the advertiser
   */
  upload(advertiserId: string, url: string, fileName?: string): { image_id: string; file_name: string } {
    const imageId = this.idOf(advertiserId, url);
    const name = fileName ?? this.images.get(`${advertiserId}|${imageId}`)?.file_name ?? md5(url);
    for (const [key, image] of this.images) {
      if (key.startsWith(`${advertiserId}|`) && image.file_name === name && image.url !== url) throw new TikTokFailure(40911, "The material's name has a duplicate.");
    }
    this.images.set(`${advertiserId}|${imageId}`, { url, file_name: name });
    return { image_id: imageId, file_name: name };
  }

  /** The URL of an uploaded image of the advertiser; undefined when it was never uploaded. */
  urlOf(advertiserId: string, imageId: string): string | undefined {
    return this.images.get(`${advertiserId}|${imageId}`)?.url;
  }
}

function md5(s: string): string {
  return createHash('md5').update(s).digest('hex');
}

/** POST /file/image/ad/upload/ {upload_type: UPLOAD_BY_URL, image_url, file_name?} → the image. */
export function uploadImage(call: TikTokCall, images: ImageStore): Record<string, unknown> {
  const p = validate(
    z.object({
      upload_type: z.enum(['UPLOAD_BY_FILE', 'UPLOAD_BY_URL', 'UPLOAD_BY_FILE_ID', 'UPLOAD_BY_VIDEO_ID']).default('UPLOAD_BY_FILE'),
      image_url: HttpUrl.optional(),
      file_name: z.string().min(1).max(100).optional(),
    }),
    call.params,
  );
  if (p.upload_type !== 'UPLOAD_BY_URL') throw paramError(`upload_type: ${p.upload_type} is not supported by the sandbox; use UPLOAD_BY_URL.`);
  if (p.image_url === undefined) throw paramError('image_url: Missing data for required field.');
  const { image_id, file_name } = images.upload(call.account.account_id, p.image_url, p.file_name);
  return {
    image_id,
    material_id: BigInt(`0x${md5(image_id).slice(0, 15)}`).toString(),
    image_url: p.image_url,
    file_name,
    signature: md5(p.image_url),
    displayable: true,
    is_carousel_usable: true,
  };
}

/** POST /ad/create/ {adgroup_id, creatives[]} → {ad_ids, creatives}: one ad per creative. */
export function createAds(call: TikTokCall, images: ImageStore): Record<string, unknown> {
  const p = validate(
    z.object({
      adgroup_id: IdParam,
      creatives: z
        .array(
          z.object({
            ad_name: Name,
            ad_format: z.enum(['SINGLE_IMAGE', 'SINGLE_VIDEO', 'CAROUSEL_ADS']),
            ad_text: z.string().min(1).max(100),
            call_to_action: z.enum(CALL_TO_ACTIONS).optional(),
            landing_page_url: HttpUrl,
            identity_type: z.enum(['CUSTOMIZED_USER', 'AUTH_CODE', 'TT_USER', 'BC_AUTH_TT']),
            identity_id: z.string().min(1),
            image_ids: z.array(z.string().min(1)).optional(),
            display_name: z.string().min(1).max(40).optional(),
            operation_status: Operation.optional(),
          }),
        )
        .min(1)
        .max(20),
    }),
    call.params,
  );
  const adgroup = owned(call, 'adset', p.adgroup_id);
  requireLive(call, adgroup);
  const advertiserId = call.account.account_id;
  const identityId = sandboxAccount('tiktok', call.account.user_id).identity_id;
  p.creatives.forEach((c, i) => {
    if (c.ad_format !== 'SINGLE_IMAGE') throw paramError(`creatives.${i}.ad_format: ${c.ad_format} is not supported by the sandbox; use SINGLE_IMAGE.`);
    if (!c.image_ids?.length) throw paramError(`creatives.${i}.image_ids: Missing data for required field.`);
    const missing = c.image_ids.find((id) => images.urlOf(advertiserId, id) === undefined);
    if (missing !== undefined) throw notFound('image', missing);
    if (c.identity_type !== TIKTOK_IDENTITY_TYPE) throw paramError(`creatives.${i}.identity_type: ${c.identity_type} is not supported by the sandbox; use ${TIKTOK_IDENTITY_TYPE}.`);
    if (c.identity_id !== identityId) throw paramError(`creatives.${i}.identity_id: ${c.identity_id} is not an identity of advertiser ${advertiserId}.`);
  });
  const existing = call.world.list('tiktok', advertiserId, 'ad', { adset_id: adgroup.id }).length;
  if (existing + p.creatives.length > 20) throw new TikTokFailure(40502, 'The maximum ad limit has been reached.');
  const ads = p.creatives.map((c) =>
    call.world.create('tiktok', advertiserId, 'ad', {
      name: c.ad_name,
      status: c.operation_status === 'DISABLE' ? 'paused' : 'active',
      adset_id: adgroup.id,
      creative: {
        image_url: images.urlOf(advertiserId, c.image_ids![0]!),
        primary_text: c.ad_text,
        link_url: c.landing_page_url,
        call_to_action: c.call_to_action ?? 'LEARN_MORE',
      },
      extra: {
        ad_format: c.ad_format,
        ad_text: c.ad_text,
        identity_type: c.identity_type,
        identity_id: c.identity_id,
        image_ids: c.image_ids,
        ...(c.display_name ? { display_name: c.display_name } : {}),
      },
    }),
  );
  return { ad_ids: ads.map((a) => a.id), creatives: ads.map((a) => renderAd(call.world, a, (url) => images.idOf(advertiserId, url))) };
}

const GetParams = PagingParams.extend({
  filtering: z
    .object({
      campaign_ids: z.array(IdParam).max(100).optional(),
      adgroup_ids: z.array(IdParam).max(100).optional(),
      ad_ids: z.array(IdParam).max(100).optional(),
      primary_status: z.enum(PRIMARY_STATUSES).optional(),
      secondary_status: z.string().min(1).optional(),
    })
    .optional(),
  fields: z.array(z.string().min(1)).optional(),
});

/**
 * GET /{campaign|adgroup|ad}/get/ → {list, page_info}: the advertiser's objects in creation order,
 * filtered by ids (campaign_ids / adgroup_ids / ad_ids), primary_status (default STATUS_NOT_DELETE)
 * and secondary_status, projected to `fields`, one page.
 */
export function getObjects(call: TikTokCall, level: Level, images: ImageStore): Record<string, unknown> {
  const p = validate(GetParams, call.params);
  const f = p.filtering ?? {};
  const advertiserId = call.account.account_id;
  const render = (o: WorldObject) =>
    level === 'campaign' ? renderCampaign(call.world, o) : level === 'adset' ? renderAdGroup(call.world, o) : renderAd(call.world, o, (url) => images.idOf(advertiserId, url));
  const matches = call.world.list('tiktok', advertiserId, level, { include_deleted: true }).filter((o) => {
    const campaignId = level === 'campaign' ? o.id : o.campaign_id;
    const adgroupId = level === 'adset' ? o.id : o.adset_id;
    if (f.campaign_ids && !f.campaign_ids.includes(campaignId ?? '')) return false;
    if (f.adgroup_ids && level !== 'campaign' && !f.adgroup_ids.includes(adgroupId ?? '')) return false;
    if (f.ad_ids && level === 'ad' && !f.ad_ids.includes(o.id)) return false;
    const status = tiktokStatus(call.world, o);
    return matchesPrimary(status, f.primary_status) && (!f.secondary_status || status.secondary_status === f.secondary_status);
  });
  return paginate(
    matches.map((o) => project(render(o), p.fields)),
    p.page,
    p.page_size,
  );
}
