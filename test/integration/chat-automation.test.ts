/**
 * The experiment actions from chat (issue "Campaign automation" §7): a chat turn's create_ab_test,
 * analyze_ab_test, create_rule and get_campaign_status steps route to abTestWorkflow (a child
 * that outlives the turn), the rule Schedules and campaignStatusWorkflow, end to end over HTTP and
 * SSE against a real Temporal dev server and the ads sandbox's Meta facade.
 */
import { ScheduleNotFoundError, type Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatRuleId } from '../../src/activities/chat/campaign-links.js';
import type { CampaignStatus } from '../../src/integrations/ads/campaign-status.js';
import type { Rule } from '../../src/domain/rules/evaluate.js';
import type { AbTestProgress, AbTestSnapshot } from '../../src/workflows/ab-tests/definitions.js';
import type { OperationState } from '../../src/workflows/kit/operation.js';
import { chatTurnWorkflowId } from '../../src/workflows/chat/definitions.js';
import { Operation, UserId } from '../../src/domain/search-attributes.js';
import { api, balance, chat, newUser, startSystem, type ChatStream, type System } from './harness.js';
import { services } from './services.js';

let system: System;
let client: Client;
/** A/B tests and rule Schedules the tests started: ended in afterAll (tests live for days). */
const startedTests: string[] = [];
const createdSchedules: string[] = [];

beforeAll(async () => {
  system = await startSystem(services());
  client = system.temporal;
});
afterAll(async () => {
  await Promise.allSettled(startedTests.map((id) => client.workflow.getHandle(id).terminate('test over')));
  await Promise.allSettled(createdSchedules.map((id) => client.schedule.getHandle(id).delete()));
  await system?.stop();
});

const world = () => system.ads.world;

interface StepComplete {
  tool: string;
  status: string;
  result?: unknown;
  error?: { code: string; message: string; details: Record<string, unknown> };
}

/** Runs a chat turn to its end; returns its stream and its tool_complete events. */
async function turn(user: string, message: string, session = 's1'): Promise<{ stream: ChatStream; steps: StepComplete[] }> {
  const stream = await chat(system, { user_id: user, session_id: session, message });
  await stream.until('done');
  return { stream, steps: stream.of('tool_complete') as unknown as StepComplete[] };
}

/** Polls a URL of the API until `ok` holds (every 100 ms, 30 s at most). */
async function poll<T>(path: string, ok: (body: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const body = (await (await api(system, path)).json()) as T;
    if (ok(body)) return body;
    if (Date.now() > deadline) throw new Error(`${path} never satisfied the condition: ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The sandbox's own sums of one object over a span. */
function truth(user: string, level: 'campaign' | 'adset', id: string, since: string, until: string) {
  const account = world().ensureUser(user).find((a) => a.platform === 'meta')!;
  const rows = world()
    .stats('meta', account.account_id, level, since, until)
    .filter((r) => r.id === id);
  const sum = (f: 'impressions' | 'clicks' | 'spend' | 'conversions' | 'revenue') => rows.reduce((s, r) => s + r[f], 0);
  return { impressions: sum('impressions'), clicks: sum('clicks'), spend: sum('spend'), conversions: sum('conversions'), revenue: sum('revenue') };
}

describe('A/B tests from chat', () => {
  it('"先做 2 张图，然后在 Meta 上做 A/B 测试，日预算 200" starts an abTestWorkflow (2 ad sets of 100); "A/B 测试结果怎么样了？" analyses it', async () => {
    const user = newUser();
    const first = await turn(user, '先做 2 张图，然后在 Meta 上做 A/B 测试，日预算 200');
    const [images, ab] = first.steps;
    expect(images).toMatchObject({ tool: 'creative.generate_creative', status: 'succeeded' });
    expect(ab).toMatchObject({ tool: 'campaign.create_ab_test', status: 'succeeded', result: { kind: 'ab_test_started', platform: 'meta' } });
    const made = (images!.result as { creatives: Array<{ creative_id: string }> }).creatives.map((c) => c.creative_id);
    const started = ab!.result as { test_id: string; status_url: string; creative_ids: string[]; split: { per_variant: number }; text: string };
    startedTests.push(started.test_id);
    expect(started.creative_ids).toEqual(made);
    expect(started.split.per_variant).toBe(100);
    expect(started.status_url).toBe(`/api/v1/operations/${started.test_id}?user_id=${user}`);
    expect(first.stream.text()).toContain(started.text.split('\n')[0]!);

    // The test outlives the turn: its operation answers, and it creates its objects by itself.
    const state = await poll<OperationState & { progress: AbTestProgress }>(started.status_url, (s) => s.progress?.phase === 'running');
    expect(state).toMatchObject({ operation: 'ab_test', user_id: user, status: 'running' });
    const test = state.progress.test!;
    const adsets = world()
      .objects(user, { platform: 'meta', level: 'adset' })
      .filter((o) => o.campaign_id === test.campaign_id);
    expect(adsets.map((s) => s.daily_budget)).toEqual([100, 100]);
    expect(world().objects(user, { platform: 'meta', level: 'campaign' }).filter((c) => c.id === test.campaign_id)).toHaveLength(1);
    const description = await client.workflow.getHandle(started.test_id).describe();
    expect(description.typedSearchAttributes.get(UserId)).toBe(user);
    expect(description.typedSearchAttributes.get(Operation)).toBe('ab_test');
    expect(description.parentExecution?.workflowId).toMatch(/^chat-turn-/);
    // 2 images, and the test: it charges itself (it outlives the turn), the turn gave its charge back.
    expect(await balance(system, user)).toBe(1000 - 10 - 10);

    const second = await turn(user, 'A/B 测试结果怎么样了？');
    const [analysis] = second.steps;
    expect(analysis).toMatchObject({ tool: 'campaign.analyze_ab_test', status: 'succeeded', result: { kind: 'ab_test_analysis', test_id: started.test_id } });
    const snapshot = (analysis!.result as { snapshot: AbTestSnapshot }).snapshot;
    expect(snapshot.analysis).toMatchObject({ status: 'insufficient_data', message_zh: '数据不足，建议继续测试' });
    const counts = snapshot.analysis.status === 'insufficient_data' ? snapshot.analysis.counts : [];
    expect(counts.map((c) => c.variant_id)).toEqual(made);
    for (const [i, v] of test.variants.entries()) {
      expect(counts[i]!.conversions).toBe(truth(user, 'adset', v.adset_id, snapshot.span.since, snapshot.span.until).conversions);
    }
    expect(second.stream.text()).toContain('数据不足，建议继续测试');
    expect(second.stream.text()).toContain(`V1 ${counts[0]!.conversions}`);
    // Too little data yet: the analysis is refunded, like a report without enough data.
    expect(await balance(system, user)).toBe(1000 - 10 - 10);
  });

  it('without 2 creatives the step is refused before anything starts (5000), and refunded', async () => {
    const user = newUser();
    const { steps } = await turn(user, '在 Meta 上做 A/B 测试，日预算 200');
    expect(steps[0]).toMatchObject({ tool: 'campaign.create_ab_test', status: 'failed', error: { code: '5000', details: { found: 0 } } });
    expect(await balance(system, user)).toBe(1000);
  });

  it('"A/B 测试结果怎么样了？" without a running test fails 1004 with a hint, refunded', async () => {
    const user = newUser();
    const { steps } = await turn(user, 'A/B 测试结果怎么样了？');
    expect(steps[0]).toMatchObject({ tool: 'campaign.analyze_ab_test', status: 'failed', error: { code: '1004', message: '你目前没有进行中的 A/B 测试' } });
    expect(steps[0]!.error!.details.hint).toEqual(expect.any(String));
    expect(await balance(system, user)).toBe(1000);
  });
});

describe('rules from chat', () => {
  it('"创建一个规则：CPA 超过 50 就暂停广告组" creates the Schedule rule-<id> for the user with the parsed rule', async () => {
    const user = newUser();
    const { stream, steps } = await turn(user, '创建一个规则：CPA 超过 50 就暂停广告组');
    expect(steps[0]).toMatchObject({ tool: 'campaign.create_rule', status: 'succeeded' });
    const result = steps[0]!.result as { rule_id: string; schedule_id: string; rule: Rule; text: string };
    createdSchedules.push(result.schedule_id);
    expect(result.schedule_id).toBe(`rule-${result.rule_id}`);
    expect(result.rule).toEqual({
      name: 'CPA > 50 (24h) → 暂停广告组',
      condition: { metric: 'cpa', operator: '>', value: 50, time_range: '24h' },
      action: { type: 'pause_adset' },
      applies_to: { level: 'adset' },
      interval_hours: 6,
    });
    const schedule = await client.schedule.getHandle(result.schedule_id).describe();
    expect(schedule.memo).toMatchObject({ user_id: user, rule_id: result.rule_id, language: 'zh' });
    expect(schedule.typedSearchAttributes.get(UserId)).toBe(user);
    expect((schedule.action.args?.[0] as { rule: Rule }).rule).toEqual(result.rule);
    expect(schedule.action.taskQueue).toBe(system.config.TEMPORAL_TASK_QUEUE);
    expect(stream.text()).toContain('CPA > 50 (24h) → 暂停广告组');
    expect(await balance(system, user)).toBe(1000 - 2);
  });

  it('"Create a rule: if CPA > 50 in the last 24 hours, pause the ad set" creates the same rule, named in English', async () => {
    const user = newUser();
    const { steps } = await turn(user, 'Create a rule: if CPA > 50 in the last 24 hours, pause the ad set');
    const result = steps[0]!.result as { schedule_id: string; rule: Rule };
    createdSchedules.push(result.schedule_id);
    expect(steps[0]!.status).toBe('succeeded');
    expect(result.rule).toMatchObject({ name: 'CPA > 50 (24h) → pause the ad set', condition: { metric: 'cpa', operator: '>', value: 50, time_range: '24h' } });
    expect((await client.schedule.getHandle(result.schedule_id).describe()).memo).toMatchObject({ user_id: user, language: 'en' });
  });

  it('"创建一个规则：Meta 上过去 7 天 ROAS 低于 1 就降低 20% 预算" watches Meta only and lowers budgets by 20%', async () => {
    const user = newUser();
    const { steps } = await turn(user, '创建一个规则：Meta 上过去 7 天 ROAS 低于 1 就降低 20% 预算');
    const result = steps[0]!.result as { schedule_id: string; rule: Rule };
    createdSchedules.push(result.schedule_id);
    expect(result.rule).toMatchObject({
      condition: { metric: 'roas', operator: '<', value: 1, time_range: '7d' },
      action: { type: 'decrease_budget', percent: 20 },
      applies_to: { level: 'adset', platforms: ['meta'] },
    });
  });

  it('an unreadable rule fails the step with 1001 (what is missing, an example) and refunds it; no Schedule is created', async () => {
    const user = newUser();
    const { stream, steps } = await turn(user, '创建一个规则：每天帮我看看');
    expect(steps[0]).toMatchObject({ tool: 'campaign.create_rule', status: 'failed', error: { code: '1001', details: { missing: ['metric', 'operator', 'action'] } } });
    expect(steps[0]!.error!.details.hint).toContain('CPA 超过 50 就暂停广告组');
    expect(await balance(system, user)).toBe(1000);
    // The Schedule the step would have created (its rule id derives from the step's operation id).
    const operationId = `${chatTurnWorkflowId(stream.of('turn_started')[0]!.turn_id as string)}:step-0`;
    await expect(client.schedule.getHandle(`rule-${chatRuleId(operationId)}`).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
  });
});

describe('campaign status from chat', () => {
  it('"看看 Black Friday Sales 系列的状态" answers the Meta campaign with its ad sets, ads and metrics equal to the sandbox', async () => {
    const user = newUser();
    world().ensureUser(user);
    const campaign = world()
      .objects(user, { platform: 'meta', level: 'campaign' })
      .find((c) => c.name === 'Black Friday Sales')!;
    const { stream, steps } = await turn(user, '看看 Black Friday Sales 系列的状态');
    expect(steps[0]).toMatchObject({ tool: 'campaign.get_campaign_status', status: 'succeeded', result: { kind: 'campaign_status', failures: [] } });
    const { campaigns } = steps[0]!.result as { campaigns: CampaignStatus[] };
    expect(campaigns).toHaveLength(1);
    const status = campaigns[0]!;
    expect(status).toMatchObject({ platform: 'meta', campaign: { id: campaign.id, name: 'Black Friday Sales', status: 'active' }, stale: false });
    const adsets = world()
      .objects(user, { platform: 'meta', level: 'adset' })
      .filter((o) => o.campaign_id === campaign.id);
    const ads = world()
      .objects(user, { platform: 'meta', level: 'ad' })
      .filter((o) => o.campaign_id === campaign.id);
    expect(status.adsets.map((s) => s.id).sort()).toEqual(adsets.map((s) => s.id).sort());
    expect(status.ads).toHaveLength(ads.length);
    const t = truth(user, 'campaign', campaign.id, status.span.since, status.span.until);
    expect(status.metrics.impressions).toBe(t.impressions);
    expect(status.metrics.conversions).toBe(t.conversions);
    expect(status.metrics.spend).toBeCloseTo(t.spend, 2);
    expect(status.metrics.roas).toBeCloseTo(t.revenue / t.spend, 4);
    expect(stream.text()).toContain('Black Friday Sales');
    expect(stream.text()).toContain(`${status.metrics.spend.toFixed(2)} USD`);
    expect(await balance(system, user)).toBe(1000 - 1);
    // The status child is an operation of the user, findable like the API's (visibility lags a little).
    const query = `WorkflowType = "campaignStatusWorkflow" AND UserId = "${user}" AND Operation = "get_campaign_status"`;
    const deadline = Date.now() + 10_000;
    while ((await client.workflow.count(query)).count !== 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect((await client.workflow.count(query)).count).toBe(1);
  });

  it('"What\'s the status of my Retargeting campaign?" answers "Retargeting - Cart" in English', async () => {
    const user = newUser();
    world().ensureUser(user);
    const { stream, steps } = await turn(user, "What's the status of my Retargeting campaign?");
    expect(steps[0]).toMatchObject({ tool: 'campaign.get_campaign_status', status: 'succeeded' });
    const { campaigns } = steps[0]!.result as { campaigns: CampaignStatus[] };
    expect(campaigns.map((c) => c.campaign.name)).toEqual(['Retargeting - Cart']);
    expect(campaigns[0]!.adsets).toHaveLength(2);
    expect(stream.text()).toContain('Meta "Retargeting - Cart": active');
  });

  it('a campaign that does not exist fails 1004 naming the candidates, refunded', async () => {
    const user = newUser();
    world().ensureUser(user);
    const { steps } = await turn(user, "What's the status of my Spring Clearance campaign?");
    expect(steps[0]).toMatchObject({ tool: 'campaign.get_campaign_status', status: 'failed', error: { code: '1004' } });
    expect(steps[0]!.error!.details.candidates).toEqual(expect.arrayContaining([{ platform: 'meta', name: 'Black Friday Sales' }]));
    expect(await balance(system, user)).toBe(1000);
  });
});
