/**
 * GET /health: every dependency's status (healthy or degraded) with latencies in ms;
 * GET /ready: 200 when the API can serve turns (Temporal and Redis answer), else 503.
 * Neither needs the service token (seed 000 task 4.5).
 */
import { Hono } from 'hono';
import type { AppEnv } from '../types.js';

/** A dependency probe: resolves with details when healthy, rejects otherwise. */
export type Probe = () => Promise<Record<string, unknown> | void>;

export interface HealthDeps {
  probes: Record<string, Probe>;
  /** the probes whose failure makes the API not ready. */
  readiness: string[];
  /** per-probe timeout (ms). */
  timeoutMs?: number;
}

interface CheckResult {
  status: 'healthy' | 'unhealthy';
  latency_ms: number;
  error?: string;
  [k: string]: unknown;
}

async function runProbe(probe: Probe, timeoutMs: number): Promise<CheckResult> {
  const start = performance.now();
  try {
    const details = await Promise.race([
      probe(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
    return { status: 'healthy', latency_ms: Math.round(performance.now() - start), ...(details ?? {}) };
  } catch (err) {
    return { status: 'unhealthy', latency_ms: Math.round(performance.now() - start), error: err instanceof Error ? err.message : String(err) };
  }
}

export function healthRoutes(deps: HealthDeps) {
  const app = new Hono<AppEnv>();
  const timeoutMs = deps.timeoutMs ?? 3000;
  const runAll = async (names: string[]) =>
    Object.fromEntries(await Promise.all(names.map(async (n) => [n, await runProbe(deps.probes[n]!, timeoutMs)] as const)));

  app.get('/health', async (c) => {
    const checks = await runAll(Object.keys(deps.probes));
    const healthy = Object.values(checks).every((r) => r.status === 'healthy');
    return c.json({ status: healthy ? 'healthy' : 'degraded', checks, timestamp: new Date().toISOString() }, healthy ? 200 : 503);
  });

  app.get('/ready', async (c) => {
    const checks = await runAll(deps.readiness);
    const ready = Object.values(checks).every((r) => r.status === 'healthy');
    return c.json({ ready, checks }, ready ? 200 : 503);
  });
  return app;
}
