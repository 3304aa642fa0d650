/**
 * Runs the whole system for an integration test file: a worker and the API (real HTTP) against
 * the shared Temporal dev server and Redis, the Web Platform sandbox and optionally the Gemini
 * sandbox, each test file on its own task queue.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection } from '@temporalio/worker';
import { Redis } from 'ioredis';
import { startApi, type RunningApi } from '../../src/bootstrap/api.js';
import { startWorker, type RunningWorker } from '../../src/bootstrap/worker.js';
import { installTemporalRuntime } from '../../src/worker/temporal-runtime.js';
import { loadConfig, type Config } from '../../src/config/env.js';
import { WebPlatformClient } from '../../src/integrations/mcp/web-platform-client.js';
import { createLogger } from '../../src/observability/logger.js';
import { startAdsSandbox } from '../../src/sandboxes/ads/server.js';
import { startGeminiSandbox, type RunningGeminiSandbox } from '../../src/sandboxes/gemini/server.js';
import { startWebPlatformSandbox, type RunningWebPlatformSandbox } from '../../src/sandboxes/web-platform/server.js';
import { WORKFLOWS_PATH } from '../../src/worker/worker.js';
import { readSse, type SseMessage } from '../support/sse.js';

export const TOKEN = 'test-service-token-0123456789';
export const GEMINI_KEY = 'test-gemini-key';

export interface System {
  config: Config;
  api: RunningApi;
  /** the in-process worker (absent with `worker: false`). */
  worker?: RunningWorker;
  sandbox: RunningWebPlatformSandbox;
  /** the ads sandbox (Meta, TikTok, Google Ads) the Web Platform sandbox's ad accounts live in. */
  ads: Awaited<ReturnType<typeof startAdsSandbox>>;
  gemini?: RunningGeminiSandbox;
  webPlatform: WebPlatformClient;
  /** a Temporal client on the shared dev server (workflows, schedules, histories). */
  temporal: Client;
  /** Redis, to look at what the system stored. */
  redis: Redis;
  /** starts another worker on the same task queue (e.g. after killing one). */
  startWorker(): Promise<RunningWorker>;
  stop(): Promise<void>;
}

let bundle: Awaited<ReturnType<typeof bundleWorkflowCode>> | undefined;

/** The workflow bundle, built once per test file. */
export async function workflowBundle() {
  bundle ??= await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never });
  return bundle;
}

/**
 * @param services the Temporal frontend and Redis to use (tests: inject() from the global setup)
 * @param options.gemini run the models against the Gemini sandbox instead of offline
 * @param options.env extra configuration
 * @param options.worker false: start no worker (the test starts its own)
 */
export async function startSystem(
  services: { temporalAddress: string; redisUrl: string },
  options: { gemini?: boolean; env?: Record<string, string>; worker?: boolean } = {},
): Promise<System> {
  const ads = await startAdsSandbox({ port: 0 });
  const sandbox = await startWebPlatformSandbox({ port: 0, serviceToken: TOKEN, initialCredits: 1000, adsUrl: ads.url });
  const gemini = options.gemini ? await startGeminiSandbox({ port: 0, apiKey: GEMINI_KEY }) : undefined;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    TEMPORAL_ADDRESS: services.temporalAddress,
    REDIS_URL: services.redisUrl,
    TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`,
    SERVICE_TOKEN: TOKEN,
    ADS_SANDBOX_URL: ads.url,
    ...(gemini ? { GEMINI_API_KEY: GEMINI_KEY, GEMINI_BASE_URL: gemini.url } : {}),
    ...options.env,
  });
  const logger = createLogger('test', config.LOG_LEVEL);
  const workflowBundleCode = await workflowBundle();
  // As `npm run dev` does: the API shares the workers' connection, so chat turns start eagerly.
  installTemporalRuntime(logger, { verbose: config.TEMPORAL_VERBOSE, metricsPort: config.WORKER_METRICS_PORT });
  const shared = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const start = () => startWorker(config, logger, sandbox.url, { workflowBundle: workflowBundleCode, connection: shared });
  const worker = options.worker === false ? undefined : await start();
  const api = await startApi(config, logger, sandbox.url, 0, { workerConnection: shared });
  const webPlatform = new WebPlatformClient({ baseUrl: sandbox.url, token: TOKEN, transport: 'execute', timeoutMs: 10_000 });
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const redis = new Redis(config.REDIS_URL);
  return {
    config,
    api,
    ...(worker ? { worker } : {}),
    sandbox,
    ads,
    ...(gemini ? { gemini } : {}),
    webPlatform,
    temporal: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }),
    redis,
    startWorker: start,
    stop: async () => {
      await api.close();
      await worker?.shutdown();
      await shared.close();
      await webPlatform.close();
      await connection.close();
      redis.disconnect();
      await gemini?.close();
      await sandbox.close();
      await ads.close();
    },
  };
}

/** A test user with a fresh balance (every test uses its own user). */
export const newUser = () => `u-${randomUUID().slice(0, 8)}`;

/** Calls the API with the service token. */
export function api(system: System, path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const { json, ...rest } = init;
  return fetch(`${system.api.url}${path}`, {
    ...rest,
    method: rest.method ?? (json !== undefined ? 'POST' : 'GET'),
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(rest.headers as Record<string, string> | undefined),
    },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
}

export type TurnEventData = { type: string; [k: string]: unknown };

/** An open chat stream: events arrive in order; `until` collects up to the first event of a type. */
export class ChatStream {
  readonly events: Array<SseMessage & { data: TurnEventData }> = [];
  private readonly iterator: AsyncGenerator<SseMessage>;
  constructor(readonly response: Response) {
    this.iterator = readSse(response);
  }

  /** Reads until an event of `type` arrives (or the stream ends); returns it. */
  async until(type: string): Promise<TurnEventData | undefined> {
    const seen = this.events.find((e) => e.data.type === type);
    if (seen) return seen.data;
    for (;;) {
      const { value, done } = await this.iterator.next();
      if (done) return undefined;
      const message = value as SseMessage & { data: TurnEventData };
      this.events.push(message);
      if (message.data.type === type) return message.data;
    }
  }

  types(): string[] {
    return this.events.map((e) => e.data.type);
  }

  of(type: string): TurnEventData[] {
    return this.events.filter((e) => e.data.type === type).map((e) => e.data);
  }

  /** The reply text: all token contents joined. */
  text(): string {
    return this.of('token')
      .map((e) => e.content as string)
      .join('');
  }
}

/** Starts a chat turn over HTTP and returns its open SSE stream. */
export async function chat(system: System, body: Record<string, unknown>): Promise<ChatStream> {
  const response = await api(system, '/api/v1/chat', { json: body });
  if (response.status !== 200) throw new Error(`chat failed: ${response.status} ${await response.text()}`);
  return new ChatStream(response);
}

/** The user's balance in the Web Platform sandbox (whole credits). */
export async function balance(system: System, userId: string): Promise<number> {
  return (await system.webPlatform.getCreditBalance({ user_id: userId })).balance;
}
