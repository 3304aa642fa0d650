/**
 * The chat turn workflow's public surface: input, state, query and update. Shared by the
 * workflow and by its callers (the API); contains no workflow logic.
 */
import { defineQuery } from '@temporalio/workflow';
import type { ConfirmationOutcome } from '../kit/confirmation.js';
import type { ErrorBody } from '../../domain/errors.js';
import type { IntentPlan } from '../../domain/chat/intent.js';
import type { ConfirmationRequest } from '../../domain/chat/events.js';

/** Workflow id of a turn: derived from turn_id, so the same turn never runs twice. */
export const chatTurnWorkflowId = (turnId: string) => `chat-turn-${turnId}`;

export interface ChatTurnInput {
  turnId: string;
  userId: string;
  sessionId: string;
  message: string;
  /** the HTTP request that started the turn, for log correlation. */
  requestId?: string;
  /** how long to wait for a confirmation, in seconds. */
  confirmationTimeoutSeconds: number;
  /** credits above which a step needs confirmation. */
  creditThreshold: number;
  /** recharge link sent with code 6011. */
  rechargeUrl: string;
  /**
   * How the reply is written: 'template' (the offline model: microseconds, a local activity) or
   * 'model' (Gemini streaming tokens: a regular activity with heartbeats). Default 'model'.
   */
  replyWriter?: 'template' | 'model';
}

export type TurnStatus =
  | 'planning'
  | 'awaiting_confirmation'
  | 'running'
  | 'replying'
  | 'completed'
  | 'clarifying'
  | 'rejected'
  | 'confirmation_timeout'
  | 'insufficient_credits'
  | 'failed';

export type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'unavailable' | 'cancelled';

export interface StepState {
  index: number;
  module: string;
  action: string;
  status: StepStatus;
  result?: unknown;
  error?: ErrorBody;
  /** credits deducted for the step and refunded by compensation (whole credits). */
  credits_charged: number;
  credits_refunded: number;
}

/** What `GET /api/v1/chat/turns/{id}` returns (through {@link turnStateQuery}). */
export interface TurnState {
  turn_id: string;
  user_id: string;
  session_id: string;
  status: TurnStatus;
  plan?: IntentPlan;
  model?: string;
  pending_confirmation?: ConfirmationRequest;
  /** the audit record of the confirmation: who answered, when, what (or the timeout). */
  confirmation?: ConfirmationOutcome;
  steps: StepState[];
  credits: { charged: number; refunded: number };
  reply?: string;
  error?: ErrorBody;
}

export const turnStateQuery = defineQuery<TurnState>('turnState');

/** The confirmation update, its answer and its failure types: one for every workflow (src/workflows/kit/confirmation.ts). */
export { confirmUpdate, FORBIDDEN_FAILURE, NOT_PENDING_FAILURE, type ConfirmationDecision, type ConfirmationOutcome } from '../kit/confirmation.js';
