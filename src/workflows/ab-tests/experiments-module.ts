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
 */
import { executeChild, ParentClosePolicy, proxyActivities, startChild, workflowInfo } from '@temporalio/workflow';
import { OPERATION_PREFIX } from '../../domain/campaign-ops/operation-inputs.js';
import type { ChatLinkActivities, CampaignRef } from '../../activities/chat/campaign-links-types.js';
import type { AbTestPlan, ExperimentActivities } from '../../activities/ab-tests/experiment-types.js';
import type { AbTestWorkflowInput } from './definitions.js';
import type { ConversationEntity } from '../../domain/chat/conversation.js';
import type { Language, Platform } from '../../domain/chat/intent.js';
import { abTestWorkflow } from './ab-test.js';
import { campaignStatusWorkflow, type CampaignStatus } from '../campaign-ops/campaign-status.js';
import { errorBodyOf } from '../kit/failures.js';
import { ACTIVITY_RETRY } from '../kit/retry-policy.js';
import { Operation, PlatformAttr, UserId } from '../../domain/search-attributes.js';
import type { ModuleRun, ModuleRunner } from '../chat/module.js';
import { PLATFORM_PRODUCT } from '../../domain/replies/labels.js';

/** Platform and Temporal work: a few calls per activity, each bounded by the platform timeout. */
const linkActs = proxyActivities<ChatLinkActivities & Pick<ExperimentActivities, 'prepareAbTest'>>({ startToCloseTimeout: '75s', retry: ACTIVITY_RETRY });

/** An A/B test started from chat runs the default length (DEFAULT_AB_TEST_DAYS), days. */
const CHAT_AB_TEST_DAYS = 7;
/** Variants of one test (AbTestInputSchema: 2 to 10 creatives). */
const MIN_VARIANTS = 2;
const MAX_VARIANTS = 10;


/** An operation child's workflow id: the operation, the turn's workflow id and the step (`step-<n>`). */
const childId = (operation: string, operationId: string) => `${OPERATION_PREFIX}${operation}-${workflowInfo().workflowId}-${operationId.split(':').pop()}`;

const isHttpUrl = (u: string | undefined): u is string => u !== undefined && /^https?:\/\/\S+$/i.test(u);

function abStartedText(plan: AbTestPlan, platform: Platform, statusUrl: string, landingDefaulted: boolean, language: Language): string {
  const n = plan.split.budgets.length;
  const per = `${plan.split.per_variant.toFixed(2)} ${plan.currency}`;
  const lines =
    language === 'zh'
      ? [
          `已在 ${PLATFORM_PRODUCT[platform]} 上启动 A/B 测试「${plan.name}」：${n} 个变体，每个变体日预算 ${per}，测试 ${CHAT_AB_TEST_DAYS} 天（${plan.start_date} 至 ${plan.end_date}）。`,
          `结束后会自动分析结果；随时可以问我「A/B 测试结果怎么样了？」。进度：${statusUrl}`,
        ]
      : [
          `Started the A/B test "${plan.name}" on ${PLATFORM_PRODUCT[platform]}: ${n} variants, ${per} a day each, for ${CHAT_AB_TEST_DAYS} days (${plan.start_date} to ${plan.end_date}).`,
          `It analyses itself when it ends; ask me "How is the A/B test doing?" any time. Progress: ${statusUrl}`,
        ];
  if (landingDefaulted) {
    lines.push(
      language === 'zh'
        ? `落地页暂用第一张素材的链接（${plan.landing_url}）；下次可以在消息里附上商品页网址。`
        : `The ads link to the first creative (${plan.landing_url}); add your product page URL to the message next time.`,
    );
  }
  return lines.join('\n');
}

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
          hint: language === 'zh' ? '例如「先做 2 张图，然后在 Meta 上做 A/B 测试，日预算 200」' : 'e.g. "Make 2 images, then A/B test them on Meta with $200 a day"',
        },
      },
    };
  }
  if (creativeIds.length > MAX_VARIANTS) {
    return { missing: { code: '1001', details: { field: 'creative_ids', reason: 'too_many_variants', max: MAX_VARIANTS, found: creativeIds.length } } };
  }
  if (!p.budget) {
    return {
      missing: {
        code: '1001',
        details: { missing: 'budget', hint: language === 'zh' ? '请告诉我测试的日预算，例如「日预算 200」（平均分给各个变体）' : 'Tell me the test\'s daily budget, e.g. "$200 a day" (split equally over the variants)' },
      },
    };
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
  // The test's own first activity, run here first: what would fail its creation (no account, a
  // missing creative, a budget too small to split, no landing page) fails the step, refunded.
  const plan = await linkActs.prepareAbTest({
    userId,
    platform,
    creativeIds,
    dailyBudget: input.dailyBudget,
    durationDays: CHAT_AB_TEST_DAYS,
    language,
    ...(landingUrl ? { landingUrl } : {}),
  });
  const testId = childId('ab_test', operationId);
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
  const statusUrl = `/api/v1/operations/${testId}`;
  return {
    result: {
      kind: 'ab_test_started',
      test_id: testId,
      status_url: statusUrl,
      platform,
      name: plan.name,
      creative_ids: creativeIds,
      split: plan.split,
      start_date: plan.start_date,
      end_date: plan.end_date,
      landing_url: plan.landing_url,
      text: abStartedText(plan, platform, statusUrl, given === undefined && landingUrl !== undefined, language),
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
    return {
      missing: {
        code: '1001',
        details: { missing: 'rule', hint: language === 'zh' ? '例如「创建一个规则：CPA 超过 50 就暂停广告组」' : 'e.g. "Create a rule: if CPA > 50 in the last 24 hours, pause the ad set"' },
      },
    };
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

const STATUS_LABEL: Record<string, Record<Language, string>> = {
  active: { zh: '投放中', en: 'active' },
  paused: { zh: '已暂停', en: 'paused' },
  deleted: { zh: '已删除', en: 'deleted' },
  pending_review: { zh: '审核中', en: 'in review' },
  rejected: { zh: '被拒', en: 'rejected' },
};

const money = (n: number | null, currency: string) => (n === null ? '-' : `${n.toFixed(2)} ${currency}`);
const ratio = (n: number | null) => (n === null ? '-' : n.toFixed(2));
const statusOf = (s: string, language: Language) => STATUS_LABEL[s]?.[language] ?? s;

/** One campaign's status for the reply: totals, each ad set, the ads' count, a cache note. */
function statusText(s: CampaignStatus, language: Language): string {
  const c = s.campaign;
  const m = s.metrics;
  const cur = s.currency;
  const activeAds = s.ads.filter((a) => a.status === 'active').length;
  const zh = language === 'zh';
  const lines = [
    zh
      ? `${PLATFORM_PRODUCT[s.platform]}「${c.name}」：${statusOf(c.status, language)}。${s.span.since} 至 ${s.span.until}（含今天）花费 ${money(m.spend, cur)}，收入 ${money(m.revenue, cur)}，ROAS ${ratio(m.roas)}，CPA ${money(m.cpa, cur)}，转化 ${m.conversions}，点击 ${m.clicks}，展示 ${m.impressions}`
      : `${PLATFORM_PRODUCT[s.platform]} "${c.name}": ${statusOf(c.status, language)}. ${s.span.since} to ${s.span.until} (today included): spend ${money(m.spend, cur)}, revenue ${money(m.revenue, cur)}, ROAS ${ratio(m.roas)}, CPA ${money(m.cpa, cur)}, ${m.conversions} conversions, ${m.clicks} clicks, ${m.impressions} impressions`,
    ...s.adsets.map((a) => {
      const budget = a.daily_budget === undefined ? '' : zh ? `，日预算 ${money(a.daily_budget, cur)}` : `, ${money(a.daily_budget, cur)} a day`;
      return zh
        ? `  - 广告组「${a.name}」${statusOf(a.status, language)}${budget}，花费 ${money(a.metrics.spend, cur)}，ROAS ${ratio(a.metrics.roas)}，转化 ${a.metrics.conversions}`
        : `  - ad set "${a.name}" ${statusOf(a.status, language)}${budget}, spend ${money(a.metrics.spend, cur)}, ROAS ${ratio(a.metrics.roas)}, ${a.metrics.conversions} conversions`;
    }),
    zh ? `  广告 ${s.ads.length} 条，投放中 ${activeAds} 条` : `  ${s.ads.length} ads, ${activeAds} active`,
  ];
  if (s.stale) {
    lines.push(
      zh
        ? `  ⚠️ 平台暂时无法读取（${s.platform_error?.code ?? ''}），以上是 ${Math.round((s.age_seconds ?? 0) / 60)} 分钟前的数据`
        : `  ⚠️ The platform could not be read (${s.platform_error?.code ?? ''}); these figures are ${Math.round((s.age_seconds ?? 0) / 60)} minutes old`,
    );
  }
  return lines.join('\n');
}

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
  const zh = language === 'zh';
  const lines = campaigns.map((s) => statusText(s, language));
  for (const f of failures) lines.push(zh ? `❌ ${PLATFORM_PRODUCT[f.platform]}「${f.name}」：${f.error.message}` : `❌ ${PLATFORM_PRODUCT[f.platform]} "${f.name}": ${f.error.message}`);
  if (found.matched > found.campaigns.length) {
    lines.push(zh ? `（共 ${found.matched} 个系列匹配，只显示前 ${found.campaigns.length} 个）` : `(${found.matched} campaigns matched; showing the first ${found.campaigns.length})`);
  }
  const entities: ConversationEntity[] = campaigns.map((s) => ({ kind: 'campaign', id: s.campaign.id, name: s.campaign.name }));
  return {
    result: { kind: 'campaign_status', campaigns, failures, matched: found.matched, platform_failures: found.platform_failures, text: lines.join('\n') },
    refund: Math.floor((credits * failures.length) / found.campaigns.length),
    entities,
  };
};
