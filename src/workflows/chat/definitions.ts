/**
 * The chat turn workflow's public surface: input, state, query and update. Shared by the
 * workflow and by its callers (the API); contains no workflow logic.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
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
  confirmation?: { approved: boolean; reason: 'user' | 'timeout' };
  steps: StepState[];
  credits: { charged: number; refunded: number };
  reply?: string;
  error?: ErrorBody;
}

export interface ConfirmationDecision {
  user_id: string;
  approved: boolean;
}

export const turnStateQuery = defineQuery<TurnState>('turnState');

/**
 * The user's answer to a confirmation request. Validated before it is accepted: only the turn's
 * own user, only while a confirmation is pending (seed 000 需求 14.5).
 */
export const confirmUpdate = defineUpdate<{ accepted: true; approved: boolean }, [ConfirmationDecision]>('confirm');

/** ApplicationFailure type the validator raises for a confirmation by another user. */
export const FORBIDDEN_FAILURE = 'Forbidden';
/** ApplicationFailure type the validator raises when no confirmation is pending. */
export const NOT_PENDING_FAILURE = 'NoPendingConfirmation';
