/**
 * The chat links to the campaign operations (issue "Campaign automation" §7): the activities a
 * chat turn's campaign steps call besides starting operation workflows.
 * - createRuleFromText: "创建一个规则：CPA 超过 50 就暂停广告组" → the rule (src/domain/rule-text.ts)
 *   → its Temporal Schedule. The rule id derives from the step's operation id, so a retried call
 *   finds the rule the first attempt created instead of creating a second one.
 * - findCampaigns: the campaigns a message names (names, ids, a selector, or all), read from the
 *   user's connected platforms.
 * - analyzeLatestAbTest: the user's most recently started running A/B test, found through
 *   Temporal visibility (`UserId` and `Operation` are set when a test starts, by the API and by
 *   chat), analysed now with its `analyzeNow` update (a measurement; nothing changes).
 */
import { createHash } from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowExecutionInfo } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { codedErrorOf } from '../../domain/coded-error.js';
import { analyzeAbTestUpdate, NOT_READY_FAILURE, type AbTestProgress, type AbVariantFigures } from '../../workflows/ab-tests/definitions.js';
import { operationStateQuery } from '../../workflows/kit/operation.js';
import type { Rule } from '../../domain/rules/evaluate.js';
import { AppError } from '../../domain/errors.js';
import type { Language } from '../../domain/chat/intent.js';
import { parseRuleText } from '../../domain/rules/text.js';
import { selectTargets } from '../../domain/campaign-ops/targets.js';
import { formatMoney, formatPercent } from '../../domain/reporting/narrative.js';
import { resolveDateRange } from '../../domain/reporting/periods.js';
import { createRuleSchedule, getRule } from '../../integrations/temporal/rule-schedules.js';
import { loadCandidates } from '../campaign-ops/campaign-activities.js';
import { MAX_FOUND_CAMPAIGNS, type ChatLinkActivities, type LatestAbTestAnalysis } from './campaign-links-types.js';
import type { AutomationDeps } from '../automation-deps.js';

/** The rule id of a chat step: `rl_` and a hash of its operation id (letters and digits, fits RuleIdSchema). */
export function chatRuleId(requestId: string): string {
  return `rl_${createHash('sha256').update(requestId).digest('hex').slice(0, 32)}`;
}

/** Characters a user id may have to be used inside a visibility query string literal. */
const QUERY_SAFE = /^[^"\\\n\r]+$/;

const LEVEL_TEXT = { adset: { zh: '广告组', en: 'ad sets' }, campaign: { zh: '广告系列', en: 'campaigns' } } as const;

function ruleCreatedText(ruleId: string, rule: Rule, language: Language): string {
  const level = LEVEL_TEXT[rule.applies_to.level][language];
  return language === 'zh'
    ? `已创建自动规则「${rule.name}」（ID ${ruleId}）：每 ${rule.interval_hours} 小时检查一次你的${level}，第一次检查在 ${rule.interval_hours} 小时后；触发时会通知你。`
    : `Created the automated rule "${rule.name}" (id ${ruleId}): it checks your ${level} every ${rule.interval_hours} hours, the first time ${rule.interval_hours} hours from now, and notifies you when it triggers.`;
}

function variantLine(v: AbVariantFigures, index: number, currency: string | undefined, language: Language): string {
  const rate = v.conversion_rate === null ? '-' : formatPercent(v.conversion_rate);
  const spend = currency === undefined ? v.spend.toFixed(2) : formatMoney(v.spend, currency);
  return language === 'zh'
    ? `- V${index + 1}「${v.name}」：展示 ${v.impressions}，点击 ${v.clicks}，转化 ${v.conversions}，转化率 ${rate}，花费 ${spend}`
    : `- V${index + 1} "${v.name}": ${v.impressions} impressions, ${v.clicks} clicks, ${v.conversions} conversions, conversion rate ${rate}, spend ${spend}`;
}

function analysisText(a: Omit<LatestAbTestAnalysis, 'text' | 'kind'>, currency: string | undefined, language: Language): string {
  const { snapshot } = a;
  const analysis = snapshot.analysis;
  const label = a.name ?? a.test_id;
  const days = a.days_total === undefined ? '' : language === 'zh' ? `，第 ${a.days_elapsed ?? 0}/${a.days_total} 天` : `, day ${a.days_elapsed ?? 0} of ${a.days_total}`;
  const head =
    language === 'zh'
      ? `A/B 测试「${label}」（数据 ${snapshot.span.since} 至 ${snapshot.span.until}${days}）：${analysis.message_zh}`
      : `A/B test "${label}" (data ${snapshot.span.since} to ${snapshot.span.until}${days}): ${analysis.message_en}`;
  const lines = [head];
  if (analysis.status === 'insufficient_data') {
    const counts = analysis.counts.map((c, i) => `V${i + 1} ${c.conversions}`).join(language === 'zh' ? '，' : ', ');
    lines.push(
      language === 'zh'
        ? `每个变体至少需要 ${analysis.min_conversions} 次转化，目前：${counts}。`
        : `Each variant needs at least ${analysis.min_conversions} conversions; so far: ${counts}.`,
    );
  }
  lines.push(...snapshot.variants.map((v, i) => variantLine(v, i, currency, language)));
  lines.push(language === 'zh' ? `进度：${a.status_url}` : `Progress: ${a.status_url}`);
  return lines.join('\n');
}

/** The chat link activities (see the module comment). */
export function createChatLinkActivities(deps: AutomationDeps): ChatLinkActivities {
  const { ads, temporal } = deps;
  return {
    async createRuleFromText({ userId, text, level, platforms, language, requestId }) {
      const parsed = parseRuleText(text, level ? { level } : {}, language);
      const rule = platforms?.length ? { ...parsed, applies_to: { ...parsed.applies_to, platforms } } : parsed;
      const ruleId = chatRuleId(requestId);
      let created: { rule_id: string; schedule_id: string; rule: Rule };
      try {
        created = await createRuleSchedule(temporal, deps.taskQueue, { userId, rule, language, ruleId });
      } catch (err) {
        if (!(err instanceof AppError && err.code === '1009')) throw err;
        // An earlier attempt of this call created it.
        const existing = await getRule(temporal, userId, ruleId);
        created = { rule_id: existing.rule_id, schedule_id: existing.schedule_id, rule: existing.rule };
      }
      return { kind: 'rule_created', ...created, text: ruleCreatedText(created.rule_id, created.rule, language) };
    },

    async findCampaigns({ userId, parameters: p, language }) {
      const accounts = await ads.connected(userId, p.platforms);
      const span = p.selector ? resolveDateRange('last_7_days', await ads.today()) : undefined;
      const { candidates, perf, failures } = await loadCandidates(ads, userId, accounts, 'campaign', span);
      let selected;
      try {
        selected = selectTargets(candidates, perf, {
          ...(p.targets?.length ? { targets: p.targets } : {}),
          ...(p.selector ? { selector: p.selector } : {}),
          ...(p.scope ? { scope: p.scope } : {}),
        });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const details = { ...err.details, ...(failures.length ? { platform_failures: failures } : {}) };
        if (err.code === '1004' && p.targets?.length) {
          const names = p.targets.join(language === 'zh' ? '、' : ', ');
          throw new AppError('1004', language === 'zh' ? `没有找到广告系列「${names}」` : `No campaign matches "${names}"`, details);
        }
        if (err.code === '1001') {
          throw new AppError('1001', language === 'zh' ? '要看哪个广告系列？请说出它的名称，或者说「所有系列」' : 'Which campaign? Name it, or say "all campaigns"', details);
        }
        throw new AppError(err.code, err.message, details);
      }
      if (selected.length === 0) {
        throw new AppError('1004', language === 'zh' ? '你还没有广告系列' : 'You have no campaigns yet', { platform_failures: failures });
      }
      return {
        campaigns: selected.slice(0, MAX_FOUND_CAMPAIGNS).map((c) => ({ platform: c.platform, id: c.id, name: c.name })),
        matched: selected.length,
        platform_failures: failures,
      };
    },

    async analyzeLatestAbTest({ userId, language }) {
      if (!QUERY_SAFE.test(userId)) throw new AppError('1001', 'Invalid user id', { field: 'user_id' });
      const query = `ExecutionStatus = "Running" AND WorkflowType = "abTestWorkflow" AND UserId = "${userId}"`;
      let latest: WorkflowExecutionInfo | undefined;
      for await (const w of temporal.workflow.list({ query })) {
        if (!latest || w.startTime > latest.startTime) latest = w;
      }
      const none = () =>
        new AppError('1004', language === 'zh' ? '你目前没有进行中的 A/B 测试' : 'You have no A/B test running', {
          hint: language === 'zh' ? '例如「用刚才的 2 张图在 Meta 上做 A/B 测试，日预算 200」' : 'e.g. "Run an A/B test of those 2 images on Meta, $200 a day"',
        });
      if (!latest) throw none();
      const testId = latest.workflowId;
      const handle = temporal.workflow.getHandle(testId);
      let snapshot;
      try {
        snapshot = await handle.executeUpdate(analyzeAbTestUpdate, { args: [{}] });
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) throw none();
        const cause = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
        if (cause instanceof ApplicationFailure && cause.type === NOT_READY_FAILURE) {
          throw new AppError('1009', language === 'zh' ? 'A/B 测试还在创建中，请稍后再问' : 'The A/B test is still being set up; ask again in a moment', { test_id: testId });
        }
        throw codedErrorOf(err) ?? err;
      }
      const progress = (await handle.query(operationStateQuery)).progress as AbTestProgress | undefined;
      const found: Omit<LatestAbTestAnalysis, 'text' | 'kind'> = {
        test_id: testId,
        status_url: `/api/v1/operations/${testId}`,
        ...(progress?.test ? { name: progress.test.name } : {}),
        ...(progress ? { days_elapsed: progress.days_elapsed, days_total: progress.days_total } : {}),
        snapshot,
      };
      return { kind: 'ab_test_analysis', ...found, text: analysisText(found, progress?.test?.currency, language) };
    },
  };
}
