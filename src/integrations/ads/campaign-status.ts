/**
 * get_campaign_status (issue "Campaign automation" §6; seed 001 需求 8.1-8.5, properties 16 and 17):
 * a campaign, its ad sets and its ads with status, budget and key metrics (spend, revenue, ROAS,
 * CPA, plus impressions, clicks, conversions, CTR, CPC, CPM), read from the platform, with a Redis
 * copy for when the platform fails.
 *
 * Cache (key `campaign_status:v1:<user>:<platform>:<campaign>:<days>d`, JSON `{fetched_at, status}`):
 * - every read from the platform rewrites it, kept {@link STATUS_KEEP_SECONDS} (7 days) as the
 *   fallback copy;
 * - a copy under {@link STATUS_FRESH_SECONDS} (5 minutes) old is served as is (`cached: true`,
 *   `stale: false`), so repeated questions do not call the platform (unless `refresh`);
 * - when the platform fails (unavailable, rate limited, token expired, quota...), the last copy is
 *   returned with `stale: true`, its `age_seconds` and the failure's code and message;
 * - with neither platform nor copy, the platform's coded error is raised with `cached: false` in
 *   its details. Errors about the request itself (1001 invalid, 1004 no such campaign, 6000 no
 *   account) are raised at once: an old copy would hide them.
 *
 * Metrics cover the last `days` days (default 7) with today's partial day included (需求 8.1
 * "实时数据"). Money in MAJOR units of the account currency; ctr a fraction; roas a ratio.
 */
import type { Redis } from 'ioredis';
import { AppError, type ErrorCode } from '../../domain/errors.js';
import type { Platform } from '../../domain/chat/intent.js';
import { sumMetrics, withRatios, type BaseMetrics, type Metrics } from '../../domain/ads/metrics.js';
import { roundMajor } from '../../domain/ads/money.js';
import { displayName } from '../../domain/ads/request-key.js';
import type { InsightRow, PlatformObject } from '../../domain/ads/types.js';
import { addDays } from '../../domain/reporting/periods.js';
import { DEFAULT_STATUS_DAYS } from '../../domain/campaign-ops/operation-inputs.js';
import type { AdsService } from './service.js';

/** Seconds a cached status is served without calling the platform (5 minutes). */
export const STATUS_FRESH_SECONDS = 300;
/** Seconds the last status is kept as the fallback copy (7 days). */
export const STATUS_KEEP_SECONDS = 7 * 86_400;

/** One object (its name without the request-key suffix) with its metrics over the span. */
export interface ObjectStatus extends Omit<PlatformObject, 'platform'> {
  /** metrics over the span (spend, revenue in major units). */
  metrics: Metrics;
}

/** A campaign's status (seed 需求 8.2-8.3, property 16). */
export interface CampaignStatus {
  platform: Platform;
  campaign: ObjectStatus;
  adsets: ObjectStatus[];
  ads: ObjectStatus[];
  /** the campaign's totals over the span (same as campaign.metrics). */
  metrics: Metrics;
  /** the days the metrics cover, today (partial) included. */
  span: { since: string; until: string };
  currency: string;
  /** when the platform was read, ISO timestamp. */
  fetched_at: string;
  /** true when served from the cache (fresh copy, or the fallback). */
  cached: boolean;
  /** true when the platform failed and this is the last cached copy (seed 需求 8.4, property 17). */
  stale: boolean;
  /** seconds since `fetched_at`, for cached answers. */
  age_seconds?: number;
  /** why the platform could not be read (stale answers). */
  platform_error?: { code: string; message: string };
}

interface CachedStatus {
  fetched_at: number;
  status: CampaignStatus;
}

/** What a status read needs. */
export interface CampaignStatusDeps {
  ads: AdsService;
  redis: Redis;
  /** the current time in ms (tests); default Date.now. */
  now?: () => number;
}

export interface CampaignStatusRequest {
  userId: string;
  platform: Platform;
  campaignId: string;
  /** days of metrics, today included (default 7). */
  days?: number;
  /** true: skip the fresh-copy shortcut and read the platform. */
  refresh?: boolean;
}

/** Errors about the request itself: an old copy must not hide them. */
const NO_FALLBACK: ReadonlySet<ErrorCode> = new Set(['1001', '1004', '1006', '6000']);

/** The Redis key of a campaign's status. */
export function campaignStatusKey(userId: string, platform: Platform, campaignId: string, days: number): string {
  return `campaign_status:v1:${encodeURIComponent(userId)}:${platform}:${campaignId}:${days}d`;
}

const ZERO: BaseMetrics = { impressions: 0, clicks: 0, spend: 0, conversions: 0, revenue: 0 };

function metricsOf(rows: readonly InsightRow[], currency: string): Metrics {
  const sum = rows.length > 0 ? sumMetrics(rows) : ZERO;
  return withRatios({ ...sum, spend: roundMajor(sum.spend, currency), revenue: roundMajor(sum.revenue, currency) });
}

function objectStatus(o: PlatformObject, rows: readonly InsightRow[]): ObjectStatus {
  return {
    level: o.level,
    id: o.id,
    name: displayName(o.name),
    status: o.status,
    platform_status: o.platform_status,
    ...(o.daily_budget !== undefined ? { daily_budget: o.daily_budget } : {}),
    currency: o.currency,
    ...(o.campaign_id !== undefined ? { campaign_id: o.campaign_id } : {}),
    ...(o.adset_id !== undefined ? { adset_id: o.adset_id } : {}),
    metrics: metricsOf(
      rows.filter((r) => r.id === o.id),
      o.currency,
    ),
  };
}

/** Reads the campaign, its ad sets and ads, and their daily rows over the span, from the platform. */
async function readPlatform(deps: CampaignStatusDeps, req: CampaignStatusRequest, days: number): Promise<CampaignStatus> {
  const { adapter, account } = await deps.ads.on(req.userId, req.platform);
  const today = await deps.ads.today();
  const span = { since: addDays(today, -(days - 1)), until: today };
  const [campaign, adsets, campaignRows, adsetRows, adRows] = await Promise.all([
    adapter.get('campaign', req.campaignId),
    adapter.list('adset', req.campaignId),
    adapter.insights('campaign', span),
    adapter.insights('adset', span),
    adapter.insights('ad', span),
  ]);
  const ads = (await Promise.all(adsets.map((s) => adapter.list('ad', s.id)))).flat();
  const status = objectStatus(campaign, campaignRows);
  return {
    platform: req.platform,
    campaign: status,
    adsets: adsets.map((s) => objectStatus(s, adsetRows)),
    ads: ads.map((a) => objectStatus(a, adRows)),
    metrics: status.metrics,
    span,
    currency: campaign.currency || account.currency,
    fetched_at: new Date((deps.now ?? Date.now)()).toISOString(),
    cached: false,
    stale: false,
  };
}

/**
 * A campaign's status with the Redis cache and fallback described in the module comment.
 * @throws AppError 1001/1004/6000 at once; the platform's code (retryable ones retried by the
 *   activity's policy) with details.cached = false when the platform fails and nothing is cached
 */
export async function campaignStatusWithCache(deps: CampaignStatusDeps, req: CampaignStatusRequest): Promise<CampaignStatus> {
  const now = deps.now ?? Date.now;
  const days = req.days ?? DEFAULT_STATUS_DAYS;
  const key = campaignStatusKey(req.userId, req.platform, req.campaignId, days);
  const readCache = async (): Promise<CachedStatus | undefined> => {
    try {
      const raw = await deps.redis.get(key);
      return raw === null ? undefined : (JSON.parse(raw) as CachedStatus);
    } catch {
      return undefined; // a Redis outage must not hide a platform answer
    }
  };
  const ageOf = (c: CachedStatus) => Math.max(0, Math.floor((now() - c.fetched_at) / 1000));

  if (!req.refresh) {
    const hit = await readCache();
    if (hit && ageOf(hit) < STATUS_FRESH_SECONDS) return { ...hit.status, cached: true, stale: false, age_seconds: ageOf(hit) };
  }
  try {
    const status = await readPlatform(deps, req, days);
    const entry: CachedStatus = { fetched_at: Date.parse(status.fetched_at), status };
    await deps.redis.set(key, JSON.stringify(entry), 'EX', STATUS_KEEP_SECONDS).catch(() => undefined);
    return status;
  } catch (err) {
    const code: ErrorCode = err instanceof AppError ? err.code : '4000';
    if (NO_FALLBACK.has(code)) throw err;
    const copy = await readCache();
    const message = err instanceof Error ? err.message : String(err);
    if (copy) {
      return { ...copy.status, cached: true, stale: true, age_seconds: ageOf(copy), platform_error: { code, message } };
    }
    const details = err instanceof AppError ? err.details : {};
    throw new AppError(code, `The campaign status is unavailable: ${message}; no cached copy exists`, {
      ...details,
      platform: req.platform,
      campaign_id: req.campaignId,
      cached: false,
    });
  }
}
