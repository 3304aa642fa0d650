/**
 * createCampaignWorkflow (issue "Campaign automation" §2; seed 001 需求 1-2, properties 1-4; seed
 * 000 tasks 14.6, 14.7): a campaign, one ad set per age group sharing the daily budget equally
 * (broad or lookalike audience, automatic placements, lowest-cost bidding), one ad per creative per
 * ad set, the copy written once per creative and platform (Gemini Pro → Flash → template), in
 * parallel with bounded concurrency, and returned for review.
 *
 * charge (with billing) → prepare (validate, account, creatives, plan) → copy ∥ (campaign → ad sets)
 * → ads → record in the Web Platform → result. A saga: when a step fails after objects were created,
 * every created object (and any the sweep finds carrying this run's request keys) is deleted, ads
 * first (paused where the platform refuses deletion), the credits are refunded, and the workflow
 * fails with the cause's code, the objects rolled back and a suggested fix.
 *
 * Deterministic: I/O in activities only; request keys, the copy cache key, the credit operation id
 * and the record's operation id all derive from the workflow id.
 */
import { CancellationScope, isCancellation, log, proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { CampaignBuildActivities, CreatedPlatformObject, DeletedObject, PreparedCampaign } from '../../activities/campaign-ops/build-types.js';
import type {
  CreateCampaignFailureDetails,
  CreateCampaignInput,
  CreateCampaignProgress,
  CreateCampaignResult,
  RollbackFailure,
} from '../../domain/campaign-ops/create-campaign-input.js';
import { estimateDelivery } from '../../domain/campaign-ops/delivery-estimate.js';
import { adSetSpecOf, adSpecOf, campaignOutcome, creationErrorFix, type AdCopy, type CampaignPlan, type Suggestion } from '../../domain/campaign-ops/structure.js';
import { AppError, type ErrorBody } from '../../domain/errors.js';
import type { GeneratedAdCopy } from '../../integrations/model/copy.js';
import type { Level } from '../../domain/ads/types.js';
import { MODEL_CALL, PLATFORM_MUTATION } from '../kit/activity-options.js';
import { Charge } from '../kit/charged-step.js';
import { operationFrame } from '../kit/operation-frame.js';
import { settleWithLimit } from '../kit/concurrency.js';
import { codedFailure, errorBodyOf } from '../kit/failures.js';
import { CampaignId, PlatformAttr } from '../../domain/search-attributes.js';

/** Pieces of copy written at the same time (model calls). */
const COPY_CONCURRENCY = 4;
/** Platform creations in flight at once (ad sets, ads): gentle on the platforms' rate limits. */
const CREATE_CONCURRENCY = 3;
/** Deletions in flight at once during a rollback. */
const ROLLBACK_CONCURRENCY = 4;

/** Platform work: each call makes a few platform requests of at most 30 s each. */
const build = proxyActivities<Omit<CampaignBuildActivities, 'writeAdCopy'>>(PLATFORM_MUTATION);

/** Copy: up to two model calls (Pro, Flash; 60 s each at most) and the template; heartbeats. */
const copyActs = proxyActivities<Pick<CampaignBuildActivities, 'writeAdCopy'>>(MODEL_CALL);

/** Codes of platform validation errors whose fix the planner can suggest (seed 000 task 14.7). */
const FIXABLE = new Set(['1001', '6003', '6005']);

/** The fix to offer for a failure: the one the error carries, else the planner's for platform errors. */
function suggestionFor(error: ErrorBody, plan: CampaignPlan | undefined): Suggestion | undefined {
  const carried = error.details.suggestion as Suggestion | undefined;
  if (carried && typeof carried === 'object') return carried;
  if (!plan || !FIXABLE.has(error.code)) return undefined;
  return creationErrorFix(new AppError(error.code, error.message, error.details), plan);
}

/** Creates a campaign with its ad sets and ads; rolls everything back when a step fails. */
export async function createCampaignWorkflow(input: CreateCampaignInput): Promise<CreateCampaignResult> {
  const { workflowId } = workflowInfo();
  const { userId, platform, language } = input;
  const chargeId = `${workflowId}:charge`;
  const credits = input.billing?.credits ?? 0;
  const progress: CreateCampaignProgress = {
    stage: credits > 0 ? 'charging' : 'preparing',
    copies: { done: 0, total: 0 },
    campaign: { done: 0, total: 1 },
    adsets: { done: 0, total: 0 },
    ads: { done: 0, total: 0 },
    rolled_back: 0,
  };
  const frame = operationFrame('create_campaign', userId, [{ key: PlatformAttr, value: platform }]);
  const state = frame.state;
  state.progress = progress;

  let charge: Charge;
  {
    try {
      charge = await Charge.deduct({ userId, credits, operationType: 'campaign.create_campaign', operationId: chargeId });
    } catch (err) {
      if (isCancellation(err)) throw err;
      const error = errorBodyOf(err, language);
      state.status = 'failed';
      state.error = error;
      throw codedFailure({ ...error, details: { ...error.details, operation: 'create_campaign', operation_id: workflowId, stage: 'charging', rolled_back: [], credits_refunded: 0 } });
    }
  }

  /** Everything created so far, in creation order. */
  const created: CreatedPlatformObject[] = [];
  let prepared: PreparedCampaign | undefined;
  try {
    progress.stage = 'preparing';
    prepared = await build.prepareCampaign({ input, operationId: workflowId });
    const { plan, account_id: accountId } = prepared;
    progress.copies.total = prepared.copy_requests.length;
    progress.adsets.total = plan.adsets.length;
    progress.ads.total = plan.ads.length;
    progress.stage = 'creating';
    const target = { userId, platform, accountId };

    // The copy is written while the campaign and its ad sets are created; ads need both.
    const copiesSettled = settleWithLimit(prepared.copy_requests, COPY_CONCURRENCY, async ({ key, ...request }) => {
      const copy = await copyActs.writeAdCopy({ request, cacheKey: `${workflowId}:${key}` });
      progress.copies.done += 1;
      return copy;
    });

    const campaign = await build.createPlatformCampaign({ ...target, spec: plan.campaign.spec, requestKey: plan.campaign.request_key });
    created.push(campaign);
    progress.campaign.done = 1;
    upsertSearchAttributes([{ key: CampaignId, value: campaign.id }]);

    const adsets = await createAll(plan.adsets, created, (s) =>
      build.createPlatformAdSet({ ...target, spec: adSetSpecOf(plan, s, campaign.id), requestKey: s.request_key }).then((o) => {
        progress.adsets.done += 1;
        return o;
      }),
    );
    const adsetIds = Object.fromEntries(plan.adsets.map((s, i) => [s.key, adsets[i]!.id]));

    const copySettled = await copiesSettled;
    const copyFailure = copySettled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (copyFailure) throw copyFailure.reason;
    const copies: Record<string, GeneratedAdCopy> = Object.fromEntries(
      prepared.copy_requests.map((r, i) => [r.key, (copySettled[i] as PromiseFulfilledResult<GeneratedAdCopy>).value]),
    );

    const ads = await createAll(plan.ads, created, (a) =>
      build.createPlatformAd({ ...target, spec: adSpecOf(plan, a, adsetIds[a.adset_key]!, copies[a.copy_key]!), requestKey: a.request_key }).then((o) => {
        progress.ads.done += 1;
        return o;
      }),
    );

    progress.stage = 'recording';
    const result = resultOf(input, workflowId, prepared, campaign, adsets, ads, copies, credits);
    result.recorded = await record(input, workflowId, prepared, result);
    progress.stage = 'done';
    state.status = 'completed';
    state.result = result;
    log.info('campaign created', { campaignId: campaign.id, platform, adsets: adsets.length, ads: ads.length });
    return result;
  } catch (err) {
    const failedStage = progress.stage;
    const cause = errorBodyOf(err, language);
    log.warn('campaign creation failed; rolling back', { stage: failedStage, code: cause.code, created: created.length });
    progress.stage = 'rolling_back';
    const rollback = await CancellationScope.nonCancellable(() => rollBack(input, prepared, created, progress));
    try {
      await charge.refund();
    } catch (refundErr) {
      log.error('refund failed', { operationId: chargeId, error: refundErr instanceof Error ? refundErr.message : String(refundErr) });
    }
    const refunded = charge.refunded;
    const suggestion = suggestionFor(cause, prepared?.plan);
    const details: CreateCampaignFailureDetails = {
      ...cause.details,
      operation: 'create_campaign',
      operation_id: workflowId,
      stage: failedStage,
      rolled_back: rollback.rolledBack,
      ...(rollback.failed.length > 0 ? { rollback_failed: rollback.failed } : {}),
      credits_refunded: refunded,
      ...(suggestion ? { suggestion } : {}),
    };
    const error: ErrorBody = { ...cause, details };
    const touched = rollback.rolledBack.length + rollback.failed.length;
    state.status = touched > 0 && rollback.failed.length === 0 ? 'rolled_back' : 'failed';
    state.error = error;
    progress.stage = 'done';
    if (isCancellation(err)) throw err;
    throw codedFailure(error);
  }
}

/**
 * Creates every item with at most CREATE_CONCURRENCY in flight; after the first failure no new
 * creation starts (the saga rolls back), and that failure is thrown once the ones in flight settle.
 * Created objects are appended to `created` as they arrive.
 * @returns the created objects in item order
 */
async function createAll<T>(items: readonly T[], created: CreatedPlatformObject[], create: (item: T) => Promise<CreatedPlatformObject>): Promise<CreatedPlatformObject[]> {
  let failure: { reason: unknown } | undefined;
  const settled = await settleWithLimit(items, CREATE_CONCURRENCY, async (item) => {
    if (failure) return undefined;
    try {
      const object = await create(item);
      created.push(object);
      return object;
    } catch (err) {
      failure ??= { reason: err };
      throw err;
    }
  });
  if (failure) throw failure.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<CreatedPlatformObject>).value);
}

const LEVEL_ORDER: readonly Level[] = ['ad', 'adset', 'campaign'];

/**
 * Compensation: deletes what this run created, ads first, then ad sets, then the campaign (paused
 * where the platform refuses deletion). The objects are those the run saw created plus those the
 * sweep finds carrying its request keys (a creation whose answer was lost). Never throws.
 */
async function rollBack(
  input: CreateCampaignInput,
  prepared: PreparedCampaign | undefined,
  created: readonly CreatedPlatformObject[],
  progress: CreateCampaignProgress,
): Promise<{ rolledBack: DeletedObject[]; failed: RollbackFailure[] }> {
  const rolledBack: DeletedObject[] = [];
  const failed: RollbackFailure[] = [];
  if (!prepared) return { rolledBack, failed };
  let found: CreatedPlatformObject[] = [];
  try {
    found = await build.findCreatedObjects({
      userId: input.userId,
      platform: input.platform,
      requestKeyPrefix: prepared.request_key_prefix,
      campaignIds: created.filter((o) => o.level === 'campaign').map((o) => o.id),
    });
  } catch (err) {
    log.warn('sweep for created objects failed; rolling back the known ones', { error: err instanceof Error ? err.message : String(err) });
  }
  const objects = new Map<string, CreatedPlatformObject>();
  for (const o of [...created, ...found]) objects.set(`${o.level}:${o.id}`, o);
  for (const level of LEVEL_ORDER) {
    const batch = [...objects.values()].filter((o) => o.level === level);
    const settled = await settleWithLimit(batch, ROLLBACK_CONCURRENCY, (o) =>
      build.deletePlatformObject({ userId: input.userId, platform: input.platform, level: o.level, id: o.id, name: o.name }),
    );
    settled.forEach((s, i) => {
      const o = batch[i]!;
      if (s.status === 'fulfilled') {
        rolledBack.push(s.value);
        progress.rolled_back += 1;
      } else {
        const e = errorBodyOf(s.reason, input.language);
        failed.push({ level: o.level, id: o.id, name: o.name, error: { code: e.code, message: e.message } });
      }
    });
  }
  if (failed.length > 0) log.error('rollback left objects behind', { objects: failed.map((f) => `${f.level}:${f.id}`) });
  return { rolledBack, failed };
}

/** The result of a completed run (seed 001 `_handle_create_campaign` shape plus ids, statuses, copy and the delivery estimate). */
function resultOf(
  input: CreateCampaignInput,
  workflowId: string,
  prepared: PreparedCampaign,
  campaign: CreatedPlatformObject,
  adsets: readonly CreatedPlatformObject[],
  ads: readonly CreatedPlatformObject[],
  copies: Readonly<Record<string, GeneratedAdCopy>>,
  credits: number,
): CreateCampaignResult {
  const { plan } = prepared;
  const adsetIds = Object.fromEntries(plan.adsets.map((s, i) => [s.key, adsets[i]!.id]));
  const adIds = Object.fromEntries(plan.ads.map((a, i) => [a.key, ads[i]!.id]));
  const planCopies: Record<string, AdCopy> = Object.fromEntries(Object.entries(copies).map(([k, c]) => [k, { headline: c.headline, primary_text: c.primary_text, call_to_action: c.call_to_action }]));
  const base = campaignOutcome(plan, { campaign_id: campaign.id, adsets: adsetIds, ads: adIds, copies: planCopies });
  return {
    ...base,
    operation_id: workflowId,
    account_id: prepared.account_id,
    campaign: {
      campaign_id: campaign.id,
      name: plan.campaign.spec.name,
      objective: plan.campaign.spec.objective ?? 'sales',
      status: campaign.status,
      platform_status: campaign.platform_status,
      daily_budget: plan.campaign.spec.daily_budget ?? null,
    },
    requested_daily_budget: plan.requested_daily_budget,
    adsets: plan.adsets.map((s, i) => ({
      adset_id: adsets[i]!.id,
      name: s.name,
      daily_budget: s.daily_budget ?? null,
      status: adsets[i]!.status,
      platform_status: adsets[i]!.platform_status,
      targeting: { countries: [...s.targeting.countries], age_min: s.targeting.age_min, age_max: s.targeting.age_max, audience: s.targeting.audience },
      placements: s.placements,
      bid_strategy: s.bid_strategy,
    })),
    ads: plan.ads.map((a, i) => {
      const copy = copies[a.copy_key]!;
      return {
        ad_id: ads[i]!.id,
        creative_id: a.creative_id,
        adset_id: adsetIds[a.adset_key]!,
        copy: copy.primary_text,
        headline: copy.headline,
        call_to_action: copy.call_to_action,
        status: ads[i]!.status,
        platform_status: ads[i]!.platform_status,
      };
    }),
    copies: plan.copy_keys.map((k) => {
      const c = copies[k.key]!;
      return { creative_id: k.creative_id, platform: k.platform, headline: c.headline, primary_text: c.primary_text, call_to_action: c.call_to_action, model: c.model };
    }),
    landing_url: plan.landing_url,
    landing_url_defaulted: prepared.landing_url_defaulted,
    estimated_delivery: estimateDelivery(plan.platform, plan.daily_budget, plan.currency),
    recorded: false,
    credits: { charged: credits, refunded: 0 },
    // rendered by prepareCampaign for a complete creation (every planned object exists here)
    message: prepared.message,
  };
}

/** Records the campaign in the Web Platform; a failure is logged and leaves the campaign standing. */
async function record(input: CreateCampaignInput, workflowId: string, prepared: PreparedCampaign, result: CreateCampaignResult): Promise<boolean> {
  try {
    await build.recordCampaign({
      userId: input.userId,
      operationId: workflowId,
      platform: input.platform,
      accountId: prepared.account_id,
      campaign: { campaign_id: result.campaign.campaign_id, name: result.campaign.name, objective: result.campaign.objective, status: result.campaign.status },
      dailyBudget: result.daily_budget,
      currency: result.currency,
      adsets: result.adsets.map((s) => ({ adset_id: s.adset_id, name: s.name, daily_budget: s.daily_budget, status: s.status })),
      ads: result.ads.map((a) => ({ ad_id: a.ad_id, adset_id: a.adset_id, creative_id: a.creative_id, headline: a.headline, copy: a.copy, status: a.status })),
    });
    return true;
  } catch (err) {
    log.warn('recording the campaign in the Web Platform failed', { error: err instanceof Error ? err.message : String(err) });
    return false;
  }
}
