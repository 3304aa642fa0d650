/**
 * The memory run: the Web Platform sandbox, the ads sandbox, the API and the worker as four
 * separate processes on the bench's Temporal server and Redis (a task queue of their own), then
 * `turns` turns over HTTP (small talk, 1 image and report in turn, `concurrency` in flight), reading
 * the worker's VmRSS before the first measured turn (after a warm-up) and after every 25 turns.
 */
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { watchOtherCpu } from './cpu.js';
import { loadStopped, runPool, type Outcome } from './load.js';
import { answers, commandLine, freePort, nodeArgsOfScript, procMemoryMb, spawnService, stopAllServices, waitUntil, type Service } from './processes.js';
import { slope, summarize, type Summary } from './stats.js';
import { mixedTurnJob, type ApiTarget } from './turns.js';

export interface MemoryRunOptions {
  root: string;
  temporalAddress: string;
  namespace: string;
  redisUrl: string;
  /** a Temporal client on the same server (to see the worker poll). */
  client: Client;
  turns: number;
  concurrency: number;
  warmupTurns: number;
  timeoutMs: number;
  log: (msg: string) => void;
}

export interface RssSample {
  /** measured turns settled when the sample was taken. */
  turns: number;
  rssMb: number;
}

export interface MemoryRun {
  workerPid: number;
  workerCommand: string;
  turns: Summary;
  /** worker VmRSS, before the first measured turn and after every 25. */
  samples: RssSample[];
  /** once the worker polls its task queue, before any turn. */
  readyMb: number;
  /** after the warm-up, before the first measured turn. */
  beforeMb: number;
  afterMb: number;
  /** the worker's VmHWM at the end: its highest RSS over the whole run, warm-up included. */
  peakMb: number;
  /** least-squares slope of RSS over the last 500 turns, MB per 100 turns. */
  slopeLast500MbPer100: number;
  /** RSS after the last turn minus RSS 500 turns earlier. */
  growthLast500Mb: number;
  /** CPU other processes took during the measured turns, in cores on average. */
  otherCpuCores: number;
  /** every service's RSS before and after, for context. */
  services: Record<string, { pid: number; beforeMb: number; afterMb: number }>;
}

const SERVICE_TOKEN = 'bench-service-token-0123456789';
/** RSS is read every SAMPLE_EVERY turns (for the slope) and logged every LOG_EVERY. */
const SAMPLE_EVERY = 25;
const LOG_EVERY = 100;

/** Starts the four services; resolves once each answers (the worker: once it polls its task queue). */
async function startServices(opts: MemoryRunOptions, taskQueue: string, dataDir: string): Promise<{ api: ApiTarget; services: Service[] }> {
  const [apiPort, sandboxPort, adsPort] = [await freePort(), await freePort(), await freePort()];
  const env: Record<string, string> = {
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    TEMPORAL_ADDRESS: opts.temporalAddress,
    TEMPORAL_NAMESPACE: opts.namespace,
    TEMPORAL_TASK_QUEUE: taskQueue,
    REDIS_URL: opts.redisUrl,
    SERVICE_TOKEN,
    PORT: String(apiPort),
    SANDBOX_PORT: String(sandboxPort),
    ADS_SANDBOX_PORT: String(adsPort),
    WEB_PLATFORM_URL: `http://127.0.0.1:${sandboxPort}`,
    ADS_SANDBOX_URL: `http://127.0.0.1:${adsPort}`,
    DATA_DIR: dataDir,
  };
  const scripts = (JSON.parse(readFileSync(join(opts.root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  // Each service as `npm run start:<name>` runs it (the worker and the API compiled, by `npm run build`).
  const start = (name: string, script: string) => spawnService(name, nodeArgsOfScript(scripts[script]!), opts.root, env, dataDir);
  const ads = await start('ads-sandbox', 'start:ads-sandbox');
  await waitUntil('the ads sandbox', ads, () => answers(`${env.ADS_SANDBOX_URL}/health`));
  const sandbox = await start('web-platform-sandbox', 'start:web-platform-sandbox');
  await waitUntil('the Web Platform sandbox', sandbox, () => answers(`${env.WEB_PLATFORM_URL}/health`));
  const worker = await start('worker', 'start:worker');
  const api = await start('api', 'start:api');
  await waitUntil('the API', api, () => answers(`http://127.0.0.1:${apiPort}/ready`));
  await waitUntil('the worker to poll', worker, async () => {
    const { pollers } = await opts.client.workflowService.describeTaskQueue({ namespace: opts.namespace, taskQueue: { name: taskQueue } });
    return pollers.length > 0;
  });
  return { api: { url: `http://127.0.0.1:${apiPort}`, token: SERVICE_TOKEN, timeoutMs: opts.timeoutMs }, services: [ads, sandbox, worker, api] };
}

/** The worker's pid, after checking that it is the worker itself and not a wrapper. */
function workerOf(services: Service[]): Service {
  const worker = services.find((s) => s.name === 'worker')!;
  const command = commandLine(worker.pid);
  if (!command.includes('worker/main.')) {
    throw new Error(`pid ${worker.pid} is not the worker: ${command}`);
  }
  return worker;
}

/** Runs the memory run; stops every service it started, also when it fails. */
export async function runMemory(opts: MemoryRunOptions): Promise<MemoryRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
  const taskQueue = `bench-memory-${randomUUID().slice(0, 8)}`;
  let keepLogs = true;
  try {
    opts.log('memory run: npm run build (the worker and the API run compiled, as npm run start:worker and start:api do)');
    execFileSync('npm', ['run', 'build'], { cwd: opts.root, stdio: ['ignore', 'ignore', 'inherit'] });
    opts.log(`memory run: starting the sandboxes, the API and the worker as processes (logs in ${dataDir})`);
    const { api, services } = await startServices(opts, taskQueue, dataDir);
    const worker = workerOf(services);
    const rssOf = (s: Service) => procMemoryMb(s.pid, 'VmRSS');
    const readyMb = rssOf(worker);

    opts.log(`memory run: warm-up (${opts.warmupTurns} turns)`);
    await runPool(opts.warmupTurns, opts.concurrency, mixedTurnJob(api));
    const before = Object.fromEntries(services.map((s) => [s.name, rssOf(s)]));
    const samples: RssSample[] = [{ turns: 0, rssMb: rssOf(worker) }];

    opts.log(`memory run: ${opts.turns} turns, ${opts.concurrency} in flight`);
    const others = watchOtherCpu();
    const run = await runPool(opts.turns, opts.concurrency, mixedTurnJob(api), (settled) => {
      if (!worker.alive()) throw new Error(`the worker exited during the memory run; see ${worker.logFile}`);
      if (settled % SAMPLE_EVERY === 0 || settled === opts.turns) {
        samples.push({ turns: settled, rssMb: rssOf(worker) });
        if (settled % LOG_EVERY === 0) opts.log(`  ${settled} turns: worker RSS ${samples.at(-1)!.rssMb} MB`);
      }
    });
    const otherCpuCores = others();
    if (loadStopped()) throw new Error('interrupted');
    for (const s of services) if (!s.alive()) throw new Error(`${s.name} died during the memory run; see ${s.logFile}`);
    const result = { ...summarizeMemory(run.outcomes, run.wallMs, samples, worker, services, before), readyMb, otherCpuCores };
    keepLogs = result.turns.errors > 0 || process.env.BENCH_KEEP_LOGS === "1";
    return result;
  } finally {
    await stopAllServices();
    if (keepLogs) opts.log(`memory run: service logs kept in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

function summarizeMemory(
  outcomes: Outcome[],
  wallMs: number,
  samples: RssSample[],
  worker: Service,
  services: Service[],
  before: Record<string, number>,
): Omit<MemoryRun, 'readyMb' | 'otherCpuCores'> {
  const last = samples.at(-1)!;
  const window = samples.filter((s) => s.turns >= last.turns - 500);
  const first = window[0]!;
  return {
    workerPid: worker.pid,
    workerCommand: commandLine(worker.pid),
    turns: summarize({ outcomes, wallMs }),
    samples,
    beforeMb: samples[0]!.rssMb,
    afterMb: last.rssMb,
    peakMb: procMemoryMb(worker.pid, 'VmHWM'),
    slopeLast500MbPer100: Number((slope(window.map((s) => [s.turns, s.rssMb])) * 100).toFixed(2)),
    growthLast500Mb: Number((last.rssMb - first.rssMb).toFixed(1)),
    services: Object.fromEntries(services.map((s) => [s.name, { pid: s.pid, beforeMb: before[s.name]!, afterMb: procMemoryMb(s.pid, 'VmRSS') }])),
  };
}
