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
import { Charge, type ChargeSpec, type CreditActivities } from '../kit/charged-step.js';
import { errorBodyOf } from '../kit/failures.js';
import { operationFrame, type OperationFrame } from '../kit/operation-frame.js';
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
 * One A/B test's state and phases, in the shape of Temporal's safe-message-handlers sample: the
 * handlers (the `analyzeNow` update, the `concludeNow` signal, the gate's `confirm` update, the
 * `operationState` query) read and change this object; the workflow function only orders the
 * phases. Commands are issued in the same order as before the class existed (replay-safe).
 */
class AbTest {
  readonly progress: AbTestProgress;
  readonly frame: OperationFrame;
  readonly durationDays: number;
  readonly pollMs: number;
  readonly workflowId = workflowInfo().workflowId;
  test: AbTestSetup | undefined;
  concludeRequested: boolean;
  /** the measurement an `analyzeNow {conclude: true}` answered with: the final one. */
  concludedWith: AbTestMeasurement | undefined;
  /** set once the final analysis exists: `analyzeNow` answers it from then on. */
  outcome: AbTestOutcome | undefined;
  latest: AbTestMeasurement | undefined;
  charge: Charge;
  private readonly chargeSpec: ChargeSpec;
  private readonly creditActivities: CreditActivities;

  constructor(readonly input: AbTestWorkflowInput) {
    this.durationDays = input.durationDays ?? DEFAULT_AB_TEST_DAYS;
    this.pollMs = (input.pollIntervalSeconds ?? DEFAULT_AB_POLL_SECONDS) * 1000;
    this.progress = { phase: 'preparing', days_total: this.durationDays, days_elapsed: 0 };
    this.frame = operationFrame('ab_test', input.userId, [{ key: PlatformAttr, value: input.platform }]);
    this.frame.state.progress = this.progress;
    this.test = input.resume?.test;
    this.concludeRequested = input.resume?.conclude_requested ?? false;
    setHandler(concludeAbTestSignal, () => {
      this.concludeRequested = true;
    });
    setHandler(analyzeAbTestUpdate, (req: AnalyzeNowRequest) => this.analyzeNow(req), {
      validator: (_req: AnalyzeNowRequest) => {
        if (!this.test) throw ApplicationFailure.nonRetryable('The test is still being created', NOT_READY_FAILURE);
      },
    });
    this.creditActivities = patched(LOCAL_CREDITS_PATCH) ? localCredits : legacyCredits;
    this.chargeSpec = { userId: input.userId, credits: input.billing?.credits ?? 0, operationType: 'campaign.create_ab_test', operationId: `${this.workflowId}:charge` };
    // A continued run's credits were charged by its first run.
    this.charge = input.resume !== undefined ? Charge.resume(this.chargeSpec, this.creditActivities) : Charge.none(this.chargeSpec);
  }

  /** `analyzeNow`: the figures so far (the final ones once concluded); `{conclude: true}` ends the test with them. */
  private async analyzeNow(req: AnalyzeNowRequest): Promise<AbTestSnapshot> {
    if (this.outcome) return snapshot(this.outcome.final, true);
    const m = await this.measure(this.test!);
    this.record(m);
    if (req?.conclude && !this.concludeRequested) {
      this.concludeRequested = true;
      this.concludedWith = m;
    }
    return snapshot(m, false);
  }

  /** The variants' figures from the first day through today, never past the test's last day. */
  measure(t: AbTestSetup): Promise<AbTestMeasurement> {
    return expActs.measureAbTest({ userId: this.input.userId, platform: t.platform, variants: t.variants, since: t.start_date, until: dayBefore(t.end_date) });
  }

  record(m: AbTestMeasurement): void {
    this.latest = m;
    this.progress.today = m.today;
    this.progress.variants = figures(m.variants);
    this.progress.analysis = m.analysis;
    this.progress.measured_at = new Date().toISOString(); // workflow time
    if (this.test) this.progress.days_elapsed = Math.max(0, Math.min(this.durationDays, daysBetween(this.test.start_date, m.today)));
  }

  /** Records the failure, refunds the charge; returns the error to rethrow. */
  async fail(err: unknown, status: 'failed' | 'rolled_back'): Promise<unknown> {
    this.frame.fail(err, this.input.language, status);
    this.progress.phase = 'failed';
    log.warn('A/B test failed', { userId: this.input.userId, code: this.frame.state.error?.code, status });
    await this.charge.refund();
    return err;
  }

  /**
   * Phases 1-2: prepare, charge, create the campaign and one ad set with one ad per creative; a
   * failure deletes what was created and refunds. A continued run has its test already.
   */
  async create(): Promise<AbTestSetup> {
    const { input, workflowId } = this;
    if (this.test) {
      this.progress.test = this.test;
      upsertSearchAttributes([{ key: CampaignId, value: this.test.campaign_id }]);
      if (input.resume?.latest) this.record(input.resume.latest);
      return this.test;
    }
    let campaignId: string | undefined;
    try {
      const plan = await expActs.prepareAbTest({
        userId: input.userId,
        platform: input.platform,
        ...(input.name ? { name: input.name } : {}),
        creativeIds: input.creativeIds,
        dailyBudget: input.dailyBudget,
        durationDays: this.durationDays,
        ...(input.landingUrl ? { landingUrl: input.landingUrl } : {}),
        ...(input.headline ? { headline: input.headline } : {}),
        ...(input.primaryText ? { primaryText: input.primaryText } : {}),
        language: input.language,
      });
      this.charge = await Charge.deduct(this.chargeSpec, this.creditActivities);
      this.progress.phase = 'creating';
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
      this.test = {
        name: plan.name,
        platform: input.platform,
        campaign_id: campaignId,
        currency: plan.currency,
        budget_level: plan.budget_level,
        split: plan.split,
        variants,
        start_date: plan.start_date,
        end_date: plan.end_date,
        duration_days: this.durationDays,
      };
      this.progress.test = this.test;
      log.info('A/B test started', { userId: input.userId, campaignId, variants: variants.length, start: this.test.start_date, end: this.test.end_date });
      return this.test;
    } catch (err) {
      if (campaignId !== undefined) {
        const id = campaignId;
        try {
          await CancellationScope.nonCancellable(() => expActs.removeAbTestCampaign({ userId: input.userId, platform: input.platform, campaignId: id }));
        } catch (cleanupErr) {
          log.error('A/B test rollback failed', { campaignId: id, error: cleanupErr instanceof Error ? cleanupErr.message : String(cleanupErr) });
        }
      }
      throw await this.fail(err, campaignId !== undefined ? 'rolled_back' : 'failed');
    }
  }

  /**
   * Phase 3: measures every poll interval until the platform's date reaches the end or the user
   * asks to conclude.
   * @returns true to continue as new (Temporal suggested it), false when the test is over
   */
  async run(t: AbTestSetup): Promise<boolean> {
    this.progress.phase = 'running';
    for (;;) {
      if (!this.concludeRequested) {
        try {
          this.record(await this.measure(t));
        } catch (err) {
          log.warn('A/B test measurement failed; retrying at the next poll', { error: errorBodyOf(err, this.input.language).message });
        }
      }
      if (this.concludeRequested || (this.progress.today !== undefined && this.progress.today >= t.end_date)) return false;
      if (workflowInfo().continueAsNewSuggested) return true;
      await condition(() => this.concludeRequested, this.pollMs);
    }
  }

  /** Phase 4: the final analysis, over the test's complete days (or everything so far when concluded early). */
  async conclude(t: AbTestSetup): Promise<AbTestOutcome> {
    this.progress.phase = 'concluding';
    const concludedBy = this.concludeRequested ? ('request' as const) : ('duration_elapsed' as const);
    let final = this.concludedWith;
    for (let attempt = 1; !final; attempt++) {
      try {
        final = await this.measure(t);
      } catch (err) {
        if (attempt >= FINAL_MEASURE_ATTEMPTS) throw await this.fail(err, 'failed');
        log.warn('A/B test final measurement failed; retrying', { attempt, error: errorBodyOf(err, this.input.language).message });
        await sleep(this.pollMs);
      }
    }
    this.record(final);
    const analysis = final.analysis;
    log.info('A/B test concluded', { campaignId: t.campaign_id, status: analysis.status, concludedBy });
    return { test: t, concluded_by: concludedBy, final, analysis, recommendations: { offered: false, applied: [] } };
  }

  /** Phase 5: a winner's recommendations (pause the worst, +50% for the winner), applied after the user's confirmation. */
  async recommend(t: AbTestSetup, result: AbTestOutcome): Promise<AbTestOutcome> {
    const { input } = this;
    try {
      if (result.analysis.status === 'winner' && result.analysis.recommendations.length > 0 && input.offerRecommendations !== false) {
        const plan = await expActs.planAbRecommendations({
          userId: input.userId,
          platform: t.platform,
          campaignId: t.campaign_id,
          recommendations: result.analysis.recommendations,
        });
        result.recommendations.plan = plan;
        if (plan.changes.length > 0) {
          result.recommendations.offered = true;
          this.outcome = result; // analyzeNow answers the final analysis from now on
          this.progress.pending_changes = plan;
          this.progress.phase = 'awaiting_confirmation';
          const confirmation = await this.frame.gate.ask(input.confirmationTimeoutSeconds ?? DEFAULT_AB_CONFIRMATION_SECONDS);
          delete this.progress.pending_changes;
          result.recommendations.confirmation = confirmation;
          if (confirmation.approved) {
            this.progress.phase = 'applying';
            result.recommendations.applied = (await applyChanges(input.userId, this.workflowId, input.language, plan.changes)).outcomes;
          }
        }
      }
    } catch (err) {
      throw await this.fail(err, 'failed');
    }
    this.outcome = result;
    this.progress.phase = 'completed';
    return this.frame.complete(result);
  }
}

const snapshot = (m: AbTestMeasurement, concluded: boolean): AbTestSnapshot => ({
  today: m.today,
  span: m.span,
  variants: figures(m.variants),
  analysis: m.analysis,
  concluded,
});

/**
 * Runs an A/B test from creation to its analysis (see the module comment).
 * @returns the test's setup, its final figures and analysis, and what became of its recommendations
 */
export async function abTestWorkflow(input: AbTestWorkflowInput): Promise<AbTestOutcome> {
  const ab = new AbTest(input);
  const test = await ab.create();
  if (await ab.run(test)) {
    await condition(allHandlersFinished);
    return await continueAsNew<typeof abTestWorkflow>({
      ...input,
      resume: { test, conclude_requested: ab.concludeRequested, ...(ab.latest ? { latest: ab.latest } : {}) },
    });
  }
  return await ab.recommend(test, await ab.conclude(test));
}
