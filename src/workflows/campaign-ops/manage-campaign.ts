/**
 * manageCampaignWorkflow (issue "Campaign automation" §1, module action manage_campaign; seed 001
 * 需求 4): pause / start / delete campaigns, ad sets or ads, or change their budgets, over HTTP.
 * The changes are previewed first (objects and before/after values); risky ones (deleting,
 * stopping several campaigns, a budget change above 50%) wait for `confirmChanges`; then each
 * object is changed on its platform and recorded in the Web Platform (需求 4.3). Answers `operationState`.
 */
import { CancellationScope, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { ChangePreview } from '../../activities/campaign-ops/ads-types.js';
import type { StepParameters } from '../../domain/chat/intent.js';
import type { Language } from '../../domain/chat/intent.js';
import { acts, adsActs } from '../kit/activity-options.js';
import { errorBodyOf } from '../kit/failures.js';
import { Operation, UserId } from '../../domain/search-attributes.js';
import { applyChanges, type ChangeOutcome } from './apply-changes.js';
import { confirmationGate, type ConfirmationOutcome } from '../kit/confirmation.js';
import { operationStateQuery, type OperationBilling, type OperationState } from '../kit/operation.js';

export interface ManageCampaignInput {
  userId: string;
  /** manage_campaign: parameters.operation pause | start | delete; update_budget: parameters.budget_change. */
  action: 'manage_campaign' | 'update_budget';
  /** which objects (targets: ids or names; level; platforms; scope) and what to do. */
  parameters: StepParameters;
  language: Language;
  /** seconds a risky change waits for confirmation (default 900). */
  confirmationTimeoutSeconds?: number;
  billing?: OperationBilling;
}

export interface ManageCampaignResult {
  preview: ChangePreview;
  applied: ChangeOutcome[];
  confirmation?: ConfirmationOutcome;
}

export async function manageCampaignWorkflow(input: ManageCampaignInput): Promise<ManageCampaignResult> {
  const { workflowId } = workflowInfo();
  const state: OperationState = { operation: input.action, user_id: input.userId, status: 'running' };
  setHandler(operationStateQuery, () => state);
  const confirm = confirmationGate(input.userId, state);
  upsertSearchAttributes([
    { key: UserId, value: input.userId },
    { key: Operation, value: input.action },
  ]);
  const chargeId = `${workflowId}:charge`;
  const credits = input.billing?.credits ?? 0;
  const refund = () => CancellationScope.nonCancellable(() => acts.refundCredits(input.userId, credits, chargeId));
  if (credits > 0) await acts.deductCredits(input.userId, credits, `campaign.${input.action}`, chargeId);
  try {
    const preview = await adsActs.previewCampaignChanges({ userId: input.userId, action: input.action, parameters: input.parameters, language: input.language });
    state.progress = { preview };
    let confirmation: ConfirmationOutcome | undefined;
    if (preview.risk_reasons.length > 0) {
      confirmation = await confirm(input.confirmationTimeoutSeconds ?? 900);
      if (!confirmation.approved) {
        if (credits > 0) await refund();
        state.status = 'completed';
        state.result = { preview, applied: [], confirmation };
        return state.result as ManageCampaignResult;
      }
    }
    const { outcomes, failed } = await applyChanges(input.userId, workflowId, input.language, preview.changes);
    if (failed > 0 && failed === outcomes.length && credits > 0) await refund();
    const result: ManageCampaignResult = { preview, applied: outcomes, ...(confirmation ? { confirmation } : {}) };
    state.status = 'completed';
    state.result = result;
    return result;
  } catch (err) {
    state.status = 'failed';
    state.error = errorBodyOf(err, input.language);
    if (credits > 0) await refund();
    throw err;
  }
}
