/**
 * Seed 001 correctness properties 16 (状态查询完整性) and 17 (缓存降级机制) as fast-check properties:
 * campaignStatusWithCache over the real AdsService (accounts from the Web Platform sandbox's
 * get_ad_accounts, adapters against the ads sandbox, the sandbox clock) and the real Redis of the
 * integration services. Nothing is mocked; platform failures are the ads sandbox's injected faults.
 *
 * Every run uses a fresh sandbox user, so its cache keys and platform state are its own; faults
 * are cleared after every run and the keys written are deleted at the end.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  campaignStatusKey,
  campaignStatusWithCache,
  STATUS_FRESH_SECONDS,
  STATUS_KEEP_SECONDS,
  type CampaignStatus,
  type CampaignStatusRequest,
  type ObjectStatus,
} from '../../src/integrations/ads/campaign-status.js';
import { createReportClock } from '../../src/integrations/ads/clock.js';
import { AdsService } from '../../src/integrations/ads/service.js';
import { AppError, type ErrorCode } from '../../src/domain/errors.js';
import { WebPlatformClient } from '../../src/integrations/mcp/web-platform-client.js';
import type { Metrics } from '../../src/domain/ads/metrics.js';
import type { NormalizedStatus, Platform } from '../../src/domain/ads/types.js';
import { sandboxAccount } from '../../src/sandboxes/ads/accounts.js';
import { addDays } from '../../src/sandboxes/ads/clock.js';
import { startAdsSandbox, type RunningAdsSandbox } from '../../src/sandboxes/ads/server.js';
import type { FaultMode, WorldObject } from '../../src/sandboxes/ads/world-api.js';
import { startWebPlatformSandbox, type RunningWebPlatformSandbox } from '../../src/sandboxes/web-platform/server.js';
import { services } from './services.js';

const TODAY = '2026-11-23';
const TOKEN = 'campaign-status-property-token-0123456789';
const RUNS = { numRuns: 100 };
const NORMALISED: readonly NormalizedStatus[] = ['pending_review', 'active', 'paused', 'deleted', 'rejected'];
const PLATFORM = fc.constantFrom<Platform>('meta', 'tiktok', 'google');
const DAYS = fc.integer({ min: 1, max: 30 });
/** Platform failures the fallback covers, and the code each one is reported with. */
const FALLBACK_FAULTS = { token_expired: '6001', server_error: '4000', rate_limit: '1003', quota: '1005' } as const satisfies Partial<
  Record<FaultMode, ErrorCode>
>;
const FAULT = fc.constantFrom(...(Object.keys(FALLBACK_FAULTS) as Array<keyof typeof FALLBACK_FAULTS>));

let ads: RunningAdsSandbox;
let webPlatform: RunningWebPlatformSandbox;
let client: WebPlatformClient;
let redis: Redis;
let service: AdsService;
const keys = new Set<string>();

beforeAll(async () => {
  ads = await startAdsSandbox({ port: 0, today: TODAY });
  webPlatform = await startWebPlatformSandbox({ port: 0, serviceToken: TOKEN, adsUrl: ads.url });
  client = new WebPlatformClient({ baseUrl: webPlatform.url, token: TOKEN, transport: 'execute', timeoutMs: 10_000 });
  redis = new Redis(services().redisUrl);
  service = new AdsService({
    webPlatform: client,
    redis,
    adapters: { metaApiVersion: 'v26.0', googleAdsApiVersion: 'v26', timeoutMs: 10_000 },
    cacheTtlSeconds: 0,
    clock: createReportClock(ads.url),
  });
});

afterEach(() => ads?.world.clearFaults());

afterAll(async () => {
  if (redis && keys.size > 0) await redis.del(...keys);
  redis?.disconnect();
  await client?.close();
  await webPlatform?.close();
  await ads?.close();
});

const world = () => ads.world;

/** A fresh seeded user and one of its campaigns on `platform` (by `pick`). */
function seededCampaign(platform: Platform, pick: number): { user: string; campaign: WorldObject } {
  const user = `p16-${randomUUID().slice(0, 12)}`;
  world().ensureUser(user);
  const campaigns = world().objects(user, { platform, level: 'campaign' });
  return { user, campaign: campaigns[pick % campaigns.length]! };
}

/** A status read; `now` shifts the clock the cache ages are computed with. */
function read(req: CampaignStatusRequest, now?: () => number): Promise<CampaignStatus> {
  keys.add(campaignStatusKey(req.userId, req.platform, req.campaignId, req.days ?? 7));
  return campaignStatusWithCache({ ads: service, redis, ...(now ? { now } : {}) }, req);
}

/** The world's own sums for one object over a span. */
function truth(platform: Platform, user: string, level: 'campaign' | 'adset' | 'ad', id: string, span: { since: string; until: string }) {
  const rows = world()
    .stats(platform, sandboxAccount(platform, user).account_id, level, span.since, span.until)
    .filter((r) => r.id === id);
  const sum = (f: 'impressions' | 'clicks' | 'spend' | 'conversions' | 'revenue') => rows.reduce((s, r) => s + r[f], 0);
  return { impressions: sum('impressions'), clicks: sum('clicks'), spend: sum('spend'), conversions: sum('conversions'), revenue: sum('revenue') };
}

/** The key metrics are present and consistent with each other (ratios null when their denominator is 0). */
function expectConsistentMetrics(m: Metrics): void {
  expect(Object.keys(m).sort()).toEqual(['clicks', 'conversions', 'cpa', 'cpc', 'cpm', 'ctr', 'impressions', 'revenue', 'roas', 'spend']);
  for (const f of ['impressions', 'clicks', 'spend', 'conversions', 'revenue'] as const) {
    expect(Number.isFinite(m[f])).toBe(true);
    expect(m[f]).toBeGreaterThanOrEqual(0);
  }
  expect(Math.round(m.spend * 100) / 100).toBe(m.spend);
  expect(Math.round(m.revenue * 100) / 100).toBe(m.revenue);
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  const close = (actual: number | null, expected: number | null) => {
    if (expected === null) expect(actual).toBeNull();
    else expect(actual).toBeCloseTo(expected, 9);
  };
  close(m.roas, ratio(m.revenue, m.spend));
  close(m.cpa, ratio(m.spend, m.conversions));
  close(m.ctr, ratio(m.clicks, m.impressions));
  close(m.cpc, ratio(m.spend, m.clicks));
  close(m.cpm, m.impressions > 0 ? (m.spend / m.impressions) * 1000 : null);
}

/** Sums of money over children equal the parent's, up to rounding each child to cents. */
function expectSumsTo(children: readonly ObjectStatus[], parent: Metrics): void {
  const tolerance = 0.005 * (children.length + 1) + 1e-9;
  const sum = (f: 'spend' | 'revenue') => children.reduce((s, c) => s + c.metrics[f], 0);
  expect(Math.abs(sum('spend') - parent.spend)).toBeLessThanOrEqual(tolerance);
  expect(Math.abs(sum('revenue') - parent.revenue)).toBeLessThanOrEqual(tolerance);
  for (const f of ['impressions', 'clicks', 'conversions'] as const) expect(children.reduce((s, c) => s + c.metrics[f], 0)).toBe(parent[f]);
}

describe('property 16: campaign status completeness', () => {
  it('property 16: for any seeded campaign on any platform and any span, the status holds the campaign, its ad sets and its ads with spend, revenue, ROAS, CPA and the other metrics, consistent with each other and with the platform', async () => {
    await fc.assert(
      fc.asyncProperty(PLATFORM, fc.nat(), DAYS, async (platform, pick, days) => {
        const { user, campaign } = seededCampaign(platform, pick);
        const result = await read({ userId: user, platform, campaignId: campaign.id, days });

        expect(result).toMatchObject({ platform, currency: 'USD', cached: false, stale: false });
        expect(result.span).toEqual({ since: addDays(TODAY, -(days - 1)), until: TODAY });
        expect(Number.isNaN(Date.parse(result.fetched_at))).toBe(false);
        expect(result.campaign).toMatchObject({ level: 'campaign', id: campaign.id, name: campaign.name, currency: 'USD' });
        expect(result.metrics).toEqual(result.campaign.metrics);

        // The campaign's live ad sets, and the live ads under them, as the platform has them.
        const adsets = world()
          .objects(user, { platform, level: 'adset' })
          .filter((s) => s.campaign_id === campaign.id && s.status !== 'deleted');
        const adsetIds = new Set(adsets.map((s) => s.id));
        const adsOf = world()
          .objects(user, { platform, level: 'ad' })
          .filter((a) => a.adset_id !== undefined && adsetIds.has(a.adset_id) && a.status !== 'deleted');
        expect(result.adsets.map((s) => s.id).sort()).toEqual([...adsetIds].sort());
        expect(result.ads.map((a) => a.id).sort()).toEqual(adsOf.map((a) => a.id).sort());

        const all: Array<[ObjectStatus, WorldObject]> = [
          [result.campaign, campaign],
          ...result.adsets.map((s): [ObjectStatus, WorldObject] => [s, adsets.find((w) => w.id === s.id)!]),
          ...result.ads.map((a): [ObjectStatus, WorldObject] => [a, adsOf.find((w) => w.id === a.id)!]),
        ];
        for (const [o, w] of all) {
          expect(NORMALISED).toContain(o.status);
          if (w.status === 'paused') expect(o.status).toBe('paused');
          expect(o.daily_budget).toBe(w.daily_budget);
          if (o.level !== 'campaign') expect(o.campaign_id).toBe(campaign.id);
          if (o.level === 'ad') expect(adsetIds.has(o.adset_id!)).toBe(true);
          expectConsistentMetrics(o.metrics);
          // Equal to the platform's own delivery over the span.
          const t = truth(platform, user, o.level, o.id, result.span);
          expect(o.metrics.impressions).toBe(t.impressions);
          expect(o.metrics.clicks).toBe(t.clicks);
          expect(o.metrics.conversions).toBeCloseTo(t.conversions, 6);
          expect(o.metrics.spend).toBeCloseTo(t.spend, 2);
          expect(o.metrics.revenue).toBeCloseTo(t.revenue, 2);
        }

        // Ads add up to their ad set, ad sets to the campaign.
        expectSumsTo(result.adsets, result.campaign.metrics);
        for (const s of result.adsets) {
          expectSumsTo(
            result.ads.filter((a) => a.adset_id === s.id),
            s.metrics,
          );
        }

        // The read is kept as the fallback copy.
        const key = campaignStatusKey(user, platform, campaign.id, days);
        const ttl = await redis.ttl(key);
        expect(ttl).toBeGreaterThan(STATUS_FRESH_SECONDS);
        expect(ttl).toBeLessThanOrEqual(STATUS_KEEP_SECONDS);
      }),
      RUNS,
    );
  });
});

describe('property 17: cached fallback', () => {
  it('property 17: for any seeded campaign and platform failure, the last read is returned (stale, with its age) when the platform fails, and a coded error when nothing is cached', async () => {
    await fc.assert(
      fc.asyncProperty(
        PLATFORM,
        fc.nat(),
        DAYS,
        FAULT,
        fc.boolean(),
        fc.boolean(),
        // how much later the failing read happens, ms (up to the 7 days the copy is kept)
        fc.oneof(fc.integer({ min: 0, max: STATUS_FRESH_SECONDS * 1000 - 5_000 }), fc.integer({ min: 0, max: STATUS_KEEP_SECONDS * 1000 - 60_000 })),
        async (platform, pick, days, mode, hasCopy, refresh, laterMs) => {
          const { user, campaign } = seededCampaign(platform, pick);
          const req: CampaignStatusRequest = { userId: user, platform, campaignId: campaign.id, days };
          const fresh = hasCopy ? await read(req) : undefined;

          world().addFault({ platform, mode });
          const now = () => Date.now() + laterMs;
          const code = FALLBACK_FAULTS[mode];

          if (!fresh) {
            const err = await read({ ...req, refresh }, now).then(
              () => undefined,
              (e: unknown) => e,
            );
            expect(err).toBeInstanceOf(AppError);
            const e = err as AppError;
            expect(e.code).toBe(code);
            expect(e.message).toMatch(/no cached copy/);
            expect(e.details).toMatchObject({ platform, campaign_id: campaign.id, cached: false });
            world().clearFaults();
            return;
          }

          const result = await read({ ...req, refresh }, now);
          const { cached, stale, age_seconds, platform_error, ...rest } = result;
          const { cached: _c, stale: _s, ...freshRest } = fresh;
          // Same campaign, ad sets, ads, metrics, span and fetch time as the last read.
          expect(rest).toEqual(freshRest);
          expect(cached).toBe(true);
          expect(age_seconds).toBeGreaterThanOrEqual(0);
          const minAge = Math.floor(laterMs / 1000);
          expect(age_seconds).toBeGreaterThanOrEqual(minAge);
          expect(age_seconds).toBeLessThanOrEqual(minAge + 30);
          if (!refresh && age_seconds! < STATUS_FRESH_SECONDS) {
            // A copy under 5 minutes old is served as is, without asking the platform.
            expect(stale).toBe(false);
            expect(platform_error).toBeUndefined();
          } else {
            expect(stale).toBe(true);
            expect(platform_error?.code).toBe(code);
            expect(platform_error?.message.length).toBeGreaterThan(0);
          }

          // The platform is back: a fresh read, not stale, and the copy is rewritten.
          world().clearFaults();
          const back = await read({ ...req, refresh: true });
          expect(back).toMatchObject({ cached: false, stale: false });
          expect(back.campaign.id).toBe(campaign.id);
          const entry = JSON.parse((await redis.get(campaignStatusKey(user, platform, campaign.id, days)))!) as { fetched_at: number };
          expect(entry.fetched_at).toBe(Date.parse(back.fetched_at));
        },
      ),
      RUNS,
    );
  });
});
