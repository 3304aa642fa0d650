/**
 * `<resource>:mutate` of the sandbox facade (https://developers.google.com/google-ads/api/rest/common/mutate)
 * for campaignBudgets, campaigns, adGroups, assets and adGroupAds. Body
 * `{operations: [{create} | {update, updateMask} | {remove}], partialFailure?, validateOnly?}`;
 * answer `{results: [{resourceName}]}` (plus `partialFailureError` with partialFailure). Without
 * partialFailure the request is atomic: every operation is validated before any is applied. Field
 * names are accepted in lowerCamelCase or snake_case (proto JSON); unknown names answer 400 like
 * Google's JSON parser. Validation follows the API where it matters to callers:
 *
 * - budgets: amountMicros an integer multiple of the currency's unit (campaignBudgetError
 *   NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT) and at least {@link MIN_BUDGET_MICROS}
 *   (BUDGET_BELOW_PER_DAY_MINIMUM with budgetPerDayMinimumErrorDetails), unique names;
 * - campaigns: name, advertisingChannelType, campaignBudget, one bidding strategy and
 *   containsEuPoliticalAdvertising are required (fieldError REQUIRED);
 * - ad groups: name and campaign required, type must fit the channel;
 * - assets: imageAsset.data (base64 GIF, JPEG or PNG up to 5 MB; imageError otherwise);
 * - ad group ads: responsive display ads with final URLs, landscape (1.91:1) and square (1:1)
 *   image assets, 1-5 headlines (≤ 30), a long headline (≤ 90), 1-5 descriptions (≤ 90) and a
 *   business name (≤ 25), by display width.
 */
import { loadImage } from '@napi-rs/canvas';
import { displayWidth, RDA_LIMITS } from '../../../integrations/platforms/google/ad.js';
import type { WorldAccount, WorldObject, WorldStatus } from '../world-api.js';
import { failureDetail, GoogleAdsFault, invalidArgument, PlainFault } from './envelope.js';
import { googleExtra, MIN_BUDGET_MICROS, type AssetRecord, type BudgetRecord, type GoogleResources } from './resources.js';

/** Who is mutating. */
export interface MutateContext {
  res: GoogleResources;
  account: WorldAccount;
  /** API version of the request, for the GoogleAdsFailure type URL. */
  version: string;
  requestId: string;
}

type Json = Record<string, unknown>;
type Apply = () => string;
type Prepare = (op: Json, at: string, ctx: MutateContext) => Promise<Apply>;

/** The resources that can be mutated. */
export const MUTATE_RESOURCES = ['campaignBudgets', 'campaigns', 'adGroups', 'assets', 'adGroupAds'] as const;
/** One of {@link MUTATE_RESOURCES}. */
export type MutateResourceName = (typeof MUTATE_RESOURCES)[number];

const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const BIDDING: Record<string, string> = {
  manualCpc: 'MANUAL_CPC',
  manualCpm: 'MANUAL_CPM',
  maximizeConversions: 'MAXIMIZE_CONVERSIONS',
  maximizeConversionValue: 'MAXIMIZE_CONVERSION_VALUE',
  targetCpa: 'TARGET_CPA',
  targetRoas: 'TARGET_ROAS',
  targetSpend: 'TARGET_SPEND',
  targetImpressionShare: 'TARGET_IMPRESSION_SHARE',
  targetCpm: 'TARGET_CPM',
};
const KNOWN = {
  request: ['operations', 'partialFailure', 'validateOnly', 'responseContentType'],
  operation: ['create', 'update', 'remove', 'updateMask', 'policyValidationParameter', 'exemptPolicyViolationKeys'],
  campaignBudgets: ['resourceName', 'id', 'name', 'amountMicros', 'totalAmountMicros', 'deliveryMethod', 'explicitlyShared', 'status', 'period', 'type'],
  campaigns: [
    'resourceName', 'id', 'name', 'status', 'advertisingChannelType', 'advertisingChannelSubType', 'campaignBudget', 'containsEuPoliticalAdvertising',
    'networkSettings', 'startDate', 'endDate', 'geoTargetTypeSetting', 'targetingSetting', 'trackingUrlTemplate', 'finalUrlSuffix', 'urlCustomParameters',
    'frequencyCaps', 'biddingStrategy', ...Object.keys(BIDDING),
  ],
  adGroups: ['resourceName', 'id', 'name', 'status', 'campaign', 'type', 'cpcBidMicros', 'cpmBidMicros', 'targetCpaMicros', 'trackingUrlTemplate', 'finalUrlSuffix', 'urlCustomParameters'],
  assets: ['resourceName', 'id', 'name', 'type', 'imageAsset', 'finalUrls'],
  imageAsset: ['data', 'fileSize', 'mimeType', 'fullSize'],
  adGroupAds: ['resourceName', 'adGroup', 'status', 'ad', 'labels'],
  ad: ['id', 'resourceName', 'name', 'finalUrls', 'finalMobileUrls', 'trackingUrlTemplate', 'finalUrlSuffix', 'urlCustomParameters', 'displayUrl', 'responsiveDisplayAd'],
  responsiveDisplayAd: [
    'marketingImages', 'squareMarketingImages', 'logoImages', 'squareLogoImages', 'headlines', 'longHeadline', 'descriptions', 'youtubeVideos',
    'businessName', 'mainColor', 'accentColor', 'allowFlexibleColor', 'callToActionText', 'pricePrefix', 'promoText', 'formatSetting', 'controlSpec',
  ],
} as const;

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys in lowerCamelCase, recursively (proto JSON accepts both spellings). */
function camelize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelize);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [camel(k), camelize(v)]));
}

function checkKnown(obj: Json, known: readonly string[], at: string): void {
  const unknown = Object.keys(obj).find((k) => !known.includes(k));
  if (unknown !== undefined) throw new PlainFault(400, `Invalid JSON payload received. Unknown name "${snake(unknown)}" at '${at}': Cannot find field.`);
}

const required = (path: string) => invalidArgument('fieldError', 'REQUIRED', 'The required field was not present.', path);
const notFound = (path: string, what: string) => invalidArgument('mutateError', 'RESOURCE_NOT_FOUND', `Requested resource was not found: ${what}.`, path);
const removed = (path: string) => invalidArgument('mutateError', 'MUTATE_NOT_ALLOWED', 'Mutates are not allowed for a REMOVED resource.', path);

function requireString(value: unknown, path: string): string {
  if (value === undefined || value === '') throw required(path);
  if (typeof value !== 'string') throw new PlainFault(400, `Invalid value at '${path}' (TYPE_STRING), ${JSON.stringify(value)}`);
  return value;
}

function int64(value: unknown, path: string): number {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d+$/.test(text)) throw new PlainFault(400, `Invalid value at '${path}' (TYPE_INT64), ${JSON.stringify(value)}`);
  return Number(text);
}

function enumValue(value: unknown, allowed: readonly string[], path: string): string {
  if (typeof value !== 'string' || !allowed.includes(value)) throw new PlainFault(400, `Invalid value at '${path}' (enum), ${JSON.stringify(value)}`);
  return value;
}

/** The id in `customers/<cid>/<collection>/<id>` of this customer. */
function idOf(resourceName: unknown, collection: string, ctx: MutateContext, path: string): string {
  const rn = requireString(resourceName, path);
  const id = collection === 'adGroupAds' ? '\\d+~\\d+' : '\\d+';
  const m = new RegExp(`^customers/(\\d+)/${collection}/(${id})$`).exec(rn);
  if (!m) throw invalidArgument('requestError', 'RESOURCE_NAME_MALFORMED', `Resource name is malformed: ${rn}`, path);
  if (m[1] !== ctx.account.account_id) throw notFound(path, rn);
  return m[2]!;
}

/** The paths of an update mask ("status,amount_micros" → ['status', 'amountMicros']). */
function maskOf(op: Json, at: string, allowed: readonly string[]): string[] {
  if (typeof op.updateMask !== 'string' || !op.updateMask.trim()) throw invalidArgument('fieldMaskError', 'FIELD_MASK_MISSING', 'The field mask must be set for an update.', `${at}.update_mask`);
  const paths = op.updateMask.split(',').map((p) => p.trim().split('.').map(camel).join('.'));
  const bad = paths.find((p) => !allowed.includes(p));
  if (bad !== undefined) throw invalidArgument('fieldMaskError', 'FIELD_NOT_FOUND', `The field mask contains a field the sandbox cannot update: ${snake(bad)}.`, `${at}.update_mask`);
  return paths;
}

/** Which of create / update / remove the operation is (exactly one). */
function kindOf(op: Json, at: string): 'create' | 'update' | 'remove' {
  const kinds = (['create', 'update', 'remove'] as const).filter((k) => op[k] !== undefined);
  if (kinds.length > 1) throw new PlainFault(400, `Invalid JSON payload received. Oneof field 'operation' is already set at '${at}'.`);
  if (kinds.length === 0) throw required(`${at}.operation`);
  return kinds[0]!;
}

const worldStatus = (status: string): WorldStatus => (status === 'PAUSED' ? 'paused' : 'active');
/** Enabling keeps an ad under review or rejected as it is. */
const enabledStatus = (obj: WorldObject, status: string): WorldStatus =>
  status === 'ENABLED' && (obj.status === 'pending_review' || obj.status === 'rejected') ? obj.status : worldStatus(status);

/** A live world object of the customer named by a resource name, or the matching fault. */
function liveObject(ctx: MutateContext, level: WorldObject['level'], rn: unknown, collection: string, path: string): WorldObject {
  const id = idOf(rn, collection, ctx, path);
  const obj = ctx.res.object(ctx.account.account_id, level, id.includes('~') ? id.split('~')[1]! : id);
  if (!obj || (id.includes('~') && obj.adset_id !== id.split('~')[0])) throw notFound(path, String(rn));
  if (obj.status === 'deleted') throw removed(path);
  return obj;
}

function checkBudgetAmount(ctx: MutateContext, micros: number, path: string): void {
  const unit = ctx.res.currencyUnitMicros(ctx.account);
  if (micros % unit !== 0) {
    throw invalidArgument('campaignBudgetError', 'NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT', `The budget amount must be a multiple of ${unit} micros.`, path);
  }
  if (micros < MIN_BUDGET_MICROS) {
    throw invalidArgument('campaignBudgetError', 'BUDGET_BELOW_PER_DAY_MINIMUM', 'The budget amount is below the per-day minimum.', path, {
      budgetPerDayMinimumErrorDetails: {
        currencyCode: ctx.account.currency,
        budgetPerDayMinimumMicros: String(MIN_BUDGET_MICROS),
        minimumBudgetAmountMicros: String(MIN_BUDGET_MICROS),
        failedBudgetAmountMicros: String(micros),
      },
    });
  }
}

function liveBudget(ctx: MutateContext, rn: unknown, path: string): BudgetRecord {
  const budget = ctx.res.budget(ctx.account.account_id, idOf(rn, 'campaignBudgets', ctx, path));
  if (!budget) throw notFound(path, String(rn));
  if (budget.status === 'REMOVED') throw removed(path);
  return budget;
}

const budgetRn = (b: BudgetRecord) => `customers/${b.customerId}/campaignBudgets/${b.id}`;

const campaignBudgets: Prepare = async (op, at, ctx) => {
  const { res, account } = ctx;
  const kind = kindOf(op, at);
  const duplicate = (name: string, self?: string) => res.budgets(account.account_id).some((b) => b.status === 'ENABLED' && b.name === name && b.id !== self);
  if (kind === 'create') {
    const c = op.create as Json;
    checkKnown(c, KNOWN.campaignBudgets, `${at}.create`);
    const name = requireString(c.name, `${at}.create.name`);
    if (c.amountMicros === undefined) throw required(`${at}.create.amount_micros`);
    const amountMicros = int64(c.amountMicros, `${at}.create.amount_micros`);
    checkBudgetAmount(ctx, amountMicros, `${at}.create.amount_micros`);
    const deliveryMethod = enumValue(c.deliveryMethod ?? 'STANDARD', ['STANDARD', 'ACCELERATED'], `${at}.create.delivery_method`);
    const explicitlyShared = c.explicitlyShared ?? true;
    if (typeof explicitlyShared !== 'boolean') throw new PlainFault(400, `Invalid value at '${at}.create.explicitly_shared' (TYPE_BOOL)`);
    if (duplicate(name)) throw invalidArgument('campaignBudgetError', 'DUPLICATE_NAME', 'A budget with this name already exists.', `${at}.create.name`);
    return () => budgetRn(res.addBudget({ customerId: account.account_id, name, amountMicros, deliveryMethod, explicitlyShared }));
  }
  if (kind === 'remove') {
    const budget = liveBudget(ctx, op.remove, `${at}.remove`);
    if (!budget.explicit) throw invalidArgument('mutateError', 'MUTATE_NOT_ALLOWED', "A seeded campaign's budget cannot be removed.", `${at}.remove`);
    return () => (res.patchBudget(budget, { status: 'REMOVED' }), budgetRn(budget));
  }
  const u = op.update as Json;
  checkKnown(u, KNOWN.campaignBudgets, `${at}.update`);
  const budget = liveBudget(ctx, u.resourceName, `${at}.update.resource_name`);
  const mask = maskOf(op, at, ['amountMicros', 'name', 'deliveryMethod']);
  const amountMicros = mask.includes('amountMicros') ? int64(u.amountMicros, `${at}.update.amount_micros`) : undefined;
  if (amountMicros !== undefined) checkBudgetAmount(ctx, amountMicros, `${at}.update.amount_micros`);
  const name = mask.includes('name') ? requireString(u.name, `${at}.update.name`) : undefined;
  if (name !== undefined && duplicate(name, budget.id)) throw invalidArgument('campaignBudgetError', 'DUPLICATE_NAME', 'A budget with this name already exists.', `${at}.update.name`);
  const deliveryMethod = mask.includes('deliveryMethod') ? enumValue(u.deliveryMethod, ['STANDARD', 'ACCELERATED'], `${at}.update.delivery_method`) : undefined;
  return () => {
    if (amountMicros !== undefined) res.setBudgetAmount(budget, amountMicros);
    res.patchBudget(budget, { ...(name !== undefined ? { name } : {}), ...(deliveryMethod !== undefined ? { deliveryMethod } : {}) });
    return budgetRn(budget);
  };
};

const campaigns: Prepare = async (op, at, ctx) => {
  const { res, account } = ctx;
  const kind = kindOf(op, at);
  const rn = (c: WorldObject) => `customers/${account.account_id}/campaigns/${c.id}`;
  const duplicate = (name: string, self?: string) => res.objects(account.account_id, 'campaign').some((c) => c.status !== 'deleted' && c.name === name && c.id !== self);
  const dupFault = (path: string) => invalidArgument('campaignError', 'DUPLICATE_CAMPAIGN_NAME', 'A campaign with this name already exists.', path);
  const linkable = (budgetName: unknown, path: string) => {
    const budget = liveBudget(ctx, budgetName, path);
    if (!budget.explicit) throw invalidArgument('mutateError', 'MUTATE_NOT_ALLOWED', "A seeded campaign's budget cannot be shared.", path);
    return budget;
  };
  if (kind === 'create') {
    const c = op.create as Json;
    checkKnown(c, KNOWN.campaigns, `${at}.create`);
    const name = requireString(c.name, `${at}.create.name`);
    const status = enumValue(c.status ?? 'ENABLED', ['ENABLED', 'PAUSED'], `${at}.create.status`);
    const channel = requireString(c.advertisingChannelType, `${at}.create.advertising_channel_type`);
    if (c.campaignBudget === undefined) throw required(`${at}.create.campaign_budget`);
    const budget = linkable(c.campaignBudget, `${at}.create.campaign_budget`);
    const bidding = Object.keys(BIDDING).filter((k) => c[k] !== undefined);
    if (bidding.length > 1) throw new PlainFault(400, `Invalid JSON payload received. Oneof field 'campaign_bidding_strategy' is already set at '${at}.create'.`);
    if (bidding.length === 0 && c.biddingStrategy === undefined) throw required(`${at}.create.campaign_bidding_strategy`);
    if (c.containsEuPoliticalAdvertising === undefined) throw required(`${at}.create.contains_eu_political_advertising`);
    const eu = enumValue(c.containsEuPoliticalAdvertising, ['CONTAINS_EU_POLITICAL_ADVERTISING', 'DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING'], `${at}.create.contains_eu_political_advertising`);
    if (duplicate(name)) throw dupFault(`${at}.create.name`);
    const biddingType = bidding[0] ? BIDDING[bidding[0]]! : 'PORTFOLIO';
    return () =>
      rn(
        res.world.create('google', account.account_id, 'campaign', {
          name,
          status: worldStatus(status),
          daily_budget: budget.amountMicros / 1_000_000,
          objective: biddingType.startsWith('MAXIMIZE_CONVERSION') || biddingType === 'TARGET_CPA' || biddingType === 'TARGET_ROAS' ? 'sales' : 'traffic',
          extra: { google: { campaign_budget_id: budget.id, advertising_channel_type: channel, bidding_strategy_type: biddingType, contains_eu_political_advertising: eu } },
        }),
      );
  }
  if (kind === 'remove') {
    const campaign = liveObject(ctx, 'campaign', op.remove, 'campaigns', `${at}.remove`);
    return () => rn(res.world.update('google', campaign.id, { status: 'deleted' }));
  }
  const u = op.update as Json;
  checkKnown(u, KNOWN.campaigns, `${at}.update`);
  const campaign = liveObject(ctx, 'campaign', u.resourceName, 'campaigns', `${at}.update.resource_name`);
  const mask = maskOf(op, at, ['status', 'name', 'campaignBudget']);
  const status = mask.includes('status') ? enumValue(u.status, ['ENABLED', 'PAUSED'], `${at}.update.status`) : undefined;
  const name = mask.includes('name') ? requireString(u.name, `${at}.update.name`) : undefined;
  if (name !== undefined && duplicate(name, campaign.id)) throw dupFault(`${at}.update.name`);
  const budget = mask.includes('campaignBudget') ? linkable(u.campaignBudget, `${at}.update.campaign_budget`) : undefined;
  return () => {
    const extra = budget ? { google: { ...googleExtra(campaign), campaign_budget_id: budget.id } } : undefined;
    return rn(
      res.world.update('google', campaign.id, {
        ...(status !== undefined ? { status: worldStatus(status) } : {}),
        ...(name !== undefined ? { name } : {}),
        ...(budget ? { daily_budget: budget.amountMicros / 1_000_000, extra } : {}),
      }),
    );
  };
};

const adGroups: Prepare = async (op, at, ctx) => {
  const { res, account } = ctx;
  const kind = kindOf(op, at);
  const rn = (g: WorldObject) => `customers/${account.account_id}/adGroups/${g.id}`;
  const duplicate = (name: string, campaignId: string, self?: string) =>
    res.objects(account.account_id, 'adset').some((g) => g.status !== 'deleted' && g.campaign_id === campaignId && g.name === name && g.id !== self);
  const dupFault = (path: string) => invalidArgument('adGroupError', 'DUPLICATE_ADGROUP_NAME', 'AdGroup with the same name already exists for the campaign.', path);
  if (kind === 'create') {
    const c = op.create as Json;
    checkKnown(c, KNOWN.adGroups, `${at}.create`);
    const name = requireString(c.name, `${at}.create.name`);
    if (c.campaign === undefined) throw required(`${at}.create.campaign`);
    const campaign = liveObject(ctx, 'campaign', c.campaign, 'campaigns', `${at}.create.campaign`);
    const status = enumValue(c.status ?? 'ENABLED', ['ENABLED', 'PAUSED'], `${at}.create.status`);
    const fitting = res.channelOf(campaign) === 'DISPLAY' ? 'DISPLAY_STANDARD' : 'SEARCH_STANDARD';
    const type = c.type === undefined ? fitting : requireString(c.type, `${at}.create.type`);
    if (type !== fitting) {
      throw invalidArgument('adGroupError', 'AD_GROUP_TYPE_NOT_VALID_FOR_ADVERTISING_CHANNEL_TYPE', `Ad group type ${type} is not valid for a ${res.channelOf(campaign)} campaign.`, `${at}.create.type`);
    }
    const cpc = c.cpcBidMicros === undefined ? undefined : String(int64(c.cpcBidMicros, `${at}.create.cpc_bid_micros`));
    if (duplicate(name, campaign.id)) throw dupFault(`${at}.create.name`);
    return () =>
      rn(
        res.world.create('google', account.account_id, 'adset', {
          name,
          status: worldStatus(status),
          campaign_id: campaign.id,
          extra: { google: { type, ...(cpc !== undefined ? { cpc_bid_micros: cpc } : {}) } },
        }),
      );
  }
  if (kind === 'remove') {
    const group = liveObject(ctx, 'adset', op.remove, 'adGroups', `${at}.remove`);
    return () => rn(res.world.update('google', group.id, { status: 'deleted' }));
  }
  const u = op.update as Json;
  checkKnown(u, KNOWN.adGroups, `${at}.update`);
  const group = liveObject(ctx, 'adset', u.resourceName, 'adGroups', `${at}.update.resource_name`);
  const mask = maskOf(op, at, ['status', 'name', 'cpcBidMicros']);
  const status = mask.includes('status') ? enumValue(u.status, ['ENABLED', 'PAUSED'], `${at}.update.status`) : undefined;
  const name = mask.includes('name') ? requireString(u.name, `${at}.update.name`) : undefined;
  if (name !== undefined && duplicate(name, group.campaign_id ?? '', group.id)) throw dupFault(`${at}.update.name`);
  const cpc = mask.includes('cpcBidMicros') ? String(int64(u.cpcBidMicros, `${at}.update.cpc_bid_micros`)) : undefined;
  return () =>
    rn(
      res.world.update('google', group.id, {
        ...(status !== undefined ? { status: worldStatus(status) } : {}),
        ...(name !== undefined ? { name } : {}),
        ...(cpc !== undefined ? { extra: { google: { ...googleExtra(group), cpc_bid_micros: cpc } } } : {}),
      }),
    );
};

/** MIME type of GIF, JPEG or PNG bytes, else undefined. */
function imageMime(bytes: Buffer): AssetRecord['mimeType'] | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'IMAGE_PNG';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'IMAGE_JPEG';
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'IMAGE_GIF';
  return undefined;
}

const assets: Prepare = async (op, at, ctx) => {
  const { res, account } = ctx;
  const kind = kindOf(op, at);
  const rn = (a: AssetRecord) => `customers/${account.account_id}/assets/${a.id}`;
  if (kind === 'remove') throw new PlainFault(400, `Invalid JSON payload received. Unknown name "remove" at '${at}': Cannot find field.`);
  if (kind === 'update') {
    const u = op.update as Json;
    checkKnown(u, KNOWN.assets, `${at}.update`);
    const asset = res.asset(account.account_id, idOf(u.resourceName, 'assets', ctx, `${at}.update.resource_name`));
    if (!asset) throw notFound(`${at}.update.resource_name`, String(u.resourceName));
    maskOf(op, at, ['name']);
    const name = requireString(u.name, `${at}.update.name`);
    return () => (res.renameAsset(asset, name), rn(asset));
  }
  const c = op.create as Json;
  checkKnown(c, KNOWN.assets, `${at}.create`);
  if (c.type !== undefined && c.type !== 'IMAGE') throw invalidArgument('fieldError', 'INVALID_VALUE', 'The sandbox creates IMAGE assets only.', `${at}.create.type`);
  const image = c.imageAsset;
  if (!isObject(image) || image.data === undefined || image.data === '') throw required(`${at}.create.image_asset.data`);
  checkKnown(image, KNOWN.imageAsset, `${at}.create.image_asset`);
  if (typeof image.data !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(image.data)) {
    throw new PlainFault(400, `Invalid value at '${at}.create.image_asset.data' (TYPE_BYTES), Base64 decoding failed`);
  }
  const bytes = Buffer.from(image.data, 'base64');
  const imagePath = `${at}.create.image_asset.data`;
  if (bytes.length > MAX_IMAGE_BYTES) throw invalidArgument('imageError', 'FILE_TOO_LARGE', 'Image file is too large.', imagePath);
  const mimeType = imageMime(bytes);
  if (!mimeType) throw invalidArgument('imageError', 'INVALID_IMAGE', 'The image is not valid: GIF, JPEG or PNG expected.', imagePath);
  let size: { width: number; height: number };
  try {
    const decoded = await loadImage(bytes);
    size = { width: decoded.width, height: decoded.height };
  } catch {
    throw invalidArgument('imageError', 'INVALID_IMAGE', 'The image is not valid.', imagePath);
  }
  const name = typeof c.name === 'string' ? c.name : '';
  return () => rn(res.addAsset({ customerId: account.account_id, name, mimeType, ...size, fileSize: bytes.length }));
};

/** Validates a responsive display ad's images and texts (display widths). */
function checkResponsiveDisplayAd(ctx: MutateContext, rda: Json, at: string): AssetRecord | undefined {
  checkKnown(rda, KNOWN.responsiveDisplayAd, at);
  const images = (field: 'marketingImages' | 'squareMarketingImages', ratio: number) => {
    const list = rda[field];
    const path = `${at}.${snake(field)}`;
    if (!Array.isArray(list) || list.length === 0) throw invalidArgument('collectionSizeError', 'TOO_FEW', `At least one ${snake(field)} is required.`, path);
    return list.map((item: unknown, i) => {
      const asset = ctx.res.asset(ctx.account.account_id, idOf(isObject(item) ? item.asset : undefined, 'assets', ctx, `${path}[${i}].asset`));
      if (!asset) throw notFound(`${path}[${i}].asset`, String(isObject(item) ? item.asset : item));
      if (Math.abs(asset.width / asset.height - ratio) > ratio * 0.01) {
        throw invalidArgument('imageError', 'ASPECT_RATIO_NOT_ALLOWED', `The aspect ratio of the image is not allowed (${asset.width}x${asset.height}, ${ratio === 1 ? '1:1' : '1.91:1'} expected).`, `${path}[${i}].asset`);
      }
      return asset;
    });
  };
  const landscape = images('marketingImages', 1.91);
  const square = images('squareMarketingImages', 1);
  if (landscape.length + square.length > 15) throw invalidArgument('collectionSizeError', 'TOO_MANY', 'At most 15 marketing images.', `${at}.marketing_images`);
  const text = (value: unknown, path: string, max: number) => {
    const t = requireString(isObject(value) ? value.text : undefined, `${path}.text`);
    if (displayWidth(t) > max) throw invalidArgument('stringLengthError', 'TOO_LONG', `Too long: display width ${displayWidth(t)} > ${max}.`, `${path}.text`);
  };
  const texts = (field: 'headlines' | 'descriptions', max: number) => {
    const list = rda[field];
    const path = `${at}.${field}`;
    if (!Array.isArray(list) || list.length === 0) throw invalidArgument('collectionSizeError', 'TOO_FEW', `At least one ${field.slice(0, -1)} is required.`, path);
    if (list.length > 5) throw invalidArgument('collectionSizeError', 'TOO_MANY', `At most 5 ${field}.`, path);
    list.forEach((item: unknown, i) => text(item, `${path}[${i}]`, max));
  };
  texts('headlines', RDA_LIMITS.headline);
  texts('descriptions', RDA_LIMITS.description);
  if (rda.longHeadline === undefined) throw required(`${at}.long_headline`);
  text(rda.longHeadline, `${at}.long_headline`, RDA_LIMITS.longHeadline);
  const business = requireString(rda.businessName, `${at}.business_name`);
  if (displayWidth(business) > RDA_LIMITS.businessName) {
    throw invalidArgument('stringLengthError', 'TOO_LONG', `Too long: business name display width > ${RDA_LIMITS.businessName}.`, `${at}.business_name`);
  }
  if (rda.callToActionText !== undefined && displayWidth(requireString(rda.callToActionText, `${at}.call_to_action_text`)) > RDA_LIMITS.callToAction) {
    throw invalidArgument('stringLengthError', 'TOO_LONG', `Too long: call to action text display width > ${RDA_LIMITS.callToAction}.`, `${at}.call_to_action_text`);
  }
  return landscape[0];
}

const adGroupAds: Prepare = async (op, at, ctx) => {
  const { res, account } = ctx;
  const kind = kindOf(op, at);
  const rn = (ad: WorldObject) => `customers/${account.account_id}/adGroupAds/${ad.adset_id}~${ad.id}`;
  if (kind === 'remove') {
    const ad = liveObject(ctx, 'ad', op.remove, 'adGroupAds', `${at}.remove`);
    return () => rn(res.world.update('google', ad.id, { status: 'deleted' }));
  }
  if (kind === 'update') {
    const u = op.update as Json;
    checkKnown(u, KNOWN.adGroupAds, `${at}.update`);
    const ad = liveObject(ctx, 'ad', u.resourceName, 'adGroupAds', `${at}.update.resource_name`);
    const mask = maskOf(op, at, ['status']);
    const status = mask.includes('status') ? enumValue(u.status, ['ENABLED', 'PAUSED'], `${at}.update.status`) : undefined;
    return () => rn(res.world.update('google', ad.id, status !== undefined ? { status: enabledStatus(ad, status) } : {}));
  }
  const c = op.create as Json;
  checkKnown(c, KNOWN.adGroupAds, `${at}.create`);
  if (c.adGroup === undefined) throw required(`${at}.create.ad_group`);
  const group = liveObject(ctx, 'adset', c.adGroup, 'adGroups', `${at}.create.ad_group`);
  const status = enumValue(c.status ?? 'ENABLED', ['ENABLED', 'PAUSED'], `${at}.create.status`);
  if (!isObject(c.ad)) throw required(`${at}.create.ad`);
  const ad = c.ad;
  checkKnown(ad, KNOWN.ad, `${at}.create.ad`);
  const urls = ad.finalUrls;
  if (!Array.isArray(urls) || urls.length === 0) throw required(`${at}.create.ad.final_urls`);
  urls.forEach((u: unknown, i) => {
    if (typeof u !== 'string' || !/^https?:\/\/[^/\s]+/.test(u)) throw invalidArgument('urlFieldError', 'INVALID_URL', 'The URL is not valid.', `${at}.create.ad.final_urls[${i}]`);
  });
  if (!isObject(ad.responsiveDisplayAd)) throw required(`${at}.create.ad.responsive_display_ad`);
  const landscape = checkResponsiveDisplayAd(ctx, ad.responsiveDisplayAd, `${at}.create.ad.responsive_display_ad`);
  const rda = ad.responsiveDisplayAd as { headlines: { text: string }[]; descriptions: { text: string }[]; callToActionText?: string; longHeadline: { text: string } };
  const name = typeof ad.name === 'string' && ad.name ? ad.name : landscape?.name || rda.longHeadline.text;
  return () =>
    rn(
      res.world.create('google', account.account_id, 'ad', {
        name,
        status: worldStatus(status),
        adset_id: group.id,
        creative: {
          headline: rda.headlines[0]!.text,
          primary_text: rda.descriptions[0]!.text,
          link_url: urls[0] as string,
          ...(rda.callToActionText ? { call_to_action: rda.callToActionText } : {}),
          ...(landscape ? { image_url: `customers/${account.account_id}/assets/${landscape.id}` } : {}),
        },
        extra: { google: { ad: { ...ad, type: 'RESPONSIVE_DISPLAY_AD' } } },
      }),
    );
};

const HANDLERS: Record<MutateResourceName, Prepare> = { campaignBudgets, campaigns, adGroups, assets, adGroupAds };

/**
 * Runs one `<resource>:mutate` request.
 * @returns `{results: [{resourceName}]}` (with partialFailure: `{}` for failed operations and
 *   `partialFailureError`); `{}` with validateOnly
 * @throws GoogleAdsFault / PlainFault for the first invalid operation (without partialFailure)
 */
export async function runMutate(resource: MutateResourceName, body: unknown, ctx: MutateContext): Promise<Json> {
  if (!isObject(body)) throw new PlainFault(400, 'Invalid JSON payload received. Expected an object.');
  const req = camelize(body) as Json;
  checkKnown(req, KNOWN.request, 'request');
  const operations = req.operations;
  if (!Array.isArray(operations) || operations.length === 0) throw required('operations');
  const partial = req.partialFailure === true;
  const prepared: (Apply | GoogleAdsFault)[] = [];
  for (const [i, op] of operations.entries()) {
    const at = `operations[${i}]`;
    try {
      if (!isObject(op)) throw new PlainFault(400, `Invalid JSON payload received. Expected an object at '${at}'.`);
      checkKnown(op, KNOWN.operation, at);
      prepared.push(await HANDLERS[resource](op, at, ctx));
    } catch (err) {
      if (!(partial && err instanceof GoogleAdsFault)) throw err;
      prepared.push(err);
    }
  }
  if (req.validateOnly === true) return {};
  const results = prepared.map((p) => (p instanceof GoogleAdsFault ? {} : { resourceName: p() }));
  const failures = prepared.filter((p): p is GoogleAdsFault => p instanceof GoogleAdsFault);
  if (!failures.length) return { results };
  const errors = failures.flatMap((f) => f.errors);
  return { results, partialFailureError: { code: 3, message: errors.map((e) => e.message).join(', '), details: [failureDetail(ctx.version, errors, ctx.requestId)] } };
}
