/**
 * The campaign automation HTTP API (issue "Campaign automation" §1): the REST routes start the
 * same operations as the module's execute endpoint, operations report their state, risky campaign
 * changes wait for a confirmation, and rules are managed as Temporal Schedules.
 */
import { UserId } from '../../src/domain/search-attributes.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, balance, chat, newUser, startSystem, type System } from './harness.js';
import { services } from './services.js';

let system: System;
beforeAll(async () => {
  system = await startSystem(services());
});
afterAll(async () => {
  await system?.stop();
});

type Json = Record<string, unknown>;
const json = async (res: Response) => (await res.json()) as Json;

/** Polls an operation until it leaves `running` (or reaches `until`). */
async function operation(id: string, until: string[] = ['completed', 'failed', 'rolled_back']): Promise<Json> {
  for (let i = 0; i < 300; i++) {
    // Reads are per user: ask as the operation's owner (its UserId search attribute).
    const owner = (await system.temporal.workflow.getHandle(id).describe()).typedSearchAttributes.get(UserId);
    const state = await json(await api(system, `/api/v1/operations/${id}?user_id=${owner}`));
    if (until.includes(state.status as string)) return state;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`operation ${id} did not reach ${until.join('/')}`);
}

/** A user with 3 creatives made through a chat turn. */
async function userWithCreatives(): Promise<{ user: string; creativeIds: string[] }> {
  const user = newUser();
  const stream = await chat(system, { user_id: user, session_id: 's1', message: '帮我生成 3 张广告图片，产品是跑步鞋' });
  await stream.until('done');
  const result = stream.of('tool_complete')[0]!.result as { creatives: Array<{ creative_id: string }> };
  return { user, creativeIds: result.creatives.map((c) => c.creative_id) };
}

describe('campaigns over REST', () => {
  it('POST /campaigns answers 202 with a status URL; the operation completes with the seed\'s result shape; status and delete follow', async () => {
    const { user, creativeIds } = await userWithCreatives();
    const started = await api(system, '/api/v1/campaigns', {
      json: { user_id: user, platform: 'meta', daily_budget: 90, creative_ids: creativeIds, landing_url: 'https://shop.example/shoes' },
    });
    expect(started.status).toBe(202);
    const { operation_id } = await json(started);
    const done = await operation(operation_id as string);
    expect(done.status).toBe('completed');
    const result = done.result as { status: string; campaign_id: string; adsets: Array<{ daily_budget: number }>; ads: unknown[]; message: string };
    expect(result).toMatchObject({ status: 'success' });
    expect(result.adsets.map((s) => s.daily_budget)).toEqual([30, 30, 30]);
    expect(result.ads).toHaveLength(9);
    expect(await balance(system, user)).toBe(1000 - 15 - 10);

    const status = await api(system, `/api/v1/campaigns/${result.campaign_id}/status?user_id=${user}&platform=meta`);
    expect(status.status).toBe(200);
    const body = (await json(status)).result as { campaign: { id: string }; adsets: unknown[]; ads: unknown[]; stale: boolean };
    expect(body.campaign.id).toBe(result.campaign_id);
    expect(body.adsets).toHaveLength(3);
    expect(body.ads).toHaveLength(9);

    // Deleting is risky: it waits for the user's confirmation, then deletes.
    const manage = await api(system, `/api/v1/campaigns/${result.campaign_id}/manage`, {
      json: { user_id: user, operation: 'delete', level: 'campaign', platforms: ['meta'] },
    });
    expect(manage.status).toBe(202);
    const manageId = (await json(manage)).operation_id as string;
    const waiting = await operation(manageId, ['awaiting_confirmation', 'completed', 'failed']);
    expect(waiting.status).toBe('awaiting_confirmation');
    expect((waiting.progress as { preview: { changes: Array<{ id: string; status_after: string }> } }).preview.changes).toEqual([
      expect.objectContaining({ id: result.campaign_id, status_after: 'deleted' }),
    ]);
    expect(system.ads.world.get('meta', result.campaign_id)!.status).not.toBe('deleted');
    const stranger = await api(system, `/api/v1/operations/${manageId}/confirmation`, { json: { user_id: newUser(), approved: true } });
    expect(stranger.status).toBe(403);
    expect((await api(system, `/api/v1/operations/${manageId}/confirmation`, { json: { user_id: user, approved: true } })).status).toBe(200);
    expect((await operation(manageId)).status).toBe('completed');
    expect(system.ads.world.get('meta', result.campaign_id)!.status).toBe('deleted');
  });

  it('a failed operation reports its coded error; bad bodies are 400 and start nothing', async () => {
    const user = newUser();
    const started = await api(system, '/api/v1/campaigns', { json: { user_id: user, platform: 'meta', daily_budget: 90, creative_ids: ['cr_missing'] } });
    const done = await operation((await json(started)).operation_id as string);
    expect(done).toMatchObject({ status: 'failed', error: { code: '5000' } });
    expect(await balance(system, user)).toBe(1000);
    const bad = await api(system, '/api/v1/campaigns', { json: { user_id: user, platform: 'myspace', daily_budget: -1, creative_ids: [] } });
    expect(bad.status).toBe(400);
    expect(await json(bad)).toMatchObject({ error: { code: '1001' } });
    expect((await api(system, '/api/v1/campaigns/123/status?platform=meta')).status).toBe(400);
  });
});

describe('rules over REST', () => {
  it('creates, lists, pauses, resumes, triggers, logs and deletes a rule as a Temporal Schedule', async () => {
    const user = newUser();
    system.ads.world.ensureUser(user);
    const rule = {
      name: 'Pause expensive ad sets',
      condition: { metric: 'cpa', operator: '>', value: 50, time_range: '24h' },
      action: { type: 'pause_adset' },
      applies_to: { level: 'adset' },
    };
    const created = await api(system, '/api/v1/rules', { json: { user_id: user, rule } });
    expect(created.status).toBe(200);
    const { rule_id, schedule_id } = (await json(created)).result as { rule_id: string; schedule_id: string };
    expect(schedule_id).toBe(`rule-${rule_id}`);
    // Schedule listing is eventually consistent: the rule shows up within moments.
    let listed: Array<{ rule_id: string }> = [];
    for (let i = 0; i < 100 && listed.length === 0; i++) {
      listed = (await json(await api(system, `/api/v1/rules?user_id=${user}`))).rules as typeof listed;
      if (listed.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(listed.map((r) => r.rule_id)).toEqual([rule_id]);

    expect(await json(await api(system, `/api/v1/rules/${rule_id}?user_id=${user}`))).toMatchObject({ rule_id });
    expect((await api(system, `/api/v1/rules/${rule_id}?user_id=${newUser()}`)).status).toBe(404);
    expect(await json(await api(system, `/api/v1/rules/${rule_id}/pause`, { json: { user_id: user } }))).toMatchObject({ enabled: false });
    expect(await json(await api(system, `/api/v1/rules/${rule_id}/resume`, { json: { user_id: user } }))).toMatchObject({ enabled: true });

    const loser = system.ads.world.stories(user).find((s) => s.kind === 'loser')!;
    expect((await api(system, `/api/v1/rules/${rule_id}/trigger`, { json: { user_id: user } })).status).toBe(202);
    let entries: Array<{ matched: Array<{ id: string }> }> = [];
    for (let i = 0; i < 100 && entries.length === 0; i++) {
      entries = (await json(await api(system, `/api/v1/rules/${rule_id}/log?user_id=${user}`))).entries as typeof entries;
      if (entries.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(entries[0]!.matched.map((m) => m.id)).toContain(loser.id);
    expect(system.ads.world.get('tiktok', loser.id)!.status).toBe('paused');

    expect(await json(await api(system, `/api/v1/rules/${rule_id}?user_id=${user}`, { method: 'DELETE' }))).toMatchObject({ deleted: true });
    expect((await api(system, `/api/v1/rules/${rule_id}?user_id=${user}`)).status).toBe(404);
  });
});
