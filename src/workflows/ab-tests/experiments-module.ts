/**
 * The experiment actions inside a chat turn (issue "Campaign automation" §7): the turn's campaign
 * steps route to the operation workflows and their activities.
 * - create_ab_test: checks the test can be created (account, creatives, budget split, landing
 *   page) with the same activity the test starts with, then starts abTestWorkflow as a child that
 *   outlives the turn (parent close policy ABANDON: a test runs for days); the turn charged the
 *   step, so the child charges nothing. Its id is `op-ab_test-<turn workflow id>-step-<n>`, so
 *   `GET /api/v1/operations/{id}` answers for it, and it carries the search attributes UserId and
 *   Operation = 'ab_test' from its start, so "A/B 测试结果怎么样了？" finds it at once.
 * - analyze_ab_test: the user's latest running test, analysed now (refunded when the data is
 *   still insufficient, like a report without enough data);
 * - create_rule: the rule read from the user's words, on a Temporal Schedule;
 * - get_campaign_status: the campaigns the message names (at most 5), one campaignStatusWorkflow
 *   child each; campaigns whose status failed are listed and their share refunded.
 * Results and missing-parameter errors are data (a `hint_code`, structured fields); the replies
 * module (src/domain/replies) words them, here or in the activities that return them.
 */
import { executeChild, ParentClosePolicy, proxyLocalActivities, startChild, workflowInfo } from '@temporalio/workflow';
import { OPERATION_PREFIX } from '../../domain/campaign-ops/operation-inputs.js';
import type { ChatLinkActivities, CampaignRef } from '../../activities/chat/campaign-links-types.js';
import type { ExperimentActivities } from '../../activities/ab-tests/experiment-types.js';
import type { AbTestWorkflowInput } from './definitions.js';
import type { ConversationEntity } from '../../domain/chat/conversation.js';
import { abTestWorkflow } from './ab-test.js';
import { campaignStatusWorkflow, type CampaignStatus } from '../campaign-ops/campaign-status.js';
import { errorBodyOf } from '../kit/failures.js';
import { PLATFORM_READ } from '../kit/activity-options.js';
import { Operation, PlatformAttr, UserId } from '../../domain/search-attributes.js';
import type { ChatModules, ModuleRun, ModuleRunner } from '../chat/module.js';

/** Platform reads and Temporal client calls (a Schedule, another workflow's update): short, idempotent, local activities. */
const linkActs = proxyLocalActivities<ChatLinkActivities & Pick<ExperimentActivities, 'prepareAbTest'>>(PLATFORM_READ);

/** An A/B test started from chat runs the default length (DEFAULT_AB_TEST_DAYS), days. */
const CHAT_AB_TEST_DAYS = 7;
/** Variants of one test (AbTestInputSchema: 2 to 10 creatives). */
const MIN_VARIANTS = 2;
const MAX_VARIANTS = 10;


/** An operation child's workflow id: the operation, the turn's workflow id and the step (`step-<n>`). */
const childId = (operation: string, operationId: string) => `${OPERATION_PREFIX}${operation}-${workflowInfo().workflowId}-${operationId.split(':').pop()}`;

const isHttpUrl = (u: string | undefined): u is string => u !== undefined && /^https?:\/\/\S+$/i.test(u);

/** Starts an A/B test of the step's creatives (see the module comment). */
export const createAbTest: ModuleRunner = async ({ step, userId, operationId, language, upstream, credits }): Promise<ModuleRun> => {
  const p = step.parameters;
  const made = upstream.flatMap((u) => (u.entities ?? []).filter((e) => e.kind === 'creative'));
  const creativeIds = [...new Set(p.creative_ids?.length ? p.creative_ids : made.map((e) => e.id))];
  if (creativeIds.length < MIN_VARIANTS) {
    return {
      missing: {
        code: '5000',
        details: {
          reason: 'an A/B test needs at least 2 creatives, named or made earlier in this conversation',
          found: creativeIds.length,
          hint_code: 'ab_test_creatives',
        },
      },
    };
  }
  if (creativeIds.length > MAX_VARIANTS) {
    return { missing: { code: '1001', details: { field: 'creative_ids', reason: 'too_many_variants', max: MAX_VARIANTS, found: creativeIds.length } } };
  }
  if (!p.budget) {
    return { missing: { code: '1001', details: { missing: 'budget', hint_code: 'ab_test_budget' } } };
  }
  const platform = p.platforms?.[0] ?? 'meta';
  // Like create_campaign, the ads link to the first creative when the message gives no page.
  const given = isHttpUrl(p.url) ? p.url : undefined;
  const landingUrl = given ?? made.find((e) => e.id === creativeIds[0] && isHttpUrl(e.url))?.url;
  const input: AbTestWorkflowInput = {
    userId,
    platform,
    creativeIds,
    dailyBudget: p.budget.amount,
    durationDays: CHAT_AB_TEST_DAYS,
    language,
    // The test outlives the turn: it charges (and, when its creation fails, refunds) the credits
    // itself, and the turn gives its own charge back.
    billing: { credits },
    ...(landingUrl ? { landingUrl } : {}),
    ...(p.countries?.length ? { countries: p.countries } : {}),
  };
  const testId = childId('ab_test', operationId);
  const statusUrl = `/api/v1/operations/${testId}`;
  const landingDefaulted = given === undefined && landingUrl !== undefined;
  // The test's own first activity, run here first: what would fail its creation (no account, a
  // missing creative, a budget too small to split, no landing page) fails the step, refunded.
  // It also words the reply announcing the test (`started_text`): the workflow returns data only.
  const plan = await linkActs.prepareAbTest({
    userId,
    platform,
    creativeIds,
    dailyBudget: input.dailyBudget,
    durationDays: CHAT_AB_TEST_DAYS,
    language,
    ...(landingUrl ? { landingUrl } : {}),
    startedReply: { statusUrl, landingDefaulted },
  });
  await startChild(abTestWorkflow, {
    workflowId: testId,
    args: [input],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    typedSearchAttributes: [
      { key: UserId, value: userId },
      { key: Operation, value: 'ab_test' },
      { key: PlatformAttr, value: platform },
    ],
  });
  return {
    result: {
      kind: 'ab_test_started',
      test_id: testId,
      status_url: statusUrl,
      platform,
      name: plan.name,
      creative_ids: creativeIds,
      split: plan.split,
      currency: plan.currency,
      duration_days: CHAT_AB_TEST_DAYS,
      start_date: plan.start_date,
      end_date: plan.end_date,
      landing_url: plan.landing_url,
      landing_url_defaulted: landingDefaulted,
      ...(plan.started_text !== undefined ? { text: plan.started_text } : {}),
    },
    refund: credits,
    entities: [],
  };
};

/** Analyses the user's latest running A/B test; insufficient data is refunded. */
export const analyzeAbTest: ModuleRunner = async ({ userId, language, credits }): Promise<ModuleRun> => {
  const result = await linkActs.analyzeLatestAbTest({ userId, language });
  return { result, refund: result.snapshot.analysis.status === 'insufficient_data' ? credits : 0, entities: [] };
};

/** Creates the rule the user described, on the platforms the message names (its id derives from the step, so a retry creates one). */
export const createRule: ModuleRunner = async ({ step, userId, operationId, language }): Promise<ModuleRun> => {
  const p = step.parameters;
  if (!p.rule?.trim()) {
    return { missing: { code: '1001', details: { missing: 'rule', hint_code: 'rule_example' } } };
  }
  const level = p.level === 'adset' || p.level === 'campaign' ? p.level : undefined;
  const result = await linkActs.createRuleFromText({
    userId,
    text: p.rule,
    language,
    requestId: operationId,
    ...(level ? { level } : {}),
    ...(p.platforms?.length ? { platforms: p.platforms } : {}),
  });
  return { result, refund: 0, entities: [] };
};

/** Reads the status of the campaigns the message names, one child workflow each. */
export const getCampaignStatus: ModuleRunner = async ({ step, userId, operationId, language, credits }): Promise<ModuleRun> => {
  const found = await linkActs.findCampaigns({ userId, parameters: step.parameters, language });
  const base = childId('get_campaign_status', operationId);
  const settled = await Promise.allSettled(
    found.campaigns.map((c, i) =>
      executeChild(campaignStatusWorkflow, {
        workflowId: `${base}-${i}`,
        args: [{ userId, platform: c.platform, campaignId: c.id, language }],
        typedSearchAttributes: [
          { key: UserId, value: userId },
          { key: Operation, value: 'get_campaign_status' },
        ],
      }),
    ),
  );
  const campaigns: CampaignStatus[] = [];
  const failures: Array<CampaignRef & { error: ReturnType<typeof errorBodyOf> }> = [];
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') campaigns.push(s.value);
    else failures.push({ ...found.campaigns[i]!, error: errorBodyOf(s.reason, language) });
  });
  const firstFailure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (campaigns.length === 0 && firstFailure) throw firstFailure.reason;
  const entities: ConversationEntity[] = campaigns.map((s) => ({ kind: 'campaign', id: s.campaign.id, name: s.campaign.name }));
  return {
    // data only: the reply words it (src/domain/replies/campaigns.ts)
    result: { kind: 'campaign_status', campaigns, failures, matched: found.matched, platform_failures: found.platform_failures },
    refund: Math.floor((credits * failures.length) / found.campaigns.length),
    entities,
  };
};

/** The experiment, rule and campaign status actions. */
export const experimentModules: ChatModules = {
  create_ab_test: { run: createAbTest },
  analyze_ab_test: { run: analyzeAbTest },
  create_rule: { run: createRule },
  get_campaign_status: { run: getCampaignStatus },
};
