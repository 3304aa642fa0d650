/**
 * Rule management on Temporal Schedules (issue "Campaign automation" §5; seed 001 需求 6.1-6.2,
 * property 13). Client side: used by the API and by the `manageRule` activity (chat).
 *
 * A rule is a Schedule with id `rule-<ruleId>` that starts `ruleCheckWorkflow` every
 * `rule.interval_hours` hours (default 6) on the worker's task queue, with the rule as its
 * argument. Its memo carries `user_id`, `rule_id`, `language` and `created_at`; its search
 * attributes `UserId` and `Operation = "rule"`, so rules are listed per user and operators find
 * them in the Temporal Web UI (Schedules, or `UserId = "..."`). The checks it starts have the
 * workflow id `rule-check-<ruleId>-<scheduled time>` and the search attributes `UserId`,
 * `Operation = "rule_check"`. Listing, pausing (enabled = false), resuming, updating and deleting
 * a rule are the Schedule's own operations; a rule of another user answers 1004 like a missing one.
 *
 * Policies: overlapping checks are skipped; a check missed while the cluster was down runs late
 * only within one interval (catch-up window), so an outage never fires a burst of checks.
 */
import { randomUUID } from 'node:crypto';
import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleDescription } from '@temporalio/client';
import { parseRule, ruleScheduleSpec, type Rule, type RuleInput } from '../../domain/rules/evaluate.js';
import { RuleIdSchema } from '../../domain/campaign-ops/operation-inputs.js';
import { AppError } from '../../domain/errors.js';
import type { Language } from '../../domain/chat/intent.js';
import { Operation, UserId } from '../../domain/search-attributes.js';
import type { RuleCheckInput, RuleSummary } from '../../domain/rules/types.js';

export { ruleLog } from '../redis/rule-log.js';

/** The workflow type the Schedules start (by name: client code does not import workflow code). */
export const RULE_CHECK_WORKFLOW = 'ruleCheckWorkflow';
/** Schedule id prefix: `rule-<ruleId>`. */
export const RULE_SCHEDULE_PREFIX = 'rule-';

/** The Schedule id of a rule. */
export const ruleScheduleId = (ruleId: string) => `${RULE_SCHEDULE_PREFIX}${ruleId}`;
/** The workflow id prefix of a rule's checks (Temporal appends the scheduled time). */
export const ruleCheckWorkflowIdPrefix = (ruleId: string) => `rule-check-${ruleId}`;

/** A check runs at most this long (it reads a few platform reports and acts on a few objects). */
const CHECK_RUN_TIMEOUT = '1 hour';

interface RuleMemo {
  user_id: string;
  rule_id: string;
  language: Language;
  created_at: string;
}

function checkRuleId(ruleId: string): string {
  const parsed = RuleIdSchema.safeParse(ruleId);
  if (!parsed.success) throw new AppError('1001', 'Invalid rule id', { field: 'rule_id', value: ruleId });
  return parsed.data;
}

function notFound(ruleId: string): AppError {
  return new AppError('1004', `Rule ${ruleId} not found`, { rule_id: ruleId });
}

function scheduleAction(taskQueue: string, input: RuleCheckInput) {
  return {
    type: 'startWorkflow' as const,
    workflowType: RULE_CHECK_WORKFLOW,
    workflowId: ruleCheckWorkflowIdPrefix(input.ruleId),
    taskQueue,
    args: [input],
    workflowRunTimeout: CHECK_RUN_TIMEOUT,
    typedSearchAttributes: [
      { key: UserId, value: input.userId },
      { key: Operation, value: 'rule_check' },
    ],
  };
}

const policies = (rule: Rule) => ({
  overlap: ScheduleOverlapPolicy.SKIP,
  catchupWindow: `${rule.interval_hours} hours`,
  pauseOnFailure: false,
});

function summaryOf(d: ScheduleDescription): RuleSummary {
  const memo = (d.memo ?? {}) as Partial<RuleMemo>;
  const input = d.action.args?.[0] as RuleCheckInput | undefined;
  if (!input || !memo.user_id || !memo.rule_id) throw notFound(d.scheduleId);
  return {
    rule_id: memo.rule_id,
    schedule_id: d.scheduleId,
    user_id: memo.user_id,
    rule: input.rule,
    language: input.language ?? memo.language ?? 'zh',
    enabled: !d.state.paused,
    ...(d.state.note ? { note: d.state.note } : {}),
    ...(memo.created_at ? { created_at: memo.created_at } : {}),
    next_check_at: d.info.nextActionTimes.map((t) => t.toISOString()),
    recent_checks: d.info.recentActions.map((a) => ({ workflow_id: a.action.workflow.workflowId, scheduled_at: a.scheduledAt.toISOString() })),
  };
}

/** The user's rule's Schedule handle and description. @throws AppError 1004 missing or another user's */
async function owned(client: Client, userId: string, ruleId: string) {
  const handle = client.schedule.getHandle(ruleScheduleId(checkRuleId(ruleId)));
  let description: ScheduleDescription;
  try {
    description = await handle.describe();
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) throw notFound(ruleId);
    throw err;
  }
  if ((description.memo as Partial<RuleMemo> | undefined)?.user_id !== userId) throw notFound(ruleId);
  return { handle, description };
}

/**
 * Creates a rule: validates it (defaults: level adset, every 6 hours) and creates its Schedule
 * (seed 需求 6.1-6.2). The first check runs one interval after creation.
 * @param taskQueue the worker's task queue the checks run on
 * @returns the rule id, the Schedule id and the rule as stored
 * @throws AppError 1001 invalid rule or rule id; 1009 a rule with this id exists
 */
export async function createRuleSchedule(
  client: Client,
  taskQueue: string,
  request: { userId: string; rule: RuleInput; language?: Language; ruleId?: string },
): Promise<{ rule_id: string; schedule_id: string; rule: Rule }> {
  const rule = parseRule(request.rule);
  const ruleId = request.ruleId === undefined ? `rl_${randomUUID().replaceAll('-', '')}` : checkRuleId(request.ruleId);
  const language = request.language ?? 'zh';
  const scheduleId = ruleScheduleId(ruleId);
  const input: RuleCheckInput = { ruleId, userId: request.userId, rule, language };
  const memo: RuleMemo = { user_id: request.userId, rule_id: ruleId, language, created_at: new Date().toISOString() };
  try {
    await client.schedule.create({
      scheduleId,
      spec: ruleScheduleSpec(rule),
      action: scheduleAction(taskQueue, input),
      policies: policies(rule),
      memo: { ...memo },
      typedSearchAttributes: [
        { key: UserId, value: request.userId },
        { key: Operation, value: 'rule' },
      ],
      state: { paused: false, note: `rule "${rule.name}"` },
    });
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) throw new AppError('1009', `A rule with id ${ruleId} exists`, { rule_id: ruleId });
    throw err;
  }
  return { rule_id: ruleId, schedule_id: scheduleId, rule };
}

/** Characters a user id may have to be used inside a visibility query string literal. */
const QUERY_SAFE = /^[^"\\\n\r]+$/;

/**
 * The user's rules, newest first. Schedule listing is eventually consistent: a rule created or
 * deleted a moment ago may be missing or still listed for a second.
 */
export async function listRules(client: Client, userId: string): Promise<RuleSummary[]> {
  const query = QUERY_SAFE.test(userId) ? `UserId = "${userId}"` : undefined;
  const ids: string[] = [];
  for await (const s of client.schedule.list(query ? { query } : {})) {
    if (!s.scheduleId.startsWith(RULE_SCHEDULE_PREFIX)) continue;
    if ((s.memo as Partial<RuleMemo> | undefined)?.user_id !== userId) continue;
    ids.push(s.scheduleId);
  }
  const described = await Promise.allSettled(ids.map((id) => client.schedule.getHandle(id).describe()));
  const rules = described.flatMap((d) => {
    if (d.status === 'rejected') {
      if (d.reason instanceof ScheduleNotFoundError) return []; // deleted meanwhile
      throw d.reason;
    }
    return (d.value.memo as Partial<RuleMemo> | undefined)?.user_id === userId ? [summaryOf(d.value)] : [];
  });
  return rules.sort((a, b) => (b.created_at ?? '').localeCompare(a.created_at ?? '') || a.rule_id.localeCompare(b.rule_id));
}

/** One of the user's rules. @throws AppError 1004 missing or another user's */
export async function getRule(client: Client, userId: string, ruleId: string): Promise<RuleSummary> {
  return summaryOf((await owned(client, userId, ruleId)).description);
}

/** Pauses a rule: its Schedule stops starting checks until resumed. @throws AppError 1004 */
export async function pauseRule(client: Client, userId: string, ruleId: string, note = 'paused by the user'): Promise<RuleSummary> {
  const { handle } = await owned(client, userId, ruleId);
  await handle.pause(note);
  return summaryOf(await handle.describe());
}

/** Resumes a paused rule. @throws AppError 1004 */
export async function resumeRule(client: Client, userId: string, ruleId: string): Promise<RuleSummary> {
  const { handle } = await owned(client, userId, ruleId);
  await handle.unpause('resumed by the user');
  return summaryOf(await handle.describe());
}

/**
 * Replaces a rule (condition, action, scope and interval); the next checks use the new rule.
 * @throws AppError 1001 invalid rule; 1004 missing or another user's
 */
export async function updateRule(
  client: Client,
  request: { userId: string; ruleId: string; rule: RuleInput; language?: Language },
): Promise<RuleSummary> {
  const rule = parseRule(request.rule);
  const { handle, description } = await owned(client, request.userId, request.ruleId);
  const previous = description.action.args?.[0] as RuleCheckInput;
  const input: RuleCheckInput = { ...previous, rule, language: request.language ?? previous.language ?? 'zh' };
  await handle.update((d) => ({
    spec: ruleScheduleSpec(rule),
    action: scheduleAction(d.action.taskQueue, input),
    policies: policies(rule),
    state: { paused: d.state.paused, ...(d.state.note ? { note: d.state.note } : {}) },
  }));
  return summaryOf(await handle.describe());
}

/** Deletes a rule's Schedule (its execution log stays readable for 90 days). @throws AppError 1004 */
export async function deleteRule(client: Client, userId: string, ruleId: string): Promise<{ rule_id: string; deleted: true }> {
  const { handle } = await owned(client, userId, ruleId);
  await handle.delete();
  return { rule_id: ruleId, deleted: true };
}

/** Runs a rule's check now (besides its schedule). @throws AppError 1004 */
export async function triggerRule(client: Client, userId: string, ruleId: string): Promise<void> {
  const { handle } = await owned(client, userId, ruleId);
  await handle.trigger(ScheduleOverlapPolicy.ALLOW_ALL);
}
