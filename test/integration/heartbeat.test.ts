/**
 * The worker's heartbeat interceptor (src/worker/heartbeat-interceptor.ts): a regular activity with
 * a heartbeat timeout succeeds although it never beats itself; without the interceptor the same
 * activity times out (so the test can fail).
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client, WorkflowFailedError } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import { heartbeatInterceptor } from '../../src/worker/heartbeat-interceptor.js';
import { installTemporalRuntime } from '../../src/worker/temporal-runtime.js';
import { services } from './services.js';

const workflowsPath = fileURLToPath(new URL('../fixtures/workflows/heartbeat.ts', import.meta.url));
const activities = { silentWork: (ms: number) => new Promise<string>((resolve) => setTimeout(() => resolve('done'), ms)) };

let connection: NativeConnection;
let client: Client;

beforeAll(async () => {
  installTemporalRuntime(createLogger('test', 'silent'), { verbose: false, metricsPort: 0 });
  connection = await NativeConnection.connect({ address: services().temporalAddress });
  client = new Client({ connection });
});
afterAll(async () => {
  await connection?.close();
});

async function runWith(interceptors: boolean): Promise<string> {
  const taskQueue = `heartbeat-${randomUUID()}`;
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath,
    activities,
    ...(interceptors ? { interceptors: { activity: [heartbeatInterceptor] } } : {}),
  });
  return await worker.runUntil(client.workflow.execute('silentWorkWorkflow', { taskQueue, workflowId: `hb-${randomUUID()}`, args: [3000] }));
}

describe('heartbeat interceptor', () => {
  it('keeps a silent 3 s activity alive under a 1 s heartbeat timeout', async () => {
    expect(await runWith(true)).toBe('done');
  });

  it('without it, the same activity times out on its heartbeat', async () => {
    const err = await runWith(false).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const activityFailure = (err as WorkflowFailedError).cause as Error & { cause?: Error & { timeoutType?: unknown } };
    expect(activityFailure.cause?.timeoutType).toBe('HEARTBEAT');
  });
});
