/**
 * The rule engine on Temporal Schedules, end to end (issue "Campaign automation" §5, acceptance 5;
 * seed 001 需求 6.1-6.5, property 13): a rule is a Schedule that starts ruleCheckWorkflow on a real
 * Temporal dev server; the check reads the ads sandbox through the real adapters, acts, logs to
 * Redis and notifies through the Web Platform sandbox. The sandbox clock makes multi-day
 * scenarios run in seconds.
 */
import { randomUUID } from 'node:crypto';
import { ScheduleNotFoundError, type Client } from '@temporalio/client';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseRule, type RuleInput } from '../../src/domain/rules/evaluate.js';
import { ruleLog } from '../../src/integrations/redis/rule-log.js';
import {
  createRuleSchedule,
  deleteRule,
  getRule,
  listRules,
  pauseRule,
  resumeRule,
  ruleScheduleId,
  updateRule,
} from '../../src/integrations/temporal/rule-schedules.js';
import type { RuleCheckInput, RuleCheckResult } from '../../src/domain/rules/types.js';
import { UserId } from '../../src/domain/search-attributes.js';
import { appError } from '../support/errors.js';
import { newUser, startSystem, type System } from './harness.js';
import { services } from './services.js';

let system: System;
let client: Client;
let redis: Redis;
beforeAll(async () => {
  system = await startSystem(services());
  client = system.temporal;
  redis = system.redis;
});
afterEach(() => system.ads.world.clearFaults());
afterAll(async () => {
  await system?.stop();
});

const world = () => system.ads.world;
const taskQueue = () => system.config.TEMPORAL_TASK_QUEUE;

/** ISO date `days` after the sandbox's today (negative: before). */
function day(days: number): string {
  const d = new Date(`${world().today()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function seededUser() {
  const user = newUser();
  world().ensureUser(user);
  const story = (kind: string) => world().stories(user).find((s) => s.kind === kind)!;
  const object = (platform: 'meta' | 'tiktok' | 'google', id: string) => world().get(platform, id)!;
  return { user, story, object };
}

/** Waits for a condition checked every 200 ms (schedule listing is eventually consistent). */
async function eventually<T>(fn: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Runs one check by hand (as the Schedule would), with an explicit check time. */
function check(input: RuleCheckInput): Promise<RuleCheckResult> {
  return client.workflow.execute('ruleCheckWorkflow', { taskQueue: taskQueue(), workflowId: `rule-check-test-${randomUUID()}`, args: [input] });
}

const CPA_RULE: RuleInput = {
  name: 'CPA > 50 for 24h: pause the ad set',
  condition: { metric: 'cpa', operator: 'greater_than', value: 50, time_range: '24h' },
  action: { type: 'pause_adset' },
};

describe('rules on Temporal Schedules (需求 6, property 13)', () => {
  it('"CPA > 50 for 24h: pause the ad set" pauses the seeded offender on its scheduled check, logs it and notifies (acceptance 5)', async () => {
    const { user, story, object } = seededUser();
    const loser = story('loser'); // TikTok ad group spending without conversions
    const tiktok = world().ensureUser(user).find((a) => a.platform === 'tiktok')!;
    const yesterday = world()
      .stats('tiktok', tiktok.account_id, 'adset', day(-1), day(-1))
      .find((r) => r.id === loser.id)!;
    expect(yesterday.conversions).toBe(0); // CPA undefined, its lower bound the spend:
    expect(yesterday.spend).toBeGreaterThan(50); // "CPA > 50" already holds
    expect(object('tiktok', loser.id).status).toBe('active');

    const created = await createRuleSchedule(client, taskQueue(), { userId: user, rule: CPA_RULE, language: 'en' });
    expect(created.schedule_id).toBe(ruleScheduleId(created.rule_id));
    expect(created.rule).toMatchObject({ interval_hours: 6, applies_to: { level: 'adset' }, condition: { operator: '>' } });

    // Visible as a Schedule (the Temporal Web UI shows the same description).
    const handle = client.schedule.getHandle(created.schedule_id);
    const described = await handle.describe();
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'ruleCheckWorkflow', taskQueue: taskQueue() });
    expect(described.spec.intervals?.[0]?.every).toBe(6 * 3600 * 1000);
    expect(described.memo).toMatchObject({ user_id: user, rule_id: created.rule_id });
    expect(described.typedSearchAttributes.get(UserId)).toBe(user);
    expect(described.state.paused).toBe(false);
    expect(described.info.nextActionTimes.length).toBeGreaterThan(0);

    const listed = await eventually(async () => {
      const rules = await listRules(client, user);
      return rules.length > 0 ? rules : undefined;
    });
    expect(listed.map((r) => r.rule_id)).toEqual([created.rule_id]);
    expect(listed[0]).toMatchObject({ enabled: true, user_id: user, rule: { name: CPA_RULE.name } });
    expect(await listRules(client, newUser())).toEqual([]);

    // Its next scheduled check, now.
    await handle.trigger();
    const workflowId = await eventually(async () => (await handle.describe()).info.recentActions[0]?.action.workflow.workflowId);
    expect(workflowId.startsWith(`rule-check-${created.rule_id}-`)).toBe(true);
    const result = (await client.workflow.getHandle(workflowId).result()) as RuleCheckResult;

    expect(object('tiktok', loser.id).status).toBe('paused');
    const offender = result.entry.matched.find((m) => m.id === loser.id);
    expect(offender).toMatchObject({ platform: 'tiktok', value: null, outcome: 'succeeded', planned: { type: 'pause_adset' } });
    expect(offender!.lower_bound).toBeCloseTo(yesterday.spend, 2);
    expect(result.entry.evaluated_span).toEqual({ since: day(-1), until: day(-1) });
    expect(result.entry.outcome).toBe('succeeded');
    expect(result.logged).toBe(true);
    expect(result.check_id.startsWith(`${created.rule_id}@`)).toBe(true);
    // Every other matched object was paused too, and nothing that did not match was.
    for (const m of result.entry.matched) expect(object(m.platform, m.id).status).toBe('paused');

    // The execution log, readable through the API's function.
    const entries = await ruleLog(redis, created.rule_id, 10);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ check_id: result.check_id, rule_id: created.rule_id, action: { type: 'pause_adset' }, outcome: 'succeeded' });
    expect(entries[0]!.matched.map((m) => m.id)).toContain(loser.id);

    // The trigger notification and the recorded change in the Web Platform.
    const { notifications } = await system.webPlatform.listNotifications({ user_id: user });
    const note = notifications.find((n) => n.kind === 'rule_triggered');
    expect(note?.title).toContain(CPA_RULE.name);
    expect(note?.body).toContain('Flash Deals - Broad 18-24');
    expect(entries[0]!.notification_id).toBe(note!.id);
    const { changes } = await system.webPlatform.listCampaignChanges({ user_id: user });
    expect(changes.find((c) => c.object_id === loser.id)).toMatchObject({ platform: 'tiktok', level: 'adset', change: { status: 'paused' } });

    // A day later, the next check does not see the paused ad group again (only active objects are
    // acted on). Checks are identified by their scheduled second, so this one starts a second later.
    world().advanceDays(1);
    await new Promise((r) => setTimeout(r, 1100));
    await handle.trigger();
    const second = await eventually(async () => {
      const recent = (await handle.describe()).info.recentActions;
      return recent.length > 1 ? recent.at(-1)!.action.workflow.workflowId : undefined;
    });
    const again = (await client.workflow.getHandle(second).result()) as RuleCheckResult;
    expect(again.check_id).not.toBe(result.check_id);
    expect(again.entry.evaluated_span).toEqual({ since: day(-1), until: day(-1) });
    expect(again.entry.matched.map((m) => m.id)).not.toContain(loser.id);
    expect(await ruleLog(redis, created.rule_id, 10)).toHaveLength(2);
    await deleteRule(client, user, created.rule_id);
  });

  it('a repeated check with the same check id acts once; a later day acts again (multi-day, sandbox clock)', async () => {
    const { user, story, object } = seededUser();
    const winner = story('winner'); // Meta ad set, ROAS about 4.5, the only one above 4
    const before = object('meta', winner.id).daily_budget!;
    const rule = parseRule({
      name: 'Scale ROAS > 4',
      condition: { metric: 'roas', operator: '>', value: 4, time_range: '7d' },
      action: { type: 'increase_budget', percent: 20 },
      applies_to: { platforms: ['meta'] },
    });
    const ruleId = `rl_test_${randomUUID().slice(0, 8)}`;
    const input: RuleCheckInput = { ruleId, userId: user, rule, language: 'zh', checkTime: '2030-01-01T06:00:00Z' };

    const first = await check(input);
    expect(first.check_id).toBe(`${ruleId}@2030-01-01T06:00:00.000Z`);
    expect(first.entry.matched.map((m) => m.id)).toEqual([winner.id]);
    expect(first.entry.matched[0]).toMatchObject({ outcome: 'succeeded', planned: { old_budget: before, new_budget: before * 1.2 } });
    expect(object('meta', winner.id).daily_budget).toBeCloseTo(before * 1.2, 2);
    expect(first.logged).toBe(true);

    // The same check again (same check id): the stored evaluation, no second change, no second entry.
    const repeat = await check(input);
    expect(repeat.check_id).toBe(first.check_id);
    expect(repeat.logged).toBe(false);
    expect(repeat.entry.matched[0]).toMatchObject({ outcome: 'succeeded', planned: { old_budget: before, new_budget: before * 1.2 } });
    expect(object('meta', winner.id).daily_budget).toBeCloseTo(before * 1.2, 2);
    expect(await ruleLog(redis, ruleId)).toHaveLength(1);
    const { changes } = await system.webPlatform.listCampaignChanges({ user_id: user });
    expect(changes.filter((c) => c.object_id === winner.id)).toHaveLength(1);

    // Another check the same day sees the same (complete-day) data: logged, but nothing changes twice.
    const sameDay = await check({ ...input, checkTime: '2030-01-01T12:00:00Z' });
    expect(sameDay.logged).toBe(true);
    expect(sameDay.entry.matched[0]).toMatchObject({ id: winner.id, duplicate: true });
    expect(sameDay.entry.outcome).toBe('skipped');
    expect(object('meta', winner.id).daily_budget).toBeCloseTo(before * 1.2, 2);
    const notes = (await system.webPlatform.listNotifications({ user_id: user })).notifications.filter((n) => n.kind === 'rule_triggered');
    expect(notes).toHaveLength(1); // same data day, same matches: notified once

    // A day later on the platform's clock: new data, the rule acts again on the current budget.
    world().advanceDays(1);
    const nextDay = await check({ ...input, checkTime: '2030-01-01T18:00:00Z' });
    expect(nextDay.entry.evaluated_span?.until).toBe(day(-1));
    expect(nextDay.entry.matched[0]).toMatchObject({ id: winner.id, outcome: 'succeeded' });
    expect(object('meta', winner.id).daily_budget).toBeCloseTo(Math.round(before * 1.2 * 1.2 * 100) / 100, 2);
    expect((await ruleLog(redis, ruleId)).map((e) => e.check_id)).toEqual([nextDay.check_id, sameDay.check_id, first.check_id]);
  });

  it('rules are listed, paused, resumed, updated and deleted through their Schedules; other users see none', async () => {
    const user = newUser();
    const { rule_id: ruleId, schedule_id: scheduleId } = await createRuleSchedule(client, taskQueue(), {
      userId: user,
      rule: { ...CPA_RULE, interval_hours: 3 },
    });
    const handle = client.schedule.getHandle(scheduleId);
    expect((await handle.describe()).spec.intervals?.[0]?.every).toBe(3 * 3600 * 1000);

    const paused = await pauseRule(client, user, ruleId);
    expect(paused.enabled).toBe(false);
    expect((await handle.describe()).state.paused).toBe(true);
    expect((await resumeRule(client, user, ruleId)).enabled).toBe(true);

    const updated = await updateRule(client, {
      userId: user,
      ruleId,
      rule: { name: 'ROAS < 1 for 3 days: lower budget', condition: { metric: 'roas', operator: '<', value: 1, time_range: '3d' }, action: { type: 'decrease_budget', percent: 30 }, interval_hours: 12 },
      language: 'en',
    });
    expect(updated.rule).toMatchObject({ name: 'ROAS < 1 for 3 days: lower budget', action: { type: 'decrease_budget', percent: 30 }, interval_hours: 12 });
    expect(updated.language).toBe('en');
    const d = await handle.describe();
    expect(d.spec.intervals?.[0]?.every).toBe(12 * 3600 * 1000);
    expect((d.action.args?.[0] as RuleCheckInput).rule.name).toBe('ROAS < 1 for 3 days: lower budget');

    const stranger = newUser();
    expect((await appError(getRule(client, stranger, ruleId))).code).toBe('1004');
    expect((await appError(pauseRule(client, stranger, ruleId))).code).toBe('1004');
    expect((await appError(deleteRule(client, stranger, ruleId))).code).toBe('1004');
    expect((await appError(createRuleSchedule(client, taskQueue(), { userId: user, rule: CPA_RULE, ruleId }))).code).toBe('1009');
    expect((await appError(createRuleSchedule(client, taskQueue(), { userId: user, rule: { ...CPA_RULE, action: { type: 'increase_budget', percent: 80 } } }))).code).toBe(
      '1001',
    );

    expect(await deleteRule(client, user, ruleId)).toEqual({ rule_id: ruleId, deleted: true });
    await expect(handle.describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    expect((await appError(getRule(client, user, ruleId))).code).toBe('1004');
  });
});
