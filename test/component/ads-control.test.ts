/**
 * The ads sandbox over HTTP (port 0): health, the control API's clock, fault injection (with
 * validation), accounts, objects, stories and totals, which equal the sum of the world's stats rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sumMetrics } from '../../src/domain/ads/metrics.js';
import { addDays } from '../../src/sandboxes/ads/clock.js';
import { startAdsSandbox, type RunningAdsSandbox } from '../../src/sandboxes/ads/server.js';

const TODAY = '2025-03-10';
let sandbox: RunningAdsSandbox;

beforeAll(async () => {
  sandbox = await startAdsSandbox({ port: 0, today: TODAY });
});

afterAll(async () => {
  await sandbox.close();
});

async function call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('ads sandbox control API', () => {
  it('serves health with the clock', async () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await call('GET', '/health')).toEqual({ status: 200, json: { status: 'ok', today: TODAY } });
  });

  it('advances the clock and validates the body', async () => {
    expect((await call('GET', '/_control/clock')).json).toEqual({ today: TODAY });
    expect(await call('POST', '/_control/clock/advance', { days: 2 })).toEqual({ status: 200, json: { today: addDays(TODAY, 2) } });
    expect(sandbox.world.today()).toBe(addDays(TODAY, 2));
    for (const bad of [{ days: -1 }, { days: 1.5 }, {}, 'not json']) {
      const res = await call('POST', '/_control/clock/advance', bad);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { code: '1001' } });
    }
    expect(sandbox.world.today()).toBe(addDays(TODAY, 2));
  });

  it('adds, validates and clears fault rules', async () => {
    expect(await call('POST', '/_control/faults', { platform: 'tiktok', path: '/campaign/get', mode: 'token_expired', count: 1 })).toMatchObject({
      status: 200,
      json: { ok: true },
    });
    expect(sandbox.world.takeFault('tiktok', '/tiktok/open_api/v1.3/campaign/get/')).toMatchObject({ mode: 'token_expired' });
    expect(sandbox.world.takeFault('tiktok', '/tiktok/open_api/v1.3/campaign/get/')).toBeUndefined();

    for (const bad of [{ mode: 'explode' }, { mode: 'policy', rate: 2 }, { mode: 'latency' }, { mode: 'quota', count: 0 }, { mode: 'policy', platform: 'bing' }, 'nope']) {
      expect((await call('POST', '/_control/faults', bad)).status).toBe(400);
    }
    await call('POST', '/_control/faults', { mode: 'server_error' });
    expect(sandbox.world.takeFault('google', '/anything')).toMatchObject({ mode: 'server_error' });
    expect(await call('DELETE', '/_control/faults')).toEqual({ status: 200, json: { ok: true } });
    expect(sandbox.world.takeFault('google', '/anything')).toBeUndefined();
  });

  it("lists a user's accounts with tokens and base URLs", async () => {
    const { status, json } = await call('GET', '/_control/accounts?user_id=ctl-user');
    expect(status).toBe(200);
    expect(json.accounts).toEqual([
      expect.objectContaining({ platform: 'meta', token: 'sbx-meta-ctl-user', base_url: `${sandbox.url}/meta`, page_id: expect.any(String) }),
      expect.objectContaining({ platform: 'tiktok', token: 'sbx-tiktok-ctl-user', base_url: `${sandbox.url}/tiktok` }),
      expect.objectContaining({ platform: 'google', token: 'sbx-google-ctl-user', developer_token: 'sbx-developer-token' }),
    ]);
    expect((await call('GET', '/_control/accounts')).status).toBe(400);
  });

  it('lists objects and stories', async () => {
    const objects = (await call('GET', '/_control/objects?user_id=ctl-user&platform=google&level=campaign')).json.objects as { name: string; daily_budget?: number }[];
    expect(objects.map((o) => o.name)).toEqual(['Search - Brand', 'Search - Generic Shoes', 'Display - Remarketing']);
    expect(objects.every((o) => typeof o.daily_budget === 'number')).toBe(true);
    expect((await call('GET', '/_control/objects?user_id=ctl-user&level=keyword')).status).toBe(400);
    const stories = (await call('GET', '/_control/stories?user_id=ctl-user')).json.stories as { kind: string }[];
    expect(stories.map((s) => s.kind).sort()).toEqual(['cpa_spike', 'ctr_collapse', 'loser', 'winner']);
  });

  it('reports totals equal to the sum of stats rows', async () => {
    const today = sandbox.world.today();
    const since = addDays(today, -30);
    const { status, json } = await call('GET', `/_control/totals?user_id=ctl-user&since=${since}&until=${today}`);
    expect(status).toBe(200);
    const rows = sandbox.world.ensureUser('ctl-user').flatMap((a) => sandbox.world.stats(a.platform, a.account_id, 'campaign', since, today));
    const sum = sumMetrics(rows);
    const overall = json.overall as typeof sum;
    expect(overall.impressions).toBe(sum.impressions);
    expect(overall.clicks).toBe(sum.clicks);
    expect(overall.conversions).toBe(sum.conversions);
    expect(overall.spend).toBeCloseTo(sum.spend, 2);
    expect(overall.revenue).toBeCloseTo(sum.revenue, 2);
    expect(Object.keys(json.platforms as object)).toEqual(['meta', 'tiktok', 'google']);

    const meta = (await call('GET', `/_control/totals?user_id=ctl-user&platform=meta&since=${since}&until=${today}`)).json;
    expect(Object.keys(meta.platforms as object)).toEqual(['meta']);
    expect((await call('GET', '/_control/totals?user_id=ctl-user&since=yesterday')).status).toBe(400);
    expect((await call('GET', '/_control/totals?user_id=ctl-user&since=2025-02-30')).status).toBe(400);
  });

  it('answers 404 for unknown paths', async () => {
    expect((await fetch(`${sandbox.url}/_control/nope`)).status).toBe(404);
  });
});
