/**
 * Installs the Temporal Runtime once per process: the SDK's logs (worker, workflow `log`, activity
 * `log`) go to pino as JSON, so workflow logs carry workflowId/runId/taskQueue like every other
 * line of the service; optionally the SDK's metrics are served for Prometheus.
 */
import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';
import type { Logger } from '../observability/logger.js';

const LEVELS = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

let installed = false;

export interface RuntimeOptions {
  /** INFO-level SDK logs when true, else WARN. */
  verbose: boolean;
  /** port of the Prometheus /metrics endpoint; 0 disables it. */
  metricsPort: number;
}

/**
 * Installs the Runtime; later calls in the same process do nothing. Call it before anything
 * creates a connection (the first connection instantiates a default Runtime).
 */
export function installTemporalRuntime(logger: Logger, options: RuntimeOptions): void {
  if (installed) return;
  installed = true;
  const sdk = logger.child({ component: 'temporal' });
  Runtime.install({
    logger: new DefaultLogger(options.verbose ? 'INFO' : 'WARN', (entry: LogEntry) => {
      const { [Symbol.for('log_timestamp')]: _ts, ...meta } = (entry.meta ?? {}) as Record<string | symbol, unknown>;
      sdk[LEVELS[entry.level]](meta as Record<string, unknown>, entry.message);
    }),
    ...(options.metricsPort > 0
      ? { telemetryOptions: { metrics: { prometheus: { bindAddress: `0.0.0.0:${options.metricsPort}` } } } }
      : {}),
  });
}
