/**
 * A/B tests end to end (issue "Campaign automation" §4, acceptance 4; seed 001 需求 5.1-5.6,
 * properties 10-12): abTestWorkflow on a real Temporal dev server creates the test on the ads
 * sandbox's Meta facade through the real adapter, lives for the test's duration on the sandbox's
 * calendar (polling every second here), analyses it and applies its recommendations after
 * confirmation. The p-value is checked against a reference computed here from the sandbox's own
 * delivery, by another path than the code under test.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowFailedError, WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AbInsufficientData, AbTestAnalysis } from '../../src/domain/ab-tests/analysis.js';
import type { AbTestInput } from '../../src/domain/campaign-ops/operation-inputs.js';
import { analyzeAbTestUpdate, type AbTestOutcome, type AbTestProgress } from '../../src/workflows/ab-tests/definitions.js';
import { confirmUpdate } from '../../src/workflows/kit/confirmation.js';
import { operationStateQuery, type OperationState } from '../../src/workflows/kit/operation.js';
import { balance, newUser, startSystem, type System } from './harness.js';
import { services } from './services.js';

let system: System;
let client: Client;
beforeAll(async () => {
  system = await startSystem(services());
  client = system.temporal;
});
afterEach(() => system.ads.world.clearFaults());
afterAll(async () => {
  await system?.stop();
});

const world = () => system.ads.world;
const LANDING = 'https://shop.sandbox.example/headphones';

/** A fresh seeded user with `n` creatives in the Web Platform. */
async function userWithCreatives(n: number) {
  const user = newUser();
  world().ensureUser(user);
  const creatives = [];
  for (let i = 0; i < n; i++) {
    creatives.push(await system.webPlatform.createCreative({ user_id: user, name: `headphones-${i + 1}`, url: `https://cdn.example/ab/${user}-${i + 1}.png`, content_type: 'image/png' }));
  }
  const meta = world().ensureUser(user).find((a) => a.platform === 'meta')!;
  return { user, creativeIds: creatives.map((c) => c.id), accountId: meta.account_id };
}

function start(input: AbTestInput): Promise<WorkflowHandle> {
  return client.workflow.start('abTestWorkflow', { taskQueue: system.config.TEMPORAL_TASK_QUEUE, workflowId: `ab-test-${randomUUID()}`, args: [input] });
}

const stateOf = async (h: WorkflowHandle) => (await h.query(operationStateQuery)) as OperationState & { progress: AbTestProgress };

/** Polls the operation state until `ok` holds (every 100 ms, 20 s at most). */
async function until(h: WorkflowHandle, ok: (s: OperationState & { progress: AbTestProgress }) => boolean) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const s = await stateOf(h);
    if (ok(s)) return s;
    if (s.status === 'failed' || s.status === 'rolled_back' || Date.now() > deadline) throw new Error(`unexpected state ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** ISO date `days` after `iso`. */
function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * erfc(a) = 2/√π ∫_a^∞ e^(−t²) dt by composite Simpson's rule on [a, a + 12] (the rest is below
 * e^(−144)): an independent path from the regularised incomplete gamma function the code uses.
 */
function erfc(a: number): number {
  const n = 200_000;
  const h = 12 / n;
  const f = (t: number) => Math.exp(-t * t);
  let s = f(a) + f(a + 12);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return ((2 / Math.sqrt(Math.PI)) * s * h) / 3;
}

/**
 * Pearson's chi-square test of independence on [conversions, clicks − conversions] per variant,
 * by hand, and its p-value by the closed forms of the chi-square survival function for odd
 * degrees of freedom: df 1: erfc(√(x/2)); df 3: erfc(√(x/2)) + √(2x/π)·e^(−x/2).
 */
function referenceChiSquare(table: Array<{ conversions: number; clicks: number }>): { statistic: number; df: number; p: number } {
  const rows = table.map((v) => [v.conversions, v.clicks - v.conversions] as const);
  const grand = rows.reduce((s, [a, b]) => s + a + b, 0);
  const col = [0, 1].map((j) => rows.reduce((s, r) => s + r[j as 0 | 1], 0));
  let statistic = 0;
  for (const r of rows) {
    const total = r[0] + r[1];
    for (const j of [0, 1] as const) {
      const expected = (total * col[j]!) / grand;
      statistic += (r[j] - expected) ** 2 / expected;
    }
  }
  const df = rows.length - 1;
  const base = erfc(Math.sqrt(statistic / 2));
  if (df === 1) return { statistic, df, p: base };
  if (df === 3) return { statistic, df, p: base + Math.sqrt((2 * statistic) / Math.PI) * Math.exp(-statistic / 2) };
  throw new Error(`no closed form here for df ${df}`);
}

describe('A/B tests (需求 5, properties 10-12)', () => {
  it('a 7-day test with 4 variants concludes by itself when the sandbox clock advances, with the reference p-value, and applies its recommendations after confirmation (acceptance 4)', async () => {
    const { user, creativeIds, accountId } = await userWithCreatives(4);
    const credits = await balance(system, user);
    const handle = await start({
      userId: user,
      platform: 'meta',
      name: 'Headphones creatives',
      creativeIds,
      dailyBudget: 2800,
      durationDays: 7,
      landingUrl: LANDING,
      language: 'zh',
      pollIntervalSeconds: 1,
      billing: { credits: 10 },
    });
    const running = await until(handle, (s) => s.progress.phase === 'running' && s.progress.today !== undefined);
    const test = running.progress.test!;
    expect(test.start_date).toBe(world().today());
    expect(test.end_date).toBe(addDays(test.start_date, 7));
    expect(running.progress).toMatchObject({ days_total: 7, days_elapsed: 0 });
    expect(await balance(system, user)).toBe(credits - 10);

    // One campaign, one ad set per creative with an equal share of the budget (property 10), one ad each.
    const campaign = world().get('meta', test.campaign_id)!;
    expect(campaign).toMatchObject({ level: 'campaign', status: 'active' });
    expect(campaign.name.startsWith('Headphones creatives')).toBe(true);
    const adsets = world().list('meta', accountId, 'adset', { campaign_id: test.campaign_id });
    expect(adsets).toHaveLength(4);
    expect(adsets.map((s) => s.daily_budget)).toEqual([700, 700, 700, 700]);
    expect(test.split).toMatchObject({ per_variant: 700, unallocated: 0 });
    for (const s of adsets) expect(world().list('meta', accountId, 'ad', { adset_id: s.id })).toHaveLength(1);
    expect(test.variants.map((v) => v.variant_id)).toEqual(creativeIds);

    // Asked early: not enough conversions yet (需求 5.5), with the current counts; the test goes on.
    const early = await handle.executeUpdate(analyzeAbTestUpdate, { args: [{}] });
    expect(early.concluded).toBe(false);
    const insufficient = early.analysis as AbInsufficientData;
    expect(insufficient).toMatchObject({ status: 'insufficient_data', message_zh: '数据不足，建议继续测试', min_conversions: 100 });
    expect(insufficient.counts.map((c) => c.variant_id)).toEqual(creativeIds);

    // Seven days pass on the platform's calendar: the test concludes by itself.
    world().advanceDays(7);
    const concluded = await until(handle, (s) => s.status === 'awaiting_confirmation');
    expect(concluded.progress.days_elapsed).toBe(7);
    const analysis = concluded.progress.analysis as AbTestAnalysis;

    // Reference: the sandbox's own delivery of the 7 test days, chi-square by hand, p by a closed form.
    const last = addDays(test.start_date, 6);
    const rows = world().stats('meta', accountId, 'adset', test.start_date, last);
    const totals = test.variants.map((v) => {
      const mine = rows.filter((r) => r.id === v.adset_id);
      return { variant_id: v.variant_id, clicks: mine.reduce((s, r) => s + r.clicks, 0), conversions: mine.reduce((s, r) => s + r.conversions, 0) };
    });
    expect(totals.every((t) => t.conversions >= 100)).toBe(true);
    const ref = referenceChiSquare(totals);
    expect(analysis.test).toBe('chi_square');
    expect(analysis.df).toBe(3);
    expect(Math.abs(analysis.statistic - ref.statistic)).toBeLessThan(1e-9 * ref.statistic);
    expect(Math.abs(analysis.p_value - ref.p)).toBeLessThanOrEqual(1e-6 * ref.p + 1e-15);
    expect(analysis.p_value).toBeLessThan(0.05);
    expect(analysis.confidence).toBeCloseTo(1 - ref.p, 12);
    expect(analysis.ranked.map((r) => r.conversions)).toEqual(
      [...totals].sort((a, b) => b.conversions / b.clicks - a.conversions / a.clicks).map((t) => t.conversions),
    );

    // The winner and its recommendations (需求 5.4, 5.6; property 12).
    expect(analysis.status).toBe('winner');
    const best = analysis.ranked[0]!;
    const worst = analysis.ranked.at(-1)!;
    expect(analysis.winner).toBe(best.variant_id);
    expect(analysis.recommendations).toEqual([
      expect.objectContaining({ action: 'pause', variant_id: worst.variant_id, adset_id: worst.adset_id }),
      expect.objectContaining({ action: 'increase_budget', variant_id: best.variant_id, adset_id: best.adset_id, change_pct: 50 }),
    ]);
    const pending = concluded.progress.pending_changes!;
    expect(pending.changes).toEqual([
      expect.objectContaining({ id: worst.adset_id, status_before: 'active', status_after: 'paused' }),
      expect.objectContaining({ id: best.adset_id, budget_before: 700, budget_after: 1050 }),
    ]);
    // Nothing changes before the user confirms; only the test's user may.
    expect(world().get('meta', worst.adset_id!)!.status).toBe('active');
    await expect(handle.executeUpdate(confirmUpdate, { args: [{ user_id: newUser(), approved: true }] })).rejects.toBeInstanceOf(
      WorkflowUpdateFailedError,
    );
    // analyzeNow now answers the final analysis.
    const final = await handle.executeUpdate(analyzeAbTestUpdate, { args: [{}] });
    expect(final).toMatchObject({ concluded: true, span: { since: test.start_date, until: last } });
    expect((final.analysis as AbTestAnalysis).p_value).toBe(analysis.p_value);

    await handle.executeUpdate(confirmUpdate, { args: [{ user_id: user, approved: true }] });
    const outcome = (await handle.result()) as AbTestOutcome;
    expect(outcome.concluded_by).toBe('duration_elapsed');
    expect(outcome.final.span).toEqual({ since: test.start_date, until: last });
    // the gate's audit record: who answered, when, what
    expect(outcome.recommendations.confirmation).toEqual({
      approved: true,
      reason: 'user',
      answered_by: user,
      requested_at: expect.any(String),
      answered_at: expect.any(String),
    });
    expect(outcome.recommendations.applied.map((a) => a.outcome)).toEqual(['succeeded', 'succeeded']);
    expect(world().get('meta', worst.adset_id!)!.status).toBe('paused');
    expect(world().get('meta', best.adset_id!)!.daily_budget).toBe(1050);
    expect((await stateOf(handle)).status).toBe('completed');
    expect(await balance(system, user)).toBe(credits - 10);
  });

  it('asked to conclude early with too few conversions, it ends with "数据不足，建议继续测试" and the counts', async () => {
    const { user, creativeIds } = await userWithCreatives(2);
    const handle = await start({ userId: user, platform: 'meta', creativeIds, dailyBudget: 40, landingUrl: LANDING, language: 'zh', pollIntervalSeconds: 1 });
    await until(handle, (s) => s.progress.phase === 'running');
    world().advanceDays(2);
    const answer = await handle.executeUpdate(analyzeAbTestUpdate, { args: [{ conclude: true }] });
    expect(answer.analysis).toMatchObject({ status: 'insufficient_data', message_zh: '数据不足，建议继续测试' });
    const outcome = (await handle.result()) as AbTestOutcome;
    expect(outcome.concluded_by).toBe('request');
    expect(outcome.analysis).toEqual(answer.analysis);
    const counts = (outcome.analysis as AbInsufficientData).counts;
    expect(counts.map((c) => c.variant_id)).toEqual(creativeIds);
    expect(counts.map((c) => c.conversions)).toEqual(outcome.final.variants.map((v) => v.conversions));
    expect(counts.some((c) => c.conversions > 0)).toBe(true);
    expect(outcome.recommendations).toEqual({ offered: false, applied: [] });
  });

  it('a creation that fails half-way deletes what it created and refunds the credits (rolled back)', async () => {
    const { user, creativeIds } = await userWithCreatives(3);
    const credits = await balance(system, user);
    // After the campaign and the first ad set exist, the first ad's creative is refused for policy
    // reasons (non-retryable 6005).
    world().addFault({ platform: 'meta', path: '/adcreatives', mode: 'policy', count: 1 });
    const handle = await start({ userId: user, platform: 'meta', creativeIds, dailyBudget: 90, landingUrl: LANDING, language: 'en', billing: { credits: 10 } });
    const err = await handle.result().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const state = await stateOf(handle);
    expect(state.status).toBe('rolled_back');
    expect(state.error?.code).toBe('6005');
    const test = world()
      .objects(user, { platform: 'meta', level: 'campaign' })
      .filter((c) => c.name.startsWith('A/B test'));
    expect(test).toHaveLength(1);
    expect(test[0]!.status).toBe('deleted');
    expect(world().list('meta', world().ensureUser(user).find((a) => a.platform === 'meta')!.account_id, 'adset', { campaign_id: test[0]!.id, include_deleted: true })).toHaveLength(1);
    expect(await balance(system, user)).toBe(credits);
  });

  it('refuses a budget whose equal split is below the platform minimum, charging nothing', async () => {
    const { user, creativeIds } = await userWithCreatives(3);
    const credits = await balance(system, user);
    const handle = await start({ userId: user, platform: 'tiktok', creativeIds, dailyBudget: 45, landingUrl: LANDING, language: 'en', billing: { credits: 10 } });
    await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    const state = await stateOf(handle);
    expect(state).toMatchObject({ status: 'failed', error: { code: '1001', details: { reason: 'below_minimum', min_per_variant: 20 } } });
    expect(await balance(system, user)).toBe(credits);
  });
});
