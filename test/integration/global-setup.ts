/**
 * Starts one Temporal dev server (Temporal CLI, in-memory, headless) and makes sure Redis answers,
 * for all integration test files; hands the server's address to them through provide/inject.
 */
import type { TestProject } from 'vitest/node';
import { ensureRedis } from '../../src/dev/redis.js';
import { findTemporalCli, startDevServer } from '../../src/dev/temporal.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    redisUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const log = (msg: string) => process.stderr.write(`${msg}\n`);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = await ensureRedis(redisUrl, log);
  const server = await startDevServer({ executable: findTemporalCli(process.env.TEMPORAL_CLI_PATH, log), namespace: 'default' });
  project.provide('temporalAddress', server.address);
  project.provide('redisUrl', redisUrl);
  return async () => {
    const started = performance.now();
    await server.stop();
    await redis.stop();
    log(`Temporal dev server stopped in ${Math.round(performance.now() - started)} ms`);
  };
}
