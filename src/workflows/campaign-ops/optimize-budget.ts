/**
 * optimizeBudgetWorkflow (issue "Campaign automation" §3; seed 001 需求 3, properties 5 and 6):
 * proposes budget changes from the last 7 days per ad set (ROAS above 1.5× target: +20%, CPA
 * above 1.5× target: −20%, no conversions for 3 days: pause, never above 50% at once), and, when
 * asked to apply, applies them: at once when none is high risk, after the user's confirmation
 * (update `confirm`) otherwise. Started over HTTP; answers `operationState`.
 */
import { proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { OptimizerActivities } from '../../activities/campaign-ops/optimizer-types.js';
import { PlatformAttr } from '../../domain/search-attributes.js';
import { PLATFORM_READ } from '../kit/activity-options.js';
import { Charge } from '../kit/charged-step.js';
import type { ConfirmationOutcome } from '../kit/confirmation.js';
import { operationFrame } from '../kit/operation-frame.js';
import { applyChanges } from './apply-changes.js';
import type { OptimizeBudgetInput, OptimizeBudgetResult } from './optimize-budget-definitions.js';

/** The proposal reads 7 days of every ad set on the user's platforms (several platform calls). */
const optimizer = proxyLocalActivities<OptimizerActivities>(PLATFORM_READ);

/**
 * Proposes and (when asked, after confirmation when risky) applies budget changes; charges
 * `billing.credits` at the start and refunds them on rejection, timeout or failure.
 * @throws the proposal's coded failure (6000, platform codes) after refunding
 */
export async function optimizeBudgetWorkflow(input: OptimizeBudgetInput): Promise<OptimizeBudgetResult> {
  const { workflowId } = workflowInfo();
  const frame = operationFrame('optimize_budget', input.userId, input.platforms?.length === 1 ? [{ key: PlatformAttr, value: input.platforms[0]! }] : []);
  const charge = await Charge.deduct({ userId: input.userId, credits: input.billing?.credits ?? 0, operationType: 'campaign.optimize_budget', operationId: `${workflowId}:charge` });
  try {
    const proposal = await optimizer.proposeBudgetOptimization(input);
    frame.state.progress = { proposal };
    if (!input.apply || proposal.changes.length === 0) return frame.complete({ proposal, applied: [] });
    let confirmation: ConfirmationOutcome | undefined;
    if (proposal.risk_reasons.length > 0) {
      confirmation = await frame.confirm(input.confirmationTimeoutSeconds ?? 900, charge);
      if (!confirmation.approved) return frame.complete({ proposal, applied: [], confirmation });
    }
    const { outcomes } = await applyChanges(input.userId, workflowId, input.language, proposal.changes);
    return frame.complete({ proposal, applied: outcomes, ...(confirmation ? { confirmation } : {}) });
  } catch (err) {
    frame.fail(err, input.language);
    await charge.refund();
    throw err;
  }
}
