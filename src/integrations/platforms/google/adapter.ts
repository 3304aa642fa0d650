/**
 * The Google Ads adapter (seed 001 component 5 "Platform Adapters", 需求 7.3-7.5, properties 14
 * and 15): the PlatformAdapter interface over the Google Ads REST API
 * (https://developers.google.com/google-ads/api/rest/overview). Every call is a POST through
 * platformFetch with `Authorization: Bearer <OAuth access token>`, `developer-token` and
 * `login-customer-id` when the account has them:
 *
 * - writes: `<base>/<version>/customers/<cid>/<resource>:mutate` with `{operations: [{create} | {update, updateMask} | {remove}]}`
 *   for campaignBudgets, campaigns, adGroups, assets and adGroupAds (https://developers.google.com/google-ads/api/rest/common/mutate);
 * - reads and metrics: `<base>/<version>/customers/<cid>/googleAds:search` with a GAQL query (gaql.ts),
 *   following nextPageToken (https://developers.google.com/google-ads/api/rest/common/search).
 *
 * Levels: campaign = Campaign (with its CampaignBudget, which carries the daily budget), adset =
 * AdGroup (no budget of its own), ad = AdGroupAd holding a responsive display ad. Money: major units
 * here, micros strings on the wire (toMicrosString / fromMicros). Statuses: status.ts. Errors:
 * errors.ts (AppError 6001, 6002, 6003, 6005, 1003, 1005, 1001, 1002, 1004, 4000). The adapter never
 * retries; tokens never appear in errors or logs.
 *
 * Idempotency (request keys, request-key.ts): campaigns, campaign budgets and ad groups carry the
 * key in their name and are looked up with `name LIKE '%[[]rk:<key>[]]'` (REMOVED ones excluded).
 * Responsive display ads have no name in Google Ads, so an ad's key and name live on its two image
 * assets (`<name> [rk:<key>]` landscape, `<name> (square) [rk:<key>]` square); a retried createAd
 * reuses uploaded assets and returns the ad group's ad that already uses them.
 */
import { AppError } from '../../../domain/errors.js';
import { platformError } from '../errors.js';
import { platformFetch, PLATFORM_TIMEOUT_MS } from '../http.js';
import { fromMicros, roundMajor, toMicrosString } from '../../../domain/ads/money.js';
import { displayName, withRequestKey } from '../../../domain/ads/request-key.js';
import type { AdAccount, AdSetSpec, AdSpec, CampaignSpec, DateSpan, InsightRow, Level, PlatformAdapter, PlatformObject } from '../../../domain/ads/types.js';
import { responsiveDisplayAd } from './ad.js';
import { googleAdsError } from './errors.js';
import { assetNamesQuery, assetsByRequestKeyQuery, budgetByRequestKeyQuery, campaignBudgetQuery, insightsQuery, objectQuery } from './gaql.js';
import { displayImages, fetchImage } from './images.js';
import { googleStatusFor, normaliseGoogleStatus } from './status.js';

/** The Google Ads API version used when none is configured. */
export const DEFAULT_GOOGLE_ADS_API_VERSION = 'v26';

/** Options of a Google Ads adapter. */
export interface GoogleAdsAdapterOptions {
  /** API version path segment, default 'v26'. */
  apiVersion?: string;
  /** per-call timeout in ms (default 30 000), also for downloading creative images. */
  timeoutMs?: number;
  /** fetch implementation (tests record requests through it; data: URLs work with Node's fetch). */
  fetch?: typeof fetch;
}

/** One googleAds:search row (REST JSON: camelCase, int64 as strings, doubles as numbers). */
interface GoogleAdsRow {
  campaign?: { resourceName?: string; id?: string; name?: string; status?: string; campaignBudget?: string; advertisingChannelType?: string };
  campaignBudget?: { resourceName?: string; id?: string; name?: string; amountMicros?: string };
  adGroup?: { resourceName?: string; id?: string; name?: string; status?: string };
  adGroupAd?: {
    resourceName?: string;
    status?: string;
    ad?: { id?: string; name?: string; responsiveDisplayAd?: { marketingImages?: { asset?: string }[]; headlines?: { text?: string }[] } };
    policySummary?: { approvalStatus?: string; reviewStatus?: string };
  };
  asset?: { resourceName?: string; id?: string; name?: string; imageAsset?: { fullSize?: { widthPixels?: string; heightPixels?: string } } };
  metrics?: { impressions?: string; clicks?: string; costMicros?: string; conversions?: number; conversionsValue?: number };
  segments?: { date?: string };
}

type MutateResource = 'campaignBudgets' | 'campaigns' | 'adGroups' | 'assets' | 'adGroupAds';

/** Ad group type per campaign channel (AdGroupType enum); other channels leave it to Google. */
const AD_GROUP_TYPE: Record<string, string> = { DISPLAY: 'DISPLAY_STANDARD', SEARCH: 'SEARCH_STANDARD' };

const DIGITS = /^\d+$/;
/** Asset names are looked up this many resource names per query (keeps IN lists short). */
const ASSET_LOOKUP_CHUNK = 500;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The last path segment of a resource name ("customers/1/campaigns/22" → "22"). */
function lastSegment(resourceName: string): string {
  return resourceName.slice(resourceName.lastIndexOf('/') + 1);
}

/** AppError 1001 with a message for the caller. */
function invalid(message: string, details: Record<string, unknown> = {}): AppError {
  return platformError('1001', 'google', details, message);
}

/** The name carrying the request key, or AppError 1001 for a malformed key. */
function keyedName(name: string, key: string): string {
  try {
    return withRequestKey(name, key);
  } catch (err) {
    throw invalid(err instanceof Error ? err.message : String(err), { request_key: key });
  }
}

function requireId(level: Level | 'campaign_id' | 'adset_id', id: string): string {
  if (!DIGITS.test(id)) throw invalid(`Google Ads ids are digits, got ${JSON.stringify(id)} for ${level}`, { level, id });
  return id;
}

function requireBudget(amount: number): number {
  if (!(Number.isFinite(amount) && amount > 0)) throw invalid('daily budget must be a positive number (major units)', { daily_budget: amount });
  return amount;
}

/**
 * PlatformAdapter for Google Ads. Construct with the account (customer id, OAuth access token,
 * developer token and manager id when there is one) and optional {apiVersion, timeoutMs, fetch}.
 * Base URL: `${account.base_url}/${apiVersion}/customers/${account_id}` (real:
 * https://googleads.googleapis.com; ads sandbox: `<sandbox>/google`).
 */
export class GoogleAdsAdapter implements PlatformAdapter {
  readonly platform = 'google' as const;
  private readonly customerId: string;
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  /**
   * @throws AppError 1001 when the account is not a Google account or its customer id is not 10
   *   digits (dashes "123-456-7890" are accepted and dropped)
   */
  constructor(
    readonly account: AdAccount,
    opts: GoogleAdsAdapterOptions = {},
  ) {
    const customerId = account.account_id.replace(/-/g, '');
    if (account.platform !== 'google' || !/^\d{10}$/.test(customerId)) {
      throw invalid('a Google Ads account needs a 10-digit customer id', { platform: account.platform, account_id: account.account_id });
    }
    this.customerId = customerId;
    this.base = `${account.base_url.replace(/\/+$/, '')}/${opts.apiVersion ?? DEFAULT_GOOGLE_ADS_API_VERSION}/customers/${customerId}`;
    this.timeoutMs = opts.timeoutMs ?? PLATFORM_TIMEOUT_MS;
    this.fetchImpl = opts.fetch ?? fetch;
  }

  private resource(kind: 'campaignBudgets' | 'campaigns' | 'adGroups', id: string): string {
    return `customers/${this.customerId}/${kind}/${id}`;
  }

  private headers(): Record<string, string> {
    const { access_token, developer_token, login_customer_id } = this.account;
    return {
      authorization: `Bearer ${access_token}`,
      ...(developer_token ? { 'developer-token': developer_token } : {}),
      ...(login_customer_id ? { 'login-customer-id': login_customer_id.replace(/-/g, '') } : {}),
    };
  }

  /** One POST; a non-200 answer or a body that is not a JSON object becomes the mapped AppError. */
  private async post(method: string, json: unknown): Promise<Record<string, unknown>> {
    const res = await platformFetch('google', { method: 'POST', url: `${this.base}/${method}`, headers: this.headers(), json, timeoutMs: this.timeoutMs }, this.fetchImpl);
    if (res.status !== 200 || typeof res.body !== 'object' || res.body === null) throw googleAdsError(res);
    return res.body as Record<string, unknown>;
  }

  /** Every row of a GAQL query, page after page. */
  private async search(query: string): Promise<GoogleAdsRow[]> {
    const rows: GoogleAdsRow[] = [];
    let pageToken: string | undefined;
    do {
      const body = await this.post('googleAds:search', pageToken ? { query, pageToken } : { query });
      rows.push(...((body.results as GoogleAdsRow[] | undefined) ?? []));
      pageToken = typeof body.nextPageToken === 'string' && body.nextPageToken ? body.nextPageToken : undefined;
    } while (pageToken);
    return rows;
  }

  /** Runs mutate operations; returns the result resource names in operation order. */
  private async mutate(resource: MutateResource, operations: unknown[]): Promise<string[]> {
    const body = await this.post(`${resource}:mutate`, { operations });
    const names = ((body.results as { resourceName?: unknown }[] | undefined) ?? []).map((r) => r.resourceName);
    if (names.length !== operations.length || !names.every((n): n is string => typeof n === 'string')) {
      throw platformError('4000', 'google', { reason: 'unexpected answer', resource, results: names.length });
    }
    return names;
  }

  /** Normalised objects of search rows (ads: names resolved from their image assets when unnamed). */
  private async toObjects(level: Level, rows: GoogleAdsRow[]): Promise<PlatformObject[]> {
    const { currency } = this.account;
    if (level === 'campaign') {
      return rows.map(({ campaign = {}, campaignBudget }) => ({
        platform: 'google',
        level,
        id: campaign.id ?? '',
        name: displayName(campaign.name ?? ''),
        status: normaliseGoogleStatus({ status: campaign.status }),
        platform_status: campaign.status ?? 'UNKNOWN',
        ...(campaignBudget?.amountMicros !== undefined ? { daily_budget: fromMicros(campaignBudget.amountMicros) } : {}),
        currency,
      }));
    }
    if (level === 'adset') {
      return rows.map(({ adGroup = {}, campaign = {} }) => ({
        platform: 'google',
        level,
        id: adGroup.id ?? '',
        name: displayName(adGroup.name ?? ''),
        status: normaliseGoogleStatus({ status: adGroup.status }),
        platform_status: adGroup.status ?? 'UNKNOWN',
        currency,
        ...(campaign.id ? { campaign_id: campaign.id } : {}),
      }));
    }
    const imageOf = (row: GoogleAdsRow) => row.adGroupAd?.ad?.responsiveDisplayAd?.marketingImages?.[0]?.asset;
    const unnamed = [...new Set(rows.filter((r) => !r.adGroupAd?.ad?.name).map(imageOf).filter((a): a is string => !!a))];
    const assetNames = new Map<string, string>();
    for (let i = 0; i < unnamed.length; i += ASSET_LOOKUP_CHUNK) {
      for (const { asset } of await this.search(assetNamesQuery(unnamed.slice(i, i + ASSET_LOOKUP_CHUNK)))) {
        if (asset?.resourceName && asset.name) assetNames.set(asset.resourceName, asset.name);
      }
    }
    return rows.map((row) => {
      const { adGroupAd = {}, adGroup = {}, campaign = {} } = row;
      const ad = adGroupAd.ad ?? {};
      const image = imageOf(row);
      const name = ad.name || (image && assetNames.get(image)) || ad.responsiveDisplayAd?.headlines?.[0]?.text || `Ad ${ad.id ?? ''}`;
      return {
        platform: 'google',
        level,
        id: ad.id ?? '',
        name: displayName(name),
        status: normaliseGoogleStatus({ status: adGroupAd.status, approvalStatus: adGroupAd.policySummary?.approvalStatus, reviewStatus: adGroupAd.policySummary?.reviewStatus }),
        platform_status: adGroupAd.status ?? 'UNKNOWN',
        currency,
        ...(campaign.id ? { campaign_id: campaign.id } : {}),
        ...(adGroup.id ? { adset_id: adGroup.id } : {}),
      };
    });
  }

  /**
   * Creates a campaign budget (campaignBudgets:mutate: name, amountMicros, deliveryMethod STANDARD,
   * explicitlyShared false) and a Display campaign on it (campaigns:mutate: status, DISPLAY,
   * maximizeConversions for sales / leads objectives, targetSpend (maximise clicks) otherwise,
   * containsEuPoliticalAdvertising DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING). Status defaults to
   * paused. Idempotent by request key (an existing campaign is returned; a budget left by a failed
   * attempt is reused).
   * @param spec daily_budget (major units) is REQUIRED: Google budgets live on campaigns
   * @throws AppError 1001 without daily_budget, for a malformed key or a budget Google refuses
   *   (details.minimum_daily_budget when below the minimum); see errors.ts for the rest
   */
  async createCampaign(spec: CampaignSpec, requestKey: string): Promise<PlatformObject> {
    const name = keyedName(spec.name, requestKey);
    if (spec.daily_budget === undefined) {
      throw invalid('Google Ads campaigns need a daily budget: budgets live on the campaign (campaign budget), not on ad groups', { field: 'daily_budget' });
    }
    const amountMicros = toMicrosString(roundMajor(requireBudget(spec.daily_budget), this.account.currency));
    const [existing] = await this.search(objectQuery('campaign', { requestKey, excludeRemoved: true }));
    if (existing) return (await this.toObjects('campaign', [existing]))[0]!;
    const [budget] = await this.search(budgetByRequestKeyQuery(requestKey));
    const budgetName =
      budget?.campaignBudget?.resourceName ??
      (await this.mutate('campaignBudgets', [{ create: { name, amountMicros, deliveryMethod: 'STANDARD', explicitlyShared: false } }]))[0]!;
    const bidding = spec.objective === 'sales' || spec.objective === 'leads' ? { maximizeConversions: {} } : { targetSpend: {} };
    const [campaign] = await this.mutate('campaigns', [
      {
        create: {
          name,
          status: googleStatusFor(spec.status ?? 'paused'),
          advertisingChannelType: 'DISPLAY',
          campaignBudget: budgetName,
          ...bidding,
          containsEuPoliticalAdvertising: 'DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING',
        },
      },
    ]);
    return this.get('campaign', lastSegment(campaign!));
  }

  /**
   * Creates an ad group under the campaign (adGroups:mutate: name, campaign, status, type
   * DISPLAY_STANDARD / SEARCH_STANDARD after the campaign's channel). Status defaults to paused.
   * Google ad groups have no budget: spec.daily_budget is not sent (the campaign's budget is shared
   * by its ad groups; set it with updateBudget('campaign')), and the returned object has no
   * daily_budget. spec.targeting is not applied either (Google targets locations on the campaign
   * and ages through ad group criteria, which this adapter does not manage yet).
   * Idempotent by request key under the campaign.
   * @throws AppError 1004 when the campaign does not exist; 1001 for malformed ids or key
   */
  async createAdSet(spec: AdSetSpec, requestKey: string): Promise<PlatformObject> {
    const campaignId = requireId('campaign_id', spec.campaign_id);
    const name = keyedName(spec.name, requestKey);
    const [existing] = await this.search(objectQuery('adset', { parentId: campaignId, requestKey, excludeRemoved: true }));
    if (existing) return (await this.toObjects('adset', [existing]))[0]!;
    const [campaign] = await this.search(`SELECT campaign.id, campaign.advertising_channel_type FROM campaign WHERE campaign.id = ${campaignId}`);
    if (!campaign) throw platformError('1004', 'google', { level: 'campaign', id: campaignId }, `Google Ads campaign ${campaignId} not found`);
    const type = AD_GROUP_TYPE[campaign.campaign?.advertisingChannelType ?? ''];
    const [adGroup] = await this.mutate('adGroups', [
      { create: { name, campaign: this.resource('campaigns', campaignId), status: googleStatusFor(spec.status ?? 'paused'), ...(type ? { type } : {}) } },
    ]);
    return this.get('adset', lastSegment(adGroup!));
  }

  /**
   * Creates a responsive display ad in the ad group: downloads creative.image_url (http(s) or
   * data: URL, with the injected fetch), centre-crops it to 1200×628 and 1200×1200 JPEG, uploads
   * both as image assets (assets:mutate, imageAsset.data base64) and creates the ad group ad
   * (adGroupAds:mutate; headline, long headline, description, business name and call to action
   * from ad.ts). Status defaults to paused; a fresh ENABLED ad normalises to pending_review while
   * Google reviews it. Idempotent by request key (see the module comment).
   * @throws AppError 1001 for a malformed id, key, landing URL or image; 6003 when Google refuses
   *   the image; 6005 on a policy finding; 1004 when the ad group does not exist
   */
  async createAd(spec: AdSpec, requestKey: string): Promise<PlatformObject> {
    const adGroupId = requireId('adset_id', spec.adset_id);
    const name = keyedName(spec.name, requestKey);
    if (!/^https?:\/\/[^/\s]+/.test(spec.creative.link_url)) throw invalid('link_url must be an http(s) URL', { link_url: spec.creative.link_url });
    const assets = await this.search(assetsByRequestKeyQuery(requestKey));
    const size = (row: GoogleAdsRow) => ({ w: Number(row.asset?.imageAsset?.fullSize?.widthPixels), h: Number(row.asset?.imageAsset?.fullSize?.heightPixels) });
    let landscape = assets.find((a) => size(a).w > size(a).h)?.asset?.resourceName;
    let square = assets.find((a) => size(a).w === size(a).h)?.asset?.resourceName;
    if (landscape) {
      const ads = await this.search(objectQuery('ad', { parentId: adGroupId, excludeRemoved: true }));
      const found = ads.find((r) => r.adGroupAd?.ad?.responsiveDisplayAd?.marketingImages?.some((m) => m.asset === landscape));
      if (found) return (await this.toObjects('ad', [found]))[0]!;
    }
    if (!landscape || !square) {
      const images = await displayImages(await fetchImage(spec.creative.image_url, this.fetchImpl, this.timeoutMs));
      const wanted = [
        ...(landscape ? [] : [{ role: 'landscape' as const, name, data: images.landscape }]),
        ...(square ? [] : [{ role: 'square' as const, name: keyedName(`${spec.name} (square)`, requestKey), data: images.square }]),
      ];
      const created = await this.mutate(
        'assets',
        wanted.map((w) => ({ create: { name: w.name, type: 'IMAGE', imageAsset: { data: w.data.toString('base64') } } })),
      );
      wanted.forEach((w, i) => {
        if (w.role === 'landscape') landscape = created[i];
        else square = created[i];
      });
    }
    const [adGroupAd] = await this.mutate('adGroupAds', [
      {
        create: {
          adGroup: this.resource('adGroups', adGroupId),
          status: googleStatusFor(spec.status ?? 'paused'),
          ad: responsiveDisplayAd(spec.creative, { landscape: landscape!, square: square! }),
        },
      },
    ]);
    return this.get('ad', lastSegment(adGroupAd!).split('~')[1] ?? '');
  }

  /**
   * One object by id, removed ones included (status deleted).
   * @throws AppError 1004 when Google has no such object in the account; 1001 for a malformed id
   */
  async get(level: Level, id: string): Promise<PlatformObject> {
    const rows = await this.search(objectQuery(level, { id: requireId(level, id) }));
    if (!rows[0]) throw platformError('1004', 'google', { level, id }, `Google Ads ${level} ${id} not found`);
    return (await this.toObjects(level, [rows[0]]))[0]!;
  }

  /** The objects of a level that are not REMOVED, optionally under one campaign (ad sets) or ad group (ads). */
  async list(level: Level, parentId?: string): Promise<PlatformObject[]> {
    const parent = parentId === undefined || level === 'campaign' ? undefined : requireId(level === 'adset' ? 'campaign_id' : 'adset_id', parentId);
    return this.toObjects(level, await this.search(objectQuery(level, { excludeRemoved: true, ...(parent ? { parentId: parent } : {}) })));
  }

  /**
   * Sets a campaign's daily budget: updates its campaign budget's amountMicros
   * (campaignBudgets:mutate update, updateMask "amountMicros"). A shared budget changes for every
   * campaign using it.
   * @param dailyBudget major units, rounded to the currency's precision
   * @throws AppError 1001 for level 'adset' (Google ad groups share their campaign's budget), a
   *   non-positive amount or one below Google's minimum; 1004 when the campaign does not exist
   */
  async updateBudget(level: 'campaign' | 'adset', id: string, dailyBudget: number): Promise<PlatformObject> {
    if (level === 'adset') {
      throw invalid("Google Ads ad groups have no budget of their own: they share their campaign's budget. Update the campaign's budget instead.", {
        level,
        id,
        budget_level: 'campaign',
      });
    }
    const amountMicros = toMicrosString(roundMajor(requireBudget(dailyBudget), this.account.currency));
    const [row] = await this.search(campaignBudgetQuery(requireId(level, id)));
    const budget = row?.campaign?.campaignBudget;
    if (!budget) throw platformError('1004', 'google', { level, id }, `Google Ads campaign ${id} (or its budget) not found`);
    await this.mutate('campaignBudgets', [{ update: { resourceName: budget, amountMicros }, updateMask: 'amountMicros' }]);
    return this.get('campaign', id);
  }

  /**
   * Enables (ENABLED), pauses (PAUSED) or removes (remove operation; REMOVED is final in Google
   * Ads) a campaign, ad group or ad group ad, and returns it as it is afterwards.
   * @throws AppError 1004 when the object does not exist; 1001 for a malformed id
   */
  async setStatus(level: Level, id: string, status: 'active' | 'paused' | 'deleted'): Promise<PlatformObject> {
    requireId(level, id);
    let resource: MutateResource;
    let name: string;
    if (level === 'ad') {
      const ad = await this.get('ad', id);
      resource = 'adGroupAds';
      name = `customers/${this.customerId}/adGroupAds/${ad.adset_id ?? ''}~${id}`;
    } else {
      resource = level === 'campaign' ? 'campaigns' : 'adGroups';
      name = this.resource(resource, id);
    }
    await this.mutate(resource, [status === 'deleted' ? { remove: name } : { update: { resourceName: name, status: googleStatusFor(status) }, updateMask: 'status' }]);
    return this.get(level, id);
  }

  /**
   * Daily delivery per object of a level over an inclusive span (segments.date BETWEEN), one row
   * per object and day with delivery: costMicros → spend and conversionsValue → revenue in major
   * units, int64 counts parsed from strings. campaign_id is set on every row, adset_id on ad set
   * rows (their own id) and ad rows, as in the world's stats.
   * @throws AppError 1001 when the span's dates are not ISO or since > until
   */
  async insights(level: Level, span: DateSpan): Promise<InsightRow[]> {
    if (!ISO_DATE.test(span.since) || !ISO_DATE.test(span.until) || span.since > span.until) {
      throw invalid('span must be ISO dates with since <= until', { since: span.since, until: span.until });
    }
    const rows = await this.search(insightsQuery(level, span));
    return rows.map((r) => ({
      platform: 'google',
      level,
      id: (level === 'campaign' ? r.campaign?.id : level === 'adset' ? r.adGroup?.id : r.adGroupAd?.ad?.id) ?? '',
      ...(level === 'campaign' && r.campaign?.name !== undefined ? { name: displayName(r.campaign.name) } : {}),
      ...(level === 'adset' && r.adGroup?.name !== undefined ? { name: displayName(r.adGroup.name) } : {}),
      ...(r.campaign?.id ? { campaign_id: r.campaign.id } : {}),
      ...(level !== 'campaign' && r.adGroup?.id ? { adset_id: r.adGroup.id } : {}),
      date: r.segments?.date ?? '',
      impressions: Number(r.metrics?.impressions ?? 0),
      clicks: Number(r.metrics?.clicks ?? 0),
      spend: fromMicros(r.metrics?.costMicros ?? 0),
      conversions: Number(r.metrics?.conversions ?? 0),
      revenue: Number(r.metrics?.conversionsValue ?? 0),
      currency: this.account.currency,
    }));
  }
}
