/**
 * optimizeBudgetWorkflow's public surface (input, result; confirmation: operation.ts), shared by the workflow and its
 * callers (the API); no workflow logic.
 */
import type { BudgetOptimizationRequest, BudgetProposal } from '../../activities/campaign-ops/optimizer-types.js';
import type { ChangeOutcome } from './apply-changes.js';
import type { OperationBilling } from '../kit/operation.js';
import type { ConfirmationOutcome } from '../kit/confirmation.js';

export interface OptimizeBudgetInput extends BudgetOptimizationRequest {
  /** apply the proposal (after confirmation when risky); false: propose only. */
  apply: boolean;
  /** how long a risky proposal waits for confirmation, seconds (default 900). */
  confirmationTimeoutSeconds?: number;
  billing?: OperationBilling;
}

export interface OptimizeBudgetResult {
  proposal: BudgetProposal;
  /** what was applied, one outcome per change; empty when only proposed, rejected or timed out. */
  applied: ChangeOutcome[];
  confirmation?: ConfirmationOutcome;
}

