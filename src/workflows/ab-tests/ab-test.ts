/**
 * abTestWorkflow (issue "Campaign automation" §4; seed 001 需求 5.1-5.6, properties 10-12): an A/B
 * test of creatives that lives for the test's duration.
 *
 * 1. prepare: the account, the equal budget split (total / N rounded down to the minor unit), the
 *    creatives; charge the operation's credits (operation id `<workflowId>:charge`);
 * 2. create one campaign and, per creative, one ad set with one ad (same audience and copy, only
 *    the creative differs), each with a request key derived from the workflow id; a failure
 *    deletes what was created (status `rolled_back`) and refunds;
 * 3. run: measure the variants, then sleep on a durable timer (`pollIntervalSeconds`, default
 *    1 hour) and measure again, until the PLATFORM's date reaches start + duration. The test's
 *    calendar is the platform's (the ads sandbox's clock in development, which tests advance), not
 *    the workflow's clock, so a test concludes by itself at most one poll interval after its last
 *    day ends on the platform. `analyzeNow` (update) answers the analysis so far and, with
 *    `{conclude: true}`, ends the test now; the `concludeNow` signal ends it without an answer;
 * 4. analyse the test's complete days (chi-square on conversions vs non-converting clicks, alpha
 *    0.05, at least 100 conversions per variant, else "数据不足，建议继续测试" with the counts);
 * 5. with a winner, offer its recommendations (pause the worst variant, +50% budget for the winner)
 *    and apply them after the user's confirmation (`confirmRecommendations` update; rejection or
 *    timeout applies nothing).
 *
 * Long tests continue as new when Temporal suggests it, carrying what was created. Answers
 * `operationState` (operation 'ab_test', progress: day counts and current figures per variant).
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { AbTestMeasurement, ExperimentActivities } from '../../activities/ab-tests/experiment-types.js';
import type { AbVariant } from '../../domain/ab-tests/analysis.js';
import { DEFAULT_AB_CONFIRMATION_SECONDS, DEFAULT_AB_POLL_SECONDS, DEFAULT_AB_TEST_DAYS } from '../../domain/campaign-ops/operation-inputs.js';
import { CampaignId, PlatformAttr } from '../../domain/search-attributes.js';
import { credits as localCredits, legacyCredits, PLATFORM_MUTATION } from '../kit/activity-options.js';
import { Charge } from '../kit/charged-step.js';
import { errorBodyOf } from '../kit/failures.js';
import { operationFrame } from '../kit/operation-frame.js';
import {
  analyzeAbTestUpdate,
  concludeAbTestSignal,
  NOT_READY_FAILURE,
  type AbTestOutcome,
  type AbTestProgress,
  type AbTestSetup,
  type AbTestSnapshot,
  type AbTestWorkflowInput,
  type AbVariantFigures,
  type AnalyzeNowRequest,
} from './definitions.js';
import { applyChanges } from '../campaign-ops/apply-changes.js';

/** Patch: credits became local activities; tests started before keep their regular credit activities. */
export const LOCAL_CREDITS_PATCH = 'local-credit-activities';

export { analyzeAbTestUpdate, concludeAbTestSignal } from './definitions.js';

/** Platform work: a few platform calls per activity, each bounded by the platform timeout. */
const expActs = proxyActivities<ExperimentActivities>(PLATFORM_MUTATION);

const DAY_MS = 86_400_000;
/** Final measurements that fail are retried every poll interval this many times before the test fails. */
const FINAL_MEASURE_ATTEMPTS = 24;

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

function figures(variants: readonly AbVariant[]): AbVariantFigures[] {
  return variants.map((v) => ({
    ...v,
    conversion_rate: ratio(v.conversions, v.clicks),
    ctr: ratio(v.clicks, v.impressions),
    cpa: ratio(v.spend, v.conversions),
    roas: ratio(v.revenue, v.spend),
  }));
}

/** Whole days from one ISO date to another (pure date arithmetic, no clock). */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);

/**
 * Runs an A/B test from creation to its analysis (see the module comment).
 * @returns the test's setup, its final figures and analysis, and what became of its recommendations
 */
export async function abTestWorkflow(input: AbTestWorkflowInput): Promise<AbTestOutcome> {
  const { workflowId } = workflowInfo();
  const durationDays = input.durationDays ?? DEFAULT_AB_TEST_DAYS;
  const pollMs = (input.pollIntervalSeconds ?? DEFAULT_AB_POLL_SECONDS) * 1000;
  const progress: AbTestProgress = { phase: 'preparing', days_total: durationDays, days_elapsed: 0 };
  const frame = operationFrame('ab_test', input.userId, [{ key: PlatformAttr, value: input.platform }]);
  const state = frame.state;
  state.progress = progress;
  let test: AbTestSetup | undefined = input.resume?.test;
  let concludeRequested = input.resume?.conclude_requested ?? false;
  /** the measurement an `analyzeNow {conclude: true}` answered with: the final one. */
  let concludedWith: AbTestMeasurement | undefined;
  let outcome: AbTestOutcome | undefined;

  let latest: AbTestMeasurement | undefined;
  const record = (m: AbTestMeasurement) => {
    latest = m;
    progress.today = m.today;
    progress.variants = figures(m.variants);
    progress.analysis = m.analysis;
    progress.measured_at = new Date().toISOString(); // workflow time
    if (test) progress.days_elapsed = Math.max(0, Math.min(durationDays, daysBetween(test.start_date, m.today)));
  };
  const snapshot = (m: AbTestMeasurement, concluded: boolean): AbTestSnapshot => ({
    today: m.today,
    span: m.span,
    variants: figures(m.variants),
    analysis: m.analysis,
    concluded,
  });
  /** The variants' figures from the first day through today, never past the test's last day. */
  const measure = (t: AbTestSetup) =>
    expActs.measureAbTest({ userId: input.userId, platform: t.platform, variants: t.variants, since: t.start_date, until: dayBefore(t.end_date) });

  setHandler(concludeAbTestSignal, () => {
    concludeRequested = true;
  });
  setHandler(
    analyzeAbTestUpdate,
    async (req: AnalyzeNowRequest) => {
      if (outcome) return snapshot(outcome.final, true);
      const m = await measure(test!);
      record(m);
      if (req?.conclude && !concludeRequested) {
        concludeRequested = true;
        concludedWith = m;
      }
      return snapshot(m, false);
    },
    {
      validator: (_req: AnalyzeNowRequest) => {
        if (!test) throw ApplicationFailure.nonRetryable('The test is still being created', NOT_READY_FAILURE);
      },
    },
  );

  const creditActivities = patched(LOCAL_CREDITS_PATCH) ? localCredits : legacyCredits;
  const chargeSpec = { userId: input.userId, credits: input.billing?.credits ?? 0, operationType: 'campaign.create_ab_test', operationId: `${workflowId}:charge` };
  // A continued run's credits were charged by its first run.
  let charge = input.resume !== undefined ? Charge.resume(chargeSpec, creditActivities) : Charge.none(chargeSpec);
  const fail = async (err: unknown, status: 'failed' | 'rolled_back') => {
    frame.fail(err, input.language, status);
    progress.phase = 'failed';
    log.warn('A/B test failed', { userId: input.userId, code: state.error?.code, status });
    await charge.refund();
    return err;
  };

  // 1-2. Prepare and create (a continued run has its test already).
  if (!test) {
    let campaignId: string | undefined;
    try {
      const plan = await expActs.prepareAbTest({
        userId: input.userId,
        platform: input.platform,
        ...(input.name ? { name: input.name } : {}),
        creativeIds: input.creativeIds,
        dailyBudget: input.dailyBudget,
        durationDays,
        ...(input.landingUrl ? { landingUrl: input.landingUrl } : {}),
        ...(input.headline ? { headline: input.headline } : {}),
        ...(input.primaryText ? { primaryText: input.primaryText } : {}),
        language: input.language,
      });
      charge = await Charge.deduct(chargeSpec, creditActivities);
      progress.phase = 'creating';
      const campaign = await expActs.createAbTestCampaign({
        userId: input.userId,
        platform: input.platform,
        name: plan.name,
        ...(plan.campaign_daily_budget !== undefined ? { dailyBudget: plan.campaign_daily_budget } : {}),
        requestKey: workflowId,
      });
      campaignId = campaign.campaign_id;
      upsertSearchAttributes([{ key: CampaignId, value: campaignId }]);
      const variants = [];
      for (const [index, creative] of plan.creatives.entries()) {
        variants.push(
          await expActs.createAbTestVariant({
            userId: input.userId,
            platform: input.platform,
            campaignId,
            testName: plan.name,
            index,
            creative,
            ...(plan.budget_level === 'adset' ? { dailyBudget: plan.split.per_variant } : {}),
            countries: (input.countries ?? ['US']).map((c) => c.toUpperCase()),
            landingUrl: plan.landing_url,
            headline: plan.headline,
            primaryText: plan.primary_text,
            requestKeyPrefix: `${workflowId}.v${index}`,
          }),
        );
      }
      test = {
        name: plan.name,
        platform: input.platform,
        campaign_id: campaignId,
        currency: plan.currency,
        budget_level: plan.budget_level,
        split: plan.split,
        variants,
        start_date: plan.start_date,
        end_date: plan.end_date,
        duration_days: durationDays,
      };
      progress.test = test;
      log.info('A/B test started', { userId: input.userId, campaignId, variants: variants.length, start: test.start_date, end: test.end_date });
    } catch (err) {
      if (campaignId !== undefined) {
        const id = campaignId;
        try {
          await CancellationScope.nonCancellable(() => expActs.removeAbTestCampaign({ userId: input.userId, platform: input.platform, campaignId: id }));
        } catch (cleanupErr) {
          log.error('A/B test rollback failed', { campaignId: id, error: cleanupErr instanceof Error ? cleanupErr.message : String(cleanupErr) });
        }
      }
      throw await fail(err, campaignId !== undefined ? 'rolled_back' : 'failed');
    }
  } else {
    progress.test = test;
    upsertSearchAttributes([{ key: CampaignId, value: test.campaign_id }]);
    if (input.resume?.latest) record(input.resume.latest);
  }
  const t = test;

  // 3. Run until the platform's date reaches the end (or the user asks to conclude).
  progress.phase = 'running';
  for (;;) {
    if (!concludeRequested) {
      try {
        record(await measure(t));
      } catch (err) {
        log.warn('A/B test measurement failed; retrying at the next poll', { error: errorBodyOf(err, input.language).message });
      }
    }
    if (concludeRequested || (progress.today !== undefined && progress.today >= t.end_date)) break;
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return await continueAsNew<typeof abTestWorkflow>({
        ...input,
        resume: {
          test: t,
          conclude_requested: concludeRequested,
          ...(latest ? { latest } : {}),
        },
      });
    }
    await condition(() => concludeRequested, pollMs);
  }

  // 4. The final analysis: the test's complete days, or everything so far when concluded early.
  progress.phase = 'concluding';
  const concludedBy = concludeRequested ? ('request' as const) : ('duration_elapsed' as const);
  let final = concludedWith;
  for (let attempt = 1; !final; attempt++) {
    try {
      final = await measure(t);
    } catch (err) {
      if (attempt >= FINAL_MEASURE_ATTEMPTS) throw await fail(err, 'failed');
      log.warn('A/B test final measurement failed; retrying', { attempt, error: errorBodyOf(err, input.language).message });
      await sleep(pollMs);
    }
  }
  record(final);
  const analysis = final.analysis;
  const result: AbTestOutcome = {
    test: t,
    concluded_by: concludedBy,
    final,
    analysis,
    recommendations: { offered: false, applied: [] },
  };
  log.info('A/B test concluded', { campaignId: t.campaign_id, status: analysis.status, concludedBy });

  // 5. A winner's recommendations, applied after the user's confirmation.
  try {
    if (analysis.status === 'winner' && analysis.recommendations.length > 0 && input.offerRecommendations !== false) {
      const plan = await expActs.planAbRecommendations({
        userId: input.userId,
        platform: t.platform,
        campaignId: t.campaign_id,
        recommendations: analysis.recommendations,
      });
      result.recommendations.plan = plan;
      if (plan.changes.length > 0) {
        result.recommendations.offered = true;
        outcome = result; // analyzeNow answers the final analysis from now on
        progress.pending_changes = plan;
        progress.phase = 'awaiting_confirmation';
        const confirmation = await frame.gate.ask(input.confirmationTimeoutSeconds ?? DEFAULT_AB_CONFIRMATION_SECONDS);
        delete progress.pending_changes;
        result.recommendations.confirmation = confirmation;
        if (confirmation.approved) {
          progress.phase = 'applying';
          result.recommendations.applied = (await applyChanges(input.userId, workflowId, input.language, plan.changes)).outcomes;
        }
      }
    }
  } catch (err) {
    throw await fail(err, 'failed');
  }
  outcome = result;
  progress.phase = 'completed';
  return frame.complete(result);
}
