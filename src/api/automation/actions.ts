/**
 * The campaign automation module's actions (issue "Campaign automation" §1; seed 001 technical
 * detail 1): each validates its parameters and starts (or runs) its operation workflow. Money in
 * major units; operations started here deduct their own credits (seed 000 pricing) and refund them
 * when they fail.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { estimateCredits } from '../../domain/pricing.js';
import { PLATFORMS } from '../../domain/intent.js';
import type { OptimizeBudgetInput } from '../../workflows/campaigns/optimize-budget-definitions.js';
import { Operation, UserId } from '../../workflows/search-attributes.js';
import { OPERATION_PREFIX, type ActionContext, type AutomationAction } from './types.js';

const Platform = z.enum(PLATFORMS);

/** A new operation's workflow id. */
export const operationId = (action: string) => `${OPERATION_PREFIX}${action}-${randomUUID()}`;

/** Starts an operation workflow on the worker's task queue, searchable by user and operation. */
async function start<A>(ctx: ActionContext, action: string, workflow: string, input: A): Promise<{ kind: 'started'; operationId: string }> {
  const id = operationId(action);
  await ctx.temporal.workflow.start(workflow, {
    workflowId: id,
    taskQueue: ctx.taskQueue,
    args: [input],
    typedSearchAttributes: [
      { key: UserId, value: ctx.userId },
      { key: Operation, value: action },
    ],
  });
  return { kind: 'started', operationId: id };
}

/** Types an action by its parameters' schema. */
const defineAction = <S extends z.ZodType>(action: AutomationAction<S>): AutomationAction => action as unknown as AutomationAction;

const optimizeBudget = defineAction({
  parameters: z.object({
    platforms: z.array(Platform).min(1).optional(),
    campaign_id: z.string().min(1).max(64).optional(),
    strategy: z.enum(['maximize_roas', 'minimize_cpa', 'maximize_reach']).optional(),
    target_roas: z.number().positive().optional(),
    target_cpa: z.number().positive().optional(),
    /** apply the proposal (risky changes wait for POST /operations/{id}/confirmation). */
    apply: z.boolean().default(false),
  }),
  run: (ctx, p) =>
    start<OptimizeBudgetInput>(ctx, 'optimize_budget', 'optimizeBudgetWorkflow', {
      userId: ctx.userId,
      language: ctx.language,
      apply: p.apply,
      ...(p.platforms ? { platforms: p.platforms } : {}),
      ...(p.campaign_id ? { campaignId: p.campaign_id } : {}),
      ...(p.strategy ? { strategy: p.strategy } : {}),
      ...(p.target_roas !== undefined ? { targetRoas: p.target_roas } : {}),
      ...(p.target_cpa !== undefined ? { targetCpa: p.target_cpa } : {}),
      billing: { credits: estimateCredits('optimize_budget', {}) },
    }),
});

/** Every action by name. */
export const AUTOMATION_ACTIONS: Record<string, AutomationAction> = {
  optimize_budget: optimizeBudget,
};
