/**
 * Meta Graph API (Marketing API) facade of the ads sandbox, mounted at `/meta`, so paths read like
 * the real API's: `/meta/v26.0/act_123/campaigns` (any `v<major>.<minor>` version is accepted).
 * It translates Marketing API calls to the platform-neutral world and the world's objects back to
 * Meta's JSON (seed 001 需求 7.1, 7.5; property 14). Implemented, with Meta's shapes:
 *
 * - POST /act_{id}/campaigns, /adsets, /adcreatives, /ads → `{id}`
 *   (reference: https://developers.facebook.com/docs/marketing-api/reference/ad-campaign-group#Creating,
 *   .../ad-campaign#Creating, .../ad-account/adcreatives#Creating, .../adgroup#Creating)
 * - GET /act_{id}/campaigns|adsets|ads|adcreatives, /{campaign_id}/adsets|ads, /{adset_id}/ads with
 *   `fields`, `filtering` (name/id CONTAIN, EQUAL...; effective_status IN), `effective_status`,
 *   `limit`, `after` → `{data, paging}`; deleted and archived objects only when filtered for
 * - GET /{id}?fields=…; POST /{id} (name, status, daily_budget) and DELETE /{id} → `{success: true}`
 * - GET /act_{id}/insights and /{id}/insights (see insights.ts)
 *
 * Budgets travel as minor-unit integer strings of the account currency; the world holds major
 * units. Tokens come from `access_token` or `Authorization: Bearer`, checked with
 * `world.accountByToken('meta', token)`. Every answer carries X-Business-Use-Case-Usage and
 * X-Ad-Account-Usage; errors use the Graph envelope (graph-errors.ts). The first middleware applies
 * injected faults (`world.takeFault('meta', path)`).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../../../domain/errors.js';
import type { Level } from '../../../domain/ads/types.js';
import { sandboxAccount } from '../accounts.js';
import type { AdsWorld, WorldAccount, WorldObject } from '../world-api.js';
import {
  bucHeader,
  budgetTooLow,
  faultError,
  GraphError,
  invalidParam,
  missingParam,
  tokenInvalid,
  tokenMissing,
  unknownObject,
  unknownPath,
  type BucUsage,
} from './graph-errors.js';
import { insightsRows } from './insights.js';
import {
  accountDigits,
  effectiveStatus,
  formatMoney,
  MIN_DAILY_BUDGET,
  NODE_TYPE,
  OBJECTIVES,
  parseMinorBudget,
  renderNode,
  SETTABLE_STATUSES,
  worldObjective,
  worldStatusFor,
  type SettableStatus,
} from './nodes.js';
import { accessToken, fieldList, filterRules, paginate, passes, readParams, str, type FilterRule, type Params } from './params.js';

const VERSION = ':version{v\\d+\\.\\d+}';
const ACT = ':act{act_\\d+}';
const ID = ':id{\\d+}';

const BILLING_EVENTS = ['IMPRESSIONS', 'LINK_CLICKS', 'THRUPLAY', 'PAGE_LIKES', 'POST_ENGAGEMENT', 'APP_INSTALLS'];
const OPTIMIZATION_GOALS = ['LINK_CLICKS', 'LANDING_PAGE_VIEWS', 'OFFSITE_CONVERSIONS', 'IMPRESSIONS', 'REACH', 'LEAD_GENERATION', 'VALUE', 'THRUPLAY', 'POST_ENGAGEMENT', 'APP_INSTALLS'];
const BID_STRATEGIES = ['LOWEST_COST_WITHOUT_CAP', 'LOWEST_COST_WITH_BID_CAP', 'COST_CAP', 'LOWEST_COST_WITH_MIN_ROAS'];
const SPECIAL_AD_CATEGORIES = ['NONE', 'EMPLOYMENT', 'HOUSING', 'CREDIT', 'FINANCIAL_PRODUCTS_SERVICES', 'ISSUES_ELECTIONS_POLITICS', 'ONLINE_GAMBLING_AND_GAMING'];
const CALLS_TO_ACTION = ['SHOP_NOW', 'LEARN_MORE', 'SIGN_UP', 'BUY_NOW', 'ORDER_NOW', 'GET_OFFER', 'BOOK_TRAVEL', 'CONTACT_US', 'DOWNLOAD', 'SUBSCRIBE', 'APPLY_NOW', 'GET_QUOTE', 'WATCH_MORE', 'SEE_MORE', 'NO_BUTTON'];

/** An ad creative the facade stores (the world has no creative level). */
interface StoredCreative {
  id: string;
  account_id: string;
  name: string;
  object_story_spec: Record<string, unknown>;
}

/** One authenticated call: its parameters and the account its token opens. */
interface GraphCall {
  c: Context;
  params: Params;
  account: WorldAccount;
}

/** Readable fields of an ad creative. */
const CREATIVE_FIELDS = ['id', 'name', 'account_id', 'object_story_spec', 'status'];

/** Calls per hour an ad account may make at the standard access tier: 300 + 40 × active ads (rate-limiting doc). */
const hourlyCallBudget = (activeAds: number) => 300 + 40 * activeAds;

/**
 * The Meta Graph API routes over the sandbox world, mounted at `/meta` (seed 001 需求 7.1, 7.5).
 * World AppErrors 1004 / 1001 answer as Graph errors 100/33 / 100; others reach the server's handler.
 */
export function metaRoutes(world: AdsWorld): Hono {
  const app = new Hono();
  const creatives = new Map<string, StoredCreative>();
  /** call times (ms) per ad account in the last hour, for the usage headers. */
  const calls = new Map<string, number[]>();
  /** the account and BUC type of each authenticated request, so error answers carry usage headers too. */
  const seen = new WeakMap<Request, { account: WorldAccount; type: BucUsage['type'] }>();
  let traces = 0;
  let creativeIds = 0;

  const traceId = () => `Sbx${(++traces).toString(36).padStart(8, '0')}`;

  /** X-Business-Use-Case-Usage and X-Ad-Account-Usage for a call of `account` (counts the call). */
  function usageHeaders(account: WorldAccount, type: BucUsage['type']): Record<string, string> {
    const now = Date.now();
    const recent = (calls.get(account.account_id) ?? []).filter((t) => now - t < 3_600_000);
    recent.push(now);
    calls.set(account.account_id, recent);
    const activeAds = world.list('meta', account.account_id, 'ad').filter((o) => o.status === 'active').length;
    const pct = Math.min(100, Math.round((recent.length / hourlyCallBudget(activeAds)) * 100));
    return {
      'X-Business-Use-Case-Usage': bucHeader(accountDigits(account.account_id), { type, call_count: pct, total_cputime: Math.ceil(pct / 2), total_time: Math.ceil(pct / 2), estimated_time_to_regain_access: 0, ads_api_access_tier: 'standard_access' }),
      'X-Ad-Account-Usage': JSON.stringify({ acc_id_util_pct: pct, reset_time_duration: 0, ads_api_access_tier: 'standard_access' }),
    };
  }

  /** The ad account a failing request is about, for the usage header of an injected throttle. */
  function accountHint(c: Context): string {
    const act = /\/act_(\d+)(?:\/|$)/.exec(c.req.path);
    if (act) return act[1]!;
    const token = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? c.req.query('access_token');
    const account = token ? world.accountByToken('meta', token) : undefined;
    return account ? accountDigits(account.account_id) : '';
  }

  /** Wraps a handler: reads parameters, authenticates, answers JSON with the usage headers. */
  const graph =
    (type: BucUsage['type'], fn: (call: GraphCall) => unknown) =>
    async (c: Context): Promise<Response> => {
      const params = await readParams(c);
      const token = accessToken(c, params);
      if (!token) throw tokenMissing();
      const account = world.accountByToken('meta', token);
      if (!account) throw tokenInvalid();
      seen.set(c.req.raw, { account, type });
      const body = fn({ c, params, account });
      return c.json(body, 200, usageHeaders(account, type));
    };

  /** The path's ad account, which must be the token's. */
  function requireAct(call: GraphCall): void {
    const act = call.c.req.param('act');
    if (act !== call.account.account_id) throw unknownObject(act ?? '', call.c.req.method);
  }

  /** A world object of the token's account. @throws GraphError 100/33 otherwise */
  function requireObject(call: GraphCall, id: string, method = call.c.req.method): WorldObject {
    const obj = world.get('meta', id);
    if (!obj || obj.account_id !== call.account.account_id) throw unknownObject(id, method);
    return obj;
  }

  /** A live (not deleted) parent named by a create parameter. @throws GraphError 100 otherwise */
  function requireParent(call: GraphCall, param: string, level: Level): WorldObject {
    const id = str(call.params, param);
    if (!id) throw missingParam(param);
    const obj = world.get('meta', id);
    if (!obj || obj.account_id !== call.account.account_id || obj.level !== level || obj.status === 'deleted') {
      throw invalidParam(`(#100) param ${param} must be the id of a ${NODE_TYPE[level]} of this ad account that is not deleted`);
    }
    return obj;
  }

  /** Objects of an edge after `filtering` / `effective_status`; deleted and archived ones only when filtered for. */
  function filterObjects(objects: WorldObject[], params: Params): WorldObject[] {
    const rules: FilterRule[] = filterRules(params);
    if (Array.isArray(params.effective_status)) rules.push({ field: 'effective_status', operator: 'IN', value: params.effective_status });
    const byStatus = rules.some((r) => r.field === 'effective_status');
    return objects.filter((o) => {
      const effective = effectiveStatus(world, o);
      if (!byStatus && (effective === 'DELETED' || effective === 'ARCHIVED')) return false;
      return rules.every((rule) => {
        switch (rule.field) {
          case 'name':
            return passes(rule, o.name);
          case 'id':
            return passes(rule, o.id);
          case 'effective_status':
            return passes(rule, effective);
          case 'campaign.id':
            return passes(rule, o.campaign_id ?? '');
          case 'adset.id':
            return passes(rule, o.adset_id ?? '');
          default:
            throw invalidParam(`(#100) Filtering field ${rule.field} is not supported`);
        }
      });
    });
  }

  const listObjects = (call: GraphCall, objects: WorldObject[]) =>
    paginate(
      filterObjects(objects, call.params).map((o) => renderNode(world, o, call.account, fieldList(call.params))),
      call.params,
      call.c.req.url,
    );

  /** A settable status parameter (default `fallback`). @throws GraphError 100 for another value */
  function statusParam(params: Params, allowed: readonly SettableStatus[], fallback?: SettableStatus): SettableStatus | undefined {
    const raw = str(params, 'status');
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) throw invalidParam(`(#100) param status must be one of {${allowed.join(', ')}}`);
    return raw as SettableStatus;
  }

  /** A daily budget parameter in major units, at least the minimum. */
  function budgetParam(params: Params, currency: string): number | undefined {
    if (params.daily_budget === undefined) return undefined;
    const budget = parseMinorBudget(params.daily_budget, 'daily_budget', currency);
    if (budget < MIN_DAILY_BUDGET) throw budgetTooLow(formatMoney(MIN_DAILY_BUDGET, currency));
    return budget;
  }

  function oneOf(params: Params, name: string, allowed: readonly string[], fallback?: string): string {
    const value = str(params, name) ?? fallback;
    if (value === undefined) throw missingParam(name);
    if (!allowed.includes(value)) throw invalidParam(`(#100) param ${name} must be one of {${allowed.join(', ')}}`);
    return value;
  }

  function createCampaign({ params, account }: GraphCall): { id: string } {
    const name = str(params, 'name');
    if (!name) throw missingParam('name');
    const objective = oneOf(params, 'objective', OBJECTIVES);
    const categories = params.special_ad_categories;
    if (categories === undefined) throw missingParam('special_ad_categories');
    if (!Array.isArray(categories) || !categories.every((x) => SPECIAL_AD_CATEGORIES.includes(String(x)))) {
      throw invalidParam(`(#100) param special_ad_categories must be an array of {${SPECIAL_AD_CATEGORIES.join(', ')}}`);
    }
    const budget = budgetParam(params, account.currency);
    const sharingRaw = str(params, 'is_adset_budget_sharing_enabled');
    if (sharingRaw !== undefined && !['true', 'false', '1', '0'].includes(sharingRaw)) throw invalidParam('(#100) param is_adset_budget_sharing_enabled must be a boolean');
    if (budget === undefined && sharingRaw === undefined) {
      throw invalidParam('Invalid parameter', {
        error_subcode: 4834011,
        error_user_title: 'Budget sharing setting required',
        error_user_msg: 'A campaign without a campaign budget must set is_adset_budget_sharing_enabled to true or false.',
      });
    }
    const status = statusParam(params, ['ACTIVE', 'PAUSED'], 'ACTIVE')!;
    const created = world.create('meta', account.account_id, 'campaign', {
      name,
      status: worldStatusFor(status).status,
      objective: worldObjective(objective),
      ...(budget !== undefined ? { daily_budget: budget } : {}),
      extra: {
        special_ad_categories: categories.map(String),
        buying_type: str(params, 'buying_type') ?? 'AUCTION',
        ...(sharingRaw !== undefined ? { is_adset_budget_sharing_enabled: sharingRaw === 'true' || sharingRaw === '1' } : {}),
      },
    });
    return { id: created.id };
  }

  function createAdSet(call: GraphCall): { id: string } {
    const { params, account } = call;
    const name = str(params, 'name');
    if (!name) throw missingParam('name');
    const campaign = requireParent(call, 'campaign_id', 'campaign');
    const billingEvent = oneOf(params, 'billing_event', BILLING_EVENTS);
    const optimizationGoal = oneOf(params, 'optimization_goal', OPTIMIZATION_GOALS, 'LINK_CLICKS');
    const bidStrategy = oneOf(params, 'bid_strategy', BID_STRATEGIES, 'LOWEST_COST_WITHOUT_CAP');
    const targeting = params.targeting;
    if (targeting === undefined) throw missingParam('targeting');
    const spec = parseTargeting(targeting);
    const budget = budgetParam(params, account.currency);
    if (campaign.daily_budget !== undefined && budget !== undefined) {
      throw invalidParam('Invalid parameter', {
        error_subcode: 1885621,
        error_user_title: 'Ad set budget not allowed',
        error_user_msg: 'This campaign uses a campaign budget, so its ad sets cannot have their own budgets.',
      });
    }
    if (campaign.daily_budget === undefined && budget === undefined) throw missingParam('daily_budget');
    const status = statusParam(params, ['ACTIVE', 'PAUSED'], 'ACTIVE')!;
    const created = world.create('meta', account.account_id, 'adset', {
      name,
      status: worldStatusFor(status).status,
      campaign_id: campaign.id,
      ...(budget !== undefined ? { daily_budget: budget } : {}),
      targeting: spec.normalised,
      extra: { billing_event: billingEvent, optimization_goal: optimizationGoal, bid_strategy: bidStrategy, targeting_spec: spec.wire },
    });
    return { id: created.id };
  }

  function createCreative({ params, account }: GraphCall): { id: string } {
    const spec = params.object_story_spec;
    if (spec === undefined) throw missingParam('object_story_spec');
    if (!spec || typeof spec !== 'object' || Array.isArray(spec)) throw invalidParam('(#100) param object_story_spec must be an object');
    const { page_id, link_data } = spec as Record<string, unknown>;
    const pageId = sandboxAccount('meta', account.user_id).page_id;
    if (String(page_id ?? '') !== pageId) {
      throw invalidParam('Invalid parameter', { error_subcode: 1885029, error_user_title: 'Page mismatch', error_user_msg: 'object_story_spec.page_id must be a Page this ad account may advertise for.' });
    }
    if (!link_data || typeof link_data !== 'object') throw missingParam("object_story_spec['link_data']");
    const link = link_data as Record<string, unknown>;
    if (typeof link.link !== 'string' || !/^https?:\/\//.test(link.link)) throw invalidParam("(#100) param object_story_spec['link_data']['link'] must be a URL");
    if (typeof link.picture !== 'string' && typeof link.image_hash !== 'string') throw missingParam("object_story_spec['link_data']['picture']");
    const cta = link.call_to_action as Record<string, unknown> | undefined;
    if (cta !== undefined && !CALLS_TO_ACTION.includes(String(cta?.type))) throw invalidParam(`(#100) param call_to_action[type] must be one of {${CALLS_TO_ACTION.join(', ')}}`);
    const id = `1202${String(++creativeIds).padStart(14, '0')}`;
    creatives.set(id, { id, account_id: account.account_id, name: str(params, 'name') ?? `Creative ${id}`, object_story_spec: structuredClone(spec as Record<string, unknown>) });
    return { id };
  }

  function createAd(call: GraphCall): { id: string } {
    const { params, account } = call;
    const name = str(params, 'name');
    if (!name) throw missingParam('name');
    const adset = requireParent(call, 'adset_id', 'adset');
    const ref = params.creative as Record<string, unknown> | undefined;
    if (ref === undefined) throw missingParam('creative');
    const creative = creatives.get(String(ref?.creative_id ?? ''));
    if (!creative || creative.account_id !== account.account_id) throw invalidParam('(#100) param creative must be {"creative_id": "<id of an ad creative of this ad account>"}');
    const status = statusParam(params, ['ACTIVE', 'PAUSED'], 'ACTIVE')!;
    const link = (creative.object_story_spec.link_data ?? {}) as Record<string, unknown>;
    const created = world.create('meta', account.account_id, 'ad', {
      name,
      status: worldStatusFor(status).status,
      adset_id: adset.id,
      creative: {
        headline: link.name,
        primary_text: link.message,
        image_url: link.picture,
        link_url: link.link,
        call_to_action: (link.call_to_action as Record<string, unknown> | undefined)?.type,
      },
      extra: { creative_id: creative.id },
    });
    return { id: created.id };
  }

  function update(call: GraphCall): { success: true } {
    const obj = requireObject(call, call.c.req.param('id') ?? '');
    const { params, account } = call;
    const status = statusParam(params, SETTABLE_STATUSES);
    const name = str(params, 'name');
    const wantsBudget = params.daily_budget !== undefined;
    if (obj.status === 'deleted') {
      const archived = obj.extra.meta_status === 'ARCHIVED';
      const allowed = status === 'DELETED' || (archived && status === 'ARCHIVED');
      if (wantsBudget || (status !== undefined && !allowed) || (name !== undefined && !archived)) {
        throw invalidParam(`(#100) A ${archived ? 'archived' : 'deleted'} object can only change ${archived ? 'its name and its status to DELETED' : 'nothing'}`);
      }
    }
    if (status === 'ACTIVE' && obj.status === 'rejected') {
      throw invalidParam('Invalid parameter', { error_subcode: 2490468, error_user_title: 'Ad rejected, update needed', error_user_msg: 'This ad was rejected and cannot be turned on again. Create a new ad with a revised creative.' });
    }
    if (wantsBudget && (obj.level === 'ad' || obj.daily_budget === undefined)) {
      throw invalidParam(`(#100) ${NODE_TYPE[obj.level]} ${obj.id} has no daily budget to change`);
    }
    const budget = budgetParam(params, account.currency);
    const next = status === undefined ? undefined : worldStatusFor(status);
    world.update('meta', obj.id, {
      ...(name !== undefined ? { name } : {}),
      ...(budget !== undefined ? { daily_budget: budget } : {}),
      ...(next ? { status: next.status, extra: { meta_status: next.meta_status } } : {}),
    });
    return { success: true };
  }

  /** The edges an object may be read through: campaigns have ad sets and ads, ad sets have ads. */
  function childEdge(call: GraphCall, edge: string): WorldObject[] {
    const node = requireObject(call, call.c.req.param('id') ?? '');
    const level: Level = edge === 'adsets' ? 'adset' : 'ad';
    if ((level === 'adset' && node.level !== 'campaign') || (level === 'ad' && node.level === 'ad')) {
      throw invalidParam(`(#100) Tried accessing nonexisting field (${edge}) on node type (${NODE_TYPE[node.level]})`);
    }
    return world.list('meta', call.account.account_id, level, { include_deleted: true, ...(node.level === 'campaign' ? { campaign_id: node.id } : { adset_id: node.id }) });
  }

  app.use('*', async (c, next) => {
    const rule = world.takeFault('meta', c.req.path);
    if (rule?.mode === 'latency') await sleep(rule.latency_ms ?? 0);
    else if (rule) throw faultError(rule.mode, accountHint(c), traceId());
    await next();
  });

  app.post(
    `/${VERSION}/${ACT}/:edge{(?:campaigns|adsets|adcreatives|ads)}`,
    graph('ads_management', (call) => {
      requireAct(call);
      switch (call.c.req.param('edge')) {
        case 'campaigns':
          return createCampaign(call);
        case 'adsets':
          return createAdSet(call);
        case 'adcreatives':
          return createCreative(call);
        default:
          return createAd(call);
      }
    }),
  );

  app.get(
    `/${VERSION}/${ACT}/insights`,
    graph('ads_insights', (call) => {
      requireAct(call);
      return paginate(insightsRows(world, call.account, undefined, call.params), call.params, call.c.req.url);
    }),
  );

  app.get(
    `/${VERSION}/${ACT}/:edge{(?:campaigns|adsets|ads|adcreatives)}`,
    graph('ads_management', (call) => {
      requireAct(call);
      const edge = call.c.req.param('edge');
      if (edge === 'adcreatives') return listCreatives(call);
      const level: Level = edge === 'campaigns' ? 'campaign' : edge === 'adsets' ? 'adset' : 'ad';
      return listObjects(call, world.list('meta', call.account.account_id, level, { include_deleted: true }));
    }),
  );

  function listCreatives(call: GraphCall) {
    const fields = fieldList(call.params) ?? ['id'];
    for (const f of fields) if (!CREATIVE_FIELDS.includes(f)) throw invalidParam(`(#100) Tried accessing nonexisting field (${f}) on node type (AdCreative)`);
    const rules = filterRules(call.params);
    const rows = [...creatives.values()]
      .filter((cr) => cr.account_id === call.account.account_id)
      .filter((cr) =>
        rules.every((rule) => {
          if (rule.field === 'name') return passes(rule, cr.name);
          if (rule.field === 'id') return passes(rule, cr.id);
          throw invalidParam(`(#100) Filtering field ${rule.field} is not supported`);
        }),
      )
      .map((cr) => {
        const values: Record<string, unknown> = { ...cr, account_id: accountDigits(cr.account_id), status: 'ACTIVE' };
        return Object.fromEntries(['id', ...fields].map((f) => [f, values[f]]));
      });
    return paginate(rows, call.params, call.c.req.url);
  }

  app.get(
    `/${VERSION}/${ID}/insights`,
    graph('ads_insights', (call) => {
      const node = requireObject(call, call.c.req.param('id') ?? '');
      return paginate(insightsRows(world, call.account, node, call.params), call.params, call.c.req.url);
    }),
  );

  app.get(
    `/${VERSION}/${ID}/:edge{(?:adsets|ads)}`,
    graph('ads_management', (call) => listObjects(call, childEdge(call, call.c.req.param('edge') ?? ''))),
  );

  app.get(
    `/${VERSION}/${ID}`,
    graph('ads_management', (call) => renderNode(world, requireObject(call, call.c.req.param('id') ?? ''), call.account, fieldList(call.params))),
  );

  app.post(`/${VERSION}/${ID}`, graph('ads_management', update));

  app.delete(
    `/${VERSION}/${ID}`,
    graph('ads_management', (call) => {
      const obj = requireObject(call, call.c.req.param('id') ?? '');
      world.update('meta', obj.id, { status: 'deleted', extra: { meta_status: 'DELETED' } });
      return { success: true };
    }),
  );

  app.all('*', (c) => {
    throw unknownPath(c.req.path.replace(/^\/meta/, ''));
  });

  app.onError((err, c) => {
    const graphErr = err instanceof GraphError ? err : err instanceof AppError ? fromWorldError(err, c) : undefined;
    if (!graphErr) throw err;
    const known = seen.get(c.req.raw);
    const headers = { ...(known ? usageHeaders(known.account, known.type) : {}), ...graphErr.headers };
    return c.json({ error: { ...graphErr.body, fbtrace_id: graphErr.body.fbtrace_id ?? traceId() } }, graphErr.status as ContentfulStatusCode, headers);
  });

  return app;
}

/** A world AppError as the Graph API would say it: not found → 100/33, invalid → 100; others are sandbox faults. */
function fromWorldError(err: AppError, c: Context): GraphError | undefined {
  if (err.code === '1004') return unknownObject(String(err.details.id ?? c.req.param('id') ?? ''), c.req.method);
  if (err.code === '1001') return invalidParam(`(#100) ${err.message}`);
  return undefined;
}

/** Meta targeting JSON validated, and its normalised form for the world (countries, ages). */
function parseTargeting(raw: unknown): { wire: Record<string, unknown>; normalised: Record<string, unknown> } {
  const bad = (why: string) => invalidParam('Invalid parameter', { error_subcode: 1487079, error_user_title: 'Invalid targeting spec', error_user_msg: why });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad('targeting must be a JSON object');
  const t = raw as Record<string, unknown>;
  const countries = (t.geo_locations as Record<string, unknown> | undefined)?.countries;
  if (!Array.isArray(countries) || countries.length === 0 || !countries.every((c) => typeof c === 'string' && /^[A-Z]{2}$/.test(c))) {
    throw bad('targeting.geo_locations.countries must list ISO 3166-1 alpha-2 country codes');
  }
  const ages: Record<string, number> = {};
  for (const key of ['age_min', 'age_max'] as const) {
    if (t[key] === undefined) continue;
    const age = Number(t[key]);
    if (!Number.isInteger(age) || age < 13 || age > 65) throw bad(`targeting.${key} must be an integer from 13 to 65`);
    ages[key] = age;
  }
  if (ages.age_min !== undefined && ages.age_max !== undefined && ages.age_min > ages.age_max) throw bad('targeting.age_min must not exceed age_max');
  return { wire: structuredClone(t), normalised: { countries: [...countries], ...ages } };
}
