/**
 * The Insights edge of the Meta facade (`/act_{id}/insights`, `/{object_id}/insights`), over the
 * world's daily stats: `level`, `fields`, `time_range` {since, until} or `date_preset`,
 * `time_increment` (1 or all_days) and `filtering` on `<level>.effective_status`, as in
 * https://developers.facebook.com/docs/marketing-api/insights/parameters. Numbers travel as strings;
 * `spend` and `action_values` are MAJOR-unit decimal strings (unlike budgets); conversions are
 * `actions` entries and revenue `action_values` entries with purchase action types. Deleted and
 * archived objects are left out unless filtered for, except the object whose edge is read (Meta:
 * "/{ad_id}/insights works for a deleted object but /act_{id}/insights?level=ad does not") and the
 * account level, which sums everything the account spent.
 */
import { roundMajor } from '../../../domain/ads/money.js';
import type { Level } from '../../../domain/ads/types.js';
import { addDays, isIsoDate } from '../clock.js';
import type { AdsWorld, WorldAccount, WorldDayStat, WorldObject } from '../world-api.js';
import { invalidParam } from './graph-errors.js';
import { accountDigits, effectiveStatus } from './nodes.js';
import { fieldList, filterRules, passes, str, type FilterRule, type Params } from './params.js';

/** Levels of the insights `level` parameter. */
type InsightsLevel = Level | 'account';

/** Fields an insights row may carry. */
const INSIGHT_FIELDS = [
  'account_id',
  'account_name',
  'account_currency',
  'campaign_id',
  'campaign_name',
  'adset_id',
  'adset_name',
  'ad_id',
  'ad_name',
  'impressions',
  'clicks',
  'spend',
  'actions',
  'action_values',
  'date_start',
  'date_stop',
] as const;

/** Fields answered when none are asked (Graph API default). */
const DEFAULT_FIELDS = ['impressions', 'spend'];

/** Action types a purchase is reported under (Meta reports the same purchases under each). */
const PURCHASE_ACTION_TYPES = ['offsite_conversion.fb_pixel_purchase', 'omni_purchase', 'purchase'] as const;

const DEPTH: Record<InsightsLevel, number> = { account: 0, campaign: 1, adset: 2, ad: 3 };

/**
 * The span of a request: `time_range` JSON {since, until}, else `date_preset` (today, yesterday,
 * last_3d, last_7d, last_14d, last_30d, last_90d; the last_Nd presets end yesterday), else last_30d.
 * @throws GraphError 100 for a malformed range or an unknown preset
 */
function resolveSpan(params: Params, today: string): { since: string; until: string } {
  const range = params.time_range;
  if (range !== undefined) {
    const { since, until } = (range ?? {}) as Record<string, unknown>;
    if (typeof since !== 'string' || typeof until !== 'string' || !isIsoDate(since) || !isIsoDate(until) || since > until) {
      throw invalidParam('(#100) param time_range must be {"since":"YYYY-MM-DD","until":"YYYY-MM-DD"} with since <= until');
    }
    return { since, until };
  }
  const preset = str(params, 'date_preset') ?? 'last_30d';
  if (preset === 'today') return { since: today, until: today };
  if (preset === 'yesterday') return { since: addDays(today, -1), until: addDays(today, -1) };
  const m = /^last_(3|7|14|30|90)d$/.exec(preset);
  if (!m) throw invalidParam(`(#100) param date_preset must be one of {today, yesterday, last_3d, last_7d, last_14d, last_30d, last_90d}`);
  return { since: addDays(today, -Number(m[1])), until: addDays(today, -1) };
}

/** A row's object at a level: the stat's own id at its level, else its campaign / ad set. */
function objectIdAt(stat: WorldDayStat, level: Level): string | undefined {
  if (level === stat.level) return stat.id;
  return level === 'campaign' ? stat.campaign_id : level === 'adset' ? stat.adset_id : undefined;
}

/** A purchase-typed entry per action type, each with the same value (as Meta reports them). */
const purchaseEntries = (value: string) => PURCHASE_ACTION_TYPES.map((action_type) => ({ action_type, value }));

/**
 * The insights rows of an account (`node` undefined) or of one object, as the Graph API answers
 * them before paging.
 * @throws GraphError 100 for an unknown level, field, filter or time increment, or a level coarser than the node
 */
export function insightsRows(world: AdsWorld, account: WorldAccount, node: WorldObject | undefined, params: Params): Record<string, unknown>[] {
  const level = (str(params, 'level') ?? node?.level ?? 'account') as InsightsLevel;
  if (!Object.hasOwn(DEPTH, level)) throw invalidParam('(#100) param level must be one of {ad, adset, campaign, account}');
  if (node && DEPTH[level] < DEPTH[node.level]) throw invalidParam(`(#100) level ${level} is coarser than the ${node.level} whose insights are asked`);
  const fields = fieldList(params) ?? DEFAULT_FIELDS;
  for (const f of fields) if (!(INSIGHT_FIELDS as readonly string[]).includes(f)) throw invalidParam(`(#100) fields[${f}] must be one of the following values: ${INSIGHT_FIELDS.join(', ')}`);
  const increment = str(params, 'time_increment') ?? 'all_days';
  if (increment !== '1' && increment !== 'all_days') throw invalidParam('(#100) param time_increment must be 1 or all_days in the sandbox');
  const { since, until } = resolveSpan(params, world.today());
  const statusRules = filterRules(params).map((rule) => {
    const m = /^(campaign|adset|ad)\.effective_status$/.exec(rule.field);
    if (!m) throw invalidParam(`(#100) Filtering field ${rule.field} is not supported`);
    return { level: m[1] as Level, rule };
  });

  const statLevel: Level = level === 'account' ? 'campaign' : level;
  const names = new Map<string, WorldObject | undefined>();
  const object = (id: string) => {
    if (!names.has(id)) names.set(id, world.get('meta', id));
    return names.get(id);
  };
  const inScope = (s: WorldDayStat) => !node || objectIdAt(s, node.level) === node.id;
  const visible = (s: WorldDayStat) => {
    if (statusRules.length > 0) return statusRules.every(({ level: l, rule }) => passesStatus(world, object, objectIdAt(s, l), rule));
    if (level === 'account') return true;
    const own = object(s.id);
    return s.id === node?.id || !own || !['DELETED', 'ARCHIVED'].includes(effectiveStatus(world, own));
  };
  const stats = world.stats('meta', account.account_id, statLevel, since, until).filter((s) => inScope(s) && visible(s));

  const groups = new Map<string, { stat: WorldDayStat; sum: WorldDayStat }>();
  for (const s of stats) {
    const key = `${level === 'account' ? account.account_id : s.id}|${increment === '1' ? s.date : ''}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { stat: s, sum: { ...s } });
    else Object.assign(g.sum, { impressions: g.sum.impressions + s.impressions, clicks: g.sum.clicks + s.clicks, spend: g.sum.spend + s.spend, conversions: g.sum.conversions + s.conversions, revenue: g.sum.revenue + s.revenue });
  }
  return [...groups.values()].map(({ stat, sum }) => {
    const values: Record<string, unknown> = {
      account_id: accountDigits(account.account_id),
      account_name: account.name,
      account_currency: account.currency,
      impressions: String(Math.round(sum.impressions)),
      clicks: String(Math.round(sum.clicks)),
      spend: String(roundMajor(sum.spend, account.currency)),
      actions: actionList(sum, false, account.currency),
      action_values: actionList(sum, true, account.currency),
    };
    if (level !== 'account') {
      Object.assign(values, { campaign_id: stat.campaign_id, campaign_name: object(stat.campaign_id)?.name });
      if (level !== 'campaign' && stat.adset_id) Object.assign(values, { adset_id: stat.adset_id, adset_name: object(stat.adset_id)?.name });
      if (level === 'ad') Object.assign(values, { ad_id: stat.id, ad_name: stat.name });
    }
    const row: Record<string, unknown> = {};
    for (const f of fields) if (values[f] !== undefined) row[f] = values[f];
    row.date_start = increment === '1' ? stat.date : since;
    row.date_stop = increment === '1' ? stat.date : until;
    return row;
  });
}

/** Whether the object with `id` passes an effective_status rule (an unknown id never does). */
function passesStatus(world: AdsWorld, object: (id: string) => WorldObject | undefined, id: string | undefined, rule: FilterRule): boolean {
  const obj = id === undefined ? undefined : object(id);
  return obj !== undefined && passes(rule, effectiveStatus(world, obj));
}

/**
 * The `actions` (counts: link clicks, purchases) or `action_values` (purchase revenue, major units)
 * of a row; undefined when empty, as the Graph API leaves the field out.
 */
function actionList(m: WorldDayStat, values: boolean, currency: string): { action_type: string; value: string }[] | undefined {
  const out: { action_type: string; value: string }[] = [];
  if (!values && m.clicks > 0) out.push({ action_type: 'link_click', value: String(Math.round(m.clicks)) });
  if (m.conversions > 0) out.push(...purchaseEntries(values ? String(roundMajor(m.revenue, currency)) : String(Math.round(m.conversions))));
  return out.length > 0 ? out : undefined;
}
