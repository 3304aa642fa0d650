/**
 * manageCampaignWorkflow (issue "Campaign automation" §1, module action manage_campaign; seed 001
 * 需求 4): pause / start / delete campaigns, ad sets or ads, or change their budgets, over HTTP.
 * The changes are previewed first (objects and before/after values); risky ones (deleting,
 * stopping several campaigns, a budget change above 50%) wait for the `confirm` update; then each
 * object is changed on its platform and recorded in the Web Platform (需求 4.3). Answers `operationState`.
 */
import { proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { AdsActivities, ChangePreview } from '../../activities/campaign-ops/ads-types.js';
import type { Language, StepParameters } from '../../domain/chat/intent.js';
import { PLATFORM_READ } from '../kit/activity-options.js';
import { Charge } from '../kit/charged-step.js';
import type { ConfirmationOutcome } from '../kit/confirmation.js';
import { operationFrame } from '../kit/operation-frame.js';
import type { OperationBilling } from '../kit/operation.js';
import { applyChanges, type ChangeOutcome } from './apply-changes.js';

/** The preview is a platform read: a local activity. */
const platformReads = proxyLocalActivities<Pick<AdsActivities, 'previewCampaignChanges'>>(PLATFORM_READ);

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

/**
 * Previews, confirms when risky, applies and records the changes; charges `billing.credits` at the
 * start and refunds them when nothing was applied (rejected, timed out, every object failed, or an error).
 * @throws the preview's coded failure (1001, 1004, 6000, platform codes) after refunding
 */
export async function manageCampaignWorkflow(input: ManageCampaignInput): Promise<ManageCampaignResult> {
  const { workflowId } = workflowInfo();
  const frame = operationFrame(input.action, input.userId);
  const charge = await Charge.deduct({ userId: input.userId, credits: input.billing?.credits ?? 0, operationType: `campaign.${input.action}`, operationId: `${workflowId}:charge` });
  try {
    const preview = await platformReads.previewCampaignChanges({ userId: input.userId, action: input.action, parameters: input.parameters, language: input.language });
    frame.state.progress = { preview };
    let confirmation: ConfirmationOutcome | undefined;
    if (preview.risk_reasons.length > 0) {
      confirmation = await frame.confirm(input.confirmationTimeoutSeconds ?? 900, charge);
      if (!confirmation.approved) return frame.complete({ preview, applied: [], confirmation });
    }
    const { outcomes, failed } = await applyChanges(input.userId, workflowId, input.language, preview.changes);
    if (failed > 0 && failed === outcomes.length) await charge.refund();
    return frame.complete({ preview, applied: outcomes, ...(confirmation ? { confirmation } : {}) });
  } catch (err) {
    frame.fail(err, input.language);
    await charge.refund();
    throw err;
  }
}
