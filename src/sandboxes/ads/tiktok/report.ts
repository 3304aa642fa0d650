/**
 * GET /report/integrated/get/ of the sandbox's TikTok facade: synchronous BASIC reports over the
 * world's delivery (seed 001 需求 7.2 / 8; property 14). Rows are `{dimensions, metrics}` with every
 * value a string ("12.34", "1000"), days as "YYYY-MM-DD 00:00:00", money in major units; only
 * objects and days with delivery appear, deleted objects included (the sandbox applies no status
 * filter). Rules emulated: data_level AUCTION_ADVERTISER / CAMPAIGN / ADGROUP / AD with its id
 * dimension and/or stat_time_day; at most 30 days with stat_time_day; page_size at most 1000;
 * attribute metrics (names, parent ids) only next to the id dimension. Unsupported → 40002.
 */
import { z } from 'zod';
import { sumMetrics, type BaseMetrics } from '../../../domain/ads/metrics.js';
import { TIKTOK_REPORT_MAX_DAYS } from '../../../domain/ads/tiktok-enums.js';
import type { Level } from '../../../domain/ads/types.js';
import { addDays, isIsoDate } from '../clock.js';
import type { WorldDayStat } from '../world-api.js';
import { dateTime, PagingParams, paginate, paramError, validate, type TikTokCall } from './wire.js';

const LEVELS = {
  AUCTION_ADVERTISER: { level: 'campaign', id: 'advertiser_id' },
  AUCTION_CAMPAIGN: { level: 'campaign', id: 'campaign_id' },
  AUCTION_ADGROUP: { level: 'adset', id: 'adgroup_id' },
  AUCTION_AD: { level: 'ad', id: 'ad_id' },
} as const satisfies Record<string, { level: Level; id: string }>;

type DataLevel = keyof typeof LEVELS;

const fixed2 = (n: number) => n.toFixed(2);
const ratio = (a: number, b: number, scale = 1) => fixed2(b > 0 ? (a / b) * scale : 0);

/** Performance metrics from a row's summed delivery (ctr and conversion_rate in percent, as TikTok shows them). */
const PERFORMANCE: Record<string, (m: BaseMetrics) => string> = {
  spend: (m) => fixed2(m.spend),
  impressions: (m) => String(m.impressions),
  clicks: (m) => String(m.clicks),
  conversion: (m) => String(m.conversions),
  complete_payment: (m) => String(m.conversions),
  total_complete_payment_rate: (m) => fixed2(m.revenue),
  complete_payment_roas: (m) => ratio(m.revenue, m.spend),
  ctr: (m) => ratio(m.clicks, m.impressions, 100),
  cpc: (m) => ratio(m.spend, m.clicks),
  cpm: (m) => ratio(m.spend, m.impressions, 1000),
  cost_per_conversion: (m) => ratio(m.spend, m.conversions),
  cost_per_complete_payment: (m) => ratio(m.spend, m.conversions),
  conversion_rate: (m) => ratio(m.conversions, m.clicks, 100),
};

/** Attribute metrics per data level (object names and parent ids), allowed with the id dimension. */
const ATTRIBUTES: Record<DataLevel, readonly string[]> = {
  AUCTION_ADVERTISER: [],
  AUCTION_CAMPAIGN: ['campaign_name'],
  AUCTION_ADGROUP: ['adgroup_name', 'campaign_id', 'campaign_name'],
  AUCTION_AD: ['ad_name', 'adgroup_id', 'adgroup_name', 'campaign_id', 'campaign_name'],
};

const ReportParams = PagingParams.extend({
  report_type: z.string().min(1),
  data_level: z.enum(Object.keys(LEVELS) as [DataLevel, ...DataLevel[]]).default('AUCTION_ADVERTISER'),
  dimensions: z.array(z.string().min(1)).min(1).max(4),
  metrics: z.array(z.string().min(1)).min(1).default(['spend', 'impressions']),
  start_date: z.string().refine(isIsoDate, 'Date format should be %Y-%m-%d.'),
  end_date: z.string().refine(isIsoDate, 'Date format should be %Y-%m-%d.'),
  filtering: z.never({ error: 'Report filtering is not supported by the sandbox.' }).optional(),
});

/** GET /report/integrated/get/ → {list: [{dimensions, metrics}], page_info}. */
export function integratedReport(call: TikTokCall): Record<string, unknown> {
  const p = validate(ReportParams, call.params);
  if (p.report_type !== 'BASIC') throw paramError(`report_type: ${p.report_type} is not supported by the sandbox; use BASIC.`);
  const { level, id } = LEVELS[p.data_level];
  const byDay = p.dimensions.includes('stat_time_day');
  const byId = p.dimensions.includes(id);
  const extra = p.dimensions.find((d) => d !== id && d !== 'stat_time_day');
  if (extra !== undefined || new Set(p.dimensions).size !== p.dimensions.length) {
    throw paramError(`dimensions: Invalid dimensions for ${p.data_level}; use ${id} and/or stat_time_day.`);
  }
  if (p.end_date < p.start_date) throw paramError('end_date: The end date must not be earlier than the start date.');
  if (byDay && p.end_date > addDays(p.start_date, TIKTOK_REPORT_MAX_DAYS - 1)) {
    throw paramError(`start_date: The time span cannot exceed ${TIKTOK_REPORT_MAX_DAYS} days when stat_time_day is a dimension.`);
  }
  const attributes = byId ? ATTRIBUTES[p.data_level] : [];
  const invalid = p.metrics.filter((m) => !(m in PERFORMANCE) && !attributes.includes(m));
  if (invalid.length > 0) throw paramError(`metrics: Invalid metric fields: ${JSON.stringify(invalid)}.`);

  const stats = call.world.stats('tiktok', call.account.account_id, level, p.start_date, p.end_date);
  /** rows grouped by the asked dimensions, in the world's order (object creation, then day). */
  const groups = new Map<string, { id?: string; date?: string; first: WorldDayStat; rows: WorldDayStat[] }>();
  for (const s of stats) {
    const groupId = byId ? (p.data_level === 'AUCTION_ADVERTISER' ? call.account.account_id : s.id) : undefined;
    const date = byDay ? s.date : undefined;
    const key = `${groupId ?? ''}|${date ?? ''}`;
    const group = groups.get(key);
    if (group) group.rows.push(s);
    else groups.set(key, { ...(groupId !== undefined ? { id: groupId } : {}), ...(date !== undefined ? { date } : {}), first: s, rows: [s] });
  }
  const rows = [...groups.values()].map((g) => {
    const sum = sumMetrics(g.rows);
    const metrics: Record<string, string> = {};
    for (const m of p.metrics) metrics[m] = m in PERFORMANCE ? PERFORMANCE[m]!(sum) : attribute(call, g.first, m);
    return {
      dimensions: { ...(g.id !== undefined ? { [id]: g.id } : {}), ...(g.date !== undefined ? { stat_time_day: dateTime(g.date) } : {}) },
      metrics,
    };
  });
  return paginate(rows, p.page, p.page_size);
}

/** An attribute metric of a stat row's object: its name, its parents' ids and names. */
function attribute(call: TikTokCall, s: WorldDayStat, metric: string): string {
  const nameOf = (objId: string | undefined) => (objId ? (call.world.get('tiktok', objId)?.name ?? '') : '');
  switch (metric) {
    case 'campaign_id':
      return s.campaign_id;
    case 'adgroup_id':
      return s.adset_id ?? '';
    case 'campaign_name':
      return s.level === 'campaign' ? s.name : nameOf(s.campaign_id);
    case 'adgroup_name':
      return s.level === 'adset' ? s.name : nameOf(s.adset_id);
    default:
      return s.name;
  }
}
