/**
 * ruleCheckWorkflow (issue "Campaign automation" §5; seed 001 需求 6.2-6.5, property 13): one check
 * of one rule, started by the rule's Temporal Schedule (every `interval_hours`, default 6; see
 * src/integrations/temporal/rule-schedules.ts) or by hand.
 *
 * evaluate the condition on the platforms' metrics (complete days ending yesterday on the
 * platform's calendar; src/domain/rules/evaluate.ts) → per matched object, execute the action
 * (pause_adset, increase_budget, decrease_budget; notify acts by notifying) at most once per
 * rule, data day and object → write the execution log entry (once per check id) and, when
 * something matched, the trigger notification (Web Platform create_notification, deduplicated).
 *
 * The check id is `<ruleId>@<check time>`, the check time being the Schedule's scheduled time
 * (search attribute TemporalScheduledStartTime), or `input.checkTime`, or the workflow's start:
 * a check repeated with the same id (a re-run, a replay, a retried activity) finds the stored
 * evaluation, acts on nothing twice and logs once (Temporal names scheduled runs and their
 * scheduled time to the second, so two manual triggers within one second are one check). Beyond
 * that, a rule acts on an object at most once per data day: the checks of one day see the same
 * complete-day data, so a budget change is not compounded every 6 hours and an object the user
 * re-enabled is not paused again on the same data. A failed check is logged (outcome `error`),
 * notified once per rule, day and code, and fails the workflow with its coded error.
 * Answers `operationState` (operation 'rule_check').
 */
import { log, proxyActivities, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { ExperimentActivities, RuleCheckActionOutcome, RuleCheckEvaluation } from '../../activities/ab-tests/experiment-types.js';
import type { ErrorBody } from '../../domain/errors.js';
import type { RuleCheckInput, RuleCheckResult } from '../../domain/rules/types.js';
import { settleWithLimit } from '../kit/concurrency.js';
import { codedFailure, errorBodyOf } from '../kit/failures.js';
import { PLATFORM_MUTATION, PLATFORM_READ } from '../kit/activity-options.js';
import { operationFrame } from '../kit/operation-frame.js';

/** The rule's evaluation (platform reads) and its log entry and notification (Redis, Web Platform): local activities. */
const ruleReads = proxyLocalActivities<Pick<ExperimentActivities, 'evaluateRuleCheck' | 'recordRuleCheck'>>(PLATFORM_READ);
/** The rule's actions on the platforms: regular activities with heartbeats. */
const platformWrites = proxyActivities<Pick<ExperimentActivities, 'executeRuleAction'>>(PLATFORM_MUTATION);

/** Set by Temporal on workflows a Schedule starts: the time the action was scheduled for. */
const ScheduledStartTime = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

/** Platform calls in flight at once while acting. */
const ACTION_CONCURRENCY = 4;

/** The check's time: explicit, else the Schedule's scheduled time, else the workflow's start (ISO). */
function checkTimeOf(input: RuleCheckInput): string {
  if (input.checkTime) return new Date(input.checkTime).toISOString();
  const info = workflowInfo();
  let scheduled: Date | undefined;
  try {
    scheduled = info.typedSearchAttributes.get(ScheduledStartTime);
  } catch {
    scheduled = undefined;
  }
  const legacy = info.searchAttributes?.TemporalScheduledStartTime?.[0];
  const value = scheduled ?? (legacy instanceof Date ? legacy : typeof legacy === 'string' ? new Date(legacy) : undefined);
  return (value && !Number.isNaN(value.getTime()) ? value : info.startTime).toISOString();
}

/**
 * Checks a rule once (see the module comment).
 * @returns the check id, its log entry, whether it was logged now and the notification
 * @throws the check's coded failure when it could not evaluate the rule (after logging it)
 */
export async function ruleCheckWorkflow(input: RuleCheckInput): Promise<RuleCheckResult> {
  const language = input.language ?? 'zh';
  const checkTime = checkTimeOf(input);
  const checkId = `${input.ruleId}@${checkTime}`;
  const progress: { check_id: string; check_time: string; rule_id: string; phase: string; matched?: number; outcomes?: RuleCheckActionOutcome[] } = {
    check_id: checkId,
    check_time: checkTime,
    rule_id: input.ruleId,
    phase: 'evaluating',
  };
  const frame = operationFrame('rule_check', input.userId);
  const state = frame.state;
  state.progress = progress;

  let evaluation: RuleCheckEvaluation | undefined;
  let error: ErrorBody | undefined;
  const outcomes: RuleCheckActionOutcome[] = [];
  try {
    evaluation = await ruleReads.evaluateRuleCheck({ ruleId: input.ruleId, userId: input.userId, rule: input.rule, checkId });
    const { matched, rule, evaluated_span } = evaluation.evaluation;
    progress.matched = matched.length;
    progress.phase = 'acting';
    const settled = await settleWithLimit(matched, ACTION_CONCURRENCY, async (m): Promise<RuleCheckActionOutcome> => {
      if (m.action.type === 'notify') return { platform: m.platform, id: m.id, outcome: 'succeeded' };
      if (m.action.skipped) return { platform: m.platform, id: m.id, outcome: 'skipped' };
      return await platformWrites.executeRuleAction({
        userId: input.userId,
        ruleId: input.ruleId,
        checkId,
        level: rule.level,
        dataUntil: evaluated_span.until,
        match: m,
      });
    });
    settled.forEach((s, i) => {
      const m = matched[i]!;
      if (s.status === 'fulfilled') outcomes.push(s.value);
      else outcomes.push({ platform: m.platform, id: m.id, outcome: 'failed', error: errorBodyOf(s.reason, language).message });
    });
    progress.outcomes = outcomes;
  } catch (err) {
    error = errorBodyOf(err, language);
    log.warn('rule check failed', { ruleId: input.ruleId, checkId, code: error.code });
  }

  progress.phase = 'recording';
  const recorded = await ruleReads.recordRuleCheck({
    ruleId: input.ruleId,
    userId: input.userId,
    checkId,
    checkTime,
    language,
    ...(evaluation ? { evaluation } : {}),
    outcomes,
    ...(error ? { error: { code: error.code, message: error.message } } : {}),
  });
  const result: RuleCheckResult = {
    check_id: checkId,
    entry: recorded.entry,
    logged: recorded.logged,
    ...(recorded.notification ? { notification: recorded.notification } : {}),
  };
  progress.phase = 'done';
  if (error) {
    state.status = 'failed';
    state.error = error;
    throw codedFailure(error);
  }
  log.info('rule checked', { ruleId: input.ruleId, checkId, matched: evaluation?.evaluation.matched.length ?? 0, outcome: recorded.entry.outcome });
  state.status = 'completed';
  state.result = result;
  return result;
}
