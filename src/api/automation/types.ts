/** How the campaign automation API runs an action (issue "Campaign automation" §1). */
import type { Client } from '@temporalio/client';
import type { z } from 'zod';
import type { Language } from '../../domain/chat/intent.js';

/** What every action gets besides its parameters. */
export interface ActionContext {
  temporal: Client;
  taskQueue: string;
  userId: string;
  language: Language;
  /**
   * the caller's `Idempotency-Key` header: a repeat with the same key and payload returns the
   * first answer (same operation, no new charge or platform object); another payload → 409.
   */
  idempotencyKey?: string;
}

/**
 * The answer of an action: long operations answer at once with their operation id (a workflow id,
 * `GET /api/v1/operations/{id}` tells its state); short ones with their result.
 */
export type ActionOutcome = { kind: 'started'; operationId: string } | { kind: 'done'; result: unknown };

/** One action of the module: its parameters' schema and how it runs. */
export interface AutomationAction<S extends z.ZodType = z.ZodType> {
  parameters: S;
  run(ctx: ActionContext, parameters: z.output<S>): Promise<ActionOutcome>;
}

/** Workflow ids of operations start with this prefix (chat turns use `chat-turn-`). */
export { OPERATION_PREFIX } from '../../domain/campaign-ops/operation-inputs.js';
