/**
 * `npm run bench`: how fast a chat turn is next to what the Temporal engine itself can do, and how
 * much memory the worker holds, on one Temporal dev server (in memory) and Redis, offline model.
 *
 * 1. Engine yardsticks (bench/workflows/bare.ts, a worker of their own in this process): an empty
 *    workflow and a workflow of ten no-op local activities.
 * 2. Turns (API, worker and both sandboxes in this process, as `npm run dev` runs them; driven over
 *    HTTP and SSE): small talk, a 1-image turn and a report turn, a new user per turn.
 *    Each workload of 1 and 2, after a warm-up: sequential (p50/p95 of first event and done) and
 *    BENCH_CONCURRENCY at a time (workflows or turns per second, p95 done, errors, throughput as a
 *    ratio of the ten-local-activity workflow's).
 * 3. Memory: the API, the worker and the two sandboxes as separate processes, BENCH_RSS_TURNS turns
 *    of the three kinds, ~10 in flight; the worker's VmRSS before, after, peak, and its slope over
 *    the last 500 turns.
 * The warm-up is long on purpose: a fresh worker picks up workflow tasks within ~3 ms for its first
 * ~20 workflows and 15-40 ms from then on (bare workflows too); the figures are the steady state.
 * Prints a table and the goals with pass/fail, writes bench/results/<time>.json and
 * latest.json. It measures and does not assert: it exits 0 whatever the figures (1 only when it
 * cannot run). Ctrl-C stops everything it started.
 *
 *   npm run bench
 *   BENCH_SEQUENTIAL=30 BENCH_CONCURRENT_TURNS=100 BENCH_CONCURRENCY=25 BENCH_WARMUP=30 \
 *   BENCH_RSS_TURNS=1000 BENCH_RSS_CONCURRENCY=10 BENCH_TURN_TIMEOUT_MS=30000 npm run bench
 *   (BENCH_RSS_TURNS=0 skips the memory run; TEMPORAL_CLI_PATH and REDIS_URL as for `npm run dev`.)
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { ensureRedis } from '../src/dev/redis.js';
import { findTemporalCli, startDevServer } from '../src/dev/temporal.js';
import { createLogger } from '../src/observability/logger.js';
import { installTemporalRuntime } from '../src/worker/temporal-runtime.js';
import { startSystem, TOKEN } from '../test/integration/harness.js';
import { bareJob, BARE_WORKFLOWS, startBareWorker, type BareKind } from './lib/bare.js';
import { loadStopped, runPool, runSequential, stopLoad, type Job } from './lib/load.js';
import { watchOtherCpu } from './lib/cpu.js';
import { runMemory, type MemoryRun } from './lib/memory-run.js';
import { stopAllServices } from './lib/processes.js';
import { goals, machineInfo, render, withRatios, writeResults, type Results, type Settings, type Workload } from './lib/report.js';
import { summarize } from './lib/stats.js';
import { TURN_KINDS, turnJob, type TurnKind } from './lib/turns.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NAMESPACE = 'default';

const intEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got ${process.env[name]}`);
  return value;
};

const settings: Settings = {
  sequential: intEnv('BENCH_SEQUENTIAL', 30),
  concurrentTurns: intEnv('BENCH_CONCURRENT_TURNS', 100),
  concurrency: intEnv('BENCH_CONCURRENCY', 25),
  warmup: intEnv('BENCH_WARMUP', 30),
  rssTurns: intEnv('BENCH_RSS_TURNS', 1000),
  rssConcurrency: intEnv('BENCH_RSS_CONCURRENCY', 10),
  turnTimeoutMs: intEnv('BENCH_TURN_TIMEOUT_MS', 30_000),
};

const log = (msg: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

/** Things to stop, last started first; run once, on the way out or on Ctrl-C. */
const cleanups: Array<() => Promise<void>> = [];
async function cleanUp(): Promise<void> {
  for (const stop of cleanups.splice(0).reverse()) await stop().catch((err: unknown) => log(`stop failed: ${String(err)}`));
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    stopLoad();
    void cleanUp().finally(() => process.exit(130));
  });
}

/** Warm-up, then the workload sequentially and `concurrency` at a time. */
async function measure(name: string, kind: Workload['kind'], job: Job, message?: string): Promise<Workload> {
  log(`${name}: warm-up, ${settings.sequential} sequential, ${settings.concurrentTurns} at ${settings.concurrency} in flight`);
  await runSequential(settings.warmup, job);
  const others = watchOtherCpu();
  const sequential = summarize(await runSequential(settings.sequential, job));
  const concurrent = summarize(await runPool(settings.concurrentTurns, settings.concurrency, job));
  return { name, kind, ...(message ? { message } : {}), sequential, concurrent, otherCpuCores: others() };
}

async function measureBare(address: string, client: Client): Promise<Workload[]> {
  const worker = await startBareWorker(address, NAMESPACE);
  try {
    const workloads: Workload[] = [];
    for (const kind of Object.keys(BARE_WORKFLOWS) as BareKind[]) workloads.push(await measure(kind, 'bare', bareJob(client, kind)));
    return workloads;
  } finally {
    await worker.stop();
  }
}

async function measureTurns(address: string, redisUrl: string): Promise<Workload[]> {
  log('turns: starting the API, the worker and both sandboxes in this process');
  const system = await startSystem({ temporalAddress: address, redisUrl });
  try {
    const target = { url: system.api.url, token: TOKEN, timeoutMs: settings.turnTimeoutMs };
    const workloads: Workload[] = [];
    for (const kind of Object.keys(TURN_KINDS) as TurnKind[]) workloads.push(await measure(kind, 'turn', turnJob(target, kind), TURN_KINDS[kind]));
    return workloads;
  } finally {
    await system.stop();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadAtStart = loadavg();
  installTemporalRuntime(createLogger('bench', 'warn'), { verbose: false, metricsPort: 0 });
  const redis = await ensureRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', log);
  cleanups.push(redis.stop);
  const executable = findTemporalCli(process.env.TEMPORAL_CLI_PATH, log);
  log('starting the Temporal dev server');
  const server = await startDevServer({ executable, namespace: NAMESPACE });
  cleanups.push(server.stop);
  const connection = await Connection.connect({ address: server.address });
  cleanups.push(() => connection.close());
  const client = new Client({ connection, namespace: NAMESPACE });
  cleanups.push(stopAllServices); // the memory run's processes, should it be interrupted

  const bare = await measureBare(server.address, client);
  const turns = await measureTurns(server.address, redis.url);
  const memory: MemoryRun | undefined =
    settings.rssTurns > 0
      ? await runMemory({
          root: ROOT,
          temporalAddress: server.address,
          namespace: NAMESPACE,
          redisUrl: redis.url,
          client,
          turns: settings.rssTurns,
          concurrency: settings.rssConcurrency,
          warmupTurns: 30,
          timeoutMs: settings.turnTimeoutMs,
          log,
        })
      : undefined;

  if (loadStopped()) throw new Error('interrupted'); // partial figures are not written
  const workloads = withRatios([...bare, ...turns]);
  const results: Results = {
    timestamp: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    machine: machineInfo(ROOT, executable.type === 'existing-path' ? executable.path : executable.type, loadAtStart),
    settings,
    workloads,
    ...(memory ? { memory } : {}),
    goals: goals(workloads, memory),
  };
  const file = writeResults(ROOT, results);
  console.log(`\n${render(results)}\n\n${results.durationSeconds} s; figures in ${file} and bench/results/latest.json`);
}

try {
  await main();
} catch (err) {
  if (loadStopped()) log('interrupted');
  else log(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
