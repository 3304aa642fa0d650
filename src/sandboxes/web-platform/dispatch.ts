/**
 * Runs one tool call for either protocol form: applies an injected fault, runs the tool, logs the
 * call, and turns every failure into an AppError the forms can encode as `{code, message, details}`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../domain/errors.js';
import type { Logger } from '../../observability/logger.js';
import type { ActiveFault, Faults } from './faults.js';
import type { WebPlatformStore } from './store.js';
import { TOOLS } from './tools.js';

/** What the HTTP layer knows about a call. */
export interface CallContext {
  transport: 'mcp' | 'execute';
  /** base URL clients see. */
  publicUrl: string;
  /** destroys the underlying connection (for `drop` faults). */
  drop(): void;
}

/** The error body both forms send. */
export interface ToolErrorBody {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

/** Calls tools by name. */
export type Dispatch = (name: string, args: unknown, call: CallContext) => Promise<Record<string, unknown>>;

/** Creates the dispatcher; `closing` aborts hanging faults when the sandbox shuts down. */
export function createDispatch(deps: {
  store: WebPlatformStore;
  faults: Faults;
  logger: Logger;
  closing: AbortSignal;
  /** base URL of the ads sandbox get_ad_accounts points to. */
  adsUrl?: string;
}): Dispatch {
  return async (name, args, call) => {
    const started = performance.now();
    const log = deps.logger.child({ tool: name, transport: call.transport, user_id: userIdOf(args) });
    try {
      const tool = TOOLS.get(name);
      if (!tool) throw new AppError('3001', `Unknown tool: ${name}`, { tool: name });
      const fault = deps.faults.take(name);
      if (fault) await applyFault(fault, call, deps.closing);
      const result = await tool.handle(args, { store: deps.store, publicUrl: call.publicUrl, ...(deps.adsUrl ? { adsUrl: deps.adsUrl } : {}) });
      log.info({ duration_ms: Math.round(performance.now() - started) }, 'tool call');
      return result;
    } catch (err) {
      const appError = err instanceof AppError ? err : new AppError('1000');
      const level = err instanceof AppError ? 'warn' : 'error';
      log[level]({ duration_ms: Math.round(performance.now() - started), code: appError.code, err }, 'tool call failed');
      throw appError;
    }
  };
}

/** The `{code, message, details}` body of a failed call. */
export function errorBody(err: AppError): ToolErrorBody {
  return { code: err.code, message: err.message, details: err.details };
}

async function applyFault(fault: ActiveFault, call: CallContext, closing: AbortSignal): Promise<void> {
  switch (fault.mode) {
    case 'error':
      throw new AppError(fault.code, 'Injected fault', { injected: true });
    case 'timeout':
      await sleep(fault.delay_ms, undefined, { signal: closing });
      return;
    case 'drop':
      call.drop();
      throw new AppError('1000', 'Injected connection drop', { injected: true });
  }
}

function userIdOf(args: unknown): string | undefined {
  const id = (args as { user_id?: unknown } | undefined)?.user_id;
  return typeof id === 'string' ? id : undefined;
}
