/**
 * The system as separate processes for the memory run: each service is the node command of its
 * package.json script (`npm run start:worker` → `node <flags> dist/worker/main.js`, `tsx <entry>`
 * → `node --import tsx <entry>`) spawned directly (no npm or tsx wrapper), so a child's pid is the
 * service itself and /proc/<pid>/status is its memory. Output goes to a log file per service.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface Service {
  name: string;
  /** node's arguments (flags and entry point, relative to the repository root), e.g. ['dist/worker/main.js'] */
  entry: string;
  pid: number;
  logFile: string;
  child: ChildProcess;
  /** whether the process is still running. */
  alive(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<Service>();

// Last resort when the bench exits without stopping its children (an uncaught error).
process.on('exit', () => {
  for (const service of running) if (service.alive()) service.child.kill('SIGKILL');
});

/**
 * node's arguments for a package.json script: `node <args>` as written, `tsx <entry>` as
 * `--import tsx <entry>`.
 * @throws for any other command (an npm wrapper would hide the service's pid)
 */
export function nodeArgsOfScript(script: string): string[] {
  const [command, ...args] = script.trim().split(/\s+/);
  if (command === 'node') return args;
  if (command === 'tsx') return ['--import', 'tsx', ...args];
  throw new Error(`cannot spawn "${script}" without a wrapper: use node or tsx`);
}

/**
 * Spawns `node <nodeArgs>` in `root` with exactly `env` (plus PATH and HOME).
 * @throws when node cannot be spawned
 */
export async function spawnService(name: string, nodeArgs: string[], root: string, env: Record<string, string>, logDir: string): Promise<Service> {
  const logFile = join(logDir, `${name}.log`);
  const fd = openSync(logFile, 'a');
  const entry = nodeArgs.join(' ');
  const child = spawn(process.execPath, nodeArgs, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const service: Service = {
    name,
    entry,
    pid: child.pid!,
    logFile,
    child,
    alive,
    stop: async (graceMs = 10_000) => {
      running.delete(service);
      if (!alive()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  running.add(service);
  return service;
}

/** Stops every service still running, last spawned first. */
export async function stopAllServices(): Promise<void> {
  for (const service of [...running].reverse()) await service.stop();
}

/** The command line of a process, arguments joined by spaces. */
export function commandLine(pid: number): string {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
}

/** A field of /proc/<pid>/status in MB (VmRSS: resident now; VmHWM: the peak so far). */
export function procMemoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
  if (kb === undefined) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number((Number(kb) / 1024).toFixed(1));
}

/** A TCP port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Waits until `check` resolves true, polling every 200 ms.
 * @throws when `service` exits first or `timeoutMs` passes
 */
export async function waitUntil(what: string, service: Service, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!service.alive()) throw new Error(`${service.name} exited while waiting for ${what}; see ${service.logFile}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; see ${service.logFile}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Whether GET `url` answers 2xx. */
export async function answers(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await response.body?.cancel();
  return response.ok;
}
