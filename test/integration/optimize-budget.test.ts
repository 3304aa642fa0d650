/**
 * optimizeBudgetWorkflow over the module API (issue "Campaign automation" §1 and §3; seed 001
 * 需求 3, properties 5 and 6): the proposal finds the seeded winner (+20%) and the seeded loser
 * (pause after 3 days without conversions); applying changes the sandbox; unknown actions are 1001.
 */
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

interface Action {
  platform: string;
  adset_id: string;
  action: string;
  old_budget: number | null;
  new_budget: number | null;
  reason: { code: string };
}

/** Starts an action and polls its operation until it is no longer running. */
async function execute(userId: string, action: string, parameters: Record<string, unknown>) {
  const started = await api(system, '/api/v1/modules/campaign-automation/execute', { json: { action, parameters, context: { user_id: userId } } });
  expect(started.status).toBe(202);
  const { operation_id, status_url } = (await started.json()) as { operation_id: string; status_url: string };
  expect(status_url).toBe(`/api/v1/operations/${operation_id}?user_id=${userId}`);
  for (;;) {
    const state = (await (await api(system, status_url)).json()) as { status: string; result?: unknown; error?: unknown };
    if (state.status !== 'running') return state;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function seeded() {
  const user = newUser();
  system.ads.world.ensureUser(user);
  const story = (kind: string) => system.ads.world.stories(user).find((s) => s.kind === kind)!;
  return { user, winner: story('winner'), loser: story('loser') };
}

describe('optimize_budget', () => {
  it('proposes +20% for the seeded winner and a pause for the seeded loser, changes nothing, charges 5 credits', async () => {
    const { user, winner, loser } = seeded();
    const before = system.ads.world.get('meta', winner.id)!.daily_budget!;
    const state = (await execute(user, 'optimize_budget', {})) as { status: string; result: { proposal: { optimization: { actions: Action[] } }; applied: unknown[] } };
    expect(state.status).toBe('completed');
    const actions = state.result.proposal.optimization.actions;
    expect(actions.find((a) => a.adset_id === winner.id)).toMatchObject({ action: 'increase_budget', old_budget: before, reason: { code: 'roas_above_target' } });
    expect(actions.find((a) => a.adset_id === winner.id)!.new_budget).toBeCloseTo(before * 1.2, 2);
    expect(actions.find((a) => a.adset_id === loser.id)).toMatchObject({ action: 'pause', reason: { code: 'no_recent_conversions' } });
    for (const a of actions) if (a.old_budget && a.new_budget) expect(Math.abs(a.new_budget - a.old_budget) / a.old_budget).toBeLessThanOrEqual(0.5 + 1e-9);
    expect(state.result.applied).toEqual([]);
    expect(system.ads.world.get('meta', winner.id)!.daily_budget).toBe(before);
    expect(await balance(system, user)).toBe(995);
  });

  it('with apply, low-risk changes are applied at once: the sandbox shows the new budget and the pause', async () => {
    const { user, winner, loser } = seeded();
    const before = system.ads.world.get('meta', winner.id)!.daily_budget!;
    const state = (await execute(user, 'optimize_budget', { apply: true })) as { status: string; result: { applied: Array<{ id: string; outcome: string }> } };
    expect(state.status).toBe('completed');
    expect(state.result.applied.every((o) => o.outcome === 'succeeded')).toBe(true);
    expect(system.ads.world.get('meta', winner.id)!.daily_budget).toBeCloseTo(before * 1.2, 2);
    expect(system.ads.world.get('tiktok', loser.id)!.status).toBe('paused');
    const recorded = await system.webPlatform.listCampaignChanges({ user_id: user, limit: 100 });
    expect(recorded.changes.map((c) => c.object_id)).toEqual(expect.arrayContaining([winner.id, loser.id]));
  });

  it('in chat, "分析表现并优化预算" analyses first, then applies the optimiser\'s changes (no change above 50%, so no confirmation)', async () => {
    const { user, winner, loser } = seeded();
    const before = system.ads.world.get('meta', winner.id)!.daily_budget!;
    const stream = await chat(system, { user_id: user, session_id: 's1', message: '分析表现并优化预算' });
    await stream.until('done');
    expect(stream.types()).not.toContain('confirmation_required');
    const [analysis, optimize] = stream.of('tool_complete') as unknown as Array<{ tool: string; status: string; result: { changes: Array<{ id: string; outcome: string }> } }>;
    expect(analysis).toMatchObject({ tool: 'reporting.analyze_performance', status: 'succeeded' });
    expect(optimize).toMatchObject({ tool: 'campaign.optimize_budget', status: 'succeeded' });
    expect(optimize!.result.changes.map((c) => c.id)).toEqual(expect.arrayContaining([winner.id, loser.id]));
    expect(system.ads.world.get('meta', winner.id)!.daily_budget).toBeCloseTo(before * 1.2, 2);
    expect(system.ads.world.get('tiktok', loser.id)!.status).toBe('paused');
    expect(await balance(system, user)).toBe(1000 - 5 - optimize!.result.changes.length);
  });

  it('answers an unknown action with 1001 and bad parameters with 1001, starting nothing', async () => {
    const user = newUser();
    const unknown = await api(system, '/api/v1/modules/campaign-automation/execute', { json: { action: 'launch_rocket', parameters: {}, context: { user_id: user } } });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { code: '1001' } });
    const bad = await api(system, '/api/v1/modules/campaign-automation/execute', {
      json: { action: 'optimize_budget', parameters: { target_roas: -1 }, context: { user_id: user } },
    });
    expect(bad.status).toBe(400);
    expect(await balance(system, user)).toBe(1000);
    expect((await api(system, '/api/v1/operations/chat-turn-x')).status).toBe(404);
  });
});
