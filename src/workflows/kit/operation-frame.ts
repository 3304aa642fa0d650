/**
 * The frame every operation workflow shares (create campaign, manage campaign, optimise budget, A/B
 * test, rule check, campaign status): its state answered by the `operationState` query, the search
 * attributes UserId and Operation (plus the caller's), the confirmation gate (status
 * `awaiting_confirmation` while a confirmation is pending), and the completed / failed endings.
 */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { Language } from '../../domain/chat/intent.js';
import { Operation, UserId } from '../../domain/search-attributes.js';
import type { Charge } from './charged-step.js';
import { confirmationGate, type ConfirmationGate, type ConfirmationOutcome } from './confirmation.js';
import { errorBodyOf } from './failures.js';
import { operationStateQuery, type OperationState, type OperationStatus } from './operation.js';

/** An operation workflow's state and endings. */
export interface OperationFrame {
  readonly state: OperationState;
  readonly gate: ConfirmationGate;
  /**
   * Asks for the user's confirmation (timeout in s); on rejection or timeout refunds the charge
   * in full (nothing is applied, nothing is charged).
   */
  confirm(timeoutSeconds: number, charge: Charge): Promise<ConfirmationOutcome>;
  /** Records the result and the status `completed`; returns the result. */
  complete<T>(result: T): T;
  /** Records the coded error (in `language`) and the status (`failed` or `rolled_back`). */
  fail(err: unknown, language: Language, status?: Extract<OperationStatus, 'failed' | 'rolled_back'>): void;
}

/**
 * Sets up the frame; call first in the workflow.
 * @param operation e.g. 'manage_campaign', 'optimize_budget', 'ab_test'
 * @param extraAttributes search attributes beyond UserId and Operation (e.g. Platform)
 */
export function operationFrame(operation: string, userId: string, extraAttributes: SearchAttributeUpdatePair[] = []): OperationFrame {
  const state: OperationState = { operation, user_id: userId, status: 'running' };
  setHandler(operationStateQuery, () => state);
  upsertSearchAttributes([{ key: UserId, value: userId }, { key: Operation, value: operation }, ...extraAttributes]);
  const gate = confirmationGate(userId, (pending) => {
    state.status = pending ? 'awaiting_confirmation' : 'running';
  });
  return {
    state,
    gate,
    async confirm(timeoutSeconds, charge) {
      const confirmation = await gate.ask(timeoutSeconds);
      if (!confirmation.approved) await charge.refund();
      return confirmation;
    },
    complete(result) {
      state.status = 'completed';
      state.result = result;
      return result;
    },
    fail(err, language, status = 'failed') {
      state.status = status;
      state.error = errorBodyOf(err, language);
    },
  };
}
