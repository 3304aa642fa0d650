/**
 * Replays every recorded chatTurnWorkflow history (test/fixtures/histories) against the current
 * workflow code: a change that would break running or past turns fails here with a
 * DeterminismViolationError (guard such changes with patched()).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Worker } from '@temporalio/worker';
import { expect, it } from 'vitest';
import { workflowBundle } from './harness.js';

const dir = new URL('../fixtures/histories/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

it('replays the recorded chat turn histories without nondeterminism', async () => {
  expect(files.length).toBeGreaterThanOrEqual(5);
  const bundle = await workflowBundle();
  for (const file of files) {
    const history = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as {
      events: Array<{ workflowExecutionStartedEventAttributes?: { workflowId?: string } }>;
    };
    // Replay under the recorded workflow id: child workflow ids are derived from it.
    const workflowId = history.events[0]?.workflowExecutionStartedEventAttributes?.workflowId ?? file;
    await expect(Worker.runReplayHistory({ workflowBundle: bundle }, history, workflowId), file).resolves.toBeUndefined();
  }
});
