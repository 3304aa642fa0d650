/**
 * Contract tests of the Google Ads adapter against the ads sandbox's Google Ads REST facade (seed
 * 001 component 5, 需求 7.3-7.5, properties 14 and 15): objects created through the adapter read
 * back normalised (budgets in major units), budgets and statuses land in the world, insights equal
 * the world's stats, request keys make creation idempotent, the wire format follows Google's REST
 * documentation, and every injected fault maps to its code and retryability.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { GoogleAdsAdapter } from '../../src/integrations/platforms/google/adapter.js';
import type { ResponsiveDisplayAdJson } from '../../src/integrations/platforms/google/ad.js';
import type { AdAccount, Level } from '../../src/domain/ads/types.js';
import { sandboxAccount } from '../../src/sandboxes/ads/accounts.js';
import { useAdsSandbox } from '../support/ads-sandbox.js';
import { appError } from '../support/errors.js';

const TODAY = '2026-11-20';
const sandbox = useAdsSandbox(TODAY);
let users = 0;

/** One recorded HTTP call (data: image downloads are not recorded). */
interface Call {
  url: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** A fresh sandbox user's Google account and an adapter that records its calls. */
function setup(opts: { fetch?: typeof fetch } = {}) {
  users += 1;
  const sbx = sandboxAccount('google', `google-contract-${users}`);
  const account: AdAccount = {
    platform: 'google',
    account_id: sbx.account_id,
    access_token: sbx.token,
    currency: 'USD',
    base_url: `${sandbox.url}/google`,
    developer_token: sbx.developer_token!,
    login_customer_id: sbx.login_customer_id!,
  };
  const calls: Call[] = [];
  const inner = opts.fetch ?? fetch;
  const recording: typeof fetch = async (input, init) => {
    const url = String(input);
    if (!url.startsWith('data:')) {
      const headers: Record<string, string> = {};
      new Headers(init?.headers).forEach((value, name) => (headers[name] = value));
      calls.push({ url, path: new URL(url).pathname, headers, body: JSON.parse(String(init?.body ?? '{}')) });
    }
    return inner(input, init);
  };
  const adapter = new GoogleAdsAdapter(account, { fetch: recording, timeoutMs: 10_000 });
  return { account, adapter, calls };
}

/** A PNG creative as a data: URL (a 1080×1350 4:5 image, as the creative module renders). */
function creativeUrl(): string {
  const canvas = createCanvas(1080, 1350);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#1d4ed8';
  ctx.fillRect(0, 0, 1080, 1350);
  ctx.fillStyle = '#facc15';
  ctx.fillRect(200, 300, 680, 750);
  return `data:image/png;base64,${canvas.toBuffer('image/png').toString('base64')}`;
}
const IMAGE = creativeUrl();

function adSpec(adsetId: string, name = 'Hero ad') {
  return {
    adset_id: adsetId,
    name,
    status: 'active' as const,
    creative: {
      image_url: IMAGE,
      headline: 'Winter boots, warm and waterproof: 30% off this week',
      primary_text: 'Free shipping and returns on every pair.',
      link_url: 'https://www.shop.example/boots',
      call_to_action: 'SHOP_NOW',
    },
  };
}

/** Creates campaign → ad group → ad for a fresh user. */
async function tree(adapter: GoogleAdsAdapter, key: string) {
  const campaign = await adapter.createCampaign({ name: 'Winter', daily_budget: 50, objective: 'sales', status: 'active' }, `${key}.c`);
  const adset = await adapter.createAdSet({ campaign_id: campaign.id, name: 'Winter - US', daily_budget: 20, targeting: { countries: ['US'] }, status: 'active' }, `${key}.s`);
  const ad = await adapter.createAd(adSpec(adset.id), `${key}.a`);
  return { campaign, adset, ad };
}


/** What the facade answers: a search or mutate result, or Google's error envelope. */
interface FacadeAnswer {
  results?: { resourceName?: string }[];
  fieldMask?: string;
  error?: {
    code: number;
    status: string;
    message: string;
    details: { '@type': string; requestId: string; errors: { errorCode: Record<string, string>; location?: unknown }[] }[];
  };
}

/** A raw call to the facade, as a client other than the adapter would make it. */
async function raw(account: AdAccount, method: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${sandbox.url}/google/v26/customers/${account.account_id}/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${account.access_token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, requestId: res.headers.get('request-id'), body: (await res.json()) as FacadeAnswer };
}

describe('Google Ads adapter against the sandbox: objects', () => {
  it('creates budget + campaign, ad group and responsive display ad, and reads them back normalised', async () => {
    const { account, adapter } = setup();
    const { campaign, adset, ad } = await tree(adapter, 'life');
    expect(campaign).toMatchObject({ platform: 'google', level: 'campaign', name: 'Winter', status: 'active', platform_status: 'ENABLED', daily_budget: 50, currency: 'USD' });
    expect(campaign.id).toMatch(/^\d+$/);
    expect(adset).toMatchObject({ level: 'adset', name: 'Winter - US', status: 'active', campaign_id: campaign.id });
    expect(adset.daily_budget).toBeUndefined();
    expect(ad).toMatchObject({ level: 'ad', name: 'Hero ad', status: 'active', campaign_id: campaign.id, adset_id: adset.id });

    expect(await adapter.get('campaign', campaign.id)).toEqual(campaign);
    expect(await adapter.get('adset', adset.id)).toEqual(adset);
    expect(await adapter.get('ad', ad.id)).toEqual(ad);
    expect(sandbox.world.get('google', campaign.id)).toMatchObject({ level: 'campaign', daily_budget: 50, status: 'active', name: 'Winter [rk:life.c]' });
    expect(sandbox.world.get('google', ad.id)).toMatchObject({ level: 'ad', adset_id: adset.id, campaign_id: campaign.id });

    const campaigns = await adapter.list('campaign');
    expect(campaigns.map((c) => c.name)).toEqual(['Search - Brand', 'Search - Generic Shoes', 'Display - Remarketing', 'Winter']);
    expect(campaigns.find((c) => c.name === 'Search - Brand')?.daily_budget).toBeGreaterThan(0);
    expect(await adapter.list('adset', campaign.id)).toEqual([adset]);
    expect(await adapter.list('ad', adset.id)).toEqual([ad]);
    expect((await adapter.list('ad')).length).toBe(sandbox.world.list('google', account.account_id, 'ad').length);
  });

  it('requires a daily budget for Google campaigns and refuses ad-set budgets (campaign budgets are shared by ad groups)', async () => {
    const { adapter, calls } = setup();
    const noBudget = await appError(adapter.createCampaign({ name: 'No budget' }, 'nb.c'));
    expect(noBudget.code).toBe('1001');
    expect(noBudget.message).toMatch(/daily budget/);
    expect(calls).toHaveLength(0);
    const { adset } = await tree(adapter, 'nb');
    const adsetBudget = await appError(adapter.updateBudget('adset', adset.id, 30));
    expect(adsetBudget.code).toBe('1001');
    expect(adsetBudget.message).toMatch(/share their campaign's budget/);
    expect(adsetBudget.retryable).toBe(false);
  });

  it('updates the campaign budget (the world holds the new major-unit amount) and reports the minimum when too low', async () => {
    const { adapter } = setup();
    const { campaign } = await tree(adapter, 'bud');
    const updated = await adapter.updateBudget('campaign', campaign.id, 75.5);
    expect(updated.daily_budget).toBe(75.5);
    expect(sandbox.world.get('google', campaign.id)?.daily_budget).toBe(75.5);
    expect((await adapter.get('campaign', campaign.id)).daily_budget).toBe(75.5);
    expect((await adapter.updateBudget('campaign', campaign.id, 12.345)).daily_budget).toBe(12.35);

    const low = await appError(adapter.updateBudget('campaign', campaign.id, 0.5));
    expect(low.code).toBe('1001');
    expect(low.details).toMatchObject({
      platform: 'google',
      http_status: 400,
      platform_code: 'campaignBudgetError:BUDGET_BELOW_PER_DAY_MINIMUM',
      minimum_budget_micros: '1000000',
      minimum_daily_budget: 1,
      location: 'operations[0].update.amount_micros',
    });
    expect(sandbox.world.get('google', campaign.id)?.daily_budget).toBe(12.35);
  });

  it('pauses, enables and removes campaigns, ad groups and ads; removed objects leave list() but get() still reads them', async () => {
    const { account, adapter } = setup();
    const { campaign, adset, ad } = await tree(adapter, 'st');
    for (const [level, id] of [['ad', ad.id], ['adset', adset.id], ['campaign', campaign.id]] as [Level, string][]) {
      expect(await adapter.setStatus(level, id, 'paused')).toMatchObject({ status: 'paused', platform_status: 'PAUSED' });
      expect(sandbox.world.get('google', id)?.status).toBe('paused');
      expect(await adapter.setStatus(level, id, 'active')).toMatchObject({ status: 'active', platform_status: 'ENABLED' });
      expect(sandbox.world.get('google', id)?.status).toBe('active');
    }
    expect(await adapter.setStatus('ad', ad.id, 'deleted')).toMatchObject({ status: 'deleted', platform_status: 'REMOVED' });
    expect(await adapter.list('ad', adset.id)).toEqual([]);
    expect(await adapter.setStatus('campaign', campaign.id, 'deleted')).toMatchObject({ status: 'deleted' });
    expect((await adapter.list('campaign')).map((c) => c.id)).not.toContain(campaign.id);
    expect(sandbox.world.get('google', campaign.id)?.status).toBe('deleted');
    const again = await appError(adapter.setStatus('campaign', campaign.id, 'active'));
    expect(again.details).toMatchObject({ platform_code: 'mutateError:MUTATE_NOT_ALLOWED' });
    expect(sandbox.world.list('google', account.account_id, 'campaign', { include_deleted: true }).some((c) => c.id === campaign.id)).toBe(true);
  });

  it('normalises ad review states from the policy summary (pending_review, rejected)', async () => {
    const { adapter } = setup();
    const { ad } = await tree(adapter, 'pol');
    sandbox.world.update('google', ad.id, { status: 'pending_review' });
    expect(await adapter.get('ad', ad.id)).toMatchObject({ status: 'pending_review', platform_status: 'ENABLED' });
    sandbox.world.update('google', ad.id, { status: 'rejected' });
    expect(await adapter.get('ad', ad.id)).toMatchObject({ status: 'rejected', platform_status: 'ENABLED' });
  });

  it('reports insights per level and day equal to the world stats for the same span (cost micros → major units)', async () => {
    const { account, adapter } = setup();
    await tree(adapter, 'ins');
    const span = { since: '2026-11-10', until: TODAY };
    for (const level of ['campaign', 'adset', 'ad'] as Level[]) {
      const rows = await adapter.insights(level, span);
      const expected = sandbox.world.stats('google', account.account_id, level, span.since, span.until);
      const key = (r: { id: string; date: string }) => `${r.date}|${r.id}`;
      expect(rows.map(key).sort()).toEqual(expected.map(key).sort());
      const byKey = new Map(rows.map((r) => [key(r), r]));
      for (const s of expected) {
        expect(byKey.get(key(s))).toMatchObject({
          platform: 'google',
          level,
          impressions: s.impressions,
          clicks: s.clicks,
          spend: s.spend,
          conversions: s.conversions,
          revenue: s.revenue,
          campaign_id: s.campaign_id,
          currency: 'USD',
          ...(level === 'campaign' ? {} : { adset_id: s.adset_id }),
        });
      }
      expect(rows.length).toBeGreaterThan(0);
    }
    expect(await adapter.insights('campaign', { since: '2030-01-01', until: '2030-01-02' })).toEqual([]);
    expect((await appError(adapter.insights('ad', { since: TODAY, until: '2026-11-01' }))).code).toBe('1001');
  });
});

describe('Google Ads adapter: request-key idempotency', () => {
  it('returns the existing campaign, ad group and ad for a repeated request key', async () => {
    const { account, adapter, calls } = setup();
    const first = await tree(adapter, 'idem');
    const before = calls.length;
    const second = await tree(adapter, 'idem');
    expect(second).toEqual(first);
    expect(calls.slice(before).filter((c) => c.path.endsWith(':mutate'))).toHaveLength(0);
    const named = sandbox.world.list('google', account.account_id, 'campaign').filter((c) => c.name.endsWith('[rk:idem.c]'));
    expect(named).toHaveLength(1);
  });

  it('reuses the budget of a campaign creation that failed half-way, and the image assets of a failed ad creation', async () => {
    const { account, adapter, calls } = setup();
    sandbox.world.addFault({ platform: 'google', path: 'campaigns:mutate', mode: 'server_error', count: 1 });
    expect((await appError(adapter.createCampaign({ name: 'Retry', daily_budget: 40, status: 'active' }, 'half.c'))).code).toBe('4000');
    const mark = calls.length;
    const campaign = await adapter.createCampaign({ name: 'Retry', daily_budget: 40, status: 'active' }, 'half.c');
    expect(calls.slice(mark).some((c) => c.path.endsWith('campaignBudgets:mutate'))).toBe(false);
    expect(campaign.daily_budget).toBe(40);
    const budgets = await raw(account, 'googleAds:search', { query: "SELECT campaign_budget.id FROM campaign_budget WHERE campaign_budget.name LIKE '%[[]rk:half.c[]]'" });
    expect(budgets.body.results).toHaveLength(1);

    const adset = await adapter.createAdSet({ campaign_id: campaign.id, name: 'G', daily_budget: 1, targeting: {}, status: 'active' }, 'half.s');
    sandbox.world.addFault({ platform: 'google', path: 'adGroupAds:mutate', mode: 'rate_limit', count: 1 });
    expect((await appError(adapter.createAd(adSpec(adset.id), 'half.a'))).code).toBe('1003');
    const mark2 = calls.length;
    const ad = await adapter.createAd(adSpec(adset.id), 'half.a');
    expect(calls.slice(mark2).some((c) => c.path.endsWith('assets:mutate'))).toBe(false);
    expect(ad.name).toBe('Hero ad');
    expect(await adapter.createAd(adSpec(adset.id), 'half.a')).toEqual(ad);
    expect(sandbox.world.list('google', account.account_id, 'ad', { adset_id: adset.id })).toHaveLength(1);
  });
});

describe('Google Ads wire format (https://developers.google.com/google-ads/api/rest/common/mutate, .../rest/common/search)', () => {
  it('sends Bearer, developer-token and login-customer-id headers to /v26/customers/{cid}/<resource>:mutate and googleAds:search', async () => {
    const { account, adapter, calls } = setup();
    await tree(adapter, 'wire');
    expect(calls.length).toBeGreaterThan(5);
    for (const call of calls) {
      expect(call.path).toMatch(new RegExp(`^/google/v26/customers/${account.account_id}/(googleAds:search|(campaignBudgets|campaigns|adGroups|assets|adGroupAds):mutate)$`));
      expect(call.headers.authorization).toBe(`Bearer ${account.access_token}`);
      expect(call.headers['developer-token']).toBe(account.developer_token);
      expect(call.headers['login-customer-id']).toBe(account.login_customer_id);
      expect(call.headers['content-type']).toBe('application/json');
    }
    for (const call of calls.filter((c) => c.path.endsWith('googleAds:search'))) expect(typeof call.body.query).toBe('string');
  });

  it('creates the budget with amountMicros as an int64 string and the campaign with campaignBudget, channel, bidding and containsEuPoliticalAdvertising (reference/rpc/v26/Campaign)', async () => {
    const { account, adapter, calls } = setup();
    await adapter.createCampaign({ name: 'Wire', daily_budget: 80.5, objective: 'traffic' }, 'wire2.c');
    const budget = calls.find((c) => c.path.endsWith('campaignBudgets:mutate'))!;
    expect(budget.body).toEqual({ operations: [{ create: { name: 'Wire [rk:wire2.c]', amountMicros: '80500000', deliveryMethod: 'STANDARD', explicitlyShared: false } }] });
    const campaign = calls.find((c) => c.path.endsWith('campaigns:mutate'))!;
    expect(campaign.body).toEqual({
      operations: [
        {
          create: {
            name: 'Wire [rk:wire2.c]',
            status: 'PAUSED',
            advertisingChannelType: 'DISPLAY',
            campaignBudget: expect.stringMatching(new RegExp(`^customers/${account.account_id}/campaignBudgets/\\d+$`)),
            targetSpend: {},
            containsEuPoliticalAdvertising: 'DOES_NOT_CONTAIN_EU_POLITICAL_ADVERTISING',
          },
        },
      ],
    });
    const search = calls.find((c) => c.path.endsWith('googleAds:search'))!;
    expect(search.body.query).toContain("campaign.name LIKE '% [[]rk:wire2.c[]]'");
  });

  it('updates with update + updateMask (amountMicros, status) and removes with remove: <resource name>', async () => {
    const { account, adapter, calls } = setup();
    const { campaign, adset, ad } = await tree(adapter, 'wire3');
    calls.length = 0;
    await adapter.updateBudget('campaign', campaign.id, 60);
    await adapter.setStatus('adset', adset.id, 'paused');
    await adapter.setStatus('ad', ad.id, 'deleted');
    const mutates = calls.filter((c) => c.path.endsWith(':mutate'));
    expect(mutates.map((c) => c.path.split('/').pop())).toEqual(['campaignBudgets:mutate', 'adGroups:mutate', 'adGroupAds:mutate']);
    expect(mutates[0]!.body).toEqual({
      operations: [{ update: { resourceName: expect.stringMatching(/campaignBudgets\/\d+$/), amountMicros: '60000000' }, updateMask: 'amountMicros' }],
    });
    expect(mutates[1]!.body).toEqual({ operations: [{ update: { resourceName: `customers/${account.account_id}/adGroups/${adset.id}`, status: 'PAUSED' }, updateMask: 'status' }] });
    expect(mutates[2]!.body).toEqual({ operations: [{ remove: `customers/${account.account_id}/adGroupAds/${adset.id}~${ad.id}` }] });
  });

  it('uploads landscape 1.91:1 and square image assets (imageAsset.data base64) and a responsive display ad within its text limits (reference/rpc/v26/ResponsiveDisplayAdInfo)', async () => {
    const { adapter, calls } = setup();
    await tree(adapter, 'wire4');
    const assets = calls.find((c) => c.path.endsWith('assets:mutate'))!;
    const ops = assets.body.operations as { create: { name: string; type: string; imageAsset: { data: string } } }[];
    expect(ops.map((o) => [o.create.name, o.create.type])).toEqual([
      ['Hero ad [rk:wire4.a]', 'IMAGE'],
      ['Hero ad (square) [rk:wire4.a]', 'IMAGE'],
    ]);
    const sizes = await Promise.all(ops.map(async (o) => loadImage(Buffer.from(o.create.imageAsset.data, 'base64'))));
    expect(sizes.map((s) => [s.width, s.height])).toEqual([
      [1200, 628],
      [1200, 1200],
    ]);
    const ad = calls.find((c) => c.path.endsWith('adGroupAds:mutate'))!.body.operations as { create: { ad: ResponsiveDisplayAdJson; status: string } }[];
    const rda = ad[0]!.create.ad.responsiveDisplayAd;
    expect(ad[0]!.create.status).toBe('ENABLED');
    expect(ad[0]!.create.ad.finalUrls).toEqual(['https://www.shop.example/boots']);
    expect(rda.marketingImages[0]!.asset).toMatch(/assets\/\d+$/);
    expect(rda.squareMarketingImages[0]!.asset).toMatch(/assets\/\d+$/);
    expect(rda.headlines[0]!.text.length).toBeLessThanOrEqual(30);
    expect(rda.longHeadline.text).toBe('Winter boots, warm and waterproof: 30% off this week');
    expect(rda.descriptions).toEqual([{ text: 'Free shipping and returns on every pair.' }]);
    expect(rda.businessName).toBe('shop.example');
    expect(rda.callToActionText).toBe('Shop now');
  });

  it('queries insights with segments.date BETWEEN and metrics.cost_micros (docs/query/grammar)', async () => {
    const { adapter, calls } = setup();
    await adapter.insights('adset', { since: '2026-11-01', until: '2026-11-07' });
    expect(calls[0]!.body.query).toBe(
      'SELECT campaign.id, ad_group.id, ad_group.name, segments.date, metrics.impressions, metrics.clicks, metrics.cost_micros, metrics.conversions, metrics.conversions_value ' +
        "FROM ad_group WHERE segments.date BETWEEN '2026-11-01' AND '2026-11-07' ORDER BY segments.date",
    );
  });

  it('follows nextPageToken until the last page', async () => {
    const pages = [
      { results: [{ campaign: { id: '1', name: 'A', status: 'ENABLED' }, campaignBudget: { amountMicros: '1000000' } }], nextPageToken: 'page-2', fieldMask: 'campaign.id' },
      { results: [{ campaign: { id: '2', name: 'B [rk:x]', status: 'PAUSED' } }], fieldMask: 'campaign.id' },
    ];
    const stub: typeof fetch = async () => new Response(JSON.stringify(pages.shift()), { status: 200, headers: { 'content-type': 'application/json' } });
    const { adapter, calls } = setup({ fetch: stub });
    const list = await adapter.list('campaign');
    expect(list.map((c) => [c.id, c.name, c.status, c.daily_budget])).toEqual([
      ['1', 'A', 'active', 1],
      ['2', 'B', 'paused', undefined],
    ]);
    expect(calls.map((c) => c.body.pageToken)).toEqual([undefined, 'page-2']);
  });

  it('the facade answers Google error envelopes with a request-id header: bad GAQL, missing EU political flag, unknown JSON fields, page size', async () => {
    const { account } = setup();
    const bad = await raw(account, 'googleAds:search', { query: 'SELEC campaign.id FROM campaign' });
    expect(bad.status).toBe(400);
    expect(bad.requestId).toBeTruthy();
    expect(bad.body.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect(bad.body.error?.details[0]).toMatchObject({
      '@type': 'type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure',
      errors: [{ errorCode: { queryError: 'EXPECTED_SELECT' } }],
      requestId: bad.requestId,
    });
    const noDates = await raw(account, 'googleAds:search', { query: 'SELECT campaign.id, segments.date, metrics.clicks FROM campaign' });
    expect(noDates.body.error?.details[0]?.errors[0]?.errorCode).toEqual({ queryError: 'EXPECTED_FILTERS_ON_DATE_RANGE' });

    const budget = await raw(account, 'campaignBudgets:mutate', { operations: [{ create: { name: 'B1', amountMicros: '5000000' } }] });
    expect(budget.status).toBe(200);
    const campaign = await raw(account, 'campaigns:mutate', {
      operations: [{ create: { name: 'No EU flag', advertisingChannelType: 'DISPLAY', campaignBudget: budget.body.results?.[0]?.resourceName, manualCpc: {} } }],
    });
    expect(campaign.status).toBe(400);
    expect(campaign.body.error?.details[0]?.errors[0]).toMatchObject({
      errorCode: { fieldError: 'REQUIRED' },
      location: { fieldPathElements: [{ fieldName: 'operations', index: 0 }, { fieldName: 'create' }, { fieldName: 'contains_eu_political_advertising' }] },
    });
    const unknown = await raw(account, 'campaignBudgets:mutate', { operations: [{ create: { name: 'B2', amount: '5000000' } }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.message).toMatch(/Unknown name "amount"/);
    const pageSize = await raw(account, 'googleAds:search', { query: 'SELECT campaign.id FROM campaign', pageSize: 10 });
    expect(pageSize.body.error?.details[0]?.errors[0]?.errorCode).toEqual({ requestError: 'PAGE_SIZE_NOT_SUPPORTED' });
  });

  it('GAQL in the facade: DURING presets, IN, LIKE, ORDER BY ... DESC and LIMIT (docs/query/grammar)', async () => {
    const { account } = setup();
    const during = await raw(account, 'googleAds:search', {
      query: 'SELECT campaign.id, segments.date, metrics.cost_micros FROM campaign WHERE segments.date DURING LAST_7_DAYS',
    });
    const dates = new Set((during.body.results as { segments: { date: string } }[]).map((r) => r.segments.date));
    expect([...dates].sort()).toEqual(['2026-11-13', '2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19']);
    const total = (rows: { metrics: { costMicros: string } }[]) => rows.reduce((sum, r) => sum + Number(r.metrics.costMicros), 0);
    const between = await raw(account, 'googleAds:search', {
      query: "SELECT campaign.id, metrics.cost_micros FROM campaign WHERE segments.date BETWEEN '2026-11-13' AND '2026-11-19'",
    });
    expect(total(between.body.results as { metrics: { costMicros: string } }[])).toBe(total(during.body.results as { metrics: { costMicros: string } }[]));

    const campaigns = sandbox.world.list('google', account.account_id, 'campaign');
    const picked = await raw(account, 'googleAds:search', {
      query: `SELECT campaign.id, campaign.name FROM campaign WHERE campaign.id IN (${campaigns[0]!.id}, ${campaigns[2]!.id}) AND campaign.name LIKE 'Search%' ORDER BY campaign.id DESC LIMIT 5`,
    });
    expect(picked.body.results).toEqual([{ campaign: { resourceName: `customers/${account.account_id}/campaigns/${campaigns[0]!.id}`, id: campaigns[0]!.id, name: 'Search - Brand' } }]);
    const ordered = await raw(account, 'googleAds:search', { query: 'SELECT campaign.id FROM campaign ORDER BY campaign.id DESC LIMIT 2' });
    expect((ordered.body.results as { campaign: { id: string } }[]).map((r) => r.campaign.id)).toEqual([campaigns[2]!.id, campaigns[1]!.id]);
    const badEnum = await raw(account, 'googleAds:search', { query: "SELECT campaign.id FROM campaign WHERE campaign.status = 'ON'" });
    expect(badEnum.body.error?.details[0]?.errors[0]?.errorCode).toEqual({ queryError: 'BAD_ENUM_CONSTANT' });
  });

  it('mutate honours validateOnly and partialFailure, and rejects budgets that are not whole cents', async () => {
    const { account } = setup();
    const validate = await raw(account, 'campaignBudgets:mutate', { validateOnly: true, operations: [{ create: { name: 'V', amountMicros: '5000000' } }] });
    expect(validate).toMatchObject({ status: 200, body: {} });
    const partial = await raw(account, 'campaignBudgets:mutate', {
      partialFailure: true,
      operations: [{ create: { name: 'P1', amountMicros: '5000000' } }, { create: { name: 'P2', amountMicros: '5000001' } }],
    });
    expect(partial.status).toBe(200);
    expect(partial.body.results?.[0]?.resourceName).toMatch(/campaignBudgets\/\d+$/);
    expect(partial.body.results?.[1]).toEqual({});
    expect((partial.body as { partialFailureError?: { details: { errors: { errorCode: unknown }[] }[] } }).partialFailureError?.details[0]?.errors[0]?.errorCode).toEqual({
      campaignBudgetError: 'NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT',
    });
    const atomic = await raw(account, 'campaignBudgets:mutate', { operations: [{ create: { name: 'A1', amountMicros: '5000000' } }, { create: { name: 'A2', amountMicros: '1' } }] });
    expect(atomic.status).toBe(400);
    const names = await raw(account, 'googleAds:search', { query: "SELECT campaign_budget.name FROM campaign_budget WHERE campaign_budget.name IN ('V', 'P1', 'P2', 'A1', 'A2')" });
    expect((names.body.results as { campaignBudget: { name: string } }[]).map((r) => r.campaignBudget.name)).toEqual(['P1']);
  });

  it('accepts calls without developer-token (sunset 2026-09-09, docs/api-policy/developer-token) but checks login-customer-id', async () => {
    const { account } = setup();
    const ok = await raw(account, 'googleAds:search', { query: 'SELECT campaign.id FROM campaign LIMIT 1' });
    expect(ok.status).toBe(200);
    expect(ok.body.results).toHaveLength(1);
    expect(ok.body.fieldMask).toBe('campaign.id');
    const wrongManager = await raw(account, 'googleAds:search', { query: 'SELECT campaign.id FROM campaign' }, { 'login-customer-id': '1234567890' });
    expect(wrongManager.status).toBe(403);
    expect(wrongManager.body.error?.details[0]?.errors[0]?.errorCode).toEqual({ authorizationError: 'USER_PERMISSION_DENIED' });
  });
});

describe('Google Ads errors → codes', () => {
  const faultCases = [
    { mode: 'rate_limit', code: '1003', retryable: true, http: 429, platform_code: 'quotaError:RESOURCE_TEMPORARILY_EXHAUSTED', extra: { retry_after_s: 3, rate_scope: 'ACCOUNT' } },
    { mode: 'quota', code: '1005', retryable: false, http: 429, platform_code: 'quotaError:RESOURCE_EXHAUSTED', extra: { rate_scope: 'DEVELOPER' } },
    { mode: 'token_expired', code: '6001', retryable: false, http: 401, platform_code: 'authenticationError:OAUTH_TOKEN_EXPIRED', extra: {} },
    { mode: 'policy', code: '6005', retryable: false, http: 400, platform_code: 'policyFindingError:POLICY_FINDING', extra: { policy_topics: ['UNRELIABLE_CLAIMS'] } },
  ] as const;
  for (const c of faultCases) {
    it(`injected ${c.mode} → ${c.code} (retryable ${c.retryable})`, async () => {
      const { adapter } = setup();
      sandbox.world.addFault({ platform: 'google', path: 'googleAds:search', mode: c.mode, count: 1 });
      const err = await appError(adapter.list('campaign'));
      expect(err.code).toBe(c.code);
      expect(err.retryable).toBe(c.retryable);
      expect(err.details).toMatchObject({ platform: 'google', http_status: c.http, platform_code: c.platform_code, ...c.extra });
      expect(err.details.request_id).toMatch(/^sbx/);
      expect(JSON.stringify(err.details)).not.toContain('sbx-google-');
      expect((await adapter.list('campaign')).length).toBeGreaterThan(0);
    });
  }

  it('injected server_error → 4000 (retryable) for 500 INTERNAL and 503 UNAVAILABLE', async () => {
    const { adapter } = setup();
    sandbox.world.addFault({ platform: 'google', path: 'googleAds:search', mode: 'server_error', count: 2 });
    const first = await appError(adapter.list('campaign'));
    const second = await appError(adapter.list('campaign'));
    expect([first.code, second.code]).toEqual(['4000', '4000']);
    expect([first.retryable, second.retryable]).toEqual([true, true]);
    expect([first.details.http_status, second.details.http_status].sort()).toEqual([500, 503]);
  });

  it('injected latency delays the call, which then succeeds', async () => {
    const { adapter } = setup();
    sandbox.world.addFault({ platform: 'google', path: 'googleAds:search', mode: 'latency', latency_ms: 300, count: 1 });
    const started = Date.now();
    expect((await adapter.list('campaign')).length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('a timeout shorter than the latency → 4000 (retryable)', async () => {
    const { account } = setup();
    sandbox.world.addFault({ platform: 'google', path: 'googleAds:search', mode: 'latency', latency_ms: 500, count: 1 });
    const adapter = new GoogleAdsAdapter(account, { timeoutMs: 100 });
    const err = await appError(adapter.list('campaign'));
    expect(err.code).toBe('4000');
    expect(err.details.reason).toBe('timeout');
  });

  it('unknown token or another customer → 1002; missing objects → 1004; unreachable platform → 4000', async () => {
    const { account, adapter } = setup();
    const other = setup().account;
    expect((await appError(new GoogleAdsAdapter({ ...account, access_token: 'not-a-token' }).list('campaign'))).details).toMatchObject({
      platform_code: 'authenticationError:OAUTH_TOKEN_INVALID',
      http_status: 401,
    });
    const foreign = await appError(new GoogleAdsAdapter({ ...account, account_id: other.account_id }).list('campaign'));
    expect(foreign.code).toBe('1002');
    expect(foreign.details).toMatchObject({ http_status: 403, platform_code: 'authorizationError:USER_PERMISSION_DENIED' });
    expect((await appError(adapter.get('campaign', '99999999999'))).code).toBe('1004');
    expect((await appError(adapter.setStatus('ad', '99999999999', 'paused'))).code).toBe('1004');
    expect((await appError(adapter.createAdSet({ campaign_id: '99999999999', name: 'x', daily_budget: 1, targeting: {} }, 'nf.s'))).code).toBe('1004');
    expect((await appError(adapter.get('campaign', "1' OR '1"))).code).toBe('1001');
    const down = await appError(new GoogleAdsAdapter({ ...account, base_url: 'http://127.0.0.1:9/google' }).list('campaign'));
    expect(down.code).toBe('4000');
    expect(down.retryable).toBe(true);
  });

  it('an image Google refuses → 6003 (imageError), through the sandbox', async () => {
    const { account, adapter } = setup();
    const { adset } = await tree(adapter, 'img');
    const corrupting: typeof fetch = async (input, init) => {
      if (String(input).endsWith('assets:mutate')) {
        const body = JSON.parse(String(init?.body)) as { operations: { create: { imageAsset: { data: string } } }[] };
        for (const op of body.operations) op.create.imageAsset.data = Buffer.from('not an image').toString('base64');
        return fetch(input, { ...init, body: JSON.stringify(body) });
      }
      return fetch(input, init);
    };
    const broken = new GoogleAdsAdapter(account, { fetch: corrupting });
    const err = await appError(broken.createAd(adSpec(adset.id, 'Broken'), 'img.broken'));
    expect(err.code).toBe('6003');
    expect(err.details).toMatchObject({ platform_code: 'imageError:INVALID_IMAGE', location: 'operations[0].create.image_asset.data' });
  });

  it('maps envelopes the sandbox does not produce: billing → 6002, ACCESS_TOKEN_EXPIRED ErrorInfo → 6001, non-JSON 502 → 4000', async () => {
    const answer = (status: number, body: unknown) => async () =>
      new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'request-id': 'rid-1', 'content-type': 'application/json' } });
    const billing = setup({
      fetch: answer(400, {
        error: {
          code: 400,
          status: 'INVALID_ARGUMENT',
          message: 'Request contains an invalid argument.',
          details: [{ '@type': 'type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure', errors: [{ errorCode: { billingSetupError: 'PAYMENTS_ACCOUNT_INELIGIBLE' }, message: 'no billing' }], requestId: 'rid-2' }],
        },
      }),
    });
    expect((await appError(billing.adapter.list('campaign'))).details).toMatchObject({ platform_code: 'billingSetupError:PAYMENTS_ACCOUNT_INELIGIBLE', request_id: 'rid-2' });
    expect((await appError(billing.adapter.list('campaign'))).code).toBe('6002');
    const expired = setup({
      fetch: answer(401, { error: { code: 401, status: 'UNAUTHENTICATED', message: 'Request had invalid authentication credentials.', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ACCESS_TOKEN_EXPIRED' }] } }),
    });
    expect((await appError(expired.adapter.list('campaign'))).code).toBe('6001');
    const html = setup({ fetch: answer(502, '<html>Bad Gateway</html>') });
    const err = await appError(html.adapter.list('campaign'));
    expect(err.code).toBe('4000');
    expect(err.details).toMatchObject({ http_status: 502, request_id: 'rid-1' });
  });
});
