/**
 * Builds the worker that hosts the chat turn and campaign operation workflows and their activities
 * on the task queue.
 */
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Config } from '../config/env.js';
import { heartbeatInterceptor } from './heartbeat-interceptor.js';

/** Whether this code runs compiled (dist/, `npm run build`) rather than from the TypeScript sources (tsx). */
export const COMPILED = import.meta.url.endsWith('.js');

/** Path of the workflows' entry point (the sources, or their compiled JavaScript in dist/). */
export const WORKFLOWS_PATH = fileURLToPath(new URL(`../workflows/index.${COMPILED ? 'js' : 'ts'}`, import.meta.url));

export interface WorkerDeps {
  config: Config;
  connection: NativeConnection;
  /** every activity the workflows call, by name. */
  activities: object;
  /** a pre-built workflow bundle (tests bundle once and reuse it). */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

/** Creates (but does not run) the worker. */
export async function createWorker(deps: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection: deps.connection,
    namespace: deps.config.TEMPORAL_NAMESPACE,
    taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
    ...(deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: deps.activities,
    interceptors: { activity: [heartbeatInterceptor] },
    maxConcurrentActivityTaskExecutions: 50,
    // Every turn finishes within seconds: a bounded cache keeps the worker's memory flat (issue 8).
    maxCachedWorkflows: deps.config.WORKER_MAX_CACHED_WORKFLOWS,
    // Let activities that are mid-flight finish on shutdown before the worker stops.
    shutdownGraceTime: '10s',
  });
}
