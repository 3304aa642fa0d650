/**
 * The events a chat turn streams to the Web Platform over SSE (seed 000 task 4.4, 需求 13).
 * Each SSE message's data is one of these as JSON; its SSE id is the Redis stream entry id.
 */
import type { PlannedChange } from '../campaign-ops/changes.js';
import type { ErrorBody } from '../errors.js';
import type { IntentPlan } from './intent.js';

/** What a confirmation asks about: the operations and their impact. */
export interface ConfirmationRequest {
  turn_id: string;
  /** the high-risk operations, e.g. "campaign.manage_campaign". */
  operation: {
    steps: Array<{
      index: number;
      module: string;
      action: string;
      parameters: Record<string, unknown>;
      /** campaign commands: every affected object with its status / daily budget (major units) before and after. */
      changes?: PlannedChange[];
    }>;
  };
  impact: { estimated_credits: number; reasons: string[]; expires_at: string };
}

export type TurnEvent =
  | { type: 'turn_started'; turn_id: string; workflow_id: string }
  | { type: 'intent'; plan: IntentPlan }
  | { type: 'tool_start'; tool: string; step: number }
  | { type: 'tool_complete'; tool: string; step: number; status: 'succeeded' | 'failed' | 'skipped' | 'unavailable'; result?: unknown; error?: ErrorBody }
  | ({ type: 'confirmation_required' } & ConfirmationRequest)
  | { type: 'confirmation_resolved'; approved: boolean; reason: 'user' | 'timeout' }
  | { type: 'token'; content: string }
  | { type: 'error'; error: ErrorBody }
  | { type: 'done'; status: string };

/** A stored event with its stream id (the SSE id). */
export interface StoredTurnEvent {
  id: string;
  event: TurnEvent;
}
