/**
 * Campaign creation from chat (issue "Campaign automation" §7, acceptance 2): a two-step plan makes
 * the creatives, then a createCampaignWorkflow child uses them. The model's copy calls are counted
 * at the workflow level in create-campaign.test.ts (Gemini sandbox); here each creative's copy is
 * written once and shared by its ads across ad sets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balance, chat, newUser, startSystem, type System } from './harness.js';
import { services } from './services.js';

let system: System;
beforeAll(async () => {
  system = await startSystem(services());
});
afterAll(async () => {
  await system?.stop();
});

interface CampaignsResult {
  kind: string;
  campaigns: Array<{
    campaign_id: string;
    adsets: Array<{ adset_id: string; daily_budget: number }>;
    ads: Array<{ ad_id: string; creative_id: string; adset_id: string; copy: string }>;
    copies: Array<{ creative_id: string }>;
    message: string;
  }>;
}

describe('create_campaign from chat', () => {
  it('"先做 3 张图，然后用它们在 Meta 上开一个日预算 80 的广告" ends with a Meta campaign: 3 ad sets of 26.67, 9 ads with copy', async () => {
    const user = newUser();
    const stream = await chat(system, { user_id: user, session_id: 's1', message: '先做 3 张图，然后用它们在 Meta 上开一个日预算 80 的广告' });
    await stream.until('done');
    const [creative, campaign] = stream.of('tool_complete') as unknown as Array<{ tool: string; status: string; result: unknown }>;
    expect(creative).toMatchObject({ tool: 'creative.generate_creative', status: 'succeeded' });
    expect(campaign).toMatchObject({ tool: 'campaign.create_campaign', status: 'succeeded' });
    const made = (creative!.result as { creatives: Array<{ creative_id: string }> }).creatives.map((c) => c.creative_id);
    const [created] = (campaign!.result as CampaignsResult).campaigns;
    expect(created!.adsets.map((s) => s.daily_budget)).toEqual([26.67, 26.67, 26.67]);
    expect(created!.ads).toHaveLength(9);
    expect(created!.ads.every((a) => a.copy.length > 0)).toBe(true);
    expect(new Set(created!.ads.map((a) => a.creative_id))).toEqual(new Set(made));
    expect(created!.copies.map((c) => c.creative_id).sort()).toEqual([...made].sort());

    const world = system.ads.world;
    expect(world.get('meta', created!.campaign_id)).toMatchObject({ level: 'campaign' });
    const adsets = world.objects(user, { platform: 'meta', level: 'adset' }).filter((o) => o.campaign_id === created!.campaign_id);
    expect(adsets.map((o) => o.daily_budget)).toEqual([26.67, 26.67, 26.67]);
    expect(world.objects(user, { platform: 'meta', level: 'ad' }).filter((o) => o.campaign_id === created!.campaign_id)).toHaveLength(9);
    expect(await balance(system, user)).toBe(1000 - 15 - 10);
    expect(stream.text()).toContain(created!.message);
  });

  it('a failure while creating the ads rolls the campaign back, fails the step and refunds it', async () => {
    const user = newUser();
    system.ads.world.addFault({ platform: 'meta', path: '/adcreatives', mode: 'policy', count: 1000 });
    try {
      const stream = await chat(system, { user_id: user, session_id: 's1', message: '先做 3 张图，然后用它们在 Meta 上开一个日预算 80 的广告' });
      await stream.until('done');
      const campaign = stream.of('tool_complete')[1] as unknown as { status: string; error: { code: string; details: { rolled_back: unknown[] } } };
      expect(campaign.status).toBe('failed');
      expect(campaign.error.code).toBe('6005');
      expect(campaign.error.details.rolled_back.length).toBeGreaterThan(0);
      const live = system.ads.world.objects(user, { platform: 'meta' }).filter((o) => o.name.includes('[rk:') && o.status !== 'deleted');
      expect(live).toEqual([]);
      expect(await balance(system, user)).toBe(1000 - 15);
    } finally {
      system.ads.world.clearFaults();
    }
  });
});
