/**
 * The intent plan: what a chat message asks the system to do.
 *
 * Implements seed 000 需求 2 (intent recognition) and 需求 3 (multi-step plans). The module and
 * action names are the contract of `POST /api/v1/intent` and of the chat turn workflow; both the
 * Gemini path and the offline model produce an {@link IntentDraft}, which {@link ./plan.ts} turns
 * into an {@link IntentPlan} by adding cost estimates, risk and dependency order.
 */
import { z } from 'zod';

/** Every module the orchestrator knows and the actions each one offers (seed 000 phases 2-6). */
export const MODULE_ACTIONS = {
  creative: ['generate_creative', 'analyze_creative'],
  reporting: ['get_reports', 'analyze_performance', 'detect_anomaly'],
  market_intel: ['analyze_competitor', 'get_trends', 'generate_strategy'],
  landing_page: ['create_landing_page', 'translate_page', 'create_page_ab_test'],
  campaign: [
    'create_campaign',
    'optimize_budget',
    'update_budget',
    'manage_campaign',
    'create_ab_test',
    'analyze_ab_test',
    'create_rule',
    'get_campaign_status',
  ],
} as const;

export type ModuleName = keyof typeof MODULE_ACTIONS;
export type ActionName = (typeof MODULE_ACTIONS)[ModuleName][number];

export const MODULE_NAMES = Object.keys(MODULE_ACTIONS) as ModuleName[];
export const ACTION_NAMES = Object.values(MODULE_ACTIONS).flat() as ActionName[];

/** The module an action belongs to (actions are unique across modules). */
export function moduleOf(action: ActionName): ModuleName {
  for (const m of MODULE_NAMES) {
    if ((MODULE_ACTIONS[m] as readonly string[]).includes(action)) return m;
  }
  throw new Error(`unknown action ${action}`);
}

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const PLATFORMS = ['meta', 'tiktok', 'google'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** A money amount in major currency units (e.g. 80 means 80.00 USD). */
export const MoneySchema = z.object({
  amount: z.number().nonnegative().describe('amount in major currency units'),
  currency: z.string().length(3).describe('ISO 4217 code, e.g. USD, CNY').default('USD'),
});
export type Money = z.infer<typeof MoneySchema>;

/** A relative or absolute budget change ("+20%", "double", "set to 100"). */
export const BudgetChangeSchema = z.object({
  kind: z.enum(['percent', 'multiplier', 'absolute', 'delta']),
  /** percent: +20 means +20%; multiplier: 2 means double; absolute: new budget; delta: +/- amount. */
  value: z.number(),
  currency: z.string().length(3).optional(),
});
export type BudgetChange = z.infer<typeof BudgetChangeSchema>;

export const DateRangeSchema = z.object({
  preset: z.enum(['today', 'yesterday', 'last_7_days', 'last_30_days', 'custom']),
  /** ISO dates (YYYY-MM-DD), only for preset custom. */
  start: z.string().optional(),
  end: z.string().optional(),
});
export type DateRange = z.infer<typeof DateRangeSchema>;

/**
 * Parameters a step may carry. All optional: the model fills what the message states.
 * Money is always in major currency units; percentages are plain numbers (20 means 20%).
 */
export const StepParametersSchema = z
  .object({
    /** creative.generate_creative: how many images. */
    count: z.number().int().positive().optional(),
    /** product or subject the step is about ("无线降噪耳机", "new sneakers"). */
    product: z.string().optional(),
    /** visual or copy style ("minimal", "科技感"). */
    style: z.string().optional(),
    platforms: z.array(z.enum(PLATFORMS)).optional(),
    /** daily budget for new campaigns. */
    budget: MoneySchema.optional(),
    budget_change: BudgetChangeSchema.optional(),
    /** campaign.manage_campaign. */
    operation: z.enum(['pause', 'start', 'delete']).optional(),
    /** which objects the step targets: all of them, several, one named, or resolved from context. */
    scope: z.enum(['all', 'several', 'one']).optional(),
    /** level of the targeted objects. */
    level: z.enum(['campaign', 'adset', 'ad']).optional(),
    /** names or ids of targeted campaigns / ad sets as the user wrote them. */
    targets: z.array(z.string()).optional(),
    /** a selector resolved against performance data ("best_performing", "worst_performing", "losing_money"). */
    selector: z.enum(['best_performing', 'worst_performing', 'losing_money']).optional(),
    countries: z.array(z.string()).optional(),
    languages: z.array(z.string()).optional(),
    date_range: DateRangeSchema.optional(),
    metrics: z.array(z.string()).optional(),
    /** competitor names or URLs (market_intel). */
    competitors: z.array(z.string()).optional(),
    /** optimisation strategy (campaign.optimize_budget). */
    strategy: z.enum(['maximize_roas', 'minimize_cpa', 'maximize_reach']).optional(),
    /** target ROAS (ratio) or CPA (major units). */
    target_roas: z.number().positive().optional(),
    target_cpa: z.number().positive().optional(),
    /** ids of creatives the step uses, from the message or resolved from context. */
    creative_ids: z.array(z.string()).optional(),
    /** references to earlier entities ("刚才的素材", "the campaign I created") still to resolve. */
    references: z.array(z.enum(['creative', 'campaign', 'adset', 'landing_page', 'report'])).optional(),
    /** rule definition text for campaign.create_rule. */
    rule: z.string().optional(),
    /** landing page URL, product URL or other link in the message. */
    url: z.string().optional(),
    /** campaign name to create, or the user's wording for it. */
    campaign_name: z.string().optional(),
  })
  .passthrough();
export type StepParameters = z.infer<typeof StepParametersSchema>;

/** One step as a model proposes it, before cost, risk and ordering are added. */
export const DraftStepSchema = z.object({
  module: z.enum(MODULE_NAMES as [ModuleName, ...ModuleName[]]),
  action: z.enum(ACTION_NAMES as [ActionName, ...ActionName[]]),
  parameters: StepParametersSchema.default({}),
});
export type DraftStep = z.infer<typeof DraftStepSchema>;

/** What a model returns for a message: the steps it reads, how sure it is, and the user's language. */
export const IntentDraftSchema = z.object({
  steps: z.array(DraftStepSchema),
  /** 0..1; below 0.6 the turn asks a clarifying question instead of acting (seed 000 task 3.3). */
  confidence: z.number().min(0).max(1),
  language: z.enum(LANGUAGES),
  /** a clarifying question in the user's language, when the message is ambiguous. */
  clarification: z.string().optional(),
});
export type IntentDraft = z.infer<typeof IntentDraftSchema>;

export type Risk = 'low' | 'medium' | 'high';

/** A planned step: the draft plus its dependencies (indices into steps), cost in credits and risk. */
export interface PlanStep extends DraftStep {
  depends_on: number[];
  /** estimated cost in credits (whole credits). */
  estimated_credits: number;
  risk: Risk;
  /** why the step is high risk, in the user's language (empty for low/medium). */
  risk_reasons: string[];
}

/** The answer of `POST /api/v1/intent` and the plan a chat turn executes. */
export interface IntentPlan {
  steps: PlanStep[];
  confidence: number;
  language: Language;
  clarification?: string;
}
