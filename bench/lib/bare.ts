/**
 * The bare workflows (bench/workflows/bare.ts) on a worker of their own, task queue `bench-bare`,
 * started with a plain @temporalio/client Client. First = the start acknowledged; done = the result
 * received.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { emptyWorkflow, tenLocalActivitiesWorkflow } from '../workflows/bare.js';
import { bareActivities } from './bare-activities.js';
import { messageOf, type Job } from './load.js';

export const BARE_TASK_QUEUE = 'bench-bare';

const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/bare.ts', import.meta.url));

/** The bare workflows by name, with the workflow type each starts. */
export const BARE_WORKFLOWS = {
  'empty workflow': 'emptyWorkflow',
  '10 local activities': 'tenLocalActivitiesWorkflow',
} as const;

export type BareKind = keyof typeof BARE_WORKFLOWS;
type BareWorkflow = typeof emptyWorkflow | typeof tenLocalActivitiesWorkflow;

export interface BareWorker {
  stop(): Promise<void>;
}

/** Bundles the bare workflows and runs a worker for them until stop(). */
export async function startBareWorker(address: string, namespace: string): Promise<BareWorker> {
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({ connection, namespace, taskQueue: BARE_TASK_QUEUE, workflowsPath: WORKFLOWS_PATH, activities: bareActivities });
  const running = worker.run();
  return {
    stop: async () => {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

/** A job starting one bare workflow and awaiting its result. */
export function bareJob(client: Client, kind: BareKind): Job {
  const workflowType = BARE_WORKFLOWS[kind];
  return async () => {
    const t0 = performance.now();
    let firstMs: number | undefined;
    try {
      const handle = await client.workflow.start<BareWorkflow>(workflowType, { taskQueue: BARE_TASK_QUEUE, workflowId: `bench-${workflowType}-${randomUUID()}` });
      firstMs = performance.now() - t0;
      await handle.result();
      return { ok: true, firstMs, doneMs: performance.now() - t0 };
    } catch (err) {
      return { ok: false, ...(firstMs === undefined ? {} : { firstMs }), doneMs: performance.now() - t0, error: messageOf(err) };
    }
  };
}
