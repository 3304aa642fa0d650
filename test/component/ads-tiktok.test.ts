/**
 * Contract tests of TikTokAdapter against the ads sandbox's TikTok Business API v1.3 facade (seed 001
 * component 5, 需求 7.2 / 7.4 / 7.5; properties 14 and 15): objects created through the adapter read
 * back normalised (budgets in major units), list / budget / status round trips agree with the world,
 * insights equal the world's delivery, request keys make creation idempotent, requests have TikTok's
 * documented wire shape, and every injected fault maps to its code and retryability.
 * Wire references: business-api.tiktok.com/portal/docs (v1.3): Create a campaign (?id=1739318962329602),
 * Get campaigns (?id=1739315828649986), Update a campaign (?id=1739320422086657), Update campaign
 * statuses (?id=1739320994354178), Create an ad group (?id=1739499616346114), Update ad group budgets
 * (?id=1739591133130817), Upload an image (?id=1739067433456642), Create ads (?id=1739953377508354),
 * Synchronous report (?id=1740302848100353), Return codes (?id=1737172488964097).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TikTokAdapter } from '../../src/integrations/platforms/tiktok/adapter.js';
import type { AdAccount, AdSetSpec, AdSpec, Level } from '../../src/domain/ads/types.js';
import { sandboxAccount } from '../../src/sandboxes/ads/accounts.js';
import { useAdsSandbox } from '../support/ads-sandbox.js';
import { appError } from '../support/errors.js';

const TODAY = '2026-11-20';
const sandbox = useAdsSandbox(TODAY);

/** A fresh sandbox user's TikTok account as the Web Platform hands it out. */
function freshAccount(): AdAccount {
  const a = sandboxAccount('tiktok', `tt-${randomUUID()}`);
  return {
    platform: 'tiktok',
    account_id: a.account_id,
    access_token: a.token,
    currency: a.currency,
    base_url: `${sandbox.url}/tiktok`,
    ...(a.identity_id ? { identity_id: a.identity_id } : {}),
    name: a.name,
  };
}

interface Recorded {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

/** A fetch that records every request before passing it on (optionally rewriting the URL). */
function recordingFetch(rewrite: (url: string) => string = (u) => u): { calls: Recorded[]; fetch: typeof fetch } {
  const calls: Recorded[] = [];
  const recorder: typeof fetch = async (input, init) => {
    const url = rewrite(String(input));
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({ method: init?.method ?? 'GET', url: new URL(url), headers: new Headers(init?.headers), body });
    return fetch(url, init);
  };
  return { calls, fetch: recorder };
}


const adsetSpec = (campaignId: string, overrides: Partial<AdSetSpec> = {}): AdSetSpec => ({
  campaign_id: campaignId,
  name: 'US 25-44',
  daily_budget: 35.5,
  targeting: { countries: ['US', 'CA'], age_min: 25, age_max: 44 },
  ...overrides,
});

const adSpec = (adsetId: string, overrides: Partial<AdSpec> = {}): AdSpec => ({
  adset_id: adsetId,
  name: 'Try-on haul',
  creative: {
    image_url: 'https://cdn.example.com/creatives/try-on.png',
    headline: 'Try-on haul',
    primary_text: 'Our spring collection, tried on',
    link_url: 'https://shop.example.com/spring',
    call_to_action: 'Shop now',
  },
  ...overrides,
});

/** A campaign, an ad group and an ad created through a fresh account's adapter. */
async function tree(adapter: TikTokAdapter, key: string = randomUUID()) {
  const campaign = await adapter.createCampaign({ name: 'Spring sale', objective: 'traffic' }, `${key}.c`);
  const adset = await adapter.createAdSet(adsetSpec(campaign.id), `${key}.s`);
  const ad = await adapter.createAd(adSpec(adset.id), `${key}.a`);
  return { campaign, adset, ad };
}

describe('TikTokAdapter over the sandbox: objects', () => {
  it('creates campaign → ad group → ad and reads them back normalised', async () => {
    const account = freshAccount();
    const adapter = new TikTokAdapter(account);
    const { campaign, adset, ad } = await tree(adapter, 'k1');

    expect(campaign).toMatchObject({ platform: 'tiktok', level: 'campaign', name: 'Spring sale [rk:k1.c]', status: 'active', platform_status: 'CAMPAIGN_STATUS_ENABLE', currency: 'USD' });
    expect(campaign.daily_budget).toBeUndefined();
    expect(adset).toMatchObject({ level: 'adset', campaign_id: campaign.id, daily_budget: 35.5, status: 'active', platform_status: 'ADGROUP_STATUS_DELIVERY_OK' });
    expect(ad).toMatchObject({ level: 'ad', campaign_id: campaign.id, adset_id: adset.id, status: 'active', platform_status: 'AD_STATUS_DELIVERY_OK' });
    expect(await adapter.get('campaign', campaign.id)).toEqual(campaign);
    expect(await adapter.get('adset', adset.id)).toEqual(adset);
    expect(await adapter.get('ad', ad.id)).toEqual(ad);

    const worldAdset = sandbox.world.get('tiktok', adset.id);
    expect(worldAdset).toMatchObject({ account_id: account.account_id, daily_budget: 35.5, targeting: { countries: ['US', 'CA'], age_min: 25, age_max: 44 } });
    expect(sandbox.world.get('tiktok', ad.id)?.creative).toMatchObject({
      image_url: 'https://cdn.example.com/creatives/try-on.png',
      primary_text: 'Our spring collection, tried on',
      link_url: 'https://shop.example.com/spring',
      call_to_action: 'SHOP_NOW',
    });
  });

  it('creates a campaign-budget campaign with its daily budget in major units, paused when asked', async () => {
    const adapter = new TikTokAdapter(freshAccount());
    const campaign = await adapter.createCampaign({ name: 'CBO', objective: 'sales', daily_budget: 120.25, status: 'paused' }, 'cbo');
    expect(campaign).toMatchObject({ daily_budget: 120.25, status: 'paused', platform_status: 'CAMPAIGN_STATUS_DISABLE' });
    expect(sandbox.world.get('tiktok', campaign.id)).toMatchObject({ daily_budget: 120.25, status: 'paused', objective: 'sales' });
    const adset = await adapter.createAdSet(adsetSpec(campaign.id), 'cbo.s');
    expect(adset.daily_budget).toBeUndefined();
    expect(adset.status).toBe('active');
    expect(adset.platform_status).toBe('ADGROUP_STATUS_CAMPAIGN_DISABLE');
  });

  it('lists objects that are not deleted, under a parent, reading every page', async () => {
    const account = freshAccount();
    const { calls, fetch: paging } = recordingFetch((u) => u.replace('page_size=1000', 'page_size=2'));
    const adapter = new TikTokAdapter(account, { fetch: paging });
    const campaign = await adapter.createCampaign({ name: 'Listed' }, 'list.c');
    const seeded = sandbox.world.list('tiktok', account.account_id, 'campaign').filter((c) => c.id !== campaign.id);
    expect(seeded.length).toBeGreaterThan(0);
    const sets = [];
    for (const i of [1, 2, 3]) sets.push(await adapter.createAdSet(adsetSpec(campaign.id, { name: `Set ${i}` }), `list.s${i}`));
    await adapter.setStatus('adset', sets[1]!.id, 'deleted');

    calls.length = 0;
    const campaigns = await adapter.list('campaign');
    expect(campaigns.map((c) => c.id)).toEqual([...seeded.map((c) => c.id), campaign.id]);
    expect(calls.filter((c) => c.url.pathname.endsWith('/campaign/get/')).length).toBe(Math.ceil(campaigns.length / 2));

    const adsets = await adapter.list('adset', campaign.id);
    expect(adsets.map((s) => s.id)).toEqual([sets[0]!.id, sets[2]!.id]);
    const all = await adapter.list('adset');
    expect(all.length).toBe(sandbox.world.list('tiktok', account.account_id, 'adset').length);
  });

  it('updates budgets: the world holds the new daily budget', async () => {
    const account = freshAccount();
    const { calls, fetch: recorder } = recordingFetch();
    const adapter = new TikTokAdapter(account, { fetch: recorder });
    const cbo = await adapter.createCampaign({ name: 'Budgeted', daily_budget: 60 }, 'budgeted.c');
    const { adset } = await tree(adapter, 'b');

    const updated = await adapter.updateBudget('adset', adset.id, 42.75);
    expect(updated.daily_budget).toBe(42.75);
    expect(sandbox.world.get('tiktok', adset.id)?.daily_budget).toBe(42.75);
    const budgetCall = calls.find((c) => c.url.pathname.endsWith('/adgroup/budget/update/'));
    expect(budgetCall?.body).toEqual({ advertiser_id: account.account_id, budget: [{ adgroup_id: adset.id, budget: 42.75 }] });

    expect((await adapter.updateBudget('campaign', cbo.id, 75.5)).daily_budget).toBe(75.5);
    expect(sandbox.world.get('tiktok', cbo.id)?.daily_budget).toBe(75.5);
  });

  it('pauses, enables and deletes at every level', async () => {
    const adapter = new TikTokAdapter(freshAccount());
    const { campaign, adset, ad } = await tree(adapter);

    const paused = await adapter.setStatus('campaign', campaign.id, 'paused');
    expect(paused).toMatchObject({ status: 'paused', platform_status: 'CAMPAIGN_STATUS_DISABLE' });
    expect(sandbox.world.get('tiktok', campaign.id)?.status).toBe('paused');
    expect(await adapter.get('ad', ad.id)).toMatchObject({ status: 'active', platform_status: 'AD_STATUS_CAMPAIGN_DISABLE' });
    expect((await adapter.setStatus('campaign', campaign.id, 'active')).status).toBe('active');

    expect(await adapter.setStatus('adset', adset.id, 'paused')).toMatchObject({ status: 'paused', platform_status: 'ADGROUP_STATUS_DISABLE' });
    expect(await adapter.setStatus('adset', adset.id, 'active')).toMatchObject({ status: 'active', platform_status: 'ADGROUP_STATUS_DELIVERY_OK' });
    expect(await adapter.setStatus('ad', ad.id, 'paused')).toMatchObject({ status: 'paused', platform_status: 'AD_STATUS_DISABLE' });

    expect(await adapter.setStatus('ad', ad.id, 'deleted')).toMatchObject({ status: 'deleted', platform_status: 'AD_STATUS_DELETE' });
    expect(sandbox.world.get('tiktok', ad.id)?.status).toBe('deleted');
    expect(await adapter.list('ad', adset.id)).toEqual([]);
    expect(await adapter.setStatus('campaign', campaign.id, 'deleted')).toMatchObject({ status: 'deleted' });
    expect(await adapter.get('adset', adset.id)).toMatchObject({ status: 'deleted', platform_status: 'ADGROUP_STATUS_CAMPAIGN_DELETE' });
    const err = await appError(adapter.setStatus('adset', adset.id, 'active'));
    expect(err.code).toBe('1001');
    expect(err.details).toMatchObject({ platform_code: 40002 });
  });

  it('returns the existing object for a request key used twice (one object on the platform)', async () => {
    const account = freshAccount();
    const { calls, fetch: recorder } = recordingFetch();
    const adapter = new TikTokAdapter(account, { fetch: recorder });
    const first = await tree(adapter, 'twice');
    calls.length = 0;
    const second = await tree(adapter, 'twice');
    expect(second).toEqual(first);
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    expect(sandbox.world.list('tiktok', account.account_id, 'campaign').filter((c) => c.name === 'Spring sale [rk:twice.c]')).toHaveLength(1);
    expect(sandbox.world.list('tiktok', account.account_id, 'ad', { adset_id: first.adset.id })).toHaveLength(1);
  });
});

describe('TikTokAdapter over the sandbox: insights (Synchronous report, /report/integrated/get/)', () => {
  const levels: Level[] = ['campaign', 'adset', 'ad'];

  it.each(levels)('equals the world delivery by %s and day, money in major units', async (level) => {
    const account = freshAccount();
    const adapter = new TikTokAdapter(account);
    const span = { since: '2026-11-13', until: TODAY };
    const rows = await adapter.insights(level, span);
    const expected = sandbox.world.stats('tiktok', account.account_id, level, span.since, span.until).map((s) => ({
      platform: 'tiktok',
      level,
      id: s.id,
      name: s.name,
      campaign_id: s.campaign_id,
      ...(s.adset_id !== undefined ? { adset_id: s.adset_id } : {}),
      date: s.date,
      impressions: s.impressions,
      clicks: s.clicks,
      spend: s.spend,
      conversions: s.conversions,
      revenue: s.revenue,
      currency: 'USD',
    }));
    const byKey = (a: { id: string; date: string }, b: { id: string; date: string }) => `${a.id}|${a.date}`.localeCompare(`${b.id}|${b.date}`);
    expect(rows.length).toBeGreaterThan(0);
    expect([...rows].sort(byKey)).toEqual([...expected].sort(byKey));
  });

  it('reads spans longer than 30 days in 30-day windows with stat_time_day', async () => {
    const account = freshAccount();
    const { calls, fetch: recorder } = recordingFetch();
    const adapter = new TikTokAdapter(account, { fetch: recorder });
    const span = { since: '2026-10-07', until: TODAY };
    const rows = await adapter.insights('campaign', span);
    const reports = calls.filter((c) => c.url.pathname.endsWith('/report/integrated/get/'));
    expect(reports.map((c) => [c.url.searchParams.get('start_date'), c.url.searchParams.get('end_date')])).toEqual([
      ['2026-10-07', '2026-11-05'],
      ['2026-11-06', '2026-11-20'],
    ]);
    const total = (xs: { spend: number }[]) => Math.round(xs.reduce((t, r) => t + r.spend, 0) * 100) / 100;
    expect(total(rows)).toBe(sandbox.world.totals(sandbox.world.accountByToken('tiktok', account.access_token)!.user_id, { platform: 'tiktok', ...span }).overall.spend);
  });

  it('rejects a malformed span without calling TikTok', async () => {
    const { calls, fetch: recorder } = recordingFetch();
    const adapter = new TikTokAdapter(freshAccount(), { fetch: recorder });
    expect((await appError(adapter.insights('ad', { since: '2026-11-20', until: '2026-11-01' }))).code).toBe('1001');
    expect(calls).toEqual([]);
  });
});

describe('TikTokAdapter wire shape (business-api.tiktok.com/portal/docs, v1.3)', () => {
  it('sends the documented paths, Access-Token header and bodies', async () => {
    const account = freshAccount();
    const { calls, fetch: recorder } = recordingFetch();
    const adapter = new TikTokAdapter(account, { fetch: recorder });
    const { campaign, adset } = await tree(adapter, 'wire');
    await adapter.insights('adset', { since: '2026-11-19', until: TODAY });

    for (const c of calls) {
      expect(c.url.pathname).toMatch(/^\/tiktok\/open_api\/v1\.3\/[a-z_/]+\/$/);
      expect(c.headers.get('access-token')).toBe(account.access_token);
      expect(c.url.search).not.toContain(account.access_token);
      if (c.method === 'GET') expect(c.url.searchParams.get('advertiser_id')).toBe(account.account_id);
      else expect(c.headers.get('content-type')).toBe('application/json');
    }
    const post = (path: string) => calls.find((c) => c.method === 'POST' && c.url.pathname.endsWith(path))?.body;

    // Create a campaign: https://business-api.tiktok.com/portal/docs?id=1739318962329602
    expect(post('/campaign/create/')).toEqual({
      advertiser_id: account.account_id,
      campaign_name: 'Spring sale [rk:wire.c]',
      objective_type: 'TRAFFIC',
      budget_mode: 'BUDGET_MODE_INFINITE',
      operation_status: 'ENABLE',
    });
    // Create an ad group: https://business-api.tiktok.com/portal/docs?id=1739499616346114
    expect(post('/adgroup/create/')).toMatchObject({
      advertiser_id: account.account_id,
      campaign_id: campaign.id,
      adgroup_name: 'US 25-44 [rk:wire.s]',
      placement_type: 'PLACEMENT_TYPE_AUTOMATIC',
      location_ids: ['6252001', '6251999'],
      age_groups: ['AGE_25_34', 'AGE_35_44'],
      budget_mode: 'BUDGET_MODE_DAY',
      budget: 35.5,
      schedule_type: 'SCHEDULE_FROM_NOW',
      schedule_start_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      optimization_goal: 'CLICK',
      billing_event: 'CPC',
      bid_type: 'BID_TYPE_NO_BID',
      operation_status: 'ENABLE',
    });
    // Upload an image by URL: https://business-api.tiktok.com/portal/docs?id=1739067433456642
    expect(post('/file/image/ad/upload/')).toEqual({
      advertiser_id: account.account_id,
      upload_type: 'UPLOAD_BY_URL',
      image_url: 'https://cdn.example.com/creatives/try-on.png',
    });
    // Create ads: https://business-api.tiktok.com/portal/docs?id=1739953377508354
    expect(post('/ad/create/')).toEqual({
      advertiser_id: account.account_id,
      adgroup_id: adset.id,
      creatives: [
        {
          ad_name: 'Try-on haul [rk:wire.a]',
          ad_format: 'SINGLE_IMAGE',
          ad_text: 'Our spring collection, tried on',
          call_to_action: 'SHOP_NOW',
          landing_page_url: 'https://shop.example.com/spring',
          identity_type: 'CUSTOMIZED_USER',
          identity_id: account.identity_id,
          image_ids: [expect.stringMatching(/^ad-site-i18n-sg\//)],
          operation_status: 'ENABLE',
        },
      ],
    });
    // Get campaigns with a JSON filtering parameter: https://business-api.tiktok.com/portal/docs?id=1739315828649986
    const getCampaign = calls.find((c) => c.url.pathname.endsWith('/campaign/get/') && c.url.searchParams.get('filtering')?.includes(campaign.id));
    expect(JSON.parse(getCampaign!.url.searchParams.get('filtering')!)).toEqual({ campaign_ids: [campaign.id], primary_status: 'STATUS_ALL' });
    // Synchronous report: https://business-api.tiktok.com/portal/docs?id=1740302848100353
    const report = calls.find((c) => c.url.pathname.endsWith('/report/integrated/get/'))!.url.searchParams;
    expect(Object.fromEntries(report)).toMatchObject({ report_type: 'BASIC', data_level: 'AUCTION_ADGROUP', start_date: '2026-11-19', end_date: TODAY, page: '1', page_size: '1000' });
    expect(JSON.parse(report.get('dimensions')!)).toEqual(['adgroup_id', 'stat_time_day']);
    expect(JSON.parse(report.get('metrics')!)).toEqual(expect.arrayContaining(['spend', 'impressions', 'clicks', 'conversion', 'total_complete_payment_rate']));
  });

  it('answers the facade in the {code, message, request_id, data} envelope, stat_time_day and string metrics', async () => {
    const account = freshAccount();
    const query = new URLSearchParams({
      advertiser_id: account.account_id,
      report_type: 'BASIC',
      data_level: 'AUCTION_CAMPAIGN',
      dimensions: JSON.stringify(['campaign_id', 'stat_time_day']),
      metrics: JSON.stringify(['spend', 'impressions', 'total_complete_payment_rate']),
      start_date: '2026-11-19',
      end_date: '2026-11-19',
    });
    const res = await fetch(`${account.base_url}/open_api/v1.3/report/integrated/get/?${query}`, { headers: { 'Access-Token': account.access_token } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { code: number; message: string; request_id: string; data: { list: { dimensions: Record<string, string>; metrics: Record<string, string> }[]; page_info: unknown } };
    expect(body).toMatchObject({ code: 0, message: 'OK', request_id: expect.any(String) });
    expect(body.data.page_info).toMatchObject({ page: 1, page_size: 10 });
    const row = body.data.list[0]!;
    expect(row.dimensions.stat_time_day).toBe('2026-11-19 00:00:00');
    expect(row.metrics.spend).toMatch(/^\d+\.\d{2}$/);
    expect(row.metrics.impressions).toMatch(/^\d+$/);
  });

  it('also takes budgets through /adgroup/update/ (Update an ad group, ?id=1739586761631745)', async () => {
    const account = freshAccount();
    const { adset } = await tree(new TikTokAdapter(account), 'upd');
    const res = await fetch(`${account.base_url}/open_api/v1.3/adgroup/update/`, {
      method: 'POST',
      headers: { 'Access-Token': account.access_token, 'content-type': 'application/json' },
      body: JSON.stringify({ advertiser_id: account.account_id, adgroup_id: adset.id, budget: 28 }),
    });
    expect(await res.json()).toMatchObject({ code: 0, data: { adgroup_id: adset.id, budget_mode: 'BUDGET_MODE_DAY', budget: 28 } });
    expect(sandbox.world.get('tiktok', adset.id)?.daily_budget).toBe(28);
  });

  it('answers HTTP 404 for a path without its trailing slash (TikTok gateway behaviour)', async () => {
    const account = freshAccount();
    const res = await fetch(`${account.base_url}/open_api/v1.3/campaign/get?advertiser_id=${account.account_id}`, { headers: { 'Access-Token': account.access_token } });
    expect(res.status).toBe(404);
  });
});

describe('TikTokAdapter error mapping (Return codes, business-api.tiktok.com/portal/docs?id=1737172488964097)', () => {
  it('maps a wrong token (40105) and another advertiser (40106) to 1002, keeping TikTok details but never the token', async () => {
    const account = freshAccount();
    const bad = await appError(new TikTokAdapter({ ...account, access_token: 'sbx-tiktok-' }).list('campaign'));
    expect(bad.code).toBe('1002');
    expect(bad.details).toMatchObject({ platform: 'tiktok', http_status: 200, platform_code: 40105, endpoint: '/campaign/get/' });
    expect(bad.details.request_id).toEqual(expect.any(String));
    const other = freshAccount();
    const mismatch = await appError(new TikTokAdapter({ ...account, account_id: other.account_id }).list('campaign'));
    expect(mismatch.code).toBe('1002');
    expect(mismatch.details.platform_code).toBe(40106);
    expect(JSON.stringify({ ...mismatch.details, message: mismatch.message })).not.toContain(account.access_token);
    const empty = await appError(new TikTokAdapter({ ...account, access_token: '' }).list('campaign'));
    expect(empty.details).toMatchObject({ platform_code: 40104 });
    expect(empty.code).toBe('1002');
  });

  it('maps the 21st ad of an ad group (40502, maximum ad limit) to 1005 and a budget change without a daily budget to 1001', async () => {
    const adapter = new TikTokAdapter(freshAccount());
    const { adset } = await tree(adapter, 'full');
    for (let i = 2; i <= 20; i++) await adapter.createAd(adSpec(adset.id, { name: `Ad ${i}` }), `full.a${i}`);
    const full = await appError(adapter.createAd(adSpec(adset.id, { name: 'Ad 21' }), 'full.a21'));
    expect(full.code).toBe('1005');
    expect(full.details.platform_code).toBe(40502);

    const cbo = await adapter.createCampaign({ name: 'CBO budget', daily_budget: 80 }, 'cbo2.c');
    const underCbo = await adapter.createAdSet(adsetSpec(cbo.id), 'cbo2.s');
    const noBudget = await appError(adapter.updateBudget('adset', underCbo.id, 30));
    expect(noBudget.code).toBe('1001');
    expect(noBudget.details.platform_message).toContain('BUDGET_MODE_INFINITE');
  });

  it('maps a budget below the minimum to 1001 with a clear message, an unknown id to 1004', async () => {
    const adapter = new TikTokAdapter(freshAccount());
    const campaign = await adapter.createCampaign({ name: 'Low budget' }, 'low.c');
    const low = await appError(adapter.createAdSet(adsetSpec(campaign.id, { daily_budget: 5 }), 'low.s'));
    expect(low.code).toBe('1001');
    expect(low.details).toMatchObject({ platform_code: 40002, platform_message: expect.stringContaining('at least 20.00 USD') });
    expect((await appError(adapter.get('adset', '1760000000000000001'))).code).toBe('1004');
    const unknown = await appError(adapter.updateBudget('adset', '1760000000000000001', 30));
    expect(unknown.code).toBe('1004');
    expect(unknown.details.platform_code).toBe(40007);
    expect((await appError(adapter.createAdSet(adsetSpec('1760000000000000001'), 'x.s'))).code).toBe('1004');
  });

  it('refuses targeting TikTok cannot express, before calling it', async () => {
    const adapter = new TikTokAdapter(freshAccount());
    const campaign = await adapter.createCampaign({ name: 'Targeting' }, 'tg.c');
    for (const targeting of [{ countries: ['US'], audience: 'lookalike' as const }, { countries: ['XX'] }, {}]) {
      expect((await appError(adapter.createAdSet(adsetSpec(campaign.id, { targeting }), 'tg.s'))).code).toBe('1001');
    }
  });

  const faults = [
    { mode: 'rate_limit', code: '1003', retryable: true, platform_code: 40100 },
    { mode: 'quota', code: '1005', retryable: false, platform_code: 40100 },
    { mode: 'token_expired', code: '6001', retryable: false, platform_code: 40102 },
    { mode: 'policy', code: '6005', retryable: false, platform_code: 40065 },
    { mode: 'server_error', code: '4000', retryable: true, platform_code: 50000 },
  ] as const;

  it.each(faults)('maps the $mode fault to $code (retryable $retryable)', async ({ mode, code, retryable, platform_code }) => {
    const adapter = new TikTokAdapter(freshAccount());
    sandbox.world.addFault({ platform: 'tiktok', path: '/campaign/create/', mode, count: 1 });
    const err = await appError(adapter.createCampaign({ name: `Fault ${mode}` }, `fault.${mode}`));
    expect(err.code).toBe(code);
    expect(err.retryable).toBe(retryable);
    expect(err.details).toMatchObject({ platform: 'tiktok', http_status: 200, platform_code, request_id: expect.any(String), endpoint: '/campaign/create/' });
    // the fault was consumed: the same call now succeeds (the adapter itself never retried)
    expect((await adapter.createCampaign({ name: `Fault ${mode}` }, `fault.${mode}`)).status).toBe('active');
  });

  it('maps a throttled call with the QPS window to retry_after_s 1', async () => {
    const adapter = new TikTokAdapter(freshAccount());
    sandbox.world.addFault({ platform: 'tiktok', path: '/report/integrated/get/', mode: 'rate_limit', count: 1 });
    const err = await appError(adapter.insights('campaign', { since: TODAY, until: TODAY }));
    expect(err.details).toMatchObject({ platform_code: 40100, retry_after_s: 1 });
  });

  it('maps a gateway HTTP 503 without an envelope to 4000 (retryable)', async () => {
    const adapter = new TikTokAdapter(freshAccount());
    sandbox.world.addFault({ platform: 'tiktok', path: '/campaign/get/', mode: 'server_error', count: 2 });
    const errors = [await appError(adapter.list('campaign')), await appError(adapter.list('campaign'))];
    expect(errors.map((e) => e.code)).toEqual(['4000', '4000']);
    expect(errors.map((e) => e.details.http_status).sort()).toEqual([200, 503]);
    expect(errors.every((e) => e.retryable)).toBe(true);
  });

  it('times out a slow call as 4000 (latency fault, timeoutMs)', async () => {
    const adapter = new TikTokAdapter(freshAccount(), { timeoutMs: 100 });
    sandbox.world.addFault({ platform: 'tiktok', path: '/ad/get/', mode: 'latency', latency_ms: 400, count: 1 });
    const err = await appError(adapter.list('ad'));
    expect(err.code).toBe('4000');
    expect(err.details).toMatchObject({ reason: 'timeout', timeout_ms: 100 });
  });
});
