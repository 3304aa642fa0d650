/**
 * The chat links to the campaign operations (issue "Campaign automation" §7): the activities a
 * chat turn's campaign steps call besides starting operation workflows.
 * - createRuleFromText: "创建一个规则：CPA 超过 50 就暂停广告组" → the rule (src/domain/rules/text.ts)
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
import { codedErrorOf } from '../../integrations/temporal/coded-error.js';
import { analyzeAbTestUpdate, NOT_READY_FAILURE, type AbTestProgress } from '../../workflows/ab-tests/definitions.js';
import { operationStateQuery } from '../../workflows/kit/operation.js';
import type { Rule } from '../../domain/rules/evaluate.js';
import { AppError } from '../../domain/errors.js';
import { parseRuleText } from '../../domain/rules/text.js';
import { operationStatusUrl } from '../../domain/campaign-ops/operation-inputs.js';
import { selectTargets } from '../../domain/campaign-ops/targets.js';
import { AB_TEST_LOOKUP_TEXT, describeAbTestAnalysis } from '../../domain/replies/ab-tests.js';
import { CAMPAIGN_LOOKUP_TEXT, namesText } from '../../domain/replies/campaigns.js';
import { HINT } from '../../domain/replies/hints.js';
import { describeRuleCreated } from '../../domain/replies/rules.js';
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
      return { kind: 'rule_created', ...created, text: describeRuleCreated(created.rule_id, created.rule, language) };
    },

    async findCampaigns({ userId, parameters: p, language }) {
      const text = CAMPAIGN_LOOKUP_TEXT[language];
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
        if (err.code === '1004' && p.targets?.length) throw new AppError('1004', text.notFound(namesText(p.targets, language)), details);
        if (err.code === '1001') throw new AppError('1001', text.which, details);
        throw new AppError(err.code, err.message, details);
      }
      if (selected.length === 0) throw new AppError('1004', text.noCampaigns, { platform_failures: failures });
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
      const text = AB_TEST_LOOKUP_TEXT[language];
      const none = () => new AppError('1004', text.noneRunning, { hint: HINT.ab_test_example[language] });
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
          throw new AppError('1009', text.settingUp, { test_id: testId });
        }
        throw codedErrorOf(err) ?? err;
      }
      const progress = (await handle.query(operationStateQuery)).progress as AbTestProgress | undefined;
      const found: Omit<LatestAbTestAnalysis, 'text' | 'kind'> = {
        test_id: testId,
        status_url: operationStatusUrl(testId, userId),
        ...(progress?.test ? { name: progress.test.name } : {}),
        ...(progress ? { days_elapsed: progress.days_elapsed, days_total: progress.days_total } : {}),
        snapshot,
      };
      return { kind: 'ab_test_analysis', ...found, text: describeAbTestAnalysis(found, progress?.test?.currency, language) };
    },
  };
}
