/**
 * MetaAdapter: the Meta Marketing API (Graph API, version from configuration, default v26.0)
 * behind the platform-neutral PlatformAdapter (seed 001 component 5 "Platform Adapters", 需求 7.1,
 * 7.4, 7.5; property 14). Calls go to `${account.base_url}/${apiVersion}` (real:
 * https://graph.facebook.com; sandbox: `<ads sandbox>/meta`) through platformFetch, with the access
 * token in `Authorization: Bearer` (never in a URL, a log or an error) and form-encoded bodies whose
 * nested objects are JSON strings, as in Meta's curl examples. Money inside the system is in MAJOR
 * units; budgets go out as minor-unit integer strings of the account currency.
 *
 * Creations are idempotent through the request key in the name (request-key.ts): before creating,
 * the parent's edge is searched with `filtering=[{field: name, operator: CONTAIN, value: "[rk:<key>]"}]`
 * and an object whose name ends with that key is returned instead. The adapter never retries;
 * failures raise AppError with the codes of errors.ts (Temporal's retry policies decide).
 */
import { AppError } from '../../../domain/errors.js';
import { platformError } from '../errors.js';
import { platformFetch, type PlatformResponse } from '../http.js';
import { toMinorString } from '../../../domain/ads/money.js';
import { requestKeyOf, withRequestKey } from '../../../domain/ads/request-key.js';
import type { AdAccount, AdSetSpec, AdSpec, CampaignSpec, DateSpan, InsightRow, Level, PlatformAdapter, PlatformObject } from '../../../domain/ads/types.js';
import { metaError } from './errors.js';
import {
  asNode,
  EFFECTIVE_STATUSES,
  insightFields,
  metaCallToAction,
  metaObjective,
  metaTargeting,
  optimizationGoalFor,
  toInsightRow,
  toPlatformObject,
  type MetaInsightRow,
  type MetaNode,
} from './normalise.js';

/** Options of a MetaAdapter. */
export interface MetaAdapterOptions {
  /** Graph API version path segment; default "v26.0". */
  apiVersion?: string;
  /** per-call timeout, ms (platformFetch's default 30 s when absent). */
  timeoutMs?: number;
  /** fetch implementation (tests wrap it to record requests). */
  fetch?: typeof fetch;
}

/** Default Graph API version (configuration's META_API_VERSION overrides it). */
const META_API_VERSION = 'v26.0';

/** Fields read per level; each set includes a field the other node types lack, so a wrong level fails. */
const NODE_FIELDS: Record<Level, string> = {
  campaign: 'id,name,status,effective_status,daily_budget,objective',
  adset: 'id,name,status,effective_status,daily_budget,campaign_id',
  ad: 'id,name,status,effective_status,campaign_id,adset_id',
};

const EDGE: Record<Level, string> = { campaign: 'campaigns', adset: 'adsets', ad: 'ads' };

/** Page size of list and insights reads. */
const PAGE_LIMIT = 500;
/** Pages followed at most in one read (a guard against a cursor that never ends). */
const MAX_PAGES = 200;

type Params = Record<string, unknown>;

/** A Graph API list answer. */
interface GraphPage<T> {
  data: T[];
  paging?: { cursors?: { after?: string }; next?: string };
}

/** The Meta Marketing API adapter of one ad account (seed 001 需求 7.1: platform meta → MetaAdapter). */
export class MetaAdapter implements PlatformAdapter {
  readonly platform = 'meta' as const;
  private readonly baseUrl: string;
  private readonly timeoutMs: number | undefined;
  private readonly fetchImpl: typeof fetch | undefined;

  /**
   * @param account the ad account (`act_<digits>`, token, currency, base URL, page_id for ads)
   * @param opts API version (default v26.0), per-call timeout (ms), fetch implementation
   */
  constructor(
    readonly account: AdAccount,
    opts: MetaAdapterOptions = {},
  ) {
    this.baseUrl = `${account.base_url.replace(/\/+$/, '')}/${opts.apiVersion ?? META_API_VERSION}`;
    this.timeoutMs = opts.timeoutMs;
    this.fetchImpl = opts.fetch;
  }

  /**
   * Creates a campaign (POST /act_{id}/campaigns): objective OUTCOME_*, status (default PAUSED),
   * `special_ad_categories: []`, the daily budget in minor units when the campaign has one
   * (campaign budget), else `is_adset_budget_sharing_enabled: false` (required since v24).
   * Idempotent per `requestKey`.
   * @throws AppError with the codes of errors.ts
   */
  async createCampaign(spec: CampaignSpec, requestKey: string): Promise<PlatformObject> {
    const name = withRequestKey(spec.name, requestKey);
    const existing = await this.findByKey('campaign', `${this.account.account_id}/campaigns`, requestKey);
    if (existing) return existing;
    const created = await this.post(`${this.account.account_id}/campaigns`, {
      name,
      objective: metaObjective(spec.objective),
      status: (spec.status ?? 'paused').toUpperCase(),
      special_ad_categories: [],
      buying_type: 'AUCTION',
      ...(spec.daily_budget !== undefined ? { daily_budget: this.minor(spec.daily_budget) } : { is_adset_budget_sharing_enabled: false }),
    });
    return this.get('campaign', created);
  }

  /**
   * Creates an ad set (POST /act_{id}/adsets) under `spec.campaign_id`: daily budget in minor units,
   * billing on impressions, the optimisation goal the campaign's objective allows, lowest-cost
   * bidding, targeting `{geo_locations: {countries}, age_min, age_max}`, status (default PAUSED).
   * Idempotent per `requestKey` (searched under the campaign).
   * @throws AppError with the codes of errors.ts (1001 for a budget under Meta's minimum, details.reason budget_too_low)
   */
  async createAdSet(spec: AdSetSpec, requestKey: string): Promise<PlatformObject> {
    const name = withRequestKey(spec.name, requestKey);
    const existing = await this.findByKey('adset', `${spec.campaign_id}/adsets`, requestKey);
    if (existing) return existing;
    const campaign = (await this.request('GET', spec.campaign_id, { fields: 'id,objective' })) as { objective?: string };
    const created = await this.post(`${this.account.account_id}/adsets`, {
      name,
      campaign_id: spec.campaign_id,
      daily_budget: this.minor(this.checkBudget(spec.daily_budget)),
      billing_event: 'IMPRESSIONS',
      optimization_goal: optimizationGoalFor(campaign.objective),
      bid_strategy: 'LOWEST_COST_WITHOUT_CAP',
      targeting: metaTargeting(spec.targeting),
      status: (spec.status ?? 'paused').toUpperCase(),
    });
    return this.get('adset', created);
  }

  /**
   * Creates an ad: an ad creative (POST /act_{id}/adcreatives, object_story_spec with the account's
   * page_id and link_data {link, message, name (headline), picture (image URL), call_to_action}),
   * then the ad (POST /act_{id}/ads with adset_id, creative {creative_id}, status default PAUSED).
   * Both names carry the request key: a retry finds the ad under the ad set, or reuses the creative.
   * @throws AppError 1001 when the account has no page_id; otherwise the codes of errors.ts (6003 creative rejected, 6005 policy)
   */
  async createAd(spec: AdSpec, requestKey: string): Promise<PlatformObject> {
    const name = withRequestKey(spec.name, requestKey);
    const existing = await this.findByKey('ad', `${spec.adset_id}/ads`, requestKey);
    if (existing) return existing;
    const pageId = this.account.page_id;
    if (!pageId) throw platformError('1001', 'meta', { reason: 'page_id_missing', account_id: this.account.account_id }, 'The Meta ad account has no Facebook Page to publish ads as');
    const c = spec.creative;
    const creativeName = withRequestKey(`${spec.name} creative${c.creative_id ? ` ${c.creative_id}` : ''}`, requestKey);
    const creativeId =
      (await this.findCreative(requestKey)) ??
      (await this.post(`${this.account.account_id}/adcreatives`, {
        name: creativeName,
        object_story_spec: {
          page_id: pageId,
          link_data: {
            link: c.link_url,
            message: c.primary_text,
            name: c.headline,
            picture: c.image_url,
            call_to_action: { type: metaCallToAction(c.call_to_action), value: { link: c.link_url } },
          },
        },
      }));
    const created = await this.post(`${this.account.account_id}/ads`, {
      name,
      adset_id: spec.adset_id,
      creative: { creative_id: creativeId },
      status: (spec.status ?? 'paused').toUpperCase(),
    });
    return this.get('ad', created);
  }

  /**
   * One object (GET /{id}?fields=…), deleted ones included.
   * @throws AppError 1004 when it does not exist or the token may not see it; 1001 when it is not of `level`
   */
  async get(level: Level, id: string): Promise<PlatformObject> {
    const node = asNode(await this.request('GET', id, { fields: NODE_FIELDS[level] }));
    return toPlatformObject(node, level, this.account.currency);
  }

  /**
   * Objects of a level, all pages: the account's (GET /act_{id}/campaigns|adsets|ads) or a parent's
   * (GET /{campaign_id}/adsets, /{adset_id}/ads). Deleted and archived objects are left out.
   * @throws AppError 1001 for a parent on campaigns; otherwise the codes of errors.ts
   */
  async list(level: Level, parentId?: string): Promise<PlatformObject[]> {
    if (parentId !== undefined && level === 'campaign') throw platformError('1001', 'meta', { reason: 'campaigns_have_no_parent', parent_id: parentId });
    const nodes = await this.readAll<MetaNode>(`${parentId ?? this.account.account_id}/${EDGE[level]}`, { fields: NODE_FIELDS[level] });
    return nodes.map((n) => toPlatformObject(asNode(n), level, this.account.currency)).filter((o) => o.status !== 'deleted');
  }

  /**
   * Sets the daily budget (POST /{id} daily_budget in minor units) and reads the object back.
   * @param dailyBudget major units, positive
   * @throws AppError 1001 for a non-positive budget or one under Meta's minimum; otherwise the codes of errors.ts
   */
  async updateBudget(level: 'campaign' | 'adset', id: string, dailyBudget: number): Promise<PlatformObject> {
    await this.request('POST', id, { daily_budget: this.minor(this.checkBudget(dailyBudget)) });
    return this.get(level, id);
  }

  /**
   * Sets the status: active/paused through POST /{id} status ACTIVE/PAUSED, deleted through
   * DELETE /{id}; reads the object back.
   * @throws AppError with the codes of errors.ts (6003 when a rejected ad is turned on)
   */
  async setStatus(level: Level, id: string, status: 'active' | 'paused' | 'deleted'): Promise<PlatformObject> {
    if (status === 'deleted') await this.request('DELETE', id);
    else await this.request('POST', id, { status: status.toUpperCase() });
    return this.get(level, id);
  }

  /**
   * Daily insights of every object of a level in the span (GET /act_{id}/insights with level,
   * time_range, time_increment=1 and an effective_status filter that keeps deleted and archived
   * objects, so past spend is complete). Money in MAJOR units.
   * @throws AppError with the codes of errors.ts
   */
  async insights(level: Level, span: DateSpan): Promise<InsightRow[]> {
    const rows = await this.readAll<MetaInsightRow>(`${this.account.account_id}/insights`, {
      level,
      fields: insightFields(level).join(','),
      time_range: { since: span.since, until: span.until },
      time_increment: '1',
      filtering: [{ field: `${level}.effective_status`, operator: 'IN', value: EFFECTIVE_STATUSES[level] }],
    });
    return rows.map((r) => toInsightRow(r, level, this.account.currency));
  }

  /** The object of a level under `edgePath` whose name carries `requestKey`, if any. */
  private async findByKey(level: Level, edgePath: string, requestKey: string): Promise<PlatformObject | undefined> {
    const nodes = await this.readAll<MetaNode>(edgePath, {
      fields: NODE_FIELDS[level],
      filtering: [{ field: 'name', operator: 'CONTAIN', value: `[rk:${requestKey}]` }],
    });
    const hit = nodes.find((n) => requestKeyOf(n.name ?? '') === requestKey);
    return hit && toPlatformObject(asNode(hit), level, this.account.currency);
  }

  /** The id of the account's ad creative whose name carries `requestKey`, if any. */
  private async findCreative(requestKey: string): Promise<string | undefined> {
    const creatives = await this.readAll<{ id: string; name?: string }>(`${this.account.account_id}/adcreatives`, {
      fields: 'id,name',
      filtering: [{ field: 'name', operator: 'CONTAIN', value: `[rk:${requestKey}]` }],
    });
    return creatives.find((c) => requestKeyOf(c.name ?? '') === requestKey)?.id;
  }

  /** Every page of a list edge, following `paging.cursors.after` while `paging.next` is present. */
  private async readAll<T>(path: string, params: Params): Promise<T[]> {
    const out: T[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = (await this.request('GET', path, { ...params, limit: String(PAGE_LIMIT), ...(after ? { after } : {}) })) as Partial<GraphPage<T>>;
      if (!Array.isArray(body.data)) throw platformError('4000', 'meta', { reason: 'malformed_response', platform_message: `${path} answered without data` });
      out.push(...body.data);
      const nextCursor = body.paging?.next ? body.paging.cursors?.after : undefined;
      if (!nextCursor || nextCursor === after) return out;
      after = nextCursor;
    }
    return out;
  }

  /** POSTs a creation and returns the new id. @throws AppError 4000 when the answer has no id */
  private async post(path: string, params: Params): Promise<string> {
    return asNode(await this.request('POST', path, params)).id;
  }

  /**
   * One Graph API call. GET parameters go in the query string, POST parameters form-encoded
   * (objects and arrays as JSON strings).
   * @returns the JSON object answered
   * @throws AppError per errors.ts for an error answer; 4000 when unreachable or not JSON
   */
  private async request(method: 'GET' | 'POST' | 'DELETE', path: string, params: Params = {}): Promise<Record<string, unknown>> {
    const url = new URL(`${this.baseUrl}/${path}`);
    const encoded = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    if (method === 'GET') for (const [k, v] of Object.entries(encoded)) url.searchParams.set(k, v);
    const res: PlatformResponse = await platformFetch(
      'meta',
      {
        method,
        url: url.toString(),
        headers: { authorization: `Bearer ${this.account.access_token}` },
        ...(method === 'POST' ? { form: encoded } : {}),
        ...(this.timeoutMs !== undefined ? { timeoutMs: this.timeoutMs } : {}),
      },
      this.fetchImpl,
    );
    const body = res.body;
    if (res.status >= 200 && res.status < 300 && body && typeof body === 'object' && !Array.isArray(body) && !('error' in body)) return body as Record<string, unknown>;
    throw metaError(res, this.account.access_token);
  }

  /** Major units → the account currency's minor-unit string. */
  private minor(amount: number): string {
    return toMinorString(amount, this.account.currency);
  }

  /** A budget that is a positive finite number. @throws AppError 1001 otherwise */
  private checkBudget(amount: number): number {
    if (!Number.isFinite(amount) || amount <= 0) throw new AppError('1001', 'The daily budget must be a positive amount', { platform: 'meta', daily_budget: amount });
    return amount;
  }
}
