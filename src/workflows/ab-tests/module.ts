/**
 * The A/B test actions inside a chat turn (issue "Campaign automation" §7):
 * - create_ab_test: checks the test can be created (account, creatives, budget split, landing
 *   page) with the same activity the test starts with, then starts abTestWorkflow as a child that
 *   outlives the turn (parent close policy ABANDON: a test runs for days); the turn charged the
 *   step, so the child charges nothing. Its id is `op-ab_test-<turn workflow id>-step-<n>`, so
 *   `GET /api/v1/operations/{id}` answers for it, and it carries the search attributes UserId and
 *   Operation = 'ab_test' from its start, so "A/B 测试结果怎么样了？" finds it at once.
 * - analyze_ab_test: the user's latest running test, analysed now (refunded when the data is
 *   still insufficient, like a report without enough data).
 * Results and missing-parameter errors are data (a `hint_code`, structured fields); the replies
 * module (src/domain/replies) words them.
 */
import { ParentClosePolicy, proxyLocalActivities, startChild } from '@temporalio/workflow';
import type { ChatLinkActivities } from '../../activities/chat/campaign-links-types.js';
import type { ExperimentActivities } from '../../activities/ab-tests/experiment-types.js';
import { operationStatusUrl } from '../../domain/campaign-ops/operation-inputs.js';
import { Operation, PlatformAttr, UserId } from '../../domain/search-attributes.js';
import type { ChatModules, ModuleRun, ModuleRunner } from '../chat/module.js';
import { PLATFORM_READ } from '../kit/activity-options.js';
import { operationChildId as childId } from '../kit/child-ids.js';
import { abTestWorkflow } from './ab-test.js';
import type { AbTestWorkflowInput } from './definitions.js';

/** The test's checks and the latest test's analysis (a platform read, another workflow's update): local activities. */
const abTestReads = proxyLocalActivities<Pick<ChatLinkActivities, 'analyzeLatestAbTest'> & Pick<ExperimentActivities, 'prepareAbTest'>>(PLATFORM_READ);

/** An A/B test started from chat runs the default length (DEFAULT_AB_TEST_DAYS), days. */
const CHAT_AB_TEST_DAYS = 7;
/** Variants of one test (AbTestInputSchema: 2 to 10 creatives). */
const MIN_VARIANTS = 2;
const MAX_VARIANTS = 10;


const isHttpUrl = (u: string | undefined): u is string => u !== undefined && /^https?:\/\/\S+$/i.test(u);

/** Starts an A/B test of the step's creatives (see the module comment). */
const createAbTest: ModuleRunner = async ({ step, userId, operationId, language, upstream, credits }): Promise<ModuleRun> => {
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
  const statusUrl = operationStatusUrl(testId, userId);
  const landingDefaulted = given === undefined && landingUrl !== undefined;
  // The test's own first activity, run here first: what would fail its creation (no account, a
  // missing creative, a budget too small to split, no landing page) fails the step, refunded.
  // It also words the reply announcing the test (`started_text`): the workflow returns data only.
  const plan = await abTestReads.prepareAbTest({
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
const analyzeAbTest: ModuleRunner = async ({ userId, language, credits }): Promise<ModuleRun> => {
  const result = await abTestReads.analyzeLatestAbTest({ userId, language });
  return { result, refund: result.snapshot.analysis.status === 'insufficient_data' ? credits : 0, entities: [] };
};

/** The A/B test actions. */
export const abTestModules: ChatModules = {
  create_ab_test: { run: createAbTest },
  analyze_ab_test: { run: analyzeAbTest },
};
