/**
 * Assembles and starts a worker process's parts: Temporal connection, search attributes, Redis,
 * the Web Platform client, the ad platforms, the models and the activities.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker, type WorkerOptions } from '@temporalio/worker';
import { createAdsActivities } from '../activities/campaign-ops/ads-activities.js';
import { createAutomationActivities } from '../activities/automation.js';
import { createChatActivities } from '../activities/chat/activities.js';
import type { Config } from '../config/env.js';
import { TurnEventStore } from '../integrations/redis/turn-event-store.js';
import type { Logger } from '../observability/logger.js';
import { ensureSearchAttributes } from '../integrations/temporal/search-attributes.js';
import { installTemporalRuntime } from '../worker/temporal-runtime.js';
import { createWorker } from '../worker/worker.js';
import { loadWorkflowBundle } from '../worker/workflow-bundle.js';
import { createAdsService, createRedis, createWebPlatformClient } from './clients.js';
import { buildModels } from './models.js';

export interface RunningWorker {
  worker: Worker;
  /** the worker's connection (an API in the same process can share it for eager workflow start). */
  connection: NativeConnection;
  /** resolves when the worker has stopped (after shutdown()). */
  done: Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Starts a worker polling the task queue.
 * @param webPlatformUrl the Web Platform base URL (config's, or the dev sandbox's)
 */
export async function startWorker(
  config: Config,
  logger: Logger,
  webPlatformUrl: string,
  options: {
    workflowBundle?: WorkerOptions['workflowBundle'];
    /** a connection owned by the caller (shared with an API for eager start); not closed on shutdown. */
    connection?: NativeConnection;
  } = {},
): Promise<RunningWorker> {
  installTemporalRuntime(logger, { verbose: config.TEMPORAL_VERBOSE, metricsPort: config.WORKER_METRICS_PORT });
  const owned = options.connection === undefined;
  const connection = options.connection ?? (await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS }));
  const added = await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
  if (added.length > 0) logger.info({ added }, 'registered search attributes');
  const redis = createRedis(config);
  const webPlatform = createWebPlatformClient(config, webPlatformUrl);
  const models = buildModels(config, logger);
  const ads = createAdsService(config, redis, webPlatform);
  // Activities that manage Schedules (rules) need a client connection of their own.
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });
  const activities = {
    ...createChatActivities({
      webPlatform,
      events: new TurnEventStore(redis),
      textModel: models.text,
      imageModel: models.image,
      analyzeImage: models.analyzeImage,
    }),
    ...createAdsActivities({ ads, webPlatform }),
    ...createAutomationActivities({ ads, webPlatform, textModel: models.text, copyModel: models.copy, redis, temporal, taskQueue: config.TEMPORAL_TASK_QUEUE }),
  };
  const workflowBundle = options.workflowBundle ?? loadWorkflowBundle(config.WORKFLOW_BUNDLE_PATH);
  const worker = await createWorker({ config, connection, activities, workflowBundle });
  const done = worker.run().finally(async () => {
    await webPlatform.close();
    await clientConnection.close();
    redis.disconnect();
    if (owned) await connection.close();
  });
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, models: models.mode }, 'worker started');
  return {
    worker,
    connection,
    done,
    shutdown: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
