/**
 * get_campaign_status end to end (issue "Campaign automation" §6, acceptance 6; seed 001 需求
 * 8.1-8.5, properties 16 and 17): campaignStatusWorkflow on a real Temporal dev server → the
 * activity → the Meta adapter → the ads sandbox, with the Redis copy for when the platform fails.
 */
import { randomUUID } from 'node:crypto';
import { ActivityFailure, ApplicationFailure, WorkflowFailedError, type Client } from '@temporalio/client';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { campaignStatusKey, STATUS_KEEP_SECONDS, type CampaignStatus } from '../../src/integrations/ads/campaign-status.js';
import type { CampaignStatusInput } from '../../src/domain/campaign-ops/operation-inputs.js';
import { newUser, startSystem, type System } from './harness.js';
import { services } from './services.js';

let system: System;
let client: Client;
let redis: Redis;
beforeAll(async () => {
  system = await startSystem(services());
  client = system.temporal;
  redis = system.redis;
});
afterEach(() => system.ads.world.clearFaults());
afterAll(async () => {
  await system?.stop();
});

const world = () => system.ads.world;

function status(input: CampaignStatusInput): Promise<CampaignStatus> {
  return client.workflow.execute('campaignStatusWorkflow', {
    taskQueue: system.config.TEMPORAL_TASK_QUEUE,
    workflowId: `campaign-status-${randomUUID()}`,
    args: [input],
  });
}

/** ISO date `days` after the sandbox's today (negative: before). */
function day(days: number): string {
  const d = new Date(`${world().today()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A fresh seeded user and its Meta campaign "Black Friday Sales". */
function seeded() {
  const user = newUser();
  world().ensureUser(user);
  const campaign = world()
    .objects(user, { platform: 'meta', level: 'campaign' })
    .find((c) => c.name === 'Black Friday Sales')!;
  return { user, campaign };
}

/** The sandbox's own sums for one object over a span. */
function truth(user: string, level: 'campaign' | 'adset' | 'ad', id: string, since: string, until: string) {
  const account = world().ensureUser(user).find((a) => a.platform === 'meta')!;
  const rows = world()
    .stats('meta', account.account_id, level, since, until)
    .filter((r) => r.id === id);
  const sum = (f: 'impressions' | 'clicks' | 'spend' | 'conversions' | 'revenue') => rows.reduce((s, r) => s + r[f], 0);
  return { impressions: sum('impressions'), clicks: sum('clicks'), spend: sum('spend'), conversions: sum('conversions'), revenue: sum('revenue') };
}

/** The coded error a failed workflow carries (AppError ApplicationFailure of its activity). */
function codedDetail(err: unknown): { code: string; message: string; details: Record<string, unknown> } {
  expect(err).toBeInstanceOf(WorkflowFailedError);
  let cause = (err as WorkflowFailedError).cause;
  if (cause instanceof ActivityFailure) cause = cause.cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return (cause as ApplicationFailure).details![0] as { code: string; message: string; details: Record<string, unknown> };
}

describe('campaign status (需求 8, properties 16 and 17)', () => {
  it('returns the campaign, its ad sets and ads with status and key metrics equal to the sandbox, and caches them', async () => {
    const { user, campaign } = seeded();
    const result = await status({ userId: user, platform: 'meta', campaignId: campaign.id, language: 'en' });

    expect(result.stale).toBe(false);
    expect(result.cached).toBe(false);
    expect(result.span).toEqual({ since: day(-6), until: day(0) });
    expect(result.campaign).toMatchObject({ level: 'campaign', id: campaign.id, name: 'Black Friday Sales', status: 'active' });
    const adsets = world().objects(user, { platform: 'meta', level: 'adset' }).filter((s) => s.campaign_id === campaign.id && s.status !== 'deleted');
    expect(result.adsets.map((s) => s.id).sort()).toEqual(adsets.map((s) => s.id).sort());
    const ads = world().objects(user, { platform: 'meta', level: 'ad' }).filter((a) => a.campaign_id === campaign.id && a.status !== 'deleted');
    expect(result.ads.map((a) => a.id).sort()).toEqual(ads.map((a) => a.id).sort());
    // Statuses as the sandbox has them (one ad set paused 12 days ago, one ad never delivered).
    for (const s of result.adsets) expect(s.status).toBe(adsets.find((x) => x.id === s.id)!.status);
    expect(result.adsets.some((s) => s.status === 'paused')).toBe(true);
    expect(result.adsets.every((s) => typeof s.daily_budget === 'number')).toBe(true);

    // Key metrics (property 16): spend, revenue, ROAS, CPA per object, equal to the sandbox's sums.
    const t = truth(user, 'campaign', campaign.id, result.span.since, result.span.until);
    expect(result.metrics.spend).toBeCloseTo(t.spend, 2);
    expect(result.metrics.revenue).toBeCloseTo(t.revenue, 2);
    expect(result.metrics.conversions).toBe(t.conversions);
    expect(result.metrics.roas).toBeCloseTo(t.revenue / t.spend, 6);
    expect(result.metrics.cpa).toBeCloseTo(t.spend / t.conversions, 6);
    for (const level of ['adsets', 'ads'] as const) {
      for (const o of result[level]) {
        const x = truth(user, level === 'adsets' ? 'adset' : 'ad', o.id, result.span.since, result.span.until);
        expect(o.metrics.spend).toBeCloseTo(x.spend, 2);
        expect(o.metrics.conversions).toBe(x.conversions);
        expect(Object.keys(o.metrics)).toEqual(expect.arrayContaining(['spend', 'revenue', 'roas', 'cpa']));
      }
    }
    const sumAdsets = result.adsets.reduce((s, o) => s + o.metrics.spend, 0);
    expect(sumAdsets).toBeCloseTo(result.metrics.spend, 2);

    const key = campaignStatusKey(user, 'meta', campaign.id, 7);
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(300);
    expect(ttl).toBeLessThanOrEqual(STATUS_KEEP_SECONDS);
  });

  it('with the platform failing, returns the cached value marked stale with its age (acceptance 6)', async () => {
    const { user, campaign } = seeded();
    const input: CampaignStatusInput = { userId: user, platform: 'meta', campaignId: campaign.id, language: 'zh' };
    const fresh = await status(input);
    expect(fresh.stale).toBe(false);

    world().addFault({ platform: 'meta', mode: 'server_error' });
    // Under 5 minutes old: served from the cache without calling the platform, not stale.
    const cached = await status(input);
    expect(cached).toMatchObject({ cached: true, stale: false });
    expect(cached.metrics).toEqual(fresh.metrics);

    // A fresh read is asked for, the platform fails: the last copy, marked stale with its age.
    const stale = await status({ ...input, refresh: true });
    expect(stale.stale).toBe(true);
    expect(stale.cached).toBe(true);
    expect(stale.platform_error?.code).toBe('4000');
    expect(stale.age_seconds).toBeGreaterThanOrEqual(0);
    expect(stale.age_seconds).toBeLessThan(60);
    expect(stale.fetched_at).toBe(fresh.fetched_at);
    expect(stale.campaign).toEqual(fresh.campaign);
    expect(stale.adsets).toEqual(fresh.adsets);
    expect(stale.ads).toEqual(fresh.ads);

    // A copy older than 5 minutes is no longer fresh: the platform is asked, fails, and the copy's age shows.
    const key = campaignStatusKey(user, 'meta', campaign.id, 7);
    const entry = JSON.parse((await redis.get(key))!) as { fetched_at: number };
    entry.fetched_at -= 10 * 60_000;
    await redis.set(key, JSON.stringify(entry), 'EX', 3600);
    const old = await status(input);
    expect(old.stale).toBe(true);
    expect(old.age_seconds).toBeGreaterThanOrEqual(600);
    expect(old.age_seconds).toBeLessThan(700);

    // The platform is back: a fresh read, not stale, and the cache is refreshed.
    world().clearFaults();
    const back = await status(input);
    expect(back).toMatchObject({ stale: false, cached: false });
    const rewritten = JSON.parse((await redis.get(key))!) as { fetched_at: number };
    expect(rewritten.fetched_at).toBeGreaterThan(entry.fetched_at);
  });

  it('with the platform failing and nothing cached, fails with a clear coded error', async () => {
    const { user, campaign } = seeded();
    world().addFault({ platform: 'meta', mode: 'token_expired' });
    const err = await status({ userId: user, platform: 'meta', campaignId: campaign.id, language: 'en' }).catch((e: unknown) => e);
    const detail = codedDetail(err);
    expect(detail.code).toBe('6001');
    expect(detail.message).toMatch(/no cached copy/);
    expect(detail.details).toMatchObject({ platform: 'meta', campaign_id: campaign.id, cached: false });
  });

  it('a campaign that does not exist answers 1004 (no stale copy hides it)', async () => {
    const { user } = seeded();
    const err = await status({ userId: user, platform: 'meta', campaignId: '999999999', language: 'en' }).catch((e: unknown) => e);
    expect(codedDetail(err).code).toBe('1004');
  });
});
