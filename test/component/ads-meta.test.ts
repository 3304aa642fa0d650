/**
 * MetaAdapter against the ads sandbox's Meta facade (startAdsSandbox, port 0): the contract of seed
 * 001 component 5 / 需求 7.1, 7.4, 7.5 and properties 14-15. Creation, read-back in the normalised
 * format (budgets in MAJOR units), lists, budget and status changes mirrored in the world, insights
 * equal to the world's stats, request-key idempotency, the wire format Meta documents, and every
 * injected fault mapped to the seed's codes with the platform details and the retryable flag.
 *
 * Wire-format references:
 * - campaigns: https://developers.facebook.com/docs/marketing-api/reference/ad-campaign-group#Creating
 * - ad sets: https://developers.facebook.com/docs/marketing-api/reference/ad-campaign#Creating
 * - ad creatives: https://developers.facebook.com/docs/marketing-api/reference/ad-account/adcreatives#Creating
 * - ads: https://developers.facebook.com/docs/marketing-api/reference/adgroup#Creating
 * - insights: https://developers.facebook.com/docs/marketing-api/insights/parameters
 * - errors: https://developers.facebook.com/docs/graph-api/guides/error-handling,
 *   https://developers.facebook.com/docs/marketing-api/overview/rate-limiting
 */
import { describe, expect, it } from 'vitest';
import { MetaAdapter } from '../../src/integrations/platforms/meta/adapter.js';
import type { AdAccount, AdSpec, Level } from '../../src/domain/ads/types.js';
import { sandboxAccount } from '../../src/sandboxes/ads/accounts.js';
import { addDays } from '../../src/sandboxes/ads/clock.js';
import { useAdsSandbox } from '../support/ads-sandbox.js';
import { appError } from '../support/errors.js';
import type { FaultMode } from '../../src/sandboxes/ads/world-api.js';

const TODAY = '2026-11-23';
const sandbox = useAdsSandbox(TODAY);
let users = 0;

/** One request the adapter sent. */
interface Sent {
  method: string;
  url: URL;
  headers: Headers;
  /** form fields of a POST body. */
  form: URLSearchParams | undefined;
}

/** A fetch that records every request and, optionally, rewrites its URL before sending it. */
function recordingFetch(rewrite: (url: URL) => URL = (u) => u) {
  const sent: Sent[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = rewrite(new URL(String(input)));
    const headers = new Headers(init?.headers);
    sent.push({ method: init?.method ?? 'GET', url, headers, form: typeof init?.body === 'string' ? new URLSearchParams(init.body) : undefined });
    return fetch(url, init);
  };
  return { sent, fetchImpl };
}

/** A fresh sandbox user's Meta account as the adapter gets it from the Web Platform. */
function freshAccount(): AdAccount {
  const a = sandboxAccount('meta', `meta-contract-${++users}`);
  return { platform: 'meta', account_id: a.account_id, access_token: a.token, currency: a.currency, base_url: `${sandbox.url}/meta`, page_id: a.page_id!, name: a.name };
}

function adapterFor(account: AdAccount, fetchImpl?: typeof fetch, timeoutMs?: number): MetaAdapter {
  return new MetaAdapter(account, { apiVersion: 'v26.0', ...(fetchImpl ? { fetch: fetchImpl } : {}), ...(timeoutMs ? { timeoutMs } : {}) });
}


const adSpec = (adset_id: string, name = 'Hero ad'): AdSpec => ({
  adset_id,
  name,
  creative: {
    creative_id: 'wp-cr-1',
    image_url: 'https://cdn.example/hero.png',
    headline: 'Winter sale',
    primary_text: 'Everything 30% off this week.',
    link_url: 'https://shop.example/winter',
    call_to_action: 'Shop now',
  },
  status: 'active',
});

/** Creates a campaign, an ad set (20.50 a day, US 25-44) and an ad, all active. */
async function createTree(adapter: MetaAdapter, key: string) {
  const campaign = await adapter.createCampaign({ name: 'Winter', objective: 'sales', status: 'active' }, `${key}.c`);
  const adset = await adapter.createAdSet(
    { campaign_id: campaign.id, name: 'US 25-44', daily_budget: 20.5, targeting: { countries: ['US'], age_min: 25, age_max: 44 }, status: 'active' },
    `${key}.s`,
  );
  const ad = await adapter.createAd(adSpec(adset.id), `${key}.a`);
  return { campaign, adset, ad };
}

describe('MetaAdapter × Meta facade: objects', () => {
  it('creates campaign → ad set → ad and reads them back in the normalised format (budgets in major units)', async () => {
    const account = freshAccount();
    const adapter = adapterFor(account);
    const { campaign, adset, ad } = await createTree(adapter, 'wf-1');

    expect(campaign).toEqual({ platform: 'meta', level: 'campaign', id: campaign.id, name: 'Winter [rk:wf-1.c]', status: 'active', platform_status: 'ACTIVE', currency: 'USD' });
    expect(adset).toMatchObject({ level: 'adset', campaign_id: campaign.id, daily_budget: 20.5, status: 'active', platform_status: 'ACTIVE' });
    expect(ad).toMatchObject({ level: 'ad', campaign_id: campaign.id, adset_id: adset.id, status: 'active', name: 'Hero ad [rk:wf-1.a]' });

    const world = sandbox.world;
    expect(world.get('meta', campaign.id)).toMatchObject({ account_id: account.account_id, objective: 'sales', status: 'active' });
    expect(world.get('meta', adset.id)).toMatchObject({ daily_budget: 20.5, targeting: { countries: ['US'], age_min: 25, age_max: 44 } });
    expect(world.get('meta', ad.id)?.creative).toEqual({
      headline: 'Winter sale',
      primary_text: 'Everything 30% off this week.',
      image_url: 'https://cdn.example/hero.png',
      link_url: 'https://shop.example/winter',
      call_to_action: 'SHOP_NOW',
    });

    expect(await adapter.get('adset', adset.id)).toEqual(adset);
    expect(await adapter.get('ad', ad.id)).toEqual(ad);
    expect((await adapter.list('campaign')).map((o) => o.id)).toContain(campaign.id);
    expect(await adapter.list('adset', campaign.id)).toEqual([adset]);
    expect(await adapter.list('ad', adset.id)).toEqual([ad]);
  });

  it('lists the seeded account with every page followed (page size forced to 2)', async () => {
    const account = freshAccount();
    const { fetchImpl, sent } = recordingFetch((u) => {
      if (u.searchParams.has('limit')) u.searchParams.set('limit', '2');
      return u;
    });
    const listed = await adapterFor(account, fetchImpl).list('ad');
    const expected = sandbox.world.list('meta', account.account_id, 'ad').map((o) => o.id);
    expect(listed.map((o) => o.id)).toEqual(expected);
    expect(sent.filter((s) => s.url.searchParams.has('after')).length).toBeGreaterThan(0);
  });

  it('updates a budget: the answer and the world hold the new major-unit budget, the wire the minor-unit string', async () => {
    const account = freshAccount();
    const { fetchImpl, sent } = recordingFetch();
    const adapter = adapterFor(account, fetchImpl);
    const { adset } = await createTree(adapter, 'wf-2');

    const updated = await adapter.updateBudget('adset', adset.id, 35.25);
    expect(updated.daily_budget).toBe(35.25);
    expect(sandbox.world.get('meta', adset.id)?.daily_budget).toBe(35.25);
    const post = sent.find((s) => s.method === 'POST' && s.url.pathname.endsWith(`/v26.0/${adset.id}`));
    expect(post?.form?.get('daily_budget')).toBe('3525');
  });

  it('pauses, resumes and deletes; children keep their own status with the parent pause in platform_status; deleted objects leave lists but stay readable', async () => {
    const adapter = adapterFor(freshAccount());
    const { campaign, adset, ad } = await createTree(adapter, 'wf-3');

    expect(await adapter.setStatus('adset', adset.id, 'paused')).toMatchObject({ status: 'paused', platform_status: 'PAUSED' });
    expect(sandbox.world.get('meta', adset.id)?.status).toBe('paused');
    // The ad's own status stays active (as TikTok and Google report it); Meta's effective status says why it does not deliver.
    expect(await adapter.get('ad', ad.id)).toMatchObject({ status: 'active', platform_status: 'ADSET_PAUSED' });

    expect(await adapter.setStatus('adset', adset.id, 'active')).toMatchObject({ status: 'active', platform_status: 'ACTIVE' });
    expect(await adapter.get('ad', ad.id)).toMatchObject({ status: 'active' });

    expect(await adapter.setStatus('campaign', campaign.id, 'deleted')).toMatchObject({ status: 'deleted', platform_status: 'DELETED' });
    expect(sandbox.world.get('meta', campaign.id)?.status).toBe('deleted');
    expect((await adapter.list('campaign')).map((o) => o.id)).not.toContain(campaign.id);
    expect(await adapter.list('adset', campaign.id)).toEqual([]);
    expect(await adapter.get('adset', adset.id)).toMatchObject({ status: 'deleted', platform_status: 'DELETED' });
    // deleting again is a no-op, so a retried activity succeeds
    expect(await adapter.setStatus('campaign', campaign.id, 'deleted')).toMatchObject({ status: 'deleted' });
  });

  it('maps review states: PENDING_REVIEW → pending_review, DISAPPROVED → rejected; turning a rejected ad on is 6003', async () => {
    const adapter = adapterFor(freshAccount());
    const { ad } = await createTree(adapter, 'wf-4');
    sandbox.world.update('meta', ad.id, { status: 'pending_review' });
    expect(await adapter.get('ad', ad.id)).toMatchObject({ status: 'pending_review', platform_status: 'PENDING_REVIEW' });
    sandbox.world.update('meta', ad.id, { status: 'rejected' });
    expect(await adapter.get('ad', ad.id)).toMatchObject({ status: 'rejected', platform_status: 'DISAPPROVED' });
    const err = await appError(adapter.setStatus('ad', ad.id, 'active'));
    expect(err.code).toBe('6003');
    expect(err.details).toMatchObject({ platform: 'meta', platform_code: 100, platform_subcode: 2490468 });
  });

  it('creates idempotently: the same request key twice gives the same ids and one object each in the world', async () => {
    const account = freshAccount();
    const adapter = adapterFor(account);
    const first = await createTree(adapter, 'wf-5');
    const second = await createTree(adapter, 'wf-5');
    expect(second.campaign.id).toBe(first.campaign.id);
    expect(second.adset.id).toBe(first.adset.id);
    expect(second.ad.id).toBe(first.ad.id);
    const named = (level: Level) => sandbox.world.list('meta', account.account_id, level, { include_deleted: true }).filter((o) => o.name.includes('[rk:wf-5.'));
    expect(named('campaign')).toHaveLength(1);
    expect(named('adset')).toHaveLength(1);
    expect(named('ad')).toHaveLength(1);
  });

  it('reuses the creative when the ad creation failed after the creative was made (retry after a 5xx)', async () => {
    const account = freshAccount();
    const { fetchImpl, sent } = recordingFetch();
    const adapter = adapterFor(account, fetchImpl);
    const { adset } = await createTree(adapter, 'wf-6');
    sandbox.world.addFault({ platform: 'meta', path: `${account.account_id}/ads`, mode: 'server_error', count: 1 });
    const failed = await appError(adapter.createAd(adSpec(adset.id, 'Second'), 'wf-6.b'));
    expect(failed.code).toBe('4000');
    const ad = await adapter.createAd(adSpec(adset.id, 'Second'), 'wf-6.b');
    expect(ad.name).toBe('Second [rk:wf-6.b]');
    const creativePosts = sent.filter((s) => s.method === 'POST' && s.url.pathname.endsWith('/adcreatives') && s.form?.get('name')?.includes('[rk:wf-6.b]'));
    expect(creativePosts).toHaveLength(1);
    expect(sandbox.world.list('meta', account.account_id, 'ad').filter((o) => o.name.includes('[rk:wf-6.b]'))).toHaveLength(1);
  });
});

describe('MetaAdapter × Meta facade: insights', () => {
  const span = { since: addDays(TODAY, -7), until: TODAY };
  const key = (r: { id: string; date: string }) => `${r.id}|${r.date}`;
  const counts = (r: { id: string; date: string; impressions: number; clicks: number; spend: number; conversions: number; revenue: number }) => ({
    id: r.id,
    date: r.date,
    impressions: r.impressions,
    clicks: r.clicks,
    spend: r.spend,
    conversions: r.conversions,
    revenue: r.revenue,
  });

  it.each(['campaign', 'adset', 'ad'] as const)('equal the world stats per %s and day, deleted objects included, across pages', async (level) => {
    const account = freshAccount();
    const { fetchImpl } = recordingFetch((u) => {
      if (u.pathname.endsWith('/insights')) u.searchParams.set('limit', '7');
      return u;
    });
    const adapter = adapterFor(account, fetchImpl);
    const [seeded] = await adapter.list('campaign');
    await adapter.setStatus('campaign', seeded!.id, 'deleted');

    const rows = await adapter.insights(level, span);
    const stats = sandbox.world.stats('meta', account.account_id, level, span.since, span.until);
    expect(rows.length).toBeGreaterThan(7);
    expect(rows.map(counts).sort((a, b) => key(a).localeCompare(key(b)))).toEqual(stats.map(counts).sort((a, b) => key(a).localeCompare(key(b))));
    expect(rows.some((r) => r.campaign_id === seeded!.id || r.id === seeded!.id)).toBe(true);
    for (const r of rows) expect(r).toMatchObject({ platform: 'meta', level, currency: 'USD' });
  });

  it('returns no rows for a span without delivery', async () => {
    const adapter = adapterFor(freshAccount());
    expect(await adapter.insights('campaign', { since: '2020-01-01', until: '2020-01-31' })).toEqual([]);
  });
});

describe('MetaAdapter wire format (what it sends is what Meta documents)', () => {
  it('sends form-encoded creates with nested JSON, the token only in Authorization, budgets in minor units', async () => {
    const account = freshAccount();
    const { fetchImpl, sent } = recordingFetch();
    const adapter = adapterFor(account, fetchImpl);
    const { campaign, adset } = await createTree(adapter, 'wf-7');
    await adapter.insights('adset', { since: addDays(TODAY, -3), until: addDays(TODAY, -1) });

    const base = `/meta/v26.0/${account.account_id}`;
    for (const s of sent) {
      expect(s.headers.get('authorization')).toBe(`Bearer ${account.access_token}`);
      expect(s.url.toString()).not.toContain(account.access_token);
      expect(s.form?.get('access_token') ?? null).toBeNull();
    }
    const post = (suffix: string) => {
      const s = sent.find((x) => x.method === 'POST' && x.url.pathname === `${base}/${suffix}`);
      expect(s?.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
      return Object.fromEntries(s!.form!.entries());
    };

    // https://developers.facebook.com/docs/marketing-api/reference/ad-campaign-group#Creating
    expect(post('campaigns')).toEqual({
      name: 'Winter [rk:wf-7.c]',
      objective: 'OUTCOME_SALES',
      status: 'ACTIVE',
      special_ad_categories: '[]',
      buying_type: 'AUCTION',
      is_adset_budget_sharing_enabled: 'false',
    });
    // https://developers.facebook.com/docs/marketing-api/reference/ad-campaign#Creating
    const adsetBody = post('adsets');
    expect(adsetBody).toMatchObject({ name: 'US 25-44 [rk:wf-7.s]', campaign_id: campaign.id, daily_budget: '2050', billing_event: 'IMPRESSIONS', optimization_goal: 'LINK_CLICKS', bid_strategy: 'LOWEST_COST_WITHOUT_CAP', status: 'ACTIVE' });
    expect(JSON.parse(adsetBody.targeting!)).toEqual({ geo_locations: { countries: ['US'] }, age_min: 25, age_max: 44 });
    // https://developers.facebook.com/docs/marketing-api/reference/ad-account/adcreatives#Creating
    const creativeBody = post('adcreatives');
    expect(creativeBody.name).toBe('Hero ad creative wp-cr-1 [rk:wf-7.a]');
    expect(JSON.parse(creativeBody.object_story_spec!)).toEqual({
      page_id: account.page_id,
      link_data: {
        link: 'https://shop.example/winter',
        message: 'Everything 30% off this week.',
        name: 'Winter sale',
        picture: 'https://cdn.example/hero.png',
        call_to_action: { type: 'SHOP_NOW', value: { link: 'https://shop.example/winter' } },
      },
    });
    // https://developers.facebook.com/docs/marketing-api/reference/adgroup#Creating
    const adBody = post('ads');
    expect(adBody).toMatchObject({ name: 'Hero ad [rk:wf-7.a]', adset_id: adset.id, status: 'ACTIVE' });
    expect(JSON.parse(adBody.creative!)).toEqual({ creative_id: expect.stringMatching(/^\d+$/) });

    // the idempotency lookups filter on the request key (https://developers.facebook.com/docs/graph-api/results, filtering)
    const lookup = sent.find((s) => s.method === 'GET' && s.url.pathname === `${base}/campaigns`);
    expect(JSON.parse(lookup!.url.searchParams.get('filtering')!)).toEqual([{ field: 'name', operator: 'CONTAIN', value: '[rk:wf-7.c]' }]);

    // https://developers.facebook.com/docs/marketing-api/insights/parameters
    const insights = sent.find((s) => s.url.pathname === `${base}/insights`)!.url.searchParams;
    expect(insights.get('level')).toBe('adset');
    expect(insights.get('time_increment')).toBe('1');
    expect(JSON.parse(insights.get('time_range')!)).toEqual({ since: addDays(TODAY, -3), until: addDays(TODAY, -1) });
    expect(insights.get('fields')!.split(',')).toEqual(expect.arrayContaining(['adset_id', 'spend', 'impressions', 'clicks', 'actions', 'action_values', 'date_start']));
    expect(JSON.parse(insights.get('filtering')!)[0]).toMatchObject({ field: 'adset.effective_status', operator: 'IN' });
  });

  it('answers with Meta shapes: minor-unit budget strings, major-unit spend strings, usage headers', async () => {
    const account = freshAccount();
    const adapter = adapterFor(account);
    const { adset } = await createTree(adapter, 'wf-8');
    const headers = { authorization: `Bearer ${account.access_token}` };
    const node = await fetch(`${sandbox.url}/meta/v26.0/${adset.id}?fields=daily_budget,effective_status,targeting`, { headers });
    expect(await node.json()).toEqual({ id: adset.id, daily_budget: '2050', effective_status: 'ACTIVE', targeting: { geo_locations: { countries: ['US'] }, age_min: 25, age_max: 44 } });
    const usage = JSON.parse(node.headers.get('x-business-use-case-usage')!);
    expect(usage[account.account_id.replace('act_', '')][0]).toMatchObject({ type: 'ads_management', estimated_time_to_regain_access: 0 });
    expect(JSON.parse(node.headers.get('x-ad-account-usage')!)).toHaveProperty('acc_id_util_pct');

    const insights = await fetch(`${sandbox.url}/meta/v26.0/${account.account_id}/insights?level=campaign&fields=campaign_id,spend,actions&date_preset=yesterday&time_increment=1`, { headers });
    const body = (await insights.json()) as { data: { spend: string; actions?: { action_type: string }[]; date_start: string; date_stop: string }[] };
    expect(body.data.length).toBeGreaterThan(0);
    for (const row of body.data) {
      expect(row.spend).toMatch(/^\d+(\.\d{1,2})?$/);
      expect(row.date_start).toBe(addDays(TODAY, -1));
      expect(row.date_stop).toBe(row.date_start);
    }
  });
});

describe('Meta facade request forms', () => {
  it('accepts JSON bodies, multipart forms (curl -F) and the access_token parameter, as the Graph API does', async () => {
    const account = freshAccount();
    const url = `${sandbox.url}/meta/v26.0/${account.account_id}/campaigns`;
    const json = await fetch(url, {
      method: 'POST',
      headers: { authorization: `OAuth ${account.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Json', objective: 'OUTCOME_TRAFFIC', status: 'PAUSED', special_ad_categories: [], daily_budget: 5000 }),
    });
    const { id } = (await json.json()) as { id: string };
    expect(sandbox.world.get('meta', id)).toMatchObject({ name: 'Json', objective: 'traffic', status: 'paused', daily_budget: 50 });

    const form = new FormData();
    for (const [k, v] of Object.entries({ name: 'Multipart', objective: 'OUTCOME_AWARENESS', special_ad_categories: '[]', is_adset_budget_sharing_enabled: 'true', access_token: account.access_token })) form.append(k, v);
    const multipart = await fetch(url, { method: 'POST', body: form });
    expect(multipart.status).toBe(200);

    const listed = await fetch(`${url}?access_token=${account.access_token}&fields=name,status&filtering=${encodeURIComponent(JSON.stringify([{ field: 'name', operator: 'EQUAL', value: 'Multipart' }]))}`);
    expect(((await listed.json()) as { data: unknown[] }).data).toEqual([{ id: expect.any(String), name: 'Multipart', status: 'ACTIVE' }]);

    const missing = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${account.access_token}` }, body: new URLSearchParams({ name: 'No categories', objective: 'OUTCOME_SALES' }) });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: { message: '(#100) The parameter special_ad_categories is required', type: 'OAuthException', code: 100, fbtrace_id: expect.any(String) } });
  });
});

describe('MetaAdapter errors (seed 001 错误处理; Graph API error envelope)', () => {
  const cases: { mode: Exclude<FaultMode, 'latency'>; code: string; retryable: boolean; platform: Record<string, unknown>; retry_after_s?: number }[] = [
    { mode: 'rate_limit', code: '1003', retryable: true, platform: { http_status: 400, platform_code: 17, platform_subcode: 2446079 }, retry_after_s: 60 },
    { mode: 'quota', code: '1005', retryable: false, platform: { http_status: 400, platform_code: 80004, platform_subcode: 2446079 }, retry_after_s: 86_400 },
    { mode: 'token_expired', code: '6001', retryable: false, platform: { http_status: 400, platform_code: 190, platform_subcode: 463, platform_type: 'OAuthException' } },
    { mode: 'server_error', code: '4000', retryable: true, platform: { http_status: 500, platform_code: 2, is_transient: true } },
    { mode: 'policy', code: '6005', retryable: false, platform: { http_status: 400, platform_code: 100, platform_subcode: 3686001, error_user_title: 'Ad cannot be published' } },
  ];

  it.each(cases)('injected $mode → $code (retryable $retryable) with the platform details kept', async ({ mode, code, retryable, platform, retry_after_s }) => {
    const account = freshAccount();
    const adapter = adapterFor(account);
    sandbox.world.addFault({ platform: 'meta', mode, count: 1 });
    const err = await appError(adapter.list('campaign'));
    expect(err.code).toBe(code);
    expect(err.retryable).toBe(retryable);
    expect(err.details).toMatchObject({ platform: 'meta', ...platform });
    expect(err.details.fbtrace_id).toEqual(expect.any(String));
    expect(err.details.request_id).toBe(err.details.fbtrace_id);
    expect(err.details.platform_message).toEqual(expect.any(String));
    expect(err.details.retry_after_s).toBe(retry_after_s);
    expect(JSON.stringify(err.details)).not.toContain(account.access_token);
    // the fault was consumed: the next call succeeds
    expect((await adapter.list('campaign')).length).toBeGreaterThan(0);
  });

  it('injected latency beyond the timeout → 4000 (retryable, reason timeout)', async () => {
    const adapter = adapterFor(freshAccount(), undefined, 50);
    sandbox.world.addFault({ platform: 'meta', mode: 'latency', latency_ms: 400, count: 1 });
    const err = await appError(adapter.list('campaign'));
    expect(err.code).toBe('4000');
    expect(err.retryable).toBe(true);
    expect(err.details).toMatchObject({ platform: 'meta', reason: 'timeout' });
  });

  it('maps an unknown token to 6001, an unknown id to 1004 and a wrong level to 1001', async () => {
    const account = freshAccount();
    const expired = await appError(adapterFor({ ...account, access_token: 'not-a-sandbox-token' }).list('campaign'));
    expect(expired.code).toBe('6001');
    expect(expired.details).toMatchObject({ platform_code: 190 });
    const adapter = adapterFor(account);
    const missing = await appError(adapter.get('campaign', '99999999999'));
    expect(missing.code).toBe('1004');
    expect(missing.details).toMatchObject({ platform_code: 100, platform_subcode: 33, platform_type: 'GraphMethodException' });
    const [campaign] = await adapter.list('campaign');
    expect((await appError(adapter.get('adset', campaign!.id))).code).toBe('1001');
  });

  it('maps a budget under the minimum to 1001 with reason budget_too_low', async () => {
    const adapter = adapterFor(freshAccount());
    const [campaign] = await adapter.list('campaign');
    const err = await appError(adapter.createAdSet({ campaign_id: campaign!.id, name: 'Tiny', daily_budget: 0.5, targeting: { countries: ['US'] } }, 'wf-9.s'));
    expect(err.code).toBe('1001');
    expect(err.details).toMatchObject({ reason: 'budget_too_low', platform_code: 100, platform_subcode: 1885272, error_user_title: 'Budget Is Too Low' });
  });

  it('maps an answer that is not JSON to 4000 (retryable)', async () => {
    const fetchImpl: typeof fetch = async () => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } });
    const err = await appError(adapterFor(freshAccount(), fetchImpl).list('campaign'));
    expect(err.code).toBe('4000');
    expect(err.retryable).toBe(true);
    expect(err.details).toMatchObject({ http_status: 502, reason: 'malformed_response' });
  });
});
