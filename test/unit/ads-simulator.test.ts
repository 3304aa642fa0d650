/**
 * The ads sandbox's world and delivery simulator: determinism, budgets, statuses, the clock, the
 * four built-in stories and the stability of everything else, per-user accounts and fault rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Platform } from '../../src/domain/chat/intent.js';
import { sumMetrics, type BaseMetrics } from '../../src/domain/ads/metrics.js';
import type { Level } from '../../src/domain/ads/types.js';
import { accountForToken, sandboxAccounts } from '../../src/sandboxes/ads/accounts.js';
import { addDays } from '../../src/sandboxes/ads/clock.js';
import { FaultStore } from '../../src/sandboxes/ads/faults.js';
import { allocateBudgets, generatedProfile, NO_CARRY, simulateAdDay } from '../../src/sandboxes/ads/simulator.js';
import { createAdsWorld } from '../../src/sandboxes/ads/world.js';
import type { AdsWorld, WorldDayStat } from '../../src/sandboxes/ads/world-api.js';

const TODAY = '2025-06-15';
const YESTERDAY = addDays(TODAY, -1);
const LAST3 = addDays(TODAY, -3);
const PREV7 = [addDays(TODAY, -10), addDays(TODAY, -4)] as const;

const ctr = (m: BaseMetrics) => m.clicks / m.impressions;
const cpa = (m: BaseMetrics) => m.spend / m.conversions;
const roas = (m: BaseMetrics) => m.revenue / m.spend;

function account(world: AdsWorld, userId: string, platform: Platform) {
  const acc = world.ensureUser(userId).find((a) => a.platform === platform);
  if (!acc) throw new Error(`no ${platform} account`);
  return acc;
}

/** Rows of one object of a user's account over [since, until]. */
function rowsOf(world: AdsWorld, userId: string, platform: Platform, level: Level, id: string, since: string, until: string): WorldDayStat[] {
  return world.stats(platform, account(world, userId, platform).account_id, level, since, until).filter((r) => r.id === id);
}

/** The summed delivery of rows within [since, until]. */
function window(rows: readonly WorldDayStat[], since: string, until: string): BaseMetrics {
  return sumMetrics(rows.filter((r) => r.date >= since && r.date <= until));
}

function objectNamed(world: AdsWorld, userId: string, platform: Platform, name: string) {
  const obj = world.objects(userId, { platform }).find((o) => o.name === name);
  if (!obj) throw new Error(`no object ${name}`);
  return obj;
}

describe('simulator', () => {
  it('is deterministic: the same inputs give the same numbers', () => {
    const input = { key: 'k', date: TODAY, budget: 80, fraction: 1, profile: generatedProfile('k', 'meta'), effects: [], carry: NO_CARRY };
    expect(simulateAdDay(input)).toEqual(simulateAdDay(input));
    expect(createAdsWorld({ today: TODAY }).objects('demo')).toEqual(createAdsWorld({ today: TODAY }).objects('demo'));
    const a = createAdsWorld({ today: TODAY });
    const b = createAdsWorld({ today: TODAY });
    b.ensureUser('someone-else');
    const acc = account(a, 'demo', 'meta');
    const rows = a.stats('meta', acc.account_id, 'ad', addDays(TODAY, -30), TODAY);
    expect(rows.length).toBeGreaterThan(100);
    expect(b.stats('meta', account(b, 'demo', 'meta').account_id, 'ad', addDays(TODAY, -30), TODAY).map(({ id: _id, name: _n, campaign_id: _c, adset_id: _a, ...m }) => m)).toEqual(
      rows.map(({ id: _id, name: _n, campaign_id: _c, adset_id: _a, ...m }) => m),
    );
  });

  it('delivers integer counts, money in cents, within pacing of the budget', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 5000, noNaN: true }), fc.string(), (budget, key) => {
        const { delivery } = simulateAdDay({ key, date: TODAY, budget, fraction: 1, profile: generatedProfile(key, 'tiktok'), effects: [], carry: NO_CARRY });
        expect(Number.isInteger(delivery.impressions) && Number.isInteger(delivery.clicks) && Number.isInteger(delivery.conversions)).toBe(true);
        expect(Math.round(delivery.spend * 100)).toBeCloseTo(delivery.spend * 100, 6);
        expect(delivery.spend).toBeLessThanOrEqual(budget);
        expect(delivery.spend).toBeGreaterThanOrEqual(budget * 0.85 - 0.01);
      }),
    );
  });

  it('spend follows budget: doubling the budget doubles spend', () => {
    const profile = generatedProfile('ad', 'google');
    const one = simulateAdDay({ key: 'ad', date: TODAY, budget: 50, fraction: 1, profile, effects: [], carry: NO_CARRY });
    const two = simulateAdDay({ key: 'ad', date: TODAY, budget: 100, fraction: 1, profile, effects: [], carry: NO_CARRY });
    expect(two.delivery.spend / one.delivery.spend).toBeCloseTo(2, 2);
    expect(two.delivery.clicks / one.delivery.clicks).toBeCloseTo(2, 1);

    const world = createAdsWorld({ today: TODAY });
    const adset = objectNamed(world, 'demo', 'meta', 'Site Visitors 30d');
    const before = window(rowsOf(world, 'demo', 'meta', 'adset', adset.id, addDays(TODAY, -5), YESTERDAY), addDays(TODAY, -5), YESTERDAY);
    world.update('meta', adset.id, { daily_budget: (adset.daily_budget ?? 0) * 2 });
    world.advanceDays(5);
    const after = window(rowsOf(world, 'demo', 'meta', 'adset', adset.id, TODAY, addDays(TODAY, 4)), TODAY, addDays(TODAY, 4));
    expect(after.spend / before.spend).toBeGreaterThan(1.8);
    expect(after.spend / before.spend).toBeLessThan(2.2);
  });

  it('splits a campaign budget over live ad sets and an ad set budget over live ads', () => {
    const budgets = allocateBudgets([
      {
        id: 'c1',
        live: true,
        daily_budget: 90,
        adsets: [
          { id: 's1', live: true, daily_budget: 500, ads: [{ id: 'a1', live: true }, { id: 'a2', live: true }] },
          { id: 's2', live: true, ads: [{ id: 'a3', live: true }, { id: 'a4', live: false }] },
          { id: 's3', live: false, ads: [{ id: 'a5', live: true }] },
        ],
      },
      { id: 'c2', live: true, adsets: [{ id: 's4', live: true, daily_budget: 40, ads: [{ id: 'a6', live: true }] }] },
      { id: 'c3', live: false, adsets: [{ id: 's5', live: true, daily_budget: 40, ads: [{ id: 'a7', live: true }] }] },
    ]);
    expect(Object.fromEntries(budgets)).toEqual({ a1: 22.5, a2: 22.5, a3: 45, a6: 40 });
  });
});

describe('world', () => {
  it('never spends more than an ad set or campaign budget on any day (property)', () => {
    const world = createAdsWorld({ today: TODAY });
    const meta = account(world, 'prop-user', 'meta');
    const google = account(world, 'prop-user', 'google');
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 100_000 }).map((c) => c / 100), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), (budget, ads, days) => {
        const campaign = world.create('meta', meta.account_id, 'campaign', { name: 'prop', status: 'active' });
        const adset = world.create('meta', meta.account_id, 'adset', { name: 'prop', status: 'active', campaign_id: campaign.id, daily_budget: budget });
        const gCampaign = world.create('google', google.account_id, 'campaign', { name: 'prop', status: 'active', daily_budget: budget });
        for (let i = 0; i < ads; i++) {
          world.create('meta', meta.account_id, 'ad', { name: `ad ${i}`, status: 'active', adset_id: adset.id });
          const group = world.create('google', google.account_id, 'adset', { name: `group ${i}`, status: 'active', campaign_id: gCampaign.id });
          world.create('google', google.account_id, 'ad', { name: `ad ${i}`, status: 'active', adset_id: group.id });
        }
        const from = world.today();
        world.advanceDays(days);
        const metaRows = rowsOf(world, 'prop-user', 'meta', 'adset', adset.id, from, world.today());
        const googleRows = rowsOf(world, 'prop-user', 'google', 'campaign', gCampaign.id, from, world.today());
        expect(metaRows).toHaveLength(days + 1);
        expect(googleRows).toHaveLength(days + 1);
        for (const r of [...metaRows, ...googleRows]) expect(r.spend).toBeLessThanOrEqual(budget);
        world.update('meta', campaign.id, { status: 'deleted' });
        world.update('google', gCampaign.id, { status: 'deleted' });
      }),
      { numRuns: 25 },
    );
  });

  it('totals equal the sum of stats rows over any span (property)', () => {
    const world = createAdsWorld({ today: TODAY });
    fc.assert(
      fc.property(fc.integer({ min: -40, max: 2 }), fc.integer({ min: 0, max: 40 }), fc.constantFrom<Platform | undefined>(undefined, 'meta', 'tiktok', 'google'), (start, length, platform) => {
        const since = addDays(TODAY, start);
        const until = addDays(since, length);
        const totals = world.totals('demo', { since, until, ...(platform ? { platform } : {}) });
        const rows = world
          .ensureUser('demo')
          .filter((a) => !platform || a.platform === platform)
          .flatMap((a) => world.stats(a.platform, a.account_id, 'ad', since, until));
        const sum = sumMetrics(rows);
        expect(totals.overall.impressions).toBe(sum.impressions);
        expect(totals.overall.conversions).toBe(sum.conversions);
        expect(totals.overall.spend).toBeCloseTo(sum.spend, 2);
        expect(totals.overall.revenue).toBeCloseTo(sum.revenue, 2);
      }),
      { numRuns: 40 },
    );
  });

  it('sums ads up to ad sets and campaigns', () => {
    const world = createAdsWorld({ today: TODAY });
    const acc = account(world, 'demo', 'tiktok');
    const since = addDays(TODAY, -30);
    const byLevel = (level: Level) => sumMetrics(world.stats('tiktok', acc.account_id, level, since, TODAY));
    const ads = byLevel('ad');
    for (const level of ['adset', 'campaign'] as const) {
      const m = byLevel(level);
      expect(m.clicks).toBe(ads.clicks);
      expect(m.spend).toBeCloseTo(ads.spend, 2);
    }
  });

  it('delivers nothing for paused objects or objects under paused parents', () => {
    const world = createAdsWorld({ today: TODAY });
    const awareness = objectNamed(world, 'demo', 'meta', 'Brand Awareness');
    expect(awareness.status).toBe('paused');
    const rows = rowsOf(world, 'demo', 'meta', 'campaign', awareness.id, addDays(TODAY, -30), TODAY);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.date < addDays(TODAY, -14))).toBe(true);
    const neverActive = objectNamed(world, 'demo', 'meta', 'BF Static - Free Shipping');
    expect(rowsOf(world, 'demo', 'meta', 'ad', neverActive.id, addDays(TODAY, -30), TODAY)).toEqual([]);

    const cart = objectNamed(world, 'demo', 'meta', 'Retargeting - Cart');
    world.update('meta', cart.id, { status: 'paused' });
    world.advanceDays(2);
    const ads = world.objects('demo', { platform: 'meta', level: 'ad' }).filter((a) => a.campaign_id === cart.id);
    expect(ads.length).toBeGreaterThan(0);
    for (const ad of ads) expect(rowsOf(world, 'demo', 'meta', 'ad', ad.id, TODAY, world.today())).toEqual([]);
  });

  it('advancing the clock adds a row per day, and new objects accrue delivery from their creation day', () => {
    const world = createAdsWorld({ today: TODAY });
    const meta = account(world, 'demo', 'meta');
    const campaign = world.create('meta', meta.account_id, 'campaign', { name: 'New', status: 'active' });
    const adset = world.create('meta', meta.account_id, 'adset', { name: 'New set', status: 'active', campaign_id: campaign.id, daily_budget: 50 });
    const ad = world.create('meta', meta.account_id, 'ad', { name: 'New ad', status: 'active', adset_id: adset.id });
    expect(ad).toMatchObject({ campaign_id: campaign.id, adset_id: adset.id, created_on: TODAY });
    const winnerSet = objectNamed(world, 'demo', 'meta', 'BF - Lookalike 1% Purchasers');

    const today = rowsOf(world, 'demo', 'meta', 'ad', ad.id, addDays(TODAY, -30), TODAY);
    expect(today.map((r) => r.date)).toEqual([TODAY]);
    expect(today[0]!.spend).toBeLessThanOrEqual(25);
    world.advanceDays(3);
    expect(world.today()).toBe(addDays(TODAY, 3));
    const rows = rowsOf(world, 'demo', 'meta', 'ad', ad.id, addDays(TODAY, -30), world.today());
    expect(rows.map((r) => r.date)).toEqual([TODAY, addDays(TODAY, 1), addDays(TODAY, 2), addDays(TODAY, 3)]);
    expect(rows.slice(0, 3).every((r) => r.spend > 25 && r.spend <= 50 && r.impressions > 0)).toBe(true);
    expect(rowsOf(world, 'demo', 'meta', 'adset', winnerSet.id, addDays(TODAY, -40), world.today())).toHaveLength(34);
  });

  it('rejects bad input with AppErrors', () => {
    expect(() => createAdsWorld({ today: '2025-13-01' })).toThrow(/YYYY-MM-DD/);
    const world = createAdsWorld({ today: TODAY });
    const meta = account(world, 'demo', 'meta');
    expect(() => world.advanceDays(-1)).toThrow();
    expect(() => world.create('meta', meta.account_id, 'adset', { name: 'x', status: 'active', campaign_id: '1' })).toThrow(/not found/);
    expect(() => world.update('meta', 'nope', { status: 'paused' })).toThrow(/no meta object/);
    expect(() => world.stats('meta', meta.account_id, 'ad', 'yesterday', TODAY)).toThrow(/since/);
  });
});

describe('stories', () => {
  for (const userId of ['demo', 'u-x']) {
    describe(`of user ${userId}`, () => {
      const world = createAdsWorld({ today: TODAY });
      const stories = world.stories(userId);
      const story = (kind: string) => {
        const s = stories.find((x) => x.kind === kind);
        if (!s) throw new Error(`no ${kind} story`);
        return s;
      };
      const since = addDays(TODAY, -30);

      it('has exactly the four stories', () => {
        expect(stories.map((s) => [s.kind, s.platform, s.level, s.name])).toEqual([
          ['winner', 'meta', 'adset', 'BF - Lookalike 1% Purchasers'],
          ['ctr_collapse', 'meta', 'ad', 'Carousel - Last Chance'],
          ['loser', 'tiktok', 'adset', 'Flash Deals - Broad 18-24'],
          ['cpa_spike', 'google', 'adset', 'Generic - Running Shoes'],
        ]);
      });

      it('winner: ROAS 4-5 and the best ad set on any platform', () => {
        const w = story('winner');
        const m = window(rowsOf(world, userId, 'meta', 'adset', w.id, since, YESTERDAY), since, YESTERDAY);
        expect(roas(m)).toBeGreaterThan(4);
        expect(roas(m)).toBeLessThan(5);
        expect(m.spend).toBeGreaterThan(3000);
        for (const acc of world.ensureUser(userId)) {
          const rows = world.stats(acc.platform, acc.account_id, 'adset', since, YESTERDAY);
          for (const id of new Set(rows.map((r) => r.id))) {
            if (id !== w.id) expect(roas(window(rows.filter((r) => r.id === id), since, YESTERDAY))).toBeLessThan(roas(m) * 0.7);
          }
        }
      });

      it('loser: spends every day at ROAS < 0.5 with zero conversions on the last 3 days', () => {
        const l = story('loser');
        const campaign = world.get('tiktok', l.campaign_id);
        expect(campaign?.name).toMatch(/money losing/i);
        const rows = rowsOf(world, userId, 'tiktok', 'adset', l.id, since, YESTERDAY);
        expect(rows).toHaveLength(30);
        expect(roas(window(rows, since, YESTERDAY))).toBeLessThan(0.5);
        const last = rows.filter((r) => r.date >= LAST3);
        expect(last).toHaveLength(3);
        for (const r of last) {
          expect(r.conversions).toBe(0);
          expect(r.spend).toBeGreaterThan(0);
        }
        expect(window(rows, since, addDays(TODAY, -4)).conversions).toBeGreaterThan(0);
      });

      it('ctr_collapse: the ad CTR falls below half, its ad set CTR by more than 20%', () => {
        const c = story('ctr_collapse');
        const ad = world.get('meta', c.id);
        const adRows = rowsOf(world, userId, 'meta', 'ad', c.id, since, YESTERDAY);
        expect(ctr(window(adRows, LAST3, YESTERDAY))).toBeLessThan(0.5 * ctr(window(adRows, ...PREV7)));
        const setRows = rowsOf(world, userId, 'meta', 'adset', ad?.adset_id ?? '', since, YESTERDAY);
        expect(ctr(window(setRows, LAST3, YESTERDAY))).toBeLessThan(0.8 * ctr(window(setRows, ...PREV7)));
      });

      it('cpa_spike: CPA up more than 50% on the last 3 days with spend flat', () => {
        const s = story('cpa_spike');
        const rows = rowsOf(world, userId, 'google', 'adset', s.id, since, YESTERDAY);
        const last = window(rows, LAST3, YESTERDAY);
        const prev = window(rows, ...PREV7);
        expect(cpa(last)).toBeGreaterThan(1.5 * cpa(prev));
        expect(last.spend / 3 / (prev.spend / 7)).toBeGreaterThan(0.85);
        expect(last.spend / 3 / (prev.spend / 7)).toBeLessThan(1.15);
      });

      it('no other object shows a >20% CTR drop or >30% CPA spike (last 3 days vs previous 7)', () => {
        const objects = world.objects(userId);
        const storyIds = new Set(stories.map((s) => s.id));
        const affected = (id: string) => {
          const o = objects.find((x) => x.id === id);
          return [id, o?.adset_id, o?.campaign_id].some((x) => x !== undefined && storyIds.has(x)) || objects.some((x) => (x.adset_id === id || x.campaign_id === id) && storyIds.has(x.id));
        };
        let checked = 0;
        for (const acc of world.ensureUser(userId)) {
          for (const level of ['campaign', 'adset', 'ad'] as const) {
            const rows = acc && world.stats(acc.platform, acc.account_id, level, PREV7[0], YESTERDAY);
            for (const id of new Set(rows.map((r) => r.id))) {
              if (affected(id)) continue;
              const own = rows.filter((r) => r.id === id);
              const last = window(own, LAST3, YESTERDAY);
              const prev = window(own, ...PREV7);
              if (last.impressions === 0 || prev.impressions === 0) continue;
              checked += 1;
              expect(ctr(last), `${acc.platform} ${level} ${own[0]?.name}`).toBeGreaterThan(0.8 * ctr(prev));
              expect(last.conversions, `${acc.platform} ${level} ${own[0]?.name}`).toBeGreaterThan(0);
              expect(cpa(last), `${acc.platform} ${level} ${own[0]?.name}`).toBeLessThan(1.3 * cpa(prev));
            }
          }
        }
        expect(checked).toBeGreaterThan(20);
      });
    });
  }
});

describe('accounts', () => {
  it('gives every user its own deterministic accounts in the platforms formats', () => {
    const [meta, tiktok, google] = sandboxAccounts('demo');
    expect(meta).toMatchObject({ platform: 'meta', token: 'sbx-meta-demo', currency: 'USD' });
    expect(meta?.account_id).toMatch(/^act_\d{15}$/);
    expect(meta?.page_id).toMatch(/^\d+$/);
    expect(tiktok?.account_id).toMatch(/^7\d{18}$/);
    expect(tiktok?.identity_id).toMatch(/^\d+$/);
    expect(google?.account_id).toMatch(/^\d{10}$/);
    expect(google).toMatchObject({ developer_token: 'sbx-developer-token', login_customer_id: expect.stringMatching(/^\d{10}$/) });
    expect(sandboxAccounts('demo')).toEqual(sandboxAccounts('demo'));
    const other = sandboxAccounts('u-x');
    other.forEach((a, i) => expect(a.account_id).not.toBe(sandboxAccounts('demo')[i]?.account_id));
    expect(accountForToken('tiktok', 'sbx-tiktok-u-x')).toEqual(other[1]);
    expect(accountForToken('meta', 'sbx-tiktok-u-x')).toBeUndefined();
    expect(accountForToken('meta', 'sbx-meta-')).toBeUndefined();
  });

  it('keeps users independent in the world', () => {
    const world = createAdsWorld({ today: TODAY });
    const demo = account(world, 'demo', 'google');
    const ux = world.accountByToken('google', 'sbx-google-u-x');
    expect(ux).toMatchObject({ user_id: 'u-x', account_id: sandboxAccounts('u-x')[2]?.account_id });
    expect(world.accountByToken('google', 'bogus')).toBeUndefined();
    const demoCampaigns = world.list('google', demo.account_id, 'campaign');
    const uxCampaigns = world.list('google', ux?.account_id ?? '', 'campaign');
    expect(uxCampaigns.map((c) => c.name)).toEqual(demoCampaigns.map((c) => c.name));
    expect(new Set([...uxCampaigns, ...demoCampaigns].map((c) => c.id)).size).toBe(demoCampaigns.length * 2);
    world.update('google', demoCampaigns[0]?.id ?? '', { status: 'paused', daily_budget: 1 });
    expect(world.get('google', uxCampaigns[0]?.id ?? '')).toMatchObject({ status: 'active', daily_budget: 320 });
    expect(world.totals('u-x', { since: addDays(TODAY, -30), until: YESTERDAY })).toEqual(
      createAdsWorld({ today: TODAY }).totals('u-x', { since: addDays(TODAY, -30), until: YESTERDAY }),
    );
  });
});

describe('faults', () => {
  it('affects the next N matching calls by platform and path', () => {
    const faults = new FaultStore();
    faults.add({ platform: 'meta', path: '/campaigns', mode: 'rate_limit', count: 2 });
    expect(faults.take('tiktok', '/campaigns')).toBeUndefined();
    expect(faults.take('meta', '/adsets')).toBeUndefined();
    expect(faults.take('meta', '/v26.0/act_1/campaigns')).toMatchObject({ mode: 'rate_limit' });
    expect(faults.take('meta', '/v26.0/act_1/campaigns')).toMatchObject({ mode: 'rate_limit' });
    expect(faults.take('meta', '/v26.0/act_1/campaigns')).toBeUndefined();
  });

  it('affects a deterministic share of calls until cleared', () => {
    const faults = new FaultStore();
    faults.add({ mode: 'server_error', rate: 0.25 });
    const fired = Array.from({ length: 100 }, () => faults.take('google', '/x') !== undefined);
    expect(fired.filter(Boolean)).toHaveLength(25);
    expect(fired.slice(0, 8)).toEqual([false, false, false, true, false, false, false, true]);
    faults.clear();
    expect(faults.take('google', '/x')).toBeUndefined();
  });

  it('returns latency rules and rejects invalid ones', () => {
    const faults = new FaultStore();
    faults.add({ mode: 'latency', latency_ms: 50 });
    expect(faults.take('meta', '/')).toEqual({ mode: 'latency', latency_ms: 50 });
    expect(faults.take('meta', '/')).toEqual({ mode: 'latency', latency_ms: 50 });
    expect(() => faults.add({ mode: 'latency' })).toThrow();
    expect(() => faults.add({ mode: 'policy', rate: 1.5 })).toThrow();
  });
});
