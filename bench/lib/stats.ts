/** Percentiles and rates of a run (simple-statistics' quantiles over the successful jobs). */
import { linearRegression, quantileSorted } from 'simple-statistics';
import type { Run } from './load.js';

export interface Percentiles {
  p50: number;
  p95: number;
}

export interface Summary {
  /** jobs run, failed ones included. */
  count: number;
  errors: number;
  /** up to five distinct error messages. */
  errorSamples: string[];
  /** of the successful jobs, in ms (absent when none succeeded). */
  first?: Percentiles;
  done?: Percentiles;
  /** every successful job's times in ms, in the order they settled. */
  samplesMs: { first: number[]; done: number[] };
  /** successful jobs per second of wall time. */
  perSecond: number;
  wallMs: number;
}

const round = (x: number, digits = 1) => Number(x.toFixed(digits));

function percentiles(values: number[]): Percentiles | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: round(quantileSorted(sorted, 0.5)), p95: round(quantileSorted(sorted, 0.95)) };
}

/** Summarises a run. */
export function summarize(run: Run): Summary {
  const ok = run.outcomes.filter((o) => o.ok);
  const failed = run.outcomes.filter((o) => !o.ok);
  const first = percentiles(ok.flatMap((o) => (o.firstMs === undefined ? [] : [o.firstMs])));
  const done = percentiles(ok.map((o) => o.doneMs));
  return {
    count: run.outcomes.length,
    errors: failed.length,
    errorSamples: [...new Set(failed.map((o) => o.error ?? 'unknown'))].slice(0, 5),
    ...(first ? { first } : {}),
    ...(done ? { done } : {}),
    samplesMs: { first: ok.flatMap((o) => (o.firstMs === undefined ? [] : [round(o.firstMs)])), done: ok.map((o) => round(o.doneMs)) },
    perSecond: round(ok.length / (run.wallMs / 1000), 2),
    wallMs: Math.round(run.wallMs),
  };
}

/** Slope of y over x by least squares (0 with fewer than two points). */
export function slope(points: Array<[number, number]>): number {
  return points.length < 2 ? 0 : linearRegression(points).m;
}
