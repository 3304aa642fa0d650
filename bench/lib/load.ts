/**
 * Load shapes: one job after another, or a pool keeping N jobs in flight. A job never throws: it
 * reports its own failure as an outcome, so a failed turn counts as an error, not as a crash.
 */

/** What one workflow or turn did, in ms from its start. */
export interface Outcome {
  ok: boolean;
  /** first sign of life: the first SSE event of a turn, the start acknowledgement of a bare workflow. */
  firstMs?: number;
  /** the turn's `done` event, or the bare workflow's result. */
  doneMs: number;
  error?: string;
}

/** A job: the i-th workflow or turn of a run. */
export type Job = (i: number) => Promise<Outcome>;

export interface Run {
  outcomes: Outcome[];
  /** from the first start to the last settled job. */
  wallMs: number;
}

let stopped = false;

/** Starts no more jobs (on Ctrl-C): runs end with the jobs already in flight. */
export function stopLoad(): void {
  stopped = true;
}

/** Whether stopLoad() was called. */
export const loadStopped = () => stopped;

/** Runs `count` jobs one after another. */
export async function runSequential(count: number, job: Job): Promise<Run> {
  const outcomes: Outcome[] = [];
  const t0 = performance.now();
  for (let i = 0; i < count && !stopped; i++) outcomes.push(await job(i));
  return { outcomes, wallMs: performance.now() - t0 };
}

/**
 * Runs `count` jobs keeping `concurrency` in flight: a new one starts as soon as one settles.
 * @param onSettled called after each job with the number settled so far (e.g. to sample memory)
 */
export async function runPool(count: number, concurrency: number, job: Job, onSettled?: (settled: number) => void): Promise<Run> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const t0 = performance.now();
  const lane = async () => {
    while (next < count && !stopped) {
      const outcome = await job(next++);
      outcomes.push(outcome);
      onSettled?.(outcomes.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return { outcomes, wallMs: performance.now() - t0 };
}

/** The message of anything thrown. */
export const messageOf = (err: unknown): string => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));
