/**
 * The confirmation gate of operation workflows (seed 000 需求 14.5): registers the
 * `confirmChanges` update (validated: only the operation's user, only while pending) and waits for
 * the answer with a timeout. A rejection or a timeout means nothing is applied.
 */
import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import { FORBIDDEN_FAILURE, NOT_PENDING_FAILURE } from '../chat/definitions.js';
import { confirmChangesUpdate, type OperationState } from './operation.js';

export interface ConfirmationOutcome {
  approved: boolean;
  reason: 'user' | 'timeout';
}

/**
 * Registers the update handler; call once at the start of the workflow.
 * @returns a function that sets the state to awaiting_confirmation and waits up to `timeoutSeconds`
 */
export function confirmationGate(userId: string, state: OperationState): (timeoutSeconds: number) => Promise<ConfirmationOutcome> {
  let decision: boolean | undefined;
  setHandler(
    confirmChangesUpdate,
    (d) => {
      decision = d.approved;
      return { accepted: true, approved: d.approved };
    },
    {
      validator: (d) => {
        if (d.user_id !== userId) throw ApplicationFailure.nonRetryable('Only the user of this operation may confirm it', FORBIDDEN_FAILURE);
        if (state.status !== 'awaiting_confirmation' || decision !== undefined) {
          throw ApplicationFailure.nonRetryable('No confirmation is pending for this operation', NOT_PENDING_FAILURE);
        }
      },
    },
  );
  return async (timeoutSeconds) => {
    state.status = 'awaiting_confirmation';
    const answered = await condition(() => decision !== undefined, timeoutSeconds * 1000);
    state.status = 'running';
    return { approved: answered && decision === true, reason: answered ? 'user' : 'timeout' };
  };
}
