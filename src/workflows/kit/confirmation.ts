/**
 * The confirmation gate of every workflow (seed 000 需求 14.5, seed 001 需求 5.6): one update
 * definition (`confirm`), one validator (only the workflow's user, only while a confirmation is
 * pending), a timeout, and an audit record of the answer on the workflow's state. A rejection or a
 * timeout means nothing is applied and nothing is charged.
 */
import { ApplicationFailure, condition, defineUpdate, setHandler } from '@temporalio/workflow';

/** A user's answer to a pending confirmation. */
export interface ConfirmationDecision {
  user_id: string;
  approved: boolean;
}

/** What the update returns to the caller once the answer is accepted. */
export interface ConfirmationAck {
  accepted: true;
  approved: boolean;
}

/**
 * The audit record of a confirmation: who answered, when (workflow time, ISO) and what; or that
 * nobody answered within the timeout.
 */
export interface ConfirmationOutcome {
  approved: boolean;
  reason: 'user' | 'timeout';
  /** workflow time the confirmation was asked for, ISO. */
  requested_at: string;
  /** workflow time of the answer (or of the timeout), ISO. */
  answered_at: string;
  /** the user who answered (absent on timeout). */
  answered_by?: string;
}

/** The one confirmation update of every workflow: a chat turn, a campaign operation, an A/B test. */
export const confirmUpdate = defineUpdate<ConfirmationAck, [ConfirmationDecision]>('confirm');

/** ApplicationFailure type the validator raises for an answer by another user. */
export const FORBIDDEN_FAILURE = 'Forbidden';
/** ApplicationFailure type the validator raises when no confirmation is pending. */
export const NOT_PENDING_FAILURE = 'NoPendingConfirmation';

/** One workflow's gate: at most one confirmation pending at a time. */
export interface ConfirmationGate {
  /** whether a confirmation is pending now. */
  readonly pending: boolean;
  /**
   * Asks for a confirmation and waits up to `timeoutSeconds` (s) for the answer.
   * @returns the audit record (approved false on rejection or timeout)
   */
  ask(timeoutSeconds: number): Promise<ConfirmationOutcome>;
}

/**
 * Registers the `confirm` update for the workflow's user. Call once, at the start of the workflow.
 * @param ownerId the only user whose answer is accepted (others: ApplicationFailure `Forbidden`)
 * @param onPendingChange called with true when a confirmation is asked for and false when it is answered or timed out (e.g. to show `awaiting_confirmation` in the workflow's state)
 */
export function confirmationGate(ownerId: string, onPendingChange: (pending: boolean) => void = () => {}): ConfirmationGate {
  let pending = false;
  let decision: ConfirmationDecision | undefined;
  setHandler(
    confirmUpdate,
    (d) => {
      decision = d;
      return { accepted: true, approved: d.approved };
    },
    {
      validator: (d) => {
        if (d.user_id !== ownerId) throw ApplicationFailure.nonRetryable('Only the user of this workflow may confirm it', FORBIDDEN_FAILURE);
        if (!pending || decision !== undefined) throw ApplicationFailure.nonRetryable('No confirmation is pending', NOT_PENDING_FAILURE);
      },
    },
  );
  return {
    get pending() {
      return pending;
    },
    async ask(timeoutSeconds) {
      decision = undefined;
      pending = true;
      onPendingChange(true);
      const requested_at = new Date().toISOString(); // workflow time
      const answered = await condition(() => decision !== undefined, timeoutSeconds * 1000);
      pending = false;
      onPendingChange(false);
      const answered_at = new Date().toISOString();
      if (!answered) return { approved: false, reason: 'timeout', requested_at, answered_at };
      return { approved: decision!.approved, reason: 'user', requested_at, answered_at, answered_by: decision!.user_id };
    },
  };
}
