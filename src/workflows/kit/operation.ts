/**
 * What every campaign operation workflow (create campaign, optimise budget, A/B test, rule check,
 * campaign status) answers to `GET /api/v1/operations/{id}` while it runs and after it ends:
 * the `operationState` query. No workflow logic here.
 */
import { defineQuery } from '@temporalio/workflow';
import type { ErrorBody } from '../../domain/errors.js';

export type OperationStatus = 'running' | 'awaiting_confirmation' | 'completed' | 'failed' | 'rolled_back';

/** An operation's state: its kind, status, progress while running, result or error when done. */
export interface OperationState {
  /** e.g. create_campaign, optimize_budget, ab_test, rule_check, get_campaign_status. */
  operation: string;
  user_id: string;
  status: OperationStatus;
  /** operation-specific progress (e.g. A/B test day counts and current figures). */
  progress?: unknown;
  result?: unknown;
  error?: ErrorBody;
}

export const operationStateQuery = defineQuery<OperationState>('operationState');

export type { OperationBilling } from '../../domain/campaign-ops/operation-inputs.js';
