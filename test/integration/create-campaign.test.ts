/**
 * createCampaignWorkflow on a real Temporal dev server and real Redis, against the ads sandbox, the
 * Web Platform sandbox and the Gemini sandbox (issue "Campaign automation" §2, acceptance 2 and 3;
 * seed 001 需求 1-2, properties 1-4, 降级策略 1; seed 000 tasks 14.6, 14.7): the campaign, ad sets
 * and ads in the sandbox, copy written once per creative, the saga rolling back and refunding,
 * retried activities creating nothing twice. Each test uses its own user.
 */
import { randomUUID } from 'node:crypto';
import { createCanvas } from '@napi-rs/canvas';
import { WorkflowFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCampaignBuildActivities, copyCacheKey } from '../../src/activities/campaign-ops/build.js';
import type { AutomationDeps } from '../../src/activities/automation-deps.js';
import { createPlatformAdapter } from '../../src/integrations/ads/adapters.js';
import type { CreateCampaignInput, CreateCampaignResult } from '../../src/domain/campaign-ops/create-campaign-input.js';
import type { ErrorBody } from '../../src/domain/errors.js';
import type { AdCopyModel, AdCopyRequest } from '../../src/integrations/model/copy.js';
import { AD_COPY_INSTRUCTION_MARKER } from '../../src/integrations/model/gemini/copy-model.js';
import type { WorldObject } from '../../src/sandboxes/ads/world-api.js';
import { operationStateQuery } from '../../src/workflows/kit/operation.js';
import { CampaignId, Operation, PlatformAttr, UserId } from '../../src/domain/search-attributes.js';
import type { createCampaignWorkflow } from '../../src/workflows/campaign-ops/create-campaign.js';
import { Worker } from '@temporalio/worker';
import { balance, newUser, startSystem, workflowBundle, type System } from './harness.js';
import { services } from './services.js';

/** A real 320×320 PNG (Google Ads downloads and crops creatives). */
let png: Promise<Buffer> | undefined;
function samplePng(): Promise<Buffer> {
  png ??= (async () => {
    const canvas = createCanvas(320, 320);
    const g = canvas.getContext('2d');
    g.fillStyle = '#1e3a8a';
    g.fillRect(0, 0, 320, 320);
    return canvas.encode('png');
  })();
  return png;
}

let system: System;
let client: Client;
beforeAll(async () => {
  system = await startSystem(services(), { gemini: true });
  client = system.temporal;
});
afterAll(async () => {
  await system?.stop();
});
afterEach(async () => {
  system.ads.world.clearFaults();
  await gemini('DELETE', '/_control/script');
});

const world = () => system.ads.world;

/** Calls the Gemini sandbox's control API. */
async function gemini(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${system.gemini!.url}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  expect(response.status).toBe(200);
  return response.json();
}

/** The recorded Gemini calls that wrote ad copy. */
async function copyCalls(): Promise<Array<{ model: string }>> {
  const { requests } = (await gemini('GET', '/_control/requests')) as { requests: Array<{ model: string; body: { systemInstruction?: { parts?: Array<{ text?: string }> } } }> };
  return requests.filter((r) => (r.body.systemInstruction?.parts ?? []).some((p) => p.text?.startsWith(AD_COPY_INSTRUCTION_MARKER)));
}

/** Uploads `n` images to the Web Platform sandbox and records them as creatives of the user (as the creative module does). */
async function makeCreatives(user: string, n: number, product = '无线降噪耳机'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const upload = await system.webPlatform.getUploadUrl({ user_id: user, filename: `headphones-${i + 1}.png`, content_type: 'image/png' });
    await system.webPlatform.uploadFile(upload.upload_url, await samplePng(), 'image/png');
    const creative = await system.webPlatform.createCreative({
      user_id: user,
      name: `${product}-${i + 1}`,
      url: upload.file_url,
      content_type: 'image/png',
      width: 320,
      height: 320,
      prompt: `${product} / minimal`,
    });
    ids.push(creative.id);
  }
  return ids;
}

const newWorkflowId = () => `op-create_campaign-${randomUUID()}`;

/** Runs the workflow to its end on the system's task queue. */
function run(input: CreateCampaignInput, workflowId = newWorkflowId()): Promise<CreateCampaignResult> {
  return client.workflow.execute<typeof createCampaignWorkflow>('createCampaignWorkflow', {
    workflowId,
    taskQueue: system.config.TEMPORAL_TASK_QUEUE,
    args: [input],
  });
}

/** The coded error a failed run carries (ApplicationFailure type AppError, details[0]). */
async function failureOf(promise: Promise<unknown>): Promise<ErrorBody> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowFailedError);
  const cause = (err as WorkflowFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  expect((cause as ApplicationFailure).type).toBe('AppError');
  expect((cause as ApplicationFailure).nonRetryable).toBe(true);
  return (cause as ApplicationFailure).details![0] as ErrorBody;
}

/** Replays a finished run's history against the current workflow code (no non-determinism). */
async function expectReplays(workflowId: string): Promise<void> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, workflowId)).resolves.toBeUndefined();
}

/** The user's Meta objects whose request key belongs to the run. */
function objectsOf(user: string, workflowId: string, level: WorldObject['level']): WorldObject[] {
  return world()
    .objects(user, { platform: 'meta', level })
    .filter((o) => o.name.includes(`[rk:${workflowId}.`));
}

describe('createCampaignWorkflow', () => {
  it('Meta, 80 a day, 3 creatives: 1 campaign, 3 ad sets of 26.67, 9 ads with copy written 3 times (once per creative), recorded', async () => {
    const user = newUser();
    const creativeIds = await makeCreatives(user, 3);
    await gemini('DELETE', '/_control/requests');
    const scripted = [1, 2, 3].map((i) => ({ headline: `静享好声音 ${i}`, primary_text: `无线降噪耳机第 ${i} 款：一键静音，专注当下。立即购买`, call_to_action: 'SHOP_NOW' }));
    await gemini('POST', '/_control/script', { model: system.config.GEMINI_PRO_MODEL, replies: scripted.map((json) => ({ json })) });

    const workflowId = newWorkflowId();
    const result = await run({ userId: user, platform: 'meta', dailyBudget: 80, creativeIds, landingUrl: 'https://shop.example.com/headphones', language: 'zh' }, workflowId);

    // the result: the seed's shape, ids, statuses, copy for review, delivery estimate
    expect(result.status).toBe('success');
    expect(result.adsets).toHaveLength(3);
    expect(result.adsets.map((s) => s.daily_budget)).toEqual([26.67, 26.67, 26.67]);
    expect(result.adsets.map((s) => [s.targeting.age_min, s.targeting.age_max])).toEqual([
      [18, 35],
      [36, 50],
      [51, 65],
    ]);
    expect(result.adsets.every((s) => s.placements === 'automatic' && s.bid_strategy === 'lowest_cost' && s.targeting.audience === 'broad')).toBe(true);
    expect(result.ads).toHaveLength(9);
    for (const ad of result.ads) {
      expect(ad.copy.length).toBeGreaterThan(0);
      expect(scripted.map((s) => s.primary_text)).toContain(ad.copy);
    }
    expect(new Set(result.ads.map((a) => `${a.adset_id}:${a.creative_id}`)).size).toBe(9);
    expect(result.copies.map((c) => c.creative_id)).toEqual(creativeIds);
    expect(result.copies.every((c) => c.model === system.config.GEMINI_PRO_MODEL)).toBe(true);
    expect(result.estimated_delivery).toMatchObject({ starts: 'after_review', currency: 'USD' });
    expect(result.recorded).toBe(true);
    expect(result.message).toContain('26.67');

    // the model wrote copy 3 times: once per creative and platform, not once per ad
    const calls = await copyCalls();
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.model === system.config.GEMINI_PRO_MODEL)).toBe(true);

    // the sandbox holds exactly that structure
    const [campaign, ...otherCampaigns] = objectsOf(user, workflowId, 'campaign');
    expect(otherCampaigns).toHaveLength(0);
    expect(campaign).toMatchObject({ id: result.campaign_id, status: 'active' });
    const adsets = objectsOf(user, workflowId, 'adset');
    expect(adsets).toHaveLength(3);
    expect(adsets.every((s) => s.campaign_id === result.campaign_id && s.daily_budget === 26.67 && s.status === 'active')).toBe(true);
    expect(adsets.map((s) => s.extra.bid_strategy)).toEqual(['LOWEST_COST_WITHOUT_CAP', 'LOWEST_COST_WITHOUT_CAP', 'LOWEST_COST_WITHOUT_CAP']);
    const ads = objectsOf(user, workflowId, 'ad');
    expect(ads).toHaveLength(9);
    for (const ad of ads) {
      const mine = result.ads.find((a) => a.ad_id === ad.id)!;
      expect(ad.creative).toMatchObject({ primary_text: mine.copy, headline: mine.headline, link_url: 'https://shop.example.com/headphones' });
    }

    // nothing charged (no billing: a chat turn charges), recorded in the Web Platform, searchable
    expect(await balance(system, user)).toBe(1000);
    const { campaigns } = await system.webPlatform.listCampaigns({ user_id: user });
    expect(campaigns).toHaveLength(1);
    expect(campaigns[0]).toMatchObject({ campaign_id: result.campaign_id, operation_id: workflowId, daily_budget: 80.01, currency: 'USD' });
    expect(campaigns[0]!.ads).toHaveLength(9);
    const handle = client.workflow.getHandle(workflowId);
    const state = await handle.query(operationStateQuery);
    expect(state).toMatchObject({ operation: 'create_campaign', status: 'completed', progress: { copies: { done: 3, total: 3 }, adsets: { done: 3, total: 3 }, ads: { done: 9, total: 9 } } });
    const attributes = (await handle.describe()).typedSearchAttributes;
    expect(attributes.get(UserId)).toBe(user);
    expect(attributes.get(PlatformAttr)).toBe('meta');
    expect(attributes.get(Operation)).toBe('create_campaign');
    expect(attributes.get(CampaignId)).toBe(result.campaign_id);
    await expectReplays(workflowId);
  });

  it('a policy rejection at ad creation rolls back the campaign and its ad sets, refunds the credits and says what was rolled back (6005 with a fix)', async () => {
    const user = newUser();
    const creativeIds = await makeCreatives(user, 3);
    // Meta rejects the ads' creatives (POST /act_<id>/adcreatives; "/ads" would also match "/adsets").
    world().addFault({ platform: 'meta', path: '/adcreatives', mode: 'policy', count: 100 });
    const workflowId = newWorkflowId();
    const error = await failureOf(run({ userId: user, platform: 'meta', dailyBudget: 80, creativeIds, language: 'en', billing: { credits: 10 } }, workflowId));

    expect(error.code).toBe('6005');
    const details = error.details as {
      stage: string;
      rolled_back: Array<{ level: string; id: string; action: string }>;
      rollback_failed?: unknown[];
      credits_refunded: number;
      suggestion: { zh: string; en: string };
    };
    expect(details.stage).toBe('creating');
    expect(details.suggestion.en).toMatch(/polic/i);
    expect(details.rollback_failed).toBeUndefined();
    expect(details.credits_refunded).toBe(10);

    const campaigns = objectsOf(user, workflowId, 'campaign');
    const adsets = objectsOf(user, workflowId, 'adset');
    expect(campaigns).toHaveLength(1);
    expect(adsets).toHaveLength(3);
    for (const o of [...campaigns, ...adsets]) expect(o.status).toBe('deleted');
    expect(objectsOf(user, workflowId, 'ad').every((o) => o.status === 'deleted')).toBe(true);
    expect(details.rolled_back.map((o) => `${o.level}:${o.id}:${o.action}`).sort()).toEqual(
      [...campaigns, ...adsets].map((o) => `${o.level}:${o.id}:deleted`).sort(),
    );
    // ads are rolled back before their ad sets, ad sets before the campaign
    expect(details.rolled_back.at(-1)).toMatchObject({ level: 'campaign', id: campaigns[0]!.id });

    expect(await balance(system, user)).toBe(1000);
    expect((await system.webPlatform.listCampaigns({ user_id: user })).campaigns).toHaveLength(0);
    const state = await client.workflow.getHandle(workflowId).query(operationStateQuery);
    expect(state).toMatchObject({ status: 'rolled_back', error: { code: '6005' } });
    await expectReplays(workflowId);
  });

  it('retried creations create nothing twice: a rate-limited ad set is retried and a campaign an earlier attempt made is reused', async () => {
    const user = newUser();
    const creativeIds = await makeCreatives(user, 2);
    const workflowId = newWorkflowId();
    // an earlier attempt created the campaign but its answer was lost
    const { accounts } = await system.webPlatform.getAdAccounts({ user_id: user });
    const meta = createPlatformAdapter(accounts.find((a) => a.platform === 'meta')!, { metaApiVersion: 'v26.0', googleAdsApiVersion: 'v26', timeoutMs: 10_000 });
    const earlier = await meta.createCampaign({ name: 'Sales · US', objective: 'sales', status: 'active' }, `${workflowId}.campaign`);
    world().addFault({ platform: 'meta', path: '/adsets', mode: 'rate_limit', count: 1 });

    const result = await run({ userId: user, platform: 'meta', dailyBudget: 90, creativeIds, landingUrl: 'https://shop.example.com', language: 'en' }, workflowId);

    expect(result.campaign_id).toBe(earlier.id);
    expect(objectsOf(user, workflowId, 'campaign')).toHaveLength(1);
    expect(objectsOf(user, workflowId, 'adset')).toHaveLength(3);
    expect(objectsOf(user, workflowId, 'ad')).toHaveLength(6);
    expect(result.adsets.map((s) => s.daily_budget)).toEqual([30, 30, 30]);
    // nothing scripted: Pro and Flash answer "{}", which is not copy, so the template wrote it
    expect(result.copies.map((c) => c.model)).toEqual(['offline-template', 'offline-template']);
    expect(result.ads.every((a) => a.copy.length > 0 && a.copy.length <= 125)).toBe(true);
  });

  it('TikTok and Google Ads: ad groups share the budget on TikTok, the campaign holds it on Google', async () => {
    const user = newUser();
    const creativeIds = await makeCreatives(user, 2);
    const landingUrl = 'https://shop.example.com/headphones';
    const tiktok = await run({ userId: user, platform: 'tiktok', dailyBudget: 90, creativeIds, landingUrl, ageGroups: [[18, 24], [25, 44]], language: 'en' });
    expect(tiktok.adsets.map((s) => s.daily_budget)).toEqual([45, 45]);
    expect(tiktok.ads).toHaveLength(4);
    expect(tiktok.copies.map((c) => c.platform)).toEqual(['tiktok', 'tiktok']);
    const google = await run({ userId: user, platform: 'google', dailyBudget: 50, creativeIds, landingUrl, language: 'en' });
    expect(google).toMatchObject({ budget_level: 'campaign', daily_budget: 50, campaign: { daily_budget: 50 } });
    expect(google.adsets.map((s) => s.daily_budget)).toEqual([null, null, null]);
    expect(google.ads).toHaveLength(6);
    for (const [platform, result] of [['tiktok', tiktok], ['google', google]] as const) {
      const live = world().objects(user, { platform }).filter((o) => o.status !== 'deleted');
      expect(live.filter((o) => o.id === result.campaign_id)).toHaveLength(1);
      expect(live.filter((o) => o.level === 'adset' && o.campaign_id === result.campaign_id)).toHaveLength(result.adsets.length);
    }
    expect((await system.webPlatform.listCampaigns({ user_id: user })).campaigns.map((c) => c.platform)).toEqual(['google', 'tiktok']);
  });

  it('an invalid plan fails before anything is created, with the fix, and refunds', async () => {
    const user = newUser();
    const creativeIds = await makeCreatives(user, 1);
    const workflowId = newWorkflowId();
    // TikTok ad groups need at least 20 USD a day each: 30 over 3 age groups is too little
    const error = await failureOf(run({ userId: user, platform: 'tiktok', dailyBudget: 30, creativeIds, language: 'zh', billing: { credits: 10 } }, workflowId));
    expect(error.code).toBe('1001');
    expect(error.details).toMatchObject({ reason: 'budget_too_low', stage: 'preparing', rolled_back: [], credits_refunded: 10 });
    expect((error.details.suggestion as { zh: string }).zh).toContain('60');
    expect(await balance(system, user)).toBe(1000);
    expect(world().objects(user, { platform: 'tiktok' }).filter((o) => o.name.includes(workflowId))).toHaveLength(0);
    expect(await client.workflow.getHandle(workflowId).query(operationStateQuery)).toMatchObject({ status: 'failed', error: { code: '1001' } });

    const missing = await failureOf(run({ userId: user, platform: 'meta', dailyBudget: 80, creativeIds: ['cr_does-not-exist'], language: 'en' }));
    expect(missing.code).toBe('5000');
    expect(missing.details).toMatchObject({ creative_id: 'cr_does-not-exist' });
  });
});

describe('writeAdCopy', () => {
  it('is written once per cache key: a retried activity returns the stored copy without calling the model again', async () => {
    const redis = new Redis(system.config.REDIS_URL);
    try {
      const requests: AdCopyRequest[] = [];
      const model: AdCopyModel = {
        name: 'counting',
        writeAdCopy: async (req) => {
          requests.push(req);
          return { headline: 'H', primary_text: `copy ${requests.length}`, call_to_action: 'SHOP_NOW', model: 'counting' };
        },
      };
      const activities = createCampaignBuildActivities({ redis, copyModel: model } as unknown as AutomationDeps);
      const cacheKey = `test-${randomUUID()}:cr_1@meta`;
      const request: AdCopyRequest = { creative_id: 'cr_1', platform: 'meta', product: 'Lamp', landing_url: 'https://x.example', objective: 'sales', language: 'en' };
      // each call runs as its own activity attempt
      const first = await new MockActivityEnvironment().run(activities.writeAdCopy, { request, cacheKey });
      const second = await new MockActivityEnvironment({ attempt: 2 }).run(activities.writeAdCopy, { request, cacheKey });
      expect(first).toEqual({ headline: 'H', primary_text: 'copy 1', call_to_action: 'SHOP_NOW', model: 'counting' });
      expect(second).toEqual(first);
      expect(requests).toHaveLength(1);
      expect(await redis.ttl(copyCacheKey(cacheKey))).toBeGreaterThan(0);
      await redis.del(copyCacheKey(cacheKey));
    } finally {
      redis.disconnect();
    }
  });
});
