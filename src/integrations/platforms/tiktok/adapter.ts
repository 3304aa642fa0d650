/**
 * TikTokAdapter: the PlatformAdapter over the TikTok Business API v1.3 (seed 001 component 5
 * "Platform Adapters", 需求 7.2 / 7.4 / 7.5; properties 14 and 15). Base URL
 * `${account.base_url}/open_api/v1.3` (real: https://business-api.tiktok.com; the ads sandbox:
 * `<sandbox>/tiktok`); every path ends with a slash; the token travels in the `Access-Token` header
 * and never in URLs, logs or errors. TikTok ad groups are the system's "adset" level. Money is in
 * major units on both sides (TikTok budgets are major-unit numbers).
 *
 * Endpoints (business-api.tiktok.com/portal/docs, v1.3): /campaign/create/, /campaign/get/,
 * /campaign/update/ (budget), /campaign/status/update/; /adgroup/create/, /adgroup/get/,
 * /adgroup/budget/update/ (the dedicated batch budget endpoint, docs?id=1739591133130817),
 * /adgroup/status/update/; /file/image/ad/upload/ (UPLOAD_BY_URL), /ad/create/, /ad/get/,
 * /ad/status/update/; /report/integrated/get/ (BASIC reports). Every call is one platformFetch
 * (30 s timeout); the adapter never retries (Temporal activity retry policies do). Errors: errors.ts.
 */
import { z } from 'zod';
import { AppError } from '../../../domain/errors.js';
import { platformError } from '../errors.js';
import { platformFetch } from '../http.js';
import { roundMajor } from '../../../domain/ads/money.js';
import { requestKeyOf, withRequestKey } from '../../../domain/ads/request-key.js';
import type {
  AdAccount,
  AdSetSpec,
  AdSpec,
  CampaignSpec,
  DateSpan,
  InsightRow,
  Level,
  PlatformAdapter,
  PlatformObject,
  Targeting,
} from '../../../domain/ads/types.js';
import {
  ageGroupsFor,
  isCallToAction,
  locationIdOf,
  REPORT_LEVELS,
  REPORT_METRICS,
  TIKTOK_API_PATH,
  TIKTOK_IDENTITY_TYPE,
  TIKTOK_MAX_PAGE_SIZE,
  TIKTOK_REPORT_MAX_DAYS,
  type CallToAction,
} from '../../../domain/ads/tiktok-enums.js';
import { tiktokEnvelopeError, tiktokHttpError } from './errors.js';
import { malformed, reportRowToInsight, toPlatformObject } from './normalise.js';

/** Options of a TikTokAdapter. */
export interface TikTokAdapterOptions {
  /** per-call timeout, ms (default 30 000, seed requirement 9). */
  timeoutMs?: number;
  /** the fetch to use (tests record requests through it). */
  fetch?: typeof fetch;
}

/** Our objectives → TikTok `objective_type` (Enumeration - Advertising Objective). */
const OBJECTIVES: Record<NonNullable<CampaignSpec['objective']>, string> = {
  sales: 'WEB_CONVERSIONS',
  traffic: 'TRAFFIC',
  awareness: 'REACH',
  leads: 'LEAD_GENERATION',
};

/** Ad group optimisation per campaign objective (Enumeration - Optimization Goal / Billing Event). */
const DELIVERY: Record<string, { optimization_goal: string; billing_event: string }> = {
  WEB_CONVERSIONS: { optimization_goal: 'CONVERT', billing_event: 'OCPM' },
  TRAFFIC: { optimization_goal: 'CLICK', billing_event: 'CPC' },
  REACH: { optimization_goal: 'REACH', billing_event: 'CPM' },
  LEAD_GENERATION: { optimization_goal: 'LEAD_GENERATION', billing_event: 'OCPM' },
};

/** Per level: the endpoint family, the id field, the filter of ids and the fields the adapter reads. */
const LEVELS = {
  campaign: { path: 'campaign', id: 'campaign_id', ids: 'campaign_ids', fields: ['campaign_id', 'campaign_name', 'operation_status', 'secondary_status', 'budget_mode', 'budget', 'budget_optimize_on', 'objective_type'] },
  adset: { path: 'adgroup', id: 'adgroup_id', ids: 'adgroup_ids', fields: ['adgroup_id', 'adgroup_name', 'campaign_id', 'operation_status', 'secondary_status', 'budget_mode', 'budget'] },
  ad: { path: 'ad', id: 'ad_id', ids: 'ad_ids', fields: ['ad_id', 'ad_name', 'adgroup_id', 'campaign_id', 'operation_status', 'secondary_status'] },
} as const;

const Id = z.union([z.string(), z.number()]).transform(String);
const Envelope = z.looseObject({ code: z.number(), message: z.string().optional(), request_id: z.string().optional(), data: z.unknown().optional() });
const WireObject = z.looseObject({
  campaign_id: Id.optional(),
  adgroup_id: Id.optional(),
  ad_id: Id.optional(),
  campaign_name: z.string().optional(),
  adgroup_name: z.string().optional(),
  ad_name: z.string().optional(),
  operation_status: z.string().optional(),
  secondary_status: z.string().optional(),
  budget_mode: z.string().optional(),
  budget: z.number().optional(),
  budget_optimize_on: z.boolean().optional(),
  objective_type: z.string().optional(),
});
type WireObject = z.infer<typeof WireObject>;
const PageInfo = z.looseObject({ page: z.number(), total_page: z.number() });
const ObjectPage = z.looseObject({ list: z.array(WireObject), page_info: PageInfo.optional() });
const ReportPage = z.looseObject({
  list: z.array(z.looseObject({ dimensions: z.record(z.string(), z.unknown()), metrics: z.record(z.string(), z.unknown()) })),
  page_info: PageInfo.optional(),
});
const CampaignCreated = z.looseObject({ campaign_id: Id });
const AdGroupCreated = z.looseObject({ adgroup_id: Id });
const ImageUploaded = z.looseObject({ image_id: z.string().min(1) });
const AdsCreated = z.looseObject({ ad_ids: z.array(Id).min(1) });

type HttpMethod = 'GET' | 'POST';

/** The TikTok Business API v1.3 adapter of one advertiser account (`account.account_id` = advertiser_id). */
export class TikTokAdapter implements PlatformAdapter {
  readonly platform = 'tiktok' as const;
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch | undefined;
  private readonly timeoutMs: number | undefined;

  /**
   * @param account a TikTok account: advertiser id, access token, currency, base URL, identity_id (for ads)
   * @throws AppError 1001 when the account is not a TikTok account
   */
  constructor(
    readonly account: AdAccount,
    opts: TikTokAdapterOptions = {},
  ) {
    if (account.platform !== 'tiktok') throw new AppError('1001', `TikTokAdapter needs a tiktok account, got ${account.platform}`);
    this.baseUrl = `${account.base_url.replace(/\/+$/, '')}${TIKTOK_API_PATH}`;
    this.fetchImpl = opts.fetch;
    this.timeoutMs = opts.timeoutMs;
  }

  /**
   * Creates a campaign, or returns the one already carrying `requestKey` (/campaign/get/ then
   * /campaign/create/). A daily budget makes it a campaign-budget (CBO) campaign: BUDGET_MODE_DAY,
   * budget in major units, budget_optimize_on; without one BUDGET_MODE_INFINITE (ad groups budget).
   * Objectives: sales → WEB_CONVERSIONS, traffic (default) → TRAFFIC, awareness → REACH, leads → LEAD_GENERATION.
   * @throws AppError 1001 (bad budget, budget below TikTok's minimum), 1002, 6001, 1003, 4000, ... (errors.ts)
   */
  async createCampaign(spec: CampaignSpec, requestKey: string): Promise<PlatformObject> {
    const name = withRequestKey(spec.name, requestKey);
    const existing = await this.findByRequestKey('campaign', {}, requestKey);
    if (existing) return existing;
    const budget = spec.daily_budget === undefined ? undefined : this.budget(spec.daily_budget);
    const data = await this.call('POST', '/campaign/create/', {
      advertiser_id: this.account.account_id,
      campaign_name: name,
      objective_type: OBJECTIVES[spec.objective ?? 'traffic'],
      ...(budget === undefined ? { budget_mode: 'BUDGET_MODE_INFINITE' } : { budget_mode: 'BUDGET_MODE_DAY', budget, budget_optimize_on: true }),
      operation_status: spec.status === 'paused' ? 'DISABLE' : 'ENABLE',
    });
    return this.get('campaign', this.parse(CampaignCreated, data, '/campaign/create/').campaign_id);
  }

  /**
   * Creates an ad group under `spec.campaign_id`, or returns the one there already carrying
   * `requestKey`. Automatic placement, countries as location ids, ages as age groups, a daily budget
   * (ignored, BUDGET_MODE_INFINITE, when the campaign has a campaign budget), scheduled from now,
   * no-bid (maximum delivery) with the campaign objective's optimisation goal.
   * @throws AppError 1004 unknown campaign; 1001 lookalike audience (needs an audience id), a country
   * without a TikTok location id, no country, ages outside 13-100, budget below TikTok's minimum; others per errors.ts
   */
  async createAdSet(spec: AdSetSpec, requestKey: string): Promise<PlatformObject> {
    const name = withRequestKey(spec.name, requestKey);
    const campaign = await this.getWire('campaign', spec.campaign_id);
    const existing = await this.findByRequestKey('adset', { campaign_ids: [spec.campaign_id] }, requestKey);
    if (existing) return existing;
    const targeting = targetingToWire(spec.targeting);
    const cbo = campaign.budget_optimize_on === true;
    const delivery = DELIVERY[campaign.objective_type ?? ''] ?? DELIVERY.TRAFFIC!;
    const data = await this.call('POST', '/adgroup/create/', {
      advertiser_id: this.account.account_id,
      campaign_id: spec.campaign_id,
      adgroup_name: name,
      promotion_type: 'WEBSITE',
      placement_type: 'PLACEMENT_TYPE_AUTOMATIC',
      ...targeting,
      ...(cbo ? { budget_mode: 'BUDGET_MODE_INFINITE' } : { budget_mode: 'BUDGET_MODE_DAY', budget: this.budget(spec.daily_budget) }),
      schedule_type: 'SCHEDULE_FROM_NOW',
      schedule_start_time: utcDateTime(new Date()),
      ...delivery,
      bid_type: 'BID_TYPE_NO_BID',
      pacing: 'PACING_MODE_SMOOTH',
      operation_status: spec.status === 'paused' ? 'DISABLE' : 'ENABLE',
    });
    return this.get('adset', this.parse(AdGroupCreated, data, '/adgroup/create/').adgroup_id);
  }

  /**
   * Creates an ad in ad group `spec.adset_id`, or returns the one there already carrying
   * `requestKey`: uploads the image by URL (/file/image/ad/upload/, UPLOAD_BY_URL), then creates a
   * SINGLE_IMAGE ad published as the account's identity (CUSTOMIZED_USER `account.identity_id`).
   * ad_text is the primary text (TikTok ads have no headline field); an unknown call to action
   * becomes LEARN_MORE.
   * @throws AppError 1001 when the account has no identity_id; 1004 unknown ad group; 6003/6005 per errors.ts
   */
  async createAd(spec: AdSpec, requestKey: string): Promise<PlatformObject> {
    const name = withRequestKey(spec.name, requestKey);
    const identityId = this.account.identity_id;
    if (!identityId) throw new AppError('1001', 'the TikTok account has no identity_id to publish ads as', { platform: 'tiktok', account_id: this.account.account_id });
    const existing = await this.findByRequestKey('ad', { adgroup_ids: [spec.adset_id] }, requestKey);
    if (existing) return existing;
    const uploaded = await this.call('POST', '/file/image/ad/upload/', {
      advertiser_id: this.account.account_id,
      upload_type: 'UPLOAD_BY_URL',
      image_url: spec.creative.image_url,
    });
    const imageId = this.parse(ImageUploaded, uploaded, '/file/image/ad/upload/').image_id;
    const data = await this.call('POST', '/ad/create/', {
      advertiser_id: this.account.account_id,
      adgroup_id: spec.adset_id,
      creatives: [
        {
          ad_name: name,
          ad_format: 'SINGLE_IMAGE',
          ad_text: spec.creative.primary_text,
          call_to_action: callToAction(spec.creative.call_to_action),
          landing_page_url: spec.creative.link_url,
          identity_type: TIKTOK_IDENTITY_TYPE,
          identity_id: identityId,
          image_ids: [imageId],
          operation_status: spec.status === 'paused' ? 'DISABLE' : 'ENABLE',
        },
      ],
    });
    const [adId] = this.parse(AdsCreated, data, '/ad/create/').ad_ids;
    return this.get('ad', adId!);
  }

  /**
   * One object by id, deleted ones included (filtering primary_status STATUS_ALL).
   * @throws AppError 1004 when the advertiser has no such object; others per errors.ts
   */
  async get(level: Level, id: string): Promise<PlatformObject> {
    return toPlatformObject(await this.getWire(level, id), level, this.account.currency);
  }

  /**
   * The objects of a level that are not deleted (TikTok's default STATUS_NOT_DELETE), optionally
   * under a campaign (ad groups) or ad group (ads); every page is read (page_size 1000).
   * @param parentId ignored for campaigns
   */
  async list(level: Level, parentId?: string): Promise<PlatformObject[]> {
    const filtering = parentId === undefined || level === 'campaign' ? {} : level === 'adset' ? { campaign_ids: [parentId] } : { adgroup_ids: [parentId] };
    const objects = await this.fetchAll(level, filtering);
    return objects.map((o) => toPlatformObject(o, level, this.account.currency)).filter((o) => o.status !== 'deleted');
  }

  /**
   * Sets a daily budget (major units): campaigns through /campaign/update/, ad groups through
   * /adgroup/budget/update/. Returns the object as TikTok now reports it.
   * @throws AppError 1001 for a non-positive budget or one below TikTok's minimum (50 campaign / 20 ad group USD); 1004 unknown id
   */
  async updateBudget(level: 'campaign' | 'adset', id: string, dailyBudget: number): Promise<PlatformObject> {
    const budget = this.budget(dailyBudget);
    if (level === 'campaign') {
      await this.call('POST', '/campaign/update/', { advertiser_id: this.account.account_id, campaign_id: id, budget });
    } else {
      await this.call('POST', '/adgroup/budget/update/', { advertiser_id: this.account.account_id, budget: [{ adgroup_id: id, budget }] });
    }
    return this.get(level, id);
  }

  /**
   * Enables (active), disables (paused) or deletes an object through /<level>/status/update/
   * (operation_status ENABLE | DISABLE | DELETE). Returns the object as TikTok now reports it.
   * @throws AppError 1004 unknown id; 1001 e.g. enabling a deleted object
   */
  async setStatus(level: Level, id: string, status: 'active' | 'paused' | 'deleted'): Promise<PlatformObject> {
    const { path, ids } = LEVELS[level];
    const operation = status === 'active' ? 'ENABLE' : status === 'paused' ? 'DISABLE' : 'DELETE';
    await this.call('POST', `/${path}/status/update/`, { advertiser_id: this.account.account_id, [ids]: [id], operation_status: operation });
    return this.get(level, id);
  }

  /**
   * Daily delivery per object of a level over `span` (inclusive ISO dates) from BASIC synchronous
   * reports (dimensions [<id>, stat_time_day]); spans longer than 30 days are read in 30-day windows,
   * every page (page_size 1000). Revenue is `total_complete_payment_rate` (purchase value), conversions
   * `conversion`; money in major units. One row per object and day with delivery.
   * @throws AppError 1001 for malformed dates or since > until; others per errors.ts
   */
  async insights(level: Level, span: DateSpan): Promise<InsightRow[]> {
    if (!isIsoDate(span.since) || !isIsoDate(span.until) || span.since > span.until) {
      throw new AppError('1001', `invalid date span ${span.since}..${span.until}`, { platform: 'tiktok', since: span.since, until: span.until });
    }
    const { data_level, id_dimension, name_metric } = REPORT_LEVELS[level];
    const parents = level === 'adset' ? ['campaign_id'] : level === 'ad' ? ['campaign_id', 'adgroup_id'] : [];
    const metrics = [REPORT_METRICS.spend, REPORT_METRICS.impressions, REPORT_METRICS.clicks, REPORT_METRICS.conversions, REPORT_METRICS.revenue, name_metric, ...parents];
    const rows: InsightRow[] = [];
    for (const window of windows(span, TIKTOK_REPORT_MAX_DAYS)) {
      for (let page = 1; ; page++) {
        const data = await this.call('GET', '/report/integrated/get/', {
          advertiser_id: this.account.account_id,
          report_type: 'BASIC',
          data_level,
          dimensions: [id_dimension, 'stat_time_day'],
          metrics,
          start_date: window.since,
          end_date: window.until,
          page,
          page_size: TIKTOK_MAX_PAGE_SIZE,
        });
        const parsed = this.parse(ReportPage, data, '/report/integrated/get/');
        for (const row of parsed.list) rows.push(reportRowToInsight(row, level, this.account.currency));
        if (parsed.list.length === 0 || page >= (parsed.page_info?.total_page ?? 1)) break;
      }
    }
    return rows;
  }

  /** The wire object of one id (deleted included). @throws AppError 1004 when absent */
  private async getWire(level: Level, id: string): Promise<WireObject> {
    const [found] = await this.fetchAll(level, { [LEVELS[level].ids]: [id], primary_status: 'STATUS_ALL' });
    if (!found) {
      throw platformError('1004', 'tiktok', { level, id, platform_message: `no ${LEVELS[level].path} ${id} in advertiser ${this.account.account_id}` });
    }
    return found;
  }

  /** Every object of a level matching `filtering` (/<level>/get/), all pages. */
  private async fetchAll(level: Level, filtering: Record<string, unknown>): Promise<WireObject[]> {
    const { path, fields } = LEVELS[level];
    const endpoint = `/${path}/get/`;
    const out: WireObject[] = [];
    for (let page = 1; ; page++) {
      const data = await this.call('GET', endpoint, {
        advertiser_id: this.account.account_id,
        ...(Object.keys(filtering).length > 0 ? { filtering } : {}),
        fields,
        page,
        page_size: TIKTOK_MAX_PAGE_SIZE,
      });
      const parsed = this.parse(ObjectPage, data, endpoint);
      out.push(...parsed.list);
      if (parsed.list.length === 0 || page >= (parsed.page_info?.total_page ?? 1)) return out;
    }
  }

  /** The not-deleted object matching `filtering` whose name carries `requestKey`, normalised. */
  private async findByRequestKey(level: Level, filtering: Record<string, unknown>, requestKey: string): Promise<PlatformObject | undefined> {
    const objects = await this.fetchAll(level, filtering);
    const found = objects.map((o) => toPlatformObject(o, level, this.account.currency)).find((o) => requestKeyOf(o.name) === requestKey);
    return found?.status === 'deleted' ? undefined : found;
  }

  /** A budget for the wire: major units rounded to the currency. @throws AppError 1001 unless finite and > 0 */
  private budget(amount: number): number {
    if (!Number.isFinite(amount) || amount <= 0) throw new AppError('1001', `daily budget must be a positive amount, got ${amount}`, { platform: 'tiktok', daily_budget: amount });
    return roundMajor(amount, this.account.currency);
  }

  /** Parses `data` with `schema`. @throws AppError 4000 when the answer lacks the documented fields */
  private parse<T extends z.ZodType>(schema: T, data: unknown, endpoint: string): z.infer<T> {
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw malformed(`${endpoint}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    return parsed.data;
  }

  /**
   * One API call: GET parameters in the query (arrays and objects as JSON), POST parameters as a
   * JSON body; returns the envelope's `data`.
   * @throws AppError per errors.ts for an error envelope, an HTTP failure or a malformed answer
   */
  private async call(method: HttpMethod, endpoint: string, params: Record<string, unknown>): Promise<unknown> {
    const url = new URL(`${this.baseUrl}${endpoint}`);
    if (method === 'GET') {
      for (const [key, value] of Object.entries(params)) {
        if (value !== undefined) url.searchParams.set(key, typeof value === 'string' ? value : JSON.stringify(value));
      }
    }
    const res = await platformFetch(
      'tiktok',
      {
        method,
        url: url.toString(),
        headers: { 'Access-Token': this.account.access_token },
        ...(method === 'POST' ? { json: params } : {}),
        ...(this.timeoutMs !== undefined ? { timeoutMs: this.timeoutMs } : {}),
      },
      this.fetchImpl,
    );
    const ctx = { endpoint, http_status: res.status };
    const envelope = Envelope.safeParse(res.body);
    if (!envelope.success) throw tiktokHttpError(res.body, ctx);
    if (envelope.data.code !== 0) throw tiktokEnvelopeError(envelope.data, ctx);
    return envelope.data.data ?? {};
  }
}

/**
 * Targeting → ad group fields: `location_ids` (countries) and `age_groups` (omitted for all ages).
 * @throws AppError 1001 for a lookalike audience (TikTok needs a lookalike audience id), no country,
 * a country without a known location id, or an age range outside TikTok's groups (13-100)
 */
function targetingToWire(t: Targeting): { location_ids: string[]; age_groups?: string[] } {
  const fail = (message: string) => new AppError('1001', message, { platform: 'tiktok', targeting: t });
  if (t.audience === 'lookalike') throw fail('TikTok lookalike targeting needs a lookalike audience id (audience_ids); use a broad audience');
  const countries = t.countries ?? [];
  if (countries.length === 0) throw fail('TikTok ad groups need at least one country');
  const locationIds = countries.map((country) => {
    const id = locationIdOf(country);
    if (!id) throw fail(`no TikTok location id for country ${country}`);
    return id;
  });
  const ageGroups = ageGroupsFor(t.age_min, t.age_max);
  if (ageGroups.length === 0 && (t.age_min !== undefined || t.age_max !== undefined)) throw fail(`TikTok has no age group within ${t.age_min ?? ''}-${t.age_max ?? ''}`);
  return { location_ids: locationIds, ...(ageGroups.length > 0 ? { age_groups: ageGroups } : {}) };
}

/** A call to action as TikTok spells it ("Shop now" → SHOP_NOW); LEARN_MORE when absent or unknown. */
export function callToAction(value: string | undefined): CallToAction {
  const upper = (value ?? '').trim().toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return isCallToAction(upper) ? upper : 'LEARN_MORE';
}

/** "YYYY-MM-DD HH:MM:SS" in UTC, TikTok's schedule time format. */
function utcDateTime(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Consecutive windows of at most `maxDays` days covering `span`. */
function windows(span: DateSpan, maxDays: number): DateSpan[] {
  const out: DateSpan[] = [];
  for (let since = span.since; since <= span.until; since = addDays(since, maxDays)) {
    const end = addDays(since, maxDays - 1);
    out.push({ since, until: end < span.until ? end : span.until });
  }
  return out;
}
