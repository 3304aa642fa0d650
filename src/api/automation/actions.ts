/**
 * The campaign automation module's actions (issue "Campaign automation" §1; seed 001 technical
 * detail 1): create_campaign, optimize_budget, manage_campaign, create_ab_test, analyze_ab_test,
 * create_rule, get_campaign_status. Parameters are snake_case; each action maps them to its
 * workflow's input, validates it, and starts (or runs) the workflow. Money in major units.
 * Operations started here deduct their own credits (seed 000 pricing) and refund them on failure.
 */
import { abTestWorkflow } from '../../workflows/ab-tests/ab-test.js';
import { campaignStatusWorkflow } from '../../workflows/campaign-ops/campaign-status.js';
import { createCampaignWorkflow } from '../../workflows/campaign-ops/create-campaign.js';
import { manageCampaignWorkflow } from '../../workflows/campaign-ops/manage-campaign.js';
import { optimizeBudgetWorkflow } from '../../workflows/campaign-ops/optimize-budget.js';
import { createHash, randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { z } from 'zod';
import { CreateCampaignInputSchema, type CreateCampaignInput } from '../../domain/campaign-ops/create-campaign-input.js';
import { AbTestInputSchema, CampaignStatusInputSchema, type AbTestInput, type CampaignStatusInput } from '../../domain/campaign-ops/operation-inputs.js';
import { AppError } from '../../domain/errors.js';
import { BudgetChangeSchema, PLATFORMS, type ActionName } from '../../domain/chat/intent.js';
import { estimateCredits } from '../../domain/credits/pricing.js';
import { createRuleSchedule } from '../../integrations/temporal/rule-schedules.js';
import { analyzeAbTestUpdate, NOT_READY_FAILURE } from '../../workflows/ab-tests/definitions.js';
import { Operation, UserId } from '../../domain/search-attributes.js';
import { codedErrorOf } from '../../integrations/temporal/coded-error.js';
import { OPERATION_PREFIX, type ActionContext, type AutomationAction } from './types.js';

const Platform = z.enum(PLATFORMS);
const PlatformId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a platform id: letters, digits, _ and -');

/** A new operation's workflow id. */
export const operationId = (action: string) => `${OPERATION_PREFIX}${action}-${randomUUID()}`;

/** Types an action by its parameters' schema. */
const defineAction = <S extends z.ZodType>(action: AutomationAction<S>): AutomationAction => action as unknown as AutomationAction;

/** Validates a workflow input built from the parameters. @throws AppError 1001 with the issues */
function validated<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new AppError('1001', 'Invalid parameters', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  }
  return parsed.data;
}

/** Credits an operation started over HTTP deducts itself. */
const billing = (action: ActionName) => ({ credits: estimateCredits(action, {}) });

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Starts an operation workflow on the worker's task queue, searchable by user and operation.
 * With an Idempotency-Key the workflow id derives from the user, the action and the key, and
 * Temporal keeps the one workflow of that id: a repeat with the same payload answers the same
 * operation (nothing runs or is charged twice); with another payload → AppError 1009 (409).
 * Without a key every call starts a new operation.
 */
async function start<W extends (input: never) => Promise<unknown>>(ctx: ActionContext, action: string, workflow: W, input: Parameters<W>[0]): Promise<{ kind: 'started'; operationId: string }> {
  const id = ctx.idempotencyKey ? `${OPERATION_PREFIX}${action}-${sha256(`${ctx.userId}\n${action}\n${ctx.idempotencyKey}`).slice(0, 32)}` : operationId(action);
  const requestHash = sha256(JSON.stringify(input));
  try {
    await ctx.temporal.workflow.start(workflow as unknown as (input: Parameters<W>[0]) => Promise<unknown>, {
      workflowId: id,
      taskQueue: ctx.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'FAIL',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      memo: { request_sha256: requestHash },
      typedSearchAttributes: [
        { key: UserId, value: ctx.userId },
        { key: Operation, value: action },
      ],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError) || !ctx.idempotencyKey) throw err;
    const { memo } = await ctx.temporal.workflow.getHandle(id).describe();
    if ((memo as { request_sha256?: unknown } | undefined)?.request_sha256 !== requestHash) {
      throw new AppError('1009', 'This Idempotency-Key was used with another request', { idempotency_key: ctx.idempotencyKey });
    }
  }
  return { kind: 'started', operationId: id };
}

const createCampaign = defineAction({
  parameters: z.object({
    platform: Platform,
    name: z.string().optional(),
    objective: z.enum(['sales', 'traffic', 'awareness', 'leads']).optional(),
    daily_budget: z.number(),
    countries: z.array(z.string()).optional(),
    age_groups: z.array(z.tuple([z.number(), z.number()])).optional(),
    audience: z.enum(['broad', 'lookalike']).optional(),
    creative_ids: z.array(z.string()),
    landing_url: z.string().optional(),
    product: z.string().optional(),
  }),
  run: (ctx, p) => {
    const input: CreateCampaignInput = validated(CreateCampaignInputSchema, {
      userId: ctx.userId,
      platform: p.platform,
      dailyBudget: p.daily_budget,
      creativeIds: p.creative_ids,
      language: ctx.language,
      billing: billing('create_campaign'),
      ...(p.name !== undefined ? { name: p.name } : {}),
      ...(p.objective ? { objective: p.objective } : {}),
      ...(p.countries ? { countries: p.countries } : {}),
      ...(p.age_groups ? { ageGroups: p.age_groups } : {}),
      ...(p.audience ? { audience: p.audience } : {}),
      ...(p.landing_url !== undefined ? { landingUrl: p.landing_url } : {}),
      ...(p.product !== undefined ? { product: p.product } : {}),
    });
    return start(ctx, 'create_campaign', createCampaignWorkflow, input);
  },
});

const optimizeBudget = defineAction({
  parameters: z.object({
    platforms: z.array(Platform).min(1).optional(),
    campaign_id: PlatformId.optional(),
    strategy: z.enum(['maximize_roas', 'minimize_cpa', 'maximize_reach']).optional(),
    target_roas: z.number().positive().optional(),
    target_cpa: z.number().positive().optional(),
    /** apply the proposal (risky changes wait for POST /operations/{id}/confirmation). */
    apply: z.boolean().default(false),
  }),
  run: (ctx, p) =>
    start(ctx, 'optimize_budget', optimizeBudgetWorkflow, {
      userId: ctx.userId,
      language: ctx.language,
      apply: p.apply,
      billing: billing('optimize_budget'),
      ...(p.platforms ? { platforms: p.platforms } : {}),
      ...(p.campaign_id ? { campaignId: p.campaign_id } : {}),
      ...(p.strategy ? { strategy: p.strategy } : {}),
      ...(p.target_roas !== undefined ? { targetRoas: p.target_roas } : {}),
      ...(p.target_cpa !== undefined ? { targetCpa: p.target_cpa } : {}),
    }),
});

const manageCampaign = defineAction({
  parameters: z
    .object({
      /** pause, start or delete; or a budget change instead. */
      operation: z.enum(['pause', 'start', 'delete']).optional(),
      budget_change: BudgetChangeSchema.optional(),
      /** ids or names of the objects. */
      targets: z.array(z.string().min(1).max(200)).min(1).max(100).optional(),
      scope: z.enum(['all', 'several', 'one']).optional(),
      level: z.enum(['campaign', 'adset', 'ad']).optional(),
      platforms: z.array(Platform).min(1).optional(),
    })
    .refine((p) => (p.operation === undefined) !== (p.budget_change === undefined), { message: 'give either operation or budget_change' })
    .refine((p) => p.targets?.length || p.scope === 'all', { message: 'name the targets, or scope "all"' }),
  run: (ctx, p) =>
    start(ctx, 'manage_campaign', manageCampaignWorkflow, {
      userId: ctx.userId,
      action: p.operation ? 'manage_campaign' : 'update_budget',
      parameters: p,
      language: ctx.language,
      billing: billing('manage_campaign'),
    }),
});

const createAbTest = defineAction({
  parameters: z.object({
    platform: Platform,
    name: z.string().optional(),
    creative_ids: z.array(z.string()),
    daily_budget: z.number(),
    duration_days: z.number().optional(),
    countries: z.array(z.string()).optional(),
    landing_url: z.string().optional(),
    headline: z.string().optional(),
    primary_text: z.string().optional(),
  }),
  run: (ctx, p) => {
    const input: AbTestInput = validated(AbTestInputSchema, {
      userId: ctx.userId,
      platform: p.platform,
      creativeIds: p.creative_ids,
      dailyBudget: p.daily_budget,
      language: ctx.language,
      billing: billing('create_ab_test'),
      ...(p.name !== undefined ? { name: p.name } : {}),
      ...(p.duration_days !== undefined ? { durationDays: p.duration_days } : {}),
      ...(p.countries ? { countries: p.countries } : {}),
      ...(p.landing_url !== undefined ? { landingUrl: p.landing_url } : {}),
      ...(p.headline !== undefined ? { headline: p.headline } : {}),
      ...(p.primary_text !== undefined ? { primaryText: p.primary_text } : {}),
    });
    return start(ctx, 'ab_test', abTestWorkflow, input);
  },
});

const analyzeAbTest = defineAction({
  parameters: z.object({ test_id: z.string().startsWith(`${OPERATION_PREFIX}ab_test-`), conclude: z.boolean().optional() }),
  run: async (ctx, p) => {
    const handle = ctx.temporal.workflow.getHandle(p.test_id);
    try {
      const owner = (await handle.describe()).typedSearchAttributes.get(UserId);
      if (owner !== ctx.userId) throw new AppError('1004', 'No such A/B test', { test_id: p.test_id });
      return { kind: 'done', result: await handle.executeUpdate(analyzeAbTestUpdate, { args: [p.conclude ? { conclude: true } : {}] }) };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new AppError('1004', 'No such A/B test', { test_id: p.test_id });
      const cause = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
      if (cause instanceof ApplicationFailure && cause.type === NOT_READY_FAILURE) {
        throw new AppError('1009', 'The test is still being set up', { test_id: p.test_id });
      }
      throw err;
    }
  },
});

const createRule = defineAction({
  parameters: z.object({ rule: z.record(z.string(), z.unknown()), rule_id: z.string().optional() }),
  run: async (ctx, p) => ({
    kind: 'done',
    result: await createRuleSchedule(ctx.temporal, ctx.taskQueue, {
      userId: ctx.userId,
      rule: p.rule as Parameters<typeof createRuleSchedule>[2]['rule'],
      language: ctx.language,
      ...(p.rule_id ? { ruleId: p.rule_id } : {}),
    }),
  }),
});

const getCampaignStatus = defineAction({
  parameters: z.object({ platform: Platform, campaign_id: z.string(), days: z.number().optional(), refresh: z.boolean().optional() }),
  run: async (ctx, p) => {
    const input: CampaignStatusInput = validated(CampaignStatusInputSchema, {
      userId: ctx.userId,
      platform: p.platform,
      campaignId: p.campaign_id,
      language: ctx.language,
      ...(p.days !== undefined ? { days: p.days } : {}),
      ...(p.refresh !== undefined ? { refresh: p.refresh } : {}),
    });
    try {
      const result = await ctx.temporal.workflow.execute(campaignStatusWorkflow, {
        workflowId: operationId('get_campaign_status'),
        taskQueue: ctx.taskQueue,
        args: [input],
        typedSearchAttributes: [
          { key: UserId, value: ctx.userId },
          { key: Operation, value: 'get_campaign_status' },
        ],
      });
      return { kind: 'done', result };
    } catch (err) {
      throw codedErrorOf(err) ?? err;
    }
  },
});

/** Every action by name (seed 001 technical detail 1). */
export const AUTOMATION_ACTIONS: Record<string, AutomationAction> = {
  create_campaign: createCampaign,
  optimize_budget: optimizeBudget,
  manage_campaign: manageCampaign,
  create_ab_test: createAbTest,
  analyze_ab_test: analyzeAbTest,
  create_rule: createRule,
  get_campaign_status: getCampaignStatus,
};
