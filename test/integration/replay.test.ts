/**
 * Replays every recorded history (test/fixtures/histories, recorded by `npm run record:histories`,
 * see test/fixtures/record-histories.ts) against the current workflow code, one test per file. A
 * change that would break running or past workflows fails here (guard it with patched(), or
 * re-record with `npm run record:histories -- --force` when no old history needs to replay).
 *
 * A file fails when:
 * - it does not start with WorkflowExecutionStarted carrying the workflow id (the replay runs under
 *   the recorded id: child workflow ids and operation ids derive from it);
 * - it does not end with a close event a recording may end with: WorkflowExecutionCompleted, Failed
 *   or ContinuedAsNew (TimedOut, Canceled and Terminated mean the recording was cut short);
 * - the recorded run itself had a failed or timed-out workflow task;
 * - the replay reports an error: a DeterminismViolationError, or a ReplayError for a workflow task
 *   that failed during replay.
 *
 * Why the close event matters: @temporalio/worker 1.24 runs the part of a history after its last
 * completed workflow task as a new task and does NOT report that task's failure: replaying a turn
 * cut at its last WorkflowTaskStarted logs "Failing workflow task ... Local activity of type
 * 'publishEvent' not registered" and Worker.runReplayHistories still yields no error (the eviction
 * reason is LANG_REQUESTED). In a history that ends closed every workflow task is replayed and
 * checked against its recorded commands, and a failure of any of them comes back as a ReplayError
 * (eviction reason LANG_FAIL). The last block checks the check: truncated histories and a history
 * whose replay fails a task are rejected.
 *
 * And every workflow type src/workflows/index.ts exports must have at least one history.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Worker } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import * as workflows from '../../src/workflows/index.js';
import { workflowBundle } from './harness.js';

interface HistoryEvent {
  eventType?: string;
  workflowExecutionStartedEventAttributes?: { workflowId?: string; workflowType?: { name?: string }; input?: { payloads?: Array<{ data?: string }> } };
  workflowTaskFailedEventAttributes?: { cause?: string };
  activityTaskScheduledEventAttributes?: { activityType?: { name?: string } };
}
interface HistoryJson {
  events: HistoryEvent[];
}

/** The close events a recorded history may end with. */
const LEGITIMATE_ENDS = new Set([
  'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED',
  'EVENT_TYPE_WORKFLOW_EXECUTION_FAILED',
  'EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW',
]);
/** Close events that mean the recorded run was cut short (its code never reached an end). */
const CUT_SHORT_ENDS = new Set(['EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT', 'EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED', 'EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED']);
/** Workflow task outcomes that a correct recording never has. */
const FAILED_TASK_EVENTS = new Set(['EVENT_TYPE_WORKFLOW_TASK_FAILED', 'EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT']);

const dir = new URL('../fixtures/histories/', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const load = (file: string) => JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as HistoryJson;

const started = (history: HistoryJson) => history.events[0]?.workflowExecutionStartedEventAttributes;

/** What is wrong with a history's shape (empty: nothing). */
function shapeProblems(history: HistoryJson): string[] {
  const problems: string[] = [];
  const first = history.events[0];
  if (first?.eventType !== 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED') problems.push(`starts with ${first?.eventType ?? 'no event'}, not WorkflowExecutionStarted`);
  else if (!started(history)?.workflowId) problems.push('WorkflowExecutionStarted carries no workflowId to replay under');
  const last = history.events.at(-1)?.eventType ?? 'no event';
  if (CUT_SHORT_ENDS.has(last)) problems.push(`ends with ${last}: the recorded run was cut short`);
  else if (!LEGITIMATE_ENDS.has(last)) problems.push(`ends with ${last}, not a close event: the history stops before its run closed`);
  history.events.forEach((e, i) => {
    if (FAILED_TASK_EVENTS.has(e.eventType ?? '')) {
      problems.push(`event ${i + 1} is ${e.eventType}${e.workflowTaskFailedEventAttributes?.cause ? ` (${e.workflowTaskFailedEventAttributes.cause})` : ''}`);
    }
  });
  return problems;
}

/** Replays a history under its recorded workflow id. @returns the replay's error, if any */
async function replayProblems(history: HistoryJson): Promise<string[]> {
  const bundle = await workflowBundle();
  const workflowId = started(history)?.workflowId ?? 'unknown-workflow-id';
  const problems: string[] = [];
  let replayed = 0;
  for await (const result of Worker.runReplayHistories({ workflowBundle: bundle }, [{ history, workflowId }])) {
    replayed++;
    if (result.error) problems.push(`replay failed: ${result.error.name}: ${result.error.message}`);
  }
  if (replayed !== 1) problems.push(`replay gave ${replayed} results, not 1`);
  return problems;
}

/** Everything wrong with a recorded history (empty: it replays to its close). */
async function historyProblems(history: HistoryJson): Promise<string[]> {
  return [...shapeProblems(history), ...(await replayProblems(history))];
}

beforeAll(async () => {
  await workflowBundle();
}, 120_000);

describe('recorded histories', () => {
  it('cover every workflow type src/workflows/index.ts exports', () => {
    const exported = Object.entries(workflows)
      .filter(([, value]) => typeof value === 'function')
      .map(([name]) => name)
      .sort();
    expect(exported.length).toBeGreaterThan(0);
    const recorded = new Set(files.map((f) => started(load(f))?.workflowType?.name));
    expect(exported.filter((type) => !recorded.has(type)), 'workflow types without a recorded history').toEqual([]);
  });

  it.each(files)('%s replays to its close without a failed workflow task', async (file) => {
    expect(await historyProblems(load(file))).toEqual([]);
  });
});

describe('the replay check', () => {
  const count = (history: HistoryJson, type: string) => history.events.filter((e) => e.eventType === `EVENT_TYPE_${type}`).length;
  const lastIndexOf = (history: HistoryJson, type: string, before = history.events.length) =>
    history.events.slice(0, before).findLastIndex((e) => e.eventType === `EVENT_TYPE_${type}`);
  /** The first recorded history that completed and fits `ok` (a copy). */
  const pick = (what: string, ok: (history: HistoryJson) => boolean): HistoryJson => {
    for (const file of files) {
      const history = load(file);
      if (history.events.at(-1)?.eventType === 'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED' && ok(history)) return history;
    }
    throw new Error(`no completed history recorded with ${what}`);
  };
  /** A chat turn: its last workflow task publishes turn events with a local activity. */
  const turn = () => pick('a chat turn', (h) => started(h)?.workflowType?.name === 'chatTurnWorkflow');

  it('fails a history cut at its last WorkflowTaskStarted (the turn\'s last workflow task never replayed)', async () => {
    const history = turn();
    const cut = { events: history.events.slice(0, lastIndexOf(history, 'WORKFLOW_TASK_STARTED') + 1) };
    expect(cut.events.length).toBeLessThan(history.events.length);
    const problems = await historyProblems(cut);
    expect(problems.join('\n')).toMatch(/ends with EVENT_TYPE_WORKFLOW_TASK_STARTED, not a close event/);
  });

  it('fails a history cut after an earlier completed workflow task (it replays, but not to its end)', async () => {
    const history = pick('two workflow tasks or more', (h) => count(h, 'WORKFLOW_TASK_COMPLETED') >= 2);
    const earlier = lastIndexOf(history, 'WORKFLOW_TASK_COMPLETED', lastIndexOf(history, 'WORKFLOW_TASK_COMPLETED'));
    const problems = await historyProblems({ events: history.events.slice(0, earlier + 1) });
    expect(problems.join('\n')).toMatch(/ends with EVENT_TYPE_WORKFLOW_TASK_COMPLETED, not a close event/);
  });

  it('fails a complete history whose replay fails a workflow task', async () => {
    // The workflow gets `null` for its input: its first workflow task throws a TypeError.
    const broken = turn();
    started(broken)!.input!.payloads![0]!.data = Buffer.from('null').toString('base64');
    expect(shapeProblems(broken)).toEqual([]);
    const problems = await historyProblems(broken);
    expect(problems.join('\n')).toMatch(/replay failed: ReplayError: Replay failed due workflow task failure/);
  });

  it('fails a history the workflow code does not match (nondeterminism)', async () => {
    const broken = pick('an activity', (h) => count(h, 'ACTIVITY_TASK_SCHEDULED') > 0);
    const scheduled = broken.events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name)!;
    scheduled.activityTaskScheduledEventAttributes!.activityType!.name = 'notTheActivityTheCodeSchedules';
    const problems = await historyProblems(broken);
    expect(problems.join('\n')).toMatch(/replay failed: DeterminismViolationError/);
  });

  it('fails a history whose recorded run ended cut short or had a failed workflow task', () => {
    const history = turn();
    const terminated = { events: [...history.events.slice(0, -1), { eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED' }] };
    expect(shapeProblems(terminated).join('\n')).toMatch(/TERMINATED: the recorded run was cut short/);
    const failedTask = {
      events: [
        ...history.events.slice(0, 3),
        { eventType: 'EVENT_TYPE_WORKFLOW_TASK_FAILED', workflowTaskFailedEventAttributes: { cause: 'WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_WORKER_UNHANDLED_FAILURE' } },
        ...history.events.slice(3),
      ],
    };
    expect(shapeProblems(failedTask).join('\n')).toMatch(/is EVENT_TYPE_WORKFLOW_TASK_FAILED \(WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_WORKER_UNHANDLED_FAILURE\)/);
  });
});
