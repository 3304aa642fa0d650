/**
 * optimizeBudgetWorkflow (issue "Campaign automation" §3; seed 001 需求 3, properties 5 and 6):
 * proposes budget changes from the last 7 days per ad set (ROAS above 1.5× target: +20%, CPA
 * above 1.5× target: −20%, no conversions for 3 days: pause, never above 50% at once), and, when
 * asked to apply, applies them: at once when none is high risk, after the user's confirmation
 * (update `confirmChanges`) otherwise. Started over HTTP; answers `operationState`.
 */
import { CancellationScope, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { OptimizerActivities } from '../../activities/campaign-ops/optimizer-types.js';
import { acts } from '../kit/activity-options.js';
import { applyChanges } from './apply-changes.js';
import { errorBodyOf } from '../kit/failures.js';
import { ACTIVITY_RETRY } from '../kit/retry-policy.js';
import { Operation, PlatformAttr, UserId } from '../../domain/search-attributes.js';
import { confirmationGate } from '../kit/confirmation.js';
import type { OptimizeBudgetInput, OptimizeBudgetResult } from './optimize-budget-definitions.js';
import { operationStateQuery, type OperationState } from '../kit/operation.js';

const optimizerActs = proxyActivities<OptimizerActivities>({ startToCloseTimeout: '75s', retry: ACTIVITY_RETRY });

export async function optimizeBudgetWorkflow(input: OptimizeBudgetInput): Promise<OptimizeBudgetResult> {
  const { workflowId } = workflowInfo();
  const state: OperationState = { operation: 'optimize_budget', user_id: input.userId, status: 'running' };
  setHandler(operationStateQuery, () => state);
  const confirm = confirmationGate(input.userId, state);
  upsertSearchAttributes([
    { key: UserId, value: input.userId },
    { key: Operation, value: 'optimize_budget' },
    ...(input.platforms?.length === 1 ? [{ key: PlatformAttr, value: input.platforms[0]! }] : []),
  ]);

  const chargeId = `${workflowId}:charge`;
  const credits = input.billing?.credits ?? 0;
  const refund = () => CancellationScope.nonCancellable(() => acts.refundCredits(input.userId, credits, chargeId));
  if (credits > 0) await acts.deductCredits(input.userId, credits, 'campaign.optimize_budget', chargeId);
  try {
    const proposal = await optimizerActs.proposeBudgetOptimization(input);
    state.progress = { proposal };
    const done = (result: OptimizeBudgetResult) => {
      state.status = 'completed';
      state.result = result;
      return result;
    };
    if (!input.apply || proposal.changes.length === 0) return done({ proposal, applied: [] });
    if (proposal.risk_reasons.length > 0) {
      const confirmation = await confirm(input.confirmationTimeoutSeconds ?? 900);
      if (!confirmation.approved) {
        if (credits > 0) await refund();
        return done({ proposal, applied: [], confirmation });
      }
      const { outcomes } = await applyChanges(input.userId, workflowId, input.language, proposal.changes);
      return done({ proposal, applied: outcomes, confirmation });
    }
    const { outcomes } = await applyChanges(input.userId, workflowId, input.language, proposal.changes);
    return done({ proposal, applied: outcomes });
  } catch (err) {
    state.status = 'failed';
    state.error = errorBodyOf(err, input.language);
    if (credits > 0) await refund();
    throw err;
  }
}
