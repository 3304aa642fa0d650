/**
 * Chat turn latency and throughput against a real Temporal dev server, Redis and the Web Platform
 * sandbox (offline model): time to the first SSE event (seed 000 需求 13.1: under 2 s), to the
 * intent, and to done, for sequential and concurrent turns. Prints a table; asserts nothing.
 *   npm run bench               (TURNS=20 CONCURRENCY=5 to change the load)
 */
import { createLogger } from '../src/observability/logger.js';
import { installTemporalRuntime } from '../src/worker/temporal-runtime.js';
import { ensureRedis } from '../src/dev/redis.js';
import { findTemporalCli, startDevServer } from '../src/dev/temporal.js';
import { chat, newUser, startSystem, type System } from '../test/integration/harness.js';

const TURNS = Number(process.env.TURNS ?? 20);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 5);

interface Sample {
  first: number;
  intent: number;
  done: number;
}

async function oneTurn(system: System, message: string): Promise<Sample> {
  const t0 = performance.now();
  const stream = await chat(system, { user_id: newUser(), session_id: 'bench', message });
  await stream.until('turn_started');
  const first = performance.now() - t0;
  await stream.until('intent');
  const intent = performance.now() - t0;
  await stream.until('done');
  return { first, intent, done: performance.now() - t0 };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

function report(label: string, samples: Sample[], wallMs: number) {
  const row = (k: keyof Sample) => `${pct(samples.map((s) => s[k]), 50).toFixed(0).padStart(6)} ${pct(samples.map((s) => s[k]), 95).toFixed(0).padStart(6)}`;
  console.log(`${label.padEnd(34)} first p50/p95 ${row('first')} ms | intent ${row('intent')} ms | done ${row('done')} ms | ${(samples.length / (wallMs / 1000)).toFixed(2)} turns/s`);
}

const log = (msg: string) => console.error(msg);
installTemporalRuntime(createLogger('tools', 'warn'), { verbose: false, metricsPort: 0 });
const redis = await ensureRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', log);
const server = await startDevServer({ executable: findTemporalCli(process.env.TEMPORAL_CLI_PATH, log), namespace: 'default' });
const system = await startSystem({ temporalAddress: server.address, redisUrl: redis.url });
try {
  await oneTurn(system, 'hello'); // warm-up: workflow bundle, caches
  for (const [label, message] of [
    ['chit-chat (no module)', 'hello, what can you do?'],
    ['1 offline image', 'Generate 1 ad image for a desk lamp'],
    ['3 offline images (zh)', '帮我生成 3 张广告图片，产品是无线降噪耳机'],
  ] as const) {
    let t0 = performance.now();
    const sequential: Sample[] = [];
    for (let i = 0; i < TURNS; i++) sequential.push(await oneTurn(system, message));
    report(`${label}, sequential x${TURNS}`, sequential, performance.now() - t0);
    t0 = performance.now();
    const concurrent: Sample[] = [];
    for (let i = 0; i < TURNS; i += CONCURRENCY) {
      concurrent.push(...(await Promise.all(Array.from({ length: Math.min(CONCURRENCY, TURNS - i) }, () => oneTurn(system, message)))));
    }
    report(`${label}, ${CONCURRENCY} at a time`, concurrent, performance.now() - t0);
  }
} finally {
  await system.stop();
  await server.stop();
  await redis.stop();
}
