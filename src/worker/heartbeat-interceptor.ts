/**
 * Heartbeats for every regular activity that has a heartbeat timeout (the kit's MODEL_CALL,
 * IMAGE_GENERATION and PLATFORM_MUTATION option sets): while the activity runs, the worker beats
 * every third of the timeout, so a lost worker is noticed within the timeout and no activity has
 * to remember to beat. Local activities cannot heartbeat and are left alone.
 */
import type { Context } from '@temporalio/activity';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';

/** The shortest interval between beats (ms). */
const MIN_INTERVAL_MS = 1000;

/** The activity interceptor factory to pass in WorkerOptions.interceptors.activity. */
export const heartbeatInterceptor: ActivityInterceptorsFactory = (ctx: Context) => ({
  inbound: {
    async execute(input, next) {
      const timeoutMs = ctx.info.heartbeatTimeoutMs;
      if (ctx.info.isLocal || !timeoutMs) return next(input);
      ctx.heartbeat();
      const timer = setInterval(() => ctx.heartbeat(), Math.max(MIN_INTERVAL_MS, Math.floor(timeoutMs / 3)));
      try {
        return await next(input);
      } finally {
        clearInterval(timer);
      }
    },
  },
});
