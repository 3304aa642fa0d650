/**
 * TikTok Business API v1.3 answers → the normalised format (seed 001 property 14: one result format
 * across platforms; 需求 7.4). Pure functions, no I/O. Money stays in major units: TikTok sends
 * budgets as major-unit numbers and report money as major-unit decimal strings ("12.34").
 */
import type { AppError } from '../../../domain/errors.js';
import { platformError } from '../errors.js';
import { roundMajor } from '../../../domain/ads/money.js';
import type { InsightRow, Level, NormalizedStatus, PlatformObject } from '../../../domain/ads/types.js';
import { REPORT_LEVELS, REPORT_METRICS } from '../../../domain/ads/tiktok-enums.js';

/**
 * The normalised status of a campaign, ad group or ad from its `operation_status` (what the
 * advertiser set: ENABLE / DISABLE) and `secondary_status` (what delivery shows, Enumeration -
 * Secondary Status: CAMPAIGN_STATUS_*, ADGROUP_STATUS_*, AD_STATUS_*). Total: any pair of strings maps
 * to one status, first rule that applies wins:
 * 1. DELETE (own or a parent's: `*_DELETE`, `*_CAMPAIGN_DELETE`; not `*_NOT_DELETE`) or operation DELETE → deleted;
 * 2. review denied (`*_AUDIT_DENY`, `*_NOT_APPROVE*`, `*_REJECT*`) → rejected;
 * 3. operation DISABLE → paused;
 * 4. in review (`*_AUDIT`, `*_REAUDIT`, `*_ADVERTISER_AUDIT`, `ADVERTISER_CONTRACT_PENDING`) → pending_review;
 * 5. operation ENABLE → active, whatever else delivery says (a paused parent `*_CAMPAIGN_DISABLE`,
 *    budget or balance exhausted `*_BUDGET_EXCEED` / `*_BALANCE_EXCEED`, not started, finished): the
 *    object itself is on; `platform_status` keeps the secondary status for the details;
 * 6. no known operation status: secondary `*_DISABLE` or anything not delivering → paused, else active.
 */
export function normaliseStatus(operationStatus: string | undefined, secondaryStatus: string | undefined): NormalizedStatus {
  const op = (operationStatus ?? '').toUpperCase();
  const sec = (secondaryStatus ?? '').toUpperCase();
  if (op === 'DELETE' || (/DELETE/.test(sec) && !/NOT_DELETE/.test(sec))) return 'deleted';
  if (/AUDIT_DENY|NOT_APPROVE|REJECT/.test(sec)) return 'rejected';
  if (op === 'DISABLE') return 'paused';
  if (/(^|_)(RE)?AUDIT$|CONTRACT_PENDING/.test(sec)) return 'pending_review';
  if (op === 'ENABLE') return 'active';
  return /DELIVERY_OK|_ENABLE$/.test(sec) ? 'active' : 'paused';
}

/**
 * "2026-11-20 00:00:00" (a report's `stat_time_day`) → "2026-11-20". A bare ISO date passes through.
 * @throws AppError 4000 for anything else (a malformed answer)
 */
export function statTimeDayToIso(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T]00:00:00)?$/.exec(value);
  if (!m?.[1]) throw malformed(`stat_time_day ${JSON.stringify(value)} is not a day`);
  return m[1];
}

/**
 * A report metric value as a number: TikTok sends numbers as strings ("12.34", "1000"); a missing,
 * empty or "-" value (no data) is 0.
 * @throws AppError 4000 for a value that is not a number (a malformed answer)
 */
export function metricNumber(value: unknown): number {
  if (value === undefined || value === null || value === '' || value === '-') return 0;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.replaceAll(',', '')) : Number.NaN;
  if (!Number.isFinite(n)) throw malformed(`metric value ${JSON.stringify(value)} is not a number`);
  return n;
}

/** One row of /report/integrated/get/ (`data.list[]`): dimensions and metrics, values as strings. */
export interface TikTokReportRow {
  dimensions: Record<string, unknown>;
  metrics: Record<string, unknown>;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' && v !== '-' ? v : typeof v === 'number' ? String(v) : undefined);

/**
 * A report row (dimensions [id, stat_time_day]) → an InsightRow: counts as integers, spend and
 * revenue (`total_complete_payment_rate`) in major units rounded to the currency, the date as ISO.
 * Attribute metrics (`campaign_id`, `adgroup_id`, `*_name`) fill the parents and the name when present.
 * @throws AppError 4000 when the row has no id or day, or a value is not a number
 */
export function reportRowToInsight(row: TikTokReportRow, level: Level, currency: string): InsightRow {
  const { id_dimension, name_metric } = REPORT_LEVELS[level];
  const id = text(row.dimensions[id_dimension]);
  const day = text(row.dimensions.stat_time_day);
  if (!id || !day) throw malformed(`report row without ${id_dimension} or stat_time_day`);
  const m = row.metrics;
  const name = text(m[name_metric]);
  const campaignId = level === 'campaign' ? id : text(m.campaign_id);
  const adsetId = level === 'adset' ? id : level === 'ad' ? text(m.adgroup_id) : undefined;
  return {
    platform: 'tiktok',
    level,
    id,
    ...(name !== undefined ? { name } : {}),
    ...(campaignId !== undefined ? { campaign_id: campaignId } : {}),
    ...(adsetId !== undefined ? { adset_id: adsetId } : {}),
    date: statTimeDayToIso(day),
    impressions: Math.round(metricNumber(m[REPORT_METRICS.impressions])),
    clicks: Math.round(metricNumber(m[REPORT_METRICS.clicks])),
    spend: roundMajor(metricNumber(m[REPORT_METRICS.spend]), currency),
    conversions: metricNumber(m[REPORT_METRICS.conversions]),
    revenue: roundMajor(metricNumber(m[REPORT_METRICS.revenue]), currency),
    currency,
  };
}

/** The fields of a campaign, ad group or ad the adapter reads (`/campaign/get/` etc. list items). */
export interface TikTokObject {
  campaign_id?: string;
  adgroup_id?: string;
  ad_id?: string;
  campaign_name?: string;
  adgroup_name?: string;
  ad_name?: string;
  operation_status?: string;
  secondary_status?: string;
  budget_mode?: string;
  budget?: number;
}

/**
 * A TikTok object → PlatformObject. The daily budget (major units) is set only for BUDGET_MODE_DAY;
 * BUDGET_MODE_INFINITE / TOTAL have none. `platform_status` is the secondary status (else the
 * operation status). The name is TikTok's, request-key suffix included (see request-key.ts).
 * @throws AppError 4000 when the object lacks its id or name (a malformed answer)
 */
export function toPlatformObject(obj: TikTokObject, level: Level, currency: string): PlatformObject {
  const id = level === 'campaign' ? obj.campaign_id : level === 'adset' ? obj.adgroup_id : obj.ad_id;
  const name = level === 'campaign' ? obj.campaign_name : level === 'adset' ? obj.adgroup_name : obj.ad_name;
  if (!id || name === undefined) throw malformed(`${level} without id or name`);
  const daily = level !== 'ad' && obj.budget_mode === 'BUDGET_MODE_DAY' && typeof obj.budget === 'number';
  return {
    platform: 'tiktok',
    level,
    id,
    name,
    status: normaliseStatus(obj.operation_status, obj.secondary_status),
    platform_status: obj.secondary_status ?? obj.operation_status ?? '',
    ...(daily ? { daily_budget: roundMajor(obj.budget as number, currency) } : {}),
    currency,
    ...(level !== 'campaign' && obj.campaign_id ? { campaign_id: obj.campaign_id } : {}),
    ...(level === 'ad' && obj.adgroup_id ? { adset_id: obj.adgroup_id } : {}),
  };
}

/** A 4000 for an answer that does not have the documented shape. */
export function malformed(what: string): AppError {
  return platformError('4000', 'tiktok', { reason: 'malformed_answer', platform_message: what });
}
