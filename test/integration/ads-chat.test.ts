/**
 * The ad-platform modules in chat, end to end: HTTP + SSE → chat turn workflow on a real Temporal
 * dev server → activities → the real Meta / TikTok / Google Ads adapters → the ads sandbox
 * (issue "Ad platforms", acceptance 2, 3 and 4; seed 000 phase 3, 需求 8.1-8.5, 14.5).
 * Every test uses its own freshly seeded user, so the sandbox's stories are known.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/domain/chat/intent.js';
import type { WorldObject } from '../../src/sandboxes/ads/world-api.js';
import { api, balance, chat, newUser, startSystem, type ChatStream, type System } from './harness.js';
import { services } from './services.js';

let system: System;
beforeAll(async () => {
  system = await startSystem(services());
});
afterAll(async () => {
  await system?.stop();
});

const world = () => system.ads.world;

/** A fresh user, seeded in the sandbox, with its stories. */
function seededUser() {
  const user = newUser();
  world().ensureUser(user);
  const story = (kind: string) => world().stories(user).find((s) => s.kind === kind)!;
  return { user, story };
}

/** ISO date `days` before the sandbox's today. */
function daysAgo(days: number): string {
  const d = new Date(`${world().today()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** Money as replies show it: 11,332.94. */
const money = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const turnIdOf = (stream: ChatStream) => stream.of('turn_started')[0]!.turn_id as string;

async function confirm(stream: ChatStream, user: string, approved: boolean) {
  const res = await api(system, `/api/v1/chat/turns/${turnIdOf(stream)}/confirmation`, { json: { user_id: user, approved } });
  expect(res.status).toBe(200);
}

const campaigns = (user: string) => world().objects(user, { level: 'campaign' });
const statusById = (objects: WorldObject[]) => new Map(objects.map((o) => [`${o.platform}:${o.id}`, o.status]));

type Metrics = { impressions: number; clicks: number; spend: number; conversions: number; revenue: number; roas?: number | null };

describe('reporting from chat', () => {
  it('"看看最近7天的广告表现" reports the last 7 complete days across the three platforms, equal to the sandbox\'s own totals', async () => {
    const { user } = seededUser();
    const stream = await chat(system, { user_id: user, session_id: 's1', message: '看看最近7天的广告表现' });
    await stream.until('done');
    const complete = stream.of('tool_complete')[0]! as unknown as {
      status: string;
      result: { kind: string; span: { since: string; until: string }; data: { totals: Metrics; by_platform: Array<{ platform: Platform; metrics: Metrics }> } };
    };
    expect(complete).toMatchObject({ tool: 'reporting.get_reports', status: 'succeeded', result: { kind: 'report' } });
    expect(complete.result.span).toEqual({ since: daysAgo(7), until: daysAgo(1) });
    const truth = world().totals(user, complete.result.span);
    for (const m of ['impressions', 'clicks', 'conversions'] as const) expect(complete.result.data.totals[m]).toBe(truth.overall[m]);
    expect(complete.result.data.totals.spend).toBeCloseTo(truth.overall.spend, 2);
    expect(complete.result.data.totals.revenue).toBeCloseTo(truth.overall.revenue, 2);
    for (const p of complete.result.data.by_platform) expect(p.metrics.spend).toBeCloseTo(truth.platforms[p.platform]!.spend, 2);
    expect(complete.result.data.by_platform.map((p) => p.platform)).toEqual(['meta', 'tiktok', 'google']);
    expect(stream.text()).toContain(money(truth.overall.spend));
    expect(await balance(system, user)).toBe(999);
  });

  it('"Show me yesterday\'s spend and ROAS on Meta" reports Meta only, yesterday, spend and ROAS equal to the sandbox', async () => {
    const { user } = seededUser();
    const stream = await chat(system, { user_id: user, session_id: 's1', message: "Show me yesterday's spend and ROAS on Meta" });
    await stream.until('done');
    const complete = stream.of('tool_complete')[0]! as unknown as { status: string; result: { platforms: string[]; span: unknown; data: { metrics: string[]; totals: Metrics } } };
    expect(complete.status).toBe('succeeded');
    expect(complete.result.platforms).toEqual(['meta']);
    expect(complete.result.span).toEqual({ since: daysAgo(1), until: daysAgo(1) });
    const truth = world().totals(user, { platform: 'meta', since: daysAgo(1), until: daysAgo(1) }).overall;
    expect(complete.result.data.metrics).toEqual(expect.arrayContaining(['spend', 'roas']));
    expect(complete.result.data.totals.spend).toBeCloseTo(truth.spend, 2);
    expect(complete.result.data.totals.roas).toBeCloseTo(truth.revenue / truth.spend, 4);
    expect(stream.text()).toContain(money(truth.spend));
  });

  it('a repeated report within 5 minutes is served from the Redis cache: the platform is not called again', async () => {
    const { user } = seededUser();
    const message = "Show me yesterday's spend and ROAS on Meta";
    const first = await chat(system, { user_id: user, session_id: 's1', message });
    await first.until('done');
    world().addFault({ platform: 'meta', mode: 'token_expired', count: 100 });
    try {
      const second = await chat(system, { user_id: user, session_id: 's1', message });
      await second.until('done');
      const [a, b] = [first, second].map((s) => s.of('tool_complete')[0]! as unknown as { status: string; result: { data: unknown } });
      expect(b!.status).toBe('succeeded');
      expect(b!.result.data).toEqual(a!.result.data);
      const keys = await system.redis.keys(`ads:insights:v1:${user}:meta:*`);
      expect(keys).toHaveLength(1);
      const ttl = await system.redis.ttl(keys[0]!);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(300);
    } finally {
      world().clearFaults();
    }
  });

  it('"分析一下广告表现" names the seeded winner and loser, with recommendations and chart series', async () => {
    const { user, story } = seededUser();
    const stream = await chat(system, { user_id: user, session_id: 's1', message: '分析一下广告表现' });
    await stream.until('done');
    const complete = stream.of('tool_complete')[0]! as unknown as {
      status: string;
      result: {
        kind: string;
        data: {
          top_performers: Array<{ id: string }>;
          underperformers: Array<{ id: string }>;
          recommendations: Array<{ action: string; target: { id: string } }>;
          series: { dates: string[]; series: unknown[] };
        };
      };
    };
    expect(complete.result.kind).toBe('analysis');
    const { data } = complete.result;
    expect(data.top_performers[0]!.id).toBe(story('winner').id);
    expect(data.underperformers.map((p) => p.id)).toContain(story('loser').id);
    expect(data.recommendations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'increase_budget', target: expect.objectContaining({ id: story('winner').id }) }),
        expect.objectContaining({ action: 'pause', target: expect.objectContaining({ id: story('loser').id }) }),
      ]),
    );
    expect(data.series.dates).toHaveLength(30);
    expect(stream.text()).toContain(story('winner').name);
    expect(stream.text()).toContain(story('loser').name);
  });

  it('"CTR 突然掉了好多，帮我查查" finds the seeded CTR collapse with its severity', async () => {
    const { user, story } = seededUser();
    const collapse = story('ctr_collapse');
    const stream = await chat(system, { user_id: user, session_id: 's1', message: 'CTR 突然掉了好多，帮我查查' });
    await stream.until('done');
    const complete = stream.of('tool_complete')[0]! as unknown as {
      result: { kind: string; data: { anomalies: Array<{ id: string; metric: string; kind: string; severity: string; change_pct: number }> } };
    };
    expect(complete.result.kind).toBe('anomalies');
    const found = complete.result.data.anomalies.find((a) => a.id === collapse.id && a.metric === 'ctr');
    expect(found).toMatchObject({ kind: 'drop', severity: 'critical' });
    expect(found!.change_pct).toBeLessThan(-50);
    expect(stream.text()).toContain(collapse.name);
  });
});

describe('campaign management from chat', () => {
  it('"暂停所有广告" waits for confirmation listing every active campaign; approved, pauses them all on every platform and records each change', async () => {
    const { user } = seededUser();
    const active = campaigns(user).filter((o) => o.status === 'active');
    expect(new Set(active.map((o) => o.platform))).toEqual(new Set<Platform>(['meta', 'tiktok', 'google']));

    const stream = await chat(system, { user_id: user, session_id: 's1', message: '暂停所有广告' });
    const request = (await stream.until('confirmation_required')) as unknown as {
      operation: { steps: Array<{ action: string; changes: Array<{ platform: string; id: string; status_before: string; status_after: string }> }> };
      impact: { estimated_credits: number; reasons: string[] };
    };
    const changes = request.operation.steps[0]!.changes;
    expect(changes.map((c) => `${c.platform}:${c.id}`).sort()).toEqual(active.map((o) => `${o.platform}:${o.id}`).sort());
    expect(changes.every((c) => c.status_before === 'active' && c.status_after === 'paused')).toBe(true);
    expect(request.impact.estimated_credits).toBe(active.length);
    expect(campaigns(user).filter((o) => o.status === 'active')).toHaveLength(active.length); // nothing changed yet

    await confirm(stream, user, true);
    await stream.until('done');
    const complete = stream.of('tool_complete')[0]!;
    expect(complete).toMatchObject({ tool: 'campaign.manage_campaign', status: 'succeeded' });
    const after = statusById(campaigns(user));
    for (const o of active) expect(after.get(`${o.platform}:${o.id}`)).toBe('paused');
    expect(await balance(system, user)).toBe(1000 - active.length);
    const recorded = await system.webPlatform.listCampaignChanges({ user_id: user, limit: 100 });
    expect(recorded.changes).toHaveLength(active.length);
    expect(stream.text()).toContain('已暂停');
  });

  it('"暂停所有广告" rejected: nothing changes, nothing is charged', async () => {
    const { user } = seededUser();
    const before = statusById(campaigns(user));
    const stream = await chat(system, { user_id: user, session_id: 's1', message: '暂停所有广告' });
    await stream.until('confirmation_required');
    await confirm(stream, user, false);
    await stream.until('done');
    expect(statusById(campaigns(user))).toEqual(before);
    expect(await balance(system, user)).toBe(1000);
    expect((await system.webPlatform.listCampaignChanges({ user_id: user, limit: 10 })).changes).toHaveLength(0);
  });

  it('"给表现最好的广告组加 20% 预算" runs without confirmation and the sandbox shows the new budget of the seeded winner', async () => {
    const { user, story } = seededUser();
    const winner = story('winner');
    const budgetBefore = world().get(winner.platform, winner.id)!.daily_budget!;
    const stream = await chat(system, { user_id: user, session_id: 's1', message: '给表现最好的广告组加 20% 预算' });
    await stream.until('done');
    expect(stream.types()).not.toContain('confirmation_required');
    const complete = stream.of('tool_complete')[0]! as unknown as { status: string; result: { changes: Array<{ id: string; budget_before: number; budget_now: number }> } };
    expect(complete.status).toBe('succeeded');
    expect(complete.result.changes).toHaveLength(1);
    expect(complete.result.changes[0]).toMatchObject({ id: winner.id, budget_before: budgetBefore });
    const expected = Math.round(budgetBefore * 1.2 * 100) / 100;
    expect(complete.result.changes[0]!.budget_now).toBeCloseTo(expected, 2);
    expect(world().get(winner.platform, winner.id)!.daily_budget).toBeCloseTo(expected, 2);
    expect(await balance(system, user)).toBe(999);
  });

  it('"把那个亏钱的系列暂停" resolves the money-losing campaign from performance and pauses only it, without confirmation', async () => {
    const { user, story } = seededUser();
    const loserCampaign = story('loser').campaign_id;
    const before = statusById(campaigns(user));
    const stream = await chat(system, { user_id: user, session_id: 's1', message: '把那个亏钱的系列暂停' });
    await stream.until('done');
    expect(stream.types()).not.toContain('confirmation_required');
    const complete = stream.of('tool_complete')[0]! as unknown as { status: string; result: { changes: Array<{ id: string; status_now: string }> } };
    expect(complete.status).toBe('succeeded');
    expect(complete.result.changes).toEqual([expect.objectContaining({ id: loserCampaign, status_now: 'paused' })]);
    const after = statusById(campaigns(user));
    for (const [key, status] of before) expect(after.get(key)).toBe(key === `tiktok:${loserCampaign}` ? 'paused' : status);
  });

  it('doubling a Google campaign budget asks first, showing the budget before and after; approved, the sandbox holds the new budget', async () => {
    const { user } = seededUser();
    const brand = campaigns(user).find((o) => o.platform === 'google' && o.name === 'Search - Brand')!;
    const budget = brand.daily_budget!;
    const stream = await chat(system, { user_id: user, session_id: 's1', message: '把「Search - Brand」的预算翻倍' });
    const request = (await stream.until('confirmation_required')) as unknown as {
      operation: { steps: Array<{ changes: Array<{ id: string; level: string; budget_before: number; budget_after: number }> }> };
      impact: { reasons: string[] };
    };
    expect(request.operation.steps[0]!.changes).toEqual([expect.objectContaining({ id: brand.id, level: 'campaign', budget_before: budget, budget_after: budget * 2 })]);
    expect(request.impact.reasons.join(' ')).toContain('100%');
    expect(world().get('google', brand.id)!.daily_budget).toBe(budget);
    await confirm(stream, user, true);
    await stream.until('done');
    expect(world().get('google', brand.id)!.daily_budget).toBe(budget * 2);
  });

  it('a change that fails on one platform after succeeding on others is reported per object and its credits refunded', async () => {
    const { user } = seededUser();
    const active = campaigns(user).filter((o) => o.status === 'active');
    const tiktok = active.filter((o) => o.platform === 'tiktok');
    world().addFault({ platform: 'tiktok', path: 'status/update', mode: 'policy', count: 100 });
    try {
      const stream = await chat(system, { user_id: user, session_id: 's1', message: '暂停所有广告' });
      await stream.until('confirmation_required');
      await confirm(stream, user, true);
      await stream.until('done');
      const complete = stream.of('tool_complete')[0]! as unknown as {
        status: string;
        result: { changes: Array<{ platform: string; outcome: string; error?: { code: string } }> };
      };
      expect(complete.status).toBe('succeeded');
      const failed = complete.result.changes.filter((c) => c.outcome === 'failed');
      expect(failed.map((c) => c.platform)).toEqual(tiktok.map(() => 'tiktok'));
      expect(failed.every((c) => c.error?.code === '6005')).toBe(true);
      const after = statusById(campaigns(user));
      for (const o of active) expect(after.get(`${o.platform}:${o.id}`)).toBe(o.platform === 'tiktok' ? 'active' : 'paused');
      expect(await balance(system, user)).toBe(1000 - (active.length - tiktok.length));
    } finally {
      world().clearFaults();
    }
  });
});

describe('platform faults', () => {
  it('rate limits and 5xx from the platforms are retried by Temporal and the report still matches the sandbox', async () => {
    const { user } = seededUser();
    world().addFault({ platform: 'meta', mode: 'rate_limit', count: 1 });
    world().addFault({ platform: 'google', mode: 'server_error', count: 1 });
    try {
      const stream = await chat(system, { user_id: user, session_id: 's1', message: '看看最近7天的广告表现' });
      await stream.until('done');
      const complete = stream.of('tool_complete')[0]! as unknown as { status: string; result: { platform_failures: unknown[] } };
      expect(complete.status).toBe('succeeded');
      expect(complete.result.platform_failures).toEqual([]);
      expect(await balance(system, user)).toBe(999);
      const history = await activityAttempts(turnIdOf(stream), 'runReporting');
      expect(Math.max(...history)).toBeGreaterThan(1);
    } finally {
      world().clearFaults();
    }
  });

  it('a report missing one of three platforms refunds that platform\'s share (issue 13 finding 11)', async () => {
    const { user } = seededUser();
    world().addFault({ platform: 'meta', mode: 'token_expired', count: 100 });
    try {
      const stream = await chat(system, { user_id: user, session_id: 's1', message: '分析一下广告表现' });
      await stream.until('done');
      const complete = stream.of('tool_complete')[0]! as unknown as { status: string; result: { platform_failures: Array<{ platform: string }>; platforms: string[] } };
      expect(complete.status).toBe('succeeded');
      expect(complete.result.platform_failures.map((f) => f.platform)).toEqual(['meta']);
      expect(complete.result.platforms).toHaveLength(2);
      // analyze_performance costs 5 credits; one platform of three failed: floor(5 / 3) = 1 back
      expect(await balance(system, user)).toBe(1000 - 5 + 1);
    } finally {
      world().clearFaults();
    }
  });

  it('an expired token fails the turn at once with 6001 (no retries) and refunds', async () => {
    const { user } = seededUser();
    world().addFault({ platform: 'meta', mode: 'token_expired', count: 100 });
    try {
      const stream = await chat(system, { user_id: user, session_id: 's1', message: "Show me yesterday's spend and ROAS on Meta" });
      await stream.until('done');
      const complete = stream.of('tool_complete')[0]! as unknown as { status: string; error: { code: string } };
      expect(complete.status).toBe('failed');
      expect(complete.error.code).toBe('6001');
      expect(stream.of('error')[0]).toMatchObject({ error: { code: '6001' } });
      expect(stream.of('done')[0]).toMatchObject({ status: 'failed' });
      expect(await activityAttempts(turnIdOf(stream), 'runReporting')).toEqual([1]);
      expect(await balance(system, user)).toBe(1000);
    } finally {
      world().clearFaults();
    }
  });
});

/**
 * The attempt numbers of an activity type's completions/failures in a turn's history: regular
 * activities' started events, and local activities' markers (`core_local_activity`, whose `data`
 * detail is the LocalActivityMarkerData with the attempt that recorded the result).
 */
async function activityAttempts(turnId: string, activityType: string): Promise<number[]> {
  const handle = system.temporal.workflow.getHandle(`chat-turn-${turnId}`);
  // `done` is published inside the turn's last workflow task: its history is complete once the workflow is.
  await handle.result();
  const history = await handle.fetchHistory();
  const scheduled = new Map<string, string>();
  const attempts: number[] = [];
  for (const e of history.events ?? []) {
    const s = e.activityTaskScheduledEventAttributes;
    if (s) scheduled.set(String(e.eventId), s.activityType?.name ?? '');
    const started = e.activityTaskStartedEventAttributes;
    if (started && scheduled.get(String(started.scheduledEventId)) === activityType) attempts.push(started.attempt ?? 0);
    const marker = e.markerRecordedEventAttributes;
    if (marker?.markerName === 'core_local_activity') {
      const data = marker.details?.data?.payloads?.[0]?.data;
      const parsed = data ? (JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type?: string; activityType?: string; attempt?: number }) : undefined;
      if (parsed && (parsed.activity_type ?? parsed.activityType) === activityType) attempts.push(parsed.attempt ?? 0);
    }
  }
  return attempts;
}
