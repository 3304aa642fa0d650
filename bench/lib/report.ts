/**
 * What the bench prints and writes: the workload table, the worker's memory, the issue's goals
 * with pass/fail, and the same figures as JSON in bench/results/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import type { MemoryRun } from './memory-run.js';
import type { Summary } from './stats.js';

export interface Workload {
  name: string;
  kind: 'bare' | 'turn';
  /** the chat message of a turn workload. */
  message?: string;
  sequential: Summary;
  concurrent: Summary;
  /** concurrent throughput over the ten-local-activity workflow's. */
  ratio?: number;
  /** CPU other processes took while this workload was measured, in cores on average. */
  otherCpuCores: number;
}

export interface Goal {
  name: string;
  value: number | undefined;
  unit: string;
  /** e.g. "<= 200" */
  goal: string;
  pass: boolean;
}

export interface Settings {
  sequential: number;
  concurrentTurns: number;
  concurrency: number;
  warmup: number;
  rssTurns: number;
  rssConcurrency: number;
  turnTimeoutMs: number;
}

export interface Results {
  timestamp: string;
  durationSeconds: number;
  machine: Record<string, unknown>;
  settings: Settings;
  workloads: Workload[];
  memory?: MemoryRun;
  goals: Goal[];
}

/** Other processes' CPU use (cores, on average) above which the figures are flagged as disturbed. */
const BUSY_CORES = 0.2;

/** A memory slope (MB per 100 turns) at or under this counts as "not growing". */
export const FLAT_SLOPE_MB_PER_100 = 1;

const TEN_LOCAL = '10 local activities';

/** Sets each workload's throughput ratio to the ten-local-activity workflow. */
export function withRatios(workloads: Workload[]): Workload[] {
  const base = workloads.find((w) => w.name === TEN_LOCAL)?.concurrent.perSecond;
  if (!base) return workloads;
  return workloads.map((w) => ({ ...w, ratio: Number((w.concurrent.perSecond / base).toFixed(2)) }));
}

const at = (x: number | undefined, max: number, strict = false) => x !== undefined && (strict ? x < max : x <= max);

/** The issue's acceptance figures, each against its goal. */
export function goals(workloads: Workload[], memory: MemoryRun | undefined): Goal[] {
  const turns = workloads.filter((w) => w.kind === 'turn');
  const list: Goal[] = [];
  for (const w of turns) {
    const limit = w.name === 'small talk' ? 120 : 200;
    list.push({ name: `${w.name}: sequential done p50`, value: w.sequential.done?.p50, unit: 'ms', goal: `<= ${limit}`, pass: at(w.sequential.done?.p50, limit) });
  }
  for (const w of turns) {
    list.push({ name: `${w.name}: sequential first event p95`, value: w.sequential.first?.p95, unit: 'ms', goal: '<= 50', pass: at(w.sequential.first?.p95, 50) });
  }
  for (const w of turns) {
    list.push({ name: `${w.name}: 25 at a time, throughput ratio`, value: w.ratio, unit: 'x', goal: '>= 0.6', pass: w.ratio !== undefined && w.ratio >= 0.6 });
    list.push({ name: `${w.name}: 25 at a time, done p95`, value: w.concurrent.done?.p95, unit: 'ms', goal: '< 1500', pass: at(w.concurrent.done?.p95, 1500, true) });
    list.push({ name: `${w.name}: 25 at a time, errors`, value: w.concurrent.errors, unit: '', goal: '= 0', pass: w.concurrent.errors === 0 });
  }
  const allErrors = turns.reduce((n, w) => n + w.sequential.errors + w.concurrent.errors, 0) + (memory?.turns.errors ?? 0);
  list.push({ name: 'errors in every turn run (sequential, 25 at a time, memory)', value: allErrors, unit: '', goal: '= 0', pass: allErrors === 0 });
  if (memory) {
    const n = memory.samples.at(-1)!.turns;
    list.push({ name: `worker RSS after ${n} turns`, value: memory.afterMb, unit: 'MB', goal: '<= 350', pass: memory.afterMb <= 350 });
    list.push({
      name: `worker RSS slope over the last ${Math.min(500, n)} turns`,
      value: memory.slopeLast500MbPer100,
      unit: 'MB/100 turns',
      goal: `<= ${FLAT_SLOPE_MB_PER_100} (not growing)`,
      pass: memory.slopeLast500MbPer100 <= FLAT_SLOPE_MB_PER_100,
    });
  }
  return list;
}

const num = (x: number | undefined, digits = 0) => (x === undefined ? '-' : x.toFixed(digits));
const cells = (values: string[], widths: number[]) => values.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');

/** The workload table, one row per workload. */
export function workloadTable(workloads: Workload[], settings: Settings): string {
  const widths = [20, 9, 9, 9, 9, 9, 9, 11, 8, 8];
  const head1 = `${''.padEnd(20)}  ${`sequential x${settings.sequential} (ms)`.padEnd(42)}  ${settings.concurrency} at a time x${settings.concurrentTurns}`;
  const head2 = cells(['workload', 'first p50', 'first p95', 'done p50', 'done p95', '/s', 'done p95', 'errors s/c', 'ratio', 'others'], widths);
  const rows = workloads.map((w) =>
    cells(
      [
        w.name,
        num(w.sequential.first?.p50, 1),
        num(w.sequential.first?.p95, 1),
        num(w.sequential.done?.p50, 1),
        num(w.sequential.done?.p95, 1),
        num(w.concurrent.perSecond, 1),
        num(w.concurrent.done?.p95),
        `${w.sequential.errors}/${w.concurrent.errors}`,
        num(w.ratio, 2),
        num(w.otherCpuCores, 2),
      ],
      widths,
    ),
  );
  const legend = [
    'first: the first SSE event (bare workflows: the start acknowledged); done: the done event (bare: the result)',
    `/s: completed per second with ${settings.concurrency} in flight; ratio: /s over the 10-local-activity workflow's; errors: sequential/concurrent`,
    'others: cores that processes outside the bench (and Redis) used meanwhile, on average (0 on an idle machine)',
  ];
  return [head1, head2, '-'.repeat(head2.length), ...rows, '', ...legend].join('\n');
}

/** The worker's memory over the memory run. */
export function memoryTable(memory: MemoryRun): string {
  const lines = [
    `worker pid ${memory.workerPid} (${memory.workerCommand})`,
    `turns ${memory.turns.count} (errors ${memory.turns.errors}), ${memory.turns.perSecond} turns/s, done p50 ${num(memory.turns.done?.p50)} ms, p95 ${num(memory.turns.done?.p95)} ms; others ${memory.otherCpuCores} cores`,
    `worker RSS: ready ${memory.readyMb} MB, before ${memory.beforeMb} MB, after ${memory.afterMb} MB, peak ${memory.peakMb} MB; last 500 turns: ${memory.growthLast500Mb >= 0 ? '+' : ''}${memory.growthLast500Mb} MB, slope ${memory.slopeLast500MbPer100} MB/100 turns`,
    `worker RSS by turns: ${memory.samples.filter((s) => s.turns % 100 === 0).map((s) => `${s.turns}:${s.rssMb}`).join('  ')}`,
    `every process (MB, before -> after): ${Object.entries(memory.services).map(([name, s]) => `${name} ${s.beforeMb} -> ${s.afterMb}`).join(', ')}`,
  ];
  return lines.join('\n');
}

/** The goals with their values and pass/fail. */
export function goalTable(list: Goal[]): string {
  return list
    .map((g) => `${g.pass ? 'PASS' : 'FAIL'}  ${g.name.padEnd(58)} ${`${num(g.value, g.unit === 'x' || g.unit.startsWith('MB/') ? 2 : 0)} ${g.unit}`.padStart(18)}   goal ${g.goal}`)
    .join('\n');
}

/** Everything printed at the end: the tables, the goals, a warning when the machine was busy, errors seen. */
export function render(results: Results): string {
  const { workloads, memory } = results;
  const parts = [workloadTable(workloads, results.settings)];
  if (memory) parts.push(`memory (API, worker and sandboxes as separate processes)\n${memoryTable(memory)}`);
  parts.push(`goals (issue 8 acceptance)\n${goalTable(results.goals)}`);
  const busiest = Math.max(memory?.otherCpuCores ?? 0, ...workloads.map((w) => w.otherCpuCores));
  if (busiest > BUSY_CORES) parts.push(`warning: other processes took up to ${busiest} of ${cpus().length} cores while measuring; the figures are slower than the code`);
  const errors = new Set([...workloads.flatMap((w) => [...w.sequential.errorSamples, ...w.concurrent.errorSamples]), ...(memory?.turns.errorSamples ?? [])]);
  if (errors.size > 0) parts.push(`errors seen:\n  ${[...errors].join('\n  ')}`);
  return parts.join('\n\n');
}

function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** What the figures were measured on. */
export function machineInfo(root: string, temporalCli: string | undefined, loadAtStart: number[]): Record<string, unknown> {
  const cpu = cpus();
  return {
    /** 1, 5 and 15 minute load averages: other work on the machine skews the figures. */
    loadAverage: { atStart: loadAtStart.map((x) => Number(x.toFixed(2))), atEnd: loadavg().map((x) => Number(x.toFixed(2))) },
    cpus: cpu.length,
    cpuModel: cpu[0]?.model,
    memoryMb: Math.round(totalmem() / 2 ** 20),
    node: process.version,
    os: `${process.platform} ${release()}`,
    gitCommit: git(root, ['rev-parse', 'HEAD']),
    /** uncommitted changes under src/ when the bench ran (the figures are of the working tree). */
    gitDirtySrc: (git(root, ['status', '--porcelain', '--', 'src']) ?? '') !== '',
    temporalCli,
  };
}

/**
 * Writes the results to bench/results/<timestamp>.json and bench/results/latest.json.
 * @returns the timestamped file's path
 */
export function writeResults(root: string, results: Results): string {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const file = join(dir, `${results.timestamp.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, json);
  writeFileSync(join(dir, 'latest.json'), json);
  return file;
}
