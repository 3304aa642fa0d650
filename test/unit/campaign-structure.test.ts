/**
 * Campaign structure (seed 001 需求 1, 2; properties 1-4; issue "createCampaignWorkflow"): the plan
 * a create_campaign step builds, its validation errors with suggested fixes, and the result shape.
 */
import { describe, expect, it } from 'vitest';
import {
  adSetSpecOf,
  adSpecOf,
  creationErrorFix,
  planCampaign,
  type AdCopy,
  type CampaignPlan,
  type CampaignPlanInput,
  type CreatedObjects,
} from '../../src/domain/campaign-ops/structure.js';
import { campaignResult } from '../../src/domain/replies/campaigns.js';
import { AppError } from '../../src/domain/errors.js';
import { withRequestKey } from '../../src/domain/ads/request-key.js';

const creatives = (n: number) => Array.from({ length: n }, (_, i) => ({ creative_id: `cr_${i + 1}`, image_url: `https://cdn.test/cr_${i + 1}.png` }));

const input = (over: Partial<CampaignPlanInput> = {}): CampaignPlanInput => ({
  platform: 'meta',
  daily_budget: 80,
  currency: 'USD',
  creatives: creatives(3),
  landing_url: 'https://shop.test/earbuds',
  request_key_prefix: 'chat-turn-1:step-1',
  ...over,
});

/** The AppError a call throws (fails the test when it does not throw one). */
function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

const copy = (creativeId: string): AdCopy => ({ headline: `Buy ${creativeId}`, primary_text: `Great earbuds (${creativeId}). Shop now!` });

/** Ids for every planned object, as a workflow that created everything would report them. */
function createdAll(plan: CampaignPlan): CreatedObjects {
  return {
    campaign_id: 'c-100',
    adsets: Object.fromEntries(plan.adsets.map((s, i) => [s.key, `as-${i}`])),
    ads: Object.fromEntries(plan.ads.map((a, i) => [a.key, `ad-${i}`])),
    copies: Object.fromEntries(plan.copy_keys.map((k) => [k.key, copy(k.creative_id)])),
  };
}

describe('planCampaign: acceptance (3 images, Meta, 80 a day)', () => {
  const plan = planCampaign(input());

  it('has 3 ad sets of 26.67 over the default age groups (properties 1, 2)', () => {
    expect(plan.adsets.map((s) => s.daily_budget)).toEqual([26.67, 26.67, 26.67]);
    expect(plan.adsets.map((s) => [s.targeting.age_min, s.targeting.age_max])).toEqual([
      [18, 35],
      [36, 50],
      [51, 65],
    ]);
    expect(plan.requested_daily_budget).toBe(80);
    expect(plan.daily_budget).toBe(80.01);
    expect(plan.budget_level).toBe('adset');
    expect(plan.campaign.spec).toEqual({ name: 'Sales · US', objective: 'sales', status: 'active' });
  });

  it('targets broad audiences in the default country with automatic placements and lowest cost (property 3)', () => {
    for (const s of plan.adsets) {
      expect(s.targeting).toMatchObject({ countries: ['US'], audience: 'broad' });
      expect(s.placements).toBe('automatic');
      expect(s.bid_strategy).toBe('lowest_cost');
    }
    expect(plan.adsets.map((s) => s.name)).toEqual(['Sales · US · 18-35', 'Sales · US · 36-50', 'Sales · US · 51-65']);
    expect(plan.notes).toEqual([]);
  });

  it('has 9 ads, one per creative per ad set, and 3 copy keys (properties 3, 4)', () => {
    expect(plan.ads).toHaveLength(9);
    expect(plan.ads.map((a) => `${a.adset_key}/${a.creative_id}`)).toEqual([
      'adset-0/cr_1',
      'adset-0/cr_2',
      'adset-0/cr_3',
      'adset-1/cr_1',
      'adset-1/cr_2',
      'adset-1/cr_3',
      'adset-2/cr_1',
      'adset-2/cr_2',
      'adset-2/cr_3',
    ]);
    expect(plan.copy_keys.map((k) => k.key)).toEqual(['cr_1@meta', 'cr_2@meta', 'cr_3@meta']);
    expect(new Set(plan.ads.map((a) => a.copy_key))).toEqual(new Set(plan.copy_keys.map((k) => k.key)));
  });

  it('derives deterministic, valid request keys from the prefix', () => {
    expect(plan.campaign.request_key).toBe('chat-turn-1:step-1.campaign');
    expect(plan.adsets.map((s) => s.request_key)).toEqual(['chat-turn-1:step-1.adset-0', 'chat-turn-1:step-1.adset-1', 'chat-turn-1:step-1.adset-2']);
    expect(plan.ads[5]?.request_key).toBe('chat-turn-1:step-1.ad-1-2');
    const keys = [plan.campaign.request_key, ...plan.adsets.map((s) => s.request_key), ...plan.ads.map((a) => a.request_key)];
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(() => withRequestKey('x', k)).not.toThrow();
    expect(planCampaign(input())).toEqual(plan);
  });
});

describe('planCampaign: options', () => {
  it('sorts custom age groups and splits the budget over them', () => {
    const plan = planCampaign(input({ daily_budget: 100, age_groups: [[25, 34], [18, 24]], countries: ['us', 'ca', 'US'], name: 'Spring sale' }));
    expect(plan.adsets.map((s) => s.name)).toEqual(['Spring sale · 18-24', 'Spring sale · 25-34']);
    expect(plan.adsets.map((s) => s.daily_budget)).toEqual([50, 50]);
    expect(plan.adsets[0]?.targeting.countries).toEqual(['US', 'CA']);
    expect(plan.ads).toHaveLength(6);
  });

  it('plans a lookalike audience on Meta, noting that it runs broad without an audience id', () => {
    const plan = planCampaign(input({ audience: 'lookalike' }));
    expect(plan.adsets.every((s) => s.targeting.audience === 'lookalike')).toBe(true);
    expect(plan.notes).toEqual(['lookalike_needs_audience']);
  });

  it('puts the whole budget on a Google campaign and none on its ad groups', () => {
    const plan = planCampaign(input({ platform: 'google' }));
    expect(plan.budget_level).toBe('campaign');
    expect(plan.campaign.spec.daily_budget).toBe(80);
    expect(plan.daily_budget).toBe(80);
    expect(plan.adsets.every((s) => s.daily_budget === undefined)).toBe(true);
    expect(adSetSpecOf(plan, plan.adsets[0]!, 'c-1').daily_budget).toBe(0);
    expect(plan.notes).toEqual(['google_targeting_on_campaign']);
    expect(plan.copy_keys.map((k) => k.key)).toEqual(['cr_1@google', 'cr_2@google', 'cr_3@google']);
  });

  it('plans TikTok ad group budgets at or above TikTok’s 20 USD minimum', () => {
    const plan = planCampaign(input({ platform: 'tiktok', daily_budget: 60 }));
    expect(plan.adsets.map((s) => s.daily_budget)).toEqual([20, 20, 20]);
    expect(plan.campaign.spec.daily_budget).toBeUndefined();
    expect(plan.notes).toEqual(['tiktok_age_bands']);
  });

  it('notes TikTok age bands only when neighbouring groups share one', () => {
    expect(planCampaign(input({ platform: 'tiktok', daily_budget: 40, age_groups: [[18, 24], [25, 34]] })).notes).toEqual([]);
    expect(planCampaign(input({ platform: 'tiktok', daily_budget: 40, age_groups: [[18, 30], [31, 40]] })).notes).toEqual(['tiktok_age_bands']);
  });

  it('rounds to the currency’s minor unit (JPY: whole yen)', () => {
    const plan = planCampaign(input({ currency: 'JPY', daily_budget: 10_000 }));
    expect(plan.adsets.map((s) => s.daily_budget)).toEqual([3333, 3333, 3333]);
    expect(plan.daily_budget).toBe(9999);
  });

  it('creates paused objects when asked', () => {
    const plan = planCampaign(input({ status: 'paused', objective: 'traffic' }));
    expect(plan.campaign.spec).toMatchObject({ status: 'paused', objective: 'traffic', name: 'Traffic · US' });
    expect(adSetSpecOf(plan, plan.adsets[1]!, 'c-1')).toEqual({
      campaign_id: 'c-1',
      name: 'Traffic · US · 36-50',
      daily_budget: 26.67,
      targeting: { countries: ['US'], age_min: 36, age_max: 50, audience: 'broad' },
      status: 'paused',
    });
  });

  it('builds the AdSpec of an ad from its creative and copy', () => {
    const plan = planCampaign(input());
    const ad = plan.ads[4]!;
    expect(adSpecOf(plan, ad, 'as-1', { ...copy(ad.creative_id), call_to_action: 'SHOP_NOW' })).toEqual({
      adset_id: 'as-1',
      name: 'Sales · US · 36-50 · cr_2',
      creative: {
        creative_id: 'cr_2',
        image_url: 'https://cdn.test/cr_2.png',
        headline: 'Buy cr_2',
        primary_text: 'Great earbuds (cr_2). Shop now!',
        link_url: 'https://shop.test/earbuds',
        call_to_action: 'SHOP_NOW',
      },
      status: 'active',
    });
  });
});

describe('planCampaign: validation errors carry a suggested fix (1001)', () => {
  it('budget below TikTok’s minimum per ad group: raise the budget or use fewer age groups', () => {
    const err = errorOf(() => planCampaign(input({ platform: 'tiktok', daily_budget: 50 })));
    expect(err.code).toBe('1001');
    expect(err.details).toMatchObject({ field: 'daily_budget', reason: 'budget_too_low', per_object: 16.67, minimum_daily_budget: 20, minimum_total: 60, max_age_groups: 2 });
    expect(err.details.suggestion).toEqual({
      zh: '请把日预算提高到至少 60.00 USD，或把年龄组减少到 2 个以内',
      en: 'Raise the daily budget to at least 60.00 USD, or use at most 2 age groups',
    });
    expect(() => planCampaign(input({ platform: 'tiktok', daily_budget: 60 }))).not.toThrow();
    expect(() => planCampaign(input({ platform: 'tiktok', daily_budget: 50, age_groups: [[18, 35], [36, 65]] }))).not.toThrow();
  });

  it('budget below Meta’s 1.00 per ad set, and below Google’s campaign minimum', () => {
    const meta = errorOf(() => planCampaign(input({ daily_budget: 2.5 })));
    expect(meta.details).toMatchObject({ reason: 'budget_too_low', minimum_total: 3, max_age_groups: 2 });
    const google = errorOf(() => planCampaign(input({ platform: 'google', daily_budget: 0.5 })));
    expect(google.details).toMatchObject({ reason: 'budget_too_low', minimum_total: 1, max_age_groups: 0 });
    expect((google.details.suggestion as { en: string }).en).toBe('Raise the daily budget to at least 1.00 USD');
  });

  it('checks other currencies against the system floor of 1 major unit', () => {
    expect(errorOf(() => planCampaign(input({ currency: 'EUR', daily_budget: 2 }))).details).toMatchObject({ reason: 'budget_too_low', minimum_daily_budget: 1 });
    expect(planCampaign(input({ platform: 'tiktok', currency: 'EUR', daily_budget: 3 })).adsets[0]?.daily_budget).toBe(1);
  });

  it.each([
    ['zero budget', { daily_budget: 0 }, 'daily_budget', 'invalid_budget'],
    ['NaN budget', { daily_budget: Number.NaN }, 'daily_budget', 'invalid_budget'],
    ['unknown currency', { currency: 'XYZ1' }, 'currency', 'invalid_currency'],
    ['overlapping age groups', { age_groups: [[18, 35], [35, 50]] }, 'age_groups', 'overlapping_age_groups'],
    ['age below 13', { age_groups: [[12, 20]] }, 'age_groups', 'invalid_age_group'],
    ['age above 65', { age_groups: [[50, 70]] }, 'age_groups', 'invalid_age_group'],
    ['min above max', { age_groups: [[40, 30]] }, 'age_groups', 'invalid_age_group'],
    ['fractional age', { age_groups: [[18.5, 30]] }, 'age_groups', 'invalid_age_group'],
    ['no age group', { age_groups: [] }, 'age_groups', 'too_many_age_groups'],
    ['11 age groups', { age_groups: Array.from({ length: 11 }, (_, i) => [13 + i * 4, 15 + i * 4] as const) }, 'age_groups', 'too_many_age_groups'],
    ['no creative', { creatives: [] }, 'creatives', 'creative_count'],
    ['51 creatives', { creatives: creatives(51) }, 'creatives', 'creative_count'],
    ['duplicate creative', { creatives: [...creatives(2), creatives(1)[0]!] }, 'creatives', 'duplicate_creative'],
    ['creative without image', { creatives: [{ creative_id: 'x', image_url: 'ftp://a' }] }, 'creatives', 'invalid_image_url'],
    ['no country', { countries: [] }, 'countries', 'no_country'],
    ['malformed country', { countries: ['USA'] }, 'countries', 'invalid_country'],
    ['country TikTok cannot target', { platform: 'tiktok' as const, daily_budget: 100, countries: ['US', 'ZZ'] }, 'countries', 'country_not_supported'],
    ['lookalike on TikTok', { platform: 'tiktok' as const, daily_budget: 100, audience: 'lookalike' as const }, 'audience', 'lookalike_unsupported'],
    ['landing page not http', { landing_url: 'javascript:alert(1)' }, 'landing_url', 'invalid_landing_url'],
    ['request key prefix with a space', { request_key_prefix: 'a b' }, 'request_key_prefix', 'invalid_request_key'],
    ['request key prefix too long', { request_key_prefix: 'k'.repeat(73) }, 'request_key_prefix', 'invalid_request_key'],
    ['blank name', { name: '  ' }, 'name', 'invalid_name'],
  ] as const)('%s', (_label, over, field, reason) => {
    const err = errorOf(() => planCampaign(input(over as Partial<CampaignPlanInput>)));
    expect(err.code).toBe('1001');
    expect(err.details).toMatchObject({ field, reason });
    expect(err.details.suggestion).toEqual({ zh: expect.any(String), en: expect.any(String) });
  });

  it('accepts a 72-character prefix and single-year age groups', () => {
    const plan = planCampaign(input({ request_key_prefix: 'k'.repeat(72), age_groups: [[13, 13], [65, 65]], daily_budget: 2 }));
    expect(plan.adsets.map((s) => s.name)).toEqual(['Sales · US · 13-13', 'Sales · US · 65-65']);
    for (const a of plan.ads) expect(() => withRequestKey('x', a.request_key)).not.toThrow();
  });
});

describe('campaignResult (seed 需求 2.5, property 4)', () => {
  const plan = planCampaign(input());

  it('keeps the seed shape with copy for every ad', () => {
    const result = campaignResult(plan, createdAll(plan), 'zh');
    expect(result.status).toBe('success');
    expect(result.campaign_id).toBe('c-100');
    expect(result.adsets).toEqual([
      { adset_id: 'as-0', name: 'Sales · US · 18-35', daily_budget: 26.67 },
      { adset_id: 'as-1', name: 'Sales · US · 36-50', daily_budget: 26.67 },
      { adset_id: 'as-2', name: 'Sales · US · 51-65', daily_budget: 26.67 },
    ]);
    expect(result.ads).toHaveLength(9);
    expect(result.ads[3]).toEqual({ ad_id: 'ad-3', creative_id: 'cr_1', adset_id: 'as-1', copy: 'Great earbuds (cr_1). Shop now!', headline: 'Buy cr_1' });
    expect(result.failed).toEqual([]);
    expect(result.message).toBe('广告系列创建成功：3 个广告组（每个日预算 26.67 USD，合计 80.01 USD），9 条广告。');
  });

  it('writes the message in English, with the Google budget on the campaign', () => {
    const google = planCampaign(input({ platform: 'google' }));
    const result = campaignResult(google, createdAll(google), 'en');
    expect(result.adsets.every((s) => s.daily_budget === null)).toBe(true);
    expect(result.daily_budget).toBe(80);
    expect(result.message).toBe(
      'Campaign created: 3 ad sets (the 80.00 USD daily budget sits on the campaign and is shared by the ad groups), 9 ads. Google ad groups do not get their own age targeting yet.',
    );
  });

  it('reports a partial creation: a failed ad set and the ads never attempted under it', () => {
    const all = createdAll(plan);
    const { 'adset-1': _failedSet, ...adsets } = all.adsets;
    const ads = Object.fromEntries(Object.entries(all.ads).filter(([k]) => !k.startsWith('ad-1-') && k !== 'ad-2-0'));
    const failures = { 'adset-1': { code: '6005', message: 'policy' }, 'ad-2-0': { code: '6003', message: 'rejected' } };
    const result = campaignResult(plan, { ...all, adsets, ads, failures }, 'en');
    expect(result.status).toBe('partial');
    expect(result.adsets.map((s) => s.adset_id)).toEqual(['as-0', 'as-2']);
    expect(result.ads).toHaveLength(5);
    expect(result.failed).toEqual([
      { level: 'adset', key: 'adset-1', name: 'Sales · US · 36-50', error: { code: '6005', message: 'policy' } },
      { level: 'ad', key: 'ad-1-0', name: 'Sales · US · 36-50 · cr_1', error: null },
      { level: 'ad', key: 'ad-1-1', name: 'Sales · US · 36-50 · cr_2', error: null },
      { level: 'ad', key: 'ad-1-2', name: 'Sales · US · 36-50 · cr_3', error: null },
      { level: 'ad', key: 'ad-2-0', name: 'Sales · US · 51-65 · cr_1', error: { code: '6003', message: 'rejected' } },
    ]);
    expect(result.message).toMatch(/^Campaign created, but 5 objects failed: 2 ad sets/);
  });

  it('refuses a created ad without copy (1000)', () => {
    const all = createdAll(plan);
    const { 'cr_2@meta': _missing, ...copies } = all.copies;
    expect(errorOf(() => campaignResult(plan, { ...all, copies }, 'en')).code).toBe('1000');
  });
});

describe('creationErrorFix (seed 000 需求 14.7)', () => {
  const plan = planCampaign(input());

  it('suggests a budget from a stated minimum (Google), else a higher budget or fewer age groups (Meta)', () => {
    expect(creationErrorFix(new AppError('1001', 'Budget Is Too Low', { platform: 'meta', reason: 'budget_too_low' }), plan)).toEqual({
      zh: '平台认为每个广告组 26.67 USD 的日预算过低：请提高日预算或减少年龄组',
      en: 'Meta finds 26.67 USD a day per ad set too low: raise the daily budget or use fewer age groups',
    });
    const google = planCampaign(input({ platform: 'google' }));
    expect(creationErrorFix(new AppError('1001', 'budget', { platform: 'google', minimum_daily_budget: 100 }), google)?.en).toBe(
      'Raise the daily budget to at least 100.00 USD',
    );
    expect(creationErrorFix(new AppError('1001', 'x', { minimum_daily_budget: 30 }), plan)).toEqual({
      zh: '请把日预算提高到至少 90.00 USD，或把年龄组减少到 2 个以内',
      en: 'Raise the daily budget to at least 90.00 USD, or use at most 2 age groups',
    });
  });

  it('suggests widening a narrow audience, and fixing policy or creative rejections', () => {
    expect(creationErrorFix(new AppError('1001', 'x', { platform_message: 'Your audience is too narrow' }), plan)?.en).toMatch(/^The audience is too narrow/);
    expect(creationErrorFix(new AppError('6005'), plan)?.en).toMatch(/advertising policies/);
    expect(creationErrorFix(new AppError('6003'), plan)?.en).toMatch(/creative was rejected/);
  });

  it('has no fix for retryable or unrelated errors', () => {
    expect(creationErrorFix(new AppError('1003'), plan)).toBeUndefined();
    expect(creationErrorFix(new AppError('1001', 'page_id missing', { reason: 'page_id_missing' }), plan)).toBeUndefined();
  });
});
