/**
 * How much of the machine other work took while the bench measured: CPU time of the whole machine
 * (/proc/stat) minus that of the bench's own process tree (this process, the Temporal dev server,
 * the memory run's services) and of Redis (which the bench's turns keep busy), in cores on average. On a shared 2-core machine, anything well above
 * zero makes the figures slower than the code is.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  command: string;
  ppid: number;
  /** user + system CPU seconds of the process (all its threads). */
  seconds: number;
}

function procStat(pid: string): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { command: text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')), ppid: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return undefined; // exited meanwhile
  }
}

/** CPU seconds of `root`, every process below it, and redis-server. */
function ownSeconds(root: number): number {
  const stats = new Map<number, ProcStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(entry);
    if (stat) stats.set(Number(entry), stat);
  }
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of stats) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let total = 0;
  const stack = [root, ...[...stats].filter(([, s]) => s.command === 'redis-server').map(([pid]) => pid)];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += stats.get(pid)?.seconds ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Busy CPU seconds of the whole machine since boot (user, nice, system, irq, softirq, steal). */
function machineSeconds(): number {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / TICKS_PER_SECOND;
}

/** Starts watching; the returned function gives the other processes' average use in cores since then. */
export function watchOtherCpu(): () => number {
  const at = performance.now();
  const machine = machineSeconds();
  const own = ownSeconds(process.pid);
  return () => {
    const wall = (performance.now() - at) / 1000;
    const others = machineSeconds() - machine - (ownSeconds(process.pid) - own);
    return Number(Math.max(0, others / wall).toFixed(2));
  };
}
