/**
 * Platform insights cached in Redis for a few minutes (issue "Ad platforms" §3: reports cached
 * 5 minutes), so a report, then its analysis, then a retried activity do not call the platform
 * again. Keys carry the user, platform, account, level and date span.
 */
import type { Redis } from 'ioredis';
import type { AdAccount, DateSpan, InsightRow, Level } from '../../domain/ads/types.js';

const PREFIX = 'ads:insights:v1';

/** The cache key of one fetch. */
export function insightsCacheKey(userId: string, account: AdAccount, level: Level, span: DateSpan): string {
  return `${PREFIX}:${userId}:${account.platform}:${account.account_id}:${level}:${span.since}:${span.until}`;
}

/**
 * Returns the cached rows or fetches and caches them.
 * @param ttlSeconds 0 disables the cache
 */
export async function cachedInsights(
  redis: Redis,
  ttlSeconds: number,
  key: string,
  fetchRows: () => Promise<InsightRow[]>,
): Promise<{ rows: InsightRow[]; cached: boolean }> {
  if (ttlSeconds > 0) {
    const hit = await redis.get(key);
    if (hit !== null) return { rows: JSON.parse(hit) as InsightRow[], cached: true };
  }
  const rows = await fetchRows();
  if (ttlSeconds > 0) await redis.set(key, JSON.stringify(rows), 'EX', ttlSeconds);
  return { rows, cached: false };
}
