/**
 * Turns a model's {@link IntentDraft} into the executable {@link IntentPlan}: dependency order,
 * `depends_on`, cost estimates and risk (seed 000 需求 3.3, property 2: creative before campaign,
 * landing page before campaign, analysis before optimisation).
 */
import type { ActionName, DraftStep, IntentDraft, IntentPlan, PlanStep } from './intent.js';
import { estimateCredits } from '../credits/pricing.js';
import { assessRisk } from './risk.js';

/** Confidence below which a turn asks a clarifying question instead of acting. */
export const MIN_CONFIDENCE = 0.6;

/** For each action, the actions whose output it consumes when both are in one plan. */
const CONSUMES: Partial<Record<ActionName, readonly ActionName[]>> = {
  create_campaign: ['generate_creative', 'create_landing_page', 'generate_strategy'],
  create_ab_test: ['generate_creative', 'create_landing_page'],
  analyze_creative: ['generate_creative'],
  translate_page: ['create_landing_page'],
  create_page_ab_test: ['create_landing_page', 'translate_page'],
  optimize_budget: ['get_reports', 'analyze_performance', 'detect_anomaly'],
  update_budget: ['get_reports', 'analyze_performance', 'detect_anomaly'],
  manage_campaign: ['get_reports', 'analyze_performance', 'detect_anomaly'],
};

/**
 * Orders steps so every producer runs before its consumers, keeping the message's order otherwise
 * (a stable topological sort). Returns the reordered steps and, for each, the indices (in the new
 * order) of the steps it depends on.
 */
export function orderSteps(steps: readonly DraftStep[]): { steps: DraftStep[]; dependsOn: number[][] } {
  const deps = steps.map((s) =>
    steps.flatMap((other, j) => ((CONSUMES[s.action] ?? []).includes(other.action) && other !== s ? [j] : [])),
  );
  const placed: number[] = [];
  const done = new Set<number>();
  while (placed.length < steps.length) {
    const next = steps.findIndex((_, i) => !done.has(i) && deps[i]!.every((d) => done.has(d)));
    // Two steps consuming each other cannot happen with the table above; keep message order if it did.
    const pick = next >= 0 ? next : steps.findIndex((_, i) => !done.has(i));
    placed.push(pick);
    done.add(pick);
  }
  const position = new Map(placed.map((orig, pos) => [orig, pos]));
  return {
    steps: placed.map((i) => steps[i]!),
    dependsOn: placed.map((i) => deps[i]!.map((d) => position.get(d)!).sort((a, b) => a - b)),
  };
}

export interface PlanOptions {
  /** credits above which a step is high risk and needs confirmation. */
  creditThreshold: number;
}

/**
 * Builds the plan: orders the draft's steps, estimates each step's credits and assesses its risk.
 * Pure; the same draft always gives the same plan.
 */
export function buildPlan(draft: IntentDraft, options: PlanOptions): IntentPlan {
  const { steps, dependsOn } = orderSteps(draft.steps);
  const planSteps: PlanStep[] = steps.map((s, i) => {
    const estimated = estimateCredits(s.action, s.parameters);
    const { risk, reasons } = assessRisk(s, estimated, options.creditThreshold, draft.language);
    return { ...s, depends_on: dependsOn[i]!, estimated_credits: estimated, risk, risk_reasons: reasons };
  });
  return {
    steps: planSteps,
    confidence: draft.confidence,
    language: draft.language,
    ...(draft.clarification ? { clarification: draft.clarification } : {}),
  };
}
